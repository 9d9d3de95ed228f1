"""Pipeline speed and memory: start-up, articles/s and words/s, peak memory, ratio to tokenisation alone.

Run: python benchmarks/bench_pipeline.py [--articles 5000] [--input ../shared/regional/articles]

Each measurement runs in its own process (so start-up and peak memory are those of a fresh
interpreter) over the same texts: the articles of --input (default corpus/, the team-written
articles; real news is ../shared/regional/articles where it exists) repeated to about --articles
articles. The numbers that matter are the ratios within one run, in CPU time of the process
(wall time is printed too); this machine is shared, so absolute times move from run to run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STARTUP = """
import time
t = time.perf_counter()
{setup}
print(time.perf_counter() - t)
"""

THROUGHPUT = """
import json, resource, sys, time
from pathlib import Path
from berita_extract.inputs import read_inputs
texts = [i.article.text for i in read_inputs([{corpus!r}]) if i.article]
texts = (texts * ({n} // len(texts) + 1))[:{n}]
words = sum(len(t.split()) for t in texts)
{setup}
t, c = time.perf_counter(), time.process_time()
{run}
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "cpu": cpu, "articles": len(texts), "words": words, "peak_mb": peak_mb}}))
"""

CASES = {
    "spacy.blank('id') tokenizer": (
        "import spacy; nlp = spacy.blank('id')",
        "for doc in nlp.pipe(texts, batch_size=256): pass",
    ),
    "berita tokenizer": (
        "from berita_extract.nlp import blank; nlp = blank()",
        "for doc in nlp.pipe(texts, batch_size=256): pass",
    ),
    "full pipeline (nlp.pipe)": (
        "from berita_extract.nlp import load; nlp = load()",
        "for doc in nlp.pipe(texts, batch_size=64): pass",
    ),
    "full extraction (extract_many)": (
        "from berita_extract import extract_many, load; load()",
        "for facts in extract_many(texts): facts.model_dump_json()",
    ),
}


def run(code: str) -> str:
    """Run Python code in a fresh interpreter and return what it printed."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--input", default=str(ROOT / "corpus"), help="folder of articles (default: corpus/)")
    args = parser.parse_args()
    if not Path(args.input).is_dir():
        parser.error(f"{args.input}: no such folder")

    startup = {
        "import spacy + spacy.blank('id')": float(run(STARTUP.format(setup="import spacy; spacy.blank('id')"))),
        "berita_extract.load() (full gazetteer)": float(
            run(STARTUP.format(setup="from berita_extract.nlp import load; load()"))
        ),
    }
    print("start-up (fresh process)")
    for name, seconds in startup.items():
        print(f"  {name:<42} {seconds:6.2f} s")

    results = {}
    for name, (setup, body) in CASES.items():
        code = THROUGHPUT.format(corpus=str(Path(args.input).resolve()), n=args.articles, setup=setup, run=body)
        results[name] = json.loads(run(code))
    base = results["spacy.blank('id') tokenizer"]
    print(f"\nthroughput over {results[name]['articles']:,} articles, {results[name]['words']:,} words of {args.input}")
    print(f"  {'':<34} {'articles/s':>10} {'words/s':>10} {'peak MB':>8} {'x tok (wall)':>12} {'x tok (CPU)':>11}")
    for name, r in results.items():
        print(f"  {name:<34} {r['articles'] / r['seconds']:10,.0f} {r['words'] / r['seconds']:10,.0f} "
              f"{r['peak_mb']:8.0f} {r['seconds'] / base['seconds']:12.2f} {r['cpu'] / base['cpu']:11.2f}")
    full = results["full extraction (extract_many)"]
    print("\ntargets: full pipeline within 4x tokenisation, start-up under 2 s, peak memory under 500 MB")
    print(f"  ratio {full['cpu'] / base['cpu']:.2f}x (CPU), "
          f"start-up {startup['berita_extract.load() (full gazetteer)']:.2f} s, peak {full['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
