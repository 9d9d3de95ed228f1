"""Consistency checks within an article: stated totals against listed items, sums, weekdays against dates."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from .components.numbers import measure_units, parse_number, parse_number_words, written_number, written_starts
from .components.textutil import finditer_at, fold, folded, match_at, word_starts
from .figure_checks import extra_checks, sentence_at
from .lexicon import alternation, rows, word_class
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
# Words before a count that make it approximate ("sedikitnya 25 kelompok tani").
APPROXIMATE = re.compile(
    r"(?:sedikitnya|setidaknya|sekitar|lebih dari|hampir|kurang lebih|paling sedikit)[ \t]*$", re.I
)
# What follows a count that lists its items: "3 klaster yang meliputi", "lima KUB, yaitu".
LIST_CUE = re.compile(r"[^.\n]{0,40}?(?:meliputi|yaitu|yakni|adalah|antara lain|di antaranya|terdiri|:)")
SUM_CUE = re.compile(r"(?:terdiri (?:dari|atas)|rinciannya(?: adalah)?|meliputi|masing-masing|yakni|yaitu)", re.I)


@functools.lru_cache(maxsize=16)
def _count_starts(text: str) -> tuple[int, ...]:
    """Where a stated count may begin, the only places its regexes are tried: at a written number (not after a
    word character, or glued to "di"), or two or three characters before it ("ke" of "kedua" and "Ke 5", "ke "
    of "ke dua")."""
    low, numbers = folded(text), written_starts(text)
    ke = [p - k for p in numbers for k in (2, 3) if p >= k and low.startswith("ke", p - k)]
    return tuple(sorted({*numbers, *ke}))


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
    for m in finditer_at(stated_re, text, _count_starts(text)):
        kind = kinds[fold(m["word"])]
        groups = named.get(kind, [])
        number = fold(m["n"])
        # "kedua klaster", "kelima KUB": the ke- form of a number counts all of them
        n = _count(number[2:] if number.startswith("ke") and not number[0].isdigit() else number)
        lists = LIST_CUE.match(text, m.end()) is not None
        if n is None or n < 2 or not groups or (len(groups) < 2 and not lists):
            continue
        if not lists and len(groups) < n and not _listed_together(text, m.start(), groups):
            continue  # "12 kelompok nelayan ..." and five named here and there: a count, not a list to check
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


def _listed_together(text: str, after: int, groups: list) -> bool:
    """Whether one sentence from the statement's own on names every group ("empat kelompok tani ... Bantuan
    diterima oleh Kelompok Tani A, Kelompok Tani B, dan Kelompok Tani C"): the article's list of them."""
    first = sentence_at(text, after)[0]
    common = None
    for g in groups:
        sentences = {sentence_at(text, x.start) for x in g.mentions if x.start >= first}
        common = sentences if common is None else common & sentences
        if not common:
            return False
    return bool(common)


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


@functools.cache
def _list_cues() -> dict[str, tuple[str, ...]]:
    """The words of patterns/list_cues.tsv by kind (definite, partial, end, more, ordinal)."""
    out: dict[str, list[str]] = {}
    for r in rows("list_cues.tsv"):
        out.setdefault(r.kind, []).append(r.cue)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def _stated_list_re() -> re.Pattern:
    """A stated count, what it counts, and a cue that lists the items ("lima desa, yakni", "Kelima desa itu adalah").

    The count may be anaphoric ("Kelima desa", "ke dua desa adat"), glued to "di" ("dilima kabupaten"), and
    the cue may open the next sentence ("di empat kecamatan. Yakni, ...").
    """
    cues = _list_cues()
    cue = alternation([*cues["definite"], *cues["partial"]])
    return re.compile(
        rf"(?:(?<![\w.,])|(?<=\bdi))(?P<ke>[Kk]e[ \t]?)?(?P<n>(?i:{written_number()}))[ \t]+"
        rf"(?P<noun>[A-Za-z][A-Za-z-]*(?:[ \t]+(?:[a-z-]+|[A-Z][\w/-]*)){{0,8}}?)"
        rf"[ \t]*(?:,[ \t]*|\.[ \t]+)?(?P<cue>(?i:{cue}))(?![\w-])[ \t]*[,.:;]?[ \t]*"
    )


@functools.cache
def _counted_re(head: str) -> re.Pattern:
    """A number counting ``head`` inside a listed item ("kambing betina 258 ekor" for "ekor")."""
    return re.compile(rf"(?<![\w.,])(?P<n>(?i:{written_number()}))[ \t]+{re.escape(head)}\b", re.I)


@functools.cache
def _inner_count_re() -> re.Pattern:
    """A second count inside what a count counts ("kelompok di tiga desa", "kelompok dilima kabupaten")."""
    return re.compile(rf"(?:(?<=\s)|(?<=\sdi))(?P<n>(?i:{written_number()}))[ \t]+(?=[a-z])")


@functools.cache
def _part_count_re() -> re.Pattern:
    """A count and what it counts inside a listed part ("sebanyak 90 paket")."""
    return re.compile(rf"(?<![\w.,])(?P<n>(?i:{written_number()}))[ \t]+(?P<unit>[a-z]+)\b")


@functools.cache
def _leading_count_re() -> re.Pattern:
    """A listed part that begins with its count ("15 drumband", "empat kelompok perikanan tangkap")."""
    return re.compile(rf"\s*(?P<n>(?i:{written_number()}))[ \t]+[A-Za-z][\w-]*")


_NOT_COUNTED = {"tahun", "bulan", "hari", "minggu", "pekan", "jam", "menit", "kali", "persen", "abad", "ribu", "juta",
                "miliar", "milyar", "triliun"}
# an academic degree of short parts, each closed by its dot or the end ("S.Ds.", "M.A", "A.Md.Kes"): a part may
# not run into the next without a dot, which keeps the match linear (no way to cut a long word into parts)
_DEGREE = re.compile(r"^[A-Z][A-Za-z]{0,3}\.(?:[ \t]?[A-Za-z]{1,4}(?:\.|$))*$")
_STOP = re.compile(r"[.!?](?=\s|$)|\n")
_ABBREVIATED = re.compile(r"(?:^|[\s(])[A-Z][a-z]{0,2}$")


def _segment_end(text: str, start: int, limit: int = 700) -> int:
    """Where the sentence from ``start`` ends: a full stop before space, not after "Abd." or "Dr."; a line break."""
    end = min(len(text), start + limit)
    pos = start
    while pos < end:
        m = _STOP.search(text, pos, end)
        if not m:
            return end
        if m.group(0) == "." and _ABBREVIATED.search(text[max(start, m.start() - 4) : m.start()]):
            pos = m.end()
            continue
        return m.start()
    return end


def _enumerated(text: str, start: int) -> int | None:
    """How many items an enumeration after a cue counts ("Pertama, ... Kedua, ..."; lines "1. ... 2. ..."), or None."""
    after = text[start : start + 1500]
    ordinals = _list_cues()["ordinal"]
    if after.lstrip().startswith(ordinals[0]):
        n, pos = 0, 0
        for word in ordinals:
            m = re.search(rf"(?<![\w-]){word}(?![\w-])", after[pos:])
            if not m:
                break
            n, pos = n + 1, pos + m.end()
        return n
    if re.match(r"\s*\n\s*1[.)][ \t]", after):
        n = 0
        for m in re.finditer(r"^[ \t]*(\d{1,2})[.)][ \t]", after, re.M):
            if int(m.group(1)) != n + 1:
                break
            n += 1
        return n
    return None


@functools.cache
def _before_count_re() -> re.Pattern:
    """ "dan"/"serta" before a count: a new part begins ("empat kelompok X dan satu kelompok Y")."""
    return re.compile(rf"[ \t]+(?:dan|serta)[ \t]+(?=(?i:{written_number()})[ \t])")


def _split_list(segment: str) -> list[str]:
    """The chunks of "A, B, dan C" / "A, B serta C" / "A dan B"; a "dan" inside an earlier item stays.

    The list ends at its "dan C" ("A, B, dan C, Kabupaten X": the rest is not listed), and "dan"/"serta"
    before a count starts a new part ("empat kelompok X dan satu kelompok Y").
    """
    parts = [p for p in re.split(r"[ \t]*[,;][ \t]*", segment.strip()) if p.strip()]
    if not parts:
        return []
    joiner = r"[ \t]+(?:dan|serta)[ \t]+"
    out: list[str] = []
    for i, part in enumerate(parts):
        pieces = _before_count_re().split(part)
        if i and re.match(r"(?:dan|serta)[ \t]+", part):
            out.extend(re.sub(r"^(?:dan|serta)[ \t]+", "", p) for p in pieces)
            return out
        if i == len(parts) - 1 or len(parts) == 1:
            pieces = [x for p in pieces for x in re.split(joiner, p, maxsplit=1 if len(parts) > 1 else 0)]
        out.extend(pieces)
    return out


def _list_items(segment: str) -> tuple[list[str], bool]:
    """The items of a list (repeats dropped) and whether it says more follow ("dan lain-lain")."""
    cues = _list_cues()
    ends = set(cues["end"])
    items: list[str] = []
    seen: set[str] = set()
    capitalised = None
    for piece in _split_list(segment):
        piece = re.sub(r"^(?:dan|serta|atau)[ \t]+", "", piece.strip(" \t\"“”'"))
        if not piece:
            continue
        low = piece.lower()
        if any(low == m or low.startswith(m + " ") for m in cues["more"]):
            return items, True
        first = low.split()[0]
        if first in ends or _leading_count_re().match(piece) or re.fullmatch(r"\d[\d.,]*", piece):
            break
        if capitalised is None:
            capitalised = piece[0].isupper()
        elif capitalised and not piece[0].isupper():
            break
        if _DEGREE.match(piece):
            continue  # "Kumara Sadana Putra, S.Ds., M.A": a degree after a name is no item
        if capitalised:
            # "Desa Lung Anai dengan pengembangan kakao": the item is the name, the rest describes it
            piece = re.match(r"\S+(?:[ \t]+(?:[A-Z0-9(][^ \t]*|[a-z]{1,2}(?=[ \t]+[A-Z])))*", piece).group(0)
        key = " ".join(piece.lower().split())
        if key not in seen:
            seen.add(key)
            items.append(piece)
    return items, False


def _shown_noun(noun: str) -> str:
    """What a count counts, for a message: "desa di Sigi itu" -> "desa di Sigi", "orang yang" -> "orang"."""
    noun = re.split(r"[ \t]+yang\b", noun.strip())[0]
    return re.sub(r"(?:[ \t]+(?:itu|tersebut|ini|sekitar|dimaksud))+$", "", noun)


def _is_group(head: str) -> bool:
    return head in _group_kinds() or head.startswith("kelompok")


def list_total_checks(
    text: str, skip: list[tuple[int, int]], groups_checked: bool = False, stated: set[tuple[int, str]] | None = None
) -> list[Check]:
    """A stated count followed by its items ("lima desa ... adalah Desa A, B, C, D, dan E") or its parts.

    Items are counted (repeats once); when the items are themselves counts ("342 ekor. Terdiri dari kambing
    betina 258 ekor dan kambing jantan 84 ekor", "292 kelompok, terdiri 15 drumband, 87 kelompok ...") their
    sum is compared instead. Groups are left to the cluster check when it found the named groups, and an
    anaphoric count ("Kelima desa itu adalah ...") is not checked again after the count it repeats.
    """
    out = []
    stated = set() if stated is None else stated
    partial_cues = set(_list_cues()["partial"])
    for m in finditer_at(_stated_list_re(), text, _count_starts(text)):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in skip):
            continue
        end = _segment_end(text, m.end())
        segment = text[m.end() : end]
        first_item = segment.strip().split(" ")[0].lower()
        noun, number, start = m["noun"], m["n"], m.start()
        # "20 kelompok dilima kabupaten yaitu": the count nearest the cue is the one listed, unless the items
        # repeat the outer noun ("16 kelurahan di lima kecamatan, yakni Kelurahan A, B ...")
        inner = list(_inner_count_re().finditer(noun))
        if inner and noun.split()[0].lower() != first_item:
            number, start, noun = inner[-1]["n"], m.start("noun") + inner[-1].start(), noun[inner[-1].end() :]
        head = noun.split()[0].lower()
        if head in measure_units() or head in _NOT_COUNTED or head.capitalize() in MONTHS or re.search(
            r"(?:Rp|\$)[ \t]*$", text[max(0, start - 4) : start]
        ):
            continue  # "2.150 hektare meliputi Desa A, B ...": an area, not a count of the items
        if groups_checked and _is_group(head):
            continue
        if " dan " in noun or re.fullmatch(r"(?:19|20)\d\d", number):
            continue  # "dua narasumber dan asisten": which is counted is unclear; "2022" is a year
        n = _count(number)
        if n is None or n < 2:
            continue
        if m["ke"] and (n, head) in stated:
            continue
        stated.add((n, head))
        cue = m["cue"].lower()
        if cue == "masing-masing" and not segment[:1].isupper():
            continue  # "1.000 ekor, masing-masing desa mendapat 200 ekor": each, not a list
        partial = cue in partial_cues
        enumerated = _enumerated(text, m.end())
        parts = []
        for chunk in _split_list(segment):
            counted = _counted_re(head).search(chunk)
            lead = _leading_count_re().match(chunk)
            if counted or lead:
                part = counted or lead
                parts.append((part.group(0).strip(), _count(part["n"]) or 0))
        if enumerated:
            found, shown, more = enumerated, f"{enumerated} enumerated", False
        elif len(parts) >= 2:
            found, more = sum(v for _, v in parts), False
            shown = f"parts {' + '.join(p for p, _ in parts)} = {found}"
        else:
            items, more = _list_items(segment)
            if len(items) < 2:
                continue
            found, shown = len(items), f"{len(items)} listed ({', '.join(items)})"
        approximate = APPROXIMATE.search(text[max(0, start - 25) : start]) is not None
        if found == n:
            status = "ok"
        elif (partial or more) and found < n:
            status = "unverifiable"  # "15 titik ... antara lain di A, B, C": only some are named
        elif approximate or cue in {":", ";"} and not enumerated:
            continue
        else:
            status = "mismatch"
        out.append(
            Check(
                kind="stated_total",
                status=status,
                message=f"{number} {_shown_noun(noun)} stated, {shown}",
                mentions=[_span(text, start, m.end("noun"), "check:stated-list")],
            )
        )
    return out


@functools.cache
def _count_noun_re() -> re.Pattern:
    """A stated count and the one or two words it counts ("delapan kecamatan", "3 gugus pulau")."""
    return re.compile(
        rf"(?:(?<![\w.,])|(?<=\bdi))(?P<n>(?i:{written_number()}))[ \t]+"
        rf"(?P<noun>[A-Za-z][a-z]+(?:[ \t]+(?!(?:di|ke|dari|yang|dan|itu|ini|tersebut|dengan|pada|untuk)\b)"
        rf"[A-Za-z][a-z]+)?)(?![\w-])"
    )


_REDUPLICATED = re.compile(
    r"\b(?P<w>[A-Za-z][a-z]+)-(?P=w)\b[^.\n]{0,60}?\b(?P<cue>meliputi|yakni|yaitu|adalah|terdiri dari)\b[ \t]*:?[ \t]*"
)
_WORD_AFTER_HYPHEN = re.compile(r"[A-Za-z][a-z]+")
_BREAKDOWN = re.compile(r"\b(?:terbagi|terdiri)[ \t]+(?:atas|dalam|menjadi|dari|untuk)\b[ \t]*:?", re.I)
_BREAKDOWN_VERBS = ("terbagi", "terdiri")
# How far after a stated count its items may be named again, one by one ("di kecamatan Banda, Tehoru, ...").
_NAMED_LATER = 1200


_CAP_RUN = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*")


@functools.lru_cache(maxsize=256)
def _noun_before_name_re(noun: str) -> re.Pattern:
    """A counted noun written before a capitalised name ("kecamatan Tabang")."""
    return re.compile(rf"(?<![\w-])(?i:{re.escape(noun)})[ \t]+(?=[A-Z])")


def _named_after(text: str, noun: str, start: int, end: int) -> list[list[str]]:
    """Lists of names that follow ``noun`` in text[start:end]: "kecamatan A, B dan C" or "gugus pulau III ..., gugus
    pulau V ... dan Gugus Pulau VII" (one list per sentence)."""
    found = []
    by_sentence: dict[tuple[int, int], list[str]] = {}
    nouns = word_starts(text, [fold(noun)], start, end)
    for occ in finditer_at(_noun_before_name_re(noun), text, nouns, end):
        items, _ = _list_items(text[occ.end() : _segment_end(text, occ.end())])
        found.append(items)
        name = _CAP_RUN.match(text, occ.end())
        if name:
            names = by_sentence.setdefault(sentence_at(text, occ.start()), [])
            if name.group(0) not in names:
                names.append(name.group(0))
    everywhere = list(dict.fromkeys(x for names in by_sentence.values() for x in names))
    return list(by_sentence.values()) + found + [everywhere]


def named_later_checks(text: str, stated: set[tuple[int, str]], groups_checked: bool) -> list[Check]:
    """Stated counts whose items are named later without a cue: "tersebar di delapan kecamatan" ... "tersebar di
    kecamatan Banda, Tehoru, ...", "ada dua desa, Langgongsari dan Pageraji", "kelompok-kelompok itu meliputi ...",
    and parts named after their total ("terbagi dalam 123 paket." ... "terbagi untuk ... 90 paket dan ... 33 paket").

    Only agreement is reported: a later list of another size is most often a list of something else.
    """
    out = []
    done = set(stated)
    counts = []
    for m in finditer_at(_count_noun_re(), text, _count_starts(text)):
        n = _count(m["n"])
        noun = m["noun"]
        head = noun.split()[0].lower()
        counts.append((m, n, head))
        if n is None or n < 2 or head in _NOT_COUNTED or head in measure_units() or head.capitalize() in MONTHS:
            continue
        if (groups_checked and _is_group(head)) or any(k == n and h == head for k, h in done):
            continue
        appositive = match_at(r",[ \t]+(?=[A-Z])", text, m.end())
        if appositive:
            segment = text[appositive.end() : _segment_end(text, m.end())]
            items, more = _list_items(segment)
            if len(items) == n and not more and segment.count(" ") < 4 * n:
                done.add((n, head))
                out.append(_named_check(text, m, n, items))
                continue
        if n < 3:
            continue  # a pair named later by chance is too common to say it is the pair stated
        forms = [noun, head] if " " in noun else [noun]
        for form in forms:
            lists = _named_after(text, form, m.end(), min(len(text), m.end() + _NAMED_LATER))
            items = next((x for x in lists if len(x) == n), None)
            if items:
                done.add((n, head))
                out.append(_named_check(text, m, n, items))
                break
    for r in _reduplicated(text):
        w = r["w"].lower()
        before = [(m, n) for m, n, head in counts if head == w and m.end() <= r.start() and r.start() - m.end() < 600]
        if not before or before[-1][1] is None or (before[-1][1], w) in done:
            continue
        m, n = before[-1]
        items, more = _list_items(text[r.end() : _segment_end(text, r.end())])
        if len(items) >= 2 and not more:
            done.add((n, w))
            status = "ok" if len(items) == n else "mismatch"
            out.append(_named_check(text, m, n, items, status))
    for b in finditer_at(_BREAKDOWN, text, word_starts(text, _BREAKDOWN_VERBS)):
        s_start = sentence_at(text, b.start())[0]
        if _count_noun_re().search(text, s_start, b.start()):
            continue  # the total is in this sentence: the list check has it
        parts = []
        for chunk in _split_list(text[b.end() : _segment_end(text, b.end())]):
            c = _part_count_re().search(chunk)
            if c:
                parts.append(c)
        if len(parts) < 2 or len({p["unit"] for p in parts}) != 1:
            continue
        unit = parts[0]["unit"]
        total = [(m, n) for m, n, head in counts if head == unit and s_start - 400 <= m.start() < s_start]
        if not total or total[-1][1] is None or (total[-1][1], unit) in done:
            continue
        m, n = total[-1]
        value = sum(_count(p["n"]) or 0 for p in parts)
        if value == n:
            done.add((n, unit))
            shown = " + ".join(p.group(0) for p in parts)
            out.append(
                Check(
                    kind="stated_total",
                    status="ok",
                    message=f"{m.group(0)} stated; parts {shown} = {value}",
                    mentions=[_span(text, m.start(), m.end(), "check:stated-parts")],
                )
            )
    return out


def _reduplicated(text: str) -> Iterator[re.Match]:
    """_REDUPLICATED.finditer(text), tried only where a word before a hyphen is as long as the word after it."""
    starts = []
    hyphen = text.find("-")
    while hyphen >= 0:
        after = _WORD_AFTER_HYPHEN.match(text, hyphen + 1)
        if after and hyphen >= len(after.group()):
            starts.append(hyphen - len(after.group()))
        hyphen = text.find("-", hyphen + 1)
    return finditer_at(_REDUPLICATED, text, sorted(starts))


def _named_check(text: str, m: re.Match, n: int, items: list[str], status: str = "ok") -> Check:
    return Check(
        kind="stated_total",
        status=status,
        message=f"{m['n']} {m['noun']} stated, {len(items)} named ({', '.join(items)})",
        mentions=[_span(text, m.start(), m.end(), "check:stated-named")],
    )


def sum_checks(facts: ArticleFacts, text: str, done: set[float] | None = None) -> list[Check]:
    """A total followed by its parts ("Rp 30 triliun ... rinciannya Rp 20 triliun, Rp 9 triliun, Rp 1 triliun")."""
    done = set() if done is None else done
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
        done.add(f.value)
        message = f"{m.text} stated; parts {' + '.join(p[0].text for p in parts)} = {_fmt(total)}"
        out.append(
            Check(
                # amounts of money add up ("sum"); a stated area or weight is a total of the parts listed
                kind="sum" if f.unit == "Rp" else "stated_total",
                status=status,
                message=message,
                mentions=[m.model_copy(update={"rule": "check:sum"}), *[p[0] for p in parts]],
            )
        )
    return out


_TOTAL_BEFORE = re.compile(r"\b(?:total|jumlah|seluruhnya|keseluruhan)\b[^.\n]{0,50}$", re.I)
# Characters before a figure that _TOTAL_BEFORE can need: its longest word (11), 50 others, and a \b before it.
_TOTAL_WINDOW = 80
# How far before a stated total its parts may be named ("... 250 hektare. ... 250 hektar. Total ... 500 hektar").
_PARTS_BEFORE = 600


def total_after_parts_checks(facts: ArticleFacts, text: str, done: set[float]) -> list[Check]:
    """A total stated after its parts ("... lahan 250 hektar ... 250 hektar. Total bantuan 500 hektar").

    The parts are the amounts of the same unit named just before it, nearest first; only a total they add up
    to is reported, as which earlier amounts are its parts is otherwise unclear.
    """
    mentions = sorted(((m, f) for f in facts.figures for m in f.mentions), key=lambda x: x[0].start)
    out = []
    for i, (m, f) in enumerate(mentions):
        key = f.unit or f.counts
        if key is None or f.approximate or f.value in done or f.value <= 0:
            continue
        # the cue word starts at most 61 characters before the figure: a short window, never the whole sentence
        if not _TOTAL_BEFORE.search(text[max(sentence_at(text, m.start)[0], m.start - _TOTAL_WINDOW) : m.start]):
            continue
        parts: list[Span] = []
        total = 0.0
        for m2, f2 in reversed(mentions[:i]):
            if m2.start < m.start - _PARTS_BEFORE:
                break
            if (f2.unit or f2.counts) != key or f2.approximate:
                continue
            total += f2.value
            parts.insert(0, m2)
            if total >= f.value - 1e-6:
                break
        if len(parts) >= 2 and abs(total - f.value) < 1e-6 * max(1, f.value):
            done.add(f.value)
            shown = " + ".join(p.text for p in parts)
            out.append(
                Check(
                    kind="sum",
                    status="ok",
                    message=f"{m.text} stated as the total; {shown} = {_fmt(total)}",
                    mentions=[m.model_copy(update={"rule": "check:sum-after"}), *parts],
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
    groups = cluster_total_checks(facts, text)
    found += groups
    found += partner_total_checks(text, list(stated_partners))
    stated = [span for _, _, span, _ in stated_partners] + [(c.mentions[0].start, c.mentions[0].end) for c in groups]
    counted: set[tuple[int, str]] = set()
    found += list_total_checks(text, stated, groups_checked=bool(groups), stated=counted)
    found += named_later_checks(text, counted, groups_checked=bool(groups))
    totals: set[float] = set()
    found += sum_checks(facts, text, totals)
    found += total_after_parts_checks(facts, text, totals)
    found += extra_checks(facts, text)
    seen, out = set(), []
    for c in found:
        # one statement is checked once: two checks of one kind resting on the same stated figure ("5 kelompok"
        # counted against the groups found and against the names listed) are one finding
        keys = {(c.kind, c.message), (c.kind, c.mentions[0].start) if c.mentions else None} - {None}
        if not keys & seen:
            seen |= keys
            out.append(c)
    return out
