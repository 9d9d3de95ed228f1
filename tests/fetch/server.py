"""The fixture news site, served on 127.0.0.1: static pages from tests/fetch/site plus misbehaving routes."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SITE = Path(__file__).resolve().parent / "site"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".json": "application/json",
}
LAST_MODIFIED = "Tue, 11 Oct 2022 04:02:00 GMT"
# A gzip body that inflates to 20 MB of spaces, built once.
BOMB = gzip.compress(b" " * 20_000_000, compresslevel=9)


class _Server(ThreadingHTTPServer):
    """A threading server that stays quiet when a client hangs up early (as the size caps make it do)."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """Ignore resets and broken pipes; report anything else."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Site:
    """One running fixture server: its base URL, request log and per-route counters."""

    def __init__(
        self, robots: str = "robots.txt", robots_type: str = "text/plain; charset=utf-8", latency: float = 0.0
    ) -> None:
        self.robots = robots
        self.robots_type = robots_type
        self.latency = latency  # seconds each answer waits, as a slow host's time to first byte
        self.hits: Counter = Counter()
        self.log: list[tuple[str, dict]] = []
        # (arrived, answering, path) of every GET on time.monotonic(): when each request was held here
        self.spans: list[tuple[float, float, str]] = []
        self.stop = threading.Event()
        self.pages: dict[str, bytes] = {}  # path -> body overrides (to simulate changed pages)
        handler = type("Handler", (_Handler,), {"site": self})
        self.server = _Server(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [p for p, _ in self.log]


class _Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # quiet
        return

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        arrived = time.monotonic()
        if self.site.latency:
            time.sleep(self.site.latency)
        # stamped before the answer goes out, so a client that waits for it cannot seem to overlap it
        self.site.spans.append((arrived, time.monotonic(), self.path))
        self._get()

    def _get(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        key = self.path
        self.site.hits[key] += 1
        self.site.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        base = self.site.base.encode()
        if path == "/robots.txt":
            if self.site.robots == "500":
                return self._send(500, b"error", {"Content-Type": "text/plain"})
            if self.site.robots == "404":
                return self._send(404, b"<html><body>Tidak ada</body></html>", {"Content-Type": "text/html"})
            return self._static(SITE / self.site.robots, self.site.robots_type, base)
        if path == "/limit/429":
            if self.site.hits[key] == 1:
                return self._send(429, b"slow down", {"Retry-After": "7", "Content-Type": "text/plain"})
            return self._static(SITE / "2022/10/14/pasar-murah-kecamatan/index.html", "text/html", base)
        if path == "/limit/429-forever":
            return self._send(429, b"slow down", {"Retry-After": "3600", "Content-Type": "text/plain"})
        if path == "/flaky/503":
            if self.site.hits[key] <= 2:
                return self._send(503, b"busy", {"Content-Type": "text/plain"})
            return self._static(
                SITE / "2022/10/11/klaster-kerupuk-ikan/index.html", "text/html; charset=utf-8", base
            )
        if path.startswith("/loop/"):
            target = "/loop/b" if path == "/loop/a" else "/loop/a"
            return self._send(302, b"", {"Location": target})
        if path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            if n == 0:
                return self._static(
                    SITE / "2022/10/11/klaster-kerupuk-ikan/index.html", "text/html; charset=utf-8", base
                )
            return self._send(301, b"", {"Location": f"/hop/{n - 1}"})
        if path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>Sebentar")
            self.wfile.flush()
            self.site.stop.wait(5)
            return
        if path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"kata " * 2000 + b"</p>\n"
            for _ in range(200):  # about 2 MB, without a Content-Length
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return
            self.close_connection = True
            return
        if path == "/big-declared":
            return self._send(200, b"x" * 10, {"Content-Type": "text/html", "Content-Length": "5000000"})
        if path == "/bomb":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(BOMB)))
            self.end_headers()
            try:
                self.wfile.write(BOMB)
            except OSError:
                pass
            return
        if path in ("/wp-json/wp/v2/posts", "/") and (path != "/" or "rest_route" in query):
            return self._wp_posts(query, base)
        if path == "/post-sitemap.xml.gz":
            data = (SITE / "post-sitemap.xml").read_bytes().replace(b"{base}", base)
            return self._send(200, gzip.compress(data), {"Content-Type": "application/x-gzip"})
        if path == "/bomb-sitemap.xml.gz":
            return self._send(200, BOMB, {"Content-Type": "application/gzip"})
        if path == "/unduh/laporan":  # a PDF behind a URL without an extension
            return self._static(SITE / "files/laporan.pdf", "application/pdf", base)
        if path == "/moved-private":
            return self._send(301, b"", {"Location": "/private/rahasia.html"})
        if path == "/moved":
            return self._send(301, b"", {"Location": "/2022/10/11/klaster-kerupuk-ikan/"})
        if path in self.site.pages:
            return self._body(self.site.pages[path], "text/html; charset=utf-8")
        file = self._file(path, query)
        if file is None:
            return self._send(
                404,
                b"<html><body><p>Tidak ditemukan</p></body></html>",
                {"Content-Type": "text/html; charset=utf-8"},
            )
        overrides = json.loads((SITE / "_headers.json").read_text())
        ctype = overrides.get(path, {}).get("Content-Type") or TYPES.get(
            file.suffix, "application/octet-stream"
        )
        if path.startswith(("/feed/", "/kategori/")) and file.suffix == ".xml":
            ctype = "application/rss+xml; charset=utf-8"
        return self._static(file, ctype, base)

    def _file(self, path: str, query: dict) -> Path | None:
        if ".." in path:
            return None
        rel = path.lstrip("/")
        candidate = SITE / rel
        if path.endswith("/"):
            for name in ("index.html", "index.xml"):
                if (candidate / name).is_file():
                    return candidate / name
            return None
        page = query.get("page", [None])[0]
        if page == "all" or (page and page.isdigit() and int(page) > 1):
            candidate = candidate.with_name(f"{candidate.stem}.page{page}{candidate.suffix}")
        return candidate if candidate.is_file() else None

    def _static(self, file: Path, ctype: str, base: bytes) -> None:
        body = file.read_bytes().replace(b"{base}", base)
        self._body(body, ctype)

    def _body(self, body: bytes, ctype: str) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", {"ETag": etag})
        self._send(200, body, {"Content-Type": ctype, "ETag": etag, "Last-Modified": LAST_MODIFIED})

    def _wp_posts(self, query: dict, base: bytes) -> None:
        posts = json.loads((SITE / "wp-json/posts.json").read_bytes().replace(b"{base}", base))
        search = query.get("search", [""])[0].lower()
        if search:
            posts = [
                p for p in posts if search in (p["title"]["rendered"] + p["content"]["rendered"]).lower()
            ]
        after = query.get("after", [""])[0]
        if after:
            posts = [p for p in posts if p["date"] > after]
        before = query.get("before", [""])[0]
        if before:
            posts = [p for p in posts if p["date"] < before]
        posts.sort(key=lambda p: p["date"], reverse=True)
        per_page = int(query.get("per_page", ["10"])[0])
        page = int(query.get("page", ["1"])[0])
        total_pages = max(1, -(-len(posts) // per_page))
        if page > total_pages:
            body = json.dumps({"code": "rest_post_invalid_page_number"}).encode()
            return self._send(400, body, {"Content-Type": "application/json"})
        chunk = posts[(page - 1) * per_page : page * per_page]
        if "_embed" not in query:
            for p in chunk:
                p.pop("_embedded", None)
        body = json.dumps(chunk).encode()
        self._send(
            200,
            body,
            {
                "Content-Type": "application/json; charset=UTF-8",
                "X-WP-Total": str(len(posts)),
                "X-WP-TotalPages": str(total_pages),
            },
        )


def fixture_pages() -> dict[str, str]:
    """Expected-text name to the path of its first page on the fixture site."""
    return {
        "klaster-kerupuk-ikan": "/2022/10/11/klaster-kerupuk-ikan/",
        "pelatihan-umkm-digital": "/2022/10/12/pelatihan-umkm-digital/",
        "pasar-murah-kecamatan": "/2022/10/14/pasar-murah-kecamatan/",
        "festival-kuliner-1252": "/berita/festival-kuliner-1252.html",
        "panen-jagung-1252": "/berita/panen-jagung-1252.html",
        "sentra-ukir": "/berita/sentra-ukir.html",
        "kunjungan-kerja": "/pemerintahan/kunjungan-kerja.html",
    }


def tokens(text: str) -> list[str]:
    """Lowercase word tokens, for token-level F1 of extracted text."""
    return re.findall(r"\w+", text.lower())


def token_f1(got: str, want: str) -> float:
    """Bag-of-tokens F1 between extracted and expected text."""
    g, w = Counter(tokens(got)), Counter(tokens(want))
    overlap = sum((g & w).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(w.values())
    return 2 * precision * recall / (precision + recall)
