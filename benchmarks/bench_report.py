"""Benchmark: render review pages and run the figure checks; time per article and the ratio to extraction.

    python benchmarks/bench_report.py [FOLDER ...] [--repeat 5]

FOLDER defaults to ../shared/articles and tests/report/articles. Extraction runs once; rendering,
the extra figure checks and the checks across articles run --repeat times. Prints milliseconds
per article and (time) / (extraction time).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from berita_extract.crosscheck import cross_checks
from berita_extract.figure_checks import extra_checks
from berita_extract.report import write_report
from berita_extract.review import gather

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Run the benchmark and print one line per step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    defaults = (ROOT.parent / "shared" / "articles", ROOT / "tests" / "report" / "articles")
    folders = args.folders or [str(p) for p in defaults if p.is_dir()]
    t0 = time.perf_counter()
    got = gather(folders)
    extract_s = time.perf_counter() - t0
    items = [(f, t) for f, t in got.items if t is not None]
    n = len(items)
    mentions = sum(
        len(x.mentions)
        for f, _ in items
        for k in type(f).model_fields
        if k not in ("article", "schema_version")
        for x in getattr(f, k)
    )

    def timed(run) -> float:
        start = time.perf_counter()
        for _ in range(args.repeat):
            run()
        return (time.perf_counter() - start) / args.repeat

    with tempfile.TemporaryDirectory() as tmp:
        steps = {
            "figure checks (extra_checks)": timed(lambda: [extra_checks(f, t) for f, t in items]),
            "checks across articles": timed(lambda: cross_checks(items)),
            "review pages (render + write)": timed(
                lambda: write_report(items, Path(tmp) / "r", cross_checks(items))
            ),
        }
    per = extract_s * 1000 / n
    print(f"{n} articles, {mentions} mentions; extraction (incl. model load) {per:.1f} ms/article")
    for name, secs in steps.items():
        print(f"{name:32} {secs * 1000 / n:7.2f} ms/article   ratio to extraction {secs / extract_s:.3f}")


if __name__ == "__main__":
    main()
