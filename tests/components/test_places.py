"""Places: (text, expected (name, level)) tables written for the purpose, plus codes and parents."""

from __future__ import annotations

import pytest

from berita_extract.components.places import PlaceFinder


@pytest.fixture(scope="module")
def finder():
    return PlaceFinder()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acara digelar di Desa Karangrejo, Kecamatan Bonang.", {("Karangrejo", "desa"), ("Bonang", "kecamatan")}),
        ("PATI, Koran Muria – Warga berkumpul di pendopo.", {("Pati", "kabupaten")}),
        ("Bantul (ANTARA) - Panen raya dimulai.", {("Bantul", "kabupaten")}),
        ("Wakil Wali Kota Semarang hadir.", {("Semarang", "kota")}),
        ("Pemkab Sleman menyiapkan anggaran.", {("Sleman", "kabupaten")}),
        ("Banjir melanda Kelurahan Kauman, Gabus, dan Sidokerto.",
         {("Kauman", "kelurahan"), ("Gabus", "kelurahan"), ("Sidokerto", "kelurahan")}),
        ("Pabrik di Cilegon, Banten, diperluas.", {("Cilegon", "kota"), ("Banten", "provinsi")}),
        ("Kota Bima, Nusa Tenggara Barat, dilanda banjir.", {("Bima", "kota"), ("Nusa Tenggara Barat", "provinsi")}),
        ("Pertemuan di Balai Desa Gebang berlangsung lancar.", {("Balai Desa Gebang", "venue"), ("Gebang", "desa")}),
        ("Dia berjalan di Jalan Demak setiap pagi.", set()),
        ("Kepala Desa Semagar, Kastono, mengatakan panen naik.", {("Semagar", "desa")}),
        ("Produk dijual ke Jawa Tengah dan Jawa Timur.", {("Jawa Tengah", "provinsi"), ("Jawa Timur", "provinsi")}),
    ],
)
def test_places(finder, text, expected):
    assert {(f.name, f.level) for f in finder.find(text)} == expected


def test_mentions_slice_text(finder):
    text = "DEMAK, Lingkarjateng.id – Kegiatan di Kecamatan Bonang, Kab. Demak."
    for f in finder.find(text):
        assert text[f.start : f.end] in {f.name, f.name.upper()}


def test_codes_and_parents(nlp):
    from berita_extract import extract

    facts = extract("Petani di Desa Bonangrejo, Kecamatan Bonang, Kabupaten Demak, Jawa Tengah, panen.", nlp=nlp)
    places = {p.name: (p.level, p.code, p.within) for p in facts.places}
    assert places == {
        "Bonangrejo": ("desa", "33.21.12.2017", "Bonang"),
        "Bonang": ("kecamatan", "33.21.12", "Demak"),
        "Demak": ("kabupaten", "33.21", "Jawa Tengah"),
        "Jawa Tengah": ("provinsi", "33", None),
    }
