"""The story the project started from: every fact of its gold file comes out exactly."""

from __future__ import annotations

import json

import pytest

from berita_extract import extract

SEED = "000_56fa7773a8af2175"


def _norm(name: str) -> str:
    return name.replace("’", "'")


@pytest.fixture(scope="module")
def seed(shared):
    text = (shared / "articles" / f"{SEED}.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "gold" / f"{SEED}.json").read_text(encoding="utf-8"))
    return text, gold, extract(text, id=SEED)


def test_article_metadata(seed):
    _, gold, facts = seed
    assert facts.article.source == gold["article"]["source"]
    assert facts.article.dateline == gold["article"]["dateline"]
    assert facts.article.authors == gold["article"]["authors"]


def test_officials(seed):
    _, gold, facts = seed
    got = {(_norm(o.name), o.title, o.role, o.jurisdiction, o.organization) for o in facts.officials}
    want = {(o["name"], o["title"], o["role"], o.get("jurisdiction"), o.get("organization")) for o in gold["officials"]}
    assert got == want
    bupati = next(o for o in facts.officials if o.role == "bupati")
    assert len(bupati.mentions) == 4  # named four times, one official


def test_places_with_levels_codes_and_parents(seed):
    _, gold, facts = seed
    got = {(p.name, p.level, p.within) for p in facts.places}
    assert got == {(p["name"], p["level"], p.get("within")) for p in gold["places"]}
    codes = {p.name: p.code for p in facts.places}
    assert codes == {"Demak": "33.21", "Bonang": "33.21.12", "Bonangrejo": "33.21.12.2017",
                     "Balai Desa Bonangrejo": None}


def test_date_partners_clusters(seed):
    _, gold, facts = seed
    assert [(str(d.value), d.text) for d in facts.dates] == [(d["value"], d["text"]) for d in gold["dates"]]
    assert [p.name for p in facts.partners] == [p["name"] for p in gold["partners"]]
    got = [(c.name, c.label, c.member_count, c.member_unit) for c in facts.clusters]
    assert got == [(c["name"], c["label"], c["member_count"], c["member_unit"]) for c in gold["clusters"]]


def test_event_and_quotes(seed):
    _, gold, facts = seed
    event = gold["events"][0]
    assert [(e.name, str(e.date), e.venue, e.organizer) for e in facts.events] == [
        (event["name"], event["date"], event["venue"], event["organizer"])
    ]
    assert [_norm(q.speaker) for q in facts.quotes] == [q["speaker"] for q in gold["quotes"]]


def test_checks(seed):
    _, gold, facts = seed
    assert sorted((c.kind, c.status) for c in facts.checks) == sorted((c["kind"], c["status"]) for c in gold["checks"])
    messages = {c.message for c in facts.checks}
    assert "3 klaster stated, 3 listed (20 + 15 + 4 = 39 pelaku usaha)" in messages
    assert "11 Oktober 2022 is a Selasa" in messages


def test_every_mention_slices_the_text(seed):
    text, _, facts = seed
    for field in ("officials", "places", "dates", "partners", "clusters", "events", "figures", "quotes", "checks"):
        for fact in getattr(facts, field):
            assert fact.mentions, field
            for m in fact.mentions:
                assert text[m.start : m.end] == m.text and m.rule
