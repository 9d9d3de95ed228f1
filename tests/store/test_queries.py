"""The views and the query command: clusters by region, officials by role, failed checks."""

from __future__ import annotations

import csv
import io
import json

import pytest
from store_fixtures import make_facts

from berita_extract.cli import main
from berita_extract.records import ArticleFacts, text_sha256
from berita_extract.store import open_store
from berita_extract.store.queries import run_query


def _record(article_id: str, text: str, **facts) -> ArticleFacts:
    """A record whose every mention is the whole text (the views do not look at offsets)."""
    span = [{"start": 0, "end": len(text), "text": text, "rule": "test"}]
    for items in facts.values():
        for item in items:
            item["mentions"] = span
    article = {"id": article_id, "title": article_id, "published": "2023-01-0" + article_id[-1],
               "text_sha256": text_sha256(text)}
    return ArticleFacts.model_validate({"article": article, **facts})


def _place(name, level, code=None, within=None):
    return {"name": name, "level": level, "code": code, "within": within}


RECORDS = [
    make_facts("a-1"),  # Demak: a cluster in Desa Bonangrejo (33.21.12.2017), Kecamatan Bonang
    _record(  # Kota Semarang named once, the cluster's place not stated: the article's kota stands in
        "b-2", "Klaster Batik di Kota Semarang",
        places=[_place("Semarang", "kota", "33.74")],
        clusters=[{"name": "Batik", "label": "Klaster Batik", "member_count": 12}],
        officials=[{"name": "Hevearita", "title": "Wali Kota Semarang", "role": "wali kota",
                    "jurisdiction": "Kota Semarang"}],
        checks=[{"kind": "weekday", "status": "ok", "message": "fine"},
                {"kind": "sum", "status": "unverifiable", "message": "no parts"}],
    ),
    _record(  # two kabupaten and a cluster at a kecamatan known only by 'within'
        "c-3", "Klaster Gula di Kecamatan Wedung, Demak; juga Kudus",
        places=[_place("Demak", "kabupaten", "33.21"), _place("Kudus", "kabupaten", "33.19"),
                _place("Wedung", "kecamatan", None, within="Demak")],
        clusters=[{"name": "Gula", "label": "Klaster Gula", "member_count": 7, "place": "Wedung"},
                  {"name": "Kopi", "label": "Klaster Kopi", "member_count": None, "place": None}],
        officials=[{"name": "Eisti'anah", "title": "Bupati Demak", "role": "bupati", "jurisdiction": "Demak"},
                   {"name": "Sam'ani", "title": "Bupati Kudus", "role": "bupati", "jurisdiction": "Kudus"}],
        checks=[{"kind": "stated_total", "status": "mismatch", "message": "says 3, lists 2"}],
    ),
]


@pytest.fixture
def db(target) -> str:
    with open_store(target) as store:
        run = store.start_run([])
        for facts in RECORDS:
            store.save(facts, run)
    return target


def _ask(db, question, **filters):
    with open_store(db, readonly=True) as store:
        return run_query(store, question, **filters)[1]


def test_clusters_by_kabupaten_and_kecamatan(db):
    demak = _ask(db, "clusters", kabupaten="Demak")
    assert sorted((r["name"], r["kecamatan"], r["kabupaten_from"]) for r in demak) == [
        ("Gula", "Wedung", "place"), ("Kerupuk Ikan", "Bonang", "place")]
    assert {r["kabupaten_code"] for r in demak} == {"33.21"}
    bonang = _ask(db, "clusters", kabupaten="kabupaten demak", kecamatan="Kec. Bonang")
    assert [r["name"] for r in bonang] == ["Kerupuk Ikan"]
    semarang = _ask(db, "clusters", kabupaten="Kota Semarang")
    assert [(r["name"], r["member_count"], r["kabupaten_from"]) for r in semarang] == [
        ("Batik", 12, "article")]
    # 'Kopi' has no place in an article naming two kabupaten: no region is guessed
    kopi = [r for r in _ask(db, "clusters") if r["name"] == "Kopi"]
    assert kopi[0]["kabupaten"] is None


def test_cluster_totals(db):
    rows = {(r["kabupaten"], r["kecamatan"]): r for r in _ask(db, "cluster-totals")}
    assert rows[("Demak", "Bonang")]["members"] == 25
    assert rows[("Demak", "Wedung")]["clusters"] == 1
    assert rows[(None, None)]["clusters_counted"] == 0
    assert sum(r["clusters"] for r in rows.values()) == 4


def test_officials_by_role_and_jurisdiction(db):
    bupati = _ask(db, "officials", role="Bupati")
    assert sorted((r["name"], r["jurisdiction"]) for r in bupati) == [
        ("Eisti'anah", "Demak"), ("Eisti'anah", "Demak"), ("Sam'ani", "Kudus")]
    assert [r["name"] for r in _ask(db, "officials", jurisdiction="semarang")] == ["Hevearita"]
    roles = _ask(db, "official-roles", role="bupati", jurisdiction="Demak")
    assert [(r["name"], r["articles"]) for r in roles] == [("Eisti'anah", 2)]
    assert _ask(db, "officials", name="Eisti'anah")[0]["mentions"] in (1, 2)


def test_failed_checks_are_the_mismatches(db):
    rows = _ask(db, "failed-checks")
    assert sorted((r["article_id"], r["kind"]) for r in rows) == [
        ("a-1", "stated_total"), ("c-3", "stated_total")]
    first = next(r for r in rows if r["article_id"] == "a-1")
    assert first["mention_text"] == "dua klaster" and first["end"] - first["start"] == len("dua klaster")


def test_unknown_filter_is_an_error(db):
    with open_store(db, readonly=True) as store, pytest.raises(ValueError, match="unknown filter"):
        run_query(store, "failed-checks", kabupaten="Demak")


def test_query_command_formats(db, capsys):
    assert main(["query", "--db", db, "clusters", "--kabupaten", "Demak"]) == 0
    table = capsys.readouterr().out
    assert "Kerupuk Ikan" in table and "Batik" not in table and "(2 rows)" in table
    assert main(["query", "--db", db, "officials", "--role", "bupati", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 3 and rows[0]["role"] == "bupati"
    assert main(["query", "--db", db, "cluster-totals", "--format", "jsonl", "--limit", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2 and all(isinstance(x["clusters"], int) for x in lines)


def test_query_command_on_a_missing_database(tmp_path, capsys):
    assert main(["query", "--db", str(tmp_path / "none.sqlite"), "failed-checks"]) == 1
    assert "none.sqlite: no such database file" in capsys.readouterr().err


def test_the_readme_example_queries_run(db):
    import pathlib

    import sqlalchemy as sa

    readme = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Results in a database", 1)[1]
    block = section.split("```sql", 1)[1].split("```", 1)[0]
    statements = [s.strip() for s in block.split(";") if s.strip()]
    assert len(statements) == 3
    with open_store(db, readonly=True) as store, store.connect() as conn:
        results = [conn.execute(sa.text(s)).all() for s in statements]
    assert results[0] and results[1] and len(results[2]) == 2
    assert {row[1] for row in results[0]} >= {"Demak", "Semarang"}


def test_name_matches_a_part_of_the_name_in_any_case(db):
    assert {r["name"] for r in _ask(db, "officials", name="EISTI")} == {"Eisti'anah"}
    assert {r["name"] for r in _ask(db, "officials", name="an")} == {"Eisti'anah", "Sam'ani"}
    assert _ask(db, "officials", name="%") == []  # LIKE wildcards are matched as plain characters
    assert {r["name"] for r in _ask(db, "clusters", name="kerupuk")} == {"Kerupuk Ikan"}


def test_a_filter_that_does_not_apply_is_an_error_naming_it(db, capsys):
    assert main(["query", "--db", db, "clusters", "--role", "bupati"]) == 2
    err = capsys.readouterr().err
    assert "--role does not apply" in err and "--kabupaten" in err
