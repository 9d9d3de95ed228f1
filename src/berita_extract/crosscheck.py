"""Checks across articles: one cluster, programme or official reported differently by different articles."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from .figure_checks import KeyedFigure, keyed_figures, member_count, say, sentence_at
from .records import ArticleFacts, Span, Status

KINDS = ("cross_member_count", "cross_figure", "cross_title")


class Citation(BaseModel):
    """One article's side of a finding: what it says and the sentence it says it in."""

    model_config = ConfigDict(extra="forbid")

    article: str = Field(description="Id of the article.")
    source: str | None = Field(default=None, description="Outlet of the article, when known.")
    title: str | None = Field(default=None, description="Headline of the article, when known.")
    published: dt.date | None = Field(
        default=None, description="Publication date of the article, when known."
    )
    value: str = Field(description="What this article says ('20 perajin', 'Wakil Bupati Grobogan').")
    sentence: str = Field(description="The sentence it is said in, quoted from the article.")
    mention: Span = Field(description="Where in that article's text.")


class Finding(BaseModel):
    """A check across articles, with the articles and sentences it rests on."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="cross_member_count, cross_figure or cross_title.")
    status: Status = Field(description="ok when the articles agree, mismatch when they do not.")
    subject: str = Field(description="What the articles report on ('Klaster Batik Tulis Sidorejo').")
    message: str = Field(description="A paragraph a journalist can paste: the finding and the quotes.")
    citations: list[Citation] = Field(min_length=2)

    def articles(self) -> list[str]:
        """Ids of the articles cited, in order, without repeats."""
        return list(dict.fromkeys(c.article for c in self.citations))


def normalise(name: str) -> str:
    """A name for matching: lowercase, no accents or punctuation, no group word, single spaces."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).lower()
    name = re.sub(r"[’'`]", "", name)
    name = re.sub(r"[^\w]+", " ", name)
    name = re.sub(r"^(?:klaster|kluster|cluster|sentra)\s+", "", name.strip())
    return " ".join(name.split())


def _sentence(text: str | None, span: Span) -> str:
    if not text or span.end > len(text) or text[span.start : span.end] != span.text:
        return span.text
    start, end = sentence_at(text, span.start, span.end)
    return " ".join(text[start:end].split())


@dataclass
class _Said:
    """One article's claim about a subject, before claims are compared."""

    facts: ArticleFacts
    text: str | None
    value: object
    shown: str
    mention: Span
    approximate: bool = False

    def citation(self) -> Citation:
        meta = self.facts.article
        return Citation(
            article=meta.id,
            source=meta.source,
            title=meta.title,
            published=meta.published,
            value=self.shown,
            sentence=_sentence(self.text, self.mention),
            mention=self.mention,
        )


def _who(c: Citation) -> str:
    when = f", {c.published.isoformat()}" if c.published else ""
    return f"{c.source} ({c.article}{when})" if c.source else f"{c.article}{when and f' ({when[2:]})'}"


def _finding(kind: str, subject: str, said: list[_Said], what: str, tolerance: float = 0.0) -> Finding | None:
    """Compare one subject's claims from two or more articles; None when only one article speaks."""
    return _compare(kind, subject, said, what, f"{what}s", tolerance)


def _compare(
    kind: str, subject: str, said: list[_Said], what: str, whats: str, tolerance: float
) -> Finding | None:
    """Compare claims about one subject; agree within a relative tolerance for approximate figures."""
    if len({s.facts.article.id for s in said}) < 2:
        return None
    citations = [s.citation() for s in said]
    values = [s.value for s in said]
    if tolerance and all(isinstance(v, (int, float)) for v in values):
        agree = max(values) - min(values) <= tolerance * max(values)
    else:
        agree = len(set(values)) == 1
    quotes = " ".join(f"{_who(c)}: “{c.sentence}”" for c in citations)
    if agree:
        message = f"{len(citations)} articles give {subject} the same {what} ({citations[0].value}). {quotes}"
        status = "ok"
    else:
        versions = "; ".join(f"{c.value} in {_who(c)}" for c in citations)
        message = f"Articles give {subject} different {whats}: {versions}. {quotes}"
        status = "mismatch"
    return Finding(kind=kind, status=status, subject=subject, message=message, citations=citations)


def _member_counts(items: Sequence[tuple[ArticleFacts, str | None]]) -> list[Finding]:
    """The same cluster (name and place) with its member count in different articles."""
    groups: dict[str, list[tuple[_Said, str | None, str]]] = {}
    for facts, text in items:
        for cluster in facts.clusters:
            count = member_count(cluster, facts.clusters, text) if text else cluster.member_count
            if count is None:
                continue
            unit = f" {cluster.member_unit}" if cluster.member_unit else ""
            said = _Said(facts, text, count, f"{count}{unit}", cluster.mentions[0])
            place = normalise(cluster.place) if cluster.place else None
            groups.setdefault(normalise(cluster.name), []).append((said, place, cluster.label))
    findings = []
    for entries in groups.values():
        places = {p for _, p, _ in entries if p}
        # Two clusters of one name in different places are different clusters.
        buckets = (
            [[e for e in entries if e[1] in (p, None)] for p in places] if len(places) > 1 else [entries]
        )
        for bucket in buckets:
            label = bucket[0][2]
            finding = _finding("cross_member_count", label, [s for s, _, _ in bucket], "member count")
            if finding:
                findings.append(finding)
    return findings


def _titles(items: Sequence[tuple[ArticleFacts, str | None]]) -> list[Finding]:
    """The same official given different roles by different articles."""
    groups: dict[str, list[_Said]] = {}
    names: dict[str, str] = {}
    for facts, text in items:
        for official in facts.officials:
            key = normalise(official.name)
            names.setdefault(key, official.name)
            groups.setdefault(key, []).append(
                _Said(facts, text, official.role, official.title, official.mentions[0])
            )
    findings = []
    for key, said in groups.items():
        finding = _finding("cross_title", names[key], said, "title")
        if finding:
            findings.append(finding)
    return findings


_PROGRAMME_RE = re.compile(r"\b(?:Program|Gerakan|Festival|Gelar|Pameran|Bazar)\s+(?:[A-Z0-9][\w-]*\s?){1,5}")


class _Subjects:
    """What an article's figures can be about: named events and clusters by position, and its programme."""

    def __init__(self, facts: ArticleFacts, text: str) -> None:
        self.text = text
        named = sorted((m.start, m.end, f.name) for f in [*facts.events, *facts.clusters] for m in f.mentions)
        self.spans = named
        self.starts = [s for s, _, _ in named]
        self.only_event = facts.events[0].name if len(facts.events) == 1 else None
        # An article about one named programme or festival: its figures are that programme's.
        programmes = {normalise(m.group(0)): m.group(0).strip() for m in _PROGRAMME_RE.finditer(text)}
        self.only_programme = next(iter(programmes.values())) if len(programmes) == 1 else None

    def of(self, figure: KeyedFigure) -> str | None:
        """The event, cluster or programme named in the figure's sentence, else the article's only one."""
        start, end = figure.sentence
        k = bisect.bisect_left(self.starts, start)
        if k < len(self.spans) and self.spans[k][1] <= end:
            return self.spans[k][2]
        m = _PROGRAMME_RE.search(self.text, start, end)
        if m:
            return m.group(0).strip()
        return self.only_event or self.only_programme


def _figures(items: Sequence[tuple[ArticleFacts, str | None]]) -> list[Finding]:
    """The same programme's amount or participant count given differently by different articles."""
    groups: dict[tuple[str, str], list[_Said]] = {}
    subjects: dict[tuple[str, str], str] = {}
    for facts, text in items:
        if not text:
            continue
        seen: set[tuple[str, str]] = set()
        subjects_of = _Subjects(facts, text)
        for figure in keyed_figures(text):
            subject = subjects_of.of(figure)
            if subject is None:
                continue
            key = (normalise(subject), figure.key)
            if key in seen:
                continue  # one claim per article: repeats inside an article are figure_checks' job
            seen.add(key)
            subjects.setdefault(key, subject)
            n = figure.number
            mention = n.span(text, "cross-figure")
            groups.setdefault(key, []).append(
                _Said(facts, text, n.value, say(text, n), mention, n.approximate)
            )
    findings = []
    for key, said in groups.items():
        what, whats = (
            ("number of participants", "numbers of participants")
            if key[1] == "peserta"
            else (f"amount of {key[1]}", f"amounts of {key[1]}")
        )
        # "sekitar 200 peserta" agrees with 190 but not with 150.
        tolerance = 0.1 if any(s.approximate for s in said) else 0.0
        finding = _compare("cross_figure", subjects[key], said, what, whats, tolerance)
        if finding:
            findings.append(finding)
    return findings


def cross_checks(items: Iterable[tuple[ArticleFacts, str | None]]) -> list[Finding]:
    """Findings across articles, mismatches first; each item is a record and its article text (or None)."""
    items = list(items)
    findings = [*_member_counts(items), *_figures(items), *_titles(items)]
    order = {"mismatch": 0, "unverifiable": 1, "ok": 2}
    return sorted(findings, key=lambda f: (order[f.status], f.kind, f.subject))
