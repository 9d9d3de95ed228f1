"""Several hosts at once (--hosts-at-once): every page once, one request at a time per host, its delay
kept, robots.txt per host, and interrupts that keep every recorded page. Timing is read from the request
logs of the fixture servers (when each request arrived), never from the wall clock of the test."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

from berita_extract.fetch.crawl import Settings, Sources, run_fetch
from berita_extract.fetch.http import Fetcher, FetchOptions
from berita_extract.fetch.state import STATE_FILE

from .server import Site, fixture_pages

PAGES = sorted(fixture_pages().values())
TOLERANCE = 0.005  # seconds: clock rounding only (a host's delay counts from its answer, so arrivals keep it)


@contextlib.contextmanager
def running(*sites: Site):
    """Start fixture servers; stop them all on the way out."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(s) for s in sites]


def fetcher(delay: float) -> Fetcher:
    """A fetcher on the real clock (the logs must show real gaps), without retries."""
    return Fetcher(FetchOptions(delay=delay, retries=0, connect_timeout=2.0, read_timeout=5.0))


def min_gap(site: Site) -> float:
    """The shortest time between two consecutive requests arriving at one host."""
    starts = sorted(arrived for arrived, _, _ in site.spans)
    return min(b - a for a, b in zip(starts, starts[1:], strict=False))


def most_in_flight(sites: list[Site], only: tuple[str, ...] = ("",)) -> tuple[int, int]:
    """(most requests held at once over all hosts, most held at once by any one host), counting only
    the paths that contain one of ``only``."""
    events = []
    for n, site in enumerate(sites):
        for arrived, answering, path in site.spans:
            if not any(part in path for part in only):
                continue
            events += [(arrived, 1, n), (answering, -1, n)]
    events.sort(key=lambda e: (e[0], e[1]))  # an answer before an arrival at the same instant
    total, per_host, most, most_one = 0, Counter(), 0, 0
    for _, step, n in events:
        total += step
        per_host[n] += step
        most, most_one = max(most, total), max(most_one, per_host[n])
    return most, most_one


def rows(out) -> dict[str, tuple]:
    """URL to (state, reason, path) in the state file."""
    with sqlite3.connect(out / STATE_FILE) as db:
        return {u: (s, r, p) for u, s, r, p in db.execute("SELECT url, state, reason, path FROM urls")}


def assert_consistent(out) -> None:
    """Every article file has its 'fetched' row and every such row its file, whole."""
    with sqlite3.connect(out / STATE_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    files = {p.relative_to(out).as_posix() for p in out.rglob("*.json")}
    recorded = {p for s, _, p in rows(out).values() if s == "fetched"}
    assert files == recorded
    for rel in files:
        assert json.loads((out / rel).read_text())["text"]
    assert not [p for p in out.rglob("*") if p.name.startswith(".") and p.is_file()]  # no temporary files


@pytest.mark.parametrize("workers", [2, 4])
def test_every_page_of_every_host_once_with_its_delay(tmp_path, workers):
    delay = 0.15
    with running(*(Site(robots="robots-plain.txt", latency=0.05) for _ in range(4))) as sites:
        out = tmp_path / "raw"
        urls = [s.base + p for p in PAGES for s in sites]
        summary = run_fetch(
            Sources(urls=urls), Settings(out=out, hosts_at_once=workers), fetcher=fetcher(delay)
        )
    assert summary.counts["fetched"] == 4 * len(PAGES) and not summary.errors
    for site in sites:
        hits = Counter(site.paths())
        assert all(hits[p] == 1 for p in PAGES) and hits["/robots.txt"] == 1
        assert min_gap(site) >= delay - TOLERANCE
    together, one_host = most_in_flight(sites)
    assert one_host == 1  # one request at a time per host
    assert 2 <= together <= workers  # hosts did overlap, never more than asked for
    got = rows(out)
    assert len(got) == 4 * len(PAGES) and {s for s, _, _ in got.values()} == {"fetched"}
    assert_consistent(out)
    assert sorted(summary.saved) == sorted(out / p for _, _, p in got.values())


def test_delay_kept_from_discovery_to_the_workers(tmp_path):
    """Sitemaps of several hosts read at once, then the pages by workers: the host's clock carries over,
    and hosts move between workers (fewer workers than hosts, hosts of different speeds)."""
    from berita_extract.fetch.discover import Window

    delay = 0.15
    with running(*(Site(robots="robots-plain.txt", latency=t) for t in (0.01, 0.04, 0.07))) as sites:
        out = tmp_path / "raw"
        summary = run_fetch(
            Sources(sitemaps=[s.base + "/" for s in sites]),
            Settings(out=out, window=Window(dt.date(2022, 1, 1)), hosts_at_once=2),
            fetcher=fetcher(delay),
        )
    assert not summary.errors and summary.counts["fetched"] == 3 * 2  # the two 2022 posts of wp-sitemap.xml
    for site in sites:
        assert min_gap(site) >= delay - TOLERANCE
    assert most_in_flight(sites)[1] == 1
    assert most_in_flight(sites, only=("robots", "sitemap"))[0] == 2  # listings too: two hosts at once
    assert_consistent(out)


def test_single_thread_run_never_overlaps(tmp_path):
    """--hosts-at-once 1 is the former run: hosts taken in turn by one thread, no two requests at once."""
    with running(*(Site(robots="robots-plain.txt", latency=0.02) for _ in range(3))) as sites:
        urls = [s.base + p for p in PAGES[:3] for s in sites]
        summary = run_fetch(
            Sources(urls=urls), Settings(out=tmp_path / "raw", hosts_at_once=1), fetcher=fetcher(0.1)
        )
    assert summary.counts["fetched"] == 9
    assert most_in_flight(sites) == (1, 1)


def test_robots_per_host(tmp_path, closed_port):
    """One host keeps a page out and asks for 0.3 s, one answers robots.txt with a 500, one is down."""
    with running(
        Site(robots="robots-slow.txt"), Site(robots="500"), Site(robots="robots-plain.txt", latency=0.05)
    ) as (slow, broken, plain):
        out = tmp_path / "raw"
        dead = f"http://127.0.0.1:{closed_port}"
        urls = [base + p for p in PAGES for base in (slow.base, broken.base, plain.base, dead)]
        summary = run_fetch(Sources(urls=urls), Settings(out=out, hosts_at_once=4), fetcher=fetcher(0.1))
    got = rows(out)
    assert got[slow.base + "/berita/sentra-ukir.html"][:2] == ("skipped_robots", "disallowed by robots.txt")
    assert "/berita/sentra-ukir.html" not in slow.paths()
    assert min_gap(slow) >= 0.3 - TOLERANCE  # its Crawl-delay, longer than --delay
    assert broken.paths() == ["/robots.txt"]  # nothing else asked of a host whose robots.txt failed
    for page in PAGES:
        state, reason, _ = got[broken.base + page]
        assert state == "failed" and reason.startswith("robots.txt unreachable: HTTP 500")
        state, reason, _ = got[dead + page]
        assert state == "failed" and reason.startswith("robots.txt unreachable: connection refused")
        assert got[plain.base + page][0] == "fetched"
    assert summary.counts["fetched"] == 2 * len(PAGES) - 1
    assert summary.counts["failed"] == len(summary.errors) == 2 * len(PAGES)
    assert min_gap(plain) >= 0.1 - TOLERANCE
    assert_consistent(out)


def wait_for_files(out, proc: subprocess.Popen, count: int) -> None:
    """Wait until the run has saved a few articles."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        if len(list(out.rglob("*.json"))) >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the run saved nothing")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_with_hosts_in_flight_then_resume(tmp_path, sig):
    with running(*(Site(robots="robots-plain.txt", latency=0.1) for _ in range(4))) as sites:
        out = tmp_path / "raw"
        listing = tmp_path / "urls.txt"
        listing.write_text("".join(f"{s.base}{p}\n" for p in PAGES for s in sites))
        command = [sys.executable, "-m", "berita_extract.cli", "fetch", "--urls", str(listing), "-o", str(out),
                   "--delay", "0.3", "--retries", "0", "--hosts-at-once", "4", "-q"]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for_files(out, proc, 3)
        os.kill(proc.pid, sig)
        assert proc.wait(timeout=5) == 130  # stopped within 5 s, requests in flight or not
        assert "Traceback" not in proc.stderr.read().decode()
        first = {u for u, (s, _, _) in rows(out).items() if s == "fetched"}
        assert_consistent(out)
        assert most_in_flight(sites)[0] >= 2  # hosts were in flight together
        left = {u for u, (s, _, _) in rows(out).items() if s == "queued"}
        assert len({u.split("/")[2] for u in left}) >= 2 and len(first) + len(left) == 4 * len(PAGES)
        logs = [len(s.spans) for s in sites]
        done = subprocess.run(command, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()
        again = {s.base + path for s, n in zip(sites, logs, strict=True) for _, _, path in s.spans[n:]}
    assert not again & first  # what the first run recorded is not asked for again
    assert {s for s, _, _ in rows(out).values()} == {"fetched"}
    assert_consistent(out)
    for site in sites:
        assert min_gap(site) >= 0.3 - TOLERANCE


def test_max_with_feeds_read_at_once(tmp_path):
    """--max stops the listing threads once enough URLs wait; only that many are fetched."""
    with running(*(Site(robots="robots-plain.txt", latency=0.01) for _ in range(3))) as sites:
        out = tmp_path / "raw"
        summary = run_fetch(
            Sources(feeds=[s.base + "/feed/" for s in sites]),
            Settings(out=out, max_articles=2, hosts_at_once=3),
            fetcher=fetcher(0.05),
        )
    assert summary.counts["fetched"] == 2 and not summary.errors
    assert len(rows(out)) == 2 and len(list(out.rglob("*.json"))) == 2


def test_hosts_at_once_on_the_command_line(tmp_path, capsys):
    from berita_extract.cli import main

    with pytest.raises(SystemExit):
        main(["fetch", "--hosts-at-once", "0", "-o", str(tmp_path), "https://a.test/"])
    assert "not a whole number of at least 1: '0'" in capsys.readouterr().err
    pytest.importorskip("berita_extract.extraction")
    with running(*(Site(robots="robots-plain.txt") for _ in range(2))) as sites:
        out, facts = tmp_path / "raw", tmp_path / "facts.jsonl"
        urls = [s.base + p for s in sites for p in ("/2022/10/11/klaster-kerupuk-ikan/", "/berita/sentra-ukir.html")]
        code = main(["crawl", *urls, "-o", str(out), "--facts", str(facts), "--delay", "0", "--hosts-at-once", "2",
                     "-q"])
    assert code == 0
    ids = sorted(json.loads(line)["article"]["id"] for line in facts.read_text().splitlines())
    assert ids == sorted(p.relative_to(out).with_suffix("").as_posix() for p in out.rglob("*.json"))
    assert len(ids) == 4


def test_sigterm_while_listings_are_read(tmp_path):
    """SIGTERM in the listing phase stops the run as Ctrl-C does: status 130, the state file whole."""
    with running(*(Site(robots="robots-plain.txt", latency=0.2) for _ in range(3))) as sites:
        out = tmp_path / "raw"
        command = [sys.executable, "-m", "berita_extract.cli", "fetch", "-o", str(out), "--delay", "0.5", "-q"]
        for site in sites:
            command += ["--sitemap", site.base + "/"]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while not any("sitemap" in p for s in sites for _, _, p in s.spans):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=5) == 130
        err = proc.stderr.read().decode()
    assert "Traceback" not in err and "interrupted" in err
    assert not any(p.startswith("/20") for s in sites for p in s.paths())  # no article asked for yet
    if (out / STATE_FILE).exists():
        assert_consistent(out)
