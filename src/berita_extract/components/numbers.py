"""Numbers in Indonesian news ("1.250", "Rp1,5 miliar", "lima belas", "puluhan"): a spaCy component."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import Field
from spacy.language import Language
from spacy.tokens import Doc

from ..patterns import Row, load
from ._spans import add_span, doc_text, spans
from .dates import SPAN_KEY as DATES_KEY
from .textutil import fold, word_starts

SPAN_KEY = "numbers"
_SP = r"[^\S\r\n]"  # horizontal white space, non-breaking space included
_RANGE = r"(?:-|–|s\.?d\.?|s/d|hingga|sampai)"
_WORD_KINDS = ("unit", "teen", "tens", "hundreds", "scale")
_DIGIT_RUN = re.compile(r"\d+")
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}")
# verb and adverb prefixes: a word with one of them after a number is not what the number counts
_NOT_NOUN = re.compile(r"(?:di|me|ber|ter|se)[a-z]|.*nya\Z")


class NumberWordRow(Row):
    """A row of patterns/numbers.tsv: a number word, an approximate word, or a word before numbers."""

    word: str = Field(min_length=1, description="the word as written, lowercase")
    kind: Literal["unit", "teen", "tens", "hundreds", "scale", "approx_word", "approx_prefix", "label"]
    value: int | None = Field(default=None, ge=0, description="its value (a lower bound for approx_word)")


class UnitRow(Row):
    """A row of patterns/units.tsv: a unit as written next to a number and its canonical form."""

    form: str = Field(min_length=1)
    unit: str = Field(min_length=1, description="the canonical unit reported")
    position: Literal["prefix", "suffix"] = Field(description="before (Rp) or after (persen) the number")


class CountedNounRow(Row):
    """A row of patterns/counted_nouns.tsv: a noun that says what a number counts."""

    noun: str = Field(min_length=1, description="lowercase, as written")


@dataclass(frozen=True)
class NumberMatch:
    """One numeric claim: text[start:end] == text, with its value, unit and what it counts."""

    start: int
    end: int
    text: str
    value: int | float
    unit: str | None
    counts: str | None
    approximate: bool
    rule: str


def _alternation(forms: Iterable[str]) -> str:
    """A regex alternation, longest first, each form a whole word."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", _SP + "+") for f in ordered)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _parse_digits(text: str) -> Decimal | None:
    """Digits with Indonesian separators: dot for thousands, comma for decimals ("1.250,5").

    English separators are read too when unambiguous: several commas ("1,250,000") are thousands,
    and a single dot not followed by exactly three digits ("1.5") is a decimal point.
    """
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
    elif commas:
        decimal_sep = "," if commas == 1 else None
    elif dots:
        decimal_sep = "." if dots == 1 and len(text) - text.rfind(".") - 1 != 3 else None
    else:
        decimal_sep = None
    thousands_sep = "." if decimal_sep == "," else ","
    if decimal_sep is None:
        thousands_sep = "." if dots else ","
    cleaned = text.replace(thousands_sep, "")
    if decimal_sep:
        cleaned = cleaned.replace(decimal_sep, ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


class NumberFinder:
    """Finds numbers with regexes compiled once from the pattern rows; a spaCy component."""

    def __init__(
        self,
        words: Sequence[NumberWordRow],
        units: Sequence[UnitRow],
        nouns: Sequence[CountedNounRow],
        months: Iterable[str] = (),
    ) -> None:
        self._last: tuple[str, list[tuple[int, int, NumberMatch]]] | None = None
        self.word_of: dict[str, NumberWordRow] = {}
        for row in words:
            self.word_of[row.word.lower()] = row
        self.unit_of = {_key(u.form): u for u in units}
        self.noun_of = {_key(n.noun): n for n in nouns}
        by_kind: dict[str, list[str]] = {}
        for row in words:
            by_kind.setdefault(row.kind, []).append(row.word)
        number_words = [w for k in _WORD_KINDS for w in by_kind.get(k, [])]
        # se- forms: "sebelas" = satu belas, "seratus" = satu ratus, "seribu" = satu ribu ...
        number_words += ["se" + w for k in _WORD_KINDS[1:] for w in by_kind.get(k, [])]
        self.number_words = tuple(sorted(set(number_words)))
        word = rf"(?:{_alternation(number_words)})(?!\w)"
        digits = (
            r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d+(?:[.,]\d+)?)"
            r"(?![\d/]|[.,]\d)"
        )
        # a number as written, in digits or words, for other rules to embed ("tiga", "lima belas", "1.250")
        # (at most 12 words, so rules embedding it cannot backtrack through a long run of "ribu ribu ...")
        self.written = rf"(?:{digits}|{word}(?:{_SP}+{word}){{0,11}})"
        prefix_units = _alternation(u.form for u in units if u.position == "prefix")
        suffix_units = _alternation(u.form for u in units if u.position == "suffix")
        # a cheap look at the first two characters before trying the alternations (most words fail here)
        heads = {f[:2].lower() for f in [*by_kind.get("approx_prefix", []), *number_words, *by_kind.get(
            "approx_word", []), *(u.form for u in units if u.position == "prefix")]}
        first = "|".join(re.escape(h) for h in sorted(heads))
        self._numbers = re.compile(
            rf"""(?<![\w.,/\-–+$])(?=\d|{first})
            (?:(?P<approx>{_alternation(by_kind.get("approx_prefix", []))}){_SP}+)?
            (?:(?P<cur>{prefix_units}){_SP}*)?
            (?:
                (?P<digits>{digits})(?:{_SP}*(?P<range>{_RANGE}){_SP}*(?P<digits2>{digits}))?
              | (?P<words>{word}(?:{_SP}+{word})*)
              | (?P<aword>{_alternation(by_kind.get("approx_word", []))})(?!\w)
            )
            (?:{_SP}+(?P<scale>{_alternation(by_kind.get("scale", []))})(?!\w))?
            (?:{_SP}*(?P<unit>%|(?:{suffix_units})(?!\w)))?
            """,
            re.VERBOSE | re.IGNORECASE,
        )
        self._label_before = re.compile(
            rf"(?<!\w)(?:{_alternation(by_kind.get('label', []))}|ke{_SP}*-){_SP}*\Z", re.IGNORECASE
        )
        # a name or code before the number: "SMPN 13", "COVID 19" (currency prefixes are matched before)
        self._name_before = re.compile(rf"(?<!\w)[A-Z]{{2,}}{_SP}+\Z")
        self._capital_before = re.compile(rf"(?<![\w'’])[A-Z][\w'’]*{_SP}+\Z")
        self._more_after = re.compile(rf"{_SP}+lebih(?!\w)(?!{_SP}+dari)", re.IGNORECASE)
        self._noun_after = re.compile(rf"{_SP}+(?P<noun>{_alternation(self.noun_of)})(?!\w)", re.IGNORECASE)
        self._word_after = re.compile(rf"{_SP}+(?P<noun>[a-z]{{3,}})(?![\w-])")
        self._time_zone_after = re.compile(
            rf"(?:{_SP}*{_RANGE}{_SP}*\d{{1,2}}[.:]\d{{2}})?{_SP}*WI[BT]A?(?!\w)"
        )
        month_re = _alternation(months) if months else "(?!)"
        # days and years that belong to a calendar expression, not to a quantity:
        # "26-30 Agustus 2015", "8 hingga 10 November", "Januari - Juli 2017", "II/2015"
        # days that belong to a calendar expression, not to a quantity ("26-30 Agustus 2015",
        # "8 hingga 10 November"), slash forms ("25/8", "II/2015") and phone numbers
        self._calendar = re.compile(
            rf"""(?=[\d+(])(?:
              (?<![\w.,])\d{{1,2}}(?:{_SP}*(?:{_RANGE}|dan|,){_SP}*\d{{1,2}}){{0,6}}{_SP}+(?:{month_re})(?!\w)\.?
              (?:{_SP}+\d{{4}}(?!\d))?
            | (?<!\d)\d+(?:{_SP}*/{_SP}*\d+)+
            | (?<![\w+])(?:\+62[\s.-]?|\(?0)\d{{2,4}}\)?(?:[\s.-]?\d{{3,4}}){{1,2}}\d{{0,2}}(?!\d)
            )""",
            re.VERBOSE | re.IGNORECASE,
        )
        self._month_before = re.compile(
            rf"(?<!\w)(?:{month_re})\.?{_SP}*(?:{_RANGE}{_SP}*)?\Z", re.IGNORECASE
        )
        try:
            from spacy.lang.id.stop_words import STOP_WORDS
        except ImportError:  # pragma: no cover - spaCy always ships it
            STOP_WORDS = set()
        self._stop = frozenset(STOP_WORDS) | frozenset(w.lower() for w in months) | frozenset(self.word_of)

    # ------------------------------------------------------------------ parsing

    def parse_words(self, words: str) -> int | None:
        """The value of a number written in words ("dua ratus lima puluh ribu" = 250000), or None."""
        tokens = fold(words).split()
        if not tokens:
            return None
        steps: list[NumberWordRow] = []
        for tok in tokens:
            row = self.word_of.get(tok)
            if row is None and tok.startswith("se"):
                base = self.word_of.get(tok[2:])
                if base is not None and base.kind in _WORD_KINDS[1:]:
                    steps.append(self.word_of["satu"])
                    row = base
            if row is None or row.kind not in _WORD_KINDS or row.value is None:
                return None
            steps.append(row)
        if len(steps) == 1 and steps[0].kind == "unit":
            return steps[0].value
        total, small, pending, last_scale = 0, 0, None, None
        for row in steps:
            value = row.value
            if row.kind == "unit":
                if pending is not None or value == 0:
                    return None
                pending = value
                continue
            if row.kind == "scale":
                amount = small + (pending or 0)
                if amount == 0 or (last_scale is not None and value >= last_scale):
                    return None
                total, small, pending, last_scale = total + amount * value, 0, None, value
                continue
            if pending is None:
                return None
            if row.kind == "hundreds" and small == 0:
                small = pending * 100
            elif row.kind == "tens" and small % 100 == 0:
                small += pending * 10
            elif row.kind == "teen" and small % 100 == 0:
                small += 10 + pending
            else:
                return None
            pending = None
        return total + small + (pending or 0)

    def _value(self, m: re.Match[str]) -> Decimal | None:
        """The value of a number match: digits or words or an approximate word, times its scale."""
        if m["digits"] is not None:
            value = _parse_digits(m["digits"])
        elif m["words"] is not None:
            parsed = self.parse_words(re.sub(r"\s+", " ", m["words"]))
            value = Decimal(parsed) if parsed is not None else None
        else:
            value = Decimal(self.word_of[fold(m["aword"])].value or 0)
        if value is None:
            return None
        if m["scale"] is not None:
            value *= self.word_of[fold(m["scale"])].value or 1
        return value

    def parse(self, text: str) -> int | float | None:
        """The value of ``text`` when it is one number ("1.250", "Rp1,5 miliar", "lima belas"), else None."""
        m = self._numbers.fullmatch(text.strip())
        if m is None:
            return None
        value = self._value(m) if m["digits"] is None or len(m["digits"]) <= 24 else None
        return None if value is None else _number(value)

    def written_starts(self, text: str) -> list[int]:
        """Where ``written`` can match when not right after a digit: at each run of digits and each number word
        in any case ("Tiga", "sebelas", also inside other words); for trying a regex only there."""
        return sorted({*(m.start() for m in _DIGIT_RUN.finditer(text)), *word_starts(text, self.number_words)})

    # ------------------------------------------------------------------ finding

    def find(self, text: str, skip: Iterable[tuple[int, int]] = ()) -> list[NumberMatch]:
        """The numeric claims in ``text``, leaving out those overlapping ``skip`` and calendar numbers."""
        found = self._read_all(text)
        blocked = _merge(skip)
        if not blocked:
            return [n for _, _, n in found]
        starts = [s for s, _ in blocked]
        return [n for s, e, n in found if not _overlaps(blocked, starts, s, e)]

    def _read_all(self, text: str) -> list[tuple[int, int, NumberMatch]]:
        """Every number of ``text`` outside calendar numbers, with the span of its match (what ``skip`` is
        tested against). The last text's numbers are kept: the component (skipping dates) and the figure
        checks (skipping nothing) read the same article one after the other."""
        if self._last is not None and (self._last[0] is text or self._last[0] == text):
            return self._last[1]
        blocked = _merge(c.span() for c in self._calendar.finditer(text))
        starts = [s for s, _ in blocked]
        out: list[tuple[int, int, NumberMatch]] = []
        for m in self._numbers.finditer(text):
            if _overlaps(blocked, starts, m.start(), m.end()):
                continue
            found = self._read(text, m)
            if found is not None:
                out.append((m.start(), m.end(), found))
        self._last = (text, out)
        return out

    def _read(self, text: str, m: re.Match[str]) -> NumberMatch | None:
        start, end = m.span()
        num_start = next((m.start(g) for g in ("digits", "words", "aword") if m[g] is not None), start)
        if self._label_before.search(text, max(0, num_start - 12), num_start):
            return None  # "pukul 9", "Pasal 5", "tahun 2025", "salah satu", "ke - 72"
        if m["cur"] is None and self._name_before.search(text, max(0, start - 12), start):
            return None
        words = m["words"]
        if words and words[0].isupper() and self._capital_before.search(text, max(0, start - 40), start):
            return None  # a number word in a name: "Desa Kuala Dua", "Tugu Lima"
        if text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha():
            return None  # "80-an", "satu-satunya", "tiga-tiganya"
        digits = m["digits"]
        if digits is not None:
            if _CLOCK.fullmatch(digits) and self._time_zone_after.match(text, end):
                return None  # "24.00 WITA", "09.00-12.00 WIB"
            if len(digits) >= 3 and digits[0] == "0" and digits.isdigit():
                return None  # phone numbers, codes
            if len(digits) > 24:
                return None  # a string of digits (an id, a hash), not a quantity
        value = self._value(m)
        if value is None:
            return None
        rule = []
        approximate = False
        if m["approx"] is not None:
            approximate = True
            rule.append(self.word_of[_key(m["approx"])].id)
        unit = None
        if m["cur"] is not None:
            row = self.unit_of[_key(m["cur"])]
            unit = row.unit
            rule.append(row.id)
        if digits is not None:
            rule.append("num-digits")
            if m["range"] is not None:
                approximate = True  # "10-15 persen": the lower end, kept as approximate
                rule.append("num-range")
        elif m["words"] is not None:
            rule.append("num-words")
        else:
            approximate = True
            rule.append(self.word_of[fold(m["aword"])].id)
        if m["scale"] is not None:
            rule.append(self.word_of[fold(m["scale"])].id)
        if m["unit"] is not None:
            row = self.unit_of[_key(m["unit"])]
            unit = unit or row.unit
            rule.append(row.id)

        more = self._more_after.match(text, end)
        if more is not None:  # "seribu lebih pendaki": more than a thousand
            approximate, end = True, more.end()
            rule.append("apx-lebih")
        counts, listed = None, False
        if unit is None:  # a sum of money or a measure counts nothing ("12% tahun ini")
            noun = self._noun_after.match(text, end)
            if noun is not None:
                counts, listed = _key(noun["noun"]), True
                rule.append(self.noun_of[counts].id)
                end = noun.end()
            else:
                word = self._word_after.match(text, end)
                if word is not None and word["noun"] not in self._stop and not _NOT_NOUN.match(word["noun"]):
                    counts = word["noun"]
                    rule.append("counts-open")
                    end = word.end()
            if counts is not None and more is None:
                more = self._more_after.match(text, end)
                if more is not None:  # "20 orang lebih"
                    approximate, end = True, more.end()
                    rule.append("apx-lebih")

        bare = m["scale"] is None and unit is None and not listed
        four = digits is not None and len(digits) == 4 and digits.isdigit()
        year_like = four and 1800 <= int(digits) <= 2100
        if year_like and self._month_before.search(text, max(0, start - 16), start):
            return None  # the year of a month ("Agustus 2017", "Januari - Juli 2017")
        if bare and year_like:
            return None  # a year ("pada 2017", "SVF 2015", "2015 - 2017"), unless it counts something listed
        if bare and m["words"] is not None and value == 1:
            return None  # "satu" is a quantity only with what it counts: not "satu sisi", "Satu Data"
        text_ = text[start:end]
        return NumberMatch(start, end, text_, _number(value), unit, counts, approximate, "+".join(rule))

    def __call__(self, doc: Doc) -> Doc:
        """Add each number to doc.spans["numbers"], skipping the dates berita_dates found."""
        skip = [(s["start"], s["end"]) for s in spans(doc, DATES_KEY)]
        for n in self.find(doc_text(doc), skip):
            add_span(
                doc, SPAN_KEY, n.start, n.end, n.rule,
                value=n.value, unit=n.unit, counts=n.counts, approximate=n.approximate,
            )
        return doc


def _key(form: str) -> str:
    return " ".join(fold(form).split())


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges sorted and merged into disjoint ones."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _overlaps(blocked: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the disjoint sorted ``blocked`` ranges."""
    i = bisect.bisect_left(starts, end)
    return i > 0 and blocked[i - 1][1] > start


@functools.cache
def default_finder() -> NumberFinder:
    """The NumberFinder built from the project's pattern files (built once)."""
    return _build("numbers.tsv", "units.tsv", "counted_nouns.tsv", "months.tsv")


@functools.cache  # one finder per pattern files: the component and find_numbers share it (and its last text)
def _build(words: str, units: str, nouns: str, months: str) -> NumberFinder:
    from .dates import MonthRow

    return NumberFinder(
        load(words, NumberWordRow),
        load(units, UnitRow),
        load(nouns, CountedNounRow),
        [row.name for row in load(months, MonthRow)],
    )


def written_number() -> str:
    """A regex (source) matching one number written in digits or Indonesian words, from patterns/numbers.tsv."""
    return default_finder().written


def written_starts(text: str) -> list[int]:
    """Where written_number() can match in ``text`` when not right after a digit (see NumberFinder.written_starts)."""
    return default_finder().written_starts(text)


@functools.cache
def measure_units() -> frozenset[str]:
    """Units of measure and currency written after or before a number (patterns/units.tsv), lowercased."""
    return frozenset(default_finder().unit_of)


def parse_number_words(words: str) -> int | None:
    """The value of a number in words: "tiga" = 3, "lima belas" = 15, "dua ratus lima puluh ribu" = 250000."""
    return default_finder().parse_words(words)


def parse_number(text: str) -> int | float | None:
    """The value of one written number: "1.250" = 1250, "1,5" = 1.5, "Rp1,5 miliar" = 1500000000."""
    return default_finder().parse(text)


def find_numbers(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[NumberMatch]:
    """The numeric claims in ``text``, leaving out character ranges in ``skip`` (pass the dates found)."""
    return default_finder().find(text, skip)


@Language.factory(
    "berita_numbers",
    default_config={
        "words": "numbers.tsv",
        "units": "units.tsv",
        "counted_nouns": "counted_nouns.tsv",
        "months": "months.tsv",
    },
)
def make_numbers(
    nlp: Language, name: str, words: str, units: str, counted_nouns: str, months: str
) -> NumberFinder:
    """The berita_numbers component: numbers into doc.spans["numbers"]; put it after berita_dates."""
    return _build(words, units, counted_nouns, months)
