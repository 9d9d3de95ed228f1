"""HTTP for the scraper: polite session, robots.txt, per-host delay, retries, redirect and size caps."""

from __future__ import annotations

import email.utils
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

from .. import __version__
from .decoding import decode_body
from .errors import FetchError, host_key

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# Content types the scraper parses, by kind; anything else (PDF, images, ...) is refused before download.
KINDS: dict[str, frozenset[str]] = {
    "html": frozenset({"text/html", "application/xhtml+xml"}),
    "xml": frozenset(
        {"application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml"}
    ),
    "json": frozenset({"application/json"}),
    "text": frozenset({"text/plain"}),
    "gzip": frozenset({"application/gzip", "application/x-gzip", "application/octet-stream"}),
}


@dataclass
class FetchOptions:
    """Politeness and limits; the defaults are those a careful crawler would choose."""

    contact: str | None = None
    user_agent: str | None = None
    delay: float = 1.0
    max_crawl_delay: float | None = None  # None: a robots.txt Crawl-delay is obeyed however long
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    retries: int = 3
    backoff: float = 2.0
    max_retry_after: float = 300.0
    max_redirects: int = 10
    max_bytes: int = 10_000_000
    obey_robots: bool = True

    def agent(self) -> str:
        """The User-Agent header: tool and version, and the contact when one is given."""
        if self.user_agent:
            return self.user_agent
        base = f"berita-extract/{__version__}"
        return f"{base} (+{self.contact})" if self.contact else base


@dataclass
class Response:
    """A fetched body, decoded, with what the server said about it."""

    url: str
    requested_url: str
    status: int
    headers: dict[str, str]
    content_type: str
    kind: str
    body: bytes = b""
    text: str = ""
    encoding: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def etag(self) -> str | None:
        """The ETag header, if any."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The Last-Modified header, if any."""
        return self.headers.get("last-modified")

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET."""
        return self.status == 304


def send(
    session: requests.Session, url: str, headers: dict[str, str], timeout: tuple[float, float]
) -> requests.Response:
    """Put one GET on the wire, streamed, without following redirects (the one function tests replace)."""
    return session.get(url, headers=headers, timeout=timeout, allow_redirects=False, stream=True)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, lowercase, without parameters."""
    return (content_type or "").split(";")[0].strip().lower()


def kind_of(content_type: str | None) -> str | None:
    """The kind (html, xml, json, text, gzip) of a content type, or None if the scraper does not parse it."""
    mtype = media_type(content_type)
    for kind, types in KINDS.items():
        if mtype in types:
            return kind
    if mtype.endswith("+xml"):
        return "xml"
    if mtype.endswith("+json"):
        return "json"
    return None


class _Decoder:
    """Content-Encoding decompression that never gives more than asked for (so a gzip bomb stops early)."""

    def __init__(self, encoding: str, url: str) -> None:
        encoding = (encoding or "identity").strip().lower()
        if encoding in ("", "identity"):
            self._obj = None
        elif encoding in ("gzip", "x-gzip"):
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._obj = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}", kind="type", status=200)
        self._first = True
        self.encoding = encoding

    def feed(self, chunk: bytes, room: int) -> bytes:
        """Decompressed bytes of a chunk, at most ``room`` of them."""
        if self._obj is None:
            return chunk[:room]
        if self._first and self.encoding == "deflate" and chunk[:1] and (chunk[0] & 0x0F) != 8:
            self._obj = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate without the zlib header
        self._first = False
        out = b""
        try:
            while chunk and len(out) < room:
                out += self._obj.decompress(chunk, room - len(out))
                chunk = self._obj.unconsumed_tail
        except zlib.error as exc:
            raise ValueError(f"corrupt {self.encoding} body: {exc}") from None
        return out


class Fetcher:
    """A polite HTTP client: robots.txt, one request at a time per host with a delay, retries and caps."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        session: requests.Session | None = None,
        transport: Callable[..., requests.Response] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        from .robots import RobotsCache

        self.options = options or FetchOptions()
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = self.options.agent()
        self.session.headers["Accept-Encoding"] = "gzip, deflate"
        self.session.max_redirects = self.options.max_redirects
        self.transport = transport
        self.sleep = sleep
        self.clock = clock
        self.robots = RobotsCache(self)
        self._last: dict[str, float] = {}  # host -> clock time of its last request (or the one booked)
        self._turns = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self.requests_sent = 0

    def close(self) -> None:
        """Close the underlying session."""
        self.session.close()

    def worker(self) -> Fetcher:
        """A fetcher for another thread: its own session, the same options, robots.txt and host clocks.

        Sharing the time of the last request to each host keeps the delay across fetchers (discovery,
        then any worker), turns being booked under one lock; the callers also give each host to one
        thread at a time, so a host never has two requests at once.
        """
        other = Fetcher(self.options, transport=self.transport, sleep=self.sleep, clock=self.clock)
        other._last, other._turns, other._host_locks = self._last, self._turns, self._host_locks
        other.robots = self.robots.shared_with(other)
        return other

    def next_turn(self, host: str) -> float:
        """The clock time from which the next request to a host may go (its last request plus its delay)."""
        last = self._last.get(host)
        return float("-inf") if last is None else last + self.delay_for(host)

    def _send(self, url: str, headers: dict[str, str]) -> requests.Response:
        transport = self.transport or send
        self.requests_sent += 1
        return transport(
            self.session, url, headers, (self.options.connect_timeout, self.options.read_timeout)
        )

    def delay_for(self, host: str) -> float:
        """Seconds between requests to a host: --delay, or robots.txt Crawl-delay if longer (capped)."""
        crawl = self.robots.crawl_delay(host) if self.options.obey_robots else None
        cap = self.options.max_crawl_delay
        return max(self.options.delay, min(crawl or 0.0, cap) if cap is not None else crawl or 0.0)

    def _wait_turn(self, host: str, delay: float) -> None:
        """Wait for the host's turn: its time is booked first, so fetchers sharing the host clocks
        (worker threads) never start two requests to one host closer than the delay."""
        with self._turns:
            now = self.clock()
            last = self._last.get(host)
            slot = now if last is None else max(now, last + delay)
            self._last[host] = slot
        if slot > now:
            self.sleep(slot - now)

    def _answered(self, host: str) -> None:
        """The host answered (or the attempt failed): its delay counts from now, not from the booking.

        So the gap between two requests, as the host sees them arrive, is never under the delay, even
        when a request left late (a busy machine) or took long to answer.
        """
        with self._turns:
            self._last[host] = max(self._last.get(host, float("-inf")), self.clock())

    def _pause(self, host: str, seconds: float) -> None:
        """Wait before a retry; the host's clock moves on so the next request keeps its distance too."""
        self.sleep(seconds)
        with self._turns:
            self._last[host] = max(self._last.get(host, float("-inf")), self.clock())

    def get(
        self,
        url: str,
        accept: frozenset[str] | set[str] = frozenset({"html"}),
        headers: dict[str, str] | None = None,
        check_robots: bool = True,
    ) -> Response:
        """GET a URL politely and return its decoded body; FetchError names the URL and the problem."""
        current = url
        seen = [url]
        while True:
            if check_robots and self.options.obey_robots and not self.robots.allowed(current):
                raise FetchError(current, "disallowed by robots.txt", kind="robots")
            raw = self._request(current, headers or {})
            if raw.status_code in REDIRECT_STATUSES and raw.headers.get("Location"):
                raw.close()
                target = urljoin(current, raw.headers["Location"])
                if urlsplit(target).scheme not in ("http", "https"):
                    raise FetchError(url, f"redirect to a non-HTTP URL {target}", kind="redirects")
                if target in seen:
                    raise FetchError(url, f"redirect loop: {' -> '.join(seen + [target])}", kind="redirects")
                if len(seen) > self.options.max_redirects:
                    raise FetchError(
                        url, f"more than {self.options.max_redirects} redirects", kind="redirects"
                    )
                seen.append(target)
                current = target
                continue
            return self._finish(url, current, raw, seen[1:], accept)

    def _request(self, url: str, headers: dict[str, str]) -> requests.Response:
        """One request with its retries, under the host's lock: fetchers sharing the host clocks (worker
        threads) never have two requests out to one host, even if two of them are given that host."""
        host = host_key(url)
        with self._turns:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            return self._attempts(url, headers)

    def _attempts(self, url: str, headers: dict[str, str]) -> requests.Response:
        """One request with retries: connection errors, 429 and 5xx back off, honouring Retry-After."""
        host = host_key(url)
        opts = self.options
        attempts = opts.retries + 1
        for attempt in range(attempts):
            self._wait_turn(host, self.delay_for(host) if host in self._last else 0.0)
            last_try = attempt == attempts - 1
            try:
                try:
                    raw = self._send(url, headers)
                finally:
                    self._answered(host)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last_try:
                    raise FetchError(
                        url, f"{_describe(exc)} (after {attempts} attempts)", kind="network"
                    ) from None
                self._pause(host, opts.backoff * 2**attempt)
                continue
            if raw.status_code not in RETRY_STATUSES:
                return raw
            wait = retry_after(raw.headers.get("Retry-After"))
            raw.close()
            if last_try:
                raise FetchError(
                    url,
                    f"HTTP {raw.status_code} (after {attempts} attempts)",
                    kind="http",
                    status=raw.status_code,
                )
            if wait is not None and wait > opts.max_retry_after:
                raise FetchError(
                    url,
                    f"HTTP {raw.status_code} with Retry-After {wait:.0f} s, over the limit of "
                    f"{opts.max_retry_after:.0f} s",
                    kind="http",
                    status=raw.status_code,
                )
            self._pause(host, wait if wait is not None else opts.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def _finish(
        self,
        url: str,
        final: str,
        raw: requests.Response,
        redirects: list[str],
        accept: frozenset[str] | set[str],
    ) -> Response:
        headers = {k.lower(): v for k, v in raw.headers.items()}
        ctype = headers.get("content-type", "")
        status = raw.status_code
        if status == 304:
            raw.close()
            return Response(final, url, status, headers, ctype, "", redirects=redirects)
        if status >= 400:
            raw.close()
            raise FetchError(final, f"HTTP {status}", kind="http", status=status)
        kind = kind_of(ctype)
        if not ctype:
            kind = next(iter(accept)) if len(accept) == 1 else "html"
        if "any" in accept:  # robots.txt: read whatever type the server labels it
            kind = "html" if kind == "html" else "text"
            accept = {kind}
        if kind is None or kind not in accept:
            raw.close()
            label = media_type(ctype) or "no content type"
            raise FetchError(
                final,
                f"content type {label} is not one of {', '.join(sorted(accept))}",
                kind="type",
                status=status,
            )
        body = self._read(final, raw, headers)
        text, encoding = ("", None) if kind == "gzip" else decode_body(body, ctype, kind)
        return Response(final, url, status, headers, ctype, kind, body, text, encoding, redirects)

    def _read(self, url: str, raw: requests.Response, headers: dict[str, str]) -> bytes:
        """The body, decompressed while streaming; stops once past max_bytes or the total timeout."""
        cap = self.options.max_bytes
        length = headers.get("content-length", "")
        decoder = _Decoder(headers.get("content-encoding", ""), url)
        if decoder.encoding == "identity" and length.isdigit() and int(length) > cap:
            raw.close()
            raise FetchError(url, f"body of {int(length):,} bytes is over the limit of {cap:,}", kind="size")
        deadline = self.clock() + self.options.total_timeout
        out = bytearray()
        try:
            for chunk in raw.raw.stream(16384, decode_content=False):
                out += decoder.feed(chunk, cap + 1 - len(out))
                if len(out) > cap:
                    raise FetchError(
                        url, f"body is over the limit of {cap:,} bytes (decompressed)", kind="size"
                    )
                if self.clock() > deadline:
                    raise FetchError(
                        url, f"body took longer than {self.options.total_timeout:g} s", kind="network"
                    )
        except FetchError:
            raise
        except ValueError as exc:
            raise FetchError(url, str(exc), kind="network") from None
        except Exception as exc:  # urllib3 read timeouts and resets surface here, under several names
            raise FetchError(url, f"reading the body failed: {_describe(exc)}", kind="network") from None
        finally:
            raw.close()
        return bytes(out)


def _describe(exc: BaseException) -> str:
    """A short, readable reason for a requests/urllib3 exception."""
    name = type(exc).__name__
    text = str(exc)
    if "timed out" in text.lower() or "Timeout" in name:
        return f"timed out ({name})"
    if "refused" in text.lower():
        return "connection refused"
    if any(k in text for k in ("NameResolutionError", "Name or service not known", "getaddrinfo failed",
                               "nodename nor servname", "Temporary failure in name resolution")):
        return "DNS failure (host name not resolved)"
    return f"{name}: {text[:200]}"
