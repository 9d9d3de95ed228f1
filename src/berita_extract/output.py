"""Atomic file output: write to a temporary file beside the target, then rename it into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success (or Ctrl-C) it replaces ``path`` whole.

    On an ordinary exception the temporary file is removed and ``path`` is left as it was.
    Records are written whole, so after an interruption the file holds every complete record
    written before it.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
    handle = os.fdopen(fd, mode, **kwargs)
    try:
        yield handle
    except KeyboardInterrupt:
        handle.close()
        os.replace(tmp, target)
        raise
    except BaseException:
        handle.close()
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    else:
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(tmp, target)


def write_text(path: str | Path, text: str) -> None:
    """Write a whole text file atomically."""
    with atomic_open(path) as handle:
        handle.write(text)
