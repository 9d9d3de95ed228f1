"""Storage of extracted facts in SQLite or PostgreSQL, with exports and ready-made queries.

    open_store(target: str) -> Store     # SQLite path or postgresql:// URL; usable as a context manager
    Store.start_run(inputs: list[str]) -> int
    Store.save(facts: ArticleFacts, run_id: int) -> None     # one transaction, replaces that article
    Store.finish_run(run_id: int, ok: int, failed: int, status: str = "done") -> None   # or "interrupted"
    Store.mark_dead_runs() -> list[int]     # unfinished runs of this host whose process is gone
    Store.close()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .db import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]


def __getattr__(name: str):
    """Import SQLAlchemy only when the store is used, so the CLI starts fast."""
    if name in __all__:
        from . import db

        return getattr(db, name)
    raise AttributeError(f"module 'berita_extract.store' has no attribute {name!r}")
