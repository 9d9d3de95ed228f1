"""The extract batch runner end to end: isolated failures, time limits, -j N, interrupts, duplicates, modes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from berita_extract import batch, extraction
from berita_extract.cli import main

ARTICLE = ("KUDUS, Koran Muria – Bupati Kudus Hartopo membuka Sentra Jenang Kudus yang beranggotakan 25 UMKM "
           "di Balai Desa Kaliputu, Kecamatan Kota, Selasa (11/10/2022).")
OTHER = ("PATI – Camat Tlogowungu Suharto meninjau Kampung Batik Sidomukti yang beranggotakan 12 perajin "
         "di Desa Suwaduk, Kamis (13/10/2022). Ia berharap batik setempat makin dikenal.")
BOOM = "MELEDAK"  # an article holding this word makes the (patched) extraction raise
SLOW = "LAMBAT"  # ... sleep
DIE = "MATI"  # ... kill its worker process


def write_articles(folder: Path, n: int, start: int = 0) -> list[str]:
    """n small invented articles as .json files with distinct ids; their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(start, start + n):
        text = (ARTICLE if i % 2 else OTHER).replace("25", str(10 + i % 50))
        (folder / f"a{i:04d}.json").write_text(json.dumps({"id": f"a{i:04d}", "text": text}), encoding="utf-8")
        ids.append(f"a{i:04d}")
    return ids


@pytest.fixture
def troublesome(monkeypatch):
    """Extraction that raises, sleeps or dies on marked articles (inherited by forked workers)."""
    real = extraction.facts_from_doc

    def facts_from_doc(doc, article):
        if BOOM in article.text:
            raise ValueError("component exploded on purpose")
        if SLOW in article.text:
            time.sleep(30)
        if DIE in article.text:
            os._exit(9)
        return real(doc, article)

    monkeypatch.setattr(extraction, "facts_from_doc", facts_from_doc)


def read_records(path: Path) -> list[dict]:
    """Every line of a JSON Lines file as a record (fails on a partial line)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def runs(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT ok, failed, status, finished_at IS NOT NULL FROM runs ORDER BY id").fetchall()


def stored_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(r[0] for r in conn.execute("SELECT id FROM articles"))


def test_big_huge_and_failing_articles_do_not_stop_the_batch(tmp_path, capsys, troublesome):
    folder = tmp_path / "in"
    good = write_articles(folder, 4)
    sentence = ("Bupati Kudus Hartopo meninjau pasar di Desa Kaliputu, Kecamatan Kota, Selasa (11/10/2022). "
                + " ".join(["pembangunanberkelanjutanmasyarakatpedesaan"] * 40) + ". ")  # long words: quick
    big = sentence * (1_200_000 // len(sentence) + 1)
    (folder / "besar.txt").write_text(big, encoding="utf-8")  # 1.2 MB: over spaCy's default max_length
    (folder / "raksasa.txt").write_text("kata " * 1_200_000, encoding="utf-8")  # 6 MB: over --max-bytes
    (folder / "rusak.txt").write_text(f"{ARTICLE} {BOOM}", encoding="utf-8")
    out, db = tmp_path / "out.jsonl", tmp_path / "facts.sqlite"
    # no time limit: extraction in this one process (with a limit, -j 1 uses one worker process)
    code = main(["extract", str(folder), "-o", str(out), "--db", str(db), "-q", "--article-timeout", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert "rusak.txt: extraction failed (ValueError: component exploded on purpose)" in err
    assert "raksasa.txt: file is 6,000,000 bytes, over the limit" in err
    assert "Traceback" not in err
    ids = sorted(r["article"]["id"] for r in read_records(out))
    assert ids == sorted([*good, "besar"])
    assert stored_ids(db) == ids
    assert runs(db) == [(5, 2, "done", 1)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_failing_slow_and_dying_articles_with_jobs(tmp_path, capsys, troublesome, monkeypatch, jobs):
    monkeypatch.setattr(batch, "HARD_GRACE", 2.0)
    folder = tmp_path / "in"
    good = write_articles(folder, 6)
    (folder / "b_rusak.txt").write_text(f"{ARTICLE} {BOOM}", encoding="utf-8")
    (folder / "c_lambat.txt").write_text(f"{ARTICLE} {SLOW}", encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "text": OTHER}) for i in range(5)]
    lines[2] = json.dumps({"id": "j2", "text": f"{OTHER} {BOOM}"})
    lines[3] = json.dumps({"id": "j3", "text": f"{OTHER} {DIE}"})  # its worker dies: only it is lost
    (folder / "d_banyak.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, db = tmp_path / "out.jsonl", tmp_path / "facts.sqlite"
    code = main(["extract", str(folder), "-o", str(out), "--db", str(db), "-q", "-j", str(jobs),
                 "--article-timeout", "3"])
    err = capsys.readouterr().err
    assert code == 1
    assert "b_rusak.txt: extraction failed (ValueError" in err
    assert "c_lambat.txt: extraction took longer than 3 s (--article-timeout); skipped" in err
    assert "d_banyak.jsonl:3: extraction failed" in err
    kept = ["j0", "j1", "j4"]
    assert "d_banyak.jsonl:4: its worker process died" in err
    records = read_records(out)
    assert [r["article"]["id"] for r in records] == [*good, *kept]  # input order, whatever the workers did
    assert stored_ids(db) == sorted([*good, *kept])
    assert runs(db) == [(len(good) + len(kept), 4, "done", 1)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hang_that_ignores_the_alarm_is_killed(tmp_path, capsys, monkeypatch, jobs):
    """An article stuck where SIGALRM cannot reach (C code) is ended by the parent killing its worker."""
    monkeypatch.setattr(batch, "HARD_GRACE", 2.0)
    real = extraction.facts_from_doc

    def stuck(doc, article):
        if SLOW in article.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return real(doc, article)

    monkeypatch.setattr(extraction, "facts_from_doc", stuck)
    folder = tmp_path / "in"
    good = write_articles(folder, 4)
    (folder / "b_lambat.txt").write_text(f"{ARTICLE} {SLOW}", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "-q", "-j", str(jobs), "--article-timeout", "3"]) == 1
    assert "b_lambat.txt: extraction took longer than 3 s (--article-timeout) and its worker was killed" in (
        capsys.readouterr().err)
    assert [r["article"]["id"] for r in read_records(out)] == good


def test_jobs_give_the_same_output_as_one_process(tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 30)
    (folder / "many.jsonl").write_text(
        "\n".join(json.dumps({"id": f"m{i}", "text": ARTICLE}) for i in range(80)) + "\n", encoding="utf-8")
    outs = []
    for jobs in (1, 3):
        out = tmp_path / f"j{jobs}.jsonl"
        assert main(["extract", str(folder), "-o", str(out), "-q", "-j", str(jobs)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == 110


def test_a_worker_is_replaced_after_a_huge_input(tmp_path, monkeypatch):
    # a task of RECYCLE_AFTER_BYTES or more is followed by a fresh worker; the output is the same
    folder = tmp_path / "in"
    write_articles(folder, 6)
    (folder / "big.json").write_text(json.dumps({"id": "big", "text": ARTICLE + " " + OTHER * 40}), encoding="utf-8")
    spawned = []
    spawn = batch.Pool._spawn

    def counting(self):
        spawned.append(1)
        return spawn(self)

    monkeypatch.setattr(batch.Pool, "_spawn", counting)
    outs = []
    for limit in (10**9, (folder / "big.json").stat().st_size):
        monkeypatch.setattr(batch, "RECYCLE_AFTER_BYTES", limit)
        spawned.clear()
        out = tmp_path / f"out{limit}.jsonl"
        assert main(["extract", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
        outs.append((out.read_bytes(), len(spawned)))
    assert outs[0][0] == outs[1][0] and len(outs[0][0].splitlines()) == 7
    assert (outs[0][1], outs[1][1]) == (1, 2)  # one worker, then one more after the big article


def test_planned_total_counts_every_outcome(tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 3)
    (folder / "many.jsonl").write_text(
        "\n".join(json.dumps({"id": f"m{i}", "text": ARTICLE}) for i in range(70)) + "\n\n{broken\n",
        encoding="utf-8")
    tasks = batch.plan([str(folder), str(tmp_path / "missing.txt")], 5_000_000)
    outcomes = [o for t in tasks for o in batch.run_task(t, batch.pipeline(5_000_000), 5_000_000, 60, False)]
    assert sum(t.size for t in tasks) == len(outcomes) == 3 + 71 + 1
    assert [o[1] for o in outcomes if o[0] == "error"] == [f"{folder}/many.jsonl:72", str(tmp_path / "missing.txt")]


def test_the_string_store_stays_flat_over_many_articles(monkeypatch):
    from berita_extract import extraction

    monkeypatch.setattr(extraction, "WARM_ARTICLES", 3)  # the first articles warm the vocabulary, then zones
    nlp = batch.pipeline(5_000_000)
    extraction._warmed.pop(nlp, None)
    sizes = []
    for i in range(60):
        words = " ".join(f"Kata{i}x{j}" for j in range(40))
        text = f"Bupati Sukamaju{i} Warsito{i} meninjau Desa Karang{i}. {words}."
        batch.extract_article(nlp, batch.Article(id=str(i), text=text), 60)
        sizes.append(len(nlp.vocab.strings))
    assert sizes[-1] == sizes[5]


def test_duplicate_ids_keep_the_first_and_name_both(tmp_path, capsys):
    for sub, text in (("d1", ARTICLE), ("d2", OTHER)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(text, encoding="utf-8")
    out, db = tmp_path / "out.jsonl", tmp_path / "facts.sqlite"
    code = main(["extract", str(tmp_path / "d1"), str(tmp_path / "d2"), "-o", str(out), "--db", str(db), "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{tmp_path / 'd2' / 'x.txt'}: article id 'x' is already used by {tmp_path / 'd1' / 'x.txt'}" in err
    records = read_records(out)
    assert len(records) == 1 and records[0]["officials"][0]["name"] == "Hartopo"
    assert stored_ids(db) == ["x"]
    assert runs(db) == [(1, 1, "done", 1)]
    pages = tmp_path / "pages"
    assert main(["report", str(tmp_path / "d1"), str(tmp_path / "d2"), "-o", str(pages), "-q"]) == 1
    err = capsys.readouterr().err
    assert "already used by" in err and "wrote 2 pages" in err  # x.html and index.html
    assert sorted(p.name for p in pages.iterdir()) == ["index.html", "x.html"]


def test_output_files_follow_the_umask(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"),
                     "--db", str(tmp_path / "f.sqlite"), "-q"]) == 0
        assert main(["report", str(tmp_path / "a.txt"), "-o", str(tmp_path / "a.html"), "-q"]) == 0
        assert main(["export", "--db", str(tmp_path / "f.sqlite"), "-o", str(tmp_path / "csv")]) == 0
        os.umask(0o077)
        assert main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "private.jsonl"), "-q"]) == 0
    finally:
        os.umask(old)
    for path in [tmp_path / "o.jsonl", tmp_path / "a.html", *(tmp_path / "csv").iterdir()]:
        assert path.stat().st_mode & 0o777 == 0o644, path
    assert (tmp_path / "private.jsonl").stat().st_mode & 0o777 == 0o600


def test_a_folder_without_articles_is_an_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("nothing here")
    assert main(["extract", str(tmp_path / "empty"), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'empty'}: no article files (.htm .html .json .jsonl .txt) in this folder" in err


def test_a_killed_run_is_cleaned_up_by_the_next(tmp_path):
    """SIGKILL leaves a .part file and a 'running' run; the next run removes and marks them."""
    folder = tmp_path / "in"
    write_articles(folder, 1500)
    out, db = tmp_path / "out.jsonl", tmp_path / "facts.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "berita_extract.cli", "extract", str(folder), "-o", str(out),
                             "--db", str(db), "-q", "-j", "2"], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_part(tmp_path, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert_group_gone(proc.pid)
    assert list(tmp_path.glob(".out.jsonl.*.part"))
    assert runs(db) == [(None, None, "running", 0)]
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "berita_extract.cli", "extract", str(tmp_path / "one"),
                           "-o", str(out), "--db", str(db), "-q"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "run 1 was killed before it finished; marked interrupted" in done.stderr
    assert not list(tmp_path.glob(".out.jsonl.*.part"))
    assert runs(db) == [(None, None, "interrupted", 0), (1, 0, "done", 1)]


def wait_for_part(folder: Path, proc: subprocess.Popen, lines: int = 3) -> None:
    """Wait until the run has written a few whole records to its temporary file."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        for part in folder.glob(".out.jsonl.*.part"):
            if part.read_bytes().count(b"\n") >= lines:
                return
        time.sleep(0.1)
    raise AssertionError("the run wrote nothing")


def assert_group_gone(pgid: int) -> None:
    """No process of the run's session is left (workers die with the parent)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(pgid, signal.SIGKILL)
    raise AssertionError("worker processes outlived the parent")


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("group", [True, False], ids=["group", "parent"])
def test_interrupt_keeps_complete_records(tmp_path, jobs, sig, group):
    folder = tmp_path / "in"
    write_articles(folder, 1500)
    out, db = tmp_path / "out.jsonl", tmp_path / "facts.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "berita_extract.cli", "extract", str(folder), "-o", str(out),
                             "--db", str(db), "-q", "-j", str(jobs)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_part(tmp_path, proc)
    (os.killpg if group else os.kill)(proc.pid, sig)
    assert proc.wait(timeout=60) == 130
    err = proc.stderr.read().decode()
    assert "Traceback" not in err and "interrupted; kept" in err
    assert_group_gone(proc.pid)
    records = read_records(out)  # every line whole
    assert 3 <= len(records) < 1500
    assert [r["article"]["id"] for r in records] == sorted(r["article"]["id"] for r in records)
    assert stored_ids(db) == sorted(r["article"]["id"] for r in records)
    assert runs(db) == [(len(records), 0, "interrupted", 1)]
    assert not list(tmp_path.glob(".out.jsonl.*.part"))


def test_evaluate_of_a_missing_file_prints_the_error_only(tmp_path, capsys, caplog):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps({"id": "a", "officials": []}))
    assert main(["evaluate", str(tmp_path / "nope.jsonl"), "--gold", str(tmp_path / "gold")]) == 1
    assert capsys.readouterr().out == ""
    assert "nope.jsonl: cannot read" in caplog.text


def test_check_prints_whole_ids(tmp_path, capsys):
    long_id = "kabupaten-sukamaju-bupati-meninjau-sentra-jenang-2022-10-11"
    (tmp_path / "a.json").write_text(json.dumps({"id": long_id, "text": ARTICLE}), encoding="utf-8")
    assert main(["check", str(tmp_path / "a.json"), "-q"]) == 0
    assert long_id in capsys.readouterr().out


def test_the_progress_bar_knows_the_total(monkeypatch):
    from berita_extract.progress import bar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    shown = bar(batch.Planned(iter([]), 42), True)
    assert shown.total == 42
    shown.close()


def test_no_import_circles():
    """progress lives apart from cli; fetch/robots.py does not import fetch/http.py (only for typing)."""
    import ast

    src = Path(batch.__file__).parent
    for name in ("review.py", "fetch/commands.py", "progress.py"):
        tree = ast.parse((src / name).read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "cli" not in modules and ".cli" not in modules, name
    robots = ast.parse((src / "fetch" / "robots.py").read_text(encoding="utf-8"))
    top = [n.module for n in robots.body if isinstance(n, ast.ImportFrom)]
    assert "http" not in top


def test_an_input_that_kills_every_worker_is_given_up(tmp_path, capsys, monkeypatch):
    real = batch.read_task

    def read_task(task, max_bytes):
        if "maut" in task.source:
            os._exit(9)
        yield from real(task, max_bytes)

    monkeypatch.setattr(batch, "read_task", read_task)
    folder = tmp_path / "in"
    good = write_articles(folder, 4)
    (folder / "b_maut.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "-q", "-j", "2"]) == 1
    err = capsys.readouterr().err
    assert "b_maut.txt: its worker process died (exit code 9)" in err and "the rest of this input is skipped" in err
    assert err.count("b_maut.txt") == 1
    assert [r["article"]["id"] for r in read_records(out)] == good
