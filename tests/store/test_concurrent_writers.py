"""Four processes writing into one database at once: each article stored once, whole, latest save winning."""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import subprocess
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from concurrent_writer import version, write

from berita_extract.records import ArticleFacts
from berita_extract.store import StoreError, open_store
from berita_extract.store.export import iter_records

WRITERS = 4
ROUNDS = 6  # every round each writer saves each of its ids again, all writers starting the round together
SHARED = [f"shared-{i:02d}" for i in range(10)]
CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "articles"

# Which ids each writer saves: all the same ones, or its own ones around a share the others save too.
PLANS = {
    "same": {w: SHARED for w in range(WRITERS)},
    "overlap": {w: [f"own{w}-{i}" for i in range(4)] + SHARED[:5] + [f"own{w}-{i}" for i in range(4, 8)]
                for w in range(WRITERS)},
}


@pytest.fixture
def pg_schemas() -> Iterator[Callable[[], str]]:
    """A maker of fresh PostgreSQL schemas (a URL whose search_path is the schema); all dropped afterwards."""
    url = os.environ.get("BERITA_TEST_PG_URL")
    if not url:
        pytest.skip("BERITA_TEST_PG_URL not set: PostgreSQL concurrent-writer tests skipped")
    scheme, rest = url.split("://", 1)
    admin = sa.create_engine(url if "+" in scheme else f"postgresql+psycopg://{rest}")
    made: list[str] = []

    def make() -> str:
        name = f"berita_cw_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {name}")
        made.append(name)
        return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{name}"

    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.skip(f"BERITA_TEST_PG_URL is set but PostgreSQL does not answer: {str(exc).splitlines()[0]}")
    try:
        yield make
    finally:
        with admin.begin() as conn:
            for name in made:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_target(request, tmp_path) -> Callable[[], str]:
    """A maker of new, empty databases of one kind: SQLite files, or PostgreSQL schemas."""
    if request.param == "sqlite":
        names = iter(range(100))
        return lambda: str(tmp_path / f"db{next(names)}.sqlite")
    return request.getfixturevalue("pg_schemas")


def run_writers(target: str, plan: dict[int, list[str]], rounds: int) -> list[dict]:
    """Start one process per writer of ``plan`` (spawned, so nothing is shared); their summaries by writer."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(len(plan)), ctx.Queue()
    procs = [ctx.Process(target=write, args=(target, w, ids, rounds, barrier, results)) for w, ids in plan.items()]
    for p in procs:
        p.start()
    try:
        summaries = [results.get(timeout=600) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=60)
            if p.is_alive():
                p.kill()
    assert [p.exitcode for p in procs] == [0] * len(procs)
    return sorted(summaries, key=lambda s: s["writer"])


def table_rows(target: str) -> dict[str, list[str]]:
    """Every data row but the runs, per table, as sorted text; articles without run_id (runs differ)."""
    out = {}
    with open_store(target, readonly=True) as store, store.connect() as conn:
        for table in store.schema.data_tables()[1:]:
            columns = [c for c in table.columns if c.name != "run_id"]
            out[table.name] = sorted(repr(tuple(row)) for row in conn.execute(sa.select(*columns)))
    return out


def stored_state(target: str) -> tuple[dict[str, ArticleFacts], dict[str, int], dict[int, dict]]:
    """The records read back by id, each article's run_id, and the runs rows by id."""
    with open_store(target, readonly=True) as store, store.connect() as conn:
        records = {f.article.id: f for f in iter_records(store)}
        articles = store.schema.articles
        run_of = dict(conn.execute(sa.select(articles.c.id, articles.c.run_id)).all())
        runs = {r["id"]: dict(r) for r in conn.execute(sa.select(store.schema.runs)).mappings()}
    return records, run_of, runs


@pytest.mark.parametrize("scenario", sorted(PLANS))
def test_four_writers_store_each_article_once_and_the_last_round_wins(fresh_target, scenario):
    plan = PLANS[scenario]
    target = fresh_target()
    summaries = run_writers(target, plan, ROUNDS)

    assert [s["errors"] for s in summaries] == [[]] * WRITERS
    records, run_of, runs = stored_state(target)
    wanted = set().union(*plan.values())
    assert sorted(records) == sorted(wanted)  # none lost, none extra (the key allows no second row)

    run_of_writer = {s["writer"]: s["run_id"] for s in summaries}
    winners = {}
    for article_id, facts in records.items():
        writer, round_ = map(int, re.fullmatch(r".* w(\d) r(\d+)", facts.article.title).groups())
        assert round_ == ROUNDS - 1, article_id  # a save of the last round, after every earlier one
        assert article_id in plan[writer]
        assert facts == version(article_id, writer, round_)  # the whole record of one save, no mix
        assert run_of[article_id] == run_of_writer[writer]  # the article row comes from the same save
        winners[article_id] = writer

    # The same winning versions saved by one writer alone give exactly the same rows in every table.
    reference = fresh_target()
    with open_store(reference) as store:
        run = store.start_run(["reference"])
        assert store.save_many([version(i, w, ROUNDS - 1) for i, w in sorted(winners.items())], run) == []
    assert table_rows(target) == table_rows(reference)

    # Each writer's run row is its own and complete.
    assert len(runs) == WRITERS
    for s in summaries:
        row = runs[s["run_id"]]
        assert (row["status"], row["pid"], row["inputs"]) == ("done", s["pid"], [f"writer {s['writer']}"])
        assert (row["ok"], row["failed"]) == (ROUNDS * len(plan[s["writer"]]), 0)
        assert row["finished_at"] is not None


def test_four_extract_commands_at_once_into_one_database(fresh_target, tmp_path):
    """The CLI end to end: four `extract --db` runs over the same articles at the same moment."""
    target = fresh_target()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "berita_extract.cli", "extract", str(CORPUS), "-q", "--db", target]
    procs = [subprocess.Popen([*cmd, "-o", str(tmp_path / f"w{w}.jsonl")], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for w in range(WRITERS)]
    done = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert done == [(0, "")] * WRITERS

    lines = (tmp_path / "w0.jsonl").read_text(encoding="utf-8").splitlines()
    for w in range(1, WRITERS):
        assert (tmp_path / f"w{w}.jsonl").read_text(encoding="utf-8").splitlines() == lines
    written = sorted((ArticleFacts.model_validate_json(line) for line in lines), key=lambda f: f.article.id)
    ids = {f.article.id for f in written}
    assert len(ids) == len(written) == len(list(CORPUS.iterdir()))

    records, run_of, runs = stored_state(target)
    assert sorted(records) == sorted(ids)
    assert [records[f.article.id] for f in written] == written
    assert [(r["status"], r["ok"], r["failed"]) for r in runs.values()] == [("done", len(ids), 0)] * WRITERS
    assert set(run_of.values()) <= set(runs)

    reference = fresh_target()
    with open_store(reference) as store:
        assert store.save_many(written, store.start_run(["reference"])) == []
    assert table_rows(target) == table_rows(reference)


def test_a_transaction_that_loses_a_deadlock_is_run_again(pg_schemas):
    """Two transactions taking two locks in opposite order: PostgreSQL aborts one, Store.transaction reruns it."""
    lock = sa.text("SELECT pg_advisory_xact_lock(:k)")
    keys = random.sample(range(2**40, 2**41), 2)  # advisory locks are database-wide: keys no other test uses
    both_hold_one = threading.Barrier(2)
    attempts: Counter[str] = Counter()
    results: dict[str, object] = {}

    with open_store(pg_schemas()) as store:
        def work(name: str, first: int, second: int) -> Callable[[sa.Connection], str]:
            def run(conn: sa.Connection) -> str:
                attempts[name] += 1
                conn.execute(lock, {"k": first})
                if attempts[name] == 1:
                    both_hold_one.wait(timeout=30)  # now each waits for the other's lock: a deadlock
                conn.execute(lock, {"k": second})
                return name
            return run

        def go(name: str, first: int, second: int) -> None:
            try:
                results[name] = store.transaction("take two locks", work(name, first, second))
            except Exception as exc:  # reported below; a thread's exception is otherwise lost
                results[name] = exc

        threads = [threading.Thread(target=go, args=("a", *keys)), threading.Thread(target=go, args=("b", *keys[::-1]))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert results == {"a": "a", "b": "b"}
    assert sorted(attempts.values()) == [1, 2]  # the loser ran once more, the winner once


def test_an_error_that_is_not_a_lost_race_is_not_retried(target):
    calls = []
    with open_store(target) as store:
        run = store.start_run([])
        store.save(version("x", 0, 0), run)
        row = {"id": "x", "run_id": run, "text_sha256": "0", "record_sha256": "0"}

        def insert_twice(conn: sa.Connection) -> None:
            calls.append(1)
            conn.execute(store.schema.articles.insert().values(**row))

        with pytest.raises(StoreError, match="could not insert again"):
            store.transaction("insert again", insert_twice)
    assert calls == [1]
