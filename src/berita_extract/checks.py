"""Consistency checks within an article: stated totals against listed items, sums, weekdays against dates."""

from __future__ import annotations

import datetime as dt
import functools
import re

from .components.numbers import measure_units, parse_number, parse_number_words, written_number
from .components.textutil import CAP, fold
from .figure_checks import extra_checks
from .lexicon import rows, word_class
from .records import ArticleFacts, Check, Span

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
ITEM = rf"{CAP}(?:[ \t]+{CAP})*"
# "tiga wilayah, yaitu Cilegon di Banten, Batulicin ..., dan Morowali": a stated count, then its items.
# Words before a count that make it approximate ("sedikitnya 25 kelompok tani").
APPROXIMATE = re.compile(
    r"(?:sedikitnya|setidaknya|sekitar|lebih dari|hampir|kurang lebih|paling sedikit)[ \t]*$", re.I
)
# What follows a count that lists its items: "3 klaster yang meliputi", "lima KUB, yaitu".
LIST_CUE = re.compile(r"[^.\n]{0,40}?(?:meliputi|yaitu|yakni|adalah|antara lain|di antaranya|terdiri|:)")
SUM_CUE = re.compile(r"(?:terdiri (?:dari|atas)|rinciannya(?: adalah)?|meliputi|masing-masing|yakni|yaitu)", re.I)


@functools.cache
def _list_re() -> re.Pattern:
    """A stated count followed by the items it counts ("tiga wilayah, yaitu Cilegon, Batulicin, dan Morowali")."""
    number = written_number()
    return re.compile(
        rf"(?<![\w.,])(?P<n>(?i:{number}))[ \t]+"
        # what is counted, perhaps with where ("kelurahan di lima kecamatan", "kecamatan di Kabupaten Poso")
        rf"(?P<noun>[a-z]+(?:[ \t]+(?:[a-z]+|[A-Z][\w]*)){{0,5}}?)[ \t]*(?:,[ \t]*)?"
        rf"(?P<cue>yakni|yaitu|adalah|meliputi|antara lain|di antaranya|:)[ \t]*(?:,[ \t]*)?(?:di[ \t]+)?"
        rf"(?P<items>(?:{ITEM})(?:[^.\n]{{0,40}}?(?:,[ \t]*(?:dan[ \t]+)?|[ \t]+dan[ \t]+)(?:{ITEM}))+)"
    )


def _count(text: str) -> int | None:
    value = parse_number_words(text) if text[0].isalpha() else parse_number(text)
    return int(value) if value is not None else None


def _span(text: str, start: int, end: int, rule: str) -> Span:
    return Span(start=start, end=end, text=text[start:end], rule=rule)


def weekday_checks(text: str, resolved: list[tuple[dict, dt.date]]) -> list[Check]:
    """Each date written with its day name: does the day name fit the date?"""
    out = []
    for d, value in resolved:
        if d.get("weekday") is None:
            continue
        written, actual = DAYS[d["weekday"]], DAYS[value.weekday()]
        day = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
        ok = d["weekday"] == value.weekday()
        message = f"{day} is a {actual}" if ok else f"{day} is a {actual}, but the text says {written}"
        out.append(
            Check(
                kind="weekday",
                status="ok" if ok else "mismatch",
                message=message,
                mentions=[_span(text, d["start"], d["end"], "check:weekday")],
            )
        )
    return out


@functools.cache
def _group_kinds() -> dict[str, str]:
    """Group words (lowercased) to their kind: "klaster", "kluster" -> klaster; "kub" -> kub."""
    return {r.word.lower(): r.kind for r in rows("group_words.tsv")}


def _cluster_kind(label: str, kinds: dict[str, str]) -> str | None:
    """The kind of a cluster by the group word its label begins with."""
    low = label.lower()
    return next((kinds[w] for w in sorted(kinds, key=len, reverse=True) if low.startswith(w + " ")), None)


@functools.cache
def _stated_groups_re() -> re.Pattern:
    """A number of groups ("3 klaster", "lima KUB", "kedua klaster"), not "12 kelompok tani lain"."""
    words = "|".join(re.escape(w) for w in sorted(_group_kinds(), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.,])(?P<n>{written_number()}|ke(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh))"
        rf"[ \t]+(?P<word>{words})(?![\w])(?![ \t]+lain)",
        re.IGNORECASE,
    )


def cluster_total_checks(facts: ArticleFacts, text: str) -> list[Check]:
    """A stated number of groups ("terbentuk 3 klaster", "lima KUB", "kedua klaster") against the groups named.

    Only a statement that lists ("3 klaster yang meliputi ...") or that stands beside at least two named
    groups of its kind is checked: "terdapat 9 kelompok tani di Sleman" counts the region, not this list,
    and "12 kelompok tani lain" counts others.
    """
    kinds = _group_kinds()
    named: dict[str, list] = {}
    for c in facts.clusters:
        kind = _cluster_kind(c.label, kinds)
        if kind:
            named.setdefault(kind, []).append(c)
    if not named:
        return []
    stated_re = _stated_groups_re()
    out = []
    seen: set[tuple[str, int]] = set()
    for m in stated_re.finditer(text):
        kind = kinds[fold(m["word"])]
        groups = named.get(kind, [])
        number = fold(m["n"])
        # "kedua klaster", "kelima KUB": the ke- form of a number counts all of them
        n = _count(number[2:] if number.startswith("ke") and not number[0].isdigit() else number)
        lists = LIST_CUE.match(text, m.end()) is not None
        if n is None or n < 2 or not groups or (len(groups) < 2 and not lists):
            continue
        if APPROXIMATE.search(text[max(0, m.start() - 25) : m.start()]):
            continue  # "sedikitnya 25 kelompok tani" counts the region's groups, not the ones named
        if (kind, n) in seen:
            continue  # "lima kelompok usaha bersama (KUB)" ... "kelima KUB itu": one statement
        seen.add((kind, n))
        counts = [c.member_count for c in groups]
        members = ""
        if all(c is not None for c in counts):
            unit = groups[0].member_unit or "anggota"
            members = f" ({' + '.join(str(c) for c in counts)} = {sum(counts)} {unit})"
        status = "ok" if n == len(groups) else "mismatch"
        partial = any(c in text[m.end() : m.end() + 250] for c in word_class("partial_list_cue"))
        if status == "mismatch" and len(groups) < n and partial:
            status = "unverifiable"  # "ada tiga KUB ... Dua di antaranya": only some are named
        message = f"{n} {m['word']} stated, {len(groups)} listed{members}"
        mentions = [_span(text, m.start(), m.end(), "check:stated-groups"), *[c.mentions[0] for c in groups]]
        out.append(Check(kind="stated_total", status=status, message=message, mentions=mentions))
    return out


def partner_total_checks(text: str, stated: list[tuple[str, str, tuple[int, int], list[Span]]]) -> list[Check]:
    """A stated number of partners ("tiga pihak eksternal") against the partners named after it."""
    out = []
    for number, noun, (start, end), items in stated:
        n = _count(number)
        if n is None:
            continue
        status = "ok" if n == len(items) else "mismatch"
        names = ", ".join(i.text for i in items)
        out.append(
            Check(
                kind="stated_total",
                status=status,
                message=f"{number} {noun} stated, {len(items)} named ({names})",
                mentions=[_span(text, start, end, "check:stated-partners"), *items],
            )
        )
    return out


def list_total_checks(text: str, skip: list[tuple[int, int]]) -> list[Check]:
    """Any other stated count followed by a list ("lima desa ... adalah Desa A, B, C, D, dan E")."""
    out = []
    for m in _list_re().finditer(text):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in skip):
            continue
        noun = m["noun"]
        if noun.split()[0].lower() in _group_kinds() or noun.startswith("kelompok"):
            continue
        if noun.split()[0].lower() in measure_units():
            continue  # "2.150 hektare meliputi Desa A, B ...": an area, not a count of the items
        n = _count(m["n"])
        if n is None or n < 2:
            continue
        items = [i for i in re.split(r"[ \t]*,[ \t]*(?:dan[ \t]+)?|[ \t]+dan[ \t]+", m["items"]) if i.strip()]
        if n == len(items):
            status = "ok"
        elif m["cue"] in word_class("partial_list_cue") and len(items) < n:
            status = "unverifiable"  # "15 titik ... antara lain di A, B, C": only some are named
        else:
            status = "mismatch"
        out.append(
            Check(
                kind="stated_total",
                status=status,
                message=f"{m['n']} {noun} stated, {len(items)} listed ({', '.join(items)})",
                mentions=[_span(text, m.start(), m.end(), "check:stated-list")],
            )
        )
    return out


def sum_checks(facts: ArticleFacts, text: str) -> list[Check]:
    """A total followed by its parts ("Rp 30 triliun ... rinciannya Rp 20 triliun, Rp 9 triliun, Rp 1 triliun")."""
    mentions = sorted(((m, f) for f in facts.figures for m in f.mentions), key=lambda x: x[0].start)
    out = []
    for i, (m, f) in enumerate(mentions):
        if f.unit is None or f.approximate:
            continue
        after = text[m.end : m.end + 300]
        cue = SUM_CUE.search(after)
        if not cue or "\n" in after[: cue.start()] or after[: cue.start()].count(".") > 1:
            continue
        cue_pos = m.end + cue.end()
        parts = []
        for m2, f2 in mentions[i + 1 :]:
            if m2.start < cue_pos:
                continue
            if m2.start > cue_pos + 250 or f2.unit != f.unit:
                break
            parts.append((m2, f2))
        if len(parts) < 2:
            continue
        total = sum(p[1].value for p in parts)
        status = "ok" if abs(total - f.value) < 1e-6 * max(1, abs(f.value)) else "mismatch"
        message = f"{m.text} stated; parts {' + '.join(p[0].text for p in parts)} = {_fmt(total)}"
        out.append(
            Check(
                kind="sum",
                status=status,
                message=message,
                mentions=[m.model_copy(update={"rule": "check:sum"}), *[p[0] for p in parts]],
            )
        )
    return out


def _fmt(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:,}"


def run(
    facts: ArticleFacts,
    text: str,
    resolved_dates: list[tuple[dict, dt.date]],
    stated_partners: list[tuple[str, str, tuple[int, int], list[Span]]] = (),
) -> list[Check]:
    """Every check of one article, without repeats."""
    found = weekday_checks(text, resolved_dates)
    found += cluster_total_checks(facts, text)
    found += partner_total_checks(text, list(stated_partners))
    found += list_total_checks(text, [span for _, _, span, _ in stated_partners])
    found += sum_checks(facts, text)
    found += extra_checks(facts, text)
    seen, out = set(), []
    for c in found:
        key = (c.kind, c.message)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
