"""The whole flow: extract --db, then export the records back; no assumption on what is extracted."""

from __future__ import annotations

import json

from store_fixtures import TEXT

from berita_extract.cli import main
from berita_extract.store import open_store


def test_extract_db_then_export_gives_back_what_extract_wrote(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "demak.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "kudus.txt").write_text(TEXT.replace("Demak", "Kudus"), encoding="utf-8")
    db = str(tmp_path / "berita.sqlite")
    for _ in range(2):  # the second run replaces, it does not duplicate
        assert main(["extract", str(corpus), "-q", "-o", str(tmp_path / "facts.jsonl"), "--db", db]) == 0
    assert main(["export", "--db", db, "--format", "jsonl", "-o", str(tmp_path / "back.jsonl")]) == 0
    written = (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    back = (tmp_path / "back.jsonl").read_text(encoding="utf-8").splitlines()
    assert back == sorted(written, key=lambda line: json.loads(line)["article"]["id"])
    with open_store(db, readonly=True) as store:
        counts = store.counts()
    assert counts["articles"] == 2 and counts["runs"] == 2
    assert main(["query", "--db", db, "clusters", "--format", "jsonl"]) == 0
    capsys.readouterr()
