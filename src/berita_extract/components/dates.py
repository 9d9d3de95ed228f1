"""Calendar dates in Indonesian news ("Selasa, 11 Oktober 2022", "Selasa (11/10)"): a spaCy component."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import Field
from spacy.language import Language
from spacy.tokens import Doc

from ..patterns import Row, load
from ._spans import add_span, doc_text
from .textutil import fold

SPAN_KEY = "dates"
_SP = r"[^\S\r\n]"  # horizontal white space, non-breaking space included; a date never spans lines
_APOSTROPHES = "['’‘`]"
_RANGE_WORDS = r"(?:-|–|—|s\.?d\.?|s/d|hingga|sampai)"
# years written with four digits that we take as years of a date (11 April 1815 is real news)
_MIN_YEAR, _MAX_YEAR = 1000, 2999


class MonthRow(Row):
    """A month name in patterns/months.tsv."""

    month: int = Field(ge=1, le=12, description="1 = Januari .. 12 = Desember")
    name: str = Field(min_length=2, description="the spelling as written")
    kind: Literal["full", "abbr", "old"] = Field(description="full name, abbreviation or old spelling")


class DayRow(Row):
    """A day name in patterns/days.tsv."""

    weekday: int = Field(ge=0, le=6, description="0 = Senin .. 6 = Minggu")
    name: str = Field(min_length=3, description="the spelling as written; ' matches either apostrophe")


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text: text[start:end] is the date as written (with its day name when given)."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    weekday: int | None
    rule: str


def _alternation(names: Iterable[str]) -> str:
    """A regex alternation of the names, longest first so "Agustus" wins over "Agust"."""
    return "|".join(sorted(set(names), key=lambda n: (-len(n), n)))


def _spelling(name: str) -> str:
    return re.escape(name).replace("'", _APOSTROPHES)


def _case_forms(name: str) -> list[str]:
    """Capitalised and UPPER forms of a name (news capitalises day names and abbreviations)."""
    return [_spelling(name[:1].upper() + name[1:]), _spelling(name.upper())]


def _days_in(month: int, year: int | None) -> int:
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def _full_year(digits: str) -> int:
    # two-digit years (11/10/22) are read as 2000-2049 or 1950-1999
    value = int(digits)
    if len(digits) == 2:
        return 2000 + value if value < 50 else 1900 + value
    return value


class DateFinder:
    """Finds dates with regexes compiled once from the month and day pattern rows; a spaCy component."""

    def __init__(self, months: Sequence[MonthRow], days: Sequence[DayRow]) -> None:
        self.month_of: dict[str, tuple[int, str]] = {}
        self.weekday_of: dict[str, int] = {}
        words = []
        abbrs = []
        for row in months:
            key = self._key(row.name)
            self.month_of[key] = (row.month, row.id)
            (abbrs if row.kind == "abbr" else words).append(row.name)
        for row in days:
            self.weekday_of[self._key(row.name)] = row.weekday
        full = _alternation(_spelling(n) for n in words)
        short = _alternation(f for n in abbrs for f in _case_forms(n))
        month_re = rf"(?:(?i:{full})|(?:{short})\.?)"
        day_re = _alternation(f for row in days for f in _case_forms(row.name))
        # not inside a longer number, word, range, decimal or reference number ("KUM.1/8/2018")
        edge = r"(?<![\w/\-–])(?<!\d[.,])(?<![A-Z]\.)"
        tail = r"(?![\w/]|[.,]\d|-\d)"
        self._dates = re.compile(
            # a range's last day may touch its dash ("13-19 Maret 2013")
            rf"""(?=\d)(?:{edge}|(?<=\d[-–])(?=\d{{1,2}}{_SP}+[A-Za-z]))(?:
              (?P<nd>\d{{1,2}}){_SP}+(?P<nmon>{month_re})(?!\w)(?:{_SP}+(?P<ny>\d{{4}})(?!\d|[.,]\d))?
            | (?P<sd>\d{{1,2}}){_SP}*/{_SP}*(?P<sm>\d{{1,2}})
              (?:{_SP}*/{_SP}*(?P<sy>\d{{4}}|\d{{2}})|-(?P<sdy>\d{{4}}))?{tail}
            | (?P<dd>\d{{1,2}}){_SP}*-{_SP}*(?P<dm>\d{{1,2}}){_SP}*-{_SP}*(?P<dy>\d{{4}}){tail}
            | (?P<pd>\d{{1,2}})\.(?P<pm>\d{{1,2}})\.(?P<py>\d{{4}}){tail}
            | (?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}){tail}
            )""",
            re.VERBOSE,
        )
        # looked for only in the few characters before a date
        self._weekday_before = re.compile(
            rf"(?<!\w)(?P<wd>{day_re}){_SP}*(?:,{_SP}*)?(?P<open>\({_SP}*)?\Z"
        )
        self._range_before = re.compile(rf"(?<![\w.,/])(?P<d>\d{{1,2}}){_SP}*{_RANGE_WORDS}{_SP}*\Z")
        self._range_after = re.compile(
            rf"{_SP}*{_RANGE_WORDS}{_SP}*\d{{1,2}}{_SP}+(?:{month_re})(?!\w){_SP}+(?P<y>\d{{4}})(?!\d)"
        )
        self._close = re.compile(rf"{_SP}*\)")

    @staticmethod
    def _key(name: str) -> str:
        return fold(re.sub(_APOSTROPHES, "'", name))

    def find(self, text: str) -> list[DateMatch]:
        """The dates in ``text``, in order."""
        out: list[DateMatch] = []
        for m in self._dates.finditer(text):
            found = self._read(text, m)
            if found is None:
                continue
            first = self._range_start(text, m, found)
            if first is not None:
                if text[: first.start].rstrip().endswith("("):
                    continue  # "Festival X (26-30 Agustus 2015)": the span of a named event, not a day of the story
                out.append(first)
            out.append(found)
        return out

    def _range_start(self, text: str, m: re.Match[str], end: DateMatch) -> DateMatch | None:
        """The first day of a range of days ("13-19 Maret 2013", "22 hingga 26 Agustus"): both ends are days."""
        if m["nd"] is None:
            return None
        before = self._range_before.search(text, max(0, m.start() - 16), m.start())
        if before is None or not 1 <= int(before["d"]) < end.day:
            return None
        day = int(before["d"])
        return DateMatch(before.start("d"), before.end("d"), day, end.month, end.year, None, "date-range-start")

    def _read(self, text: str, m: re.Match[str]) -> DateMatch | None:
        start, end = m.span()
        year_text = None
        if m["nd"] is not None:
            month, month_id = self.month_of[self._key(m["nmon"].rstrip("."))]
            day, year_text, rule = int(m["nd"]), m["ny"], "date-name"
            rule = f"{rule}:{month_id}"
        elif m["sd"] is not None:
            day, month, year_text, rule = int(m["sd"]), int(m["sm"]), m["sy"] or m["sdy"], "date-slash"
        elif m["dd"] is not None:
            day, month, year_text, rule = int(m["dd"]), int(m["dm"]), m["dy"], "date-dash"
        elif m["pd"] is not None:  # "11.10.2022": never a number (its groups are not thousands)
            day, month, year_text, rule = int(m["pd"]), int(m["pm"]), m["py"], "date-dot"
        else:
            day, month, year_text, rule = int(m["id"]), int(m["im"]), m["iy"], "date-iso"
        year = _full_year(year_text) if year_text else None
        if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        if not (1 <= month <= 12 and 1 <= day <= _days_in(month, year)):
            return None

        weekday = None
        before = self._weekday_before.search(text, max(0, start - 14), start)
        if before is not None:
            close = self._close.match(text, end)
            if before["open"] is None or close is not None:
                weekday = self.weekday_of[self._key(before["wd"])]
                start = before.start()
                end = close.end() if close is not None and before["open"] is not None else end
            elif before["open"] is not None:
                weekday = self.weekday_of[self._key(before["wd"])]  # "(" never closed: keep the digits only
        if year is None and rule == "date-slash" and weekday is None:
            return None  # "11/10" alone may be a fraction or a score; with a day name it is a date
        if year is None and m["nd"] is not None:
            after = self._range_after.match(text, m.end())
            if after is not None:
                # "8 Mei hingga 7 Oktober 2017": the first day takes the year of the second
                year, rule = int(after["y"]), rule + "+range-year"
                if day > _days_in(month, year):
                    return None
        return DateMatch(start, end, day, month, year, weekday, rule)

    def __call__(self, doc: Doc) -> Doc:
        """Add each date to doc.spans["dates"] with its day, month, year and weekday."""
        for d in self.find(doc_text(doc)):
            data = {"day": d.day, "month": d.month, "year": d.year, "weekday": d.weekday}
            add_span(doc, SPAN_KEY, d.start, d.end, d.rule, **data)
        return doc


@functools.cache
def default_finder() -> DateFinder:
    """The DateFinder built from patterns/months.tsv and patterns/days.tsv (built once)."""
    return DateFinder(load("months.tsv", MonthRow), load("days.tsv", DayRow))


def find_dates(text: str) -> list[DateMatch]:
    """The dates in ``text`` with the project's month and day patterns, in order."""
    return default_finder().find(text)


def resolve_year(match: DateMatch, published: dt.date | None) -> dt.date | None:
    """The calendar date of a match; a missing year comes from the published date (None when unknown).

    A day without a year takes the year of publication, except across the turn of the year: an article
    of 3 January naming "Kamis (28/12)" means December of the year before (and one of late December
    naming early January means the year after).
    """
    if match.year is not None:
        try:
            return dt.date(match.year, match.month, match.day)
        except ValueError:
            return None
    if published is None:
        return None
    candidates = []
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            candidates.append(dt.date(year, match.month, match.day))
        except ValueError:  # 29 February outside a leap year
            continue
    if not candidates:
        return None
    same_year = candidates[0] if candidates[0].year == published.year else None
    nearest = min(candidates, key=lambda d: abs((d - published).days))
    if same_year is not None and abs((same_year - published).days) <= 183:
        return same_year
    if abs((nearest - published).days) <= 92:
        return nearest
    return same_year


_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/([0-2]\d|3[01]))?/")


def date_from_url(url: str | None) -> dt.date | None:
    """The publication date many news sites put in their addresses ("/2016/05/..."); the 15th without a day."""
    m = _URL_DATE.search(url or "")
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3] or 15))
    except ValueError:
        return None


_CLOCK_AFTER = re.compile(rf"{_SP}*[|,\-–]?{_SP}*\d{{1,2}}[:.]\d{{2}}{_SP}*(?:WIB|WITA|WIT)\b")


@functools.cache
def _posting_before() -> re.Pattern[str]:
    from ..lexicon import alternation, rows

    cues = alternation([r.word for r in rows("posting_cues.tsv")])
    return re.compile(rf"(?i:{cues})(?:{_SP}+(?:pada|on|tanggal|tgl\.?))?{_SP}*:?{_SP}*\Z")


def posting_date(text: str, matches: Iterable[DateMatch]) -> dt.date | None:
    """The date the page was posted, for an article without a publication date: a full date after a posting
    word ("Diposting pada Senin, 3 Maret 2025") or before a clock time ("Senin, 3 Maret 2025 | 10:15 WIB")."""
    cue = _posting_before()
    for m in matches:
        if m.year is None:
            continue
        if cue.search(text, max(0, m.start - 30), m.start) or _CLOCK_AFTER.match(text, m.end):
            try:
                return dt.date(m.year, m.month, m.day)
            except ValueError:
                continue
    return None


def weekday_ok(match: DateMatch, value: dt.date | None) -> bool | None:
    """Whether the day name written with a date agrees with its calendar date (None: nothing to check)."""
    if match.weekday is None or value is None:
        return None
    return value.weekday() == match.weekday


@Language.factory(
    "berita_dates",
    default_config={"months": "months.tsv", "days": "days.tsv"},
)
def make_dates(nlp: Language, name: str, months: str, days: str) -> DateFinder:
    """The berita_dates component: dates into doc.spans["dates"], patterns read from the named files."""
    return DateFinder(load(months, MonthRow), load(days, DayRow))
