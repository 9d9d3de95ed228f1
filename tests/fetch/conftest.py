"""Fixtures of the scraper tests: the fixture site on 127.0.0.1, and a fetcher that never really sleeps."""

from __future__ import annotations

import pytest

from berita_extract.fetch.http import Fetcher, FetchOptions

from .server import Site


class FakeClock:
    """A monotonic clock that moves only when something sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        """Record the sleep and move the clock on."""
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def site():
    """The fixture site (robots.txt with Disallow wildcards, Crawl-delay 2 and a Sitemap line)."""
    with Site() as running:
        yield running


@pytest.fixture
def plain_site():
    """The same pages behind a robots.txt that allows everything and names no sitemap."""
    with Site(robots="robots-plain.txt") as running:
        yield running


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (bound, then closed): connecting to it is refused."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock whose sleeps cost no time."""
    return FakeClock()


@pytest.fixture
def make_fetcher(clock):
    """Build a fetcher on the fake clock, with short timeouts; options may be overridden."""
    made: list[Fetcher] = []

    def build(**overrides) -> Fetcher:
        opts = {"connect_timeout": 2.0, "read_timeout": 2.0, "retries": 2, "backoff": 0.5, **overrides}
        fetcher = Fetcher(FetchOptions(**opts), sleep=clock.sleep, clock=clock)
        made.append(fetcher)
        return fetcher

    yield build
    for fetcher in made:
        fetcher.close()
