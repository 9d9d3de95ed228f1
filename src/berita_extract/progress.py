"""The progress bar shared by extract, report, check, fetch and crawl: tqdm on a terminal, nothing otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterable


def bar(iterable: Iterable, enabled: bool = True, unit: str = "article", total: int | None = None) -> Iterable:
    """A progress bar on stderr when it is a terminal; the iterable itself otherwise.

    The total (and so the ETA) comes from ``total`` or from ``len(iterable)`` when it has one.
    """
    if not enabled or not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm

    if total is None and hasattr(iterable, "__len__"):
        total = len(iterable)
    return tqdm(iterable, unit=unit, file=sys.stderr, dynamic_ncols=True, total=total)
