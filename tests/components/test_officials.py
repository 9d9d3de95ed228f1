"""Officials: title and name in the orders news writes them; honorifics and degrees stripped."""

from __future__ import annotations

import pytest

from berita_extract.components.officials import OfficialFinder


@pytest.fixture(scope="module")
def finder():
    return OfficialFinder()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bupati Kudus Hartopo membuka acara.", ("Hartopo", "Bupati Kudus", "bupati")),
        ("Hal itu disampaikan Siti Aminah, Kepala Disdagperin Kudus, kemarin.",
         ("Siti Aminah", "Kepala Disdagperin Kudus", "kepala dinas")),
        ("Camat Bonang, Ahmad Fauzi, mengatakan warga antusias.", ("Ahmad Fauzi", "Camat Bonang", "camat")),
        ("Kepala Dinas Pertanian Kabupaten Grobogan, Ir. H. Sunanto, M.M., menjelaskan.",
         ("Sunanto", "Kepala Dinas Pertanian Kabupaten Grobogan", "kepala dinas")),
        ("Wali Kota Salatiga Robby Hernawan meninjau pasar.", ("Robby Hernawan", "Wali Kota Salatiga", "wali kota")),
        ("Kepala Desa Gebang, Hj. Sri Wahyuni, S.Pd., menyambut tamu.",
         ("Sri Wahyuni", "Kepala Desa Gebang", "kepala desa")),
        ("Ketua DPRD Jepara Haizul Maarif hadir.", ("Haizul Maarif", "Ketua DPRD Jepara", "ketua dprd")),
        ("Plt. Kepala Bappeda Demak, Budi Santoso, memaparkan rencana.",
         ("Budi Santoso", "Plt. Kepala Bappeda Demak", "kepala badan")),
    ],
)
def test_title_and_name(finder, text, expected):
    found = [(o.name, o.title, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


@pytest.mark.parametrize(
    "text",
    ["Bupati Demak telah menetapkan aturan baru.", "Mantan Bupati Kudus Musthofa hadir.", "Kepala BPBD Poso bertugas."],
)
def test_no_official(finder, text):
    assert [o for o in finder.find(text) if o.rule != "official:name-only"] == []


def test_short_mentions_are_one_official(nlp):
    from berita_extract import extract

    text = ("Kepala Dindagkop UKM Iskandar Zulkarnain membuka pelatihan. "
            "Menurut Iskandar, pelatihan digelar rutin. Bupati Demak Eisti’anah hadir. Bupati Eisti’anah berpesan.")
    facts = extract(text, nlp=nlp)
    assert [(o.name, len(o.mentions)) for o in facts.officials] == [("Iskandar Zulkarnain", 2), ("Eisti’anah", 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lurah Mamboro, Moh. Rizal, S.STP., meninjau lokasi.", ("Moh. Rizal", "lurah")),
        ("Kepala Dinas Koperasi dan UKM (Dinkop UKM) Wajo, Hj. Andi Rosmiati, membuka acara.",
         ("Andi Rosmiati", "kepala dinas")),
        ("Wakil Rektor Bidang Kemitraan Unhas, Prof. Dr. Andi Nurhayati Kadir, hadir.",
         ("Andi Nurhayati Kadir", "wakil rektor")),
        ("Manajer CSR PT Timah Tbk Wilayah Belitung, Andi Prasetya, menyerahkan bantuan.",
         ("Andi Prasetya", "manajer")),
        ("Lurah Wukirsari, Sutarman, menyambut tamu.", ("Sutarman", "lurah")),
        ("Panewu Imogiri, Slamet Riyadi, membuka pameran.", ("Slamet Riyadi", "camat")),
    ],
)
def test_harder_orders(finder, text, expected):
    found = [(o.name, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]
