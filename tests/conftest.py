"""Shared fixtures: the pipeline once per session, and where ../shared is (if anywhere)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Under CI (CI=true, as .ci/run is run) hypothesis draws the same examples on every run, so a clean change never
# turns red by chance; on a developer's machine it explores new examples each run and finds new bugs.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


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
