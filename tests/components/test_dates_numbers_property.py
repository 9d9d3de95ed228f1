"""Property tests: find_dates and find_numbers never raise on any text and their offsets slice it exactly."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from berita_extract.components.dates import find_dates, resolve_year, weekday_ok
from berita_extract.components.numbers import find_numbers, parse_number, parse_number_words

# pieces of Indonesian dates and numbers, so that random texts often come close to the real forms
PIECES = [
    "Selasa", "Jum'at", "Jum’at", "SENIN", "minggu", "(", ")", "/", " / ", "-", "–", ",", ".", " ",
    "11", "1", "31", "2", "29", "2022", "22", "1815", "0812", "09.00", "WIB", "pukul", "tahun",
    "Oktober", "Okt.", "Pebruari", "Mei", "hingga", "Rp", "Rp.", "US$", "%", "persen", "miliar", "ribu",
    "1.250", "1,5", "0,38", "tiga", "lima belas", "dua puluh", "seratus", "seribu", "belasan", "puluhan",
    "sekitar", "lebih dari", "lebih", "orang", "klaster", "pelaku usaha", "salah", "satu", "ke-",
    "\n", "\x00", "\u00a0", "ä", "١٢", "²",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_dates_slice_the_text(text: str) -> None:
    for d in find_dates(text):
        assert 0 <= d.start < d.end <= len(text)
        assert 1 <= d.month <= 12 and 1 <= d.day <= 31
        assert d.weekday is None or 0 <= d.weekday <= 6
        value = resolve_year(d, dt.date(2022, 10, 11))
        if value is None:  # only 29 February without a year, far from a leap year
            assert (d.day, d.month, d.year) == (29, 2, None)
        else:
            assert (value.month, value.day) == (d.month, d.day)
        assert weekday_ok(d, value) in {True, False, None}


@settings(max_examples=300, deadline=None)
@given(texts)
def test_numbers_slice_the_text(text: str) -> None:
    skip = [(d.start, d.end) for d in find_dates(text)]
    for n in find_numbers(text, skip):
        assert text[n.start : n.end] == n.text
        assert isinstance(n.value, (int, float)) and n.value >= 0
        assert not any(s < n.end and n.start < e for s, e in skip)
    parse_number(text)
    parse_number_words(text)


def test_long_runs_of_one_piece() -> None:
    """100 kB of digits, slashes or numbers: no quadratic regex (these once took minutes), sensible output."""
    assert find_numbers("9" * 100_000) == []
    assert find_dates("9" * 100_000) == []
    assert find_numbers("9/" * 50_000) == []
    assert len(find_numbers("12 orang " * 5_000)) == 5_000
    assert len(find_dates("Selasa (11/10) " * 5_000)) == 5_000
    assert parse_number("9" * 100) is None
