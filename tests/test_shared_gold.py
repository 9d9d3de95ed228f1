"""Real articles nobody here wrote: extraction scored against their gold files meets the targets."""

from __future__ import annotations

from berita_extract.cli import main
from berita_extract.evaluation import evaluate_files

TARGETS = {"officials": 0.85, "places": 0.85, "dates": 0.85, "partners": 0.85, "clusters": 0.9}


def test_f1_on_shared_gold(shared, tmp_path):
    out = tmp_path / "facts.jsonl"
    assert main(["extract", str(shared / "articles"), "-o", str(out), "-q"]) == 0
    report = evaluate_files(str(out), str(shared / "gold"))
    assert report["articles_scored"] == len(list((shared / "gold").glob("*.json")))
    scores = {field: report["fields"][field]["f1"] for field in TARGETS}
    assert all(scores[f] >= t for f, t in TARGETS.items()), scores
