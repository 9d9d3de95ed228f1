"""What http.py and robots.py share: the fetch error and the host key (so neither imports the other)."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["FetchError", "host_key"]


class FetchError(Exception):
    """A URL that could not be fetched; ``kind`` says why (robots, type, size, http, network, redirects)."""

    def __init__(self, url: str, reason: str, kind: str = "network", status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.kind = kind
        self.status = status


def host_key(url: str) -> str:
    """scheme://host[:port] of a URL: the unit of robots.txt and of the per-host delay."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
