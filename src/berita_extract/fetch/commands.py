"""Arguments and handlers of the `fetch` and `crawl` subcommands (cli.py only registers them)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _regex(value: str) -> re.Pattern:
    try:
        return re.compile(value)
    except re.error as exc:
        raise argparse.ArgumentTypeError(f"bad regular expression {value!r}: {exc}") from None


def _size(value: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?", value.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 10MB, 500k, 1000000)")
    return int(
        float(match.group(1))
        * {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[match.group(2).lower()]
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {value!r}")
    return number


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options shared by fetch and crawl: sources, filters, output, politeness and limits."""
    src = p.add_argument_group("what to fetch")
    src.add_argument("urls", nargs="*", metavar="URL", help="article pages to fetch")
    src.add_argument(
        "--urls",
        dest="url_files",
        action="append",
        default=[],
        metavar="FILE",
        help="a file with one URL a line ('-' for stdin); may repeat",
    )
    src.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="an RSS/Atom feed, or a site whose feed is found from its home page; may repeat",
    )
    src.add_argument(
        "--sitemap",
        action="append",
        default=[],
        metavar="URL",
        help="a sitemap, or a site whose sitemaps are found (robots.txt, wp-sitemap.xml ...); may repeat",
    )
    src.add_argument(
        "--wordpress",
        action="append",
        default=[],
        metavar="URL",
        help="a WordPress site read through its REST API (/wp-json/wp/v2/posts); may repeat",
    )
    src.add_argument("--search", help="with --wordpress: the API's full-text search")
    flt = p.add_argument_group("filters")
    flt.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="only articles published on or after")
    flt.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="only articles published on or before")
    flt.add_argument(
        "--match", type=_regex, metavar="REGEX", help="only URLs matching this regular expression"
    )
    flt.add_argument(
        "--keyword",
        action="append",
        default=[],
        help="only articles naming this word (checked in listings before download, then in the text); "
        "may repeat (any of them)",
    )
    flt.add_argument(
        "--max", type=int, dest="max_articles", metavar="N", help="fetch at most N articles this run"
    )
    out = p.add_argument_group("output")
    out.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FOLDER",
        help="folder for the article JSON files and the state file (fetch-state.sqlite)",
    )
    out.add_argument(
        "--keep-html", action="store_true", help="also keep the raw HTML, gzipped, beside each article"
    )
    out.add_argument(
        "--recheck",
        action="store_true",
        help="ask again for pages already fetched (conditional GET: unchanged pages cost a 304)",
    )
    out.add_argument(
        "--status",
        action="store_true",
        help="print what the state file of -o knows (URLs per state, failures and why) and stop",
    )
    out.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no per-URL messages")
    pol = p.add_argument_group("politeness and limits")
    pol.add_argument("--contact", help="URL or e-mail put in the User-Agent so site owners can reach you")
    pol.add_argument(
        "--user-agent", help="replace the whole User-Agent (default berita-extract/VERSION (+CONTACT))"
    )
    pol.add_argument(
        "--delay",
        type=float,
        default=1.0,
        metavar="S",
        help="seconds from a host's answer to the next request to it (default 1; robots.txt Crawl-delay if "
        "longer)",
    )
    pol.add_argument(
        "--hosts-at-once",
        type=_positive,
        default=8,
        metavar="N",
        help="hosts fetched concurrently, still one request at a time per host (default 8; 1: one thread)",
    )
    pol.add_argument("--connect-timeout", type=float, default=10.0, metavar="S", help="default 10")
    pol.add_argument("--read-timeout", type=float, default=30.0, metavar="S", help="default 30")
    pol.add_argument(
        "--retries", type=int, default=3, help="retries on connection errors, 429 and 5xx (default 3)"
    )
    pol.add_argument(
        "--retry-wait", type=float, default=600.0, metavar="S",
        help="a URL that failed is tried again by a later run after S seconds, twice as long after each further "
             "failure, at most 3 failures (default 600; 0: at every run)",
    )
    pol.add_argument("--max-redirects", type=int, default=10, help="default 10")
    pol.add_argument(
        "--max-size",
        type=_size,
        default=10_000_000,
        metavar="BYTES",
        help="largest body accepted, counted after decompression (default 10MB)",
    )
    pol.add_argument(
        "--max-pages", type=int, default=10, help="pages followed for one split article (default 10)"
    )


def add_fetch(sub: argparse._SubParsersAction) -> None:
    """Register the fetch subcommand."""
    p = sub.add_parser("fetch", help=cmd_fetch.__doc__, description=cmd_fetch.__doc__)
    add_arguments(p)
    p.set_defaults(func=cmd_fetch)


def add_crawl(sub: argparse._SubParsersAction) -> None:
    """Register the crawl subcommand."""
    p = sub.add_parser("crawl", help=cmd_crawl.__doc__, description=cmd_crawl.__doc__)
    add_arguments(p)
    ext = p.add_argument_group("extraction")
    ext.add_argument("--facts", metavar="FILE", help="write the extracted JSON Lines here (default stdout)")
    ext.add_argument("--db", help="store the records in this database (SQLite path or postgresql:// URL)")
    ext.add_argument(
        "--all",
        action="store_true",
        help="extract every article in the output folder, not only those saved by this run",
    )
    p.set_defaults(func=cmd_crawl)


def _fetch(args: argparse.Namespace):
    from ..progress import bar as _progress
    from .crawl import Settings, Sources, Window, run_fetch
    from .http import FetchOptions

    if not (args.urls or args.url_files or args.feed or args.sitemap or args.wordpress):
        print("berita-extract: give URLs, --urls FILE, --feed, --sitemap or --wordpress", file=sys.stderr)
        return None
    options = FetchOptions(
        contact=args.contact,
        user_agent=args.user_agent,
        delay=args.delay,
        connect_timeout=args.connect_timeout,
        read_timeout=args.read_timeout,
        retries=args.retries,
        max_redirects=args.max_redirects,
        max_bytes=args.max_size,
    )
    settings = Settings(
        out=Path(args.output),
        window=Window(args.since, args.until),
        max_articles=args.max_articles,
        match=args.match,
        keywords=args.keyword,
        keep_html=args.keep_html,
        recheck=args.recheck,
        max_pages=args.max_pages,
        hosts_at_once=args.hosts_at_once,
        retry_wait=args.retry_wait,
    )
    sources = Sources(
        urls=args.urls,
        url_files=args.url_files,
        feeds=args.feed,
        sitemaps=args.sitemap,
        wordpress=args.wordpress,
        search=args.search,
    )

    def log(message: str) -> None:
        if not args.quiet:
            print(f"berita-extract: {message}", file=sys.stderr)

    summary = run_fetch(
        sources, settings, options, log=log, progress=lambda it: _progress(it, not args.quiet, unit="page")
    )
    if not args.quiet:
        print(f"berita-extract: fetch: {summary.line()}", file=sys.stderr)
    return summary


def _status(out: Path, retry_wait: float = 0.0) -> int:
    """Print the state file's counts and the URLs that failed, with the reason, the failures so far and when a
    later run tries the URL again."""
    from .crawl import Settings, next_try
    from .state import STATE_FILE, State

    if not (out / STATE_FILE).is_file():
        print(
            f"berita-extract: {out / STATE_FILE}: no state file (nothing fetched into {out} yet)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    state = State(out / STATE_FILE)
    try:
        for name, count in sorted(state.counts().items()):
            print(f"{name}\t{count}")
        tries = Settings.retry_failed
        for url, _reason in state.db.execute("SELECT url, reason FROM urls WHERE state = 'failed' ORDER BY url"):
            row = state.get(url)
            due = next_try(row, retry_wait)
            when = "given up" if row.attempts >= tries else f"next try after {due}" if due else "next run"
            print(f"failed\t{url}\t{row.reason}\t{row.attempts} of {tries} tries, {when}")
    finally:
        state.close()
    return EXIT_OK


def cmd_fetch(args: argparse.Namespace) -> int:
    """Download articles (pages, URL lists, feeds, sitemaps, WordPress API) politely, one JSON file each."""
    if args.status:
        return _status(Path(args.output), args.retry_wait)
    summary = _fetch(args)
    if summary is None:
        return EXIT_USAGE
    return EXIT_FAILED if summary.errors else EXIT_OK


def cmd_crawl(args: argparse.Namespace) -> int:
    """Fetch like `fetch`, then extract facts from the articles saved (JSON Lines and/or --db)."""
    from ..batch import run_extract
    from ..progress import bar as _progress

    if args.status:
        return _status(Path(args.output), args.retry_wait)
    summary = _fetch(args)
    if summary is None:
        return EXIT_USAGE
    inputs = [args.output] if args.all else [str(p) for p in summary.saved]
    if not inputs:
        print("berita-extract: crawl: no new or changed articles to extract", file=sys.stderr)
        return EXIT_FAILED if summary.errors else EXIT_OK
    code = run_extract(
        inputs,
        output=args.facts,
        max_bytes=args.max_size,
        progress=lambda it: _progress(it, not args.quiet),
        db=args.db,
    )
    return code or (EXIT_FAILED if summary.errors else EXIT_OK)
