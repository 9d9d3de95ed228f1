"""Schema versions: migrations from an older database, refusal of a newer one, columns from the models."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from store_fixtures import make_facts, many_facts

from berita_extract.records import FACT_FIELDS, ArticleMeta, Span
from berita_extract.store import StoreError, open_store
from berita_extract.store.db import _engine
from berita_extract.store.export import iter_records
from berita_extract.store.migrations import LATEST, MIGRATIONS, migrate
from berita_extract.store.rows import facts_to_rows
from berita_extract.store.schema import schema
from berita_extract.store.views import VIEWS


def _old_database(target: str, version: int, records) -> None:
    """A database as an older berita-extract left it: migrations up to ``version`` and some data."""
    engine, _ = _engine(target, readonly=False)
    with engine.begin() as conn:
        assert migrate(conn, schema(), target=version) == list(range(1, version + 1))
    # rows as that version wrote them: plain inserts, no views or indexes needed
    with engine.begin() as conn:
        for facts in records:
            rows = facts_to_rows(schema(), facts, None)
            for table in schema().data_tables()[1:]:
                if rows[table.name]:
                    conn.execute(table.insert(), rows[table.name])
    engine.dispose()


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_an_older_database_is_migrated_on_open_and_keeps_its_data(target, version):
    records = many_facts(3)
    _old_database(target, version, records)
    with open_store(target) as store:
        assert store.schema_version() == LATEST
        assert list(iter_records(store)) == records
        with store.connect() as conn:
            applied = conn.execute(sa.text("SELECT version, name FROM schema_migrations ORDER BY version"))
            applied = applied.all()
            names = set(sa.inspect(conn).get_view_names())
            indexes = {i["name"] for i in sa.inspect(conn).get_indexes("places")}
            clusters = conn.execute(sa.text("SELECT COUNT(*) FROM v_clusters")).scalar()
    assert [tuple(r) for r in applied] == [(n, name) for n, name, _ in MIGRATIONS]
    assert set(VIEWS) <= names
    assert {"ix_places_code", "ix_places_level_name"} <= indexes
    assert clusters == 3


def test_a_read_only_open_refuses_an_older_database(sqlite_target):
    _old_database(sqlite_target, 2, [])
    with pytest.raises(StoreError, match="older berita-extract.*schema version 2"):
        open_store(sqlite_target, readonly=True)


def test_a_database_from_a_newer_version_is_refused_untouched(target):
    with open_store(target) as store:
        store.save(make_facts(), store.start_run([]))
        with store.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO schema_migrations (version, name, applied_at, tool_version) "
                "VALUES (:v, 'future', CURRENT_TIMESTAMP, '9.0')"), {"v": LATEST + 1})
    for readonly in (False, True):
        with pytest.raises(StoreError, match=f"newer berita-extract.*schema version {LATEST + 1}"):
            open_store(target, readonly=readonly)


def test_opening_twice_applies_nothing_new(sqlite_target):
    open_store(sqlite_target).close()
    with open_store(sqlite_target) as store, store.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM schema_migrations")).scalar() == LATEST


def test_a_missing_column_is_reported_not_ignored(sqlite_target):
    open_store(sqlite_target).close()
    con = sqlite3.connect(sqlite_target)
    con.execute("DROP VIEW v_clusters")
    con.execute("DROP VIEW v_cluster_totals")
    con.execute("ALTER TABLE clusters DROP COLUMN member_unit")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="lacks column.*clusters.member_unit"):
        open_store(sqlite_target)


def test_columns_come_from_the_models():
    s = schema()
    for name, model in FACT_FIELDS.items():
        columns = set(s.fact_tables[name].c.keys())
        fields = set(model.model_fields) - {"mentions"}
        assert fields <= columns, name
        assert columns - fields <= {"article_id", "idx"} | {f"{f}_is_int" for f in fields}
    assert set(ArticleMeta.model_fields) <= set(s.articles.c.keys())
    assert set(Span.model_fields) <= set(s.mentions.c.keys())
    assert s.fact_tables["figures"].c.value_is_int is not None
    assert s.fact_tables["places"].c.code.nullable and not s.fact_tables["places"].c.name.nullable
    assert isinstance(s.fact_tables["dates"].c.value.type, sa.Date)
    assert s.fact_tables["places"].c.code.comment.startswith("Kemendagri code")


def test_a_new_model_field_becomes_a_column(monkeypatch):
    from pydantic import Field, create_model

    from berita_extract.records import Cluster, Fact
    from berita_extract.store import schema as schema_module

    Wider = create_model("Wider", __base__=Cluster, sector=(str | None, Field(default=None)))
    real = schema_module.fact_lists()
    monkeypatch.setattr(schema_module, "fact_lists", lambda: {**real, "clusters": Wider})
    s = schema_module.Schema()
    assert "sector" in s.fact_tables["clusters"].c

    Odd = create_model("Odd", __base__=Fact, shape=(dict, ...))
    monkeypatch.setattr(schema_module, "fact_lists", lambda: {**real, "odd": Odd})
    with pytest.raises(TypeError, match="Odd.shape: no column type"):
        schema_module.Schema()


def test_add_columns_brings_an_old_table_up_to_the_models(target):
    from berita_extract.store.migrations import add_columns, missing_columns

    open_store(target).close()
    engine, _ = _engine(target, readonly=False)
    try:
        with engine.begin() as conn:  # as if member_unit were a field added after this database was made
            conn.exec_driver_sql("DROP VIEW v_cluster_totals")
            conn.exec_driver_sql("DROP VIEW v_clusters")
            conn.exec_driver_sql("ALTER TABLE clusters DROP COLUMN member_unit")
            assert missing_columns(conn, schema()) == ["clusters.member_unit"]
            assert add_columns(conn, schema(), "clusters", ["member_unit", "name"]) == ["member_unit"]
            assert missing_columns(conn, schema()) == []
            with pytest.raises(ValueError, match="NOT NULL"):
                conn.exec_driver_sql("ALTER TABLE clusters DROP COLUMN label")
                add_columns(conn, schema(), "clusters", ["label"])
    finally:
        engine.dispose()
