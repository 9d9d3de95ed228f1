"""Fixtures for the store tests: SQLite files in a temp folder and fresh PostgreSQL schemas."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest


@pytest.fixture
def sqlite_target(tmp_path) -> str:
    """Path of a SQLite database file that does not exist yet."""
    return str(tmp_path / "berita.sqlite")


@pytest.fixture
def pg_target() -> Iterator[str]:
    """A postgresql URL whose search_path is a fresh schema, dropped afterwards."""
    url = os.environ.get("BERITA_TEST_PG_URL")
    if not url:
        pytest.skip("BERITA_TEST_PG_URL not set: PostgreSQL tests skipped (.ci/run sets it)")
    import sqlalchemy as sa

    name = f"berita_test_{uuid.uuid4().hex[:12]}"
    admin_url = url if "+psycopg" in url else url.replace("postgresql://", "postgresql+psycopg://", 1)
    admin = sa.create_engine(admin_url)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    except sa.exc.OperationalError as exc:
        pytest.fail(f"BERITA_TEST_PG_URL is set but PostgreSQL does not answer: {exc}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    name = "sqlite_target" if request.param == "sqlite" else "pg_target"
    return request.getfixturevalue(name)
