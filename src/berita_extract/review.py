"""The report and check commands: gather records with their texts, run the checks, write pages or a table."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from pydantic import ValidationError

from .crosscheck import cross_checks
from .figure_checks import ensure_extra_checks
from .records import Article, ArticleFacts, text_sha256

STATUS_ORDER = {"mismatch": 0, "unverifiable": 1, "ok": 2}


@dataclass
class Gathered:
    """Records with their article text (None when only the record is known), and what went wrong."""

    items: list[tuple[ArticleFacts, str | None]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_facts_file(path: str, errors: list[str]) -> Iterator[ArticleFacts]:
    """Records from a JSON Lines file written by extract; a bad line becomes an error naming it."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        errors.append(f"{path}: {exc.strerror or exc}")
        return
    with handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield ArticleFacts.model_validate_json(line)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "record"
                errors.append(f"{path}:{lineno}: not an extract record ({where}: {first['msg']})")


def read_store(target: str, errors: list[str]) -> Iterator[ArticleFacts]:
    """Records stored by `extract --db`, read back from the database."""
    from .store import StoreError, open_store
    from .store.export import iter_records

    try:
        store = open_store(target, readonly=True)
    except StoreError as exc:
        errors.append(str(exc))
        return
    with store:
        yield from iter_records(store)


def _extract_each(articles: list[Article], errors: list[str]) -> Iterator[ArticleFacts]:
    """Extract in one stream; if an article breaks the stream, go on one article at a time."""
    from .extraction import extract_many

    done = 0
    try:
        for facts in extract_many(articles):
            done += 1
            yield facts
        return
    except Exception:  # noqa: BLE001 - the failing article is found and named below
        pass
    for article in articles[done:]:
        try:
            yield from extract_many([article])
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            errors.append(f"{article.id}: extraction failed ({type(exc).__name__}: {exc})")


def gather(
    inputs: Iterable[str],
    *,
    facts_file: str | None = None,
    db: str | None = None,
    keep_stored: bool = False,
    max_bytes: int = 5_000_000,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
) -> Gathered:
    """Articles from inputs with their records: stored ones where the text matches, else extracted.

    Records from ``facts_file`` (JSON Lines) or ``db`` are used for input articles of the same id
    and text; with ``keep_stored`` the stored records of other articles are kept too, without text.
    """
    from .inputs import read_inputs

    out = Gathered()
    stored: dict[str, ArticleFacts] = {}
    if facts_file:
        stored.update((f.article.id, f) for f in read_facts_file(facts_file, out.errors))
    if db:
        stored.update((f.article.id, f) for f in read_store(db, out.errors))
    articles: list[Article] = []
    first: dict[str, str] = {}
    for item in read_inputs(list(inputs), max_bytes=max_bytes):
        if item.error is not None:
            out.errors.append(str(item.error))
        elif first.setdefault(item.article.id, item.where) != item.where:
            out.errors.append(f"{item.where}: article id {item.article.id!r} is already used by "
                              f"{first[item.article.id]}; skipped (the first input with an id wins)")
        else:
            articles.append(item.article)
    texts = {a.id: a.text for a in articles}
    known: dict[str, ArticleFacts] = {}
    todo: list[Article] = []
    for article in articles:
        record = stored.get(article.id)
        if record is not None and record.article.text_sha256 == text_sha256(article.text):
            known[article.id] = record
        else:
            if record is not None:
                out.notes.append(
                    f"{article.id}: the stored record is for another version of the text; extracted again"
                )
            todo.append(article)
    fresh = {f.article.id: f for f in progress(_extract_each(todo, out.errors))} if todo else {}
    for article in articles:
        record = known.get(article.id) or fresh.get(article.id)
        if record is not None:
            out.items.append((ensure_extra_checks(record, article.text), article.text))
    if keep_stored:
        out.items.extend((f, None) for i, f in stored.items() if i not in texts)
    return out


def run_report(
    inputs: list[str],
    output: str,
    *,
    facts_file: str | None = None,
    db: str | None = None,
    max_bytes: int = 5_000_000,
    progress: Callable = lambda it: it,
    err: IO[str] | None = None,
) -> int:
    """The report command: review pages for the inputs; 1 if an input failed or nothing was written."""
    from .report import write_report

    err = err or sys.stderr
    got = gather(inputs, facts_file=facts_file, db=db, max_bytes=max_bytes, progress=progress)
    for line in [*got.errors, *got.notes]:
        print(f"berita-extract: {line}", file=err)
    items = [(f, t) for f, t in got.items if t is not None]
    if not items:
        print("berita-extract: no article to report on", file=err)
        return 1
    try:
        written = write_report(items, output, cross_checks(items), got.errors)
    except ValueError as exc:
        print(f"berita-extract: {exc}", file=err)
        return 2
    except OSError as exc:
        print(f"berita-extract: {output}: {exc.strerror or exc}", file=err)
        return 1
    main = written[-1]
    print(
        f"berita-extract: wrote {len(written)} page{'s' if len(written) != 1 else ''}; open {main}", file=err
    )
    return 1 if got.errors else 0


def check_rows(items: list[tuple[ArticleFacts, str | None]]) -> list[dict]:
    """Every within-article check as a row: article, kind, status, message, the words it rests on."""
    rows = []
    for facts, _ in items:
        for check in facts.checks:
            rows.append(
                {
                    "article": facts.article.id,
                    "source": facts.article.source,
                    "kind": check.kind,
                    "status": check.status,
                    "message": check.message,
                    "quotes": [m.text for m in check.mentions],
                }
            )
    return sorted(rows, key=lambda r: STATUS_ORDER[r["status"]])


def check_report(items: list[tuple[ArticleFacts, str | None]]) -> dict:
    """Checks within and across articles as one JSON-ready document."""
    findings = cross_checks(items)
    rows = check_rows(items)
    return {
        "articles": len(items),
        "within": rows,
        "across": [f.model_dump(mode="json") for f in findings],
        "summary": {
            "within": {s: sum(r["status"] == s for r in rows) for s in STATUS_ORDER},
            "across": {s: sum(f.status == s for f in findings) for s in STATUS_ORDER},
        },
    }


def format_checks(report: dict, failed_only: bool = False, width: int | None = None) -> str:
    """The checks as a plain-text table a journalist can read in a terminal."""
    width = width or max(60, min(shutil.get_terminal_size((120, 20)).columns, 160))
    keep = ("mismatch",) if failed_only else tuple(STATUS_ORDER)
    lines = []

    def block(title: str, rows: list[tuple[str, str, str, str]]) -> None:
        lines.append(title)
        if not rows:
            lines.append("  (none)")
            return
        w_status = max(len(r[0]) for r in rows)
        w_kind = max(len(r[1]) for r in rows)
        w_art = max(len(r[2]) for r in rows)  # ids are never cut: a cut id cannot be found again
        indent = 2 + w_status + 2 + w_kind + 2 + w_art + 2
        for status, kind, article, message in rows:
            head = f"  {status.upper():<{w_status}}  {kind:<{w_kind}}  {article:<{w_art}}  "
            wrapped = textwrap.wrap(message, max(30, width - indent)) or [""]
            lines.append(head + wrapped[0])
            lines.extend(" " * indent + rest for rest in wrapped[1:])

    within = [
        (r["status"], r["kind"], r["article"], r["message"]) for r in report["within"] if r["status"] in keep
    ]
    block("Within articles", within)
    lines.append("")
    lines.append("Across articles")
    across = [f for f in report["across"] if f["status"] in keep]
    if not across:
        lines.append("  (none)")
    for f in across:
        lines.append(f"  {f['status'].upper()}  {f['kind']}  {f['subject']}")
        lines.extend(
            textwrap.wrap(f["message"], width - 6, initial_indent="      ", subsequent_indent="      ")
        )
    s = report["summary"]
    lines.append("")
    lines.append(
        f"{report['articles']} article{'s' if report['articles'] != 1 else ''}; within: "
        + ", ".join(f"{n} {k}" for k, n in s["within"].items())
        + "; across: "
        + ", ".join(f"{n} {k}" for k, n in s["across"].items())
    )
    return "\n".join(lines)


def run_check(
    inputs: list[str],
    *,
    db: str | None = None,
    facts_file: str | None = None,
    as_json: bool = False,
    failed_only: bool = False,
    max_bytes: int = 5_000_000,
    progress: Callable = lambda it: it,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
) -> int:
    """The check command: checks within and across articles as a table or JSON; 1 if an input failed."""
    out, err = out or sys.stdout, err or sys.stderr
    got = gather(
        inputs, facts_file=facts_file, db=db, keep_stored=True, max_bytes=max_bytes, progress=progress
    )
    for line in [*got.errors, *got.notes]:
        print(f"berita-extract: {line}", file=err)
    if not got.items:
        print("berita-extract: no article to check", file=err)
        return 1
    report = check_report(got.items)
    if as_json:
        report["errors"] = got.errors
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(format_checks(report, failed_only) + "\n")
    return 1 if got.errors else 0


def _progress(args) -> Callable:
    from .progress import bar

    return lambda it: bar(it, not args.quiet)


def cmd_report(args) -> int:
    """Write review pages: the article text with every fact highlighted, the facts, and the checks."""
    return run_report(
        args.inputs,
        args.output,
        facts_file=args.facts,
        db=args.db,
        max_bytes=args.max_bytes,
        progress=_progress(args),
    )


def cmd_check(args) -> int:
    """Figure checks within and across articles, as a table (or --json)."""
    if not args.inputs and not args.db and not args.facts:
        print("berita-extract: check needs input articles, --facts or --db", file=sys.stderr)
        return 2
    return run_check(
        args.inputs,
        db=args.db,
        facts_file=args.facts,
        as_json=args.json,
        failed_only=args.failed,
        max_bytes=args.max_bytes,
        progress=_progress(args),
    )


def add_report(sub) -> None:
    """The report subcommand's arguments."""
    p = sub.add_parser("report", help=cmd_report.__doc__, description=cmd_report.__doc__)
    p.add_argument(
        "inputs", nargs="+", help="article files (.txt .json .jsonl .html), folders, or - for stdin"
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        help="a .html file for one article, or a folder (index.html plus one page per article)",
    )
    p.add_argument(
        "--facts", help="use these extract records (JSON Lines) for articles of the same id and text"
    )
    p.add_argument("--db", help="use records stored by extract --db (SQLite path or postgresql:// URL)")
    p.add_argument(
        "--max-bytes", type=int, default=5_000_000, help="skip files larger than this (default 5 MB)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_report)


def add_check(sub) -> None:
    """The check subcommand's arguments."""
    p = sub.add_parser("check", help=cmd_check.__doc__, description=cmd_check.__doc__)
    p.add_argument(
        "inputs", nargs="*", help="article files (.txt .json .jsonl .html), folders, or - for stdin"
    )
    p.add_argument("--db", help="also check the records stored by extract --db, across with the inputs")
    p.add_argument("--facts", help="also check these extract records (JSON Lines)")
    p.add_argument("--json", action="store_true", help="print the checks as JSON")
    p.add_argument("--failed", action="store_true", help="show mismatches only")
    p.add_argument(
        "--max-bytes", type=int, default=5_000_000, help="skip files larger than this (default 5 MB)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_check)
