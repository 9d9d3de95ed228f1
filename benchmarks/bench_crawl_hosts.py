"""Several hosts at once: `fetch --hosts-at-once 20` against `--hosts-at-once 1` on 20 local hosts.

Run: python benchmarks/bench_crawl_hosts.py [--hosts 20] [--delay 0.2] [--latency 0.2] [--at-once 20]

The fixture news site of the fetch tests (tests/fetch/site, served by tests/fetch/server.py) runs as
--hosts servers on 127.0.0.1, one port each; every answer waits --latency seconds, as a regional site's
time to first byte does (0 gives a server that answers at once). The berita-extract command fetches
the fixture's article pages from every host, with --delay between requests to one host, once with
--at-once hosts at a time and once with one. Printed: pages per second of each run (of the whole
command, and of the crawl as the servers saw it, first request to last answer, which leaves Python's
start-up out) and their ratios, and,
read from the servers' request logs, the shortest gap between two requests to one host and the most
requests any host held at once; a gap under the delay (the fetcher counts it from the host's answer, so
the arrivals the servers log keep it) or two requests at once to a host fails the run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOLERANCE = 0.005  # seconds: clock rounding only (a host's delay counts from its answer, so arrivals keep it)


def _server_module():
    """tests/fetch/server.py, loaded by its path (the tests folder is not a package)."""
    spec = importlib.util.spec_from_file_location("berita_fixture_server", ROOT / "tests" / "fetch" / "server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _in_flight(spans: list[tuple[float, float]]) -> int:
    """The most requests held at once among (arrived, answering) intervals."""
    events = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])
    now = most = 0
    for _, step in events:
        now += step
        most = max(most, now)
    return most


def crawl(sites: list, urls: Path, out: Path, at_once: int, delay: float) -> dict:
    """One `berita-extract fetch` run; its pages per second and what the servers saw of it."""
    marks = [len(s.spans) for s in sites]
    command = [sys.executable, "-m", "berita_extract.cli", "fetch", "--urls", str(urls), "-o", str(out),
               "--delay", str(delay), "--hosts-at-once", str(at_once), "--retries", "0", "-q"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench_crawl_hosts: fetch --hosts-at-once {at_once} failed:\n{done.stderr}")
    with contextlib.closing(sqlite3.connect(out / "fetch-state.sqlite")) as db:
        pages = db.execute("SELECT COUNT(*) FROM urls WHERE state = 'fetched'").fetchone()[0]
    gaps, per_host, together = [], [], []
    for site, mark in zip(sites, marks, strict=True):
        spans = site.spans[mark:]
        starts = sorted(a for a, _, _ in spans)
        gaps.append(min(b - a for a, b in zip(starts, starts[1:], strict=False)))
        per_host.append(_in_flight([(a, b) for a, b, _ in spans]))
        together += [(a, b) for a, b, _ in spans]
    crawling = max(b for _, b in together) - min(a for a, _ in together)  # first request to last answer
    return {
        "at_once": at_once,
        "pages": pages,
        "requests": sum(len(s.spans) - m for s, m in zip(sites, marks, strict=True)),
        "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 2),
        "crawl_seconds": round(crawling, 2),
        "crawl_pages_per_s": round(pages / crawling, 2),
        "min_gap_per_host": [round(g, 3) for g in gaps],
        "most_at_once_per_host": max(per_host),
        "most_at_once": _in_flight(together),
    }


def run(argv: list[str]) -> dict:
    """Measure and print; returns the numbers (exits non-zero when a host's delay was broken)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds between requests to one host")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds each server waits before answering")
    parser.add_argument("--at-once", type=int, default=20, help="--hosts-at-once of the concurrent run")
    parser.add_argument("--part", help="ignored (lets a script that runs several benchmarks call this one)")
    args = parser.parse_args(argv)
    server = _server_module()
    paths = sorted(server.fixture_pages().values())
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        sites = [
            stack.enter_context(server.Site(robots="robots-plain.txt", latency=args.latency))
            for _ in range(args.hosts)
        ]
        urls = Path(tmp) / "urls.txt"
        urls.write_text("".join(f"{s.base}{p}\n" for p in paths for s in sites))
        many = crawl(sites, urls, Path(tmp) / "many", args.at_once, args.delay)
        one = crawl(sites, urls, Path(tmp) / "one", 1, args.delay)
    result = {
        "hosts": args.hosts,
        "pages_listed": len(paths) * args.hosts,
        "delay": args.delay,
        "latency": args.latency,
        "many": many,
        "one": one,
        "ratio": round(many["pages_per_s"] / one["pages_per_s"], 2),
        "crawl_ratio": round(many["crawl_pages_per_s"] / one["crawl_pages_per_s"], 2),
    }
    print(f"{args.hosts} hosts x {len(paths)} article pages, --delay {args.delay:g} s, "
          f"each answer after {args.latency:g} s")
    for r in (many, one):
        print(f"  --hosts-at-once {r['at_once']:>2}: {r['pages']} pages ({r['requests']} requests) in "
              f"{r['seconds']:.2f} s = {r['pages_per_s']:.2f} pages/s (the crawl as the hosts saw it, first "
              f"request to last answer: {r['crawl_seconds']:.2f} s = {r['crawl_pages_per_s']:.2f} pages/s); "
              f"requests held at once: at most "
              f"{r['most_at_once']} in all, {r['most_at_once_per_host']} per host")
        print(f"    shortest gap between two requests to one host, per host: "
              f"{' '.join(f'{g:.3f}' for g in r['min_gap_per_host'])}")
    print(f"  speed-up: {result['ratio']:.1f}x whole commands (Python start-up included), "
          f"{result['crawl_ratio']:.1f}x as the hosts saw the crawl (target >= 8x)")
    broken = [
        f"--hosts-at-once {r['at_once']}: host {n} got two requests {g:.3f} s apart (delay {args.delay:g} s)"
        for r in (many, one)
        for n, g in enumerate(r["min_gap_per_host"])
        if g < args.delay - TOLERANCE
    ] + [
        f"--hosts-at-once {r['at_once']}: a host held {r['most_at_once_per_host']} requests at once"
        for r in (many, one)
        if r["most_at_once_per_host"] > 1
    ]
    if broken or many["pages"] != result["pages_listed"] or one["pages"] != result["pages_listed"]:
        print("POLITENESS OR COMPLETENESS BROKEN:\n  " + "\n  ".join(broken or ["pages missing"]), file=sys.stderr)
        raise SystemExit(1)
    return result


if __name__ == "__main__":
    run(sys.argv[1:])
