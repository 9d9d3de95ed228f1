"""Clusters with member counts, partners after cooperation cues, quotes with their speakers."""

from __future__ import annotations

import pytest

from berita_extract.components.clusters import ClusterFinder
from berita_extract.components.partners import PartnerFinder


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Klaster Batik Tulis dengan jumlah pelaku usaha 20 orang.", [("Batik Tulis", 20, "pelaku usaha")]),
        ("Kluster Jagung beranggotakan 25 UMKM.", [("Jagung", 25, "UMKM")]),
        ("Kelompok Tani Sido Makmur yang terdiri dari dua belas anggota.", [("Sido Makmur", 12, "anggota")]),
        ("Sentra Jenang Kudus jumlah pelaku usaha sebanyak lima belas orang.", [("Jenang Kudus", 15, "pelaku usaha")]),
        ("Koperasi Gula Semut menaungi 40 petani.", [("Gula Semut", 40, "petani")]),
        ("Pembentukan Klaster UMKM berjalan lancar.", []),
        ("Klaster Gerabah. Di tempat lain, 30 orang hadir.", [("Gerabah", None, None)]),
    ],
)
def test_clusters(text, expected):
    got = [(c["name"], c["member_count"], c["member_unit"]) for c in ClusterFinder().find(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pemkab bersinergi dengan tiga pihak yakni Pegadaian, Unisfat, dan Marketplace Shopee.",
         ["Pegadaian", "Unisfat", "Shopee"]),
        ("Program ini bekerja sama dengan PT Bank Rakyat Indonesia (Persero) Tbk.", ["Bank Rakyat Indonesia"]),
        ("Kegiatan didukung oleh Bank Jateng dan Universitas Muria Kudus.", ["Bank Jateng", "Universitas Muria Kudus"]),
        ("Dinas menggandeng Tokopedia untuk pemasaran.", ["Tokopedia"]),
        ("Warga berjalan bersama keluarga ke pasar.", []),
    ],
)
def test_partners(text, expected):
    assert [p["name"] for p in PartnerFinder().find(text)] == expected


def test_quotes_are_attributed(nlp):
    from berita_extract import extract

    text = ("Camat Bonang, Ahmad Fauzi, membuka acara. “Kami mendukung penuh para perajin di desa ini,” "
            "kata Ahmad. “Pemasaran daring akan terus kami dorong bersama,” jelasnya.")
    facts = extract(text, nlp=nlp)
    assert [q.speaker for q in facts.quotes] == ["Ahmad Fauzi", "Ahmad Fauzi"]
