"""Render review pages with Jinja2: records and article text in, self-contained HTML out."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..crosscheck import Finding
from ..output import write_text
from ..records import ArticleFacts, Check, Fact

# Kinds in the order the panel lists them, with the label a reader sees.
KINDS: dict[str, str] = {
    "officials": "Officials",
    "places": "Places",
    "dates": "Dates",
    "partners": "Partners",
    "clusters": "Clusters",
    "events": "Events",
    "figures": "Figures",
    "quotes": "Quotes",
}
STATUS_ORDER = {"mismatch": 0, "unverifiable": 1, "ok": 2}


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment: templates from the package, every value escaped."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("berita_extract.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.cache
def script() -> tuple[str, str]:
    """The page script and its CSP hash: only this script may run, never one from an article."""
    env = environment()
    source = env.loader.get_source(env, "page.js")[0]
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return source, f"sha256-{digest}"


def _common() -> dict:
    source, digest = script()
    return {
        "script": source,
        "script_hash": digest,
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


@dataclass
class MarkRef:
    """One highlight element: the mention it belongs to and how it looks."""

    kind: str
    fid: str
    mid: str
    rule: str
    status: str = ""
    first: bool = False


@dataclass
class Segment:
    """A run of text covered by the same mentions (outermost first)."""

    text: str
    marks: list[MarkRef] = field(default_factory=list)


@dataclass
class FactView:
    """A fact as the panel and the hover card show it."""

    fid: str
    kind: str
    label: str
    sub: str
    details: list[tuple[str, str]]
    mids: list[str]


def _fmt_number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:,}".replace(",", "_").replace(".", ",").replace("_", ".")


def _details(kind: str, fact: Fact) -> tuple[str, str, list[tuple[str, str]]]:
    """Label, one-line summary and the labelled details of a fact."""
    d = fact.model_dump(exclude={"mentions"})
    rows: list[tuple[str, str | None]]
    if kind == "officials":
        label, sub = d["name"], d["title"]
        rows = [
            ("Name", d["name"]),
            ("Title", d["title"]),
            ("Role", d["role"]),
            ("Jurisdiction", d["jurisdiction"]),
            ("Organisation", d["organization"]),
        ]
    elif kind == "places":
        code = f" · {d['code']}" if d["code"] else ""
        label, sub = d["name"], f"{d['level']}{code}"
        rows = [
            ("Name", d["name"]),
            ("Level", d["level"]),
            ("Kemendagri code", d["code"]),
            ("Within", d["within"]),
        ]
    elif kind == "dates":
        value = d["value"]
        label, sub = value.isoformat(), d["text"]
        rows = [("ISO date", value.isoformat()), ("Weekday", value.strftime("%A")), ("As written", d["text"])]
    elif kind == "partners":
        label, sub = d["name"], d["kind"] or ""
        rows = [("Name", d["name"]), ("Kind", d["kind"])]
    elif kind == "clusters":
        members = (
            f"{d['member_count']} {d['member_unit'] or ''}".strip() if d["member_count"] is not None else None
        )
        label, sub = d["name"], members or "member count not stated"
        rows = [("Name", d["name"]), ("As written", d["label"]), ("Members", members), ("Place", d["place"])]
    elif kind == "events":
        date = d["date"].isoformat() if d["date"] else None
        label, sub = d["name"], " · ".join(x for x in (date, d["venue"]) if x)
        rows = [("Name", d["name"]), ("Date", date), ("Venue", d["venue"]), ("Organiser", d["organizer"])]
    elif kind == "figures":
        value = _fmt_number(d["value"])
        label = f"Rp{value}" if d["unit"] == "Rp" else f"{value} {d['unit'] or ''}".strip()
        sub = d["counts"] or d["text"]
        rows = [
            ("Value", value),
            ("Unit", d["unit"]),
            ("Counts", d["counts"]),
            ("As written", d["text"]),
            ("Approximate", "yes" if d.get("approximate") else None),
        ]
    else:
        text = d["text"]
        label = f"“{text[:70]}…”" if len(text) > 70 else f"“{text}”"
        sub = d["speaker"] or "speaker unknown"
        words = text if len(text) <= 240 else text[:238].rsplit(" ", 1)[0] + " …"
        rows = [("Speaker", d["speaker"]), ("Words", words)]
    return label, sub, [(k, str(v)) for k, v in rows if v not in (None, "")]


def heading(facts: ArticleFacts, text: str | None) -> str:
    """The article's title, else its first sentence cut to a headline's length, else its id."""
    if facts.article.title:
        return facts.article.title
    first = " ".join((text or "").split()[:40])
    first = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if not first:
        return facts.article.id
    return first if len(first) <= 90 else first[:88].rsplit(" ", 1)[0] + " …"


def _placed(mention, text: str) -> bool:
    return 0 <= mention.start < mention.end <= len(text) and text[mention.start : mention.end] == mention.text


def _segments(text: str, marks: list[tuple[int, int, MarkRef]]) -> list[Segment]:
    """Split the text at every mention boundary; each piece carries the mentions covering it.

    Nested mentions become nested elements; crossing mentions are split into several elements
    sharing one data-mid, so every mention stays fully highlighted.
    """
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    ordered = sorted(marks, key=lambda m: (m[0], -m[1]))
    segments: list[Segment] = []
    opened: set[str] = set()
    active: list[tuple[int, int, MarkRef]] = []  # a sweep: only the mentions open at this cut
    nxt = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m[1] > a]
        while nxt < len(ordered) and ordered[nxt][0] <= a:
            if ordered[nxt][1] > a:
                active.append(ordered[nxt])
            nxt += 1
        active.sort(key=lambda m: (m[0], -m[1]))
        covering = []
        for _, _, ref in active:
            first = ref.mid not in opened
            opened.add(ref.mid)
            covering.append(MarkRef(ref.kind, ref.fid, ref.mid, ref.rule, ref.status, first))
        if segments and not covering and not segments[-1].marks:
            segments[-1].text += text[a:b]
        else:
            segments.append(Segment(text[a:b], covering))
    return segments


def _sorted_checks(checks: Sequence[Check]) -> list[tuple[int, Check]]:
    return sorted(enumerate(checks), key=lambda ic: (STATUS_ORDER[ic[1].status], ic[0]))


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable: a javascript: URL from an input must not run."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def article_context(
    facts: ArticleFacts,
    text: str,
    findings: Sequence[Finding] = (),
    pages: dict[str, str] | None = None,
    index: str | None = None,
) -> dict:
    """Everything the article template needs, computed from one record and its text."""
    facts_view: dict[str, list[FactView]] = {}
    marks: list[tuple[int, int, MarkRef]] = []
    unplaced: list[str] = []
    jump: dict[str, str] = {}
    data: dict[str, dict] = {}
    for kind in KINDS:
        views = []
        for i, fact in enumerate(getattr(facts, kind)):
            fid = f"{kind}-{i}"
            label, sub, details = _details(kind, fact)
            mids = []
            for j, mention in enumerate(fact.mentions):
                mid = f"{fid}-{j}"
                if not _placed(mention, text):
                    unplaced.append(
                        f"{KINDS[kind]}: {label} ({mention.start}–{mention.end}, “{mention.text}”)"
                    )
                    continue
                mids.append(mid)
                jump.setdefault(f"{mention.start}-{mention.end}", fid)
                marks.append((mention.start, mention.end, MarkRef(kind, fid, mid, mention.rule)))
                data.setdefault("rules", {})[mid] = mention.rule
            views.append(FactView(fid, kind, label, sub, details, mids))
            data.setdefault("facts", {})[fid] = {
                "kind": kind,
                "kindLabel": KINDS[kind],
                "label": label,
                "details": details,
            }
        facts_view[kind] = views
    checks = []
    for i, check in _sorted_checks(facts.checks):
        fid = f"checks-{i}"
        mids = []
        for j, mention in enumerate(check.mentions):
            if not _placed(mention, text):
                unplaced.append(f"Check {check.kind}: ({mention.start}–{mention.end}, “{mention.text}”)")
                continue
            mid = f"{fid}-{j}"
            mids.append(mid)
            marks.append(
                (mention.start, mention.end, MarkRef("checks", fid, mid, mention.rule, check.status))
            )
            data.setdefault("rules", {})[mid] = mention.rule
        checks.append({"fid": fid, "check": check, "mids": mids})
        data.setdefault("facts", {})[fid] = {
            "kind": "checks",
            "kindLabel": f"Check · {check.status}",
            "label": check.kind,
            "details": [("Message", check.message)],
        }
    meta = facts.article
    own = [f for f in findings if meta.id in f.articles()]
    return {
        "meta": meta,
        "heading": heading(facts, text),
        "url": _safe_url(meta.url),
        "segments": _segments(text, marks),
        "kinds": KINDS,
        "facts": facts_view,
        "checks": checks,
        "failed": sum(c.status == "mismatch" for c in facts.checks),
        "findings": sorted(own, key=lambda f: STATUS_ORDER[f.status]),
        "pages": pages or {},
        "index": index,
        "unplaced": unplaced,
        "jump": jump,
        "data": data,
        **_common(),
    }


def render_article(
    facts: ArticleFacts,
    text: str,
    findings: Sequence[Finding] = (),
    pages: dict[str, str] | None = None,
    index: str | None = None,
) -> str:
    """The review page of one article as a self-contained HTML document."""
    context = article_context(facts, text, findings, pages, index)
    return environment().get_template("article.html.j2").render(**context)


def render_index(
    records: Sequence[ArticleFacts],
    pages: dict[str, str],
    findings: Sequence[Finding] = (),
    errors: Sequence[str] = (),
    headings: dict[str, str] | None = None,
) -> str:
    """The index page: one row per article with counts per kind and failed checks, sortable."""
    rows = []
    for facts in records:
        failed = [c for c in facts.checks if c.status == "mismatch"]
        cross = [f for f in findings if f.status == "mismatch" and facts.article.id in f.articles()]
        rows.append(
            {
                "meta": facts.article,
                "heading": (headings or {}).get(facts.article.id) or heading(facts, None),
                "page": pages.get(facts.article.id),
                "counts": {kind: len(getattr(facts, kind)) for kind in KINDS},
                "failed": failed,
                "unverifiable": sum(c.status == "unverifiable" for c in facts.checks),
                "cross": cross,
            }
        )
    return (
        environment()
        .get_template("index.html.j2")
        .render(
            rows=rows,
            kinds=KINDS,
            findings=sorted(findings, key=lambda f: STATUS_ORDER[f.status]),
            pages=pages,
            errors=list(errors),
            total_failed=sum(len(r["failed"]) for r in rows),
            **_common(),
        )
    )


def page_name(article_id: str, taken: set[str]) -> str:
    """A safe, unique file name for an article's page ('a/b c' -> 'a_b_c.html')."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", article_id).strip("._") or "article"
    stem = stem[:120]
    name, n = f"{stem}.html", 2
    while name.lower() in taken or name.lower() == "index.html":
        name, n = f"{stem}-{n}.html", n + 1
    taken.add(name.lower())
    return name


def write_report(
    items: Sequence[tuple[ArticleFacts, str]],
    out: str | Path,
    findings: Sequence[Finding] = (),
    errors: Sequence[str] = (),
) -> list[Path]:
    """Write the pages: one file when ``out`` ends in .html (one article), else a folder with index.html."""
    out = Path(out)
    if out.suffix.lower() in {".html", ".htm"}:
        if len(items) != 1:
            raise ValueError(f"{out}: {len(items)} articles need a folder, not one .html file")
        facts, text = items[0]
        write_text(out, render_article(facts, text, findings))
        return [out]
    taken: set[str] = set()
    pages = {facts.article.id: page_name(facts.article.id, taken) for facts, _ in items}
    written = []
    for facts, text in items:
        path = out / pages[facts.article.id]
        write_text(path, render_article(facts, text, findings, pages, index="index.html"))
        written.append(path)
    index = out / "index.html"
    headings = {f.article.id: heading(f, t) for f, t in items}
    write_text(index, render_index([f for f, _ in items], pages, findings, errors, headings))
    written.append(index)
    return written
