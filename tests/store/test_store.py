"""Saving articles: idempotence, replacement, rollback, runs, and the records read back."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from store_fixtures import make_facts, many_facts

from berita_extract.records import FACT_FIELDS, ArticleFacts, text_sha256
from berita_extract.store import StoreError, open_store
from berita_extract.store.db import Store, pattern_version
from berita_extract.store.export import iter_records


def _fact_rows(store: Store) -> dict[str, int]:
    return {k: v for k, v in store.counts().items() if k != "runs"}


def test_save_then_read_back_the_same_records(target):
    records = many_facts(5)
    with open_store(target) as store:
        run = store.start_run(["corpus/"])
        for facts in records:
            store.save(facts, run)
        store.finish_run(run, ok=5, failed=0)
        assert list(iter_records(store)) == records
        counts = store.counts()
    assert counts["articles"] == 5
    assert counts["places"] == 15
    per_article = sum(len(f.mentions) for name in FACT_FIELDS for f in getattr(records[0], name))
    assert counts["mentions"] == 5 * per_article


def test_ints_and_floats_keep_their_type(target):
    facts = make_facts()
    with open_store(target) as store:
        store.save(facts, store.start_run([]))
        (back,) = iter_records(store)
    assert [type(f.value) for f in back.figures] == [int, float]
    assert back.model_dump_json() == facts.model_dump_json()


def test_saving_twice_changes_nothing(target):
    records = many_facts(3)
    with open_store(target) as store:
        first = store.start_run(["a"])
        for facts in records:
            store.save(facts, first)
        before = _fact_rows(store)
        second = store.start_run(["a"])
        for facts in records:
            store.save(facts, second)
        assert _fact_rows(store) == before
        assert store.stats == {"new": 3, "unchanged": 3}
        with store.connect() as conn:
            runs = conn.execute(sa.text("SELECT DISTINCT run_id FROM articles")).scalars().all()
    assert runs == [second]


def test_reopening_and_saving_again_is_idempotent(target):
    records = many_facts(2)
    for _ in range(2):
        with open_store(target) as store:
            run = store.start_run(["a"])
            for facts in records:
                store.save(facts, run)
            store.finish_run(run, 2, 0)
    with open_store(target) as store:
        assert store.counts()["articles"] == 2
        assert store.counts()["runs"] == 2
        assert list(iter_records(store)) == records


def test_a_changed_article_replaces_its_old_facts(target):
    old = make_facts()
    new_text = "Demak - Wakil Bupati Demak membuka pameran. Dua klaster ikut."
    new = ArticleFacts.model_validate({
        "article": {**old.article.model_dump(), "text_sha256": text_sha256(new_text), "title": "Pameran"},
        "places": [{"name": "Demak", "level": "kabupaten", "code": "33.21",
                    "mentions": [{"start": 0, "end": 5, "text": "Demak", "rule": "dateline"}]}],
    })
    with open_store(target) as store:
        run = store.start_run([])
        store.save(old, run)
        store.save(make_facts("other"), run)
        store.save(new, run)
        assert store.stats["replaced"] == 1
        got = {f.article.id: f for f in iter_records(store)}
        counts = store.counts()
    assert got["demak-001"] == new
    assert got["other"] == make_facts("other")
    assert counts["articles"] == 2
    assert counts["officials"] == 1 and counts["places"] == 3 + 1  # 'other' keeps its own, the new has one
    with open_store(target) as store, store.connect() as conn:
        orphans = conn.execute(sa.text(
            "SELECT COUNT(*) FROM mentions WHERE article_id = 'demak-001' AND fact <> 'places'")).scalar()
    assert orphans == 0


def test_failure_mid_article_rolls_back_everything_of_that_article(target, monkeypatch):
    old = make_facts()
    changed = make_facts(clusters=[{"name": "Batik", "label": "Klaster Batik", "member_count": 9,
                                    "mentions": [{"start": 0, "end": 5, "text": "Demak", "rule": "x"}]}])
    with open_store(target) as store:
        run = store.start_run([])
        store.save(old, run)
        before = store.counts()
        real_insert = Store._insert

        def failing_insert(self, conn, table, rows):
            if table.name == "clusters":  # after articles, officials, places ... were written
                raise sa.exc.OperationalError("INSERT INTO clusters", {}, RuntimeError("disk on fire"))
            return real_insert(self, conn, table, rows)

        monkeypatch.setattr(Store, "_insert", failing_insert)
        with pytest.raises(StoreError, match="demak-001.*disk on fire"):
            store.save(changed, run)
        with pytest.raises(StoreError):
            store.save(make_facts("brand-new"), run)
        monkeypatch.undo()
        assert store.counts() == before
        assert list(iter_records(store)) == [old]


@pytest.mark.parametrize("copy_min_rows", [1, 10**9], ids=["copy", "executemany"])
def test_save_many_keeps_the_good_articles_of_a_batch(target, monkeypatch, copy_min_rows):
    from berita_extract.store import db

    monkeypatch.setattr(db, "COPY_MIN_ROWS", copy_min_rows)  # PostgreSQL: COPY or executemany
    good = many_facts(4)
    bad = make_facts("bad-one")
    # two mentions with the same primary key cannot both be stored: force it by duplicating one
    with open_store(target) as store:
        run = store.start_run([])
        real = db.facts_to_rows

        def rows_with_a_duplicate(schema, facts, run_id):
            rows = real(schema, facts, run_id)
            if facts.article.id == "bad-one":
                rows["mentions"].append(dict(rows["mentions"][0]))
            return rows

        monkeypatch.setattr(db, "facts_to_rows", rows_with_a_duplicate)
        failures = store.save_many([*good[:2], bad, *good[2:]], run, batch_size=3)
        assert [f[0] for f in failures] == ["bad-one"]
        assert list(iter_records(store)) == good
        assert store.counts()["articles"] == 4
        # again, with one article changed and a duplicate id in the batch: the later one wins
        changed = ArticleFacts(article=good[0].article.model_copy(update={"text_sha256": text_sha256("new")}))
        assert store.save_many([good[1], good[0], changed, good[2]], run, batch_size=10) == []
        got = {f.article.id: f for f in iter_records(store)}
        assert got[good[0].article.id] == changed and got[good[1].article.id] == good[1]


def test_runs_record_versions_inputs_and_counts(target):
    from berita_extract import __version__

    with open_store(target) as store:
        run = store.start_run(["corpus/", "more.jsonl"])
        store.finish_run(run, ok=7, failed=2)
        with store.connect() as conn:
            row = conn.execute(sa.select(store.schema.runs)).mappings().one()
        with pytest.raises(StoreError, match="no run with id 999"):
            store.finish_run(999, 0, 0)
    assert row["tool_version"] == __version__
    assert row["pattern_version"] == pattern_version() != ""
    assert row["inputs"] == ["corpus/", "more.jsonl"]
    assert (row["ok"], row["failed"]) == (7, 2)
    assert row["finished_at"] >= row["started_at"]


def test_pattern_version_falls_back_to_unknown(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_patterns(name, globals=None, locals=None, fromlist=(), level=0):
        if fromlist and "patterns" in fromlist:
            raise ImportError("no patterns")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", no_patterns)
    assert pattern_version() == "unknown"


def test_delete_removes_the_article_and_its_facts(sqlite_target):
    with open_store(sqlite_target) as store:
        store.save(make_facts(), store.start_run([]))
        assert store.delete("demak-001") is True
        assert store.delete("demak-001") is False
        assert all(n == 0 for name, n in store.counts().items() if name != "runs")


def test_a_clean_batch_is_written_whole_and_then_recognised_unchanged(target, monkeypatch):
    records = many_facts(6)
    with open_store(target) as store:
        run = store.start_run([])

        def one_by_one(*args):
            raise AssertionError("a clean batch should not fall back to article-by-article writes")

        monkeypatch.setattr(store, "_write", one_by_one)
        assert store.save_many(records, run, batch_size=4) == []
        assert store.save_many(records, store.start_run([]), batch_size=4) == []
        assert store.stats == {"new": 6, "unchanged": 6}
        assert list(iter_records(store)) == records


def test_two_writers_on_one_sqlite_file_take_turns(sqlite_target):
    import threading

    first, second = many_facts(20, "one"), many_facts(20, "two")
    with open_store(sqlite_target) as a, open_store(sqlite_target) as b:
        runs = a.start_run(["a"]), b.start_run(["b"])
        errors = []

        def load(store, records, run):
            try:
                for facts in records:
                    store.save(facts, run)
            except Exception as exc:  # reported below; a thread's exception is otherwise lost
                errors.append(exc)

        threads = [threading.Thread(target=load, args=(a, first, runs[0])),
                   threading.Thread(target=load, args=(b, second, runs[1]))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert a.counts()["articles"] == 40


def test_batch_writer_stores_in_batches_and_on_leaving(target):
    records = many_facts(7)
    with open_store(target) as store:
        run = store.start_run([])
        with store.batch(run, size=3) as writer:
            for facts in records[:4]:
                writer.add(facts)
            assert store.counts()["articles"] == 3  # one full batch stored, one record waiting
        assert store.counts()["articles"] == 4
        with pytest.raises(KeyboardInterrupt), store.batch(run, size=100) as writer:
            for facts in records[4:]:
                writer.add(facts)
            raise KeyboardInterrupt  # what was handed over is still stored
        assert list(iter_records(store)) == records
        assert writer.failures == []
