"""Exports: each format read back and compared with the records that were stored."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
import sqlalchemy as sa
from store_fixtures import make_facts, many_facts

from berita_extract.cli import main
from berita_extract.records import ArticleFacts
from berita_extract.store import StoreError, open_store
from berita_extract.store.export import export, export_csv, export_jsonl, export_parquet
from berita_extract.store.rows import rows_to_facts
from berita_extract.store.schema import schema


@pytest.fixture
def stored(target):
    """A database holding six records (one with empty lists and NULLs) and their originals."""
    records = many_facts(5) + [make_facts("zz-empty", officials=[], clusters=[], checks=[])]
    bare = {**records[-1].article.model_dump(), "url": None, "authors": []}
    records[-1] = ArticleFacts.model_validate({**records[-1].model_dump(), "article": bare})
    with open_store(target) as store:
        run = store.start_run(["corpus/"])
        for facts in records:
            store.save(facts, run)
        store.finish_run(run, len(records), 0)
    return target, records


def _parse(value: str, column: sa.Column):
    """A CSV cell back to the Python value the column holds ('' is NULL)."""
    if value == "":
        return None if column.nullable else ""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return {"true": True, "false": False}[value]
    if isinstance(kind, sa.Integer):
        return int(value)
    if isinstance(kind, sa.Float):
        return float(value)
    if isinstance(kind, sa.DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, sa.JSON):
        return json.loads(value)
    return value


def _records_from_tables(tables: dict[str, list[dict]]) -> list[ArticleFacts]:
    """Rebuild records from exported table rows, the way an analyst's join would."""
    s = schema()
    out = []
    for article in sorted(tables["articles"], key=lambda r: r["id"]):
        aid = article["id"]
        facts = {n: [r for r in tables[n] if r["article_id"] == aid] for n in s.fact_tables}
        mentions = [r for r in tables["mentions"] if r["article_id"] == aid]
        out.append(rows_to_facts(s, article, facts, mentions))
    return out


def test_csv_tables_read_back_to_the_records(stored, tmp_path):
    target, records = stored
    with open_store(target, readonly=True) as store:
        counts = export_csv(store, tmp_path / "csv")
    s = schema()
    tables = {}
    for table in s.data_tables():
        raw = (tmp_path / "csv" / f"{table.name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "utf-8-sig BOM for Excel"
        with open(tmp_path / "csv" / f"{table.name}.csv", encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == [c.name for c in table.columns]
            tables[table.name] = [{k: _parse(v, table.c[k]) for k, v in row.items()} for row in reader]
        assert len(tables[table.name]) == counts[table.name]
    assert _records_from_tables(tables) == records
    assert tables["runs"][0]["inputs"] == ["corpus/"]
    assert "Budi Ç" in (tmp_path / "csv" / "articles.csv").read_text(encoding="utf-8-sig")


def test_parquet_tables_read_back_to_the_records(stored, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    target, records = stored
    with open_store(target, readonly=True) as store:
        counts = export_parquet(store, tmp_path / "pq")
    s = schema()
    tables = {}
    for table in s.data_tables():
        data = pq.read_table(tmp_path / "pq" / f"{table.name}.parquet")
        assert data.column_names == [c.name for c in table.columns]
        rows = data.to_pylist()
        for row in rows:
            for c in table.columns:
                if isinstance(c.type, sa.JSON) and row[c.name] is not None:
                    row[c.name] = json.loads(row[c.name])
        tables[table.name] = rows
        assert len(rows) == counts[table.name]
    assert _records_from_tables(tables) == records
    types = pq.read_table(tmp_path / "pq" / "places.parquet").schema
    assert str(types.field("code").type) == "string" and str(types.field("idx").type) == "int64"
    assert str(pq.read_table(tmp_path / "pq" / "dates.parquet").schema.field("value").type) == "date32[day]"


def test_empty_tables_still_get_typed_parquet_files(sqlite_target, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    with open_store(sqlite_target) as store:
        export_parquet(store, tmp_path)
    table = pq.read_table(tmp_path / "clusters.parquet")
    assert table.num_rows == 0 and str(table.schema.field("member_count").type) == "int64"


def test_jsonl_is_what_extract_writes(stored, tmp_path):
    target, records = stored
    with open_store(target, readonly=True) as store:
        assert export_jsonl(store, tmp_path / "out.jsonl") == len(records)
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [r.model_dump_json() for r in sorted(records, key=lambda r: r.article.id)]
    assert [ArticleFacts.model_validate_json(line) for line in lines] == records


def test_export_command_writes_each_format(stored, tmp_path, capsys):
    target, records = stored
    assert main(["export", "--db", target, "--format", "csv", "-o", str(tmp_path / "c")]) == 0
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == sorted(
        f"{t.name}.csv" for t in schema().data_tables())
    assert main(["export", "--db", target, "--format", "parquet", "-o", str(tmp_path / "p")]) == 0
    assert (tmp_path / "p" / "mentions.parquet").exists()
    capsys.readouterr()
    assert main(["export", "--db", target, "--format", "jsonl"]) == 0
    out = capsys.readouterr().out.splitlines()
    ids = [ArticleFacts.model_validate_json(line).article.id for line in out]
    assert ids == [r.article.id for r in records]


def test_export_errors_are_clear(sqlite_target, tmp_path, capsys):
    missing = str(tmp_path / "missing.sqlite")
    assert main(["export", "--db", missing, "--format", "csv", "-o", str(tmp_path)]) == 1
    assert "missing.sqlite: no such database file" in capsys.readouterr().err
    with open_store(sqlite_target) as store, pytest.raises(StoreError, match="give an output folder"):
        export(store, "csv", None)


def test_parquet_without_pyarrow_says_what_to_install(sqlite_target, tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with open_store(sqlite_target) as store, pytest.raises(StoreError, match=r"berita-extract\[parquet\]"):
        export_parquet(store, tmp_path)


@pytest.mark.parametrize("command", ["export", "query"])
def test_commands_have_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "--db" in capsys.readouterr().out
