"""Main-text extraction of the scraper beside trafilatura: token F1 against known text, and pages per second.

Pages: the hand-written fixture articles of tests/fetch/site, and WordPress-like and government-like pages
generated here around known article texts (the fixture texts, plus ../shared/articles when present), with
the chrome regional sites carry: menus, share bars, "Baca juga" links, ads, captions, related lists,
comments, reporter and editor footers. Needs the bench extra: pip install -e ".[bench]".

    python benchmarks/bench_fetch.py [--pages 300] [--repeat 3]
"""
# ruff: noqa: E501  (the HTML templates below keep their natural line breaks)

from __future__ import annotations

import argparse
import html
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from berita_extract.fetch.article import extract
from berita_extract.fetch.decoding import decode_body

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "tests" / "fetch" / "site"
SHARED = ROOT.parent / "shared" / "articles"
FIXTURES = {
    "klaster-kerupuk-ikan": "2022/10/11/klaster-kerupuk-ikan/index.html",
    "pasar-murah-kecamatan": "2022/10/14/pasar-murah-kecamatan/index.html",
    "festival-kuliner-1252": "berita/festival-kuliner-1252.html",
    "panen-jagung-1252": "berita/panen-jagung-1252.html",
    "kunjungan-kerja": "pemerintahan/kunjungan-kerja.html",
}


def tokens(text: str) -> list[str]:
    """Lowercase word tokens."""
    return re.findall(r"\w+", (text or "").lower())


def prf(got: str, want: str) -> tuple[float, float, float]:
    """Bag-of-tokens precision, recall and F1."""
    g, w = Counter(tokens(got)), Counter(tokens(want))
    overlap = sum((g & w).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(g.values()), overlap / sum(w.values())
    return p, r, 2 * p * r / (p + r)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of an article text; one-block texts are cut every two or three sentences."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    if len(paras) > 1:
        return paras
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text.strip())
    return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]


def texts() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every known article text."""
    out = []
    for path in sorted((SITE / "expected").glob("*.txt")):
        paras = path.read_text(encoding="utf-8").strip().split("\n")
        out.append((path.stem.replace("-", " ").title(), paras))
    if SHARED.is_dir():
        for path in sorted(SHARED.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            if len(record.get("text", "")) > 300:
                out.append((record.get("title") or path.stem, paragraphs(record["text"])))
    return out


RELATED = [
    "Harga Cabai di Pasar Induk Turun Tiga Hari Berturut-turut",
    "Bupati Lantik 120 Kepala Desa Terpilih",
    "Jalan Provinsi Rusak Parah, Warga Tanam Pohon Pisang",
    "Festival Budaya Digelar Akhir Pekan Ini",
    "Ratusan Siswa Ikuti Lomba Cerdas Cermat Tingkat Kabupaten",
    "BPBD Siagakan Perahu Karet Jelang Musim Hujan",
]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def chrome_in_body(rng: random.Random, paras: list[str]) -> list[str]:
    """Body paragraphs as HTML with chrome mixed in where sites put it."""
    out = [f"<p>{_esc(p)}</p>" for p in paras]
    inserts = [
        f'<p><strong>Baca Juga:</strong> <a href="/r/{rng.randrange(999)}">{rng.choice(RELATED)}</a></p>',
        f'<p>Baca juga: <a href="/r/{rng.randrange(999)}">{rng.choice(RELATED)}</a></p>',
        '<div class="ads-inline"><ins class="adsbygoogle"></ins><span>ADVERTISEMENT</span></div>',
        '<p class="scroll">SCROLL TO CONTINUE WITH CONTENT</p>',
        f'<figure class="wp-caption"><img src="/f.jpg"><figcaption>{rng.choice(RELATED)}. (Foto: Dok)</figcaption>'
        "</figure>",
        f'<div class="related-inline"><span>Berita Terkait</span><ul><li><a href="/r/1">{rng.choice(RELATED)}</a>'
        f'</li><li><a href="/r/2">{rng.choice(RELATED)}</a></li></ul></div>',
    ]
    for snippet in rng.sample(inserts, k=rng.randint(2, 4)):
        out.insert(rng.randint(1, max(1, len(out) - 1)), snippet)
    return out


def page_wp(rng: random.Random, title: str, paras: list[str]) -> str:
    """A WordPress core-theme page with JSON-LD."""
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": "2022-10-11T09:30:00+07:00",
            "author": {"@type": "Person", "name": "Sari"},
        }
    )
    body = "\n".join(chrome_in_body(rng, paras))
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{_esc(title)} - Warta Daerah</title>
<script type="application/ld+json">{ld}</script><meta property="og:title" content="{html.escape(title)}"></head>
<body class="single has-sidebar"><header class="site-header"><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a>
<a href="/ekonomi">Ekonomi</a></nav></header><main><article class="post"><header class="entry-header">
<h1 class="entry-title">{_esc(title)}</h1><div class="entry-meta"><time class="entry-date" datetime="2022-10-11">
11 Oktober 2022</time></div></header><div class="sharedaddy"><a>Bagikan</a><a>Tweet</a></div>
<div class="entry-content">{body}<p>Penulis: Sari Wulandari | Editor: Bambang</p></div>
<div class="post-tags">Tags: <a>daerah</a></div></article><div id="comments"><h3>Komentar</h3>
<p>Tulis komentar Anda di bawah ini dengan sopan dan tidak mengandung SARA ya.</p></div></main>
<aside class="sidebar"><h3>Terpopuler</h3><ol>{"".join(f'<li><a href="/p/{i}">{r}</a></li>' for i, r in enumerate(RELATED))}
</ol></aside><footer><p>Warta Daerah &copy; 2022. Pedoman Media Siber. Kebijakan Privasi.</p></footer></body></html>"""


def page_news(rng: random.Random, title: str, paras: list[str]) -> str:
    """A news-portal page: div soup, OpenGraph only, no <article>."""
    body = "\n".join(chrome_in_body(rng, paras))
    return f"""<html><head><meta charset="utf-8"><title>{_esc(title)} | Portal Pesisir</title>
<meta property="og:title" content="{html.escape(title)}"><meta property="article:published_time" content="2022-10-12">
</head><body><div id="wrap"><div class="topbar"><a href="/">Home</a> | <a href="/indeks">Indeks</a></div>
<div class="menu-utama"><ul><li><a>Nasional</a></li><li><a>Daerah</a></li><li><a>Olahraga</a></li></ul></div>
<div class="main-col"><div class="breadcrumb"><a>Home</a> &gt; <a>Daerah</a></div><h1>{_esc(title)}</h1>
<div class="info">Rabu, 12 Oktober 2022 | 10:15 WIB</div><div class="share-box"><a>FB</a><a>WA</a><a>X</a></div>
<div class="detail-text">{body}<p>(Reporter: Dimas / Editor: Rudi)</p></div>
<div class="box-terkait"><h4>Berita Lainnya</h4>{"".join(f'<p><a href="/l/{i}">{r}</a></p>' for i, r in enumerate(RELATED))}</div>
</div><div class="right-col"><div class="widget"><h4>Video</h4><p>Tonton video terbaru kami setiap hari.</p></div></div>
<div class="foot">Portal Pesisir 2022</div></div></body></html>"""


def page_gov(rng: random.Random, title: str, paras: list[str]) -> str:
    """A regional government page: tables, <br>-separated text, no metadata."""
    body = "<br><br>\n".join(_esc(p) for p in paras)
    return f"""<html><head><title>{_esc(title)} - Pemerintah Kabupaten</title></head><body>
<table><tr><td class="kiri"><a href="/">Beranda</a><br><a href="/profil">Profil</a><br><a href="/ppid">PPID</a>
<br><a href="/berita">Berita</a></td><td class="tengah"><h2>{_esc(title)}</h2>
<span class="tgl">Senin, 17 Oktober 2022</span><div class="isi">{body}</div>
<div class="bagikan">Bagikan: <a>Facebook</a> <a>Twitter</a></div></td>
<td class="kanan"><b>Pengumuman</b><br><a>Seleksi Perangkat Desa</a><br><a>Jadwal Vaksinasi</a></td></tr></table>
<div class="copy">Dinas Kominfo 2022</div></body></html>"""


def page_unseen(rng: random.Random, title: str, paras: list[str]) -> str:
    """A page whose chrome uses none of the words the extractor knows: a check against tuning to the fixtures."""
    body = [f'<div class="par">{_esc(p)}</div>' for p in paras]
    body.insert(
        min(2, len(body)),
        '<div class="x1"><p>Ikuti terus perkembangan berita daerah hanya di Suara '
        "Lembah, portal berita terpercaya warga.</p></div>",
    )
    body.insert(1, f'<div class="x2"><a href="/r/{rng.randrange(99)}">{rng.choice(RELATED)}</a></div>')
    return f"""<html><head><meta charset="utf-8"><title>{_esc(title)}</title></head><body>
<div class="x0"><a href="/">Suara Lembah</a> <a href="/a">Kabar</a> <a href="/b">Opini</a> <a href="/c">Foto</a></div>
<div class="x3"><h1>{_esc(title)}</h1>{"".join(body)}</div>
<div class="x4"><p>Tentang penulis: wartawan yang meliput isu desa dan pertanian sejak 2010, tinggal di lereng
gunung bersama keluarganya.</p></div>
<div class="x5">{"".join(f'<div><a href="/z/{i}">{r}</a></div>' for i, r in enumerate(RELATED))}</div>
</body></html>"""


def build(n: int, seed: int = 7) -> list[tuple[str, str, str, str]]:
    """(html, url, expected text, kind) of the fixture pages plus generated pages, n in all."""
    pages = []
    for name, rel in FIXTURES.items():
        data = (SITE / rel).read_bytes().replace(b"{base}", b"http://bench.test")
        pages.append(
            (
                decode_body(data, "text/html")[0],
                f"http://bench.test/{rel}",
                (SITE / "expected" / f"{name}.txt").read_text(encoding="utf-8").strip(),
                "fixture",
            )
        )
    rng = random.Random(seed)
    known = texts()
    makers = [page_wp, page_news, page_gov, page_unseen]
    i = 0
    while len(pages) < n:
        title, paras = known[i % len(known)]
        maker = makers[(i // len(known)) % len(makers)] if i >= len(known) else makers[i % len(makers)]
        kind = maker.__name__.removeprefix("page_")
        pages.append((maker(rng, title, paras), f"http://bench.test/gen/{i}/", "\n".join(paras), kind))
        i += 1
    return pages


def run(name: str, fn, pages, repeat: int) -> dict:
    """Scores and speed of one extractor over the pages (speed: best of `repeat` passes)."""
    outs = [fn(h, u) or "" for h, u, _, _ in pages]
    scores = [prf(o, w) for o, (_, _, w, _) in zip(outs, pages, strict=True)]
    by_kind: dict[str, list[float]] = {}
    for score, page in zip(scores, pages, strict=True):
        by_kind.setdefault(page[3], []).append(score[2])
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for h, u, _, _ in pages:
            fn(h, u)
        best = min(best, time.perf_counter() - start)
    return {
        "name": name,
        "precision": statistics.mean(s[0] for s in scores),
        "recall": statistics.mean(s[1] for s in scores),
        "f1": statistics.mean(s[2] for s in scores),
        "fixture_f1": statistics.mean(s[2] for s in scores[: len(FIXTURES)]),
        "pages_per_s": len(pages) / best,
        "by_kind": {k: statistics.mean(v) for k, v in by_kind.items()},
    }


def main() -> int:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = build(args.pages)
    rows = [run("berita_extract (metadata + text)", lambda h, u: extract(h, u).text, pages, args.repeat)]
    import importlib.util

    if importlib.util.find_spec("trafilatura") is None:
        print(
            "trafilatura is not installed (pip install -e '.[bench]'): only berita_extract measured",
            file=sys.stderr,
        )
    else:
        rows.append(run("trafilatura (with metadata)", _traf(True), pages, args.repeat))
        rows.append(run("trafilatura (text only)", _traf(False), pages, args.repeat))
    shared = "with ../shared texts" if SHARED.is_dir() else "fixture texts only"
    print(f"{len(pages)} pages ({len(FIXTURES)} hand-written fixtures, the rest generated; {shared})")
    print(f"{'extractor':36} {'P':>6} {'R':>6} {'F1':>6} {'fixtF1':>7} {'pages/s':>8}")
    for r in rows:
        print(
            f"{r['name']:36} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['fixture_f1']:7.3f} "
            f"{r['pages_per_s']:8.1f}"
        )
    kinds = list(rows[0]["by_kind"])
    print("\nF1 by kind of page (pages): " + ", ".join(f"{k} ({sum(p[3] == k for p in pages)})" for k in kinds))
    print(f"{'extractor':36} " + " ".join(f"{k:>8}" for k in kinds))
    for r in rows:
        print(f"{r['name']:36} " + " ".join(f"{r['by_kind'][k]:8.3f}" for k in kinds))
    if len(rows) > 1:
        ratio = rows[0]["pages_per_s"] / rows[1]["pages_per_s"]
        print(f"speed ratio berita_extract / trafilatura (with metadata): {ratio:.2f}")
    return 0


def _traf(with_metadata: bool):
    import trafilatura

    if with_metadata:

        def fn(h: str, u: str) -> str | None:
            doc = trafilatura.bare_extraction(h, url=u, with_metadata=True)
            return getattr(doc, "text", None) if doc is not None else None

        return fn
    return lambda h, u: trafilatura.extract(h, url=u, with_metadata=False)


if __name__ == "__main__":
    sys.exit(main())
