"""Atomic file output: write to a temporary file beside the target, then rename it into place."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def current_umask() -> int:
    """The process umask (read without changing it where /proc allows)."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_parts(target: Path) -> list[Path]:
    """Remove the temporary files (``.NAME.PID.xxxx.part``) that killed runs left beside ``target``.

    Only files whose process id no longer exists are removed: a run still writing keeps its file.
    """
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.[^./]+\.part$")
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            m = pattern.match(entry.name)
            if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success (or Ctrl-C) it replaces ``path`` whole.

    On an ordinary exception the temporary file is removed and ``path`` is left as it was.
    Records are written whole, so after an interruption the file holds every complete record
    written before it. The file gets the mode a plain ``open`` would give (0666 less the umask).
    The temporary name carries the process id, so a later run removes what a killed run left.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_parts(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
    kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
    handle = os.fdopen(fd, mode, **kwargs)

    def commit() -> None:
        handle.close()
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)

    try:
        yield handle
    except KeyboardInterrupt:
        commit()
        raise
    except BaseException:
        handle.close()
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    else:
        handle.flush()
        os.fsync(handle.fileno())
        commit()


def write_text(path: str | Path, text: str) -> None:
    """Write a whole text file atomically."""
    with atomic_open(path) as handle:
        handle.write(text)
