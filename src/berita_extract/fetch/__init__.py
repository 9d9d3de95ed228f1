"""The scraper: discover, download and turn regional news pages into article records under a folder."""

from __future__ import annotations

__all__ = ["FetchError", "FetchOptions", "Fetcher", "Settings", "Sources", "run_fetch"]


def __getattr__(name: str):
    """Import the HTTP stack only when it is asked for, so building the CLI parser stays cheap."""
    if name in {"FetchError", "FetchOptions", "Fetcher"}:
        from . import http

        return getattr(http, name)
    if name in {"Settings", "Sources", "run_fetch"}:
        from . import crawl

        return getattr(crawl, name)
    raise AttributeError(f"module 'berita_extract.fetch' has no attribute {name!r}")
