"""The berita-extract command line: parses arguments and calls the library."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from . import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract facts from articles into JSON Lines (stdout or -o FILE)."""
    if args.dask or args.parquet:
        return _extract_on_dask(args)
    from .batch import run_extract
    from .progress import bar

    return run_extract(
        args.inputs,
        output=args.output,
        max_bytes=args.max_bytes,
        progress=lambda it: bar(it, not args.quiet),
        db=getattr(args, "db", None),
        processes=args.processes,
        article_timeout=args.article_timeout,
    )


def _extract_on_dask(args: argparse.Namespace) -> int:
    """extract --dask: the same records, computed by Dask workers (and Parquet parts with --parquet)."""
    from .distributed import DistributedError, run_distributed

    def say(message: str) -> None:
        print(f"berita-extract: {message}", file=sys.stderr, flush=True)

    if not args.dask:
        say("--parquet writes one part per Dask partition: give --dask too (e.g. --dask local:2), "
            "or store with --db and use 'export --format parquet'")
        return EXIT_USAGE
    if args.processes != 1:
        say("-j and --dask do not go together: give the worker processes with --dask local:N")
        return EXIT_USAGE
    output = args.output or (None if args.parquet else "-")
    try:
        summary = run_distributed(args.inputs, dask=args.dask, parquet=args.parquet, output=output, db=args.db,
                                  partition_size=args.partition_size, max_bytes=args.max_bytes,
                                  article_timeout=args.article_timeout, quiet=args.quiet, report=say)
    except DistributedError as exc:
        say(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        say("interrupted; kept the records of every finished partition")
        return 130
    if not args.quiet:
        skipped = f", {summary.skipped} already in {args.parquet}" if summary.skipped else ""
        say(f"{summary.ok} extracted{skipped}, {summary.failed} failed, {summary.partitions} partitions "
            f"in {summary.seconds:.1f} s")
    return EXIT_FAILED if summary.failed else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score extracted records against gold files: precision, recall and F1 per field."""
    from .evaluation import evaluate_files, format_table

    report = evaluate_files(args.facts, args.gold)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    elif report["articles_scored"] or not report["errors"]:
        print(format_table(report))
    # else: nothing could be scored (a missing file, no gold): the errors, already on stderr, say why
    return EXIT_OK if report["articles_scored"] else EXIT_FAILED


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the output record."""
    from .records import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help=cmd_extract.__doc__, description=cmd_extract.__doc__)
    p.add_argument("inputs", nargs="+", help="files (.txt .json .jsonl .html), folders, or - for stdin")
    p.add_argument("-o", "--output", help="write JSON Lines here (atomically) instead of stdout")
    p.add_argument("--db", help="also store the records in this database (SQLite path or postgresql:// URL)")
    p.add_argument("--max-bytes", type=int, default=5_000_000,
                   help="skip files larger than this (default 5 MB)")
    p.add_argument("-j", "--processes", type=int, default=1,
                   help="worker processes, each extracting whole articles (default 1; 0 = one per CPU)")
    p.add_argument("--article-timeout", type=float, default=60.0, metavar="SECONDS",
                   help="skip (and report) an article whose extraction takes longer (default 60; 0 = no limit)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="extract on Dask: a scheduler (tcp://host:8786) or local:N (N worker processes here); "
                        "needs the 'dask' extra")
    p.add_argument("--parquet", metavar="DIR",
                   help="with --dask: write one Parquet part per partition and table in DIR (a rerun skips the "
                        "articles already there)")
    p.add_argument("--partition-size", type=int, default=256, metavar="N",
                   help="with --dask: about N articles per Dask task (default 256)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract)


def _add_evaluate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help=cmd_evaluate.__doc__, description=cmd_evaluate.__doc__)
    p.add_argument("facts", help="JSON Lines written by extract")
    p.add_argument("--gold", required=True, help="folder of gold JSON files (one per article id)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=cmd_evaluate)


def _add_schema(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help=cmd_schema.__doc__, description=cmd_schema.__doc__)
    p.set_defaults(func=cmd_schema)


def cmd_export(args: argparse.Namespace) -> int:
    """Export a results database: one CSV or Parquet file per table, or the records as JSON Lines."""
    from .store import StoreError, open_store
    from .store.export import export

    try:
        with open_store(args.db, readonly=True) as store:
            counts = export(store, args.format, args.output)
    except StoreError as exc:
        print(f"berita-extract: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.output:
        print(", ".join(f"{name} {n}" for name, n in counts.items()) + f" -> {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    """Ask a results database a ready-made question (clusters, officials, failed checks ...)."""
    from .store import StoreError, open_store
    from .store.queries import ALL_FILTERS, QUESTIONS, run_query, write_rows

    allowed = QUESTIONS[args.question].filters
    given = sorted(k for k in ALL_FILTERS if getattr(args, k, None) is not None)
    wrong = [k for k in given if k not in allowed]
    if wrong:
        usable = ", ".join(f"--{k}" for k in allowed) or "none"
        print(f"berita-extract: query {args.question}: {', '.join('--' + k for k in wrong)} does not apply "
              f"to this question (its filters: {usable})", file=sys.stderr)
        return EXIT_USAGE
    filters = {k: getattr(args, k) for k in given}
    try:
        with open_store(args.db, readonly=True) as store:
            columns, rows = run_query(store, args.question, limit=args.limit, **filters)
    except (StoreError, ValueError) as exc:
        print(f"berita-extract: {exc}", file=sys.stderr)
        return EXIT_FAILED
    write_rows(columns, rows, args.format, sys.stdout)
    return EXIT_OK


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=cmd_export.__doc__, description=cmd_export.__doc__)
    p.add_argument("--db", required=True, help="SQLite path or postgresql:// URL")
    p.add_argument("--format", choices=["csv", "parquet", "jsonl"], default="csv",
                   help="csv (utf-8-sig, for Excel), parquet (needs the 'parquet' extra), jsonl")
    p.add_argument("-o", "--output", help="folder for csv/parquet; file for jsonl (default stdout)")
    p.set_defaults(func=cmd_export)


def _add_query(sub: argparse._SubParsersAction) -> None:
    from .store.queries import ALL_FILTERS, PARTIAL_FILTERS, QUESTIONS  # plain data, no database libraries

    p = sub.add_parser("query", help=cmd_query.__doc__, description=cmd_query.__doc__)
    p.add_argument("--db", required=True, help="SQLite path or postgresql:// URL")
    p.add_argument("question", choices=list(QUESTIONS),
                   help="; ".join(f"{k}: {q.help}" for k, q in QUESTIONS.items()))
    for option in ALL_FILTERS:
        which = ", ".join(k for k, q in QUESTIONS.items() if option in q.filters)
        how = "contains" if option in PARTIAL_FILTERS else "matches"
        p.add_argument(f"--{option}", help=f"only rows whose {option} {how} this, case-insensitively ({which})")
    p.add_argument("--limit", type=int, help="at most this many rows")
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default="table", help="default table")
    p.set_defaults(func=cmd_query)


def _add_fetch(sub: argparse._SubParsersAction) -> None:
    from .fetch.commands import add_fetch

    add_fetch(sub)


def _add_crawl(sub: argparse._SubParsersAction) -> None:
    from .fetch.commands import add_crawl

    add_crawl(sub)


def _add_report(sub: argparse._SubParsersAction) -> None:
    from .review import add_report

    add_report(sub)


def _add_check(sub: argparse._SubParsersAction) -> None:
    from .review import add_check

    add_check(sub)


# Each entry adds one subcommand; other modules' commands are added here, one line each.
COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_extract, _add_evaluate, _add_schema,
                                                                _add_export, _add_query]
COMMANDS += [_add_fetch, _add_crawl]
COMMANDS += [_add_report, _add_check]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="berita-extract", description="Structured, checkable facts from Indonesian regional news."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the berita-extract command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("berita-extract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
