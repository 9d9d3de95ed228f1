"""Tests of the dates component: find_dates, resolve_year, weekday_ok and the berita_dates factory."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from berita_extract.components._spans import spans
from berita_extract.components.dates import (
    DateMatch,
    date_from_url,
    find_dates,
    posting_date,
    resolve_year,
    weekday_ok,
)

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the checkout

# (text, [(mention text, day, month, year, weekday)])
FOUND = [
    ("DEMAK – pada Selasa, 11 Oktober 2022.", [("Selasa, 11 Oktober 2022", 11, 10, 2022, 1)]),
    ("di Jakarta Pusat, Selasa (25/8/2015). Mantan", [("Selasa (25/8/2015)", 25, 8, 2015, 1)]),
    ("peserta pada Selasa (11/10).", [("Selasa (11/10)", 11, 10, None, 1)]),
    ("kata dia, Senin (27 / 8), seperti dilansir", [("Senin (27 / 8)", 27, 8, None, 0)]),
    ("Pasar Manggis, Minggu (14 / 1 / 2018).", [("Minggu (14 / 1 / 2018)", 14, 1, 2018, 6)]),
    ("Sabtu (3 / 2 / 2018)", [("Sabtu (3 / 2 / 2018)", 3, 2, 2018, 5)]),
    ("tanggal 11-10-2022 lalu", [("11-10-2022", 11, 10, 2022, None)]),
    ("surat tertanggal 11/10/2022", [("11/10/2022", 11, 10, 2022, None)]),
    ("terbit 11/10/22.", [("11/10/22", 11, 10, 2022, None)]),
    ("pada 11 Okt 2022", [("11 Okt 2022", 11, 10, 2022, None)]),
    ("pada 11 Okt. 2022", [("11 Okt. 2022", 11, 10, 2022, None)]),
    ("sejak 8 Mei lalu", [("8 Mei", 8, 5, None, None)]),
    ("besok, Rabu (26/8/2015).", [("Rabu (26/8/2015)", 26, 8, 2015, 2)]),
    ("Jumat (5/1/2024)", [("Jumat (5/1/2024)", 5, 1, 2024, 4)]),
    ("Jum'at, 5 Januari 2024", [("Jum'at, 5 Januari 2024", 5, 1, 2024, 4)]),
    ("Jum’at, 5 Januari 2024", [("Jum’at, 5 Januari 2024", 5, 1, 2024, 4)]),
    ("pada 5 Pebruari 2020", [("5 Pebruari 2020", 5, 2, 2020, None)]),
    ("pada 3 Nopember 2019", [("3 Nopember 2019", 3, 11, 2019, None)]),
    ("pada 17 Agustus 1945", [("17 Agustus 1945", 17, 8, 1945, None)]),
    ("pada 1 Agust 2020", [("1 Agust 2020", 1, 8, 2020, None)]),
    ("pada 1 Agt 2020", [("1 Agt 2020", 1, 8, 2020, None)]),
    ("meletus pada 11 April 1815.", [("11 April 1815", 11, 4, 1815, None)]),
    ("katanya, Selasa 25 Agustus 2015, semakin", [("Selasa 25 Agustus 2015", 25, 8, 2015, 1)]),
    ("Selasa,11 Oktober 2022", [("Selasa,11 Oktober 2022", 11, 10, 2022, 1)]),
    ("pada SELASA (11/10)", [("SELASA (11/10)", 11, 10, None, 1)]),
    ("Ahad (14/1/2018)", [("Ahad (14/1/2018)", 14, 1, 2018, 6)]),
    ("Kamis (11 Oktober 2022) pagi", [("Kamis (11 Oktober 2022)", 11, 10, 2022, 3)]),
    ("pada 11 OKTOBER 2022", [("11 OKTOBER 2022", 11, 10, 2022, None)]),
    ("pada 11 oktober 2022", [("11 oktober 2022", 11, 10, 2022, None)]),
    ("ISO 2022-10-11 juga", [("2022-10-11", 11, 10, 2022, None)]),
    ("pada 29/2/2024", [("29/2/2024", 29, 2, 2024, None)]),
    ("Selasa (11.10.2022)", [("Selasa (11.10.2022)", 11, 10, 2022, 1)]),
    ("Senin, (21/7/2025)", [("Senin, (21/7/2025)", 21, 7, 2025, 0)]),
    ("Rabu, 12/10/2022", [("Rabu, 12/10/2022", 12, 10, 2022, 2)]),
    ("Senin 21/7 pagi", [("Senin 21/7", 21, 7, None, 0)]),
    ("pada 01/01/2024", [("01/01/2024", 1, 1, 2024, None)]),
    ("Jum`at (5/1)", [("Jum`at (5/1)", 5, 1, None, 4)]),
    ("Senin\u00a0(21/7/2025)", [("Senin\u00a0(21/7/2025)", 21, 7, 2025, 0)]),
    # "(" without ")": the day name is kept, the mention is the digits only
    ("Selasa (25/8/2015 pukul 10.00)", [("25/8/2015", 25, 8, 2015, 1)]),
    # both ends of a range written in full; the first takes the second's year
    (
        "waktu lima bulan, 8 Mei hingga 7 Oktober 2017.",
        [("8 Mei", 8, 5, 2017, None), ("7 Oktober 2017", 7, 10, 2017, None)],
    ),
    (
        # a range of days names both its days ("13-19 Maret 2013", "22 hingga 26 Agustus")
        "pelatihan berlangsung 26-30 Agustus 2015 di balai desa",
        [("26", 26, 8, 2015, None), ("30 Agustus 2015", 30, 8, 2015, None)],
    ),
    ("pada 8 hingga 10 November", [("8", 8, 11, None, None), ("10 November", 10, 11, None, None)]),
    (
        "tanggal 17 s.d. 20 Agustus 2023",
        [("17", 17, 8, 2023, None), ("20 Agustus 2023", 20, 8, 2023, None)],
    ),
    ("Lokakarya digelar Senin (13/12-2021) di aula.", [("Senin (13/12-2021)", 13, 12, 2021, 0)]),
    (
        "dibuka Senin (24/8/2015) dan ditutup Kamis (27/8).",
        [("Senin (24/8/2015)", 24, 8, 2015, 0), ("Kamis (27/8)", 27, 8, None, 3)],
    ),
]

NOT_DATES = [
    "pukul 09.00 WIB",
    "hingga 24.00 WITA",
    "pukul 14:30",
    "pada tahun 2025",
    "sejak Oktober 2022",
    "periode Januari - Juli 2017",
    "masa 2015 - 2017",
    "tumbuh 1,5 persen",
    "naik 3.5 persen",
    "hubungi 0812-3456-7890",
    "telepon 021-12-2015",
    "31/2/2020",
    "30/2",
    "Senin (31/2)",
    "29/2/2023",
    "32 Oktober 2022",
    "0 Mei 2020",
    "11/13/2022",
    "Rp 1.250",
    "Rp 30 triliun",
    "pada hari Senin",
    "Senin pagi",
    "dua minggu, 20 orang",
    "UU No. 5/1960",
    "SK MenLHK - II/2015",
    "skor 2/1 saja",
    "pada 11/10 saja",
    "1/2/3",
    "11 Meiliana",
    "versi 1.11 Mei",
    "pukul 09.00.00",
    "Rp 1.250.000",
    "pada 17-20/8",
    "awal Januari 2024",
    "Permen No. P.12/KUM.1/8/2018 tentang",
    "Festival Danau Sunyi (26-30 Agustus 2015)",
]


def _found(text: str) -> list[tuple]:
    return [(text[d.start : d.end], d.day, d.month, d.year, d.weekday) for d in find_dates(text)]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_dates_found(text: str, expected: list[tuple]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert _found(text) == []


def test_rule_names_the_month_pattern() -> None:
    (d,) = find_dates("pada 3 Nopember 2019")
    assert d.rule == "date-name:mon-nopember"
    (d,) = find_dates("Selasa (25/8/2015)")
    assert d.rule == "date-slash"


def test_offsets_slice_the_text() -> None:
    text = "Kegiatan digelar Selasa, 11 Oktober 2022 dan dilanjutkan Kamis (13/10)."
    for d in find_dates(text):
        assert text[d.start : d.end] in {"Selasa, 11 Oktober 2022", "Kamis (13/10)"}


def _match(day: int, month: int, year: int | None = None, weekday: int | None = None) -> DateMatch:
    return DateMatch(0, 1, day, month, year, weekday, "test")


@pytest.mark.parametrize(
    ("match", "published", "expected"),
    [
        (_match(11, 10, 2022), None, dt.date(2022, 10, 11)),
        (_match(11, 10, 2022), dt.date(2015, 1, 1), dt.date(2022, 10, 11)),
        (_match(25, 8), dt.date(2015, 8, 25), dt.date(2015, 8, 25)),
        (_match(8, 5), dt.date(2017, 10, 7), dt.date(2017, 5, 8)),
        (_match(25, 8), None, None),
        (_match(28, 12), dt.date(2024, 1, 3), dt.date(2023, 12, 28)),  # across the turn of the year
        (_match(2, 1), dt.date(2023, 12, 30), dt.date(2024, 1, 2)),
        (_match(10, 2), dt.date(2015, 8, 25), dt.date(2015, 2, 10)),  # far but not across a new year
        (_match(29, 2), dt.date(2024, 3, 1), dt.date(2024, 2, 29)),
        (_match(29, 2), dt.date(2023, 3, 1), None),  # no 29 February near 2023
    ],
)
def test_resolve_year(match: DateMatch, published: dt.date | None, expected: dt.date | None) -> None:
    assert resolve_year(match, published) == expected


def test_weekday_ok() -> None:
    (good,) = find_dates("Selasa, 11 Oktober 2022")
    assert weekday_ok(good, resolve_year(good, None)) is True
    (bad,) = find_dates("Rabu, 11 Oktober 2022")
    assert weekday_ok(bad, resolve_year(bad, None)) is False
    (plain,) = find_dates("11 Oktober 2022")
    assert weekday_ok(plain, resolve_year(plain, None)) is None
    (no_year,) = find_dates("Selasa (11/10)")
    assert weekday_ok(no_year, resolve_year(no_year, None)) is None
    assert weekday_ok(no_year, resolve_year(no_year, dt.date(2022, 10, 1))) is True


def test_component_adds_spans() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("id")
    nlp.add_pipe("berita_dates")
    doc = nlp("DEMAK – Pada Selasa, 11 Oktober 2022, dan Kamis (13/10) pukul 09.00 WIB.")
    data = spans(doc, "dates")
    found = [(d["start"], d["end"], d["year"], d["weekday"]) for d in data]
    assert [doc.text[a:b] for a, b, _, _ in found] == ["Selasa, 11 Oktober 2022", "Kamis (13/10)"]
    assert [(y, w) for _, _, y, w in found] == [(2022, 1), (None, 3)]
    assert spans(doc, "dates")[0]["rule"] == "date-name:mon-oktober"


def test_gold_dates_of_shared_articles() -> None:
    """Every date of ../shared/gold is found in its article (with the published year where needed)."""
    gold_dir, articles = SHARED / "gold", SHARED / "articles"
    if not gold_dir.is_dir():
        pytest.skip(f"../shared not found: {gold_dir}")
    checked = 0
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        source = articles / f"{gold['id']}.json"
        if source.is_file():
            record = json.loads(source.read_text(encoding="utf-8"))
            text, published = record["text"], record.get("published")
        else:
            text, published = (articles / f"{gold['id']}.txt").read_text(encoding="utf-8"), None
        pub = dt.date.fromisoformat(published) if published else None
        found = {}
        for d in find_dates(text):
            value = resolve_year(d, pub)
            if value is not None:
                found.setdefault(value.isoformat(), text[d.start : d.end])
        for date in gold.get("dates", []):
            assert found.get(date["value"]) == date["text"], (gold["id"], date)
            checked += 1
        assert set(found) == {d["value"] for d in gold.get("dates", [])}, gold["id"]
    assert checked > 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.contoh-berita.com/2016/05/panen-raya-bawang.html", dt.date(2016, 5, 15)),
        ("https://kabar.example.id/2021/07/17/keltan-panen/", dt.date(2021, 7, 17)),
        ("https://kabar.example.id/berita/panen-raya-2021", None),
        ("https://kabar.example.id/2021/13/x", None),
        (None, None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Diposting pada Senin, 3 Maret 2025\nPanen digelar Kamis (27/2).", dt.date(2025, 3, 3)),
        ("Dipublikasikan: 12/10/2022\nRapat Selasa (11/10).", dt.date(2022, 10, 12)),
        ("Senin, 3 Maret 2025 | 10:15 WIB\nPanen digelar Kamis (27/2).", dt.date(2025, 3, 3)),
        ("Panen digelar 3 Maret 2025 dan Kamis (27/2).", None),
        ("Diposting pada Kamis (27/2).", None),
    ],
)
def test_posting_date(text, expected):
    assert posting_date(text, find_dates(text)) == expected
