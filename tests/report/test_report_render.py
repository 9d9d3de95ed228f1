"""The review pages as HTML: every mention highlighted, text escaped, self-contained, written atomically."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
import report_handmade as hm
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_extract.crosscheck import cross_checks
from berita_extract.records import FACT_FIELDS, Span
from berita_extract.report import page_name, render_article, render_index, write_report
from berita_extract.report.render import KINDS


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _mention_texts(soup: BeautifulSoup) -> dict[str, str]:
    """data-mid -> the text of all its (possibly split) elements joined."""
    out: dict[str, str] = {}
    for mark in soup.select("#text mark[data-mid]"):
        out[mark["data-mid"]] = out.get(mark["data-mid"], "") + mark.get_text()
    return out


@pytest.mark.parametrize("build", hm.ALL, ids=lambda b: b.__name__)
def test_every_mention_is_highlighted_with_its_text(build):
    facts, text = build()
    soup = _soup(render_article(facts, text))
    texts = _mention_texts(soup)
    for field in FACT_FIELDS:
        for i, fact in enumerate(getattr(facts, field)):
            for j, mention in enumerate(fact.mentions):
                assert texts[f"{field}-{i}-{j}"] == mention.text
    # The text itself is untouched: the page shows the article exactly.
    assert soup.select_one("#text").get_text() == text


def test_nested_and_crossing_mentions():
    facts, text = hm.planted()
    soup = _soup(render_article(facts, text))
    place = soup.select("mark[data-mid='places-0-0']")
    assert len(place) == 1
    assert place[0].find_parent("mark")["data-mid"] == "officials-0-0"  # nested inside the official
    # The figure crosses the cluster's mention: one of the two is split in pieces, both complete.
    assert (
        len(soup.select("mark[data-mid='figures-0-0']")) + len(soup.select("mark[data-mid='clusters-0-0']"))
        > 2
    )


def test_planted_markup_is_escaped():
    facts, text = hm.planted()
    html = render_article(facts, text)
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert '<img src="x"' not in html
    soup = _soup(html)
    assert not soup.select("#text img, #text script")
    # Only the page's own script runs: the CSP allows exactly its hash.
    scripts = [s for s in soup.find_all("script") if s.get("type") != "application/json"]
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].string.encode()).digest()).decode()
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_page_is_self_contained():
    facts, text = hm.grobogan_suara()
    html = render_article(facts, text)
    soup = _soup(html)
    assert not soup.select("link[rel=stylesheet], script[src], img[src]")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.replace(facts.article.url, ""))


def test_checks_on_top_mismatches_first_and_linked_to_words():
    facts, text = hm.grobogan_suara()
    from berita_extract.figure_checks import ensure_extra_checks

    facts = ensure_extra_checks(facts, text)
    soup = _soup(render_article(facts, text))
    statuses = [li["class"][1] for li in soup.select("#checks li.check:not(.cross)")]
    assert statuses == sorted(statuses, key=["s-mismatch", "s-unverifiable", "s-ok"].index)
    assert statuses[0] == "s-mismatch"
    for li in soup.select("#checks li.check:not(.cross)"):
        fid = li["data-check"]
        assert li.select_one(f"button[data-go='{fid}']")
        assert soup.select(f"#text mark[data-fact='{fid}']")


def test_hover_details_and_panel():
    facts, text = hm.grobogan_suara()
    soup = _soup(render_article(facts, text))
    data = soup.select_one("#page-data").string
    for needle in ("33.15.12", "kecamatan", "2024-05-14", "bupati", "20 perajin", "test-places"):
        assert needle in data
    for kind in KINDS:
        group = soup.select_one(f".panel section[data-kind='{kind}']")
        assert len(group.select("button.fact")) == len(getattr(facts, kind))


def test_cross_findings_on_the_page_link_other_articles():
    items = [build() for build in hm.ALL]
    findings = cross_checks(items)
    facts, text = items[0]
    soup = _soup(render_article(facts, text, findings, pages={"grobogan-klaster-jatengpos": "b.html"}))
    cross = soup.select("#checks li.cross")
    assert cross and "s-mismatch" in cross[0]["class"]
    assert soup.select("#checks li.cross a[href='b.html']")


def test_unplaced_mentions_are_reported_not_fatal():
    facts, text = hm.pati()
    bad = facts.officials[0].model_copy(
        update={"mentions": [Span(start=5, end=9, text="nope", rule="r"), *facts.officials[0].mentions]}
    )
    facts = facts.model_copy(update={"officials": [bad]})
    soup = _soup(render_article(facts, text))
    assert "could not be placed" in soup.select_one(".unplaced summary").get_text()


def test_javascript_url_is_not_linked():
    facts, text = hm.pati()
    facts.article.url = "javascript:alert(1)"
    html = render_article(facts, text)
    assert 'href="javascript' not in html.lower()
    assert "original ↗" not in html


def test_index_counts_and_failed_checks(tmp_path):
    items = [build() for build in hm.ALL]
    written = write_report(
        items, tmp_path / "review", cross_checks(items), errors=["bad.json: malformed JSON"]
    )
    index = tmp_path / "review" / "index.html"
    assert index in written and len(written) == len(items) + 1
    soup = _soup(index.read_text(encoding="utf-8"))
    rows = soup.select("#articles tbody tr")
    assert len(rows) == len(items)
    first = rows[0]
    link = first.select_one("a")["href"]
    assert (tmp_path / "review" / link).exists()
    cells = first.select("td.num")
    assert cells[0]["data-v"] == "2"  # officials of the first article
    assert int(first.select_one("td.failed")["data-v"]) >= 1  # the weekday mismatch, and findings across
    assert "bad.json" in soup.select_one(".errors").get_text()
    assert soup.select("th[data-sort]")


def test_single_file_and_refusing_several_in_one_file(tmp_path):
    facts, text = hm.pati()
    out = tmp_path / "one.html"
    assert write_report([(facts, text)], out) == [out]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="need a folder"):
        write_report([hm.pati(), hm.kudus()], tmp_path / "two.html")
    assert not list(tmp_path.glob(".*.part"))


def test_page_names_are_safe_and_unique():
    taken: set[str] = set()
    names = [page_name(i, taken) for i in ["a/b c", "a_b_c", "../../etc/passwd", "index", ""]]
    assert names[0] == "a_b_c.html" and names[1] == "a_b_c-2.html"
    assert all("/" not in n and not n.startswith(".") for n in names)
    assert "index.html" not in names
    assert len(set(names)) == len(names)


def test_render_index_without_findings():
    facts, _ = hm.pati()
    html = render_index([facts], {facts.article.id: "p.html"})
    assert "Review: 1 article" in html


@given(
    text=st.text(alphabet="ab <>&\n", min_size=1, max_size=60),
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=12),
)
@settings(max_examples=150, deadline=None)
def test_segments_keep_text_and_every_mention_whole(text, spans):
    from berita_extract.report.render import MarkRef, _segments

    marks = []
    for i, (start, length) in enumerate(spans):
        start = min(start, len(text) - 1)
        end = min(start + length, len(text))
        marks.append((start, end, MarkRef("places", f"places-{i}", f"m{i}", "r")))
    segments = _segments(text, marks)
    assert "".join(s.text for s in segments) == text
    for start, end, ref in marks:
        pieces = "".join(s.text for s in segments if any(m.mid == ref.mid for m in s.marks))
        assert pieces == text[start:end]
        assert sum(m.first for s in segments for m in s.marks if m.mid == ref.mid) == 1
