"""Exports of a store: one CSV or Parquet file per table, or the records back as JSON Lines."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa

from ..output import atomic_open
from ..records import ArticleFacts
from .db import Store, StoreError
from .rows import rows_to_facts

FORMATS = ("csv", "parquet", "jsonl")
_FETCH = 5000


def record_line(facts: ArticleFacts) -> str:
    """One JSON Lines record, serialised the way extract writes it (no newline)."""
    return facts.model_dump_json()


def iter_records(store: Store, batch_size: int = 500) -> Iterator[ArticleFacts]:
    """Every stored article rebuilt as its ArticleFacts record, in article id order."""
    s = store.schema
    with store.connect() as conn:
        ids = conn.execute(sa.select(s.articles.c.id).order_by(s.articles.c.id)).scalars().all()
        for start in range(0, len(ids), batch_size):
            chunk = ids[start:start + batch_size]
            articles = {r["id"]: r for r in _mappings(conn, s.articles, chunk, "id")}
            facts: dict[str, dict[str, list]] = {}
            for name, table in s.fact_tables.items():
                grouped = defaultdict(list)
                for row in _mappings(conn, table, chunk, "article_id"):
                    grouped[row["article_id"]].append(row)
                facts[name] = grouped
            mentions = defaultdict(list)
            for row in _mappings(conn, s.mentions, chunk, "article_id"):
                mentions[row["article_id"]].append(row)
            for article_id in chunk:
                yield rows_to_facts(
                    s, articles[article_id], {n: g.get(article_id, []) for n, g in facts.items()},
                    mentions.get(article_id, []))


def _mappings(conn: sa.Connection, table: sa.Table, ids: list[str], key: str) -> list[Any]:
    return list(conn.execute(sa.select(table).where(table.c[key].in_(ids))).mappings())


def export_jsonl(store: Store, output: str | Path | None = None) -> int:
    """Write every stored record as JSON Lines to ``output`` (atomically) or stdout; the count."""
    if output is None or str(output) == "-":
        return _write_jsonl(store, sys.stdout)
    with atomic_open(output) as handle:
        return _write_jsonl(store, handle)


def _write_jsonl(store: Store, handle: IO[str]) -> int:
    n = 0
    for facts in iter_records(store):
        handle.write(record_line(facts) + "\n")
        n += 1
    return n


def export_csv(store: Store, folder: str | Path) -> dict[str, int]:
    """One CSV per table in ``folder`` (UTF-8 with BOM so Excel reads it); rows written per table.

    Empty cells are NULL; JSON columns (authors, inputs) hold JSON text; booleans are true/false.
    """
    counts = {}
    for table in store.schema.data_tables():
        with atomic_open(Path(folder) / f"{table.name}.csv", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.name for c in table.columns])
            n = 0
            for batch in _batches(store, table):
                writer.writerows([_csv_cell(v) for v in row] for row in batch)
                n += len(batch)
        counts[table.name] = n
    return counts


def export_parquet(store: Store, folder: str | Path) -> dict[str, int]:
    """One Parquet file per table in ``folder``, typed from the schema; rows written per table."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("Parquet export needs pyarrow: pip install 'berita-extract[parquet]'") from None
    counts = {}
    for table in store.schema.data_tables():
        arrow_schema = parquet_schema(table)
        with atomic_open(Path(folder) / f"{table.name}.parquet", mode="wb", encoding=None) as handle:
            n = 0
            with pq.ParquetWriter(handle, arrow_schema) as writer:
                for batch in _batches(store, table):
                    writer.write_table(arrow_rows(table, batch, arrow_schema))
                    n += len(batch)
                if n == 0:
                    writer.write_table(arrow_schema.empty_table())
        counts[table.name] = n
    return counts


def parquet_schema(table: sa.Table) -> Any:
    """The Arrow schema of a table's Parquet file: one field per column, typed from the SQL type."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _arrow_type(pa, c.type)) for c in table.columns])


def arrow_rows(table: sa.Table, rows: list[tuple], arrow_schema: Any = None) -> Any:
    """Rows of ``table`` (tuples in column order) as an Arrow table; JSON columns become JSON text."""
    import pyarrow as pa

    arrow_schema = arrow_schema if arrow_schema is not None else parquet_schema(table)
    json_cols = {i for i, c in enumerate(table.columns) if isinstance(c.type, sa.JSON)}
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in table.columns]
    arrays = [
        pa.array([_json_text(v) for v in col] if i in json_cols else list(col), type=f.type)
        for i, (col, f) in enumerate(zip(columns, arrow_schema, strict=True))
    ]
    return pa.Table.from_arrays(arrays, schema=arrow_schema)


def export(store: Store, fmt: str, output: str | Path | None) -> dict[str, int]:
    """Export in one of FORMATS; csv and parquet need an output folder. Rows (or records) written."""
    if fmt == "jsonl":
        return {"records": export_jsonl(store, output)}
    if output is None:
        raise StoreError(f"--format {fmt} writes one file per table: give an output folder with -o")
    if fmt == "csv":
        return export_csv(store, output)
    if fmt == "parquet":
        return export_parquet(store, output)
    raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _batches(store: Store, table: sa.Table) -> Iterator[list[tuple]]:
    order = list(table.primary_key.columns)
    with store.connect() as conn:
        result = conn.execution_options(yield_per=_FETCH).execute(sa.select(table).order_by(*order))
        for part in result.partitions():
            yield [tuple(r) for r in part]


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return _json_text(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _arrow_type(pa: Any, sql_type: sa.types.TypeEngine) -> Any:
    if isinstance(sql_type, sa.Boolean):
        return pa.bool_()
    if isinstance(sql_type, sa.Integer):  # BigInteger too
        return pa.int64()
    if isinstance(sql_type, sa.Float):
        return pa.float64()
    if isinstance(sql_type, sa.DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(sql_type, sa.Date):
        return pa.date32()
    return pa.string()  # Text, and JSON as JSON text
