"""Database tables derived from the pydantic record models by walking their fields."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Literal, Union, get_args, get_origin

import sqlalchemy as sa
from pydantic import BaseModel

from ..records import ArticleFacts, ArticleMeta, Fact, Span

ARTICLES = "articles"
MENTIONS = "mentions"
RUNS = "runs"
MIGRATIONS_TABLE = "schema_migrations"

# Columns the store adds to every fact table and to the mentions table (not model fields).
FACT_KEY = ("article_id", "idx")
MENTION_KEY = ("article_id", "fact", "fact_index", "mention_index")
ARTICLE_EXTRA = ("run_id", "record_sha256")


@dataclass(frozen=True)
class FieldMap:
    """How one model field is stored: its column and how values go in and out."""

    field: str
    column: str
    kind: Literal["plain", "json", "number"]  # number = int|float: a float column plus an <x>_is_int flag

    @property
    def flag(self) -> str:
        """Name of the companion column telling ints from floats (kind 'number' only)."""
        return f"{self.column}_is_int"


@dataclass(frozen=True)
class FactTable:
    """A fact list of ArticleFacts stored as a table: its model and field mapping."""

    name: str
    model: type[Fact]
    fields: tuple[FieldMap, ...]


class Schema:
    """The whole database layout: SQLAlchemy tables plus the field maps used to convert rows."""

    def __init__(self) -> None:
        self.metadata = sa.MetaData()
        self.runs = sa.Table(
            RUNS,
            self.metadata,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("tool_version", sa.Text, nullable=False),
            sa.Column("pattern_version", sa.Text, nullable=False),
            sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("finished_at", sa.DateTime(timezone=True)),
            sa.Column("inputs", sa.JSON, nullable=False),
            sa.Column("ok", sa.Integer),
            sa.Column("failed", sa.Integer),
            # running, done or interrupted; pid and host let a later run see that a running one died
            sa.Column("status", sa.Text),
            sa.Column("pid", sa.Integer),
            sa.Column("host", sa.Text),
        )
        self.article_fields, article_cols = _columns_for(ArticleMeta, skip=())
        self.top_fields, top_cols = _columns_for(ArticleFacts, skip=("article", *fact_lists()))
        for col in article_cols:
            if col.name == "id":
                col.primary_key = True
                col.nullable = False
        _reject_clashes(ARTICLES, [c.name for c in article_cols + top_cols], ARTICLE_EXTRA)
        self.articles = sa.Table(
            ARTICLES,
            self.metadata,
            *article_cols,
            *top_cols,
            sa.Column("run_id", sa.Integer, sa.ForeignKey(f"{RUNS}.id")),
            sa.Column("record_sha256", sa.Text, nullable=False),
        )
        self.facts: dict[str, FactTable] = {}
        self.fact_tables: dict[str, sa.Table] = {}
        for name, model in fact_lists().items():
            fields, cols = _columns_for(model, skip=("mentions",))
            _reject_clashes(name, [c.name for c in cols], FACT_KEY)
            self.facts[name] = FactTable(name, model, fields)
            self.fact_tables[name] = sa.Table(
                name,
                self.metadata,
                sa.Column("article_id", sa.Text, sa.ForeignKey(f"{ARTICLES}.id", ondelete="CASCADE"),
                          primary_key=True),
                sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),
                *cols,
            )
        self.mention_fields, mention_cols = _columns_for(Span, skip=())
        _reject_clashes(MENTIONS, [c.name for c in mention_cols], MENTION_KEY)
        self.mentions = sa.Table(
            MENTIONS,
            self.metadata,
            sa.Column("article_id", sa.Text, sa.ForeignKey(f"{ARTICLES}.id", ondelete="CASCADE"),
                      primary_key=True),
            sa.Column("fact", sa.Text, primary_key=True),
            sa.Column("fact_index", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("mention_index", sa.Integer, primary_key=True, autoincrement=False),
            *mention_cols,
        )

    def data_tables(self) -> list[sa.Table]:
        """Every table holding extraction results, parents first (the order to create and export)."""
        return [self.runs, self.articles, *self.fact_tables.values(), self.mentions]


def fact_lists() -> dict[str, type[Fact]]:
    """The list-of-Fact fields of ArticleFacts, in declaration order: one table each."""
    found = {}
    for name, info in ArticleFacts.model_fields.items():
        inner = _list_item(info.annotation)
        if inner is not None and isinstance(inner, type) and issubclass(inner, Fact):
            found[name] = inner
    return found


def _reject_clashes(table: str, names: list[str], reserved: tuple[str, ...]) -> None:
    clash = sorted(set(names) & set(reserved))
    if clash:
        raise TypeError(f"table {table}: model field(s) {clash} clash with columns the store adds")


def _columns_for(
    model: type[BaseModel], skip: tuple[str, ...]
) -> tuple[tuple[FieldMap, ...], list[sa.Column]]:
    """Field maps and columns for the scalar fields of a model (fields in ``skip`` left out)."""
    maps: list[FieldMap] = []
    cols: list[sa.Column] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        annotation, nullable = _strip_optional(info.annotation)
        kind, sql_type = _sql_type(model, name, annotation)
        comment = info.description
        maps.append(FieldMap(name, name, kind))
        cols.append(sa.Column(name, sql_type, nullable=nullable, comment=comment))
        if kind == "number":
            cols.append(sa.Column(f"{name}_is_int", sa.Boolean, nullable=nullable,
                                  comment=f"True when {name} was an integer in the record."))
    return tuple(maps), cols


def _strip_optional(annotation: typing.Any) -> tuple[typing.Any, bool]:
    if _is_union(annotation):
        args = [a for a in get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(get_args(annotation))
        if len(args) == 1:
            return args[0], nullable
        return typing.Union[tuple(args)], nullable  # noqa: UP007 - rebuilt from runtime args
    return annotation, False


def _is_union(annotation: typing.Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _list_item(annotation: typing.Any) -> typing.Any | None:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return item
    return None


def _sql_type(model: type[BaseModel], name: str, annotation: typing.Any) -> tuple[str, sa.types.TypeEngine]:
    """The column type for a field's (non-optional) annotation; unknown shapes are a clear error."""
    if _is_union(annotation) and set(get_args(annotation)) == {int, float}:
        return "number", sa.Float(precision=53)
    if get_origin(annotation) is Literal:
        if all(isinstance(v, str) for v in get_args(annotation)):
            return "plain", sa.Text()
        if all(isinstance(v, int) for v in get_args(annotation)):
            return "plain", sa.Integer()
    if annotation is bool:
        return "plain", sa.Boolean()
    if annotation is int:
        return "plain", sa.BigInteger()
    if annotation is float:
        return "plain", sa.Float(precision=53)
    if annotation is str:
        return "plain", sa.Text()
    if annotation is dt.datetime:
        return "plain", sa.DateTime(timezone=True)
    if annotation is dt.date:
        return "plain", sa.Date()
    item = _list_item(annotation)
    if item in (str, int, float):
        return "json", sa.JSON()
    raise TypeError(
        f"{model.__name__}.{name}: no column type for {annotation!r}; "
        "teach berita_extract.store.schema how to store it"
    )


_SCHEMA: Schema | None = None


def schema() -> Schema:
    """The layout for the current record models (built once)."""
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = Schema()
    return _SCHEMA
