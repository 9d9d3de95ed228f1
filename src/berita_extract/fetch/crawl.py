"""One fetch run: discovery into the state file, then each queued URL fetched, read, filtered and saved."""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import html as htmlmod
import queue
import re
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urlsplit

from .article import Extracted, extract
from .discover import DiscoveryError, Entry, Window, from_feed, from_sitemaps, from_urls, from_wordpress, keep
from .discover import read_url_file as _read_url_file
from .errors import host_key
from .http import Fetcher, FetchError, FetchOptions, Response
from .state import STATE_FILE, State, UrlRow
from .store import relative_path, save_article

if TYPE_CHECKING:
    from ..batch import Signals

# Links in sitemaps and lists that are files, not pages: skipped without a request.
_NOT_PAGES = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|webp|svg|mp[34]|avi|mov|apk|exe)$", re.I
)
_LISTING_FILTER = "left out before download by"
_STATE_OF_ERROR = {"robots": "skipped_robots", "type": "skipped_type"}


@dataclass
class Sources:
    """Where to find article URLs: any mix of URLs, URL files, feeds, sitemaps and WordPress sites."""

    urls: list[str] = field(default_factory=list)
    url_files: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    wordpress: list[str] = field(default_factory=list)
    search: str | None = None


@dataclass
class Settings:
    """What to keep and where: output folder, filters, limits of one run."""

    out: Path
    window: Window = field(default_factory=Window)
    max_articles: int | None = None
    match: re.Pattern | None = None
    keywords: list[str] = field(default_factory=list)
    keep_html: bool = False
    recheck: bool = False
    max_pages: int = 10
    min_chars: int = 150
    retry_failed: int = 3
    # a failed URL waits this long before the next run tries it again, twice as long after each failure
    retry_wait: float = 0.0  # seconds (the CLI default is 600: 10 min, then 20, 40)
    hosts_at_once: int = 1  # hosts fetched concurrently; 1 is the single-threaded run (the CLI default is 8)


def _due_at(row: UrlRow, wait: float) -> dt.datetime | None:
    """When a failed URL may be tried again: ``wait`` seconds after its first failure, twice that after its
    second, and so on (a host that is down is not asked again at every run); None when it may at once."""
    if wait <= 0 or not row.updated:
        return None
    try:
        last = dt.datetime.fromisoformat(row.updated)
    except ValueError:
        return None
    return last + dt.timedelta(seconds=wait * 2 ** max(row.attempts - 1, 0))


def retry_due(row: UrlRow, wait: float, now: dt.datetime | None = None) -> bool:
    """Whether a failed URL has waited long enough (see _due_at) to be tried again."""
    at = _due_at(row, wait)
    return at is None or (now or dt.datetime.now(dt.timezone.utc)) >= at


def next_try(row: UrlRow, wait: float) -> str | None:
    """When a failed URL is due again (ISO 8601, UTC), or None when it is due now."""
    at = _due_at(row, wait)
    return None if at is None or retry_due(row, wait) else at.isoformat(timespec="seconds")


@dataclass
class Summary:
    """The outcome of a run: URLs per state, the errors met, and the files written."""

    counts: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    saved: list[Path] = field(default_factory=list)

    def line(self) -> str:
        """A one-line account of the run for the terminal."""
        parts = [f"{n} {state.replace('_', ' ')}" for state, n in sorted(self.counts.items()) if n]
        return ", ".join(parts) if parts else "nothing to do"


@dataclass
class _Plan:
    """What the state file says before a request: the listing entry, the known row, conditional headers."""

    entry: Entry | None
    row: UrlRow | None
    headers: dict[str, str]


@dataclass
class Download:
    """What was read for one URL, nothing written yet: the error, or the response, its pages and text."""

    error: FetchError | None = None
    resp: Response | None = None
    first: Extracted | None = None
    text: str = ""
    pages: list[dict] = field(default_factory=list)
    failed: str | None = None  # a further page of the article that could not be fetched
    notes: list[str] = field(default_factory=list)


def download(fetcher: Fetcher, url: str, headers: dict[str, str], max_pages: int) -> Download:
    """GET a page and its further pages (or its 'show all' view) and read them; touches no file.

    Kept apart from the recording so host workers can run it in threads while one thread writes.
    """
    try:
        resp = fetcher.get(url, accept={"html"}, headers=headers)
    except FetchError as exc:
        return Download(error=exc)
    if resp.not_modified:
        return Download(resp=resp)
    got = Download(resp=resp)
    first = got.first = extract(resp.text, resp.url, min_chars=0)
    texts = [first.text] if first.text else []
    pages = got.pages = [{"url": resp.url, "sha256": _sha256(resp.body)}]
    todo = list(first.next_pages)
    seen = {url, resp.url}
    if first.single_page_url:  # one 'show all' request instead of one per page
        try:
            whole = fetcher.get(first.single_page_url, accept={"html"})
            joined = extract(whole.text, whole.url, profile=None, min_chars=0)
        except FetchError as exc:
            got.notes.append(f"{first.single_page_url}: {exc.reason}; following the pages one by one")
        else:
            if len(joined.text) >= len(first.text):
                texts = [joined.text]
                pages.append({"url": whole.url, "sha256": _sha256(whole.body)})
                todo = []
    while todo and len(pages) < max_pages:
        page_url = todo.pop(0)
        if page_url in seen:
            continue
        seen.add(page_url)
        try:
            page = fetcher.get(page_url, accept={"html"})
        except FetchError as exc:
            got.failed = f"page {len(pages) + 1} ({page_url}): {exc.reason}"
            return got
        part = extract(page.text, page.url, min_chars=0)
        known = set("\n".join(texts).split("\n"))
        texts.append("\n".join(p for p in part.text.split("\n") if p and p not in known))
        pages.append({"url": page.url, "sha256": _sha256(page.body)})
        todo.extend(u for u in part.next_pages if u not in seen and u not in todo)
    got.text = "\n".join(t for t in texts if t)
    return got


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Crawler:
    """Queues discovered URLs in the state file, fetches them one by one and saves one JSON file each."""

    def __init__(
        self, fetcher: Fetcher, settings: Settings, log: Callable[[str], None] = lambda s: None
    ) -> None:
        self.fetcher = fetcher
        self.settings = settings
        self.log = log
        self.state = State(Path(settings.out) / STATE_FILE)
        self.entries: dict[str, Entry] = {}
        self.summary = Summary()

    def close(self) -> None:
        """Close the state file and the HTTP session."""
        self.state.close()
        self.fetcher.close()

    def _due(self, entry: Entry) -> bool:
        row = self.state.get(entry.url)
        if row is None or row.state == "queued":
            return True
        if row.state == "skipped_filter" and (row.reason or "").startswith(_LISTING_FILTER):
            return True  # never downloaded: the filters of this run decide again
        if row.state == "failed":
            return row.attempts < self.settings.retry_failed and retry_due(row, self.settings.retry_wait)
        if self.settings.recheck:
            return True
        if row.state in ("fetched", "not_modified"):
            return bool(entry.lastmod and row.lastmod and entry.lastmod > row.lastmod)
        return False

    def add(self, entries: Iterable[Entry]) -> int:
        """Queue the entries that are new or due again (until --max are waiting); returns how many."""
        added = 0
        limit = self.settings.max_articles
        waiting = len(self.state.queued())
        for entry in entries:
            if limit is not None and waiting >= limit:
                break
            entry.url = urldefrag(entry.url.strip())[0]
            if urlsplit(entry.url).scheme not in ("http", "https"):
                self.summary.errors.append(f"{entry.url}: not an http(s) URL")
                self.log(f"{entry.url}: not an http(s) URL")
                continue
            if not keep(entry, self.settings.match, self.settings.keywords):
                row = self.state.get(entry.url)
                if row is None or row.state == "skipped_filter":
                    match = self.settings.match
                    why = "--match" if match and not match.search(entry.url) else "--keyword"
                    self.state.set(entry.url, "skipped_filter", f"{_LISTING_FILTER} ({why})", via=entry.via)
                self.summary.counts["skipped_filter"] += 1
                continue
            if entry.url in self.entries:
                continue
            row = self.state.get(entry.url)
            if row is not None and row.state == "queued":  # left by an interrupted run: already waiting
                self.entries[entry.url] = entry
                continue
            if not self._due(entry):
                self.summary.counts["known"] += 1
                continue
            self.state.queue(entry.url, entry.via, entry.published or entry.lastmod, entry.lastmod)
            self.entries[entry.url] = entry
            added += 1
            waiting += 1
        return added

    def run(
        self, progress: Callable[[Iterable[str]], Iterable[str]] = lambda it: it, signals: Signals | None = None
    ) -> Summary:
        """Fetch every queued URL (at most --max), each outcome recorded in the state file as it happens.

        Ctrl-C and SIGTERM stop the run (KeyboardInterrupt) but never between an article's file and its
        state row: every page recorded is kept and the rest stay queued for the next run. ``signals``:
        a batch.Signals the caller installed, else the run installs its own.
        """
        from ..batch import Signals

        urls = self.state.queued(self.settings.max_articles)
        own = signals is None
        signals = signals or Signals()
        if own:
            signals.install()
        try:
            if self.settings.hosts_at_once <= 1:
                for url in progress(interleave(urls)):
                    with signals.hold():
                        plan = self._plan(url)
                    if not isinstance(plan, str):
                        got = download(self.fetcher, url, plan.headers, self.settings.max_pages)
                        with signals.hold():
                            plan = self._record(url, plan, got)
                    self.summary.counts[plan] += 1
            else:
                outcomes = self._run_hosts(urls, self.settings.hosts_at_once, signals)
                try:
                    for outcome in progress(_Sized(outcomes, len(urls))):
                        self.summary.counts[outcome] += 1
                finally:
                    outcomes.close()  # stops the workers now, also when the loop was interrupted
        finally:
            if own:
                signals.restore()
        return self.summary

    def _run_hosts(self, urls: list[str], workers: int, signals) -> Iterator[str]:
        """Several hosts at once: worker threads download, this thread schedules and records.

        Each host has its own queue of URLs (in the order of the state file) and at most one URL out
        at a time, so one request at a time per host; its delay (or Crawl-delay) is kept by the fetcher's
        clock of the host, shared by every worker's fetcher, as is robots.txt. Workers only read the web
        (one requests Session each); the state file and the article files are written here, by one thread,
        so the pages in memory are at most one article per worker. Hosts are handed out soonest due first.
        """
        hosts: dict[str, deque[str]] = {}
        for url in urls:
            hosts.setdefault(host_key(url), deque()).append(url)
        tasks: queue.Queue = queue.Queue()
        results: queue.Queue = queue.Queue()
        stop = threading.Event()
        pool = [
            threading.Thread(
                target=_host_worker,
                args=(self.fetcher.worker(), tasks, results, stop, self.settings.max_pages),
                name=f"berita-fetch-{n}",
                daemon=True,  # a worker waiting on a slow host never holds up the exit after Ctrl-C
            )
            for n in range(min(workers, len(hosts)))
        ]
        ready = [(self.fetcher.next_turn(host), n, host) for n, host in enumerate(hosts)]
        heapq.heapify(ready)
        plans: dict[str, _Plan] = {}
        order = len(ready)
        try:
            for thread in pool:
                thread.start()
            while ready or plans:
                while ready and len(plans) < len(pool):
                    _, _, host = heapq.heappop(ready)
                    waiting = hosts[host]
                    while waiting:  # URLs that need no request are settled on the spot
                        url = waiting.popleft()
                        with signals.hold():
                            plan = self._plan(url)
                        if not isinstance(plan, str):
                            plans[url] = plan
                            tasks.put((url, plan.headers))
                            break
                        yield plan
                if not plans:
                    continue
                try:
                    url, got = results.get(timeout=0.5)  # a short wait: Ctrl-C is seen at once
                except queue.Empty:
                    continue
                if isinstance(got, BaseException):
                    raise got
                with signals.hold():
                    outcome = self._record(url, plans.pop(url), got)
                host = host_key(url)
                if hosts[host]:
                    order += 1
                    heapq.heappush(ready, (self.fetcher.next_turn(host), order, host))
                yield outcome
        finally:
            stop.set()
            for _ in pool:
                tasks.put(None)

    def _skip(self, url: str, state: str, reason: str, **fields) -> str:
        self.state.set(url, state, reason, **fields)
        if state == "failed":
            self.summary.errors.append(f"{url}: {reason}")
            self.log(f"{url}: {reason}")
        else:
            self.log(f"{url}: skipped: {reason}")
        return state

    def fetch_one(self, url: str) -> str:
        """Fetch, read and save one URL; returns the state it ends in."""
        plan = self._plan(url)
        if isinstance(plan, str):
            return plan
        return self._record(url, plan, download(self.fetcher, url, plan.headers, self.settings.max_pages))

    def _plan(self, url: str) -> _Plan | str:
        """What a request for the URL needs (conditional headers), or its final state when it needs none."""
        entry = self.entries.get(url)
        if entry is not None and entry.post is not None:
            return self._from_post(url, entry)
        if _NOT_PAGES.search(urlsplit(url).path):
            return self._skip(url, "skipped_type", "not a web page (by its file extension)")
        row = self.state.get(url)
        headers: dict[str, str] = {}
        if (
            row
            and row.path
            and (Path(self.settings.out) / row.path).exists()
            and row.state in ("fetched", "not_modified", "queued")
        ):
            if row.etag:
                headers["If-None-Match"] = row.etag
            if row.last_modified:
                headers["If-Modified-Since"] = row.last_modified
        return _Plan(entry, row, headers)

    def _record(self, url: str, plan: _Plan, got: Download) -> str:
        """Judge a download (length, canonical duplicate, dates, keywords) and record it: file and state."""
        entry, row = plan.entry, plan.row
        if got.error is not None:
            exc = got.error
            return self._skip(
                url, _STATE_OF_ERROR.get(exc.kind, "failed"), exc.reason, http_status=exc.status
            )
        for note in got.notes:
            self.log(note)
        if got.failed:
            return self._skip(url, "failed", got.failed)
        resp, first = got.resp, got.first
        assert resp is not None
        if resp.not_modified:
            self.state.set(
                url,
                "not_modified",
                None,
                http_status=304,
                lastmod=entry.lastmod if entry else (row.lastmod if row else None),
            )
            return "not_modified"
        assert first is not None
        text, pages = got.text, got.pages
        status = {
            "http_status": resp.status,
            "etag": resp.etag,
            "last_modified": resp.last_modified,
            "body_sha256": pages[0]["sha256"],
            "canonical_url": first.canonical_url,
        }
        if len(text) < self.settings.min_chars:
            why = (
                "mostly links (a listing, not an article)"
                if first.link_density > 0.5
                else f"no article text found ({len(text)} characters)"
            )
            return self._skip(url, "no_article", why, **status)
        if first.canonical_url and first.canonical_url != url:
            other = self.state.fetched_canonical(first.canonical_url, url)
            if other:
                return self._skip(url, "duplicate", f"same canonical URL as {other}", **status)
        published_day = dt.date.fromisoformat(first.published[:10]) if first.published else None
        if not self.settings.window.admits(published_day):
            return self._skip(
                url, "skipped_filter", f"published {first.published}, outside --since/--until", **status
            )
        if self.settings.keywords and not _has_keyword(
            f"{first.title or ''}\n{text}", self.settings.keywords
        ):
            return self._skip(url, "skipped_filter", "no --keyword in the title or text", **status)
        record = {
            "url": resp.url,
            "canonical_url": first.canonical_url,
            "title": first.title,
            "published": first.published,
            "modified": first.modified,
            "authors": first.authors,
            "source": first.source,
            "language": first.language,
            "description": first.description,
            "text": text,
            "fetched_at": _now(),
            "http_status": resp.status,
            "etag": resp.etag,
            "last_modified": resp.last_modified,
            "body_sha256": pages[0]["sha256"],
            "encoding": resp.encoding,
            "redirects": resp.redirects,
            "pages": pages,
            "via": entry.via if entry else "urls",
            "profile": first.profile,
            "provenance": first.provenance,
        }
        return self._save(
            url,
            record,
            resp.body if self.settings.keep_html else None,
            status,
            entry.lastmod if entry else None,
        )

    def _from_post(self, url: str, entry: Entry) -> str:
        """An article from a WordPress REST post: the body comes without chrome, no page download."""
        from .article import body_text

        post = entry.post or {}
        rendered = (post.get("content") or {}).get("rendered") or ""
        text, credited = body_text(rendered, entry.title)
        raw = rendered.encode("utf-8")
        status = {"http_status": 200, "body_sha256": _sha256(raw)}
        if len(text) < self.settings.min_chars:
            return self._skip(
                url, "no_article", f"no article text in the API post ({len(text)} characters)", **status
            )
        if self.settings.keywords and not _has_keyword(
            f"{entry.title or ''}\n{text}", self.settings.keywords
        ):
            return self._skip(url, "skipped_filter", "no --keyword in the title or text", **status)
        authors = list(dict.fromkeys([*entry.authors, *credited]))
        provenance = {"title": "wp-json", "published": "wp-json", "text": "wp-json"}
        if authors:
            provenance["authors"] = "wp-json"
        record = {
            "url": url,
            "canonical_url": url,
            "title": entry.title,
            "published": entry.published,
            "modified": entry.lastmod,
            "authors": authors,
            "source": None,
            "language": None,
            "description": None,
            "text": text,
            "fetched_at": _now(),
            "http_status": 200,
            "etag": None,
            "last_modified": None,
            "body_sha256": status["body_sha256"],
            "encoding": "utf-8",
            "redirects": [],
            "pages": [{"url": url, "sha256": status["body_sha256"]}],
            "via": "wordpress",
            "profile": None,
            "provenance": provenance,
            "wp_id": post.get("id"),
        }
        return self._save(url, record, raw if self.settings.keep_html else None, status, entry.lastmod)

    def _save(self, url: str, record: dict, raw: bytes | None, status: dict, lastmod: str | None) -> str:
        row = self.state.get(url)
        rel = relative_path(record["url"] or url, record.get("published"))
        owner = self.state.path_owner(rel)
        if owner and owner != url:
            rel = relative_path(record["url"] or url, record.get("published"), taken=True)
        record = {"id": rel[: -len(".json")], **record}
        out = Path(self.settings.out)
        path = save_article(out, rel, record, raw)
        if row and row.path and row.path != rel:
            (out / row.path).unlink(missing_ok=True)
            (out / row.path).with_suffix(".html.gz").unlink(missing_ok=True)
        self.state.set(
            url, "fetched", None, path=rel, lastmod=lastmod or (row.lastmod if row else None), **status
        )
        self.summary.saved.append(path)
        return "fetched"


def _host_worker(
    fetcher: Fetcher, tasks: queue.Queue, results: queue.Queue, stop: threading.Event, max_pages: int
) -> None:
    """A download thread: take (url, headers), put back (url, Download); its fetcher is its own session."""
    try:
        while not stop.is_set():
            task = tasks.get()
            if task is None:
                return
            url, headers = task
            try:
                got: Download | BaseException = download(fetcher, url, headers, max_pages)
            except BaseException as exc:  # a bug: raised again in the recording thread, not lost here
                got = exc
            if not stop.is_set():
                results.put((url, got))
    finally:
        fetcher.close()


class _Sized:
    """An iterator with a length, so the progress bar knows the total."""

    def __init__(self, items: Iterator, size: int) -> None:
        self.items = items
        self.size = size

    def __iter__(self) -> Iterator:
        return self.items

    def __len__(self) -> int:
        return self.size


def interleave(urls: list[str]) -> list[str]:
    """URLs taken in turn from each host (order kept within a host): no host's delay holds up the rest."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    out: list[str] = []
    queues = [list(reversed(q)) for q in by_host.values()]
    while queues:
        out.extend(q.pop() for q in queues)
        queues = [q for q in queues if q]
    return out


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _has_keyword(text: str, keywords: list[str]) -> bool:
    low = htmlmod.unescape(text).lower()
    return any(k.lower() in low for k in keywords)


def discover(
    fetcher: Fetcher, sources: Sources, window: Window, errors: list[str], hosts_at_once: int = 1
) -> Iterator[Entry]:
    """Entries from every source; a source that fails adds an error and the others go on.

    URLs and URL files come first, then the feeds, sitemaps and WordPress sites: in turn, or with
    ``hosts_at_once`` > 1 read by that many threads, the sources of one host by one thread in order.
    """
    for url in sources.urls:
        yield Entry(url=url, via="urls")
    for path in sources.url_files:
        try:
            yield from from_urls(_read_url_file(path))
        except DiscoveryError as exc:
            errors.append(str(exc))
    jobs = [
        (kind, target)
        for kind, targets in (("feed", sources.feeds), ("sitemap", sources.sitemaps), ("wordpress", sources.wordpress))
        for target in targets
    ]
    groups: dict[str, list[tuple[str, str]]] = {}
    for kind, target in jobs:
        groups.setdefault(host_key(target), []).append((kind, target))
    if hosts_at_once <= 1 or len(groups) <= 1:
        for kind, target in jobs:
            yield from _listing(fetcher, kind, target, sources.search, window, errors)
    else:
        yield from _listings_at_once(fetcher, list(groups.values()), sources.search, window, errors, hosts_at_once)


def _listing(
    fetcher: Fetcher, kind: str, target: str, search: str | None, window: Window, errors: list[str]
) -> Iterator[Entry]:
    """The entries of one feed, sitemap or WordPress site; its failure goes to ``errors``."""
    try:
        if kind == "feed":
            yield from from_feed(fetcher, target, window)
        elif kind == "sitemap":
            yield from from_sitemaps(fetcher, target, window, errors)
        else:
            yield from from_wordpress(fetcher, target, search, window)
    except DiscoveryError as exc:
        errors.append(str(exc))


def _listings_at_once(
    fetcher: Fetcher,
    groups: list[list[tuple[str, str]]],
    search: str | None,
    window: Window,
    errors: list[str],
    workers: int,
) -> Iterator[Entry]:
    """Listings of several hosts read by threads; entries come back here through a bounded queue.

    The queue holds at most a few hundred entries: threads wait when the caller is slow, and stop when
    it stops asking (--max reached, Ctrl-C).
    """
    todo: queue.Queue = queue.Queue()
    for group in groups:
        todo.put(group)
    found: queue.Queue = queue.Queue(maxsize=256)
    stop = threading.Event()

    def hand(item) -> bool:
        while not stop.is_set():
            try:
                found.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def work(mine: Fetcher) -> None:
        try:
            while not stop.is_set():
                try:
                    group = todo.get_nowait()
                except queue.Empty:
                    return
                for kind, target in group:
                    for entry in _listing(mine, kind, target, search, window, errors):
                        if not hand(entry):
                            return
        except BaseException as exc:  # a bug: raised again in the caller's thread
            hand(exc)
        finally:
            hand(None)
            mine.close()

    pool = [
        threading.Thread(target=work, args=(fetcher.worker(),), name=f"berita-listing-{n}", daemon=True)
        for n in range(min(workers, len(groups)))
    ]
    for thread in pool:
        thread.start()
    finished = 0
    try:
        while finished < len(pool):
            try:
                item = found.get(timeout=0.5)  # a short wait: Ctrl-C is seen at once
            except queue.Empty:
                continue
            if item is None:
                finished += 1
            elif isinstance(item, BaseException):
                raise item
            else:
                yield item
    finally:
        stop.set()


def run_fetch(
    sources: Sources,
    settings: Settings,
    options: FetchOptions | None = None,
    log: Callable[[str], None] = lambda s: None,
    progress: Callable[[Iterable[str]], Iterable[str]] = lambda it: it,
    fetcher: Fetcher | None = None,
) -> Summary:
    """Discover, queue and fetch: the whole of `berita-extract fetch` as a library call."""
    from ..batch import Signals

    fetcher = fetcher or Fetcher(options)
    crawler = Crawler(fetcher, settings, log)
    signals = Signals()  # SIGTERM as Ctrl-C from the first listing on
    signals.install()
    try:
        errors: list[str] = []
        listings = discover(fetcher, sources, settings.window, errors, settings.hosts_at_once)
        try:
            crawler.add(listings)
        finally:
            listings.close()  # the listing threads stop when --max is reached or on Ctrl-C
        for err in errors:
            log(err)
        crawler.summary.errors.extend(errors)
        return crawler.run(progress, signals)
    finally:
        signals.restore()
        crawler.close()
