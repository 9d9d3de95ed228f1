"""Scaling of `extract -j N`: wall time, CPU time and peak memory of -j 1 against -j N, same output.

Run: python benchmarks/bench_parallel.py [--articles 3000] [--jobs 2] [--source ../shared/regional/articles]

The source articles (default ../shared/regional/articles, else corpus/) are copied into a temporary
folder, repeated to --articles files in sub-folders (each copy with its own id), and extracted by the
berita-extract command with -j 1 and -j N. The two outputs must be byte-identical. The machine may
be shared: the CPU time (user + system of the command and its workers) says how much work was
done, the wall-time ratio how much faster -j N finished.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "regional" / "articles"


def build(source: Path, folder: Path, n: int) -> int:
    """Copy the article files of ``source`` into ``folder``, repeated to ``n`` files; the count."""
    files = sorted(p for p in source.iterdir() if p.suffix in {".json", ".txt", ".html"})
    if not files:
        sys.exit(f"{source}: no article files")
    for i in range(n):
        copy, file = divmod(i, len(files))
        target = folder / f"c{copy:03d}" / files[file].name
        target.parent.mkdir(exist_ok=True)
        if files[file].suffix == ".json":  # a copy gets its own id: extract refuses a second use of an id
            record = json.loads(files[file].read_text(encoding="utf-8"))
            record["id"] = f"{record.get('id') or files[file].stem}-c{copy:03d}"
            target.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        else:
            shutil.copyfile(files[file], target)
    return n


def measure(folder: Path, out: Path, jobs: int) -> dict[str, float]:
    """Run extract once; wall seconds, CPU seconds of the command and its workers, and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "berita_extract.cli", "extract", str(folder), "-o", str(out),
                    "-q", "-j", str(jobs)], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": after.ru_maxrss / 1024}


def main() -> None:
    """Parse arguments, build the folder, measure -j 1 and -j N, print the table and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="article files to extract (default 3000)")
    parser.add_argument("--jobs", type=int, default=2, help="N of -j N to compare with -j 1 (default 2)")
    parser.add_argument("--source", type=Path, help="folder of articles to repeat (default ../shared/regional)")
    args = parser.parse_args()
    source = args.source or (SHARED if SHARED.is_dir() else ROOT / "corpus")
    with tempfile.TemporaryDirectory(prefix="bench-parallel-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        n = build(source, folder, args.articles)
        runs = {}
        for jobs in (1, args.jobs):
            runs[jobs] = measure(folder, Path(tmp) / f"j{jobs}.jsonl", jobs)
        same = (Path(tmp) / "j1.jsonl").read_bytes() == (Path(tmp) / f"j{args.jobs}.jsonl").read_bytes()
    print(f"{n} articles from {source}")
    print(f"{'':6} {'wall s':>8} {'CPU s':>8} {'art/s':>8}")
    for jobs, r in runs.items():
        print(f"-j {jobs:<3} {r['wall']:8.1f} {r['cpu']:8.1f} {n / r['wall']:8.1f}")
    one, many = runs[1], runs[args.jobs]
    print(f"speed-up -j {args.jobs} / -j 1: {one['wall'] / many['wall']:.2f}x wall; "
          f"CPU time ratio {many['cpu'] / one['cpu']:.2f} (1.00 = no extra work)")
    print(f"identical output: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
