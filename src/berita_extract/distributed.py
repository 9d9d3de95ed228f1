"""Extraction on a Dask cluster: partitions of input files, one pipeline per worker, Parquet parts per partition.

The inputs are planned on the client the way ``extract`` plans them (batch.plan: same ids, same
reading, JSON Lines files cut into chunks) and cut into partitions of about ``partition_size``
articles. Each partition runs on a Dask worker, which loads the pipeline once per process and keeps
it for every later partition. Every article is isolated: an exception, or a run past the time
limit, becomes a failure record (input, id, reason) and the partition goes on. A partition writes
its own Parquet part of every table (``out/<table>/part-<run>-<partition>.parquet``, a temporary
file renamed into place, the articles table last), so whatever finished before a crash is usable
and a rerun skips the articles already there with the same id and text hash. The JSON Lines
records (``-o``) and database rows (``--db``) travel back to the client, which writes them in input
order, so they equal plain ``extract``'s.

    extract_to_parquet(paths, out, client=None, partition_size=256, db=None) -> Summary
    run_distributed(inputs, dask="local:2", parquet=None, output=None, db=None, ...) -> Summary
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import dataclasses
import datetime as dt
import hashlib
import io
import os
import re
import secrets
import socket
import sys
import threading
import time
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from . import batch
from .batch import ArticleTimeout, Task, failure_reason
from .inputs import InputError, Item, default_id, is_article_file, parse_bytes
from .records import ArticleFacts, text_sha256

HARD_GRACE = batch.HARD_GRACE  # seconds past the time limit before a worker stuck in one C call is ended
DEFAULT_PARTITION = 256  # articles per partition: seconds of work, so scheduling and part files stay cheap
INSTALL_HINT = "pip install 'berita-extract[dask]'"
FAILURES = "failures"
FAILURE_COLUMNS = ("input", "id", "reason")
PART = re.compile(r"^part-(.+)\.parquet$")


class DistributedError(Exception):
    """A run that cannot start (Dask missing, a bad --dask address, an unusable output folder)."""


def require_dask() -> None:
    """Import Dask's distributed scheduler, pyarrow and fsspec, or say how to install them."""
    try:
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise DistributedError(f"distributed extraction needs Dask ({exc.name} is not installed): "
                               f"{INSTALL_HINT}") from None


# -- planning -----------------------------------------------------------------------------------


def _is_url(source: str) -> bool:
    return "://" in source


def _plan_url(source: str, max_bytes: int) -> list[Task]:
    """Tasks of an fsspec URL (s3://, gs://, file:// ...): a file, or every article file of a folder.

    Files are read whole by the worker (a JSON Lines file is one task: cutting it into chunks would
    mean downloading it here first).
    """
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(source)
        if fs.isdir(path):
            root = PurePosixPath(path)
            found = sorted(f for f in fs.find(path) if is_article_file(PurePosixPath(f).relative_to(root).parts))
            if not found:
                return [Task(0, "empty-folder", source)]
            return [Task(i, "url", fs.unstrip_protocol(f), source) for i, f in enumerate(found)]
        if fs.exists(path):
            return [Task(0, "url", source)]
    except (OSError, ValueError, ImportError) as exc:  # an unknown protocol or an unreachable store
        return [Task(0, "url-error", source, data=str(exc).encode())]
    return [Task(0, "missing", source)]


def plan(sources: list[str], max_bytes: int) -> list[Task]:
    """Every task of a run in input order: local paths as batch.plan plans them, fsspec URLs by listing."""
    tasks: list[Task] = []
    for source in sources:
        part = _plan_url(source, max_bytes) if _is_url(source) else batch.plan([source], max_bytes)
        tasks += [dataclasses.replace(t, index=len(tasks) + i) for i, t in enumerate(part)]
    return tasks


def partitions(tasks: list[Task], size: int) -> list[list[Task]]:
    """Consecutive tasks grouped into partitions of about ``size`` articles (a task is never split)."""
    parts: list[list[Task]] = []
    current: list[Task] = []
    filled = 0
    for task in tasks:
        current.append(task)
        filled += max(1, task.size)
        if filled >= size:
            parts.append(current)
            current, filled = [], 0
    if current:
        parts.append(current)
    return parts


def _read_url(task: Task, max_bytes: int) -> Iterator[Item]:
    """The articles of one fsspec file, read whole and parsed the way a local file is."""
    import fsspec

    where = task.source
    try:
        fs, path = fsspec.core.url_to_fs(task.source)
        root = fsspec.core.url_to_fs(task.root)[1] if task.root else None
        size = fs.size(path)
        if size is not None and size > max_bytes:
            yield Item(where, error=InputError(where, f"file is {size:,} bytes, over the limit of {max_bytes:,}"))
            return
        data = fs.cat_file(path)
    except OSError as exc:
        yield Item(where, error=InputError(where, exc.strerror or str(exc)))
        return
    rel = PurePosixPath(path)
    yield from parse_bytes(data, rel.suffix.lower(), where, default_id(rel, PurePosixPath(root) if root else None))


def read_task(task: Task, max_bytes: int) -> Iterator[Item]:
    """The articles (or input errors) of one task, local or fsspec."""
    if task.kind == "url":
        yield from _read_url(task, max_bytes)
    elif task.kind == "url-error":
        yield Item(task.source, error=InputError(task.source, (task.data or b"").decode() or "cannot be read"))
    else:
        yield from batch.read_task(task, max_bytes)


# -- what a worker keeps ------------------------------------------------------------------------

_LOCK = threading.Lock()  # one article at a time per process: a spaCy pipeline is not shared across threads
_PIPELINES: dict[int, Any] = {}


def worker_pipeline(max_bytes: int) -> Any:
    """The pipeline of this worker process, loaded by its first partition and reused by every later one."""
    nlp = _PIPELINES.get(max_bytes)
    if nlp is None:
        nlp = _PIPELINES[max_bytes] = batch.pipeline(max_bytes)
    return nlp


def _async_raise(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in another thread at its next bytecode (None takes back one not raised yet)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


class Watchdog:
    """Per-article time limits for threads: Dask runs tasks in worker threads, which SIGALRM cannot reach.

    One thread per process keeps the deadlines and raises ArticleTimeout in a thread whose article
    runs past its own, the way batch.time_limit's SIGALRM does in the main thread (at the next Python
    bytecode). An article stuck inside one C call ends its worker process HARD_GRACE seconds later.
    """

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.deadlines: dict[int, list] = {}  # thread id -> [deadline, fired]
        self.thread: threading.Thread | None = None

    @contextlib.contextmanager
    def limit(self, seconds: float | None) -> Iterator[None]:
        """Raise ArticleTimeout in the block after ``seconds`` (no limit for None or 0)."""
        if not seconds or seconds <= 0:
            yield
            return
        tid = threading.get_ident()
        entry = [time.monotonic() + seconds, False]
        with self.cond:
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="berita-watchdog", daemon=True)
                self.thread.start()
            self.deadlines[tid] = entry
            self.cond.notify()
        try:
            yield
        finally:
            with self.cond:
                self.deadlines.pop(tid, None)
                if entry[1]:
                    _async_raise(tid, None)  # fired as the block ended: it must not hit the caller later

    def _watch(self) -> None:
        with self.cond:
            while True:
                now = time.monotonic()
                for tid, entry in self.deadlines.items():
                    if not entry[1] and entry[0] <= now:
                        entry[1] = True
                        _async_raise(tid, ArticleTimeout)
                    elif entry[1] and entry[0] + HARD_GRACE <= now:
                        # Stuck inside one C call (a regular expression), out of reach of the exception:
                        # only the end of the process frees the worker; Dask retries the partition, then
                        # reports its inputs as not extracted.
                        print(f"berita-extract: an article ran {HARD_GRACE:g} s past its time limit inside one "
                              "call; ending this worker process", file=sys.stderr, flush=True)
                        os._exit(70)
                wakes = [e[0] + (HARD_GRACE if e[1] else 0.0) for e in self.deadlines.values()]
                self.cond.wait(max(0.0, min(wakes) - now) if wakes else None)


WATCHDOG = Watchdog()


def _key(article_id: str, sha: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{article_id}\0{sha}".encode(), digest_size=8).digest(), "big")


class DoneSet:
    """The (id, text hash) pairs already in the Parquet output, kept as sorted 8-byte keys (small to ship)."""

    def __init__(self, pairs: Iterator[tuple[str, str]] | list[tuple[str, str]]) -> None:
        self.keys = array("Q", sorted({_key(i, s) for i, s in pairs}))

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, pair: tuple[str, str]) -> bool:
        key = _key(*pair)
        at = bisect.bisect_left(self.keys, key)
        return at < len(self.keys) and self.keys[at] == key


# -- the Parquet dataset --------------------------------------------------------------------------


class Dataset:
    """The Parquet output folder: ``<table>/part-<name>.parquet`` files, local or on an fsspec store."""

    def __init__(self, out: str) -> None:
        import fsspec
        from fsspec.implementations.local import LocalFileSystem

        self.url = out
        self.fs, self.root = fsspec.core.url_to_fs(out)
        self.local = isinstance(self.fs, LocalFileSystem)

    def path(self, table: str, part: str) -> str:
        """Where one part of one table lives."""
        return f"{self.root}/{table}/part-{part}.parquet"

    def parts(self, table: str) -> list[str]:
        """The part names of a table, sorted (oldest run first)."""
        try:
            names = self.fs.ls(f"{self.root}/{table}", detail=False)
        except (FileNotFoundError, NotADirectoryError):
            return []
        found = (PART.match(PurePosixPath(n).name) for n in names)
        return sorted(m.group(1) for m in found if m)

    def tables(self) -> list[str]:
        """The table folders present."""
        try:
            return sorted(PurePosixPath(n).name for n in self.fs.ls(self.root, detail=False) if self.fs.isdir(n))
        except FileNotFoundError:
            return []

    def write(self, table: str, part: str, data: Any) -> None:
        """Write an Arrow table as one part: a temporary file renamed into place (a reader never sees half)."""
        import pyarrow.parquet as pq

        target = self.path(table, part)
        if self.local:
            from .output import atomic_open

            with atomic_open(target, mode="wb", encoding=None) as handle:
                pq.write_table(data, handle)
            return
        buffer = io.BytesIO()
        pq.write_table(data, buffer)
        tmp = f"{self.root}/{table}/.part-{part}.{secrets.token_hex(4)}.tmp"
        self.fs.pipe_file(tmp, buffer.getvalue())
        self.fs.mv(tmp, target)

    def read(self, table: str, part: str, columns: list[str] | None = None) -> Any:
        """One part as an Arrow table."""
        import pyarrow.parquet as pq

        with self.fs.open(self.path(table, part), "rb") as handle:
            return pq.read_table(handle, columns=columns)

    def remove(self, table: str, part: str) -> None:
        """Delete one part (missing is fine)."""
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm_file(self.path(table, part))


def _tables() -> list[Any]:
    """The SQL tables whose rows a partition writes, the articles table last (it marks a part complete)."""
    from .store.schema import schema

    s = schema()
    return [*s.fact_tables.values(), s.mentions, s.articles]


def _failure_table(rows: list[tuple[str, str | None, str]]) -> Any:
    import pyarrow as pa

    columns = list(zip(*rows, strict=True)) if rows else [(), (), ()]
    return pa.table({name: pa.array(list(col), type=pa.string()) for name, col in zip(FAILURE_COLUMNS, columns,
                                                                                         strict=True)})


def write_rows(dataset: Dataset, part: str, records: list[ArticleFacts], run_id: int | None) -> None:
    """One part of every table from these records, built by the store's own row code (store.rows, export)."""
    from .store.export import arrow_rows
    from .store.rows import facts_to_rows
    from .store.schema import schema

    s = schema()
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in _tables()}
    for facts in records:
        for name, table_rows in facts_to_rows(s, facts, run_id).items():
            rows[name] += table_rows
    for table in _tables():
        tuples = [tuple(r[c.name] for c in table.columns) for r in rows[table.name]]
        dataset.write(table.name, part, arrow_rows(table, tuples))


def _prune(dataset: Dataset, part: str, ids: set[str]) -> None:
    """Remove these articles from one part of every table (facts first, articles last)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for table in _tables():
        if part not in dataset.parts(table.name):
            continue
        key = "id" if table.name == "articles" else "article_id"
        data = dataset.read(table.name, part)
        keep = pc.invert(pc.is_in(data[key], value_set=pa.array(sorted(ids), type=pa.string())))
        dataset.write(table.name, part, data.filter(keep))


# -- one partition on a worker --------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """What every partition of a run needs to know (shipped with each partition)."""

    run: str  # the run's name in part file names
    max_bytes: int
    timeout: float | None
    out: str | None  # Parquet folder or URL
    run_id: int | None
    lines: bool  # send the JSON lines back (for -o or --db)


@dataclass
class PartitionResult:
    """What a partition sends back: outcomes in input order, and how long it took."""

    pid: int
    outcomes: list[tuple] = field(default_factory=list)
    seconds: float = 0.0
    host: str = ""


def part_name(job: Job, pid: int) -> str:
    """The part name of a partition: the run, then the partition number (sorts by run, then input order)."""
    return f"{job.run}-{pid:06d}"


def run_partition(pid: int, tasks: list[Task], job: Job, done: DoneSet | None = None) -> PartitionResult:
    """Extract one partition on a worker; outcomes are ("ok", where, id, line), ("skip", where, id),
    ("error", where, id or None, reason).

    An article that raises or runs past the time limit becomes an error outcome and the partition
    goes on; an id used twice within the partition is refused the way extract refuses it.
    """
    start = time.perf_counter()
    result = PartitionResult(pid, host=socket.gethostname())
    with _LOCK:
        nlp = worker_pipeline(job.max_bytes)
    seen: dict[str, str] = {}
    records: list[ArticleFacts] = []
    failures: list[tuple[str, str | None, str]] = []

    def fail(where: str, article_id: str | None, reason: str) -> None:
        failures.append((where, article_id, reason))
        result.outcomes.append(("error", where, article_id, reason))

    for task in tasks:
        for item in read_task(task, job.max_bytes):
            if item.error is not None:
                fail(item.where, None, item.error.reason)
                continue
            article = item.article
            first = seen.get(article.id)
            if first is not None:
                fail(item.where, article.id, f"article id {article.id!r} is already used by {first} in this run; "
                     "skipped (the first input with an id wins; give the articles distinct ids)")
                continue
            if done is not None and (article.id, text_sha256(article.text)) in done:
                seen[article.id] = item.where
                result.outcomes.append(("skip", item.where, article.id))
                continue
            try:
                with _LOCK, WATCHDOG.limit(job.timeout):
                    facts, line = batch.extract_article(nlp, article, None)
            except Exception as exc:  # noqa: BLE001 - one article must never stop the partition
                fail(item.where, article.id, failure_reason(exc, job.timeout))
                continue
            seen[article.id] = item.where
            records.append(facts)
            result.outcomes.append(("ok", item.where, article.id, line if job.lines else None))
    if job.out:  # nothing new (all skipped): no part, so reruns do not pile up empty files
        dataset = Dataset(job.out)
        part = part_name(job, pid)
        if failures:
            dataset.write(FAILURES, part, _failure_table(failures))
        if records:
            write_rows(dataset, part, records, job.run_id)  # the articles table last: the part is complete
    result.seconds = time.perf_counter() - start
    return result


# -- the client -------------------------------------------------------------------------------------


@dataclass
class Summary:
    """What a distributed run did."""

    ok: int = 0
    skipped: int = 0
    failed: int = 0
    partitions: int = 0
    failures: list[tuple[str, str | None, str]] = field(default_factory=list)
    out: str | None = None
    run: str = ""
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def articles(self) -> int:
        """Articles written or already present."""
        return self.ok + self.skipped


def connect(address: str, quiet: bool = True) -> tuple[Any, contextlib.ExitStack]:
    """A Dask client for ``tcp://host:port`` (a running scheduler) or ``local:N`` (N one-thread worker processes).

    The stack closes what was started here.
    """
    import logging

    from distributed import Client, LocalCluster

    stack = contextlib.ExitStack()
    m = re.fullmatch(r"local(?::(\d+))?", address)
    try:
        if m:
            n = int(m.group(1) or os.cpu_count() or 1)
            if n < 1:
                raise DistributedError(f"--dask {address}: give at least one worker (local:N, N >= 1)")
            cluster = stack.enter_context(LocalCluster(  # any free port: runs on one machine do not collide
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                silence_logs=logging.ERROR if quiet else logging.WARNING))
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(address))  # waits distributed.comm.timeouts.connect (30 s)
    except DistributedError:
        stack.close()
        raise
    except (OSError, TimeoutError, ValueError) as exc:
        stack.close()
        raise DistributedError(f"--dask {address}: cannot reach the Dask scheduler ({exc})") from None
    return client, stack


def _has_bokeh() -> bool:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return False
    return True


def _run_name() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


@dataclass
class _Existing:
    """What earlier runs left in the Parquet folder."""

    done: DoneSet | None
    where: dict[str, list[str]]  # article id -> parts holding it
    run_id: int


def _prepare(dataset: Dataset, skip_done: bool) -> _Existing:
    """Clear what no longer counts (parts a crash left without their articles table, older failures); read the rest."""
    complete = set(dataset.parts("articles"))
    for table in dataset.tables():
        if table in ("articles", "runs"):
            continue
        for part in dataset.parts(table):
            if table == FAILURES or part not in complete:
                dataset.remove(table, part)
    where: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    for part in sorted(complete):
        data = dataset.read("articles", part, columns=["id", "text_sha256"]).to_pydict()
        for article_id, sha in zip(data["id"], data["text_sha256"], strict=True):
            where.setdefault(article_id, []).append(part)
            pairs.append((article_id, sha))
    run_ids = [0]
    for part in dataset.parts("runs"):
        run_ids += [i for i in dataset.read("runs", part, columns=["id"]).column("id").to_pylist() if i is not None]
    return _Existing(DoneSet(pairs) if skip_done and pairs else None, where, max(run_ids) + 1)


def _write_run(dataset: Dataset, run: str, run_id: int, inputs: list[str], started: dt.datetime,
               summary: Summary | None, status: str) -> None:
    """The run's row of the runs table (as export writes it)."""
    from . import __version__
    from .store.db import pattern_version
    from .store.export import arrow_rows
    from .store.schema import schema

    table = schema().runs
    row = {"id": run_id, "tool_version": __version__, "pattern_version": pattern_version(), "started_at": started,
           "finished_at": dt.datetime.now(dt.timezone.utc) if summary else None, "inputs": list(inputs),
           "ok": summary.ok + summary.skipped if summary else None, "failed": summary.failed if summary else None,
           "status": status, "pid": os.getpid(), "host": socket.gethostname()}
    dataset.write("runs", run, arrow_rows(table, [tuple(row[c.name] for c in table.columns)]))


def say(message: str) -> None:
    """One line on stderr, prefixed with the tool name."""
    batch.say(message)


def run_distributed(
    inputs: list[str],
    dask: str | None = None,
    client: Any = None,
    parquet: str | None = None,
    output: str | IO[str] | None = None,
    db: str | None = None,
    partition_size: int = DEFAULT_PARTITION,
    max_bytes: int = 5_000_000,
    article_timeout: float | None = batch.DEFAULT_TIMEOUT,
    quiet: bool = True,
    report: Callable[[str], None] | None = say,
) -> Summary:
    """Extract on Dask: Parquet parts per partition in ``parquet``, JSON Lines to ``output``, rows in ``db``.

    ``client`` is a dask.distributed Client, or ``dask`` an address (``tcp://host:8786``, ``local:N``)
    to connect to. ``output`` is a path (written atomically, in input order) or an open text file.
    A rerun with ``parquet`` skips the articles already there with the same id and text hash
    (unless ``output`` asks for every record). Failures are reported through ``report`` naming the
    input and listed in the summary and in the ``failures`` table.
    """
    require_dask()
    from distributed import as_completed

    from .output import atomic_open, remove_stale_parts

    started_wall = time.perf_counter()
    started = dt.datetime.now(dt.timezone.utc)
    summary = Summary(out=parquet, run=_run_name())
    tell = report or (lambda message: None)
    # Relative paths are made absolute for workers that run elsewhere; messages show them as given.
    shown: list[tuple[str, str]] = []
    sources = []
    for source in inputs:
        if source != "-" and not _is_url(source) and not os.path.isabs(source):
            absolute = os.path.join(os.getcwd(), source)
            shown.append((absolute, source))
            source = absolute
        sources.append(source)

    def display(where: str) -> str:
        for absolute, given in shown:
            if where.startswith(absolute):
                return given + where[len(absolute):]
        return where

    tasks = plan(sources, max_bytes)
    if not tasks:
        raise DistributedError("no input given")
    dataset = Dataset(parquet) if parquet else None
    existing = _Existing(None, {}, 1)
    if dataset is not None:
        existing = _prepare(dataset, skip_done=output is None)
    where_out = None if dataset is None else dataset.root if dataset.local else dataset.url  # absolute for workers
    job = Job(summary.run, max_bytes, article_timeout, where_out, existing.run_id,
              lines=output is not None or db is not None)

    with contextlib.ExitStack() as stack:
        if client is None:
            client, owned = connect(dask or "local", quiet)
            stack.enter_context(owned)
        workers = len(client.scheduler_info().get("workers", {}))
        # A small input still gives every worker work: at least two partitions per worker.
        total = sum(max(1, t.size) for t in tasks)
        parts = partitions(tasks, max(1, min(partition_size, -(-total // (2 * max(1, workers))))))
        summary.partitions = len(parts)
        if dataset is not None:
            _write_run(dataset, summary.run, existing.run_id, inputs, started, None, "running")
        if not quiet:
            tell(f"Dask dashboard: {client.dashboard_link}" + ("" if _has_bokeh() else
                 " (its pages need bokeh: pip install 'bokeh>=3.1')"))
            tell(f"{total} articles in {len(parts)} partitions on {workers} Dask workers")
        handle: IO[str] | None = None
        if isinstance(output, str):
            if output == "-":
                handle = sys.stdout
            else:
                remove_stale_parts(Path(output))
                handle = stack.enter_context(atomic_open(output))
        elif output is not None:
            handle = output
        writer = None
        if db:
            from .store import open_store

            store = stack.enter_context(open_store(db))
            for old in store.mark_dead_runs():
                tell(f"{db}: run {old} was killed before it finished; marked interrupted")
            db_run = store.start_run(inputs)
            status = {"value": "done"}

            def finish() -> None:
                lost = len(writer.failures)
                store.finish_run(db_run, summary.ok - lost, summary.failed + lost, status["value"])

            stack.callback(finish)
            writer = stack.enter_context(store.batch(db_run))

        done_ref = client.scatter(existing.done, broadcast=True) if existing.done is not None else None
        futures = [client.submit(run_partition, pid, part, job, done_ref, key=f"berita-extract-{summary.run}-{pid}",
                                 pure=False) for pid, part in enumerate(parts)]
        if not quiet and sys.stdout.isatty() and handle is not sys.stdout:
            from distributed import progress

            watcher = threading.Thread(target=progress, args=(futures,), kwargs={"multi": False}, daemon=True)
            watcher.start()
            stack.callback(watcher.join, 5)

        ids: dict[str, str] = {}  # article id -> where it was first seen in this run
        prune: dict[str, set[str]] = {}
        client_failures: list[tuple[str, str | None, str]] = []

        def failure(where: str, article_id: str | None, reason: str, from_client: bool) -> None:
            summary.failed += 1
            summary.failures.append((where, article_id, reason))
            if from_client:
                client_failures.append((where, article_id, reason))
            tell(f"{display(where)}: {reason}")

        def take(pid: int, result: PartitionResult | BaseException) -> None:
            if isinstance(result, BaseException):
                name = type(result).__name__
                for task in parts[pid]:
                    failure(task.source, None, f"not extracted: its partition {pid} failed ({name}: "
                            f"{str(result).strip()[:300]}); rerun to retry", True)
                return
            for outcome in result.outcomes:
                kind, where, article_id = outcome[:3]
                if kind == "error":
                    failure(where, article_id, outcome[3], False)
                    continue
                first = ids.setdefault(article_id, where)
                if first != where:
                    failure(where, article_id, f"article id {article_id!r} is already used by {display(first)} in "
                            "this run; skipped (the first input with an id wins; give the articles distinct ids)",
                            True)
                    if kind == "ok":
                        prune.setdefault(part_name(job, pid), set()).add(article_id)
                    continue
                if kind == "skip":
                    summary.skipped += 1
                    continue
                summary.ok += 1
                for old in existing.where.get(article_id, ()):  # an earlier run's rows of a changed article
                    prune.setdefault(old, set()).add(article_id)
                line = outcome[3]
                if handle is not None:
                    handle.write(line + "\n")
                if writer is not None:
                    writer.add(ArticleFacts.model_validate_json(line))

        results: dict[int, Any] = {}
        pids = {future.key: pid for pid, future in enumerate(futures)}
        next_pid = 0
        try:
            for future in as_completed(futures):
                pid = pids[future.key]
                try:
                    results[pid] = future.result()
                except Exception as exc:  # noqa: BLE001 - a lost partition fails its inputs, not the run
                    results[pid] = exc
                future.release()
                while next_pid in results:
                    take(next_pid, results.pop(next_pid))
                    next_pid += 1
        except KeyboardInterrupt:
            summary.interrupted = True
            if db:
                status["value"] = "interrupted"
            client.cancel(futures)
            for pid in sorted(results):
                take(pid, results[pid])
            raise
        finally:
            if dataset is not None:
                dataset.write(FAILURES, f"{summary.run}-client", _failure_table(client_failures))
                for part, gone in sorted(prune.items()):
                    _prune(dataset, part, gone)
                summary.seconds = time.perf_counter() - started_wall
                _write_run(dataset, summary.run, existing.run_id, inputs, started, summary,
                           "interrupted" if summary.interrupted else "done")
        if writer is not None:
            writer.flush()
            for article_id, reason in writer.failures:
                failure(ids.get(article_id, article_id), article_id,
                        f"{db}: article {article_id!r} not stored: {reason}", False)
        if handle is sys.stdout:
            handle.flush()
    summary.seconds = time.perf_counter() - started_wall
    return summary


def extract_to_parquet(
    paths: str | list[str],
    out: str,
    client: Any = None,
    partition_size: int = DEFAULT_PARTITION,
    db: str | None = None,
    dask: str | None = None,
    max_bytes: int = 5_000_000,
    article_timeout: float | None = batch.DEFAULT_TIMEOUT,
) -> Summary:
    """Extract files or folders (local paths or fsspec URLs) into a Parquet dataset in ``out`` on Dask.

    ``client`` is a dask.distributed Client; without one, ``dask`` (an address or ``local:N``) is
    connected to, or a LocalCluster with one worker per CPU is started. Nothing is printed.
    """
    return run_distributed([paths] if isinstance(paths, str) else list(paths), dask=dask, client=client,
                           parquet=out, db=db, partition_size=partition_size, max_bytes=max_bytes,
                           article_timeout=article_timeout, report=None)


def read_failures(out: str) -> list[dict[str, Any]]:
    """The failures table of a Parquet output folder as dicts (input, id, reason)."""
    dataset = Dataset(out)
    rows: list[dict[str, Any]] = []
    for part in dataset.parts(FAILURES):
        rows += dataset.read(FAILURES, part).to_pylist()
    return rows
