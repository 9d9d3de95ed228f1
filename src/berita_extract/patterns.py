"""Find, load and validate the pattern and lexicon files in patterns/ (the one place that knows where they live)."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

PACKAGE = "berita_extract.patterns_data"


class PatternError(ValueError):
    """A pattern file that does not validate; the message names the file and line."""


class Row(BaseModel):
    """Base of every pattern row: an id, and no keys beyond those declared."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str

    @field_validator("id")
    @classmethod
    def _id_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("id is empty")
        return value


R = TypeVar("R", bound=Row)


def folder() -> Traversable:
    """The folder holding the pattern files, in an installed or an editable package alike."""
    return resources.files(PACKAGE)


def _read(name: str) -> str:
    path = folder().joinpath(name)
    if not path.is_file():
        raise PatternError(f"patterns/{name}: no such pattern file")
    return path.read_text(encoding="utf-8")


def _validate(name: str, rows: list[tuple[int, dict]], model: type[R]) -> list[R]:
    seen: dict[str, int] = {}
    out: list[R] = []
    for lineno, raw in rows:
        try:
            row = model.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or "row"
            raise PatternError(f"patterns/{name}:{lineno}: {where}: {err['msg']}") from None
        if row.id in seen:
            raise PatternError(f"patterns/{name}:{lineno}: id {row.id!r} already used on line {seen[row.id]}")
        seen[row.id] = lineno
        out.append(row)
    return out


def parse_tsv(name: str, text: str, model: type[R]) -> list[R]:
    """Rows of a TSV file with a header line; '#' lines and blank lines are skipped."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    header_no, header = lines[0]
    columns = header.split("\t")
    rows: list[tuple[int, dict]] = []
    for lineno, line in lines[1:]:
        cells = next(csv.reader(io.StringIO(line), delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) != len(columns):
            raise PatternError(
                f"patterns/{name}:{lineno}: {len(cells)} columns, the header on line {header_no} has {len(columns)}"
            )
        rows.append((lineno, {c: v for c, v in zip(columns, cells, strict=True) if v != ""}))
    return _validate(name, rows, model)


def parse_jsonl(name: str, text: str, model: type[R]) -> list[R]:
    """Rows of a JSON Lines file; blank lines are skipped."""
    rows: list[tuple[int, dict]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((lineno, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise PatternError(f"patterns/{name}:{lineno}: malformed JSON: {exc.msg}") from None
    return _validate(name, rows, model)


@functools.cache
def load(name: str, model: type[R]) -> tuple[R, ...]:
    """The validated rows of one pattern file (cached; .tsv or .jsonl by its suffix)."""
    text = _read(name)
    rows = parse_jsonl(name, text, model) if name.endswith(".jsonl") else parse_tsv(name, text, model)
    return tuple(rows)


def files() -> list[str]:
    """Names of the pattern files, sorted."""
    return sorted(p.name for p in folder().iterdir() if p.name.endswith((".tsv", ".jsonl")))


@functools.cache
def version() -> str:
    """A short fingerprint of the pattern set: sha256 over every pattern file, 12 hex digits."""
    digest = hashlib.sha256()
    for name in files():
        digest.update(name.encode())
        digest.update(_read(name).encode("utf-8"))
    return digest.hexdigest()[:12]
