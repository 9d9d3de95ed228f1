"""Saving fetched articles: one JSON file per article, by host and date, written atomically."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..output import atomic_open


def slug(url: str) -> str:
    """A file-name slug for a URL: last path segment (and query), lowercase ASCII, at most 80 chars."""
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    name = segments[-1] if segments else "index"
    name = re.sub(r"\.(html?|php|aspx?|jsp)$", "", name, flags=re.I)
    if parts.query:
        name += "-" + parts.query
    name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not name or name.isdigit():
        name = (
            "-".join(filter(None, [re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") for s in segments[-2:]]))
            or "index"
        )
    return name[:80].strip("-") or "index"


def url_hash(url: str) -> str:
    """The first 10 hex digits of the SHA-256 of a URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]


def relative_path(url: str, published: str | None, taken: bool = False) -> str:
    """host/YYYY/MM/slug.json (or host/undated/slug.json); a URL hash is added when the name is taken."""
    host = re.sub(r"[^a-z0-9.-]+", "_", urlsplit(url).netloc.lower()) or "unknown-host"
    folder = (
        f"{published[:4]}/{published[5:7]}" if published and re.match(r"\d{4}-\d\d", published) else "undated"
    )
    name = slug(url) + (f"-{url_hash(url)}" if taken else "")
    return f"{host}/{folder}/{name}.json"


def save_article(out: Path, rel: str, record: dict, raw_html: bytes | None = None) -> Path:
    """Write the article record (and, if given, the raw HTML gzipped beside it), each atomically."""
    target = out / rel
    with atomic_open(target) as handle:
        json.dump(record, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    if raw_html is not None:
        with atomic_open(target.with_suffix(".html.gz"), "wb", encoding=None) as handle:
            handle.write(gzip.compress(raw_html, mtime=0))
    return target
