"""This checkout's speed against an earlier revision's, on the same texts, in alternating runs.

Run: python benchmarks/bench_against.py [--base a93fb8a] [--input ../shared/regional/articles] [--rounds 5]

The earlier revision is taken out of git (`git archive`) into a temporary folder and imported from there
(its own code and pattern files, this environment's libraries). Each round runs, in fresh processes, first
one side then the other (the order alternates): start-up (`berita_extract.load()` in CPU seconds) and CPU
milliseconds per article of the whole extraction (`extract_many`, records written as JSON) over the texts of
--input, after one warm-up pass. The machine is shared, so the figures that matter are the per-round ratios
and their median; a ratio of 1.10 is 10% slower than the base.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASE = "a93fb8a"  # the code before issue 8's accuracy rules

CHILD = """
import json, sys, time
c = time.process_time()
from berita_extract.nlp import load
nlp = load()
startup = time.process_time() - c
from berita_extract.extraction import extract_many
from berita_extract.inputs import read_inputs
articles = [i.article for i in read_inputs([{input!r}]) if i.article]
for facts in extract_many(articles, nlp=nlp):
    facts.model_dump_json()
c = time.process_time()
for facts in extract_many(articles * {repeat}, nlp=nlp):
    facts.model_dump_json()
per_article = (time.process_time() - c) / (len(articles) * {repeat}) * 1000
print(json.dumps({{"startup": startup, "ms": per_article, "articles": len(articles)}}))
"""


def checkout(rev: str, into: Path) -> Path:
    """The source tree of ``rev`` in ``into``, its pattern files where its package finds them; its src folder."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    tar_path = into / "rev.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    # pyproject maps berita_extract.patterns_data to patterns/: the same mapping, by a link in the package
    (into / "src" / "berita_extract" / "patterns_data").symlink_to(into / "patterns", target_is_directory=True)
    return into / "src"


def measure(src: Path, input_dir: str, repeat: int) -> dict:
    """One fresh process importing berita_extract from ``src``: start-up CPU seconds and CPU ms per article."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = CHILD.format(input=input_dir, repeat=repeat)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=src.parent)
    if done.returncode:
        raise SystemExit(f"bench_against: the run from {src} failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Alternate the two sides for --rounds rounds and print each round and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=DEFAULT_BASE, help=f"git revision to compare with (default {DEFAULT_BASE})")
    parser.add_argument("--input", default=str(ROOT / "corpus"), help="folder of articles (default: corpus/)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts in each timed run")
    args = parser.parse_args()
    if not Path(args.input).is_dir():
        parser.error(f"{args.input}: no such folder")
    input_dir = str(Path(args.input).resolve())
    with tempfile.TemporaryDirectory(prefix="bench-against-") as tmp:
        base_src = checkout(args.base, Path(tmp))
        sides = {"base": base_src, "this": ROOT / "src"}
        print(f"{args.base} (base) against this checkout, whole extraction of {args.input}")
        heads = ("base ms/art", "this ms/art", "ratio", "base start", "this start")
        print(f"  {'round':<6} {heads[0]:>11} {heads[1]:>11} {heads[2]:>6} {heads[3]:>10} {heads[4]:>10}")
        ratios, starts = [], []
        for r in range(args.rounds):
            order = ["base", "this"] if r % 2 == 0 else ["this", "base"]
            got = {side: measure(sides[side], input_dir, args.repeat) for side in order}
            ratio = got["this"]["ms"] / got["base"]["ms"]
            ratios.append(ratio)
            starts.append(got["this"]["startup"] / got["base"]["startup"])
            print(f"  {r + 1:<6} {got['base']['ms']:11.2f} {got['this']['ms']:11.2f} {ratio:6.2f} "
                  f"{got['base']['startup']:9.2f}s {got['this']['startup']:9.2f}s")
    print(f"median ratio of CPU per article {statistics.median(ratios):.3f} (target: at most 1.10); "
          f"median ratio of start-up CPU {statistics.median(starts):.3f} (target: at most 1.00)")


if __name__ == "__main__":
    main()
