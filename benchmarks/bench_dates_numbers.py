"""Benchmark: find_dates and find_numbers against tokenisation alone; words/s and ratios.

    python benchmarks/bench_dates_numbers.py [--repeat 20] [paths ...]

Reads the articles under corpus/articles (and ../shared/articles when present) or the paths given
(.txt, or .json/.jsonl records with "text"), repeats them, and prints words/s of each finder, of the
project's tokenizer (berita_extract.nlp.blank) and the ratio finder time / tokenizer time.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from berita_extract.components.dates import find_dates
from berita_extract.components.numbers import find_numbers

ROOT = Path(__file__).resolve().parents[1]


def read_texts(paths: list[Path]) -> list[str]:
    """The article texts under the given files and folders."""
    texts = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".txt":
                texts.append(f.read_text(encoding="utf-8"))
            elif f.suffix == ".json":
                record = json.loads(f.read_text(encoding="utf-8"))
                if isinstance(record, dict) and isinstance(record.get("text"), str):
                    texts.append(record["text"])
            elif f.suffix == ".jsonl":
                for line in f.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        texts.append(json.loads(line)["text"])
    return texts


def timed(fn, texts: list[str]) -> float:
    """Seconds to run fn over every text (best of three)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Run the benchmark and print one line per measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    default = [ROOT / "corpus" / "articles", ROOT.parent / "shared" / "articles"]
    paths = args.paths or [p for p in default if p.exists()]
    texts = read_texts(paths) * args.repeat
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words} words")

    from berita_extract.nlp import blank

    nlp = blank()
    tokenise = timed(lambda t: nlp.make_doc(t), texts)
    print(f"tokenizer alone    {words / tokenise:12,.0f} words/s")

    def both(text: str) -> None:
        find_numbers(text, [(d.start, d.end) for d in find_dates(text)])

    for name, fn in [("find_dates", find_dates), ("find_numbers", find_numbers), ("dates+numbers", both)]:
        fn("")  # build the regexes outside the timing
        seconds = timed(fn, texts)
        print(f"{name:<18} {words / seconds:12,.0f} words/s   ratio to tokenizer {seconds / tokenise:.3f}")


if __name__ == "__main__":
    main()
