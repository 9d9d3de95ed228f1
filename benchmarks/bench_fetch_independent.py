"""Main-text extraction on the independent test pages: berita_extract beside trafilatura.

The 24 pages of tests/fetch/independent were written apart from the extractor's rules (WordPress themes,
a Blogspot template, government CMSs, heavy news portals, AMP, <br>-separated bodies, a table, a long
comment thread, windows-1252 pages). Each <name>.html has <name>.txt (the article text a reader would copy)
and <name>.meta.json (title, published date, authors). Scores: bag-of-token precision, recall and F1 of the
main text, exact title and date matches, pages per second. Needs the bench extra: pip install -e ".[bench]".

    python benchmarks/bench_fetch_independent.py [--repeat 3] [--pages]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from berita_extract.fetch.article import extract
from berita_extract.fetch.decoding import decode_body

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fetch" / "independent"


def tokens(text: str | None) -> list[str]:
    """Lowercase word tokens."""
    return re.findall(r"\w+", (text or "").lower())


def prf(got: str | None, want: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1."""
    g, w = Counter(tokens(got)), Counter(tokens(want))
    overlap = sum((g & w).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(g.values()), overlap / sum(w.values())
    return p, r, 2 * p * r / (p + r)


def norm_title(title: str | None) -> str:
    """Title compared with whitespace collapsed and case folded."""
    return " ".join((title or "").split()).casefold()


def norm_date(value: object) -> str | None:
    """YYYY-MM-DD of a date, datetime or ISO-like string, else None."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    m = re.match(r"(\d{4})[-/](\d{2})[-/](\d{2})", str(value))
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def load_pages() -> list[dict]:
    """Every page: name, raw bytes, decoded html, expected text and metadata."""
    pages = []
    for path in sorted(PAGES.glob("*.html")):
        data = path.read_bytes()
        pages.append({
            "name": path.stem,
            "url": f"https://example.test/{path.stem}/",
            "bytes": data,
            "html": decode_body(data, "text/html")[0],
            "text": path.with_suffix(".txt").read_text(encoding="utf-8"),
            "meta": json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8")),
        })
    return pages


def run_berita(page: dict) -> dict:
    """berita_extract on one page: text, title, published."""
    got = extract(page["html"], url=page["url"])
    return {"text": got.text, "title": got.title, "published": norm_date(got.published)}


def run_trafilatura(page: dict) -> dict:
    """trafilatura on one page (raw bytes, its own decoding): text, title, published."""
    import trafilatura

    options = {"url": page["url"], "include_comments": False, "include_tables": True}
    text = trafilatura.extract(page["bytes"], **options)
    doc = trafilatura.bare_extraction(page["bytes"], with_metadata=True, **options)
    title = date = None
    if doc is not None:
        get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
        title, date = get("title"), get("date")
    return {"text": text, "title": title, "published": norm_date(date)}


def run_trafilatura_text(page: dict) -> dict:
    """trafilatura.extract only (the text path timed for pages/s)."""
    import trafilatura

    return {"text": trafilatura.extract(page["bytes"], url=page["url"], include_comments=False, include_tables=True)}


def score(name: str, fn: Callable[[dict], dict], pages: list[dict]) -> dict:
    """Per-page scores and totals of one extractor."""
    rows = []
    for page in pages:
        out = fn(page)
        p, r, f = prf(out["text"], page["text"])
        meta = page["meta"]
        rows.append({
            "page": page["name"], "p": p, "r": r, "f1": f,
            "title_ok": norm_title(out.get("title")) == norm_title(meta["title"]),
            "date_ok": out.get("published") == meta["published"],
            "title": out.get("title"), "published": out.get("published"),
        })
    return {"name": name, "rows": rows}


def speed(fn: Callable[[dict], dict], pages: list[dict], repeat: int) -> float:
    """Median pages per second over `repeat` passes."""
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        for page in pages:
            fn(page)
        rates.append(len(pages) / (time.perf_counter() - start))
    return statistics.median(rates)


def summary_table(results: list[dict], rates: dict[str, float]) -> str:
    """The comparison table: mean P/R/F1, pages under F1 0.85, title and date match rates, pages/s."""
    head = (f"{'extractor':<14} {'P':>6} {'R':>6} {'F1':>6} {'minF1':>6} {'F1<.85':>7} "
            f"{'title':>7} {'date':>7} {'pages/s':>8}")
    lines = [head, "-" * len(head)]
    for res in results:
        rows = res["rows"]
        n = len(rows)
        mean = {k: sum(row[k] for row in rows) / n for k in ("p", "r", "f1")}
        low = sum(row["f1"] < 0.85 for row in rows)
        titles = sum(row["title_ok"] for row in rows)
        dates = sum(row["date_ok"] for row in rows)
        lines.append(
            f"{res['name']:<14} {mean['p']:6.3f} {mean['r']:6.3f} {mean['f1']:6.3f} {min(r['f1'] for r in rows):6.3f} "
            f"{low:>4}/{n:<2} {titles:>4}/{n:<2} {dates:>4}/{n:<2} {rates[res['name']]:8.1f}"
        )
    return "\n".join(lines)


def page_table(results: list[dict]) -> str:
    """Per-page P/R/F1 and title/date hits of every extractor, side by side."""
    names = [r["name"] for r in results]
    head = f"{'page':<26}" + "".join(f" | {n[:12]:<12}  P     R     F1   T D" for n in names)
    lines = [head, "-" * len(head)]
    for i, row in enumerate(results[0]["rows"]):
        cells = []
        for res in results:
            r = res["rows"][i]
            flags = ("y" if r["title_ok"] else "-") + " " + ("y" if r["date_ok"] else "-")
            cells.append(f" | {'':<12} {r['p']:.2f}  {r['r']:.2f}  {r['f1']:.2f} {flags}")
        lines.append(f"{row['page']:<26}" + "".join(cells))
    return "\n".join(lines)


def main() -> None:
    """Score both extractors on the independent pages and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing passes (median is reported)")
    parser.add_argument("--pages", action="store_true", help="also print the per-page table")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    pages = load_pages()
    results = [score("berita_extract", run_berita, pages)]
    rates = {"berita_extract": speed(run_berita, pages, args.repeat)}
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("trafilatura is not installed: pip install -e '.[bench]'")
    else:
        results.append(score("trafilatura", run_trafilatura, pages))
        rates["trafilatura"] = speed(run_trafilatura_text, pages, args.repeat)
    print(f"{len(pages)} independent pages from {PAGES.relative_to(ROOT)}\n")
    print(summary_table(results, rates))
    if args.pages:
        print()
        print(page_table(results))


if __name__ == "__main__":
    main()
