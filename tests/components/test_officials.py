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


# -- where an office ends and a name begins (the name model, places, honorifics) -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gubernur Jawa Tengah Ahmad Lutfi meninjau panen.", ("Ahmad Lutfi", "gubernur")),
        ("Ketua Umum Partai Golkar Budi Santoso menyapa kader.", ("Budi Santoso", "ketua umum")),
        ("Wali Kota Solo Andi Wijaya membuka festival.", ("Andi Wijaya", "wali kota")),
        ("Kepala Dinas Perikanan Lombok Timur Muhammad Rosidi menyerahkan bantuan.",
         ("Muhammad Rosidi", "kepala dinas")),
        ("Presiden Sudan Ahmad Yusuf menerima tamu.", ("Ahmad Yusuf", "presiden")),
        ("Rektor Unimar Dr. Sugeng Riyadi membuka seminar.", ("Sugeng Riyadi", "rektor")),
        ("Penjabat Bupati Sangihe dr Maria Lumentut menyerahkan alat tangkap.", ("Maria Lumentut", "bupati")),
        ("Sekretaris Daerah Banggai, H. Sukri Lamadi, membuka rapat.", ("Sukri Lamadi", "sekretaris daerah")),
        ("Asisten II Setda Bomana, Rusdi, menyampaikan sambutan.", ("Rusdi", "asisten")),
        ("Kepala Bidang Peternakan dan Kesehatan Hewan Kebumen, Ratna Sari menambahkan, vaksin tersedia.",
         ("Ratna Sari", "kepala bidang")),
        ("Kabid Kelautan pada Dinas Kelautan dan Perikanan Pidie, Nurhayati, menjelaskan.",
         ("Nurhayati", "kepala bidang")),
    ],
)
def test_office_name_boundary(finder, text, expected):
    found = [(o.name, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Direktur Eksekutif Yayasan Bumi Lestari hadir dalam acara itu.",
        "Ketua Komisi I menyampaikan laporan.",
        "Keputusan Menteri Nomor 5 Tahun 2020 mengatur hal itu.",
        "Kepala Bidang Pelatihan belum memberi keterangan.",
        "Ketua Dekranasda Kabupaten Lombok Timur, Kepala Dinas Pariwisata Lombok Timur, dan camat hadir.",
        "Ketua KUBE Mawar 1 menerima bantuan modal.",
        "Kepala Bidang Pengelolaan Tangkap Dinas Perikanan Natuna hadir.",
        "Hadir Ketua RT dan RW Kelurahan Mangkura, Dewan Lorong, dan warga.",
        "Kepala Dinas Pangan Prov Kaltara, kata dia, menyerahkan bantuan.",
    ],
)
def test_office_words_are_not_names(finder, text):
    assert [o.name for o in finder.find(text) if o.rule != "official:name-only"] == []


# -- headlines: a Title Case first line capitalises every word ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bupati Matim Minta Petani Tanam Jagung\nBORONG - Bupati Manggarai Timur Agus Wara meninjau sawah.",
         ["Agus Wara"]),
        ("Wakil Bupati Serahkan Ratusan Paket Bantuan\nWakil Bupati Bone Dedi Kurnia membagikan paket.",
         ["Dedi Kurnia"]),
        ("Ketua Kelompok Tani Hadiri Pelatihan Perajin Kayu\nPelatihan digelar di balai desa.", []),
    ],
)
def test_title_case_headline(finder, text, expected):
    assert [o.name for o in finder.find(text) if o.rule != "official:name-only"] == expected


# -- heads of groups, names before the title, cue words, brackets ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sumarni, Ketua KWT Melati, menjelaskan hasil panen.", ("Sumarni", "ketua")),
        ("Wartini (51), Ketua Kelompok Gerabah Tanah Liat Asri menjelaskan proses pembakaran.", ("Wartini", "ketua")),
        ("Bantuan diserahkan kepada Mahmud selaku Ketua Pokdakan Mina Jaya.", ("Mahmud", "ketua")),
        ("Dewi Lestari adalah Ketua KUBE Mawar 1 di desa itu.", ("Dewi Lestari", "ketua")),
        ("Pelatihan digelar di rumah Priyo Handoko (Kades Sidomulyo) pekan lalu.", ("Priyo Handoko", "kepala desa")),
        ("kata Ketua Kluster Batik “Sekar Jagad”, Hartini Wulandari, di galeri.", ("Hartini Wulandari", "ketua")),
        ("Ketua Kelompok Tenun Sari Asih menjelaskan motif baru.", None),
        ("Panen dihadiri Kepala Perwakilan Bank Indonesia Sulteng, Rudi Hartono.",
         ("Rudi Hartono", "kepala perwakilan")),
        ("Kepala Diskan Kabupaten Kapuas Darmono menyerahkan benih.", ("Darmono", "kepala dinas")),
        ("Kepala Bank Jateng Cabang Blora, Aris Munandar hadir.", ("Aris Munandar", "kepala cabang")),
        ("Hadir Kepala BPP Sukamaju Marwan dan para penyuluh.", ("Marwan", "kepala balai")),
        ("Kepala UPTD Pelabuhan Perikanan Wilayah II, Joni Saputra, menerima ikan.", ("Joni Saputra", "kepala uptd")),
    ],
)
def test_groups_and_name_before_title(finder, text, expected):
    found = [(o.name, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == ([expected] if expected else [])


# -- regional and village titles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Perbekel Sukawati, I Wayan Darma, menyambut rombongan.", ("I Wayan Darma", "kepala desa")),
        ("Wali Nagari Sungai Pua, Edi Saputra, membuka acara.", ("Edi Saputra", "kepala desa")),
        ("Kepala Kampung Nimbokrang Yakob Wenda menerima bantuan.", ("Yakob Wenda", "kepala desa")),
        ("Kepala Distrik Sentani, Markus Ohee, hadir.", ("Markus Ohee", "camat")),
        ("Ketua Komisi II DPRD Garut Asep Mulyana meninjau lokasi.", ("Asep Mulyana", "ketua komisi")),
        ("Perdana Menteri Malaysia Anwar Ibrahim tiba di Jakarta.", ("Anwar Ibrahim", "perdana menteri")),
        ("Presiden Terpilih Budi Hartono menyapa pendukung.", ("Budi Hartono", "presiden")),
        ("Bupati Lombok Tengah Lalu Pathul Bahri meresmikan pasar.", ("Lalu Pathul Bahri", "bupati")),
    ],
)
def test_regional_titles(finder, text, expected):
    found = [(o.name, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


# -- places and organisations inside the run after a title -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bupati Kukar Rendi Solihin meninjau jalan.", ["Rendi Solihin"]),
        ("Wakil Bupati Lamsel Anton Wibowo hadir.", ["Anton Wibowo"]),
        ("Lurah Mattoangin Ryan Paturusi membuka acara.", ["Ryan Paturusi"]),
        ("Direktur Poltekkes Jakarta Herman Widjaja memberi sambutan.", ["Herman Widjaja"]),
        ("Ketua Ikatan Perempuan Pesisir Nusantara (IPPN) Cabang Sumenep Yuliana menyatakan siap.", ["Yuliana"]),
        ("Warga desa Sukamakmur berkumpul. Menurut Kades Sukamakmur, panen naik.", []),
        ("Winarto, yang menjabat sebagai bendahara koperasi, menjelaskan.", ["Winarto"]),
        ("Andi Rahman, Kepala Bidang di Dinas Pertanian Majene, menjelaskan.", ["Andi Rahman"]),
        ("Bupati Tolanda Rusli Abua,SH membuka acara.", ["Rusli Abua"]),
        ("Ketua Tim Peneliti Prof Imam Santoso mengatakan madu melimpah.", ["Imam Santoso"]),
    ],
)
def test_places_and_bodies_in_the_run(finder, text, expected):
    assert [o.name for o in finder.find(text) if o.rule != "official:name-only"] == expected


# -- lists of roles ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Susunan pengurus baru adalah Ketua Suparno, Sekretaris Wulan Sari, Bendahara Agus Triyono dibantu seksi.",
         [("Suparno", "ketua"), ("Wulan Sari", "sekretaris"), ("Agus Triyono", "bendahara")]),
        ("Ketua Kelompok Tani Makmur, Sekretaris Dinas Pertanian dan camat hadir.", []),
    ],
)
def test_role_lists(finder, text, expected):
    assert [(o.name, o.role) for o in finder.find(text) if o.rule != "official:name-only"] == expected


HARD_WRAPPED = (
    "Panen raya jagung di Desa Sukamaju berlangsung meriah pada hari Kamis pagi\n"
    "ini dan dihadiri oleh ratusan petani dari berbagai kelompok tani di daerah\n"
    "tersebut. Acara itu dibuka secara resmi dengan sambutan dari Gubernur\n"
    "Sulteng Dr Rusdi Marasabessy yang berharap produksi jagung terus naik setiap\n"
    "tahun, sementara penyerahan bantuan benih diberikan kepada Ketua TP\n"
    "PKK Donggala Hj Ratna Lamadjido dan para ketua kelompok tani yang hadir\n"
    "di lokasi. Para petani berharap bantuan alat mesin pertanian segera tiba\n"
    "sebelum musim tanam berikutnya dimulai pada bulan depan di desa mereka\n"
)


def test_hard_wrapped_lines(finder):
    """A text wrapped at a fixed width: a line break inside a sentence is a space."""
    found = {(o.name, o.title) for o in finder.find(HARD_WRAPPED) if o.rule != "official:name-only"}
    assert ("Rusdi Marasabessy", "Gubernur Sulteng") in found
    assert ("Ratna Lamadjido", "Ketua TP PKK Donggala") in found


def test_short_lines_keep_breaks(finder):
    """Ordinary paragraphs are not joined: a headline line stays apart from the next one."""
    text = "Bupati Hadiri Panen\nWarga Desa Ungge panen jagung.\n"
    assert finder._unwrap(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pjs Bupati Minut Clay JH Dondokambey SSTP MAP berharap bantuan bermanfaat.", "Clay JH Dondokambey"),
        ("Wakil Bupati Minahasa Robby E Dondokambey hadir.", "Robby E Dondokambey"),
        ("Bupati Bolmong Yasti SM Mokoagow SE meninjau lokasi.", "Yasti SM Mokoagow"),
        ("Camat Bonang, Rudi DKP Provinsi Jawa Tengah hadir.", "Rudi"),
    ],
)
def test_initials_inside_names(finder, text, expected):
    """Initials in capitals inside a name ("JH", "E") when a name word follows; an office's acronym is not one."""
    found = [o.name for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warsini (52) adalah Ketua KUBE Mawar 2 di desa itu.", ("Warsini", "ketua")),
        ("Sutrisno selaku Ketua Gapoktan Rukun 3 menyambut rombongan.", ("Sutrisno", "ketua")),
    ],
)
def test_name_before_numbered_group(finder, text, expected):
    """A group's name ending in a number is not a person; the person is named before the title."""
    found = [(o.name, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kecamatan's name ("Sakti") heading a run of three words is a given name, unless written apart elsewhere
        ("Menteri Kelautan dan Perikanan Sakti Wahyu Trenggono meninjau pelabuhan.", "Sakti Wahyu Trenggono"),
        # the institution is written on its own elsewhere in the article, so it ends the office
        ("Mahasiswa Akademi Pariwisata Poltekpar Sanur, hadir. Direktur Poltekpar Sanur Budi Raharjo Wibowo membuka.",
         "Budi Raharjo Wibowo"),
        ("Warga Desa Kedung Rejo, berkumpul. Kepala Desa Kedung Rejo Sutrisno Adi hadir.", "Sutrisno Adi"),
        # a later mention of the person at the start of a sentence or after Bunda proves nothing
        ("Bupati Lebong Kopli Ansori hadir. Menurut Kopli, biaya besar.", "Kopli Ansori"),
        ("Wakil Gubernur NTB Niken Saptarini hadir. Kata Bunda Niken, produk laris.", "Niken Saptarini"),
    ],
)
def test_office_ends_where_the_article_writes_it_apart(finder, text, expected):
    """Where a run of capitalised words after a title splits into office and name."""
    found = [o.name for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Humas Koperasi, Dedi Firmansyah menjelaskan alur produksi.", ("Dedi Firmansyah", "humas")),
        ("Humas PT Semen Tonasa, Rina Marlina mengatakan bantuan disalurkan.", ("Rina Marlina", "humas")),
        ("Fasilitator Desa Berdaya Sukorejo, Ahmad Mubarok membentuk kelompok tani.", ("Ahmad Mubarok", "fasilitator")),
        ("Pengelola Bumdes Maju Jaya, Yohanes Bria menerangkan hasil usaha.", ("Yohanes Bria", "pengelola")),
        ("Perangkat Desa Karangrejo, Sulistyo mengatakan warga antusias.", ("Sulistyo", "perangkat desa")),
        ("Pembantu Direktur II Politeknik Kupang, Maria Goreti hadir.", ("Maria Goreti", "pembantu direktur")),
        ("Kuasa Hukum Koperasi Tani Makmur, Hendra Gunawan SH menuntut.", ("Hendra Gunawan", "kuasa hukum")),
        ("Dosen Universitas Mataram, Lalu Zulkifli memberi materi.", ("Lalu Zulkifli", "dosen")),
        ("Menurut pengurus KWT Melati Indah, Sumarni, hasil panen naik.", ("Sumarni", "pengurus")),
    ],
)
def test_more_roles(finder, text, expected):
    """Roles beyond government offices: spokespeople, facilitators, managers of village bodies, lecturers."""
    found = [(o.name, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


def test_one_word_always_after_the_same_word(finder):
    """A one-word 'name' the article always writes after the same word is the end of a longer name."""
    text = (
        "Badan Pengelola KEK Teluk Mandar hadir. Wisata Teluk Mandar ramai. Kawasan Teluk Mandar tumbuh."
    )
    assert [o.name for o in finder.find(text)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wakil Bupati (Wabup) Manggarai Barat (Mabar), Yulianus Weng meminta petani bekerja sama.",
         ("Yulianus Weng", "Wakil Bupati (Wabup) Manggarai Barat (Mabar)", "wakil bupati")),
        ("Bupati Hulu Sungai Selatan (HSS) H Achmad Fikry mengikuti panen.",
         ("Achmad Fikry", "Bupati Hulu Sungai Selatan (HSS)", "bupati")),
        ("Anggota Komisi IV DPR RI, Endang Setyawati hadir.",
         ("Endang Setyawati", "Anggota Komisi IV DPR RI", "anggota dpr")),
        ("Anggota Komisi B DPRD Jatim, Agus Dono meninjau pasar.",
         ("Agus Dono", "Anggota Komisi B DPRD Jatim", "anggota dprd")),
    ],
)
def test_bracketed_short_forms_and_committees(finder, text, expected):
    """A region's short form in brackets closes the office; a member of a committee sits in the DPR or a DPRD."""
    found = [(o.name, o.title, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kepala Kepolisian Daerah (Kapolda) Papua Irjen Pol Mathius Fakhiri hadir.", ("Mathius Fakhiri", "kapolda")),
        ("Kepala Kejaksaan Negeri Ambon, Rudi Hartono menerima laporan.", ("Rudi Hartono", "kepala kejaksaan negeri")),
        ("Kepala Pengadilan Tinggi Jambi, Sarah Lubis hadir.", ("Sarah Lubis", "kepala pengadilan tinggi")),
        ("Wagub Sulteng Dr. Hj. Ma'mun Amir menyaksikan penandatanganan.", ("Ma'mun Amir", "wakil gubernur")),
        ("Wawali Bitung Hengky Honandar membuka acara.", ("Hengky Honandar", "wakil wali kota")),
    ],
)
def test_roles_from_short_titles(finder, text, expected):
    """A short title in brackets gives the role; courts and prosecutors keep their level; Wagub, Wawali."""
    found = [(o.name, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kepala Bank Indonesia Perwakilan Sulawesi Tengah Dian Nugraha Putra, yang hadir, menyerahkan bantuan.",
         ("Dian Nugraha Putra", "Kepala Bank Indonesia Perwakilan Sulawesi Tengah", "kepala perwakilan")),
        ("Ketua Koperasi Tani Kabupaten Blitar Sutrisno Hadi menjelaskan.",
         ("Sutrisno Hadi", "Ketua Koperasi Tani Kabupaten Blitar", "ketua")),
        ("Ketua Kelompok Tani Sumber Rejeki, Nurdin hadir.", ("Nurdin", "Ketua Kelompok Tani Sumber Rejeki", "ketua")),
    ],
)
def test_body_run_ends_at_a_region_before_a_name(finder, text, expected):
    """A body's run of capitalised words ends at a region's name when a name of two words or more follows it."""
    found = [(o.name, o.title, o.role) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Disampaikan Kepala Cabang PT. Pegadaian, Bambang Sutopo bahwa pihaknya siap membantu para petani.",
         ("Bambang Sutopo", "Kepala Cabang PT. Pegadaian")),
        ("Acara dihadiri Dandim 1003 HSS Letkol Infanteri Bayu Oktavianto Sudibyo, dan para petani di desa itu.",
         ("Bayu Oktavianto Sudibyo", "Dandim 1003 HSS")),
        ("Dandim 0716/Demak Letkol Inf Andhi Elfian hadir dan meninjau lokasi panen bersama para petani.",
         ("Andhi Elfian", "Dandim 0716/Demak")),
        ("Inspektur upacara Danrem 161 Wira Sakti Brigjen TNI Joko Triwinarto Wibowo memimpin apel pagi ini.",
         ("Joko Triwinarto Wibowo", "Danrem 161 Wira Sakti Brigjen TNI")),
        ("Hadir pula Dandim 1002/HST, Plt Kepala Dinas Pertanian Ahmad Yani dan para penyuluh dari kecamatan.",
         ("Ahmad Yani", "Plt Kepala Dinas Pertanian")),
    ],
)
def test_units_companies_and_ranks(finder, text, expected):
    """A unit's number after Dandim/Danrem, 'PT.' with its dot, ranks and acronyms before a name, 'Plt' never a name."""
    found = [(o.name, o.title) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == [expected]


# -- a country after a title is part of the office (patterns/countries.tsv) -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presiden Prancis Jean Dupont tiba di Bali.", [("Jean Dupont", "Presiden Prancis")]),
        ("Duta Besar Korea Selatan, Kim Sung Ho, meninjau sentra batik.",
         [("Kim Sung Ho", "Duta Besar Korea Selatan")]),
        ("Nama itu diambil dari Presiden Filipina yang wafat pada 1957.", []),
        ("Ia bertemu Perdana Menteri Jepang di Tokyo.", []),
    ],
)
def test_country_is_part_of_the_office(finder, text, expected):
    found = [(o.name, o.title) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body's word with a person's name after it and no name after the comma: the body is unnamed
        ("Tamu disambut Ketua Koperasi Budi Santoso, Manajer Pabrik Koperasi, Haris dan staf.",
         [("Budi Santoso", "Ketua Koperasi"), ("Haris", "Manajer Pabrik Koperasi")]),
        # the same shape with a name after the comma: the words name the group
        ("Ketua Kelompok Tani Sri Rejeki, Budi Santoso, menjelaskan.",
         [("Budi Santoso", "Ketua Kelompok Tani Sri Rejeki")]),
        # one capitalised word, then a body's abbreviation and a region: the office goes on to the comma
        ("Hal ini dibenarkan Kabid Perikanan Tangkap DKP Provinsi Maluku, Ir. Budi S. Santoso.",
         [("Budi S. Santoso", "Kabid Perikanan Tangkap DKP Provinsi Maluku")]),
        # "dan" inside an office runs on to the comma before the name
        ("Kepala Seksi Sosial dan Budaya Kecamatan Buleleng, Budi Santoso, hadir.",
         [("Budi Santoso", "Kepala Seksi Sosial dan Budaya Kecamatan Buleleng")]),
        # a level word in lowercase inside the office, before its region's name
        ("Hal itu disampaikan oleh Plt. Kadis DPMD kabupaten Demak, Budi Santoso.",
         [("Budi Santoso", "Plt. Kadis DPMD kabupaten Demak")]),
    ],
)
def test_unnamed_bodies_and_lowercase_levels(finder, text, expected):
    found = [(o.name, o.title) for o in finder.find(text) if o.rule != "official:name-only"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "forms", "expected"),
    [
        # the longest form at each start, whole words only, left to right without overlaps
        ("kata Budi Santoso, lalu Budi.", {"Budi", "Budi Santoso", "Santoso"},
         [(5, 17, "Budi Santoso"), (24, 28, "Budi")]),
        ("Budiman dan O'Budi bukan Budi", {"Budi"}, [(25, 29, "Budi")]),
        ("Budi-Santoso", {"Budi", "Santoso"}, [(0, 4, "Budi"), (5, 12, "Santoso")]),  # a hyphen joins no name
        ("", {"Budi"}, []),
    ],
)
def test_whole_words(text, forms, expected):
    from berita_extract.components.officials import _whole_words

    assert _whole_words(text, forms) == expected


def test_whole_words_many_forms_same_as_few(monkeypatch):
    # past SCANNED_NAMES forms one trie regex finds exactly what the scans find
    from berita_extract.components import officials

    forms = {f"Nama{i}" for i in range(officials.SCANNED_NAMES + 5)} | {"Nama1 Jaya", "Jaya"}
    text = " ".join(sorted(forms)) + ", kata Nama1 Jaya dan Nama12. Jaya-Nama3 O'Nama4 Nama5’"
    by_trie = officials._whole_words(text, forms)
    monkeypatch.setattr(officials, "SCANNED_NAMES", len(forms))
    assert officials._whole_words(text, forms) == by_trie
    assert (text.index("kata Nama1 Jaya") + 5, text.index("kata Nama1 Jaya") + 15, "Nama1 Jaya") in by_trie


def test_word_places_scan_then_index():
    from berita_extract.components.officials import _WordPlaces

    text = " ".join(f"w{i % 10}" for i in range(100)) + " Budi-Santoso Budi"
    places = _WordPlaces(text)
    assert places.get("Budi") == [text.rindex("Budi")]
    for i in range(12):  # past SCANS words asked, one index answers
        assert places.get(f"w{i}") == ([j * 3 for j in range(100) if j % 10 == i] if i < 10 else [])
    assert places.index is not None and places.get("Budi-Santoso") == [text.index("Budi-Santoso")]


def test_place_uses_in_a_long_text_are_the_same():
    """After a few words asked, a text's word uses come from one index (a search per name would be quadratic):
    same answers as the search."""
    from berita_extract.components import officials

    piece = ("Camat Bonang Sutrisno hadir di Bonang-Demak. Warga ke Wedung’an dan Desa Karanganyar, Kota Demakan. "
             "Dari Sayung hadir Lurah Sayungrejo. ")
    words = ["Bonang", "Wedung", "Karanganyar", "Demak", "Sayung", "Sayungrejo", "Sutrisno", "Demakan", "Lurah"]
    short = {w: officials.OfficialFinder._used_as_place(piece, w) for w in words}
    long_text = piece * 200
    assert {w: officials.OfficialFinder._used_as_place(long_text, w) for w in words} == short
    assert officials._runs_after_space(long_text).index is not None  # the words after the eighth came from it
    assert {w: officials.OfficialFinder._used_as_place(long_text, w) for w in words} == short
    assert short == {"Bonang": True, "Wedung": True, "Karanganyar": True, "Demak": False, "Sayung": False,
                     "Sayungrejo": False, "Sutrisno": False, "Demakan": True, "Lurah": False}
