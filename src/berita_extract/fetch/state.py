"""The scraper's SQLite state file: every URL seen, its state and why, so interrupted runs resume."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "fetch-state.sqlite"
STATES = (
    "queued",
    "fetched",
    "not_modified",
    "skipped_robots",
    "skipped_filter",
    "skipped_type",
    "duplicate",
    "no_article",
    "failed",
)
MIGRATIONS = (
    """CREATE TABLE urls (
        url TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        reason TEXT,
        via TEXT,
        listed_date TEXT,
        lastmod TEXT,
        canonical_url TEXT,
        path TEXT,
        http_status INTEGER,
        etag TEXT,
        last_modified TEXT,
        body_sha256 TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        updated TEXT NOT NULL
    )""",
    "CREATE INDEX urls_state ON urls(state)",
    "CREATE INDEX urls_canonical ON urls(canonical_url)",
)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class UrlRow:
    """What the state file knows about one URL."""

    url: str
    state: str
    reason: str | None
    lastmod: str | None
    canonical_url: str | None
    path: str | None
    etag: str | None
    last_modified: str | None
    attempts: int
    updated: str | None = None  # when the row last changed (ISO 8601, UTC)


class State:
    """The state file of one output folder; each change is its own transaction."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self._migrate()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, sql in enumerate(MIGRATIONS[version:], version + 1):
            with self.db:
                self.db.execute(sql)
                self.db.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def get(self, url: str) -> UrlRow | None:
        """The row of a URL, or None if it was never seen."""
        row = self.db.execute(
            "SELECT url, state, reason, lastmod, canonical_url, path, etag, last_modified, attempts, updated "
            "FROM urls "
            "WHERE url = ?",
            (url,),
        ).fetchone()
        return UrlRow(*row) if row else None

    def queue(self, url: str, via: str, listed_date: str | None = None, lastmod: str | None = None) -> None:
        """Record a URL as queued (new, or known and due again)."""
        now = _now()
        self.db.execute(
            "INSERT INTO urls (url, state, via, listed_date, lastmod, first_seen, updated) "
            "VALUES (?, 'queued', ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET state='queued', reason=NULL, "
            "lastmod=COALESCE(excluded.lastmod, urls.lastmod), updated=excluded.updated",
            (url, via, listed_date, lastmod, now, now),
        )

    def queued(self, limit: int | None = None) -> list[str]:
        """URLs waiting to be fetched, newest listed first, then in the order they were found."""
        sql = ("SELECT url FROM urls WHERE state = 'queued' "
               "ORDER BY listed_date IS NULL, listed_date DESC, rowid")
        rows = self.db.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
        return [r[0] for r in rows]

    def set(self, url: str, state: str, reason: str | None = None, **fields) -> None:
        """Record the outcome of one URL (state, reason and any of the columns) in one transaction."""
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")
        cols = ["state = ?", "reason = ?", "updated = ?"]
        values: list = [state, reason, _now()]
        for name, value in fields.items():
            cols.append(f"{name} = ?")
            values.append(value)
        if state == "failed":
            cols.append("attempts = attempts + 1")
        now = _now()
        with self.db:
            self.db.execute(
                "INSERT OR IGNORE INTO urls (url, state, first_seen, updated) VALUES (?, ?, ?, ?)",
                (url, state, now, now),
            )
            self.db.execute(f"UPDATE urls SET {', '.join(cols)} WHERE url = ?", (*values, url))

    def fetched_canonical(self, canonical: str, other_than: str) -> str | None:
        """Another URL already saved under the same canonical URL, if any."""
        row = self.db.execute(
            "SELECT url FROM urls WHERE canonical_url = ? AND url != ? AND state IN "
            "('fetched', 'not_modified') LIMIT 1",
            (canonical, other_than),
        ).fetchone()
        return row[0] if row else None

    def path_owner(self, path: str) -> str | None:
        """The URL whose article is saved at a path, if any."""
        row = self.db.execute("SELECT url FROM urls WHERE path = ? LIMIT 1", (path,)).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        """Number of URLs in each state."""
        return dict(self.db.execute("SELECT state, COUNT(*) FROM urls GROUP BY state").fetchall())
