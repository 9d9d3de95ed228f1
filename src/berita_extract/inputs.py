"""Read articles from .txt/.json/.jsonl/.html files, folders and stdin, with one clear error per bad input."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes
from pydantic import ValidationError

from .records import Article

DEFAULT_MAX_BYTES = 5_000_000
SUFFIXES = {".txt", ".json", ".jsonl", ".html", ".htm"}


class InputError(Exception):
    """A file or record that cannot be read as an article; the message names it and says why."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass
class Item:
    """One input result: an article, or the error that stopped it."""

    where: str
    article: Article | None = None
    error: InputError | None = None


META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode(data: bytes, where: str, html: bool = False) -> str:
    """Bytes to text: UTF-8 (with or without BOM), then an HTML page's declared charset, then detection."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(where, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = META_CHARSET.search(data[:4096]) if html else None
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: fall back to detection
        best = from_bytes(data).best()
        if best is None or best.encoding in {"utf_8", "utf-8"}:
            raise InputError(
                where, f"not valid UTF-8 ({exc.reason} at byte {exc.start}) and no other encoding fits"
            ) from None
        return str(best)


def html_article(html: str, default_id: str, where: str) -> Article:
    """An article from a saved HTML page, read the way the scraper reads pages (metadata, then main text)."""
    from .fetch.article import extract as read_page

    page = read_page(html, url="")
    if not page.text.strip():
        raise InputError(where, "no article text found in the HTML")
    published = page.published[:10] if page.published else None
    return Article(id=default_id, text=page.text, title=page.title, published=published, url=page.canonical_url,
                   source=page.source, authors=page.authors)


def _article(record: dict, where: str, default_id: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object with 'text', got {type(record).__name__}")
    if not isinstance(record.get("text"), str):
        raise InputError(where, "record has no 'text' string")
    if not record["text"].strip():
        raise InputError(where, "record's 'text' is empty")
    data = dict(record)
    data["id"] = str(data.get("id") or default_id)
    if data.get("published") in ("", None):
        data["published"] = None
    elif isinstance(data["published"], str):
        data["published"] = data["published"][:10]
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise InputError(where, f"field '{field}': {first['msg']}") from None


def parse_bytes(data: bytes, suffix: str, where: str, default_id: str) -> Iterator[Item]:
    """Articles in one file's bytes; errors come back as Items so the batch goes on."""
    try:
        if not data.strip():
            raise InputError(where, "empty file")
        text = decode(data, where, html=suffix in {".html", ".htm"})
        if not text.strip():
            raise InputError(where, "empty file")
        if suffix == ".json":
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(where, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
            yield Item(where, _article(record, where, default_id))
            return
        if suffix == ".jsonl":
            yield from jsonl_items(text, where, default_id)
            return
        if suffix in {".html", ".htm"}:
            yield Item(where, html_article(text, default_id, where))
            return
        yield Item(where, Article(id=default_id, text=text))
    except InputError as err:
        yield Item(where, error=err)


def jsonl_items(text: str, where: str, default_id: str, first_line: int = 1) -> Iterator[Item]:
    """One Item per non-blank line of JSON Lines text whose first line is number ``first_line``."""
    for lineno, line in enumerate(text.split("\n"), first_line):
        if not line.strip():
            continue
        at = f"{where}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(at, error=InputError(at, f"malformed JSON: {exc.msg} at column {exc.colno}"))
            continue
        try:
            yield Item(at, _article(record, at, f"{default_id}:{lineno}"))
        except InputError as err:
            yield Item(at, error=err)


def default_id(path: Path, root: Path | None = None) -> str:
    """The id of an article read from ``path``: its path below ``root`` (or its name) without suffix."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return rel.with_suffix("").as_posix()


def read_path(path: Path, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Articles in one file; the id defaults to the path relative to root (without suffix for .txt)."""
    where = str(path)
    article_id = default_id(path, root)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Item(where, error=InputError(where, f"file is {size:,} bytes, over the limit of {max_bytes:,}"))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Item(where, error=InputError(where, exc.strerror or str(exc)))
        return
    yield from parse_bytes(data, path.suffix.lower(), where, article_id)


ANNOTATION_FOLDERS = {"gold"}


def iter_files(folder: Path) -> Iterator[Path]:
    """Article files below a folder, recursively, in a stable order.

    Hidden files and folders named ``gold`` (annotations kept beside the articles) are skipped.
    """
    for path in sorted(folder.rglob("*")):
        if is_article_file(path.relative_to(folder).parts) and path.is_file():
            yield path


def is_article_file(parts: tuple[str, ...]) -> bool:
    """Whether a file at these path parts below a folder is read as articles (suffix, not hidden, not gold/)."""
    if any(part.startswith(".") for part in parts) or any(p in ANNOTATION_FOLDERS for p in parts[:-1]):
        return False
    return bool(parts) and Path(parts[-1]).suffix.lower() in SUFFIXES


def read_inputs(sources: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article in the given files, folders and '-' (stdin), in order."""
    for source in sources:
        if source == "-":
            data = sys.stdin.buffer.read()
            if len(data) > max_bytes:
                yield Item("<stdin>", error=InputError("<stdin>", f"input is over the limit of {max_bytes:,} bytes"))
                continue
            suffix = ".json" if data.lstrip()[:1] == b"{" else ".txt"
            yield from parse_bytes(data, suffix, "<stdin>", "stdin")
            continue
        path = Path(source)
        if path.is_dir():
            for file in iter_files(path):
                yield from read_path(file, path, max_bytes)
        elif path.exists():
            yield from read_path(path, None, max_bytes)
        else:
            yield Item(source, error=InputError(source, "no such file or folder"))
