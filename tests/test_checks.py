"""Within-article checks: (text, expected (kind, status)) tables written for the purpose."""

from __future__ import annotations

import pytest

from berita_extract import extract


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stated totals of groups against the groups named
        ("Di Kecamatan Wedung terbentuk 3 klaster yang meliputi Klaster Garam dengan jumlah pelaku usaha 12 orang, "
         "Klaster Bandeng dengan jumlah pelaku usaha 9 orang, dan Klaster Terasi dengan jumlah pelaku usaha 7 orang.",
         {("stated_total", "ok")}),
        ("Dinas membentuk empat kelompok tani, yaitu Kelompok Tani Sido Rukun, Kelompok Tani Ngudi Rejeki, dan "
         "Kelompok Tani Tani Jaya.", {("stated_total", "mismatch")}),
        # a count of the region's groups, not of a list: no check
        ("Terdapat 9 kelompok tani salak di Sleman. Kelompok Tani Ngudi Makmur beranggotakan 12 anggota.", set()),
        ("Ada 12 kelompok tani lain yang berminat. Kelompok Tani Sumber Makmur terdiri dari 32 anggota.", set()),
        # stated totals of other lists
        ("Banjir melanda lima desa, yakni Desa Kauman, Gabus, Sidokerto, dan Ngablak.", {("stated_total", "mismatch")}),
        ("Bantuan diberikan ke tiga desa yaitu Desa Kauman, Gabus, dan Sidokerto.", {("stated_total", "ok")}),
        ("Posko dibuka di 10 titik antara lain di Masjid Agung Pati, Gedung Pemuda Pati, dan Pendopo Kabupaten Pati.",
         {("stated_total", "unverifiable")}),
        # partners stated and named
        ("Pemkab bersinergi dengan tiga pihak yakni Pegadaian, Bank Jateng, dan Marketplace Shopee.",
         {("stated_total", "ok")}),
        # weekdays against dates
        ("Acara digelar pada Selasa, 11 Oktober 2022 di Balai Desa Gebang.", {("weekday", "ok")}),
        ("Acara digelar pada Rabu (11/10/2022) di Balai Desa Gebang.", {("weekday", "mismatch")}),
        # a total and its parts
        ("Anggaran Rp 500 juta terdiri dari Rp 300 juta dari APBD dan Rp 200 juta dari dana desa.", {("sum", "ok")}),
        ("Anggaran Rp 500 juta terdiri dari Rp 300 juta dari APBD dan Rp 150 juta dari dana desa.",
         {("sum", "mismatch")}),
    ],
)
def test_checks(nlp, text, expected):
    facts = extract(text, nlp=nlp)
    got = {(c.kind, c.status) for c in facts.checks if c.kind in {"stated_total", "weekday", "sum"}}
    assert got == expected
    for check in facts.checks:
        assert check.message and check.mentions
        assert all(text[m.start : m.end] == m.text for m in check.mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an approximate count of the region's groups is not checked against the ones named
        ("Sedikitnya 25 kelompok tani ikut pameran. Kelompok Tani Sido Makmur dan Kelompok Tani Ngudi Rejeki "
         "memamerkan kopi.", set()),
        # only some are named: the total is unverifiable ("dua di antaranya" itself lists its two)
        ("Di desa itu ada tiga KUB. Dua di antaranya adalah KUB Giri Mulyo dan KUB Sekar Arum.",
         {("stated_total", "unverifiable"), ("stated_total", "ok")}),
        # a number inside "2.150" is not a count
        ("Lahan seluas 2.150 hektare meliputi Desa Kauman, Gabus, dan Sidokerto.", set()),
    ],
)
def test_checks_that_must_not_fire(nlp, text, expected):
    facts = extract(text, nlp=nlp)
    assert {(c.kind, c.status) for c in facts.checks if c.kind == "stated_total"} == expected
