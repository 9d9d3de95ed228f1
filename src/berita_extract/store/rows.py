"""Convert ArticleFacts records to table rows and rows back to the same records."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from ..records import ArticleFacts
from .schema import FieldMap, Schema


def record_sha256(facts: ArticleFacts) -> str:
    """SHA-256 of the record as extract writes it: tells an unchanged re-extraction apart."""
    return hashlib.sha256(facts.model_dump_json().encode("utf-8")).hexdigest()


def facts_to_rows(schema: Schema, facts: ArticleFacts, run_id: int | None) -> dict[str, list[dict[str, Any]]]:
    """Rows for every table, keyed by table name; the articles list holds exactly one row."""
    article_id = facts.article.id
    article = _put(schema.article_fields, facts.article)
    article.update(_put(schema.top_fields, facts))
    article["run_id"] = run_id
    article["record_sha256"] = record_sha256(facts)
    rows: dict[str, list[dict[str, Any]]] = {"articles": [article]}
    mentions: list[dict[str, Any]] = []
    for name, table in schema.facts.items():
        fact_rows = []
        for idx, fact in enumerate(getattr(facts, name)):
            row = _put(table.fields, fact)
            row["article_id"] = article_id
            row["idx"] = idx
            fact_rows.append(row)
            for pos, span in enumerate(fact.mentions):
                mention = _put(schema.mention_fields, span)
                mention.update(article_id=article_id, fact=name, fact_index=idx, mention_index=pos)
                mentions.append(mention)
        rows[name] = fact_rows
    rows["mentions"] = mentions
    return rows


def rows_to_facts(
    schema: Schema,
    article: Mapping[str, Any],
    facts: Mapping[str, Iterable[Mapping[str, Any]]],
    mentions: Iterable[Mapping[str, Any]],
) -> ArticleFacts:
    """Rebuild the ArticleFacts of one article from its rows (fact rows in idx order)."""
    spans: dict[tuple[str, int], list[tuple[int, dict[str, Any]]]] = {}
    for m in mentions:
        span = _get(schema.mention_fields, m)
        spans.setdefault((m["fact"], int(m["fact_index"])), []).append((int(m["mention_index"]), span))
    data: dict[str, Any] = _get(schema.top_fields, article)
    data["article"] = _get(schema.article_fields, article)
    for name, table in schema.facts.items():
        items = []
        for row in sorted(facts.get(name, ()), key=lambda r: int(r["idx"])):
            item = _get(table.fields, row)
            found = sorted(spans.get((name, int(row["idx"])), []), key=lambda p: p[0])
            item["mentions"] = [span for _, span in found]
            items.append(item)
        data[name] = items
    return ArticleFacts.model_validate(data)


def _put(fields: tuple[FieldMap, ...], model: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in fields:
        value = getattr(model, f.field)
        if f.kind == "number":
            row[f.column] = None if value is None else float(value)
            row[f.flag] = None if value is None else (isinstance(value, int) and not isinstance(value, bool))
        elif f.kind == "json":
            row[f.column] = list(value)
        else:
            row[f.column] = value
    return row


def _get(fields: tuple[FieldMap, ...], row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        value = row[f.column]
        if f.kind == "number" and value is not None:
            value = int(value) if row[f.flag] else float(value)
        out[f.field] = value
    return out
