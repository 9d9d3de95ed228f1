"""Unit tables for the extra within-article figure checks, on articles written with deliberate mismatches."""

from __future__ import annotations

import pytest
import report_handmade as hm

from berita_extract.figure_checks import (
    KINDS,
    ensure_extra_checks,
    extra_checks,
    keyed_figures,
    numbers,
    percentage_checks,
    repeated_figure_checks,
    sentence_at,
)
from berita_extract.records import Article, ArticleFacts


def _bare(text: str) -> ArticleFacts:
    return ArticleFacts(article=Article(id="t", text=text).meta())


def test_numbers_come_from_the_project_finder():
    text = (
        "Dana Rp1,5 miliar naik 12,5 persen pada 2024, sekitar 40 orang, Selasa (14/5/2024) pukul 09.00 WIB."
    )
    found = {text[n.start : n.end]: n for n in numbers(text)}
    assert found["Rp1,5 miliar"].money and found["Rp1,5 miliar"].value == 1_500_000_000
    assert found["12,5 persen"].percent and found["12,5 persen"].value == 12.5
    assert found["sekitar 40 orang"].approximate and found["sekitar 40 orang"].counts == "orang"
    assert not any(n.value in (2024, 14, 9) for n in found.values())  # years, dates, times are not amounts
    inner = numbers(text, text.index("naik"), text.index("pada"))
    assert [text[n.start : n.end] for n in inner] == ["12,5 persen"]


def test_sentence_at():
    text = "Satu kalimat. Kalimat kedua di sini.\nBaris baru."
    start, end = sentence_at(text, text.index("kedua"))
    assert text[start:end] == "Kalimat kedua di sini."


# (article, kind, status, words the check must rest on)
CASES = [
    (hm.grobogan_suara, "member_sum", "mismatch", ["50 pelaku usaha", "Klaster Batik Tulis Sidorejo"]),
    (hm.grobogan_suara, "percentage", "mismatch", ["18", "47 pelaku usaha", "45 persen"]),
    (hm.grobogan_suara, "repeated_figure", "mismatch", ["20 perajin", "22 perajin"]),
    (hm.grobogan_suara, "repeated_figure", "mismatch", ["Rp150 juta", "Rp175 juta"]),
    (hm.grobogan_jatengpos, "member_sum", "ok", ["52 pelaku usaha"]),
    (hm.grobogan_jatengpos, "percentage", "ok", ["25 persen", "40", "50 pelaku usaha"]),
    (hm.pati, "member_sum", "ok", ["30 nelayan"]),
    (hm.pati, "percentage", "ok", ["12", "30 nelayan", "40 persen"]),
    (hm.pati, "repeated_figure", "ok", ["Rp80 juta"]),
    (hm.pati, "repeated_figure", "ok", ["120 peserta"]),
    (hm.kudus, "percentage", "ok", ["Rp420 juta", "Rp300 juta", "40 persen"]),
    (hm.kudus, "repeated_figure", "mismatch", ["150 peserta", "sekitar 200 peserta"]),
]


@pytest.mark.parametrize(("build", "kind", "status", "words"), CASES)
def test_article_checks(build, kind, status, words):
    facts, text = build()
    checks = extra_checks(facts, text)
    matching = [c for c in checks if c.kind == kind and set(words) <= {m.text for m in c.mentions}]
    assert matching, [(c.kind, c.status, [m.text for m in c.mentions]) for c in checks]
    check = matching[0]
    assert check.status == status, check.message
    assert check.message.endswith(".")
    for m in check.mentions:
        assert text[m.start : m.end] == m.text
        assert m.rule


def test_no_checks_where_nothing_to_check():
    facts, text = hm.planted()
    assert extra_checks(facts, text) == []


def test_only_own_kinds():
    for build in hm.ALL:
        facts, text = build()
        assert {c.kind for c in extra_checks(facts, text)} <= set(KINDS)


def test_member_sum_unverifiable_when_a_count_is_missing():
    facts, text = hm.grobogan_suara()
    text2 = text.replace("dengan 15 pelaku usaha", "dengan banyak pelaku usaha")
    art = Article(id="x", text=text2)
    facts2 = hm.facts(
        art,
        clusters=[
            {
                "name": c.name,
                "label": c.label,
                "member_count": None if "Keripik" in c.name else c.member_count,
                "say": c.label,
            }
            for c in facts.clusters
        ],
    )
    checks = [c for c in extra_checks(facts2, text2) if c.kind == "member_sum"]
    assert [c.status for c in checks] == ["unverifiable"]
    assert "Klaster Keripik Singkong Karanganyar" in checks[0].message


def test_member_sum_reads_a_count_the_record_missed():
    facts, text = hm.grobogan_jatengpos()
    missing = facts.model_copy(
        update={
            "clusters": [
                c.model_copy(update={"member_count": None}) if "Jamu" in c.name else c for c in facts.clusters
            ]
        }
    )
    checks = [c for c in extra_checks(missing, text) if c.kind == "member_sum"]
    assert [c.status for c in checks] == ["ok"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Sebanyak 30 dari 120 peserta lulus uji kompetensi atau 25 persen.", "ok"),
        ("Sebanyak 30 dari 120 peserta lulus uji kompetensi atau 35 persen.", "mismatch"),
        ("Realisasi anggaran Rp600 juta dari Rp1,2 miliar, atau 50 persen.", "ok"),
        ("Jumlah wisatawan turun 20 persen dari 5.000 menjadi 4.000 orang.", "ok"),
        ("Jumlah wisatawan naik 30 persen dari 5.000 menjadi 6.000 orang.", "mismatch"),
        ("Sekitar 33 persen, yakni 10 dari 30 anggota, sudah bersertifikat.", "ok"),
        ("Tingkat kemiskinan mencapai 9,3 persen dari 1.200 warga, atau 112 orang.", "ok"),
        ("Sebanyak 300 orang atau 25 persen dari 1.200 warga belum menerima bantuan.", "ok"),
        ("Sebanyak 300 orang atau 35 persen dari 1.200 warga belum menerima bantuan.", "mismatch"),
    ],
)
def test_percentage_table(text, status):
    checks = percentage_checks(_bare(text), text)
    assert [c.status for c in checks] == [status], [c.message for c in checks]


@pytest.mark.parametrize(
    "text",
    [
        "Inflasi tercatat 2,5 persen pada Juli.",  # no parts
        "Sebanyak 40 persen warga dan 60 persen pendatang hadir dari 100 undangan.",  # two percentages
    ],
)
def test_percentage_needs_one_percent_and_its_parts(text):
    assert percentage_checks(_bare(text), text) == []


@pytest.mark.parametrize(
    ("text", "key", "status"),
    [
        (
            "Dana hibah sebesar Rp25 juta cair pekan ini. Dana hibah Rp25 juta itu untuk alat.",
            "dana hibah",
            "ok",
        ),
        (
            "Dana hibah sebesar Rp25 juta cair pekan ini. Dana hibah Rp30 juta itu untuk alat.",
            "dana hibah",
            "mismatch",
        ),
        ("Lomba diikuti 80 peserta. Sebanyak 85 peserta menerima sertifikat.", "peserta", "mismatch"),
        (
            "Lomba diikuti sekitar 80 peserta. Sebanyak 84 peserta menerima sertifikat.",
            "peserta",
            "unverifiable",
        ),
    ],
)
def test_repeated_figure_table(text, key, status):
    assert key in {f.key for f in keyed_figures(text)}
    checks = repeated_figure_checks(_bare(text), text)
    assert [c.status for c in checks] == [status], [c.message for c in checks]


@pytest.mark.parametrize(
    "text",
    [
        # Parts, subgroups, plans, other years and changes are not the same figure given twice.
        "Lomba diikuti 120 peserta. Sebanyak 40 peserta perempuan meraih medali.",
        "Lomba diikuti 120 peserta, 35 orang di antaranya pelajar. Ke-120 peserta mendapat kaus.",
        "Dana desa tahun ini Rp1,2 miliar. Tahun lalu dana desa Rp900 juta.",
        "Dana desa 2024 sebesar Rp1,2 miliar, sedangkan dana desa 2023 Rp900 juta.",
        "Anggaran ditargetkan Rp2 miliar. Anggaran yang terserap Rp1,4 miliar.",
        "Anggaran naik dari Rp1 miliar menjadi Rp1,5 miliar. Anggaran Rp1,5 miliar itu untuk jalan.",
    ],
)
def test_no_false_repeats(text):
    checks = repeated_figure_checks(_bare(text), text)
    assert [c for c in checks if c.status == "mismatch"] == [], [c.message for c in checks]


@pytest.mark.parametrize(
    "text",
    [
        "Jumlah UMKM naik 10 persen dari 100 pelaku usaha pada 15 Mei lalu.",  # a date is not the new value
        "Sebanyak 3 kecamatan melaporkan 40 persen dari 200 warga sudah divaksin.",  # 3 is not the part
        "Pertumbuhan ekonomi 5 persen dari tahun lalu, pukul 10.00 WIB diumumkan.",
        "Suku bunga 6 persen dari plafon Rp500 juta.",
        "Tumbuh 5,2 persen dari 4,8 persen tahun lalu.",
    ],
)
def test_no_false_percentages(text):
    assert [c for c in percentage_checks(_bare(text), text) if c.status == "mismatch"] == []


def test_amount_per_group_is_not_the_same_figure():
    text = "Bantuan modal Rp5 juta per kelompok. Total bantuan modal Rp50 juta disalurkan."
    assert [c.status for c in repeated_figure_checks(_bare(text), text) if c.status == "mismatch"] == []


def test_ensure_extra_checks_adds_once():
    facts, text = hm.grobogan_suara()
    once = ensure_extra_checks(facts, text)
    assert len(once.checks) > len(facts.checks)
    assert ensure_extra_checks(once, text) is once
