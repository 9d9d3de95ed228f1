"""Ready-made questions over the views: clusters by region, officials by role, failed checks."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import re
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI reads QUESTIONS to build its parser: keep SQLAlchemy out of that import
    from .db import Store

# Level words people type before a region name; the places table keeps the name without them.
_LEVEL_WORDS = re.compile(r"^(kabupaten|kab\.?|kota|kecamatan|kec\.?|desa|kelurahan|kel\.?)\s+", re.I)


@dataclass(frozen=True)
class Question:
    """One ready-made query: the view it reads, its filters (option -> column) and its order."""

    view: str
    help: str
    filters: dict[str, str]
    order: tuple[str, ...]
    region_filters: frozenset[str] = frozenset()


QUESTIONS: dict[str, Question] = {
    "clusters": Question(
        "v_clusters", "clusters with member counts, by kabupaten and kecamatan",
        {"kabupaten": "kabupaten", "kecamatan": "kecamatan", "name": "name"},
        ("kabupaten", "kecamatan", "name", "article_id"), frozenset({"kabupaten", "kecamatan"})),
    "cluster-totals": Question(
        "v_cluster_totals", "number of clusters and members per kabupaten and kecamatan",
        {"kabupaten": "kabupaten", "kecamatan": "kecamatan"},
        ("kabupaten", "kecamatan"), frozenset({"kabupaten", "kecamatan"})),
    "officials": Question(
        "v_officials", "officials by role and jurisdiction, one row per article",
        {"role": "role", "jurisdiction": "jurisdiction", "name": "name"},
        ("role", "jurisdiction", "name", "article_id"), frozenset({"jurisdiction"})),
    "official-roles": Question(
        "v_official_roles", "each official once per role and jurisdiction, with article counts",
        {"role": "role", "jurisdiction": "jurisdiction", "name": "name"},
        ("role", "jurisdiction", "name"), frozenset({"jurisdiction"})),
    "failed-checks": Question(
        "v_failed_checks", "articles with a failed (mismatch) consistency check",
        {"kind": "kind"}, ("article_id", "check_idx")),
}


ALL_FILTERS: list[str] = sorted({o for q in QUESTIONS.values() for o in q.filters})
# Filters that match a part of the value ('--name hartopo' finds 'H. Hartopo, S.H.'); the others match whole.
PARTIAL_FILTERS = frozenset({"name"})


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def run_query(store: Store, question: str, limit: int | None = None, **filters: str | None
              ) -> tuple[list[str], list[dict[str, Any]]]:
    """Column names and rows of a ready-made question; filters match case-insensitively (name: any part)."""
    q = QUESTIONS[question]
    unknown = set(filters) - set(q.filters)
    if unknown:
        raise ValueError(f"{question}: unknown filter(s) {sorted(unknown)}; use {sorted(q.filters)}")
    where, params = [], {}
    for option, value in filters.items():
        if value is None:
            continue
        column = q.filters[option]
        wanted = value.strip().lower()
        if option in q.region_filters:
            wanted = _LEVEL_WORDS.sub("", wanted)
            # 'Demak' also finds a jurisdiction written 'Kabupaten Demak'
            where.append(f"(lower({column}) = :{option} OR lower({column}) LIKE :{option}_suffix)")
            params[f"{option}_suffix"] = "% " + wanted
        elif option in PARTIAL_FILTERS:
            where.append(f"lower({column}) LIKE :{option} ESCAPE '\\'")
            wanted = f"%{_like(wanted)}%"
        else:
            where.append(f"lower({column}) = :{option}")
        params[option] = wanted
    sql = f"SELECT * FROM {q.view}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY " + ", ".join(q.order)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    import sqlalchemy as sa

    with store.guard(f"query {question}"), store.connect() as conn:
        result = conn.execute(sa.text(sql), params)
        columns = list(result.keys())
        return columns, [dict(r) for r in result.mappings()]


def write_rows(columns: list[str], rows: list[dict[str, Any]], fmt: str, handle: IO[str]) -> None:
    """Print query results as an aligned text table, CSV, or JSON Lines."""
    if fmt == "jsonl":
        for row in rows:
            handle.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([_cell(row[c]) for c in columns] for row in rows)
    elif fmt == "table":
        cells = [[_cell(row[c]) for c in columns] for row in rows]
        widths = [min(40, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
        handle.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
        for r in cells:
            line = "  ".join(_clip(v, w).ljust(w) for v, w in zip(r, widths, strict=True))
            handle.write(line.rstrip() + "\n")
        handle.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    else:
        raise ValueError(f"unknown output format {fmt!r}; use table, csv or jsonl")


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    return "" if value is None else str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
