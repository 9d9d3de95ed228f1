"""Extraction on Dask: same records and tables as plain extract, reruns, lost workers, bad inputs, the CLI.

One LocalCluster with two worker processes serves the whole module (starting one costs seconds).
Worker behaviour is changed through a Dask WorkerPlugin, because the workers are separate processes.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the 'dask' extra is not installed")
pq = pytest.importorskip("pyarrow.parquet")

import cloudpickle  # noqa: E402 - dask's serialiser, present when distributed is

from berita_extract.distributed import read_failures, run_distributed  # noqa: E402
from berita_extract.records import text_sha256  # noqa: E402
from berita_extract.store.rows import rows_to_facts  # noqa: E402
from berita_extract.store.schema import schema  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CLI = [sys.executable, "-m", "berita_extract.cli"]

# Invented articles; the marker words make the patched extraction on the workers misbehave.
ARTICLE = ("KUDUS, Koran Muria – Bupati Kudus Hartopo membuka Sentra Jenang Kudus yang beranggotakan 25 UMKM "
           "di Balai Desa Kaliputu, Kecamatan Kota, Selasa (11/10/2022).")
BOOM, SLOW, DIE, STUCK = "MELEDAK", "LAMBAT", "MATI", "MACET"

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module


class Trouble(distributed.WorkerPlugin):
    """On a worker: extraction raises on BOOM, loops on SLOW, kills the worker process on DIE, sleeps in C on STUCK."""

    name = "berita-trouble"

    def setup(self, worker) -> None:
        from berita_extract import distributed as ours
        from berita_extract import extraction

        self.real = real = extraction.facts_from_doc
        self.grace, ours.HARD_GRACE = ours.HARD_GRACE, 1.0  # a stuck worker is ended 1 s past the limit

        def facts_from_doc(doc, article):
            if BOOM in article.text:
                raise ValueError("component exploded on purpose")
            if SLOW in article.text:
                while True:  # pure Python: the watchdog's exception reaches it
                    pass
            if DIE in article.text:
                os._exit(9)
            if STUCK in article.text:
                time.sleep(600)  # one C call: the watchdog's exception cannot reach it
            return real(doc, article)

        extraction.facts_from_doc = facts_from_doc

    def teardown(self, worker) -> None:
        from berita_extract import distributed as ours
        from berita_extract import extraction

        extraction.facts_from_doc, ours.HARD_GRACE = self.real, self.grace


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of two one-thread worker processes; a task is given up after its second lost worker."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                     silence_logs=40) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture
def trouble(client):
    """The Trouble plugin on every worker (and on workers that replace dead ones) for one test."""
    client.register_plugin(Trouble())
    state = {"on": True}

    def stop() -> None:
        if state["on"]:
            state["on"] = False
            client.unregister_worker_plugin(Trouble.name)  # its teardown puts the real extraction back

    yield stop
    stop()


def plain_extract(inputs: list[Path], tmp: Path, *extra: str) -> tuple[subprocess.CompletedProcess, Path]:
    """Plain `berita-extract extract INPUTS -o` (no Dask); the process and its output file."""
    out = tmp / "plain.jsonl"
    done = subprocess.run([*CLI, "extract", *map(str, inputs), "-q", "-o", str(out), *extra],
                          capture_output=True, text=True, cwd=ROOT)
    return done, out


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_id(items: list[dict]) -> dict[str, dict]:
    found = {r["article"]["id"]: r for r in items}
    assert len(found) == len(items), "an article id appears twice"
    return found


def table_rows(folder: Path, name: str) -> list[dict]:
    """Every row of one table of a Parquet folder (a folder of parts, or export's single file)."""
    target = folder / name if (folder / name).is_dir() else folder / f"{name}.parquet"
    rows = pq.read_table(target).to_pylist() if target.exists() else []
    key = [c.name for c in schema().metadata.tables[name].primary_key.columns]
    return sorted(rows, key=lambda r: tuple(r[k] for k in key))


def decoded(rows: list[dict], name: str) -> list[dict]:
    """Rows with their JSON-text columns (authors ...) parsed back, as the database hands them out."""
    import sqlalchemy as sa

    json_cols = [c.name for c in schema().metadata.tables[name].columns if isinstance(c.type, sa.JSON)]
    return [{**r, **{c: None if r[c] is None else json.loads(r[c]) for c in json_cols}} for r in rows]


def parquet_records(folder: Path) -> dict[str, dict]:
    """The records rebuilt from the Parquet tables with the store's own row code, by article id."""
    s = schema()
    facts = {name: {} for name in s.fact_tables}
    for name in s.fact_tables:
        for row in table_rows(folder, name):
            facts[name].setdefault(row["article_id"], []).append(row)
    mentions: dict[str, list] = {}
    for row in table_rows(folder, "mentions"):
        mentions.setdefault(row["article_id"], []).append(row)
    rebuilt = [rows_to_facts(s, a, {n: facts[n].get(a["id"], []) for n in facts}, mentions.get(a["id"], []))
               for a in decoded(table_rows(folder, "articles"), "articles")]
    return by_id([json.loads(f.model_dump_json()) for f in rebuilt])


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """Plain extract of corpus/ with --db, and that database exported as Parquet: the reference."""
    tmp = tmp_path_factory.mktemp("plain")
    done, out = plain_extract([CORPUS], tmp, "--db", str(tmp / "plain.sqlite"))
    assert done.returncode == 0, done.stderr
    subprocess.run([*CLI, "export", "--db", str(tmp / "plain.sqlite"), "--format", "parquet", "-o",
                    str(tmp / "exported")], check=True, capture_output=True, cwd=ROOT)
    return {"records": records(out), "lines": out.read_text(encoding="utf-8"), "exported": tmp / "exported"}


def test_records_and_parquet_tables_equal_plain_extract(client, plain, tmp_path):
    out, facts, db = tmp_path / "parquet", tmp_path / "facts.jsonl", tmp_path / "facts.sqlite"
    summary = run_distributed([str(CORPUS)], client=client, parquet=str(out), output=str(facts), db=str(db),
                              partition_size=8, report=None)
    assert (summary.ok, summary.skipped, summary.failed) == (len(plain["records"]), 0, 0)
    assert summary.partitions >= 6
    assert facts.read_text(encoding="utf-8") == plain["lines"]  # in input order, byte for byte
    for table in ["articles", *schema().fact_tables, "mentions"]:
        assert table_rows(out, table) == table_rows(plain["exported"], table), table
    assert parquet_records(out) == by_id(plain["records"])
    from berita_extract.store import open_store
    from berita_extract.store.export import iter_records

    with open_store(str(db), readonly=True) as store:
        stored = [json.loads(f.model_dump_json()) for f in iter_records(store)]
    assert by_id(stored) == by_id(plain["records"])
    assert read_failures(str(out)) == []
    parts = sorted(p.name for p in (out / "articles").iterdir())
    assert len(parts) == summary.partitions and all(p.startswith("part-") for p in parts)


def test_cli_dask_local_equals_plain_extract(plain, tmp_path):
    out = tmp_path / "facts.jsonl"
    done = subprocess.run([*CLI, "extract", "corpus", "--dask", "local:2", "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == plain["lines"]
    assert "Dask dashboard: http://" in done.stderr


def test_fsspec_urls_are_read_like_local_paths(client, plain):
    lines = io.StringIO()
    summary = run_distributed([CORPUS.as_uri(), "file:///nonexistent/berita-x"], client=client, output=lines,
                              report=None)
    assert lines.getvalue() == plain["lines"]  # same ids, same reading, same order
    assert summary.failures == [("file:///nonexistent/berita-x", None, "no such file or folder")]


def test_rerun_skips_done_articles_and_replaces_changed_ones(client, plain, tmp_path):
    folder, out = tmp_path / "in", tmp_path / "parquet"
    shutil.copytree(CORPUS, folder)
    first = run_distributed([str(folder)], client=client, parquet=str(out), partition_size=8, report=None)
    assert (first.ok, first.skipped, first.failed) == (len(plain["records"]), 0, 0)
    before = {p.name for p in (out / "articles").iterdir()}

    again = run_distributed([str(folder)], client=client, parquet=str(out), partition_size=8, report=None)
    assert (again.ok, again.skipped, again.failed) == (0, len(plain["records"]), 0)
    assert {p.name for p in (out / "articles").iterdir()} == before  # nothing new written

    changed = sorted((folder / "articles").glob("*.json"))[0]
    record = json.loads(changed.read_text(encoding="utf-8"))
    record["text"] = ARTICLE
    changed.write_text(json.dumps(record), encoding="utf-8")
    (folder / "baru.txt").write_text(ARTICLE.replace("Kudus Hartopo", "Pati Haryanto"), encoding="utf-8")
    third = run_distributed([str(folder)], client=client, parquet=str(out), partition_size=8, report=None)
    assert (third.ok, third.skipped, third.failed) == (2, len(plain["records"]) - 1, 0)
    rebuilt = parquet_records(out)  # each id once: the changed article's old rows are gone
    assert len(rebuilt) == len(plain["records"]) + 1
    assert rebuilt[record["id"]]["article"]["text_sha256"] != by_id(plain["records"])[record["id"]]["article"][
        "text_sha256"]
    assert [o["name"] for o in rebuilt[record["id"]]["officials"]] == ["Hartopo"]
    assert [o["name"] for o in rebuilt["baru"]["officials"]] == ["Haryanto"]
    unchanged = {k: v for k, v in by_id(plain["records"]).items() if k != record["id"]}
    assert {k: rebuilt[k] for k in unchanged} == unchanged


def test_a_killed_worker_loses_no_article_on_rerun(client, trouble, plain, tmp_path):
    folder, out = tmp_path / "in", tmp_path / "parquet"
    shutil.copytree(CORPUS, folder)
    victim = folder / "zz-mati.txt"  # last in input order: the partitions before it finish first
    victim.write_text(f"{ARTICLE} {DIE}", encoding="utf-8")
    first = run_distributed([str(folder)], client=client, parquet=str(out), partition_size=8, report=None)
    lost = [f for f in first.failures if "KilledWorker" in f[2]]
    assert str(victim) in [f[0] for f in lost]  # its partition's inputs are reported, not silently dropped
    assert first.failed == len(lost) and first.ok == len(plain["records"]) + 1 - len(lost)
    assert {f["input"] for f in read_failures(str(out))} == {f[0] for f in lost}

    trouble()  # the workers behave again
    second = run_distributed([str(folder)], client=client, parquet=str(out), partition_size=8, report=None)
    # A partition whose worker died after it wrote its parts counts as lost in the first run, but
    # its articles are in the Parquet folder: the rerun skips them and extracts only the rest.
    assert second.failed == 0 and 1 <= second.ok <= len(lost)
    assert second.ok + second.skipped == len(plain["records"]) + 1
    rebuilt = parquet_records(out)
    assert {k: rebuilt[k] for k in by_id(plain["records"])} == by_id(plain["records"])
    assert rebuilt["zz-mati"]["article"]["text_sha256"] == text_sha256(victim.read_text(encoding="utf-8"))
    assert read_failures(str(out)) == []  # the failures table holds the latest run's


def test_an_article_stuck_in_one_call_ends_its_worker_not_the_run(client, trouble, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abcdef":
        (folder / f"{name}.txt").write_text(ARTICLE.replace("Hartopo", f"Hartopo {name.upper()}"), encoding="utf-8")
    (folder / "g-macet.txt").write_text(f"{ARTICLE} {STUCK}", encoding="utf-8")
    summary = run_distributed([str(folder)], client=client, partition_size=2, article_timeout=1,
                              output=io.StringIO(), report=None)
    lost = {f[0] for f in summary.failures}
    assert str(folder / "g-macet.txt") in lost
    assert all("KilledWorker" in f[2] for f in summary.failures)
    assert summary.ok == 7 - len(lost) and summary.ok >= 4


def test_bad_inputs_and_failing_articles_become_failure_records(client, trouble, tmp_path):
    folder, out = tmp_path / "in", tmp_path / "parquet"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"id": "a", "text": ARTICLE}), encoding="utf-8")
    (folder / "b-rusak.json").write_text('{"id": "b", "text": ', encoding="utf-8")
    (folder / "c-meledak.txt").write_text(f"{ARTICLE} {BOOM}", encoding="utf-8")
    (folder / "d-lambat.txt").write_text(f"{ARTICLE} {SLOW}", encoding="utf-8")
    (folder / "e.jsonl").write_text(json.dumps({"id": "e1", "text": ARTICLE}) + "\nnot json\n"
                                    + json.dumps({"id": "a", "text": ARTICLE}) + "\n", encoding="utf-8")
    (folder / "f.txt").write_text(ARTICLE.replace("Hartopo", "Sutrisno"), encoding="utf-8")
    facts = tmp_path / "facts.jsonl"
    summary = run_distributed([str(folder)], client=client, parquet=str(out), output=str(facts),
                              partition_size=100, article_timeout=1, report=None)
    assert summary.partitions >= 2
    assert sorted(r["article"]["id"] for r in records(facts)) == ["a", "e1", "f"]  # their neighbours survive
    reasons = {(f["input"], f["id"]): f["reason"] for f in read_failures(str(out))}
    assert set(reasons) == {(str(folder / "b-rusak.json"), None), (str(folder / "c-meledak.txt"), "c-meledak"),
                            (str(folder / "d-lambat.txt"), "d-lambat"), (f"{folder / 'e.jsonl'}:2", None),
                            (f"{folder / 'e.jsonl'}:3", "a")}
    assert reasons[(str(folder / "b-rusak.json"), None)].startswith("malformed JSON")
    assert "ValueError: component exploded on purpose" in reasons[(str(folder / "c-meledak.txt"), "c-meledak")]
    assert "longer than 1 s" in reasons[(str(folder / "d-lambat.txt"), "d-lambat")]
    assert "already used by" in reasons[(f"{folder / 'e.jsonl'}:3", "a")]
    assert summary.failed == 5 and summary.ok == 3
    assert sorted(r["id"] for r in table_rows(out, "articles")) == sorted(r["article"]["id"] for r in records(facts))


def test_cli_reports_failures_by_input_and_exits_1(client, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"id": "a", "text": ARTICLE}), encoding="utf-8")
    (folder / "kosong.txt").write_text("", encoding="utf-8")
    done = subprocess.run([*CLI, "extract", str(folder), "--dask", client.scheduler.address, "-q",
                           "--parquet", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert f"{folder / 'kosong.txt'}: empty file" in done.stderr
    assert done.stdout == ""  # --parquet without -o: the records are in the Parquet folder
    assert [r["id"] for r in table_rows(tmp_path / "out", "articles")] == ["a"]


def test_missing_dask_address_and_parquet_without_dask_are_clear_errors(tmp_path):
    done = subprocess.run([*CLI, "extract", "corpus", "--parquet", str(tmp_path / "p")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and "--parquet" in done.stderr and "--dask" in done.stderr
    quick = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}  # Dask's own setting, not 30 s
    done = subprocess.run([*CLI, "extract", "corpus", "--dask", "tcp://127.0.0.1:9", "-q", "-o",
                           str(tmp_path / "f.jsonl")], capture_output=True, text=True, cwd=ROOT, env=quick, timeout=120)
    assert done.returncode == 1 and "cannot reach the Dask scheduler" in done.stderr
    assert not (tmp_path / "f.jsonl").exists()


def test_without_dask_installed_the_error_says_how_to_install_it(tmp_path):
    hide = ("import sys; sys.modules['distributed'] = None; from berita_extract.cli import main; "
            f"sys.exit(main(['extract', 'corpus', '--dask', 'local:2', '-q', '-o', {str(tmp_path / 'f.jsonl')!r}]))")
    done = subprocess.run([sys.executable, "-c", hide], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert "pip install 'berita-extract[dask]'" in done.stderr and "distributed" in done.stderr
    assert not (tmp_path / "f.jsonl").exists()
