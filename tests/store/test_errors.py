"""Clear errors, naming the database, for bad targets: URLs, servers, files and folders."""

from __future__ import annotations

import os
import socket

import pytest
from store_fixtures import make_facts

from berita_extract.store import StoreError, open_store


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free now, and nobody listens on it


def test_unreachable_server():
    url = f"postgresql://nobody:secret@127.0.0.1:{_closed_port()}/berita"
    expected = r"postgresql://nobody:\*\*\*@127.0.0.1:\d+/berita: cannot open"
    with pytest.raises(StoreError, match=expected) as err:
        open_store(url)
    assert "secret" not in str(err.value)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("mysql://u@localhost/db", "unsupported database URL scheme 'mysql'"),
        ("postgresql://u@localhost:99999/db", "not a valid PostgreSQL URL"),
        ("postgresql://u@localhost:port/db", "not a valid PostgreSQL URL"),
        ("sqlite://", "needs a file path"),
    ],
)
def test_bad_urls(target, message):
    with pytest.raises(StoreError, match=message) as err:
        open_store(target)
    assert str(err.value).startswith(target.split("@")[0].split(":")[0])


def test_unknown_database_on_a_live_server():
    url = os.environ.get("BERITA_TEST_PG_URL")
    if not url:
        pytest.skip("BERITA_TEST_PG_URL not set: PostgreSQL tests skipped (.ci/run sets it)")
    base = url.rsplit("/", 1)[0]
    with pytest.raises(StoreError, match="no_such_db_berita.*cannot open the database.*does not exist"):
        open_store(f"{base}/no_such_db_berita")


def test_read_only_file(sqlite_target):
    with open_store(sqlite_target) as store:
        store.save(make_facts(), store.start_run([]))
    os.chmod(sqlite_target, 0o444)
    try:
        with pytest.raises(StoreError, match=f"{sqlite_target}: the database file is read-only"):
            open_store(sqlite_target)
        with open_store(sqlite_target, readonly=True) as store:  # reading it is fine
            assert store.counts()["articles"] == 1
    finally:
        os.chmod(sqlite_target, 0o644)


def test_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="folder .*locked is read-only"):
            open_store(str(folder / "new.sqlite"))
    finally:
        folder.chmod(0o755)


def test_missing_folder_and_folder_as_file(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nope" / "x.sqlite"))
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        open_store(str(tmp_path))
    with pytest.raises(StoreError, match="no such database file"):
        open_store(str(tmp_path / "absent.sqlite"), readonly=True)
    assert not (tmp_path / "absent.sqlite").exists()


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="notes.sqlite: cannot open the database: file is not a database"):
        open_store(str(path))
    assert path.read_text().startswith("these are my notes")


def test_someone_elses_sqlite_database_is_not_used_for_reading(tmp_path):
    import sqlite3

    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE articles (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a berita-extract database"):
        open_store(str(path), readonly=True)
    with pytest.raises(StoreError, match="other.sqlite: not a berita-extract database .*articles"):
        open_store(str(path))


def test_sqlite_url_form(tmp_path):
    with open_store(f"sqlite:///{tmp_path}/u.sqlite") as store:
        assert store.dialect == "sqlite"
    assert (tmp_path / "u.sqlite").exists()


def test_writing_to_a_store_opened_read_only(target):
    open_store(target).close()
    with open_store(target, readonly=True) as store:
        for write in (lambda: store.start_run([]), lambda: store.save(make_facts(), 1),
                      lambda: store.finish_run(1, 0, 0), lambda: store.delete("x")):
            with pytest.raises(StoreError, match="opened read-only"):
                write()


def test_a_read_only_store_cannot_write_even_through_raw_sql(target):
    import sqlalchemy as sa

    with open_store(target) as store:
        store.save(make_facts(), store.start_run([]))
    with open_store(target, readonly=True) as store:
        with pytest.raises(sa.exc.DBAPIError), store.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM mentions"))
        assert store.counts()["mentions"] > 0


def test_nul_characters_on_postgresql_are_a_clear_error(pg_target):
    from berita_extract.records import ArticleFacts

    facts = make_facts()
    bad = ArticleFacts.model_validate({**facts.model_dump(), "article": {**facts.article.model_dump(),
                                                                          "title": "a\x00b"}})
    with open_store(pg_target) as store:
        with pytest.raises(StoreError, match="could not save article 'demak-001'.*NUL"):
            store.save(bad, store.start_run([]))
        assert store.counts()["articles"] == 0
