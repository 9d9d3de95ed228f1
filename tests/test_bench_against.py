"""benchmarks/bench_against.py takes an earlier revision out of git and runs it with its own pattern files."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_against", ROOT / "benchmarks" / "bench_against.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_revision_runs_from_its_own_tree(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: bench_against needs the project's history")
    bench = _bench()
    src = bench.checkout("HEAD", tmp_path)
    articles = tmp_path / "in"
    articles.mkdir()
    for name in sorted((ROOT / "corpus" / "articles").glob("*.json"))[:2]:
        shutil.copy(name, articles)
    got = bench.measure(src, str(articles), repeat=1)
    assert got["articles"] == 2 and got["ms"] > 0 and got["startup"] > 0
    # the code and the patterns imported are the archived ones, not this checkout's
    where = subprocess.run(
        [sys.executable, "-c", "import berita_extract.patterns as p, berita_extract as b; print(b.__file__);"
         "print(p.folder())"],
        env={"PYTHONPATH": str(src), "PATH": ""}, capture_output=True, text=True, cwd=src.parent,
    ).stdout.split()
    assert where[0].startswith(str(tmp_path)) and where[1].startswith(str(tmp_path))
