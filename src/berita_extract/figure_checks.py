"""Figure checks within one article: member counts against a stated total, percentages, repeated figures."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .components.textutil import finditer_at, fold, word_starts
from .records import ArticleFacts, Check, Cluster, Span

# The kinds this module adds; the core checks (stated_total, sum, weekday) are the lead's.
KINDS = ("member_sum", "percentage", "repeated_figure")

# Where a sentence ends: after . ! ? (a closing quote or bracket, then white space before a capital or digit),
# or at line breaks. The regex begins with the stop character, so the engine can skip ahead to one.
_SENTENCE_END_RE = re.compile(r"[.!?\n](?:(?<=[.!?])(?P<gap>[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9]))|(?<=\n)\n*)")


@dataclass(frozen=True)
class Number:
    """A numeric claim found by the project's number finder, as this module uses it."""

    start: int
    end: int
    value: float
    money: bool
    percent: bool
    approximate: bool
    counts: str | None = None

    def span(self, text: str, rule: str) -> Span:
        """This number as a mention."""
        return Span(start=self.start, end=self.end, text=text[self.start : self.end], rule=rule)


@functools.lru_cache(maxsize=16)
def _all_numbers(text: str) -> tuple[Number, ...]:
    from .components.numbers import find_numbers

    return tuple(
        Number(
            start=m.start,
            end=m.end,
            value=float(m.value),
            money=m.unit == "Rp",
            percent=m.unit == "persen",
            approximate=m.approximate,
            counts=m.counts,
        )
        for m in find_numbers(text)
    )


@functools.lru_cache(maxsize=16)
def _number_starts(text: str) -> tuple[int, ...]:
    return tuple(n.start for n in _all_numbers(text))


def numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """The numeric claims inside text[start:end] ('Rp150 juta', '45 persen', 'sekitar 20 perajin')."""
    end = len(text) if end is None else end
    found = _all_numbers(text)
    i = bisect.bisect_left(_number_starts(text), start)
    out = []
    while i < len(found) and found[i].start < end:
        if found[i].end <= end:
            out.append(found[i])
        i += 1
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after . ! ? before a capital or digit, and at line breaks."""
    return list(_sentence_bounds(text))


@functools.lru_cache(maxsize=16)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    bounds, pos = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.start("gap") if m["gap"] is not None else m.start()  # a sentence keeps its . ! ?, not a line break
        if text[pos:end].strip():
            bounds.append((pos, end))
        pos = m.end()
    if text[pos:].strip():
        bounds.append((pos, len(text)))
    return tuple(bounds)


@functools.lru_cache(maxsize=16)
def _sentence_starts(text: str) -> tuple[int, ...]:
    return tuple(s for s, _ in _sentence_bounds(text))


def sentence_at(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """(start, end) of the sentence holding offset ``start`` (stretched to cover ``end``)."""
    end = start if end is None else end
    bounds = _sentence_bounds(text)
    starts = _sentence_starts(text)
    i = bisect.bisect_right(starts, start) - 1
    k = bisect.bisect_right(starts, max(end - 1, start)) - 1
    if i < 0 or k < 0 or start >= max(bounds[i][1], bounds[i][0] + 1):
        return start, max(end, start)
    return bounds[i][0], max(bounds[k][1], end)


@functools.cache
def member_units() -> frozenset[str]:
    """Units news uses to count a group's members ('pelaku usaha', 'anggota'), lowercase."""
    from .lexicon import rows

    return frozenset(r.unit.lower() for r in rows("member_units.tsv"))


def unit_after(text: str, number: Number) -> str | None:
    """The member unit a number counts ('20 pelaku usaha' -> 'pelaku usaha'), or None."""
    if number.counts and number.counts.lower() in member_units():
        return number.counts
    return None


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".").rstrip("0").rstrip(",")


def say(text: str, number: Number) -> str:
    """A number as written, with its unit ('20 perajin', 'Rp150 juta', 'sekitar 200 peserta')."""
    return _quote(text, number.start, number.end)


def _quote(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _check(kind: str, status: str, message: str, mentions: Iterable[Span]) -> Check | None:
    mentions = sorted({(m.start, m.end): m for m in mentions}.values(), key=lambda m: m.start)
    if not mentions:
        return None
    return Check(kind=kind, status=status, message=message, mentions=mentions)


# --- member counts summed against a stated total -------------------------------------------------

_TOTAL_CUE_RE = re.compile(
    r"\b(?:total(?:nya)?|seluruhnya|keseluruhan|jumlah\s+(?:seluruh|total|keseluruhan)|semuanya)\b",
    re.IGNORECASE,
)


def _stated_member_totals(text: str) -> list[tuple[Number, str, re.Match[str]]]:
    """Member totals the text states: a total cue, then a number of members in the same sentence."""
    found = []
    for cue in _TOTAL_CUE_RE.finditer(text):
        s_start, s_end = sentence_at(text, cue.start())
        window_end = min(s_end, cue.end() + 60)
        for number in numbers(text, cue.end(), window_end):
            if number.percent or number.money:
                continue
            unit = unit_after(text, number)
            if unit:
                found.append((number, unit, cue))
            break
    return found


def _cluster_mentions_in(cluster: Cluster, start: int, end: int) -> list[Span]:
    return [m for m in cluster.mentions if start <= m.start and m.end <= end]


def member_sum_checks(facts: ArticleFacts, text: str) -> list[Check]:
    """Clusters' member counts summed against a stated total of members ('total 60 pelaku usaha')."""
    clusters = facts.clusters
    if len(clusters) < 2:
        return []
    checks = []
    seen: set[int] = set()
    index = MentionIndex(clusters)
    counts = {id(c): member_count(c, clusters, text, index) for c in clusters}
    for number, unit, cue in _stated_member_totals(text):
        if number.start in seen:
            continue
        seen.add(number.start)
        s_start, s_end = sentence_at(text, number.start)
        # "Klaster Batik beranggotakan total 20 perajin" is one cluster's own count, not a total.
        in_sentence = [c for c in clusters if _cluster_mentions_in(c, s_start, s_end)]
        if len(in_sentence) == 1 and counts[id(in_sentence[0])] == number.value:
            continue
        total_span = number.span(text, "fc-member-total")
        cue_span = Span(start=cue.start(), end=cue.end(), text=cue.group(0), rule="fc-member-total")
        counted = [c for c in clusters if counts[id(c)] is not None]
        missing = [c for c in clusters if counts[id(c)] is None]
        mentions = [cue_span, total_span] + [c.mentions[0] for c in clusters]
        stated = f"{_fmt(number.value)} {unit}"
        if missing:
            names = ", ".join(c.label for c in missing)
            checks.append(
                _check(
                    "member_sum",
                    "unverifiable",
                    f"The article states a total of {stated}, but gives no member count for {names}, "
                    f"so the sum of the {len(clusters)} clusters cannot be checked.",
                    mentions,
                )
            )
            continue
        parts = " + ".join(f"{counts[id(c)]} ({c.name})" for c in counted)
        total = sum(counts[id(c)] for c in counted)
        if number.approximate:
            status = "ok" if abs(total - number.value) <= 0.1 * number.value else "mismatch"
        else:
            status = "ok" if total == number.value else "mismatch"
        if status == "ok":
            message = (
                f"The member counts of the {len(counted)} clusters add up to the stated total: "
                f"{parts} = {total}."
            )
        else:
            message = (
                f"The article states a total of {stated}, but the member counts of the "
                f"{len(counted)} clusters add up to {total}: {parts}."
            )
        checks.append(_check("member_sum", status, message, mentions))
    return [c for c in checks if c]


# --- percentages against their parts -------------------------------------------------------------

_DARI_RE = re.compile(r"\bdari\s+(?:(?:total|jumlah|keseluruhan|sebanyak|sekitar)\s+)*$", re.IGNORECASE)
_MENJADI_RE = re.compile(r"\b(?:menjadi|ke\s+angka|hingga)\s+(?:(?:sebanyak|sekitar)\s+)*$", re.IGNORECASE)
_CHANGE_RE = re.compile(
    r"\b(?:naik|meningkat|bertambah|tumbuh|melonjak|turun|menurun|berkurang|merosot|anjlok|susut)\b",
    re.IGNORECASE,
)


def _tolerance(text: str, pct: Number) -> float:
    written = text[pct.start : pct.end]
    decimals = len(written.split(",")[1].split()[0].rstrip("%")) if "," in written else 0
    tolerance = max(0.5 * 10**-decimals, 0.5)
    return tolerance + (1.5 if pct.approximate else 0.0)


_PART_BEFORE_DARI_RE = re.compile(
    r"^\s*(?:[^\W\d]+\s+){0,3}dari\s+(?:(?:total|jumlah|keseluruhan|sebanyak|sekitar)\s+)*$", re.IGNORECASE
)
_PART_AFTER_RE = re.compile(
    r"(?:atau|yakni|yaitu|sebanyak|sejumlah|setara(?:\s+dengan)?)\s+(?:(?:sekitar|sebanyak)\s+)?$",
    re.IGNORECASE,
)
_PART_BEFORE_PCT_RE = re.compile(
    r"^\s*(?:[^\W\d]+\s+){0,2}(?:atau|yakni|yaitu|setara(?:\s+dengan)?)\s+(?:sekitar\s+)?$|^\s*\($",
    re.IGNORECASE,
)
_PCT_OF_RE = re.compile(
    r"^\s*(?:[^\W\d]+\s+){0,2}dari\s+(?:(?:total|jumlah|keseluruhan)\s+)*$", re.IGNORECASE
)


def _same_kind(text: str, a: Number, b: Number) -> bool:
    """Both money, or both counts of the same unit when units are written."""
    if a.money != b.money:
        return False
    ua, ub = unit_after(text, a), unit_after(text, b)
    # "orang" counts people of any kind: "1.200 warga, atau 112 orang".
    return ua is None or ub is None or ua.lower() == ub.lower() or "orang" in (ua.lower(), ub.lower())


def _part_of(text: str, others: list[Number], base: Number, pct: Number) -> Number | None:
    """The part of 'A dari B': written right before 'dari B', or 'P persen dari B, atau A'."""
    for n in others:
        if n.end <= base.start and _PART_BEFORE_DARI_RE.match(text[n.end : base.start]):
            return n if _same_kind(text, n, base) else None
    if _PCT_OF_RE.match(text[pct.end : base.start]):
        for n in others:
            if n.start > base.end and _PART_AFTER_RE.search(text[max(base.end, n.start - 30) : n.start]):
                return n if _same_kind(text, n, base) else None  # "P persen dari B, atau A"
            if n.end <= pct.start and _PART_BEFORE_PCT_RE.match(text[n.end : pct.start]):
                return n if _same_kind(text, n, base) else None  # "A orang atau P persen dari B"
    return None


def percentage_checks(facts: ArticleFacts, text: str) -> list[Check]:
    """Percentages against their parts: 'A dari B (P persen)' and 'naik P persen dari B menjadi C'."""
    checks = []
    for s_start, s_end in sentences(text):
        nums = numbers(text, s_start, s_end)
        pcts = [n for n in nums if n.percent]
        if len(pcts) != 1:
            continue
        pct = pcts[0]
        others = [n for n in nums if not n.percent]
        base = next((n for n in others if _DARI_RE.search(text[s_start : n.start])), None)
        if base is None or base.value == 0:
            continue
        after = next(
            (n for n in others if n.start > base.end and _MENJADI_RE.search(text[base.end : n.start])), None
        )
        if after is None and _CHANGE_RE.search(text[s_start : pct.start]) and pct.end <= base.start:
            # "omzet mencapai Rp420 juta, naik 40 persen dari Rp300 juta": the new value comes first.
            after = next(
                (n for n in reversed(others) if n.end <= pct.start and _same_kind(text, n, base)), None
            )
        tolerance = _tolerance(text, pct)
        if after is not None:
            change = (after.value - base.value) / base.value * 100
            computed = abs(change)
            verb = "a fall" if change < 0 else "a rise"
            how = f"from {say(text, base)} to {say(text, after)} is {verb} of"
            mentions = [
                pct.span(text, "fc-percent"),
                base.span(text, "fc-percent"),
                after.span(text, "fc-percent"),
            ]
        else:
            part = _part_of(text, others, base, pct)
            if part is None or part.value > base.value:
                continue
            computed, how = part.value / base.value * 100, f"{say(text, part)} of {say(text, base)} is"
            mentions = [
                pct.span(text, "fc-percent"),
                part.span(text, "fc-percent"),
                base.span(text, "fc-percent"),
            ]
        stated = _quote(text, pct.start, pct.end)
        if abs(computed - pct.value) <= tolerance:
            message = f"{how[0].upper()}{how[1:]} {computed:.1f} percent, which matches the stated {stated}."
            status = "ok"
        else:
            message = f"The article says {stated}, but {how} {computed:.1f} percent."
            status = "mismatch"
        checks.append(_check("percentage", status, message, mentions))
    return [c for c in checks if c]


# --- the same figure given twice with different values ---------------------------------------------

# Nouns whose amount of money is one figure per article: "bantuan modal Rp50 juta".
MONEY_CUES = (
    "anggaran",
    "dana",
    "bantuan",
    "hibah",
    "kredit",
    "pinjaman",
    "modal",
    "omzet",
    "omset",
    "investasi",
    "KUR",
    "nilai",
    "penyaluran",
    "plafon",
    "pembiayaan",
)
_FILLERS = {
    "sebesar",
    "senilai",
    "mencapai",
    "sekitar",
    "yang",
    "total",
    "hingga",
    "sebanyak",
    "berupa",
    "disalurkan",
    "digelontorkan",
    "diberikan",
    "dikucurkan",
    "tercatat",
    "adalah",
    "ialah",
    "itu",
    "tersebut",
    "kurang",
    "lebih",
    "dari",
    "hampir",
    "sudah",
    "telah",
    "baru",
}
_MONEY_CUE_RE = re.compile(rf"\b(?P<cue>{'|'.join(MONEY_CUES)})\b(?P<next>\s+[a-z]+)?", re.IGNORECASE)
_MONEY_CUE_FORMS = tuple(fold(c) for c in MONEY_CUES)
_PER_RE = re.compile(r"\b(?:per|masing-masing|setiap|tiap)\b", re.IGNORECASE)
_PARTICIPANT_RE = re.compile(
    r"\b(?:diikuti|dihadiri|melibatkan)\s+(?:oleh\s+)?(?:(?:sebanyak|sekitar|lebih\s+dari|kurang\s+lebih|hampir)\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class KeyedFigure:
    """A figure the article ties to a subject word ('bantuan modal', 'peserta'), found in the text."""

    key: str
    number: Number
    sentence: tuple[int, int]


_SUBGROUP_RE = re.compile(
    r"\s+(?:\w+\s+)?(?:perempuan|laki-laki|pria|wanita|lainnya|sisanya|di\s*antaranya|baru|lama)\b",
    re.IGNORECASE,
)
# Words before "N peserta" that make it the whole count: "sebanyak 180 peserta", "ke-120 peserta".
_TOTAL_PESERTA_RE = re.compile(
    r"(?:\b(?:sebanyak|total|seluruh|jumlah\s+peserta|mencapai|sekitar|lebih\s+dari|hampir)\s+|\bke-)$",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_PAST_RE = re.compile(r"\b(?:tahun\s+lalu|sebelumnya|semula|awalnya|tahun\s+kemarin)\b", re.IGNORECASE)
_PLAN_RE = re.compile(r"\b(?:target|ditargetkan|rencana|direncanakan|diusulkan|usulan|pagu)\b", re.IGNORECASE)


def _qualifier(around: str) -> str:
    """A key suffix for amounts of another year, the past or a plan, so they are not compared with today's."""
    parts = sorted(set(_YEAR_RE.findall(around)))
    if _PAST_RE.search(around):
        parts.append("lalu")
    if _PLAN_RE.search(around):
        parts.append("target")
    return f" ({', '.join(parts)})" if parts else ""


def keyed_figures(text: str) -> list[KeyedFigure]:
    """Amounts of money after a cue noun ('dana hibah sebesar Rp50 juta') and participant counts."""
    found = []
    for cue in finditer_at(_MONEY_CUE_RE, text, word_starts(text, _MONEY_CUE_FORMS)):
        s_start, s_end = sentence_at(text, cue.start())
        window = min(s_end, cue.end() + 45)
        number = next((n for n in numbers(text, cue.end(), window) if n.money), None)
        if number is None:
            continue
        between = text[cue.end() : number.start]
        tail = text[number.end : min(s_end, number.end + 20)]
        if _PER_RE.search(between) or _PER_RE.search(tail) or _MONEY_CUE_RE.search(between):
            continue
        if re.search(r"\bdari\s*$", text[cue.end() : number.start], re.IGNORECASE):
            # "anggaran naik dari Rp1 miliar menjadi Rp1,5 miliar": the figure now is the one after "menjadi".
            later = next((n for n in numbers(text, number.end, min(s_end, number.end + 40)) if n.money), None)
            if later is None or not _MENJADI_RE.search(text[number.end : later.start]):
                continue
            number = later
        rest = re.split(r"[,;]|\d", text[number.end : min(s_end, number.end + 40)])[0]
        around = text[max(s_start, cue.start() - 25) : number.start] + rest
        key = cue.group("cue").lower()
        nxt = (cue.group("next") or "").strip().lower()
        if nxt and nxt not in _FILLERS and not nxt.startswith("rp"):
            key = f"{key} {nxt}"
        found.append(KeyedFigure(key + _qualifier(around), number, (s_start, s_end)))
    for s_start, s_end in sentences(text):
        for number in numbers(text, s_start, s_end):
            if number.percent or number.money or not number.counts:
                continue  # a participant count says what it counts
            before = text[max(s_start, number.start - 60) : number.start]
            if _SUBGROUP_RE.match(text, number.end):
                continue  # "40 peserta perempuan", "20 orang di antaranya": part of the whole
            is_peserta = number.counts.lower() == "peserta"
            if (is_peserta and _TOTAL_PESERTA_RE.search(before)) or _PARTICIPANT_RE.search(before):
                found.append(KeyedFigure("peserta", number, (s_start, s_end)))
    return found


_AMONG_RE = re.compile(r"^\s*(?:\w+\s+)?(?:di\s*antaranya|diantaranya|di\s+antara)", re.IGNORECASE)


class MentionIndex:
    """Where the next mention of another cluster begins, found by bisection (built once for all clusters)."""

    def __init__(self, clusters: list[Cluster]) -> None:
        pairs = sorted((m.start, id(c)) for c in clusters for m in c.mentions)
        self.starts = [s for s, _ in pairs]
        self.owners = [o for _, o in pairs]
        # skip[i]: the first index after i whose mention belongs to another cluster than i's
        self.skip = [len(pairs)] * len(pairs)
        for i in range(len(pairs) - 2, -1, -1):
            self.skip[i] = self.skip[i + 1] if self.owners[i + 1] == self.owners[i] else i + 1

    def next_other(self, cluster: Cluster, pos: int) -> int | None:
        """The first start at or after ``pos`` of a mention of a cluster other than ``cluster``."""
        k = bisect.bisect_left(self.starts, pos)
        if k < len(self.starts) and self.owners[k] == id(cluster):
            k = self.skip[k]
        return self.starts[k] if k < len(self.starts) else None


def _cluster_counts(
    cluster: Cluster, clusters: list[Cluster], text: str, index: MentionIndex | None = None
) -> list[Number]:
    """Member counts written right after each mention of one cluster, before the next cluster is named."""
    index = index or MentionIndex(clusters)
    counts = []
    for mention in cluster.mentions:
        s_start, s_end = sentence_at(text, mention.start, mention.end)
        other = index.next_other(cluster, mention.end)
        stop = min(s_end, mention.end + 80, other if other is not None else s_end)
        for number in numbers(text, mention.end, stop):
            if number.percent or number.money:
                continue
            if _TOTAL_CUE_RE.search(text[mention.end : number.start]):
                break
            # "dari" is looked for in the last 120 characters (from a word's start), not the whole sentence
            lo = s_start
            if number.start - s_start > 120:
                lo = text.find(" ", number.start - 120, number.start) + 1 or number.start
            if _AMONG_RE.match(text[number.end : number.end + 40]) or _DARI_RE.search(text[lo : number.start]):
                continue
            if unit_after(text, number):
                counts.append(number)
            break
    return list({n.start: n for n in counts}.values())


def member_count(
    cluster: Cluster, clusters: list[Cluster], text: str, index: MentionIndex | None = None
) -> int | None:
    """The cluster's member count: from the record, else the first count written right after its name."""
    if cluster.member_count is not None:
        return cluster.member_count
    found = _cluster_counts(cluster, clusters, text, index)
    return int(found[0].value) if found else None


def _repeat_check(subject: str, found: list[Number], text: str, unit_word: str) -> Check | None:
    values = {n.value for n in found}
    mentions = [n.span(text, "fc-repeat") for n in found]
    quoted = "; ".join(f"“{say(text, n)}”" for n in found)
    if len(values) == 1:
        return _check(
            "repeated_figure",
            "ok",
            f"{subject} is given the same {unit_word} {len(found)} times ({quoted}).",
            mentions,
        )
    if any(n.approximate for n in found) and max(values) <= 1.1 * min(values):
        return _check(
            "repeated_figure",
            "unverifiable",
            f"{subject} is given different {unit_word}s ({quoted}), but some are approximate.",
            mentions,
        )
    return _check(
        "repeated_figure",
        "mismatch",
        f"{subject} is given different {unit_word}s in the same article: {quoted}.",
        mentions,
    )


def repeated_figure_checks(facts: ArticleFacts, text: str) -> list[Check]:
    """The same figure given twice with different values: a cluster's members, an amount, participants."""
    checks = []
    index = MentionIndex(facts.clusters)
    for cluster in facts.clusters:
        found = _cluster_counts(cluster, facts.clusters, text, index)
        if len(found) >= 2:
            checks.append(_repeat_check(cluster.label, found, text, "member count"))
    by_key: dict[str, list[Number]] = {}
    for figure in keyed_figures(text):
        by_key.setdefault(figure.key, []).append(figure.number)
    for key, found in by_key.items():
        found = list({n.start: n for n in found}.values())
        if len(found) >= 2:
            label = "The number of participants" if key == "peserta" else f"The {key}"
            checks.append(_repeat_check(label, found, text, "amount" if key != "peserta" else "number"))
    return [c for c in checks if c]


def extra_checks(facts: ArticleFacts, text: str) -> list[Check]:
    """Figure checks beyond the core ones: member sums, percentages, the same figure given twice."""
    checks: list[Check] = []
    for run in (member_sum_checks, percentage_checks, repeated_figure_checks):
        checks.extend(run(facts, text))
    return checks


def ensure_extra_checks(facts: ArticleFacts, text: str) -> ArticleFacts:
    """The record with this module's checks added, unless extraction already added them."""
    if any(c.kind in KINDS for c in facts.checks):
        return facts
    extra = extra_checks(facts, text)
    if not extra:
        return facts
    return facts.model_copy(update={"checks": [*facts.checks, *extra]})
