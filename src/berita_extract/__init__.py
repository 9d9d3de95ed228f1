"""berita_extract: structured, checkable facts from Indonesian regional news."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("berita-extract")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__", "extract", "extract_many", "load"]


def __getattr__(name: str):
    """Import the pipeline only when it is asked for, so `import berita_extract` stays cheap."""
    if name == "load":
        from .nlp import load

        return load
    if name in {"extract", "extract_many"}:
        from . import extraction

        return getattr(extraction, name)
    raise AttributeError(f"module 'berita_extract' has no attribute {name!r}")
