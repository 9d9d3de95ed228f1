"""End to end over the project's corpus: scores against its gold, and output identical to the golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from berita_extract.cli import main
from berita_extract.evaluation import evaluate_files

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLDEN = Path(__file__).parent / "golden" / "corpus.jsonl"
TARGETS = ["officials", "places", "dates", "partners", "clusters", "clusters+count"]


@pytest.fixture(scope="module")
def corpus_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "facts.jsonl"
    assert main(["extract", str(CORPUS), "-o", str(out), "-q"]) == 0
    return out


def test_corpus_scores(corpus_output):
    report = evaluate_files(str(corpus_output), str(CORPUS / "gold"))
    assert report["missing_output"] == [] and report["errors"] == []
    scores = {field: round(report["fields"][field]["f1"], 3) for field in TARGETS}
    assert all(f1 >= 0.95 for f1 in scores.values()), scores


def test_golden_output(corpus_output, update_golden):
    """The whole output is compared; after a deliberate change run `pytest --update-golden` and review the diff."""
    current = corpus_output.read_text(encoding="utf-8")
    if update_golden:
        GOLDEN.write_text(current, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file yet: run pytest --update-golden"
    want = {r["article"]["id"]: r for r in map(json.loads, GOLDEN.read_text(encoding="utf-8").splitlines())}
    got = {r["article"]["id"]: r for r in map(json.loads, current.splitlines())}
    assert sorted(got) == sorted(want)
    for article_id, record in want.items():
        for field, value in record.items():
            assert got[article_id][field] == value, f"{article_id}: {field} differs from tests/golden/corpus.jsonl"
