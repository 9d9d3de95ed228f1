"""The extract batch runner: every article isolated, a time limit each, -j worker processes, safe interrupts.

The inputs are planned first (files, and JSON Lines files cut into chunks of lines), which gives the
progress bar its total. Each task is read, extracted and serialised in forked worker processes
(-j N; one for -j 1) that load nothing (the pipeline is loaded before the fork), or in this process
when there is no fork or (-j 1) no time limit; the parent writes the records in input order and
hands them to the database in batches. An exception or a timeout inside one article becomes one
error line naming the input; Ctrl-C or SIGTERM stops within seconds with status 130 and keeps every
complete record.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .inputs import SUFFIXES, InputError, Item, decode, default_id, iter_files, jsonl_items, read_path
from .records import Article, ArticleFacts

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130
DEFAULT_TIMEOUT = 60.0
JSONL_CHUNK = 32  # lines of a JSON Lines file per task
HARD_GRACE = 10.0  # seconds past --article-timeout before a silent worker is killed
RECYCLE_AFTER = 20_000  # articles a worker extracts before it is replaced by a fresh fork
# a worker that read a task of this many bytes is replaced after it: a huge article leaves the heap fragmented
# (spaCy's small allocations pin memory pages that malloc_trim cannot give back), a fresh fork starts clean
RECYCLE_AFTER_BYTES = 500_000


class ArticleTimeout(Exception):
    """An article took longer than the per-article time limit."""


@dataclass(frozen=True)
class Task:
    """One unit of work: a file, a chunk of lines of a JSON Lines file, stdin, or a missing input."""

    index: int
    kind: str  # file | lines | stdin | missing | empty-folder
    source: str
    root: str | None = None
    start: int = 0
    end: int = 0
    first_line: int = 1
    size: int = 1  # outcomes expected, for the progress bar's total
    data: bytes | None = None


# An outcome is ("ok", where, article id, JSON line, facts or None) or ("error", where, message).
Outcome = tuple


# -- planning -----------------------------------------------------------------------------------


def _line_chunks(path: Path, root: Path | None, index: int, max_bytes: int) -> list[Task]:
    """A JSON Lines file as tasks of JSONL_CHUNK lines each (one task when it cannot be read or is empty)."""
    whole = Task(index, "file", str(path), str(root) if root else None)
    try:
        if path.stat().st_size > max_bytes:
            return [whole]
        data = path.read_bytes()
    except OSError:
        return [whole]
    if not data.strip() or b"\x00" in data[:8192]:
        return [whole]
    tasks, pos, line = [], 0, 1
    while pos < len(data):
        end, lines, filled = pos, 0, 0
        while end < len(data) and lines < JSONL_CHUNK:
            nl = data.find(b"\n", end)
            nxt = len(data) if nl < 0 else nl + 1
            filled += bool(data[end:nxt].strip())
            end, lines = nxt, lines + 1
        tasks.append(Task(index + len(tasks), "lines", str(path), str(root) if root else None, pos, end, line,
                          filled))
        pos, line = end, line + lines
    return tasks


def plan(sources: list[str], max_bytes: int) -> list[Task]:
    """Every task of a run, in input order; stdin is read here, JSON Lines files are cut into chunks."""
    tasks: list[Task] = []
    for source in sources:
        if source == "-":
            tasks.append(Task(len(tasks), "stdin", "<stdin>", data=sys.stdin.buffer.read()))
            continue
        path = Path(source)
        if path.is_dir():
            files = list(iter_files(path))
            if not files:
                tasks.append(Task(len(tasks), "empty-folder", source))
            for file in files:
                if file.suffix.lower() == ".jsonl":
                    tasks += _line_chunks(file, path, len(tasks), max_bytes)
                else:
                    tasks.append(Task(len(tasks), "file", str(file), str(path)))
        elif path.exists() and path.suffix.lower() == ".jsonl":
            tasks += _line_chunks(path, None, len(tasks), max_bytes)
        elif path.exists():
            tasks.append(Task(len(tasks), "file", source))
        else:
            tasks.append(Task(len(tasks), "missing", source))
    return tasks


class Planned:
    """The outcomes of a run as an iterable with a length (so a progress bar shows a total and an ETA)."""

    def __init__(self, outcomes: Iterator[Outcome], total: int) -> None:
        self.outcomes, self.total = outcomes, total

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Outcome]:
        return self.outcomes


# -- one task -----------------------------------------------------------------------------------


def read_task(task: Task, max_bytes: int) -> Iterator[Item]:
    """The articles (or input errors) of one task."""
    if task.kind == "missing":
        yield Item(task.source, error=InputError(task.source, "no such file or folder"))
    elif task.kind == "empty-folder":
        kinds = " ".join(sorted(SUFFIXES))
        yield Item(task.source, error=InputError(task.source, f"no article files ({kinds}) in this folder"))
    elif task.kind == "stdin":
        from .inputs import parse_bytes

        data = task.data or b""
        if len(data) > max_bytes:
            yield Item("<stdin>", error=InputError("<stdin>", f"input is over the limit of {max_bytes:,} bytes"))
            return
        suffix = ".json" if data.lstrip()[:1] == b"{" else ".txt"
        yield from parse_bytes(data, suffix, "<stdin>", "stdin")
    elif task.kind == "lines":
        path = Path(task.source)
        root = Path(task.root) if task.root else None
        try:
            with open(path, "rb") as handle:
                handle.seek(task.start)
                data = handle.read(task.end - task.start)
            text = decode(data, task.source)
        except OSError as exc:
            yield Item(task.source, error=InputError(task.source, exc.strerror or str(exc)))
            return
        except InputError as err:
            yield Item(task.source, error=err)
            return
        yield from jsonl_items(text, task.source, default_id(path, root), task.first_line)
    else:
        yield from read_path(Path(task.source), Path(task.root) if task.root else None, max_bytes)


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in the block after ``seconds`` (SIGALRM; only in the main thread on POSIX)."""
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") or (
            threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _task_bytes(task: Task) -> int:
    """How many bytes of input a task read (0 where it cannot be told)."""
    if task.kind == "lines":
        return task.end - task.start
    if task.kind == "stdin":
        return len(task.data or b"")
    if task.kind == "file":
        with contextlib.suppress(OSError):
            return os.stat(task.source).st_size
    return 0


def _seconds(value: float) -> str:
    return f"{value:g} s"


def extract_article(nlp: Any, article: Article, timeout: float | None) -> tuple[ArticleFacts, str]:
    """One article's record and its JSON line, inside its memory zone (extraction.article_zone) and the time limit."""
    from .extraction import article_zone, facts_from_doc

    with time_limit(timeout), article_zone(nlp, len(article.text)):
        facts = facts_from_doc(nlp(article.text), article)
        line = facts.model_dump_json()
    return facts, line


def failure_reason(exc: BaseException, timeout: float | None) -> str:
    """Why one article's extraction failed, as the batch reports it after the input's name."""
    if isinstance(exc, ArticleTimeout):
        return f"extraction took longer than {_seconds(timeout)} (--article-timeout); skipped"
    reason = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"extraction failed ({type(exc).__name__}{': ' + reason if reason else ''}); skipped"


def run_task(task: Task, nlp: Any, max_bytes: int, timeout: float | None, keep_facts: bool,
             skip: int = 0, lost: str | None = None) -> Iterator[Outcome]:
    """The outcomes of one task; the first ``skip`` are left out, and outcome ``skip`` fails with ``lost``."""
    for n, item in enumerate(read_task(task, max_bytes)):
        if n < skip:
            continue
        if n == skip and lost:
            yield ("error", item.where, f"{item.where}: {lost}")
            continue
        if item.error is not None:
            yield ("error", item.where, str(item.error))
            continue
        try:
            facts, line = extract_article(nlp, item.article, timeout)
        except Exception as exc:  # noqa: BLE001 - one article must never stop the batch
            yield ("error", item.where, f"{item.where}: {failure_reason(exc, timeout)}")
            continue
        yield ("ok", item.where, item.article.id, line, facts if keep_facts else None)


def pipeline(max_bytes: int) -> Any:
    """The loaded pipeline, able to take any article up to ``max_bytes``."""
    from .nlp import load

    nlp = load()
    nlp.max_length = max(nlp.max_length, max_bytes + 1)
    return nlp


# -- signals ------------------------------------------------------------------------------------


class Signals:
    """Ctrl-C and SIGTERM as KeyboardInterrupt, held back while a record is being written."""

    def __init__(self) -> None:
        self.held = False
        self.pending = False
        self.previous: dict[int, Any] = {}

    def _handler(self, signum: int, frame: Any) -> None:
        self.pending = True
        if not self.held:
            raise KeyboardInterrupt

    def install(self) -> None:
        """Take over SIGINT and SIGTERM (main thread only)."""
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self._handler)

    def restore(self) -> None:
        """Give the signals back their former handlers."""
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous.clear()

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """A block that a signal does not cut: the interrupt is raised when it ends."""
        held, self.held = self.held, True
        try:
            yield
        finally:
            self.held = held
        if self.pending and not held:
            raise KeyboardInterrupt


# -- workers ------------------------------------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies (no orphans, even after SIGKILL)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(0)


def _worker(conn: Any, parent: int, nlp: Any, max_bytes: int, timeout: float | None, keep_facts: bool) -> None:
    """A worker process: take (task, skip, lost) messages, send one message per outcome and 'done' per task."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop, then kills us
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _die_with_parent(parent)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task, skip, lost = message
        for outcome in run_task(task, nlp, max_bytes, timeout, keep_facts, skip, lost):
            conn.send(outcome)
        conn.send(None)


@dataclass
class _Slot:
    """A worker process, its pipe, and the task it is on."""

    process: Any
    conn: Any
    task: Task | None = None
    received: int = 0  # outcomes of the current task received so far (plus those skipped)
    seen: float = 0.0  # when it last said something
    extracted: int = 0
    retried: bool = False  # the current task was sent again after a worker was lost on it
    sent_skip: int = 0  # the skip it was sent with


@dataclass
class Pool:
    """Forked workers with one task each, a bounded window of tasks ahead of the writer."""

    tasks: list[Task]
    processes: int
    nlp: Any
    max_bytes: int
    timeout: float | None
    keep_facts: bool
    slots: list[_Slot] = field(default_factory=list)
    results: dict[int, list[Outcome]] = field(default_factory=dict)
    finished: set[int] = field(default_factory=set)
    next_task: int = 0
    next_write: int = 0
    retry: list[tuple[Task, int, str]] = field(default_factory=list)

    def _spawn(self) -> _Slot:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        parent_end, child_end = ctx.Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        process = ctx.Process(target=_worker, daemon=True, args=(
            child_end, os.getpid(), self.nlp, self.max_bytes, self.timeout, self.keep_facts))
        stop = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, stop)  # the child ignores them before it can get them
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, stop)
        child_end.close()
        return _Slot(process, parent_end)

    def _send(self, slot: _Slot, task: Task, skip: int = 0, lost: str | None = None) -> None:
        slot.task, slot.received, slot.seen = task, skip, time.monotonic()
        slot.retried, slot.sent_skip = lost is not None, skip
        self.results.setdefault(task.index, [])
        slot.conn.send((task, skip, lost))

    def _replace(self, slot: _Slot) -> None:
        with contextlib.suppress(Exception):
            slot.process.kill()
            slot.process.join(1)
        slot.conn.close()
        fresh = self._spawn()
        slot.process, slot.conn, slot.task, slot.extracted = fresh.process, fresh.conn, None, 0

    def _lost(self, slot: _Slot, reason: str) -> None:
        """The worker died or hung on an article: that article fails, the rest of its task goes on elsewhere."""
        task, skip, stuck = slot.task, slot.received, slot.retried and slot.received == slot.sent_skip
        self._replace(slot)
        if task is None:
            return
        if stuck:  # lost again before its next article: the input itself kills workers
            self.results[task.index].append(
                ("error", task.source, f"{task.source}: {reason}, again before its next article; "
                                       "the rest of this input is skipped"))
            self.finished.add(task.index)
            return
        self.retry.append((task, skip, reason))

    def _dispatch(self) -> None:
        window = max(8, 4 * self.processes)
        for slot in self.slots:
            if slot.task is not None:
                continue
            if self.retry:
                self._send(slot, *self.retry.pop(0))
            elif self.next_task < len(self.tasks) and self.next_task < self.next_write + window:
                self._send(slot, self.tasks[self.next_task])
                self.next_task += 1

    def run(self) -> Iterator[Outcome]:
        """Outcomes in input order while the workers extract ahead."""
        from multiprocessing.connection import wait

        gc.freeze()  # the workers' collector then leaves the shared pipeline's pages alone (copy-on-write)
        self.slots = [self._spawn() for _ in range(max(1, self.processes))]
        hard = (self.timeout + HARD_GRACE) if self.timeout else None
        while self.next_write < len(self.tasks):
            self._dispatch()
            busy = [s for s in self.slots if s.task is not None]
            if not busy:
                raise RuntimeError("batch runner: no task in flight and none to send")
            now = time.monotonic()
            wait_for = min((s.seen + hard - now for s in busy), default=None) if hard else None
            ready = wait([s.conn for s in busy], timeout=None if wait_for is None else max(0.0, wait_for))
            for slot in busy:
                if slot.conn not in ready:
                    if hard and time.monotonic() - slot.seen > hard:
                        self._lost(slot, f"extraction took longer than {_seconds(self.timeout)} "
                                         "(--article-timeout) and its worker was killed; skipped")
                    continue
                self._receive(slot)
            while self.next_write in self.finished:
                self.finished.discard(self.next_write)
                yield from self.results.pop(self.next_write)
                self.next_write += 1

    def _receive(self, slot: _Slot) -> None:
        task = slot.task
        try:
            while slot.conn.poll():
                outcome = slot.conn.recv()
                slot.seen = time.monotonic()
                if outcome is None:
                    self.finished.add(task.index)
                    slot.task = None
                    if slot.extracted >= RECYCLE_AFTER or _task_bytes(task) >= RECYCLE_AFTER_BYTES:
                        self._replace(slot)
                    return
                self.results[task.index].append(outcome)
                slot.received += 1
                slot.extracted += 1
        except (EOFError, OSError):
            code = slot.process.exitcode
            slot.process.join(1)
            code = slot.process.exitcode if code is None else code
            self._lost(slot, f"its worker process died (exit code {code}) while extracting it; skipped")

    def leftovers(self) -> Iterator[Outcome]:
        """After an interruption: every outcome received but not yet written, in input order."""
        for index in sorted(self.results):
            if index >= self.next_write:
                yield from self.results[index]
        self.results.clear()

    def close(self) -> None:
        """Kill every worker at once and reap it."""
        for slot in self.slots:
            with contextlib.suppress(Exception):
                slot.process.kill()
        for slot in self.slots:
            with contextlib.suppress(Exception):
                slot.process.join(2)
                slot.conn.close()
        self.slots = []
        gc.unfreeze()


def _serial(tasks: list[Task], nlp: Any, max_bytes: int, timeout: float | None, keep_facts: bool
            ) -> Iterator[Outcome]:
    for task in tasks:
        yield from run_task(task, nlp, max_bytes, timeout, keep_facts)


# -- the command ----------------------------------------------------------------------------------


class _NoStoreError(Exception):
    """Stands for StoreError when no database is used (never raised)."""


@dataclass
class Tally:
    """Counts of a run and the ids seen so far (for refusing duplicates)."""

    ok: int = 0
    failed: int = 0
    ids: dict[str, str] = field(default_factory=dict)


def say(message: str) -> None:
    """One line on stderr, prefixed with the tool name."""
    print(f"berita-extract: {message}", file=sys.stderr, flush=True)


def run_extract(
    inputs: list[str],
    output: str | None = None,
    max_bytes: int = 5_000_000,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
    db: str | None = None,
    processes: int = 1,
    article_timeout: float | None = DEFAULT_TIMEOUT,
) -> int:
    """The extract command: read inputs, write one JSON line per article (and store it); 1 if anything failed.

    A bad input, an article whose extraction raises or runs past ``article_timeout`` seconds, a
    duplicate id, or an article the database refuses is reported on stderr by name and the batch
    goes on. Output goes to a temporary file renamed into place; the database gets batches of
    articles. Ctrl-C or SIGTERM returns 130 after keeping every complete record.
    """
    from .output import atomic_open, remove_stale_parts

    if processes <= 0:
        processes = os.cpu_count() or 1
    store_error: type[Exception] = _NoStoreError
    if db:
        from .store import StoreError as store_error
    tally = Tally()
    signals = Signals()
    signals.install()
    status = "done"
    try:
        with contextlib.ExitStack() as stack:
            writer = store = run_id = None
            if db:
                from .store import open_store

                store = stack.enter_context(open_store(db))
                for old in store.mark_dead_runs():
                    say(f"{db}: run {old} was killed before it finished; marked interrupted")
                run_id = store.start_run(inputs)

                def finish() -> None:
                    with signals.hold():
                        lost = len(writer.failures)
                        store.finish_run(run_id, tally.ok - lost, tally.failed + lost, status)

                stack.callback(finish)
                writer = stack.enter_context(store.batch(run_id))
            if output:
                remove_stale_parts(Path(output))
                handle = stack.enter_context(atomic_open(output))
            else:
                handle = sys.stdout

            def take(outcome: Outcome) -> None:
                if outcome[0] == "error":
                    tally.failed += 1
                    say(outcome[2])
                    return
                _, where, article_id, line, facts = outcome
                first = tally.ids.setdefault(article_id, where)
                if first != where:
                    tally.failed += 1
                    say(f"{where}: article id {article_id!r} is already used by {first} in this run; skipped "
                        "(the first input with an id wins; give the articles distinct ids)")
                    return
                handle.write(line + "\n")
                if writer is not None:
                    writer.add(facts)
                tally.ok += 1

            tasks = plan(inputs, max_bytes)
            nlp = pipeline(max_bytes)
            total = sum(t.size for t in tasks)
            pool = None
            # Workers even for -j 1 when there is a time limit: an article stuck in one C call (a
            # regular expression) never returns to Python for SIGALRM, but its worker can be killed.
            if hasattr(os, "fork") and tasks and (processes > 1 or article_timeout):
                pool = Pool(tasks, processes, nlp, max_bytes, article_timeout, writer is not None)
                outcomes = pool.run()
            else:
                outcomes = _serial(tasks, nlp, max_bytes, article_timeout, writer is not None)
            try:
                for outcome in progress(Planned(outcomes, total)):
                    with signals.hold():
                        take(outcome)
            except KeyboardInterrupt:
                status = "interrupted"
                signals.held = True  # a second Ctrl-C must not cut the clean-up short
                if pool is not None:
                    pool.close()
                    for outcome in pool.leftovers():
                        take(outcome)
                raise
            finally:
                if pool is not None:
                    pool.close()
            with signals.hold():
                if writer is not None:
                    writer.flush()
                    for article_id, reason in writer.failures:
                        say(f"{db}: article {article_id!r} not stored: {reason}")
                if not output:
                    handle.flush()
    except store_error as exc:
        say(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        say(f"interrupted; kept {tally.ok} complete record{'s' if tally.ok != 1 else ''}")
        return EXIT_INTERRUPTED
    finally:
        signals.restore()
    if not tasks:
        say("no input given")
        return EXIT_FAILED
    stored_failures = len(writer.failures) if writer is not None else 0
    return EXIT_FAILED if tally.failed or stored_failures else EXIT_OK


def records_of(lines: Iterable[str]) -> Iterator[dict]:
    """Records from JSON lines (a helper for benchmarks and tests)."""
    for line in lines:
        if line.strip():
            yield json.loads(line)
