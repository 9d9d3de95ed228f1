"""Shared fixtures: the pipeline once per session, and where ../shared is (if anywhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser):
    """--update-golden rewrites the golden output files from the current pipeline, deliberately."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/* from current output")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    """True when the run was asked to rewrite the golden files."""
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def nlp():
    """The full berita_extract pipeline, built once."""
    from berita_extract.nlp import load

    return load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder of real articles and gold files; tests using it skip where it is absent."""
    if not (SHARED / "articles").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip(f"../shared not found at {SHARED}: real articles are only beside the CI checkout")
    return SHARED
