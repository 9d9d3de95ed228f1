"""Clusters: which group words name a group, where a name ends, the member count and the place bound to it."""

from __future__ import annotations

import pytest

from berita_extract.components.clusters import ClusterFinder, _abbreviates
from berita_extract.extraction import extract


@pytest.fixture(scope="module")
def finder() -> ClusterFinder:
    return ClusterFinder()


def _names(finder: ClusterFinder, text: str) -> list[str]:
    out: list[str] = []
    for c in finder.find(text):
        if c["name"] not in out:
            out.append(c["name"])
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # group words beyond klaster/sentra/KUB
        ("Bantuan bibit diserahkan kepada KTH Wana Lestari di lereng gunung.", ["Wana Lestari"]),
        ("Ketua KUBE Mekar Sari menerima modal usaha.", ["Mekar Sari"]),
        ("Dinas membina Poklahsar Mina Jaya yang mengolah ikan asin.", ["Mina Jaya"]),
        ("KUD Tani Makmur menampung gabah petani.", ["Tani Makmur"]),
        ("Panen raya digelar bersama kelompok tani Sinar Pagi pekan lalu.", ["Sinar Pagi"]),
        ("Bantuan diberikan kepada kelompok Sumber Berkah dan kelompok Karya Bakti.", ["Sumber Berkah", "Karya Bakti"]),
        ("Kelompok Usaha Anyaman Mekar memasarkan tikar pandan.", ["Anyaman Mekar"]),
        ("Warga membentuk kelompok perajin bernama “Bambu Lestari” tahun lalu.", ["Bambu Lestari"]),
        # a quoted name after the group word and what the group does; "salah satu" counts no programme
        ('Salah satu Kelompok Tani Lebah Madu "Sari Rasa" dari Desa Sukamaju panen madu.', ["Sari Rasa"]),
        ("Koperasi “Maju Bersama” menampung kopi warga.", ["Maju Bersama"]),
        # a type defined by its abbreviation: the name follows, and the abbreviation recurs as a group word
        ("Kelompok Tani Hutan (KTH) Rimba Jaya menanam 500 bibit. KTH Rimba Jaya juga beternak lebah.", ["Rimba Jaya"]),
        ("Koperasi Unit Desa (KUD) didirikan pada 1980. Kini KUD Sri Rejeki melayani petani.", ["Sri Rejeki"]),
        # a short form in brackets is the same group, also where the text uses it alone
        ("Koperasi Susu Sapi Makmur (Kosuma) berdiri 2010. Kosuma kini memasok susu ke pabrik.", ["Susu Sapi Makmur"]),
        # list items a cue opens
        ("Di kecamatan itu ada tiga kelompok yakni kelompok nelayan Camar Laut sebanyak 10 unit, Bintang Timur "
         "sebanyak 8 unit, dan Ombak Biru sebanyak 12 unit.", ["Camar Laut", "Bintang Timur", "Ombak Biru"]),
        # not groups: programmes, kinds, agencies, lenders, other bodies
        ("Pemerintah meluncurkan program Koperasi Desa Merah Putih di seluruh Indonesia.", []),
        ("Rapat percepatan Koperasi Desa Merah Putih digelar di kantor gubernur.", []),
        ("Di kabupaten ini sudah terbentuk 250 Kopdes Merah Putih. Kopdes Merah Putih dibiayai bank.", []),
        ("Kelompok Sadar Wisata ikut menyambut tamu.", []),
        ("Penyuluhan diberikan oleh Dinas Koperasi dan UMKM setempat.", []),
        ("Petani mendapat pinjaman dari Bank NTT dan Koperasi Kredit Sejahtera.", []),
        ("Penyaluran Kredit Usaha Rakyat melalui kelompok TJPS berjalan baik.", []),
        ("Gabungan Kelompok Tani (Gapoktan) setempat ikut hadir.", []),
        ("Menurut aturan, KTH Harus bergerak cepat mengurus izin.", []),
        ("Kelompok Tani Ternak (KTT) menerima 20 ekor sapi.", []),
    ],
)
def test_which_groups(finder, text, expected):
    assert _names(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the name ends before a village-level place, which becomes the group's place
        ("Kelompok Tani Tunas Baru Desa Sukamaju menanam jagung.", [("Tunas Baru", "Sukamaju")]),
        ("Bantuan diterima Kelompok Tani Maju di Desa Sukamaju, Kecamatan Sumberjaya.", [("Maju", "Sukamaju")]),
        ("KWT Melati, di Dusun Krajan, membuat keripik.", [("Melati", "Krajan")]),
        ("KUD Sumber Rejeki Ds Karangsari Kec Tanjung menjual pupuk.", [("Sumber Rejeki", "Karangsari")]),
        # a kota or kabupaten may belong to the name
        ("Paguyuban Tahu Tempe Kota Bogor menolak kenaikan harga kedelai.", [("Tahu Tempe Kota Bogor", "Bogor")]),
        # a trailing group number belongs to the name, a count does not
        ("Ketua KUBE Rahayu 2 dan sudah lama mengelola simpan pinjam.", [("Rahayu 2", None)]),
        ("KUB Giri Mulyo 21 anggota menerima pelatihan.", [("Giri Mulyo", None)]),
        # "Negeri" (a village in Maluku) ends the name only before a village the Kemendagri list knows
        ("Kelompok Nelayan Bintang Laut Negeri Rohomoni menerima mesin.", [("Bintang Laut", "Rohomoni")]),
        ("KUB Sumber Rejeki Negeri Sembilan Jaya menjual kopi.", [("Sumber Rejeki Negeri Sembilan Jaya", None)]),
        # "Kampung" also begins villages' own names: it does not end a group's name
        ("Kelompok Tani Maju Kampung Baru menanam padi.", [("Maju Kampung Baru", None)]),
    ],
)
def test_name_and_place(finder, text, expected):
    assert [(c["name"], c["place"]) for c in finder.find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline line: a name counts as far as the body confirms it
        ("KWT Kembangkan Potensi Desa\n\nIbu-ibu KWT Mawar Merah membuat dodol salak.", ["Mawar Merah"]),
        ("Koperasi Produksi Tunas Jaya Dipuji Bupati\n\nKoperasi Produksi Tunas Jaya menampung sawit warga.",
         ["Tunas Jaya"]),
        ("Bupati Optimis Desa Sukamaju Jadi Sentra Nanas\n\nPanen nanas digelar di Desa Sukamaju.", []),
        # after an office title a name is cut to the group named elsewhere
        ("Koperasi Produsen Sido Maju menolak kebijakan itu, kata Ketua Koperasi Produsen Sido Maju Andi Saputra.",
         ["Sido Maju"]),
        # after a group of the same word was named, "Ketua Koperasi" is its head and the name the holder's
        ("Rombongan belajar di Koperasi Kopi Gunung Hijau. Mereka disambut Ketua Koperasi Budi Hartono.",
         ["Kopi Gunung Hijau"]),
        ("Dede adalah Ketua KUBE Melati 2 sejak 2015.", ["Melati 2"]),
    ],
)
def test_headlines_and_titles(finder, text, expected):
    assert _names(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sebanyak 40 petani tergabung dalam Kelompok Tani Sido Makmur.", ("Sido Makmur", 40)),
        ("Sebanyak 35 perajin yang tergabung dalam Sentra Gerabah Lestari ikut pameran.", ("Gerabah Lestari", 35)),
        ("KUB Nelayan Camar memiliki anggota 12 orang, sementara kapalnya enam unit.", ("Nelayan Camar", 12)),
        ("KWT Anggrek dengan anggota 20 orang ibu rumah tangga membuat keripik.", ("Anggrek", 20)),
        ("Koperasi Sari Tani kini mempunyai petani 300 orang.", ("Sari Tani", 300)),
        ("Kelompok Tani Harapan yang terdiri dari sekitar 45 petani menggarap 20 hektare.", ("Harapan", 45)),
        # a membership stated of "the group" in a later sentence goes to the group named before
        ("Koperasi Margo Sari menjual susu. Susu dari koperasi peternak sapi perah yang beranggotakan 150 orang "
         "itu dikenal luas.", ("Margo Sari", 150)),
        ("KUD Tani Jaya tumbuh pesat. Manfaat mengalir setelah koperasi dengan 190 anggota itu meraih sertifikat.",
         ("Tani Jaya", 190)),
        ("Kelompok Tani Tunas Harapan menanam nanas. “Dengan beranggotakan 30 orang, kami mengolah 6 hektare,” "
         "kata ketuanya.", ("Tunas Harapan", 30)),
        ("Kelompok Tani Cahaya menanam cabai. Kelompoknya berjumlah sekitar 90 petani.", ("Cahaya", 90)),
        ("Wali Kota meresmikan Sentra Ikan Asap Tanjung pada Jumat, 17 Maret 2023. Sentra ini menampung 33 pengasap "
         "ikan.", ("Ikan Asap Tanjung", 33)),
    ],
)
def test_member_counts(finder, text, expected):
    got = [(c["name"], c["member_count"]) for c in finder.find(text)]
    assert got[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a count of several groups together is no one group's membership
        "Ada Sentra Sutra Indah, Sentra Tenun Bunga, dan Sentra Benang Emas. Ketiga sentra ini melibatkan sekitar "
        "1.300 perajin.",
        "Sentra Tenun Mekar berdiri 2010. Saat ini ada dua KUB yang aktif di desa itu dengan 35 anggota.",
        "Panen raya di sawah Kelompok Tani Sri Rejeki. Panen ini melibatkan empat kelompok tani.",
        # who took part in something is not who belongs to the group
        "Peserta belajar di Paguyuban Kulit Sido Mulyo. Magang kulit diikuti oleh sepuluh orang perajin.",
    ],
)
def test_counts_not_bound(finder, text):
    assert finder.find(text)[0]["member_count"] is None


@pytest.mark.parametrize(
    ("short", "words", "expected"),
    [
        ("KTH", "Kelompok Tani Hutan", True),
        ("KUTT", "Koperasi Usaha Tani Ternak", True),
        ("KSMB", "Koperasi Produsen Siabu Maju Bersama", True),
        ("Keltan", "Kelompok Tani", True),
        ("Kokowa Gayo", "Koperasi Kopi Wanita Gayo", True),
        ("Bubu", "Klaster Pengrajin Alat Penangkap Rajungan", False),
        ("Gayo", "Gayo", False),
    ],
)
def test_abbreviates(short, words, expected):
    assert _abbreviates(short, words) is expected


def test_place_is_the_place_record():
    """The cluster's place is the name of the article's place record, which knows its kecamatan."""
    facts = extract(
        "DEMAK - Kelompok Tani Sido Rukun di Desa Bonangrejo, Kecamatan Bonang, Kabupaten Demak, beranggotakan "
        "25 petani.",
        published="2023-06-06",
    )
    (cluster,) = facts.clusters
    assert (cluster.name, cluster.member_count, cluster.place) == ("Sido Rukun", 25, "Bonangrejo")
    place = next(p for p in facts.places if p.name == cluster.place)
    assert (place.level, place.within) == ("desa", "Bonang")


def test_name_with_its_kecamatan_is_the_same_group():
    facts = extract(
        "Dinas menyerahkan mesin kepada KUB Camar Laut Bonang di Kecamatan Bonang, Demak. KUB Camar Laut "
        "memiliki anggota 10 orang. Ketua KUB Camar Laut berterima kasih.",
        published="2023-06-06",
    )
    assert [(c.name, c.member_count) for c in facts.clusters] == [("Camar Laut", 10)]
