"""The Store: open SQLite or PostgreSQL, migrate, record runs and save articles one transaction each."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
import random
import socket
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy import event

from .. import __version__
from ..records import ArticleFacts
from .migrations import LATEST, NewerSchemaError, current_version, lock_migrations, migrate, missing_columns
from .rows import facts_to_rows
from .schema import Schema, schema

Outcome = Literal["new", "replaced", "unchanged"]

# PostgreSQL: from this many rows on, insert with COPY; below it a pipelined executemany is quicker.
COPY_MIN_ROWS = 100

# A transaction that loses a deadlock or a serialization check (another writer got there first) is
# run again from the start, at most this many times, after a random pause doubling from RETRY_PAUSE.
RETRIES = 8
RETRY_PAUSE = 0.02
RETRY_PAUSE_MAX = 1.0
# SQLSTATEs PostgreSQL gives a transaction that can succeed when simply run again.
TRANSIENT_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected

# One advisory lock per article id (namespaced by schema) serialises the writers of that article:
# taken in key order, so two batches sharing articles cannot deadlock on them.
LOCK_ARTICLES = sa.text(
    "SELECT count(pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '')), k)) FROM "
    "(SELECT DISTINCT hashtext(i) AS k FROM unnest(CAST(:ids AS text[])) AS i ORDER BY k) AS keys")

T = TypeVar("T")


class StoreError(Exception):
    """A database problem explained for the user; the message names the database."""


def pattern_version() -> str:
    """Fingerprint of the pattern set in use, or 'unknown' when patterns cannot be imported."""
    try:
        from .. import patterns

        return str(patterns.version())
    except (ImportError, AttributeError):
        return "unknown"


class Store:
    """A berita-extract database: use open_store() to get one; usable as a context manager."""

    def __init__(self, engine: sa.Engine, label: str, readonly: bool) -> None:
        self.engine = engine
        self.label = label
        self.readonly = readonly
        self.schema: Schema = schema()
        self.stats: Counter[str] = Counter()

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection (SQLite folds its write-ahead log back into the file)."""
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    def connect(self) -> contextlib.AbstractContextManager[sa.Connection]:
        """A connection for reading (a context manager)."""
        return self.engine.connect()

    def schema_version(self) -> int:
        """The highest migration applied to this database."""
        with self.guard("read the schema version"), self.engine.connect() as conn:
            return current_version(conn)

    def counts(self) -> dict[str, int]:
        """Number of rows in every data table."""
        with self.guard("count rows"), self.engine.connect() as conn:
            return {
                t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in self.schema.data_tables()
            }

    # -- runs ------------------------------------------------------------------------------
    def start_run(self, inputs: list[str]) -> int:
        """Record the start of an extraction run (tool and pattern versions, inputs); its id."""
        self._check_writable()
        runs = self.schema.runs
        values = {
            "tool_version": __version__,
            "pattern_version": pattern_version(),
            "started_at": _now(),
            "inputs": [str(i) for i in inputs],
            "status": "running",
            "pid": os.getpid(),
            "host": socket.gethostname(),
        }
        return self.transaction(
            "record a run", lambda conn: int(conn.execute(runs.insert().values(**values)).inserted_primary_key[0]))

    def finish_run(self, run_id: int, ok: int, failed: int, status: str = "done") -> None:
        """Record the end of a run with its counts of stored and failed articles ('done' or 'interrupted')."""
        self._check_writable()
        runs = self.schema.runs
        values = {"finished_at": _now(), "ok": ok, "failed": failed, "status": status}
        update = runs.update().where(runs.c.id == run_id).values(**values)
        done = self.transaction(f"finish run {run_id}", lambda conn: conn.execute(update))
        if done.rowcount != 1:
            raise StoreError(f"{self.label}: no run with id {run_id}")

    def mark_dead_runs(self) -> list[int]:
        """Mark as 'interrupted' the unfinished runs of this machine whose process is gone; their ids.

        A run killed outright (SIGKILL, power loss) never reaches finish_run: it stays 'running'
        with no finished_at until a later run on the same host sees its process id is dead.
        """
        from ..output import pid_alive

        self._check_writable()
        runs = self.schema.runs

        def mark(conn: sa.Connection) -> list[int]:
            open_runs = conn.execute(
                sa.select(runs.c.id, runs.c.pid).where(
                    runs.c.finished_at.is_(None), runs.c.status == "running", runs.c.host == socket.gethostname())
            ).all()
            dead = [r.id for r in open_runs if r.pid != os.getpid() and not pid_alive(r.pid or 0)]
            if dead:
                # Only still-running ones: a run that finished meanwhile keeps its 'done'.
                conn.execute(runs.update().where(runs.c.id.in_(dead), runs.c.status == "running")
                             .values(status="interrupted"))
            return dead

        return self.transaction("mark interrupted runs", mark)

    # -- articles --------------------------------------------------------------------------
    def save(self, facts: ArticleFacts, run_id: int) -> None:
        """Store one article's facts in one transaction, replacing whatever was stored for its id.

        Safe with other processes saving the same article at the same moment: they take turns on
        it, each replacing the article whole, so the last one to save wins.
        """
        self._check_writable()
        rows = facts_to_rows(self.schema, facts, run_id)

        def write(conn: sa.Connection) -> Outcome:
            self._lock_articles(conn, [facts.article.id])
            return self._write(conn, rows)

        self.stats[self.transaction(f"save article {facts.article.id!r}", write)] += 1

    def save_many(self, records: Iterable[ArticleFacts], run_id: int, batch_size: int = 500
                  ) -> list[tuple[str, str]]:
        """Store many articles, one transaction per batch; an article that fails is left out alone.

        Each batch is first written whole (one executemany per table); if that fails it is rolled
        back to a savepoint and written again with a savepoint per article, so only the bad
        articles are lost. Other processes may save the same articles meanwhile (see save()).
        Returns the failures as (article id, reason).
        """
        self._check_writable()
        failures: list[tuple[str, str]] = []
        iterator = iter(records)
        while batch := list(itertools.islice(iterator, batch_size)):
            prepared = []
            for facts in batch:
                try:
                    prepared.append(facts_to_rows(self.schema, facts, run_id))
                except ValueError as exc:
                    failures.append((facts.article.id, _reason(exc)))

            def write(conn: sa.Connection, prepared: list[dict[str, list[dict[str, Any]]]] = prepared
                      ) -> tuple[list[Outcome], list[tuple[str, str]]]:
                self._lock_articles(conn, [rows["articles"][0]["id"] for rows in prepared])
                try:
                    with conn.begin_nested():
                        return self._write_batch(conn, prepared), []
                except (sa.exc.IntegrityError, sa.exc.DataError, _RetryAlone):
                    outcomes, lost = [], []
                    for rows in prepared:
                        try:
                            with conn.begin_nested():
                                outcomes.append(self._write(conn, rows))
                        except (sa.exc.IntegrityError, sa.exc.DataError) as exc:
                            lost.append((rows["articles"][0]["id"], _reason(exc)))
                    return outcomes, lost

            outcomes, lost = self.transaction("save a batch of articles", write)
            failures += lost
            self.stats.update(outcomes)
        return failures

    def batch(self, run_id: int, size: int = 200) -> BatchWriter:
        """A writer that collects records and stores them with save_many every ``size`` records.

        Use it as a context manager; leaving the block (also by an exception or Ctrl-C) stores
        what was collected, so every record handed over before a crash is kept.
        """
        self._check_writable()
        return BatchWriter(self, run_id, size)

    def delete(self, article_id: str) -> bool:
        """Remove one article and all its facts; whether it was there."""
        self._check_writable()

        def delete(conn: sa.Connection) -> bool:
            self._lock_articles(conn, [article_id])
            return self._delete(conn, article_id)

        return self.transaction(f"delete article {article_id!r}", delete)

    def transaction(self, doing: str, work: Callable[[sa.Connection], T]) -> T:
        """work(conn) in one transaction; run again from the start when it loses to another writer.

        A deadlock or serialization failure (PostgreSQL), or a SQLite file still locked after the
        busy timeout, rolls the whole transaction back, so running it again is safe; after RETRIES
        attempts, or on any other error, the error is raised as a StoreError naming the database.
        """
        with self.guard(doing):
            for attempt in itertools.count(1):
                try:
                    with self.engine.begin() as conn:
                        return work(conn)
                except sa.exc.OperationalError as exc:
                    if attempt >= RETRIES or not _transient(exc):
                        raise
                pause = min(RETRY_PAUSE_MAX, RETRY_PAUSE * 2 ** (attempt - 1))
                time.sleep(random.uniform(pause / 2, pause))  # apart, so the losers do not collide again
        raise AssertionError("unreachable")

    def _lock_articles(self, conn: sa.Connection, ids: list[str]) -> None:
        """Wait until no other transaction is writing these articles; held until this one ends.

        PostgreSQL takes row locks only on rows that exist: two writers of a new article would both
        find nothing and the second insert would fail on the key. SQLite needs nothing here, as
        BEGIN IMMEDIATE already lets one writer at a time into the whole file.
        """
        if conn.dialect.name == "postgresql" and ids:
            conn.execute(LOCK_ARTICLES, {"ids": ids})

    def _check_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.label}: opened read-only; open it without readonly=True to write")

    def _write(self, conn: sa.Connection, rows: dict[str, list[dict[str, Any]]]) -> Outcome:
        articles = self.schema.articles
        article = rows["articles"][0]
        old = conn.execute(
            sa.select(articles.c.text_sha256, articles.c.record_sha256)
            .where(articles.c.id == article["id"]).with_for_update()
        ).first()
        if old is not None and tuple(old) == (article["text_sha256"], article["record_sha256"]):
            same = articles.c.id == article["id"]
            conn.execute(articles.update().where(same).values(run_id=article["run_id"]))
            return "unchanged"
        if old is not None:
            self._delete(conn, article["id"])
        self._insert(conn, articles, rows["articles"])
        for name, table in self.schema.fact_tables.items():
            self._insert(conn, table, rows[name])
        self._insert(conn, self.schema.mentions, rows["mentions"])
        return "new" if old is None else "replaced"

    def _write_batch(self, conn: sa.Connection, prepared: list[dict[str, list[dict[str, Any]]]]
                     ) -> list[Outcome]:
        """_write for many articles at once: one statement per table instead of one per article."""
        articles = self.schema.articles
        ids = [rows["articles"][0]["id"] for rows in prepared]
        if len(set(ids)) != len(ids):
            raise _RetryAlone  # the same article twice in a batch: let the later one win, in order
        old = {
            r.id: (r.text_sha256, r.record_sha256)
            for r in conn.execute(
                sa.select(articles.c.id, articles.c.text_sha256, articles.c.record_sha256)
                .where(articles.c.id.in_(ids)).with_for_update())
        }
        outcomes: list[Outcome] = []
        fresh, unchanged, replaced = [], [], []
        for rows in prepared:
            article = rows["articles"][0]
            before = old.get(article["id"])
            if before == (article["text_sha256"], article["record_sha256"]):
                unchanged.append(article)
                outcomes.append("unchanged")
            else:
                fresh.append(rows)
                if before is not None:
                    replaced.append(article["id"])
                outcomes.append("new" if before is None else "replaced")
        if unchanged:
            touch = articles.update().where(articles.c.id == sa.bindparam("key"))
            conn.execute(touch.values(run_id=sa.bindparam("run")),
                         [{"key": a["id"], "run": a["run_id"]} for a in unchanged])
        if replaced:
            for table in (self.schema.mentions, *self.schema.fact_tables.values()):
                conn.execute(table.delete().where(table.c.article_id.in_(replaced)))
            conn.execute(articles.delete().where(articles.c.id.in_(replaced)))
        for table in (articles, *self.schema.fact_tables.values(), self.schema.mentions):
            self._insert(conn, table, [row for rows in fresh for row in rows[table.name]])
        return outcomes

    def _insert(self, conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if conn.dialect.name == "postgresql" and len(rows) >= COPY_MIN_ROWS:
            _copy_rows(conn, table, rows)
        else:
            conn.execute(table.insert(), rows)  # one executemany

    def _delete(self, conn: sa.Connection, article_id: str) -> bool:
        for table in (self.schema.mentions, *self.schema.fact_tables.values()):
            conn.execute(table.delete().where(table.c.article_id == article_id))
        articles = self.schema.articles
        return conn.execute(articles.delete().where(articles.c.id == article_id)).rowcount > 0

    @contextlib.contextmanager
    def guard(self, doing: str) -> Iterator[None]:
        """Turn a database error inside the block into a StoreError naming this database."""
        try:
            yield
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{self.label}: could not {doing}: {_reason(exc)}") from exc


def _copy_rows(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL bulk insert with COPY, inside the connection's current transaction."""
    import psycopg

    quote = conn.dialect.identifier_preparer.quote
    columns = list(table.columns)
    json_cols = {c.name for c in columns if isinstance(c.type, sa.JSON)}
    statement = f"COPY {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) FROM STDIN"
    raw = conn.connection.driver_connection
    try:
        with raw.cursor() as cur, cur.copy(statement) as copy:
            for row in rows:
                copy.write_row([_json(row[c.name]) if c.name in json_cols else row[c.name] for c in columns])
    except psycopg.Error as exc:
        raise sa.exc.DBAPIError.instance(statement, None, exc, psycopg.Error) from exc


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


class BatchWriter:
    """Collects records for Store.batch(); ``failures`` lists (article id, reason) after each flush."""

    def __init__(self, store: Store, run_id: int, size: int) -> None:
        self.store, self.run_id, self.size = store, run_id, max(1, size)
        self.pending: list[ArticleFacts] = []
        self.failures: list[tuple[str, str]] = []

    def add(self, facts: ArticleFacts) -> None:
        """Queue one record; stores the queue once it holds ``size`` records."""
        self.pending.append(facts)
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Store every queued record now (one transaction, a savepoint per article on failure)."""
        if self.pending:
            pending, self.pending = self.pending, []
            self.failures += self.store.save_many(pending, self.run_id, batch_size=len(pending))

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


class _RetryAlone(Exception):
    """A batch that must be written one article at a time."""


def open_store(target: str, *, readonly: bool = False) -> Store:
    """Open (creating and migrating when writable) a SQLite file path or a postgresql:// URL.

    Read-only opens apply no migration and need a database at the current schema version.
    Raises StoreError, naming the target, for a bad URL, an unreachable server, a read-only
    file, or a database made by a newer berita-extract.
    """
    engine, label = _engine(str(target), readonly)
    store = Store(engine, label, readonly)
    try:
        _prepare(store)
    except BaseException:
        engine.dispose()
        raise
    return store


def _prepare(store: Store) -> None:
    try:
        with store.engine.begin() as conn:
            if store.readonly:
                have = current_version(conn)
                if have > LATEST:
                    raise NewerSchemaError(have)
                if have == 0:
                    raise StoreError(f"{store.label}: not a berita-extract database (no schema_migrations)")
                if have < LATEST:
                    raise StoreError(
                        f"{store.label}: made by an older berita-extract (schema version {have}, current "
                        f"{LATEST}); open it once for writing (e.g. extract --db) to upgrade it")
            else:
                lock_migrations(conn)  # another process opening the same new database waits for this one
                if current_version(conn) == 0:
                    ours = {t.name for t in store.schema.data_tables()}
                    taken = ", ".join(sorted(set(sa.inspect(conn).get_table_names()) & ours))
                    if taken:
                        raise StoreError(f"{store.label}: not a berita-extract database (it has table(s) "
                                         f"{taken} but no schema_migrations); refusing to touch it")
                migrate(conn, store.schema)
            missing = missing_columns(conn, store.schema)
            if missing:
                raise StoreError(
                    f"{store.label}: the database lacks column(s) {', '.join(missing)} that the record "
                    "models define; a schema migration is missing (or this is not a berita-extract database)")
    except NewerSchemaError as exc:
        raise StoreError(
            f"{store.label}: made by a newer berita-extract (schema version {exc.version}; version "
            f"{__version__} knows up to {LATEST}); refusing to touch it, upgrade berita-extract") from None
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"{store.label}: cannot open the database: {_reason(exc)}") from exc


def _engine(target: str, readonly: bool) -> tuple[sa.Engine, str]:
    if "://" not in target:
        return _sqlite_engine(Path(target).expanduser(), readonly), target
    scheme, _, rest = target.partition("://")
    scheme = scheme.lower()
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return _postgres_engine("postgresql+psycopg://" + rest, target, readonly)
    if scheme == "sqlite":
        try:
            path = sa.engine.make_url(target).database
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"{target}: not a valid SQLite URL ({exc})") from None
        if not path:
            raise StoreError(f"{target}: a SQLite URL needs a file path (sqlite:///path/to/file.sqlite)")
        return _sqlite_engine(Path(path).expanduser(), readonly), target
    raise StoreError(
        f"{target}: unsupported database URL scheme {scheme!r}; use a SQLite file path or postgresql://...")


def _postgres_engine(url_text: str, target: str, readonly: bool) -> tuple[sa.Engine, str]:
    try:
        url = sa.engine.make_url(url_text)
        label = url.set(drivername="postgresql").render_as_string(hide_password=True)
        if url.port is not None and not 0 < url.port < 65536:
            raise ValueError(f"port {url.port} out of range")
        # READ COMMITTED whatever the server's default: a writer that waited for an article's lock
        # must then see what the writer before it committed (see Store._lock_articles).
        engine = sa.create_engine(url, connect_args={"connect_timeout": 10}, isolation_level="READ COMMITTED")
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise StoreError(f"{target}: not a valid PostgreSQL URL ({exc})") from None
    except ImportError as exc:
        hint = "pip install 'psycopg[binary]'"
        raise StoreError(f"{target}: PostgreSQL driver missing ({exc}); {hint}") from None
    if readonly:
        @event.listens_for(engine, "connect")
        def _read_only(dbapi_conn: Any, record: Any) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute("SET default_transaction_read_only = on")
            dbapi_conn.commit()

    return engine, label


def _sqlite_engine(path: Path, readonly: bool) -> sa.Engine:
    label = str(path)
    if path.is_dir():
        raise StoreError(f"{label}: is a folder, not a database file")
    if path.exists():
        if not readonly and not _writable(path):
            raise StoreError(f"{label}: the database file is read-only (chmod u+w to write to it)")
        if not readonly and not _writable(path.parent):
            raise StoreError(f"{label}: its folder is read-only; SQLite needs to write its journal beside it")
    elif readonly:
        raise StoreError(f"{label}: no such database file")
    elif not path.parent.is_dir():
        raise StoreError(f"{label}: folder {path.parent} does not exist")
    elif not _writable(path.parent):
        raise StoreError(f"{label}: cannot create the database, folder {path.parent} is read-only")

    def connect() -> sqlite3.Connection:
        if readonly:
            return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30,
                                   check_same_thread=False)
        return sqlite3.connect(str(path), timeout=30, check_same_thread=False)

    engine = sa.create_engine("sqlite+pysqlite://", creator=connect, poolclass=sa.pool.QueuePool)

    # pysqlite's own transaction handling breaks savepoints; SQLAlchemy's documented fix is to
    # switch it off and emit BEGIN ourselves. IMMEDIATE takes the write lock up front so two
    # writers wait for each other (busy_timeout) instead of failing on a lock upgrade.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


def _writable(path: Path) -> bool:
    # Permission bits too: root passes os.access on a chmod 444 file, yet the user marked it read-only.
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _transient(exc: sa.exc.OperationalError) -> bool:
    """Whether running the failed transaction again may succeed (it lost a race, nothing is wrong)."""
    orig = exc.orig
    if isinstance(orig, sqlite3.OperationalError):
        return "locked" in str(orig) or "busy" in str(orig)
    return getattr(orig, "sqlstate", None) in TRANSIENT_SQLSTATES


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
