"""Finding article URLs: RSS/Atom feeds, sitemaps (robots.txt, wp-sitemap.xml, news), the WordPress API."""

from __future__ import annotations

import datetime as dt
import html as htmlmod
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from lxml import etree

from .article import parse_date, parse_html
from .http import Fetcher, FetchError, host_key

# Usual sitemap places, tried when robots.txt names none: WordPress core, Yoast/Rank Math, the plain one.
SITEMAP_PLACES = (
    "/wp-sitemap.xml",
    "/sitemap_index.xml",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/sitemap-news.xml",
)
# Child sitemaps that list categories, tags, authors or static pages rather than articles.
_NOT_ARTICLES = re.compile(
    r"(taxonom|categor|kategori|[-_/]tags?[-_.]|post_tag|users?[-_.]|author|penulis|"
    r"posts-page|page-sitemap|[-_/]pages?[-_.]\d*\.xml)",
    re.I,
)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


class DiscoveryError(Exception):
    """A listing (feed, sitemap, API) that could not be read; the message names it and says why."""


@dataclass
class Entry:
    """One article URL found by discovery, with what the listing says about it."""

    url: str
    via: str
    title: str | None = None
    summary: str | None = None
    published: str | None = None
    lastmod: str | None = None
    authors: list[str] = field(default_factory=list)
    post: dict | None = None  # a WordPress REST post: the article without page chrome

    def date(self) -> dt.date | None:
        """The day the listing gives (publication date first, else last modification)."""
        value = self.published or self.lastmod
        return dt.date.fromisoformat(value[:10]) if value else None


@dataclass
class Window:
    """Date bounds for discovery (inclusive days); None means open."""

    since: dt.date | None = None
    until: dt.date | None = None

    def admits(self, day: dt.date | None) -> bool:
        """Whether a day is within the bounds (an unknown day is admitted: the page is checked later)."""
        if day is None:
            return True
        return not ((self.since and day < self.since) or (self.until and day > self.until))


def from_urls(lines: list[str]) -> Iterator[Entry]:
    """Entries from a plain list of URLs (blank lines and '#' comments skipped)."""
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield Entry(url=line, via="urls")


def read_url_file(path: str) -> list[str]:
    """Lines of a URL list file, or '-' for stdin."""
    import sys

    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        return Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise DiscoveryError(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DiscoveryError(f"{path}: not UTF-8 text ({exc.reason})") from None


def _struct_date(value) -> str | None:
    if not value:
        return None
    return dt.datetime(*tuple(value)[:6], tzinfo=dt.timezone.utc).isoformat() if len(value) >= 6 else None


def feed_links(page_html: str, base: str) -> list[str]:
    """Feed URLs an HTML page advertises with <link rel="alternate" type="application/rss+xml">."""
    root = parse_html(page_html)
    out = []
    for link in root.iter("link"):
        if (
            "alternate" in (link.get("rel") or "").lower().split()
            and (link.get("type") or "").lower() in FEED_TYPES
            and link.get("href")
        ):
            out.append(urljoin(base, link.get("href")))
    return out


def from_feed(fetcher: Fetcher, url: str, window: Window | None = None) -> Iterator[Entry]:
    """Entries of an RSS/Atom feed; a site's home page is followed to the feed it advertises, else /feed/."""
    import feedparser

    window = window or Window()
    try:
        resp = fetcher.get(url, accept={"xml", "html", "text"})
    except FetchError as exc:
        raise DiscoveryError(f"feed {url}: {exc.reason}") from None
    if resp.kind == "html":
        links = feed_links(resp.text, resp.url) or [urljoin(resp.url, "/feed/")]
        try:
            resp = fetcher.get(links[0], accept={"xml", "text"})
        except FetchError as exc:
            raise DiscoveryError(f"feed {links[0]} (found on {url}): {exc.reason}") from None
    parsed = feedparser.parse(resp.body, response_headers={"content-location": resp.url})
    # the plain dict lookup: feedparser's own falls back from updated to published with a warning, and
    # silencing it (warnings.catch_warnings) is not safe when listings are read by several threads
    items = [
        (
            item,
            _struct_date(item.get("published_parsed")),
            _struct_date(dict.get(item, "updated_parsed", item.get("published_parsed"))),
        )
        for item in parsed.entries
    ]
    if parsed.bozo and not parsed.entries:
        raise DiscoveryError(f"feed {resp.url}: not a feed ({parsed.get('bozo_exception')})")
    for item, published, updated in items:
        link = item.get("link")
        if not link:
            continue
        entry = Entry(
            url=urljoin(resp.url, link),
            via="feed",
            title=htmlmod.unescape(item.get("title") or "") or None,
            summary=item.get("summary"),
            published=published or updated,
            lastmod=updated,
            authors=[a.get("name") for a in item.get("authors", []) if a.get("name")],
        )
        if window.admits(entry.date()):
            yield entry


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(el, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, producing at most ``limit`` bytes (a gzipped sitemap may be a bomb)."""
    obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = obj.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"corrupt gzip: {exc}") from None
    if len(out) > limit:
        raise ValueError(f"decompresses to more than {limit:,} bytes")
    return out


def parse_sitemap(data: bytes, limit: int = 50_000_000) -> tuple[str, list[dict]]:
    """('index' or 'urlset', items) of a sitemap; items have loc, lastmod and (news sitemaps) title."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, limit)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    root = etree.fromstring(data, parser=parser)
    if root is None:
        raise ValueError("empty or unreadable XML")
    kind = _local(root.tag)
    items = []
    for el in root:
        name = _local(el.tag)
        if name not in ("sitemap", "url"):
            continue
        item = {"loc": _child_text(el, "loc"), "lastmod": _child_text(el, "lastmod")}
        for child in el:
            if _local(child.tag) == "news":
                item["published"] = next(
                    (c.text.strip() for c in child.iter() if _local(c.tag) == "publication_date" and c.text),
                    None,
                )
                item["title"] = next(
                    (c.text.strip() for c in child.iter() if _local(c.tag) == "title" and c.text), None
                )
        if item["loc"]:
            items.append(item)
    if kind not in ("sitemapindex", "urlset"):
        raise ValueError(f"root element is <{kind}>, not <sitemapindex> or <urlset>")
    return ("index" if kind == "sitemapindex" else "urlset"), items


def sitemap_roots(fetcher: Fetcher, site: str) -> list[str]:
    """Sitemaps of a site: the URL if it is one, else robots.txt Sitemap: lines, else the usual places."""
    parts = urlsplit(site)
    if parts.path.endswith((".xml", ".xml.gz")):
        return [site]
    host = host_key(site)
    listed = fetcher.robots.sitemaps(host) if fetcher.options.obey_robots else []
    if listed:
        return listed
    for place in SITEMAP_PLACES:
        try:
            resp = fetcher.get(host + place, accept={"xml", "gzip"})
        except FetchError:
            continue
        try:
            parse_sitemap(resp.body)
        except (ValueError, etree.XMLSyntaxError, OSError):
            continue
        return [resp.url]
    raise DiscoveryError(f"{site}: no sitemap in robots.txt nor at {', '.join(SITEMAP_PLACES)}")


def from_sitemaps(
    fetcher: Fetcher,
    site: str,
    window: Window | None = None,
    errors: list[str] | None = None,
    max_sitemaps: int = 500,
) -> Iterator[Entry]:
    """Article entries of a site's sitemaps, following indexes; children older than --since are skipped."""
    window = window or Window()
    queue = list(sitemap_roots(fetcher, site))
    seen: set[str] = set()
    while queue and len(seen) < max_sitemaps:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            resp = fetcher.get(url, accept={"xml", "gzip", "text"})
            kind, items = parse_sitemap(resp.body, fetcher.options.max_bytes)
        except FetchError as exc:
            if errors is not None:
                errors.append(f"sitemap {url}: {exc.reason}")
            continue
        except (ValueError, etree.XMLSyntaxError, OSError) as exc:
            if errors is not None:
                errors.append(f"sitemap {url}: not a sitemap ({exc})")
            continue
        if kind == "index":
            for item in items:
                lastmod = parse_date(item["lastmod"])
                if window.since and lastmod and dt.date.fromisoformat(lastmod[:10]) < window.since:
                    continue  # nothing in it changed since the start of the window
                if _NOT_ARTICLES.search(urlsplit(item["loc"]).path):
                    continue
                queue.append(urljoin(resp.url, item["loc"]))
            continue
        for item in items:
            entry = Entry(
                url=urljoin(resp.url, item["loc"]),
                via="sitemap",
                title=item.get("title"),
                published=parse_date(item.get("published")),
                lastmod=parse_date(item.get("lastmod")),
            )
            if window.admits(entry.date()):
                yield entry


def _api_url(base: str, route: str, params: dict, pretty: bool) -> str:
    if pretty:
        return f"{base.rstrip('/')}/wp-json{route}?{urlencode(params)}"
    return f"{base.rstrip('/')}/?{urlencode({'rest_route': route, **params})}"


def from_wordpress(
    fetcher: Fetcher,
    site: str,
    search: str | None = None,
    window: Window | None = None,
    per_page: int = 100,
    max_pages: int = 1000,
) -> Iterator[Entry]:
    """Posts from the WordPress REST API (/wp-json/wp/v2/posts), following X-WP-TotalPages, with bodies."""
    window = window or Window()
    params: dict[str, str | int] = {"per_page": max(1, min(per_page, 100)), "_embed": "author"}
    if search:
        params["search"] = search
    if window.since:
        params["after"] = f"{window.since.isoformat()}T00:00:00"
    if window.until:
        params["before"] = f"{(window.until + dt.timedelta(days=1)).isoformat()}T00:00:00"
    base = host_key(site) + urlsplit(site).path.rstrip("/")
    pretty = True
    page, total = 1, 1
    while page <= min(total, max_pages):
        url = _api_url(base, "/wp/v2/posts", {**params, "page": page}, pretty)
        try:
            resp = fetcher.get(url, accept={"json"})
        except FetchError as exc:
            if page == 1 and pretty and exc.kind in ("http", "type"):
                pretty = False  # sites without pretty permalinks answer at ?rest_route=
                continue
            if exc.status == 400 and page > 1:  # past the last page
                return
            raise DiscoveryError(f"WordPress API {url}: {exc.reason}") from None
        try:
            posts = json.loads(resp.text)
        except ValueError as exc:
            raise DiscoveryError(f"WordPress API {url}: malformed JSON ({exc})") from None
        if not isinstance(posts, list):
            raise DiscoveryError(f"WordPress API {url}: expected a list of posts, got {type(posts).__name__}")
        pages_header = resp.headers.get("x-wp-totalpages", "")
        total = (
            int(pages_header)
            if pages_header.isdigit()
            else (page + 1 if len(posts) == params["per_page"] else page)
        )
        for post in posts:
            if not isinstance(post, dict) or not post.get("link"):
                continue
            embedded = post.get("_embedded") or {}
            authors = [
                a.get("name") for a in embedded.get("author", []) if isinstance(a, dict) and a.get("name")
            ]
            title = (post.get("title") or {}).get("rendered")
            entry = Entry(
                url=urljoin(resp.url, post["link"]),
                via="wordpress",
                title=htmlmod.unescape(title) if title else None,
                summary=(post.get("excerpt") or {}).get("rendered"),
                published=parse_date(post.get("date")),
                lastmod=parse_date(post.get("modified_gmt") and post["modified_gmt"] + "+00:00"),
                authors=authors,
                post=post,
            )
            if window.admits(entry.date()):
                yield entry
        page += 1


def keep(entry: Entry, match: re.Pattern | None, keywords: list[str]) -> bool:
    """Whether an entry passes --match (URL regex) and --keyword (in the listing's title, summary or URL)."""
    if match is not None and not match.search(entry.url):
        return False
    if keywords and (entry.title or entry.summary):
        hay = " ".join(filter(None, [entry.title, entry.summary, entry.url])).lower()
        return any(k.lower() in hay for k in keywords)
    return True
