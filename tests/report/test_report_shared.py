"""The review pages and checks on the real articles in ../shared (skipped where that folder is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from berita_extract.crosscheck import cross_checks
from berita_extract.records import FACT_FIELDS
from berita_extract.report import write_report
from berita_extract.review import check_report, gather

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="module")
def gathered():
    if not (SHARED / "articles").is_dir():
        pytest.skip(f"../shared not found: {SHARED}")
    got = gather([str(SHARED / "articles")])
    assert not got.errors, got.errors
    return got


def test_every_real_mention_is_on_its_page(gathered, tmp_path):
    items = [(f, t) for f, t in gathered.items]
    write_report(items, tmp_path, cross_checks(items))
    for facts, text in items:
        soup = BeautifulSoup((tmp_path / f"{facts.article.id}.html").read_text(encoding="utf-8"), "lxml")
        assert soup.select_one("#text").get_text() == text
        assert not soup.select(".unplaced"), facts.article.id
        mids = {m["data-mid"] for m in soup.select("#text mark[data-mid]")}
        expected = {
            f"{field}-{i}-{j}"
            for field in FACT_FIELDS
            for i, fact in enumerate(getattr(facts, field))
            for j in range(len(fact.mentions))
        }
        assert mids == expected, facts.article.id


def test_real_articles_raise_no_figure_alarm(gathered):
    """None of the real articles has a member total, percentage or repeated figure that disagrees."""
    report = check_report(gathered.items)
    ours = [r for r in report["within"] if r["kind"] in ("member_sum", "percentage", "repeated_figure")]
    assert [r for r in ours if r["status"] == "mismatch"] == []
