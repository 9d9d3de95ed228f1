"""The report and check commands, from records on file, from a database, and from extraction."""

from __future__ import annotations

import json
import shutil

import pytest
import report_handmade as hm

from berita_extract.cli import main


@pytest.fixture
def corpus(tmp_path):
    """The test articles in a folder, their hand-made records in a JSON Lines file, and one broken input."""
    folder = tmp_path / "corpus"
    shutil.copytree(hm.ARTICLES, folder)
    (folder / "broken.json").write_text('{"id": "broken", "text": ', encoding="utf-8")
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(f.model_dump_json() + "\n" for f, _ in (b() for b in hm.ALL)), encoding="utf-8")
    return folder, facts


def test_report_folder_from_records(corpus, tmp_path, capsys):
    folder, facts = corpus
    out = tmp_path / "review"
    rc = main(["report", str(folder), "-o", str(out), "--facts", str(facts), "-q"])
    err = capsys.readouterr().err
    assert rc == 1  # one input failed, the rest were written
    assert "broken.json: malformed JSON" in err
    assert (out / "index.html").exists()
    assert len(list(out.glob("*.html"))) == len(hm.ALL) + 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "broken.json" in index and "Sri Wahyuningsih" in index


def test_report_one_file(corpus, tmp_path, capsys):
    folder, facts = corpus
    out = tmp_path / "story.html"
    assert main(["report", str(folder / "pati-nelayan.txt"), "-o", str(out), "--facts", str(facts)]) == 0
    assert "Kelompok Usaha Bersama Mina Bendar" in out.read_text(encoding="utf-8")
    assert (
        main(
            [
                "report",
                str(folder / "pati-nelayan.txt"),
                str(folder / "kudus-festival.txt"),
                "-o",
                str(tmp_path / "two.html"),
                "--facts",
                str(facts),
            ]
        )
        == 2
    )
    assert "need a folder" in capsys.readouterr().err


def test_check_table_and_json_from_records(corpus, capsys):
    folder, facts = corpus
    rc = main(["check", str(folder), "--facts", str(facts), "-q"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "MISMATCH" in out and "Within articles" in out and "Across articles" in out
    assert main(["check", str(folder), "--facts", str(facts), "--json", "-q"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == len(hm.ALL)
    assert any(e.startswith(str(folder / "broken.json")) for e in report["errors"])
    kinds = {(r["article"], r["kind"], r["status"]) for r in report["within"]}
    assert ("grobogan-klaster-suara", "percentage", "mismatch") in kinds
    assert ("grobogan-klaster-suara", "weekday", "mismatch") in kinds  # the record's own check is kept
    across = {(f["kind"], f["subject"], f["status"]) for f in report["across"]}
    assert ("cross_title", "Sri Wahyuningsih", "mismatch") in across
    assert report["summary"]["across"]["mismatch"] >= 3


def test_check_failed_only(corpus, capsys):
    _, facts = corpus
    assert main(["check", "--facts", str(facts), "--failed", "-q"]) == 0
    out = capsys.readouterr().out
    assert "MISMATCH" in out and "  OK " not in out


def test_check_needs_something_to_check(capsys):
    assert main(["check"]) == 2
    assert "needs input articles" in capsys.readouterr().err


def test_check_from_database(tmp_path, capsys):
    store_mod = pytest.importorskip("berita_extract.store")
    db = tmp_path / "berita.sqlite"
    with store_mod.open_store(str(db)) as store:
        run = store.start_run(["test"])
        for build in hm.ALL:
            store.save(build()[0], run)
        store.finish_run(run, len(hm.ALL), 0)
    assert main(["check", "--db", str(db), "--json", "-q"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == len(hm.ALL)
    across = {(f["kind"], f["subject"], f["status"]) for f in report["across"]}
    assert ("cross_member_count", "Klaster Batik Tulis Sidorejo", "mismatch") in across
    assert ("cross_title", "Sri Wahyuningsih", "mismatch") in across


def test_check_bad_database_is_a_clear_error(tmp_path, capsys):
    pytest.importorskip("berita_extract.store")
    bad = tmp_path / "not-a-db.sqlite"
    bad.write_text("this is not sqlite", encoding="utf-8")
    assert main(["check", "--db", str(bad), "-q"]) == 1
    assert str(bad) in capsys.readouterr().err


def test_check_and_report_with_extraction(corpus, tmp_path, capsys):
    """Articles without records are extracted; figure checks that rest on the text alone must show."""
    folder, facts = corpus
    stale = tmp_path / "stale.jsonl"
    record = hm.pati()[0]
    record.article.text_sha256 = "0" * 64
    stale.write_text(record.model_dump_json() + "\n", encoding="utf-8")
    assert main(["check", str(folder), "--facts", str(stale), "--json", "-q"]) == 1
    captured = capsys.readouterr()
    assert "pati-nelayan: the stored record is for another version of the text" in captured.err
    report = json.loads(captured.out)
    assert report["articles"] == len(hm.ALL)
    within = {(r["article"], r["kind"], r["status"]) for r in report["within"]}
    assert ("grobogan-klaster-suara", "percentage", "mismatch") in within
    assert ("kudus-festival", "repeated_figure", "mismatch") in within
    out = tmp_path / "review"
    assert main(["report", str(folder), "-o", str(out), "-q"]) == 1
    assert len(list(out.glob("*.html"))) == len(hm.ALL) + 1


def test_report_uses_stored_records(corpus, tmp_path):
    store_mod = pytest.importorskip("berita_extract.store")
    folder, _ = corpus
    db = tmp_path / "berita.sqlite"
    with store_mod.open_store(str(db)) as store:
        run = store.start_run(["test"])
        for build in hm.ALL:
            store.save(build()[0], run)
        store.finish_run(run, len(hm.ALL), 0)
    out = tmp_path / "story.html"
    assert main(["report", str(folder / "pati-nelayan.txt"), "--db", str(db), "-o", str(out), "-q"]) == 0
    assert "test-clusters" in out.read_text(encoding="utf-8")  # rule ids of the stored record
