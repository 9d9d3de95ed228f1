"""Bytes to text for fetched bodies: BOM, HTTP charset, the document's own declaration, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)["']""", re.I)
_LATIN_GUESSES = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_9",
        "iso8859_15",
        "iso8859_13",
        "mac_roman",
        "mac_latin2",
        "cp850",
        "cp437",
    }
)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)

# The WHATWG encoding standard reads these labels as windows-1252, as every browser does.
_BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
}


def _codec(label: str | bytes | None) -> str | None:
    """The Python codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().lower()
    label = _BROWSER_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def http_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, as a Python codec name."""
    if not content_type:
        return None
    match = _HTTP_CHARSET.search(content_type)
    return _codec(match.group(1)) if match else None


def declared_charset(data: bytes, kind: str) -> str | None:
    """The encoding a document declares itself: <meta charset> in HTML, the XML declaration in XML."""
    head = data[:4096]
    if kind == "xml":
        match = _XML_DECL.search(head)
    else:
        match = _META_CHARSET.search(head)
    return _codec(match.group(1)) if match else None


def decode_body(data: bytes, content_type: str | None = None, kind: str = "html") -> tuple[str, str]:
    """Text and the encoding used: BOM, HTTP charset, <meta>/XML declaration, then UTF-8 or detection."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    if kind == "json":
        return data.decode("utf-8", errors="replace"), "utf-8"
    for encoding in (http_charset(content_type), declared_charset(data, kind)):
        if encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    # Single-byte Latin guesses are near-ties on Indonesian text; such pages are written in windows-1252.
    if guess is None or guess in _LATIN_GUESSES:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    if best is not None and guess:
        return str(best), guess
    return data.decode("cp1252", errors="replace"), "cp1252"
