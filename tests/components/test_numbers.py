"""Tests of the numbers component: number words, written numbers, find_numbers, the berita_numbers factory."""

from __future__ import annotations

import pytest

from berita_extract.components._spans import spans
from berita_extract.components.dates import find_dates
from berita_extract.components.numbers import find_numbers, parse_number, parse_number_words


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("nol", 0),
        ("satu", 1),
        ("tiga", 3),
        ("sembilan", 9),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("dua belas", 12),
        ("lima belas", 15),
        ("dua puluh", 20),
        ("dua puluh lima", 25),
        ("sembilan puluh sembilan", 99),
        ("seratus", 100),
        ("seratus dua puluh tiga", 123),
        ("dua ratus lima belas", 215),
        ("seribu", 1000),
        ("seribu lima ratus", 1500),
        ("dua belas ribu", 12000),
        ("dua ratus lima puluh ribu", 250000),
        ("satu juta", 1000000),
        ("sejuta", 1000000),
        ("satu juta dua ratus ribu", 1200000),
        ("tiga miliar", 3000000000),
        ("Lima  Belas", 15),
        ("tiga tiga", None),
        ("juta", None),
        ("ribu juta", None),
        ("puluh", None),
        ("lima puluh dua puluh", None),
        ("ribu ribu", None),
        ("seribu juta", None),
        ("nol nol", None),
        ("sekitar", None),
        ("", None),
    ],
)
def test_parse_number_words(words: str, expected: int | None) -> None:
    assert parse_number_words(words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250", 1250),
        ("1,5", 1.5),
        ("2.500", 2500),
        ("0,38", 0.38),
        ("23.840,81", 23840.81),
        ("1.250.000", 1250000),
        ("1,250,000", 1250000),
        ("1.5", 1.5),
        ("30", 30),
        ("Rp1,5 miliar", 1500000000),
        ("Rp 1,5 miliar", 1500000000),
        ("Rp 30 triliun", 30000000000000),
        ("Rp7.400", 7400),
        ("US$ 4 miliar", 4000000000),
        ("US$ 0,17 miliar", 170000000),
        ("10 ribu", 10000),
        ("1,8 juta", 1800000),
        ("0,38 juta", 380000),
        ("30 persen", 30),
        ("12%", 12),
        ("tiga", 3),
        ("lima belas", 15),
        ("dua ratus lima puluh ribu", 250000),
        ("puluhan ribu", 10000),
        ("belasan", 11),
        ("sekitar 20", 20),
        ("abc", None),
        ("", None),
        ("juta", None),
        ("12 abc", None),
    ],
)
def test_parse_number(text: str, expected: int | float | None) -> None:
    value = parse_number(text)
    assert value == expected
    if isinstance(expected, int):
        assert isinstance(value, int)


# (text, [(mention text, value, unit, counts, approximate)])
FOUND = [
    ("terbentuk 3 klaster yang meliputi", [("3 klaster", 3, None, "klaster", False)]),
    ("bersinergi dengan tiga pihak eksternal yakni", [("tiga pihak", 3, None, "pihak", False)]),
    ("jumlah pelaku usaha 20 orang.", [("20 orang", 20, None, "orang", False)]),
    ("jumlah pelaku usaha sebanyak lima belas orang", [("lima belas orang", 15, None, "orang", False)]),
    ("beranggotakan 25 UMKM binaan", [("25 UMKM", 25, None, "umkm", False)]),
    ("sebanyak 28 pelaku usaha dan 28 mitra", [("28 pelaku usaha", 28, None, "pelaku usaha", False),
                                               ("28 mitra", 28, None, "mitra", False)]),
    ("melalui empat bank plat merah", [("empat bank", 4, None, "bank", False)]),
    ("dua puluh lima anggota", [("dua puluh lima anggota", 25, None, "anggota", False)]),
    ("KUR sebesar Rp 30 triliun diharapkan", [("Rp 30 triliun", 30000000000000, "Rp", None, False)]),
    ("senilai Rp1,5 miliar.", [("Rp1,5 miliar", 1500000000, "Rp", None, False)]),
    ("investasi US$ 4 miliar", [("US$ 4 miliar", 4000000000, "US$", None, False)]),
    ("harga Rp 1.250 per kilo", [("Rp 1.250", 1250, "Rp", None, False)]),
    ("Rp69 ribu rupiah", [("Rp69 ribu rupiah", 69000, "Rp", None, False)]),
    ("sebesar 250 ribu rupiah", [("250 ribu rupiah", 250000, "Rp", None, False)]),
    ("tumbuh 0,38 persen", [("0,38 persen", 0.38, "persen", None, False)]),
    ("naik 12% tahun ini", [("12%", 12, "persen", None, False)]),
    ("lahan 955 hektare", [("955 hektare", 955, "hektare", None, False)]),
    ("lahan 200 ha", [("200 ha", 200, "hektare", None, False)]),
    ("seluas 23.840,81 hektare", [("23.840,81 hektare", 23840.81, "hektare", None, False)]),
    ("produksi 10 juta ton", [("10 juta ton", 10000000, "ton", None, False)]),
    ("sebanyak 600 kilogram", [("600 kilogram", 600, "kilogram", None, False)]),
    ("sejauh 70 km dari", [("70 km", 70, "km", None, False)]),
    ("gempa 6,6 SR", [("6,6 SR", 6.6, "SR", None, False)]),
    ("sekitar 50 orang", [("sekitar 50 orang", 50, None, "orang", True)]),
    ("Sekitar 2.500 orang mengungsi", [("Sekitar 2.500 orang", 2500, None, "orang", True)]),
    ("lebih dari 2.000 orang", [("lebih dari 2.000 orang", 2000, None, "orang", True)]),
    ("kurang lebih 20 orang", [("kurang lebih 20 orang", 20, None, "orang", True)]),
    ("hampir 300 peserta", [("hampir 300 peserta", 300, None, "peserta", True)]),
    ("Sedikitnya 23 pedagang", [("Sedikitnya 23 pedagang", 23, None, "pedagang", True)]),
    ("sekitar US$ 0,17 miliar", [("sekitar US$ 0,17 miliar", 170000000, "US$", None, True)]),
    ("belasan pelaku usaha", [("belasan pelaku usaha", 11, None, "pelaku usaha", True)]),
    ("puluhan ibu hamil", [("puluhan ibu hamil", 10, None, "ibu hamil", True)]),
    ("ratusan warga", [("ratusan warga", 100, None, "warga", True)]),
    ("ribuan orang", [("ribuan orang", 1000, None, "orang", True)]),
    ("puluhan ribu lapangan kerja", [("puluhan ribu lapangan kerja", 10000, None, "lapangan kerja", True)]),
    ("Seribu lebih pendaki", [("Seribu lebih pendaki", 1000, None, "pendaki", True)]),
    ("diikuti 20 orang lebih", [("20 orang lebih", 20, None, "orang", True)]),
    ("sekitar 280 sampai 300 yang terlibat", [("sekitar 280 sampai 300", 280, None, None, True)]),
    ("naik 10-15 persen", [("10-15 persen", 10, "persen", None, True)]),
    ("mencapai 800 orang", [("800 orang", 800, None, "orang", False)]),
    ("sebanyak 1.000 orang", [("1.000 orang", 1000, None, "orang", False)]),
    ("menerima 280 pelajar", [("280 pelajar", 280, None, "pelajar", False)]),
    ("rusak 5 gereja", [("5 gereja", 5, None, "gereja", False)]),
    ("dari 52 acara", [("52 acara", 52, None, "acara", False)]),  # not in the lexicon: the next noun
    ("sebanyak 15 ribu dan", [("15 ribu", 15000, None, None, False)]),
    ("di satu desa", [("satu desa", 1, None, "desa", False)]),
    ("tercatat 2000 orang", [("2000 orang", 2000, None, "orang", False)]),
    ("tanggap darurat 7 hari", [("7 hari", 7, None, "hari", False)]),
    ("dari 32 BUMN", [("32 BUMN", 32, None, "bumn", False)]),
    ("sekitar pukul 10.00 hadir 5 orang", [("5 orang", 5, None, "orang", False)]),
    ("kapal berukuran 10 GT ini", [("10 GT", 10, "GT", None, False)]),
    ("botol ukuran 500 mililiter", [("500 mililiter", 500, "mililiter", None, False)]),
    ("Dua orang hadir", [("Dua orang", 2, None, "orang", False)]),
    ("Menurut dia, Tiga pihak hadir", [("Tiga pihak", 3, None, "pihak", False)]),
]

NOT_NUMBERS = [
    "pukul 09.00 WIB",
    "pukul 9 pagi",
    "hingga 24.00 WITA",
    "pukul 08.00 - 10.00 WIB",
    "jam 10 malam",
    "pada tahun 2025",
    "pada 2017 lalu",
    "periode Januari - Juli 2017",
    "masa 2015 - 2017",
    "Visit 2020 Bengkulu",
    "salah satu pelaku",
    "satu-satunya pasar",
    "tahun 80-an",
    "pelayanan satu pintu",
    "HUT RI ke-72",
    "HUT RI ke - 72, Kementerian",
    "COVID-19",
    "SMPN 13 Tanjung",
    "G20",
    "Pasal 5 ayat 2",
    "nomor urut dua.",
    "Nomor 12",
    "hubungi 0812-3456-7890",
    "telepon (021) 555-1234",
    "+62 812 3456 7890",
    "UU No. 5/1960",
    "SK MenLHK - II/2015",
    "kedua belah pihak",
    "ketiga",
    "bersatu",
    "juta",
    "di Desa Kuala Dua, Kecamatan Sungai Raya",
]


def _found(text: str) -> list[tuple]:
    skip = [(d.start, d.end) for d in find_dates(text)]
    return [(n.text, n.value, n.unit, n.counts, n.approximate) for n in find_numbers(text, skip)]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_numbers_found(text: str, expected: list[tuple]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "pada Selasa, 11 Oktober 2022",
        "Selasa (25/8/2015)",
        "Senin (27 / 8)",
        "(26-30 Agustus 2015)",
        "pada 8 hingga 10 November",
        "tanggal 11-10-2022",
        "17 Agustus 2017",
    ],
)
def test_dates_are_not_numbers(text: str) -> None:
    assert _found(text) == []


def test_skip_ranges_are_left_out() -> None:
    text = "ada 3 klaster dan 4 bank"
    assert [n.text for n in find_numbers(text)] == ["3 klaster", "4 bank"]
    assert [n.text for n in find_numbers(text, [(4, 5)])] == ["4 bank"]
    assert [n.text for n in find_numbers(text, [(0, len(text))])] == []


def test_offsets_and_rule() -> None:
    text = "Pemkab bersinergi dengan tiga pihak, terbentuk 3 klaster senilai Rp1,5 miliar."
    found = find_numbers(text)
    for n in found:
        assert text[n.start : n.end] == n.text
    assert [n.rule for n in found] == [
        "num-words+cn-pihak",
        "num-digits+cn-klaster",
        "unit-rp+num-digits+num-miliar",
    ]
    assert find_numbers("sekitar 50 orang")[0].rule == "apx-sekitar+num-digits+cn-orang"
    assert find_numbers("belasan orang")[0].rule == "apx-belasan+cn-orang"


def test_component_after_dates() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("id")
    nlp.add_pipe("berita_dates")
    nlp.add_pipe("berita_numbers")
    doc = nlp("Pada Selasa (11/10/2022) pukul 09.00 WIB terbentuk 3 klaster dengan 20 orang, Rp1,5 miliar.")
    data = spans(doc, "numbers")
    assert [doc.text[d["start"] : d["end"]] for d in data] == ["3 klaster", "20 orang", "Rp1,5 miliar"]
    assert [(d["value"], d["unit"], d["counts"], d["approximate"]) for d in data] == [
        (3, None, "klaster", False),
        (20, None, "orang", False),
        (1500000000, "Rp", None, False),
    ]


def test_seed_article_counts() -> None:
    text = (
        "terbentuk 3 klaster yang meliputi Klaster Enceng Gondok dengan jumlah pelaku usaha 20 orang. "
        "Klaster Kerupuk Ikan jumlah pelaku usaha sebanyak 15 orang. Selanjutnya, Klaster Pengrajin Alat "
        "Penangkap Rajungan (Bubu) dengan jumlah pelaku usaha sebanyak 4 orang,” jelasnya."
    )
    assert [(n.value, n.counts) for n in find_numbers(text)] == [
        (3, "klaster"),
        (20, "orang"),
        (15, "orang"),
        (4, "orang"),
    ]
