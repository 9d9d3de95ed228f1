"""HTML page to article: metadata (JSON-LD, OpenGraph, <time>), then the main text, with provenance."""

from __future__ import annotations

import datetime as dt
import functools
import html as htmlmod
import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.html
from lxml import etree

from ..patterns import Row, load
from . import sites
from .sites import Profile, compile_css

ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "BlogPosting",
        "ReportageNews",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "Report",
        "ScholarlyArticle",
    }
)
# Removed before the main text is looked for; their tails (text after them) are kept.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "ins",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
    "map",
    "dialog",
    "menu",
)
DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog"})
# Class or id words of page chrome: share bars, related links ("baca juga", "terkait"), ads ("iklan") ...
_CHROME = re.compile(
    r"(?:^|[-_])(share|sharing|social|sosmed|socmed|related|terkait|bacajuga|baca-juga|recommend\w*|rekomendasi|"
    r"popular|populer|terpopuler|trending|sidebar|widget|comments?|komentar|newsletter|subscribe|breadcrumbs?|"
    r"tags?|tagcloud|topik|advert\w*|ads?|adsbygoogle|iklan|banner|promo|sponsor\w*|author-?box|pagination|"
    r"page-?links|pagelinks|page-nav|navigation|navbar|menu|masthead|footer|copyright|caption|wp-caption-text|"
    r"modal|popup|cookie|scroll-?to-?continue|parallax|video-?terkait|jeg_ad|td-a-rec)(?:$|[-_])",
    re.I,
)
# WordPress post_class() words on the wrapper of the whole article ("tag-umkm", "category-ekonomi").
_POST_CLASS = re.compile(r"^(?:tag|category|format|type|status|has)-", re.I)
_CONTENT = re.compile(r"(article|entry|content|post|body|isi|detail|story|text|berita|main)", re.I)
# Whole lines of chrome that live inside article bodies on Indonesian sites.
_CHROME_LINE = re.compile(
    r"^\W*(baca juga|baca\s*:|lihat juga|simak juga|cek berita|berita terkait|artikel terkait|"
    r"scroll to continue|advertisement|iklan\b|sponsored|share\b|bagikan\b|tags?\s*:|topik\s*:|"
    r"ikuti (kami|berita|saluran)|dapatkan (update|berita|informasi)|download aplikasi|unduh aplikasi|"
    r"follow (us|kami)|copyright|hak cipta|©|halaman\s+\d+\s*(dari|/)|selanjutnya\W*$|"
    r"(foto|sumber foto|ilustrasi)\s*:|video\s*:)",
    re.I,
)
_CREDIT = re.compile(
    r"(?P<role>pewarta|reporter|penulis|wartawan|kontributor|laporan|editor|redaktur|penyunting|"
    r"uploader|fotografer|foto)\s*:\s*(?P<names>[^|/\n()]+)",
    re.I,
)
# "Laporan Wartawan Tribun Bali, Cisilia Agustina" heading a story names its reporter.
_REPORT_LINE = re.compile(
    r"^laporan\s+(?:wartawan|reporter|kontributor|jurnalis)\s+[^,]{2,40},\s*(?P<names>[^,.]{3,60})$", re.I
)
_AUTHOR_ROLES = frozenset(
    {"pewarta", "reporter", "penulis", "wartawan", "kontributor", "laporan", "editor", "redaktur", "penyunting"}
)
# Credits closing a story: "(ant/hm)", "(Rina Marlina/Dian Puspita)", "... kata dia. Editor: Budi".
# (lowercase initials, or names with a lowercase letter: "(BPS/BI)" is a source, not a credit)
_NAME = r"[A-Z][a-z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4}"
_END_CREDIT = re.compile(
    rf"(?:^|(?<=[.!?”\"’)])[ \t]*)(?:\((?P<paren>(?-i:[a-z]{{2,5}}(?:[ \t]*/[ \t]*[a-z]{{2,5}})*"
    rf"|{_NAME}(?:[ \t]*/[ \t]*{_NAME})+))\)\.?"
    r"|(?P<roles>(?:(?:pewarta|reporter|penulis|wartawan|kontributor|editor|redaktur|penyunting)[ \t]*:[ \t]*"
    r"[^:|/\n()]{2,60}?[ \t]*(?:[|,/][ \t]*)?)+))[ \t]*$",
    re.I,
)
_NOT_NAMES = frozenset({"admin", "administrator", "webmaster", "redaksi web", "humas", "tim redaksi web"})
_BLOCK_LEAF = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dt", "dd", "td", "th", "caption"}
)
_CONTAINER = frozenset(
    {
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "center",
        "body",
        "html",
        "details",
        "summary",
        "hgroup",
        "address",
    }
)
_ZERO_WIDTH = str.maketrans("", "", "\u200b\u200c\u200d\ufeff")
_PAGE_HREF = re.compile(r"/\d{1,3}/?(?:#.*)?$|[?&](?:page|halaman|hal|paged|pg)=\d", re.I)
_PAGE_KEYS = frozenset({"page", "halaman", "hal", "paged", "pg"})
_DATE_TEXT = re.compile(
    r"(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3,9})\.?\s+(?P<y>(?:19|20)\d{2})"
    r"(?:\D{0,12}?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:\s*(?P<tz>WIB|WITA|WIT)\b)?)?"
)
_DATE_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\b")
# A line that is only a dateline stamp: "Sabtu, 15 Oktober 2022 | 19:40 WIB", "Diposting: 17 Oktober 2022".
_DATE_LINE = re.compile(
    r"^[\w' ]{0,24}[:,]?\s*\(?\d{1,2}\s+[A-Za-z]{3,9}\.?\s+(?:19|20)\d{2}\)?"
    r"(?:[\s|,\-\u2013\u2014/]*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:WIB|WITA|WIT))?)?\s*$",
    re.I,
)
# A pager left inside the body: "Halaman 1 2 3 Selanjutnya", "1 2 »".
_PAGER_LINE = re.compile(
    r"^(?:halaman\s*:?\s*)?(?:sebelumnya\s+|«\s*)?(?:\d{1,3}\s*)+(?:selanjutnya|berikutnya|next|»|›)?$", re.I
)
_TZ = {"WIB": 7, "WITA": 8, "WIT": 9}
_ENGLISH_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}


class MonthRow(Row):
    """A month name from patterns/months.tsv."""

    month: int
    name: str
    kind: str


@functools.cache
def _months() -> dict[str, int]:
    """Lowercase month names and abbreviations (patterns/months.tsv, then English) to month numbers."""
    out = {row.name.lower(): row.month for row in load("months.tsv", MonthRow)}
    for name, num in _ENGLISH_MONTHS.items():
        out.setdefault(name, num)
        out.setdefault(name[:3], num)
    return out


@dataclass
class Extracted:
    """What a page says about its article, and which source gave each field."""

    url: str
    canonical_url: str | None = None
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    text: str = ""
    source: str | None = None
    description: str | None = None
    language: str | None = None
    next_pages: list[str] = field(default_factory=list)
    single_page_url: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    profile: str | None = None
    link_density: float = 0.0


def parse_html(text: str) -> lxml.html.HtmlElement:
    """An lxml tree of an HTML page, comments and processing instructions dropped."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    root = lxml.html.document_fromstring(text or "<html></html>", parser=parser)
    return root


def norm(text: str) -> str:
    """Whitespace squeezed to single spaces, ends stripped."""
    return " ".join(text.translate(_ZERO_WIDTH).split())


def parse_date(value: str | None) -> str | None:
    """ISO 8601 date or date-time from ISO text, '11 Oktober 2022 10:15 WIB' or '11/10/2022'; else None."""
    if not value:
        return None
    value = value.strip()
    iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        parsed = dt.datetime.fromisoformat(
            iso.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", iso) else iso
        )
        return (
            parsed.isoformat()
            if (parsed.hour, parsed.minute, parsed.second) != (0, 0, 0) or parsed.tzinfo
            else parsed.date().isoformat()
        )
    except ValueError:
        pass
    match = re.match(r"(\d{4}-\d\d-\d\d)", value)
    if match:
        return match.group(1)
    for m in _DATE_TEXT.finditer(value):
        month = _months().get(m.group("m").lower())
        if not month:
            continue
        try:
            day = dt.date(int(m.group("y")), month, int(m.group("d")))
        except ValueError:
            continue
        if m.group("H"):
            tz = dt.timezone(dt.timedelta(hours=_TZ[m.group("tz").upper()])) if m.group("tz") else None
            try:
                return dt.datetime(
                    day.year, day.month, day.day, int(m.group("H")), int(m.group("M")), tzinfo=tz
                ).isoformat()
            except ValueError:
                pass
        return day.isoformat()
    m = _DATE_NUMERIC.search(value)
    if m:
        try:
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
        except ValueError:
            return None
    return None


def _types(node: dict) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def _walk_jsonld(data) -> list[dict]:
    out: list[dict] = []
    if isinstance(data, list):
        for item in data:
            out.extend(_walk_jsonld(item))
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            out.extend(_walk_jsonld(data["@graph"]))
    return out


def jsonld_article(root) -> dict | None:
    """The first JSON-LD node of an article type (NewsArticle, Article, BlogPosting ...), if any."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip(), strict=False)
        except ValueError:
            continue
        for node in _walk_jsonld(data):
            if _types(node) & ARTICLE_TYPES:
                return node
    return None


def _names(value) -> list[str]:
    """Person names from a JSON-LD author value (string, object, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str):
            names.extend(_split_names(name))
    return names


def _split_names(text: str) -> list[str]:
    out = []
    for part in re.split(r"\s*(?:,|;|&|\bdan\b|\band\b)\s*", htmlmod.unescape(text)):
        part = norm(part).strip(" .-")
        if (
            part
            and not part.startswith(("http://", "https://"))
            and part.lower() not in _NOT_NAMES
            and len(part) <= 60
        ):
            out.append(part)
    return out


def meta_tags(root) -> dict[str, str]:
    """<meta> property/name/itemprop to content, lowercase keys, first occurrence wins."""
    out: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            out.setdefault(key.strip().lower(), content.strip())
    return out


def _select_text(root, selector: str | None) -> tuple[str | None, object | None]:
    if not selector:
        return None, None
    for el in compile_css(selector)(root):
        value = el.get("datetime") or el.get("content") or norm(el.text_content())
        if value:
            return value, el
    return None, None


_SECOND_LEVEL = frozenset({"co", "go", "or", "ac", "web", "my", "sch", "net", "com", "desa", "mil", "ponpes"})


def _site_names(site: str | None, url: str) -> set[str]:
    """Lowercase names a title may end with: the outlet's name and the host's own label ('kompas')."""
    names = {site.lower()} if site else set()
    labels = urlsplit(url).netloc.lower().split(":")[0].split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        names.add(labels[-3])  # demakkab.go.id, tribunnews.co.id
    elif len(labels) >= 2:
        names.add(labels[-2])
    return {n for n in names if len(n) >= 2}


def _clean_title(title: str, site: str | None, split: bool = False, url: str = "") -> str:
    """A headline without the site name; a <title> (split=True) keeps its longest part around ' - ', ' | '."""
    title = norm(htmlmod.unescape(title))
    if site and title.lower().endswith(site.lower()) and len(title) > len(site) + 3:
        title = re.sub(r"\s*[-|–—:]\s*$", "", title[: -len(site)]).strip()
    names = _site_names(site, url)
    while True:  # 'Judul | DW | 10.06.2013', 'Judul - Kompas.com': drop trailing site tags and dates
        head, sep, tail = title.rpartition(" | ") if " | " in title else title.rpartition(" - ")
        low = tail.lower().strip()
        if not sep or len(tail) > 40 or not head.strip():
            break
        if any(n in low for n in names) or re.fullmatch(r"[\d./-]{6,10}", low):
            title = head.strip()
        else:
            break
    if split:
        parts = re.split(r"\s+[|–—]\s+|\s+-\s+", title)
        if len(parts) > 1:
            title = max(parts, key=len)
    return title


def _remove(el) -> None:
    """Remove an element, keeping the text that follows it."""
    if el.getparent() is not None:
        el.drop_tree()


def _text_len(el) -> int:
    return len(norm(el.text_content()))


def _link_len(el) -> int:
    return sum(len(norm(a.text_content())) for a in el.iter("a"))


_HOLDS_CONTENT = etree.XPath(
    './/article | .//main | .//*[@itemprop="articleBody"] | .//*[contains(@class, "content") or '
    'contains(@class, "entry") or contains(@class, "article") or contains(@class, "isi") or '
    'contains(@class, "detail") or contains(@class, "post-body")]'
)


def _holds_content(el, words: list[str]) -> bool:
    """Whether an element is or holds the article: <article>, <main>, articleBody or a content-named block."""
    if any(_CONTENT.search(w) for w in words):
        return True
    return bool(_HOLDS_CONTENT(el))


def strip_chrome(root, profile: Profile | None = None) -> None:
    """Remove scripts, navigation, share bars, related links, ads, captions and the profile's drops."""
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    if profile is not None:
        for selector in profile.drop:
            for el in compile_css(selector)(root):
                _remove(el)
    body = root.find("body")
    total = _text_len(body if body is not None else root) or 1
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "article", "main"):
            continue
        role = (el.get("role") or "").lower()
        if role in DROP_ROLES:
            doomed.append(el)
            continue
        words = f"{el.get('class') or ''} {el.get('id') or ''}".split()
        if not words or not any(_CHROME.search(w) for w in words if not _POST_CLASS.match(w)):
            continue
        if (el.get("itemprop") or "").lower() == "articlebody":
            continue
        # A wrapper named "with-sidebar" may still hold the article: keep big ones that hold content.
        if _text_len(el) > 0.3 * total and _holds_content(el, words):
            continue
        doomed.append(el)
    for el in doomed:
        _remove(el)


def _paragraph_len(el) -> int:
    """Length of the text an element holds directly (its text and the tails of its children)."""
    parts = [el.text or ""] + [c.tail or "" for c in el]
    return len(norm(" ".join(parts)))


def block_scores(root) -> dict:
    """Weight of each element as the holder of the article text: its paragraphs' length, less links."""
    scores: dict[object, float] = {}
    for el in root.iter("p", "pre", "blockquote", "div", "td", "section", "li"):
        if el.tag in ("p", "pre", "blockquote", "li"):
            n = _text_len(el)
            if n < 25 or (el.tag == "li" and n < 80):
                continue
        else:
            n = _paragraph_len(el)
            if n < 25:
                continue
            if any(isinstance(c.tag, str) and (c.tag in _BLOCK_LEAF or c.tag in _CONTAINER) for c in el) or \
                    sum(1 for c in el if c.tag == "br") >= 1:
                if n >= 80:  # text runs between <br> or blocks: the element holds the text itself
                    scores[el] = scores.get(el, 0.0) + n
                continue
            # a <div> with only inline content is a paragraph: it weighs for its parent, as a <p> does
        weight = n * (1.0 - min(1.0, _link_len(el) / max(n, 1)))
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + weight
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + weight / 2
    return scores


def main_block(root):
    """The element holding the article text: the one whose paragraphs weigh most, less its links."""
    scores = block_scores(root)
    if not scores:
        body = root.find("body")
        return body if body is not None else root
    return max(scores, key=lambda e: scores[e])


def main_blocks(root) -> list:
    """The main text block and the siblings that continue it (text split by ad slots, a lead paragraph)."""
    scores = block_scores(root)
    if not scores:
        return [main_block(root)]
    best = max(scores, key=lambda e: scores[e])
    parent = best.getparent()
    if parent is None or best not in scores:
        return [best]
    out = []
    floor = max(0.3 * scores[best], 150.0)
    for sib in parent:
        if sib is best:
            out.append(sib)
        elif not isinstance(sib.tag, str):
            continue
        elif scores.get(sib, 0.0) >= floor and sib.tag == best.tag:
            out.append(sib)
        elif sib.tag == "p" or (sib.tag == "div" and not any(
                isinstance(c.tag, str) and (c.tag in _BLOCK_LEAF or c.tag in _CONTAINER) for c in sib)):
            # a paragraph, or a <div> used as one (Blogger writes each paragraph as <div style=...>)
            n = _text_len(sib)
            if n >= 100 and _link_len(sib) < 0.2 * n:
                out.append(sib)
    return out


def blocks(el) -> list[str]:
    """The text of an element as paragraphs, in order: each block element and <br>-separated run."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = norm("".join(buf))
        buf.clear()
        if text:
            out.append(text)

    def inline(node) -> None:
        if not isinstance(node.tag, str):
            return
        if node.tag == "br":
            flush()
        elif node.tag in _BLOCK_LEAF or node.tag in _CONTAINER:
            walk(node)
            return
        else:
            buf.append(node.text or "")
            for child in node:
                inline(child)
                buf.append(child.tail or "")
            return

    def walk(node) -> None:
        flush()
        buf.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                if child.tag in _BLOCK_LEAF or child.tag in _CONTAINER:
                    walk(child)
                else:
                    inline(child)
            buf.append(child.tail or "")
        flush()

    walk(el)
    return out


def clean_blocks(paragraphs: list[str], title: str | None = None) -> tuple[list[str], list[str]]:
    """Paragraphs without chrome lines ('Baca juga', share, ads) and credits: (kept, reporter names)."""
    kept: list[str] = []
    authors: list[str] = []
    seen: set[str] = set()
    for para in paragraphs:
        short = len(para) <= 80
        if _CHROME_LINE.match(para) or (short and (_DATE_LINE.match(para) or _PAGER_LINE.match(para))):
            continue
        report = _REPORT_LINE.match(para) if len(para) < 120 else None
        if report:
            authors.extend(_split_names(report.group("names")))
            continue
        credits = list(_CREDIT.finditer(para)) if ":" in para else []
        if credits:
            rest = _CREDIT.sub("", para)
            if len(re.sub(r"[\W_]+", "", rest)) <= 3:  # a line made only of credits
                for m in credits:
                    if m.group("role").lower() in _AUTHOR_ROLES:
                        authors.extend(_split_names(m.group("names")))
                continue
        if title and para.strip().lower() == title.strip().lower():
            continue
        if para in seen:
            continue
        seen.add(para)
        kept.append(para)
    while kept and (end := _END_CREDIT.search(kept[-1])):  # credits at the end of the story go to authors
        if end["paren"]:
            authors.extend(p.strip() for p in end["paren"].split("/") if p.strip())
        else:
            authors.extend(n for m in _CREDIT.finditer(end["roles"]) for n in _split_names(m.group("names")))
        rest = kept[-1][: end.start()].rstrip()
        if rest:
            kept[-1] = rest
        else:
            kept.pop()
    return kept, authors


def _drop_link_lists(el) -> None:
    """Remove paragraphs and list items inside the body that are mostly links (related-article lists)."""
    doomed = []
    for node in el.iter("p", "li", "ul", "ol", "div"):
        n = _text_len(node)
        if n == 0:
            continue
        if n < 300 and _link_len(node) / n > 0.6:
            doomed.append(node)
    for node in doomed:
        _remove(node)


def body_text(fragment: str, title: str | None = None) -> tuple[str, list[str]]:
    """Clean text of an article body given as HTML (e.g. the WordPress REST API's content.rendered)."""
    root = parse_html(f"<html><body><div>{fragment}</div></body></html>")
    strip_chrome(root)
    body = root.find("body")
    _drop_link_lists(body)
    kept, authors = clean_blocks(blocks(body), title)
    return "\n".join(kept), authors


def next_pages(root, url: str, profile: Profile | None = None) -> list[str]:
    """Further pages of a split article ('Halaman 2', ?page=2, /2/), in page order."""
    parts = urlsplit(url)
    base_path = re.sub(r"/\d{1,3}/?$", "", parts.path.rstrip("/")) or "/"
    current_query = dict(parse_qsl(parts.query))
    anchors = compile_css(profile.next_page)(root) if profile and profile.next_page else root.iter("a")
    found: dict[int, str] = {}
    for a in anchors:
        href = a.get("href")
        if not href or not _PAGE_HREF.search(href):
            continue
        target = urljoin(url, href.strip())
        tp = urlsplit(target)
        if tp.netloc.lower() != parts.netloc.lower():
            continue
        number = None
        m = re.fullmatch(re.escape(base_path.rstrip("/")) + r"/(\d{1,3})/?", tp.path)
        if m and not tp.query:
            number = int(m.group(1))
        elif tp.path.rstrip("/") == parts.path.rstrip("/") or tp.path.rstrip("/") == base_path.rstrip("/"):
            query = dict(parse_qsl(tp.query))
            keys = _PAGE_KEYS & set(query)
            others = {k: v for k, v in query.items() if k not in _PAGE_KEYS}
            base_others = {k: v for k, v in current_query.items() if k not in _PAGE_KEYS}
            if len(keys) == 1 and others == base_others and query[next(iter(keys))].isdigit():
                number = int(query[next(iter(keys))])
        if number is not None and number >= 2 and target.split("#")[0] != url:
            found.setdefault(number, target.split("#")[0])
    return [found[n] for n in sorted(found)]


_SINGLE_KEYS = {"page": "all", "halaman": "all", "hal": "all", "single": "1", "showall": "1", "show_all": "1"}


def single_page(root, url: str) -> str | None:
    """The 'show all' view of a split article (?page=all, ?single=1), when the page links to one."""
    parts = urlsplit(url)
    for a in root.iter("a"):
        href = a.get("href") or ""
        if "=" not in href or not any(k + "=" in href.lower() for k in _SINGLE_KEYS):
            continue
        target = urljoin(url, href.strip()).split("#")[0]
        tp = urlsplit(target)
        if tp.netloc.lower() != parts.netloc.lower() or tp.path.rstrip("/") != parts.path.rstrip("/"):
            continue
        query = {k.lower(): v.lower() for k, v in parse_qsl(tp.query)}
        if any(query.get(k) == v for k, v in _SINGLE_KEYS.items()) and target != url:
            return target
    return None


# Class names of headline elements on sites without <h1> or metadata ("judul" is Indonesian for title).
_HEADLINE_CLASS = re.compile(r"judul|headline|title", re.I)
_CHROME_TAGS = {"nav", "aside", "footer", "header"}


def _headline_el(root):
    """The first heading-like element (an <h2>, or an element classed "judul"/"title") of four words or more."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in {"title", "head", "meta", "script", "style", "a"}:
            continue
        if el.tag != "h2" and not _HEADLINE_CLASS.search(el.get("class") or ""):
            continue
        if any(a.tag in _CHROME_TAGS for a in el.iterancestors()):
            continue
        if 4 <= len(norm(el.text_content()).split()) <= 30:
            return el
    return None


def headline_element(root) -> str | None:
    """The headline of a page without <h1> or metadata, from an <h2> or an element classed "judul"/"title".

    Pages of regional government sites often have neither <h1> nor metadata, and their <title> is the
    site's name; their headline sits in <h2> or <div class="judul">. Box headings ("Berita Lainnya")
    are shorter, and anything inside navigation, sidebars, headers and footers is passed over.
    """
    el = _headline_el(root)
    return norm(el.text_content()) if el is not None else None


def _date_after_headline(root) -> str | None:
    """A date written in the first lines after the headline ("Diposting: Rabu, 10 Agustus 2022 | ...")."""
    head = next((h for h in root.iter("h1") if norm(h.text_content())), None)
    if head is None:
        head = _headline_el(root)
    if head is None:
        return None
    following = norm(" ".join(head.xpath("following::text()[normalize-space()][position() <= 12]")))
    return parse_date(following[:300])


def extract(
    html: str,
    url: str,
    profile: Profile | None = None,
    available: tuple[Profile, ...] | None = None,
    min_chars: int = 150,
) -> Extracted:
    """Read an article page: metadata first (profile by host, JSON-LD, meta, <time>), then the main text."""
    root = parse_html(html)
    if profile is None:
        profile = sites.for_page(url, root, available)
    host_profile = profile if profile is not None and profile.hosts else None
    out = Extracted(url=url, profile=profile.id if profile else None)
    ld = jsonld_article(root) or {}
    meta = meta_tags(root)
    tag = f"profile:{profile.id}" if profile else "profile"

    canonical = next(
        (
            link.get("href")
            for link in root.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")
        ),
        None,
    )
    canonical = canonical or meta.get("og:url") or (ld.get("url") if isinstance(ld.get("url"), str) else None)
    out.canonical_url = urljoin(url, canonical) if canonical else None
    lang = root.get("lang") or meta.get("og:locale")
    out.language = lang.split("-")[0].split("_")[0].lower() if lang else None
    publisher = ld.get("publisher") if isinstance(ld.get("publisher"), dict) else {}
    out.source = (
        (host_profile.name if host_profile and host_profile.name else None)
        or meta.get("og:site_name")
        or (publisher.get("name") if isinstance(publisher.get("name"), str) else None)
    )
    description = meta.get("description") or meta.get("og:description") or ld.get("description")
    out.description = norm(htmlmod.unescape(description)) if isinstance(description, str) else None

    def choose(name: str, candidates: list[tuple[str, object]]) -> object:
        for source, value in candidates:
            if callable(value):  # costly fallbacks are looked for only when needed
                value = value()
            if value:
                out.provenance[name] = source
                return value
        return None

    # Title
    prof_title = _select_text(root, profile.title)[0] if profile else None
    h1 = next((norm(h.text_content()) for h in root.iter("h1") if norm(h.text_content())), None)
    html_title = root.find(".//title")
    page_title = None
    if html_title is not None:
        page_title = _clean_title(html_title.text_content(), out.source, split=True, url=url)
    ld_title = ld.get("headline") or ld.get("name")
    candidates = [
        ("json-ld", ld_title if isinstance(ld_title, str) else None),
        ("meta", meta.get("og:title") or meta.get("twitter:title")),
        ("fallback", h1),
        ("fallback", lambda: headline_element(root)),
        ("fallback", page_title),
    ]
    candidates.insert(0 if host_profile else 2, (tag, prof_title))
    title = choose("title", candidates)
    out.title = _clean_title(str(title), out.source, url=url) if title else None

    # Dates
    prof_date = parse_date(_select_text(root, profile.published)[0]) if profile else None
    time_el = next((t for t in root.iter("time") if t.get("datetime")), None)
    time_date = parse_date(time_el.get("datetime")) if time_el is not None else None
    meta_date = next(
        (
            parse_date(meta[k])
            for k in (
                "article:published_time",
                "og:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "dc.date.issued",
                "dc.date",
                "date",
                "parsely-pub-date",
            )
            if k in meta and parse_date(meta[k])
        ),
        None,
    )
    ld_date = parse_date(ld.get("datePublished")) if isinstance(ld.get("datePublished"), str) else None
    candidates = [
        ("json-ld", ld_date),
        ("meta", meta_date),
        ("fallback", time_date),
        ("fallback", lambda: _date_in_chrome(root)),
        ("fallback", lambda: _date_after_headline(root)),
    ]
    candidates.insert(0 if host_profile else 2, (tag, prof_date))
    out.published = choose("published", candidates)
    modified = (
        ld.get("dateModified")
        if isinstance(ld.get("dateModified"), str)
        else meta.get("article:modified_time")
    )
    out.modified = parse_date(modified) if modified else None

    # Authors (before chrome removal: bylines sit in headers)
    prof_authors: list[str] = []
    if profile and profile.author:
        for el in compile_css(profile.author)(root):
            prof_authors.extend(_split_names(norm(el.text_content())))
    ld_authors = _names(ld.get("author")) if ld.get("author") else []
    meta_authors = (
        [] if (meta.get("author") or "").startswith("http") else _split_names(meta.get("author") or "")
    )
    if not meta_authors and meta.get("article:author") and not meta["article:author"].startswith("http"):
        meta_authors = _split_names(meta["article:author"])
    byline = [
        n
        for el in root.xpath('//*[@rel="author" or @itemprop="author"]')
        for n in _split_names(norm(el.text_content()))
    ][:3]
    candidates = [("json-ld", ld_authors), ("meta", meta_authors), ("fallback", byline)]
    candidates.insert(0 if host_profile else 2, (tag, prof_authors))
    authors = choose("authors", candidates) or []

    # Further pages, before the pagination links go with the chrome
    out.next_pages = next_pages(root, url, profile)
    out.single_page_url = single_page(root, url) if out.next_pages else None

    # Body
    body_el = None
    if profile and profile.body:
        found = compile_css(profile.body)(root)
        body_el = found[0] if found else None
    strip_chrome(root, profile)
    if body_el is not None and body_el.getroottree().getroot() is root and _text_len(body_el) > 0:
        out.provenance["text"] = tag
        parts = [body_el]
    else:
        parts = main_blocks(root)
        out.provenance["text"] = "fallback"
    out.link_density = sum(_link_len(p) for p in parts) / max(sum(_text_len(p) for p in parts), 1)
    for part in parts:
        _drop_link_lists(part)
    kept, credited = clean_blocks([b for part in parts for b in blocks(part)], out.title)
    text = "\n".join(kept)
    ld_body = ld.get("articleBody")
    if isinstance(ld_body, str) and len(ld_body) > max(1.5 * len(text), 150):
        # the page shows little of it (rendered by script, or cut short): JSON-LD holds the article
        paras = [norm(p) for p in htmlmod.unescape(ld_body).splitlines()]
        text = "\n".join(clean_blocks([p for p in paras if p], out.title)[0])
        out.provenance["text"] = "json-ld"
        out.link_density = 0.0
    if len(text) < min_chars or out.link_density > 0.5:
        text = ""
    out.text = text
    for name in credited:
        if name.lower() not in {a.lower() for a in authors}:
            authors = [*authors, name]
            out.provenance.setdefault("authors", "fallback")
    out.authors = list(dict.fromkeys(authors))
    return out


def _date_in_chrome(root) -> str | None:
    """A date written in a byline or date element ('Selasa, 11 Oktober 2022 - 10:15 WIB')."""
    for el in root.xpath(
        '//*[contains(@class,"date") or contains(@class,"tanggal") or contains(@class,"time")'
        ' or contains(@class,"posted") or contains(@class,"meta") or contains(@class,"waktu")'
        ' or contains(@class,"tgl")]'
    ):
        text = norm(el.text_content())
        if 6 <= len(text) <= 200:
            found = parse_date(text)
            if found:
                return found
    return None
