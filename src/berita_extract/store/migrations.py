"""Numbered schema migrations, recorded in the schema_migrations table and applied on open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

from .. import __version__
from .schema import MIGRATIONS_TABLE, Schema
from .views import create_views

# Indexes for the joins people make: by region code, by date, by role, by name.
INDEXES: dict[str, tuple[str, ...]] = {
    "ix_articles_published": ("articles", "published"),
    "ix_articles_text_sha256": ("articles", "text_sha256"),
    "ix_articles_run_id": ("articles", "run_id"),
    "ix_officials_role": ("officials", "role", "jurisdiction"),
    "ix_officials_name": ("officials", "name"),
    "ix_places_code": ("places", "code"),
    "ix_places_level_name": ("places", "level", "name"),
    "ix_dates_value": ("dates", "value"),
    "ix_events_date": ("events", "date"),
    "ix_partners_name": ("partners", "name"),
    "ix_clusters_name": ("clusters", "name"),
    "ix_clusters_place": ("clusters", "place"),
    "ix_checks_status": ("checks", "status", "kind"),
}

# Serialises concurrent openers of one PostgreSQL database while they migrate.
_PG_LOCK_KEY = 0x6265726974


def _create_tables(conn: sa.Connection, schema: Schema) -> None:
    schema.metadata.create_all(conn, tables=schema.data_tables(), checkfirst=True)


def _create_indexes(conn: sa.Connection, schema: Schema) -> None:
    # Built on copies: an Index attaches itself to its Table, and the shared tables must stay bare
    # so that migration 1 creates exactly the version-1 layout.
    scratch = sa.MetaData()
    tables = {t.name: t.to_metadata(scratch) for t in schema.data_tables()}
    for name, (table, *columns) in INDEXES.items():
        t = tables[table]
        sa.Index(name, *(t.c[c] for c in columns)).create(conn, checkfirst=True)


def _create_views(conn: sa.Connection, schema: Schema) -> None:
    create_views(conn)


def add_columns(conn: sa.Connection, schema: Schema, table: str, columns: list[str]) -> list[str]:
    """For a later migration: add model columns a table lacks (skipping present ones); those added.

    Only nullable columns can be added to a table holding rows; give the field a default of None.
    """
    t = {x.name: x for x in schema.data_tables()}[table]
    have = {c["name"] for c in sa.inspect(conn).get_columns(table)}
    quote = conn.dialect.identifier_preparer.quote
    added = []
    for name in columns:
        if name in have:
            continue
        column = t.c[name]
        if not column.nullable:
            raise ValueError(f"{table}.{name} is NOT NULL: a migration cannot add it to existing rows")
        kind = column.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(name)} {kind}")
        added.append(name)
    return added


def _run_status(conn: sa.Connection, schema: Schema) -> None:
    add_columns(conn, schema, "runs", ["status", "pid", "host"])
    runs = schema.runs
    conn.execute(runs.update().where(runs.c.finished_at.is_not(None), runs.c.status.is_(None)).values(status="done"))


# Append only: a migration, once released, is never edited; change the schema with a new number.
# Steps 1 and 3 build from the current models and views, so a later step that adds a column must
# skip it when present (a fresh database got it from step 1), and a view change re-runs create_views.
MIGRATIONS: list[tuple[int, str, Callable[[sa.Connection, Schema], None]]] = [
    (1, "tables", _create_tables),
    (2, "indexes", _create_indexes),
    (3, "views", _create_views),
    (4, "views as joins", _create_views),  # region and mention lookups rewritten as joins
    (5, "run status", _run_status),  # runs.status, pid, host: interrupted and killed runs are marked
]
LATEST = MIGRATIONS[-1][0]


def version_table(metadata: sa.MetaData | None = None) -> sa.Table:
    """The table recording which migrations were applied, when, and by which tool version."""
    return sa.Table(
        MIGRATIONS_TABLE,
        metadata or sa.MetaData(),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tool_version", sa.Text, nullable=False),
    )


def current_version(conn: sa.Connection) -> int:
    """The highest migration applied to this database; 0 for an empty database."""
    if not sa.inspect(conn).has_table(MIGRATIONS_TABLE):
        return 0
    table = version_table()
    return conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.version), 0))).scalar_one()


def lock_migrations(conn: sa.Connection) -> None:
    """PostgreSQL: wait until no other process is migrating this database; held to the end of the transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})


def migrate(conn: sa.Connection, schema: Schema, target: int = LATEST) -> list[int]:
    """Apply the pending migrations up to ``target`` inside the caller's transaction; the numbers applied.

    Raises NewerSchemaError when the database records a version this code does not know.
    """
    lock_migrations(conn)
    table = version_table()
    table.create(conn, checkfirst=True)
    have = current_version(conn)
    if have > LATEST:
        raise NewerSchemaError(have)
    applied = []
    for number, name, step in MIGRATIONS:
        if have < number <= target:
            step(conn, schema)
            now = dt.datetime.now(dt.timezone.utc)
            row = {"version": number, "name": name, "applied_at": now, "tool_version": __version__}
            conn.execute(table.insert().values(**row))
            applied.append(number)
    return applied


def missing_columns(conn: sa.Connection, schema: Schema) -> list[str]:
    """Columns the models define that the database lacks ('table.column'): a missing migration."""
    inspector = sa.inspect(conn)
    missing = []
    for table in schema.data_tables():
        if not inspector.has_table(table.name):
            missing.append(f"{table.name}.*")
            continue
        have = {c["name"] for c in inspector.get_columns(table.name)}
        missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in have]
    return missing


class NewerSchemaError(Exception):
    """The database was made by a newer berita-extract (its schema version is above LATEST)."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version
