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


@pytest.fixture(scope="module")
def finder():
    return PartnerFinder()


# Invented sentences, one table per cue family; the expected names in the order found.
SUPPORT = [
    # "dari" names the giver only after a noun of help a few words before it
    ("Kelompok menerima bantuan mesin pengering dari Dinas Pertanian Provinsi Jambi.",
     ["Dinas Pertanian Provinsi Jambi"]),
    ("Pelatihan khusus dari Yayasan Tunas Hijau diikuti 30 petani.", ["Yayasan Tunas Hijau"]),
    ("Bantuan itu bersumber dari dana Pokir anggota DPRD Kabupaten Sarolangun.", ["DPRD Kabupaten Sarolangun"]),
    ("Bibit berasal dari Balai Benih Ikan Sentosa.", []),
    ("Kata Rudi dari Dinas Perikanan Kabupaten Bungo kepada wartawan.", []),
    ("Peserta berasal dari Koperasi Maju Jaya dan Kelompok Tani Sumber Rejeki.", []),
    ("Desa itu meraih penghargaan dari Kementerian Desa.", []),
    ("Kelompok mendapat bantuan dari DAK tahun 2024.", []),
    ("Kegiatan ini terselenggara berkat dukungan Bank Sumsel Babel.", ["Bank Sumsel Babel"]),
    ("Kelompok menerima bantuan CSR dari PT Semen Nusantara Tbk.", ["Semen Nusantara"]),
    ("Warga menerima bantuan PKH dan bantuan BLT dari pemerintah.", []),
    ("Kelompok menerima kredit usaha tanpa bunga dari Bank Nagari Sejahtera.", ["Bank Nagari Sejahtera"]),
    ("Biaya terdiri dari Rp 20 juta APBD Kabupaten Tapin dan Rp 9 juta dari Bank Indonesia Banjarmasin.",
     ["Bank Indonesia Banjarmasin"]),
    ("Bantuan perikanan terdiri dari tiga unit bagan senilai Rp1 miliar.", []),
    # help described before its giver
    ("Usaha ini tumbuh berkat dukungan permodalan Bank Maluku dan BNI.", ["Bank Maluku", "BNI"]),
    ("Pelatihan digelar Dinas Koperasi Kabupaten Tapin.", []),
    ("Warga menerima bantuan program renovasi Balai Warga.", []),
    ("Ada penyerahan CSR sebesar Rp 250.000.000,- dari Bank Sultra kepada kelompok.", ["Bank Sultra"]),
    ("Gudang menelan biaya Rp 2 miliar yang berasal dari Kementerian Kelautan dan Perikanan.",
     ["Kementerian Kelautan dan Perikanan"]),
    # who supports, before the verb
    ("Menurut dia, pihak Bappeda sangat mendukung kelompok ini.", ["Bappeda"]),
    ("Hadir perwakilan Universitas Tanjung Baru (Untab) yang selama ini mendampingi perajin.",
     ["Universitas Tanjung Baru"]),
    ("Kami siap mendukung usaha ini, kata Ahmad.", []),
    ("Selain itu, Polres Tanah Merah turut mendukung program ini.", ["Polres Tanah Merah"]),
    ("Polres juga membantu pengawasan pupuk.", []),
    ("Warga menerima bantuan Baznas kepada keluarga miskin.", ["Baznas"]),
    ("Petani memakai Bantuan Alat Mesin Pertanian (Alsintan) berupa traktor.", []),
]

COOPERATION = [
    ("Dinas Koperasi bekerja sama dengan PT Bank Rakyat Indonesia (Persero) Tbk Cabang Sintang.",
     ["Bank Rakyat Indonesia"]),
    ("Kerja sama dengan BMKG dan Politeknik Kelautan Bitung terus berjalan.", ["BMKG", "Politeknik Kelautan Bitung"]),
    ("Nelayan bekerja sama dengan BMKG, balai penyuluh, dan Politeknik Kelautan Bitung.",
     ["BMKG", "Politeknik Kelautan Bitung"]),
    ("Koperasi menjalin kerja sama kemitraan plasma sawit dengan PT Sawit Lestari Jaya.", ["Sawit Lestari Jaya"]),
    ("Pemkab menandatangani memorandum of understanding (MoU) dengan Universitas Tanjung Baru (Untab).",
     ["Universitas Tanjung Baru"]),
    ("Kelompok itu merupakan mitra binaan PT Pupuk Sriwangi (Persero) Unit Produksi Palembang.", ["Pupuk Sriwangi"]),
    ("Program ini diinisiasi oleh Rumah Harapan Nusantara di Desa Sukamaju.", ["Rumah Harapan Nusantara"]),
    ("Pemkab bekerja sama dengan Bank bjb untuk pembiayaan.", ["Bank bjb"]),
    ("Koperasi bekerja sama dengan PT.Pupuk Nusantara dan PT. Asuransi Tani.", ["Pupuk Nusantara", "Asuransi Tani"]),
    ("Kegiatan difasilitasi oleh Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Provinsi Jambi.",
     ["Dinas Pemberdayaan Masyarakat dan Desa"]),
    ("Bantuan itu hasil kolaborasi dengan PT Timah Tbk Wilayah Bangka.", ["Timah"]),
    ("Acara ini didukung OPD Disperindag serta Bappeda.", ["Disperindag", "Bappeda"]),
    ("Penyerahan dilakukan bersama Perbankan dan PT Asuransi Tani Sejahtera.", ["Asuransi Tani Sejahtera"]),
    ("Ketua dibantu beberapa anggota KWT Wono Lestari.", []),
    ("Pengurus dibantu anggota KTH Wono Lestari.", []),
]

AGREEMENTS = [
    # the parties of an agreement: "antara A, B dan C"; subjects of a verb of cooperation
    ("Penandatanganan perjanjian kerja sama antara Bank Indonesia (BI), Universitas Lampung Timur dan Pemkab Mesuji.",
     ["Bank Indonesia", "Universitas Lampung Timur", "Pemkab Mesuji"]),
    ("MoU antara Bupati Kutai, PT Multi Sarana Utama (MSU), dan lima desa diteken hari ini.", ["Multi Sarana Utama"]),
    ("Universitas Nusa Bangsa (UNB) dan Pemerintah Kabupaten Tapin kembali menandatangani kesepakatan bersama.",
     ["Universitas Nusa Bangsa", "Pemerintah Kabupaten Tapin"]),
    ("Bank Sultra dan PT Pos Indonesia (Persero) menandatangani nota kesepahaman.", ["Bank Sultra", "Pos Indonesia"]),
    ("Perjanjian kerja sama antara pemerintah daerah dan pihak Bank Bengkulu Selatan sudah diteken.",
     ["Bank Bengkulu Selatan"]),
    ("Bantuan ini hasil kolaborasi Pemerintah Desa Sukamaju dengan PT Timah Tbk dan Politeknik Negeri Bangka.",
     ["Pemerintah Desa Sukamaju", "Timah", "Politeknik Negeri Bangka"]),
    ("Jalur ditata oleh balai bersama dengan Dinas Pariwisata NTB dan Kabupaten Dompu.", ["Dinas Pariwisata NTB"]),
    ("Kegiatan terselenggara atas kerja sama Universitas Nusa Jaya dan PT Modal Rakyat Madani (MRM).",
     ["Universitas Nusa Jaya", "Modal Rakyat Madani"]),
    ("Wakil Rektor Bidang Kemitraan Unhas, Prof. Ahmad, hadir.", []),
    # a word that opens the sentence before a comma is no party
    ("Terbaru, Bank Sultra dan Universitas Halu Jaya menandatangani MoU.", ["Bank Sultra", "Universitas Halu Jaya"]),
    # a government's word begins the next party, even without a comma
    ("Perjanjian kerja sama antara Bank Indonesia Pemkab Mesuji ditandatangani.", ["Bank Indonesia", "Pemkab Mesuji"]),
    # the abbreviation after the second part covers "X dan Y"
    ("Pemkab menjalin kerja sama dengan Badan Usaha Hulu Minyak dan Gas Bumi (BUH Migas).",
     ["Badan Usaha Hulu Minyak dan Gas Bumi"]),
    ("Pemkab bekerja sama dengan Satuan Kerja Hulu Minyak dan Gas Bumi (SKH Migas).",
     ["Satuan Kerja Hulu Minyak dan Gas Bumi"]),
    # a name introduced with its abbreviation is an organisation, also after "bersama"
    ("Dinas Perikanan bersama Kesatuan Nelayan Pesisir Nusantara (KNPN) membentuk kelompok.",
     ["Kesatuan Nelayan Pesisir Nusantara"]),
]

RECALL = [
    # a kind of party after the cue, then the parties: "seperti", "yaitu", "masing-masing"
    ("Kami menggandeng organisasi pemuda seperti Karang Taruna, IPMA-IPPMA, dan Komunitas yang kreatif.",
     ["Karang Taruna", "IPMA", "IPPMA"]),
    ("Ada beberapa kafe yang bermitra dengan kita yaitu Kopi Senja, Susu Segar Lawu di Tawangmangu.",
     ["Kopi Senja", "Susu Segar Lawu"]),
    ("Koperasi bekerja sama dengan berbagai lembaga antara lain Bank Kalbar dan Universitas Tanjungpura.",
     ["Bank Kalbar", "Universitas Tanjungpura"]),
    ("Warga bekerja sama dengan tetangga seperti biasa.", []),
    # a bank that lends to the groups; a government that lends through them is not one
    ("Bupati meragukan kemampuan Bank Sejahtera Nusantara (BSN) dalam menyalurkan pinjaman ke koperasi desa.",
     ["Bank Sejahtera Nusantara"]),
    ("Kami menunggu kesanggupan BPR Artha untuk menyalurkan dana pinjaman ke koperasi.", ["BPR Artha"]),
    ("Dinas Koperasi Kabupaten Tapin menyalurkan pinjaman ke koperasi desa.", []),
    # a word that only begins a longer title ("Raja Negeri") may begin a business's name
    ("Ada kedai yang bermitra dengan kita yaitu Kopi Senja, Raja Kopi di Lawu.", ["Kopi Senja", "Raja Kopi"]),
    ("Kegiatan ini didukung Raja Negeri Hila dan Bank Maluku.", ["Bank Maluku"]),
    # a verb of handing over or receiving, or a programme, before "dari" names the giver
    ("Kadis menyerahkan mesin jahit dari Kementerian Perindustrian kepada warga.", ["Kementerian Perindustrian"]),
    ("Benih yang disalurkan itu sebagian besar didapatkan dari Balai Benih Ikan Sentani.",
     ["Balai Benih Ikan Sentani"]),
    ("Program KUBE adalah program dari Kementerian Sosial RI (Kemensos) untuk warga miskin.",
     ["Kementerian Sosial"]),
    ("Dinas mendapatkan program pengembangan 500 ekor sapi dari Dirjen Peternakan dan Kesehatan Hewan.", []),
    ("Produk kelompok sudah mendapatkan izin dari Dinas Kesehatan Kabupaten Siak.", []),
    ("Menyerahkan piagam dari Ketua Panitia Budi.", []),
    # several supporters before "untuk (dapat) mendukung"
    ("Ini bentuk komitmen Bank Lampung, PT.Pupuk Sriwangi, Asuransi Tani, BPJS Kesehatan untuk dapat mendukung petani.",
     ["Bank Lampung", "Pupuk Sriwangi", "Asuransi Tani", "BPJS Kesehatan"]),
    # a credit union lends: it is a partner after a noun of help, a producers' cooperative is not
    ("Usaha tumbuh berkat dukungan permodalan Bank Maluku, BNI, dan Koperasi Kredit Sejahtera Bersama.",
     ["Bank Maluku", "BNI", "Koperasi Kredit Sejahtera Bersama"]),
    ("Usaha tumbuh berkat dukungan permodalan Bank Maluku dan Koperasi Tani Sejahtera.", ["Bank Maluku"]),
    # a region named with its level after a cooperation cue is its government; a bare region is a place
    ("Universitas Nusa Jaya membangun kemitraan dengan tiga kepala daerah, masing-masing Kota Bima, "
     "Kabupaten Dompu serta Kabupaten Sumbawa.", ["Kota Bima", "Kabupaten Dompu", "Kabupaten Sumbawa"]),
    ("Pelatihan digelar bersama Kabupaten Dompu.", []),
    # a buyer of the group's produce
    ("Sisa susu segar dijual ke PT Susu Nusantara Jaya, industri pengolah susu.", ["Susu Nusantara Jaya"]),
    ("Sisa sayur dijual ke Pasar Induk Caringin.", []),
    # "Prov." and "Kab." written against the region's name
    ("Koperasi sudah melakukan MoU dengan BPKP Prov.Maluku melalui aplikasi.", ["BPKP Prov.Maluku"]),
    # a named programme of help before "dari"
    ("Penyerahan Kredit Merdeka Pertanian (Cabai & Bawang) dari Bank Papua Barat kepada petani.",
     ["Bank Papua Barat"]),
    # the central government as a whole; a capitalised preposition ends the list
    ("Petani memakai bantuan traktor dari Pemerintah Pusat.", []),
    ("Bupati menyerahkan bantuan CSR dari PT Listrik Kota Kepada Pengelola dan Pemasar Ikan.", ["Listrik Kota"]),
    # a fund and a sector name no body
    ("Usaha ini didukung dana DID dan bantuan dari Sektor Swasta.", []),
    # the subject of the headline acts in the activity; a headline's partner of cooperation stays one
    ("Bank Papua Barat Serahkan Kredit kepada Petani\n\nPemprov bersama OJK Papua Barat dan Bank Papua Barat "
     "mendesain skema kredit.", ["OJK Papua Barat"]),
    ("Petani Terima Kredit dari Bank Papua Barat\n\nPemprov bersama OJK Papua Barat dan Bank Papua Barat mendesain.",
     ["Bank Papua Barat", "OJK Papua Barat", "Bank Papua Barat"]),
    # a cue whose object names no one, then the next sentence lists the parties
    ("Kepala desa menggandeng kelompok seni yang ada di desanya untuk bergabung. Seperti Sanggar Tari Melati, "
     "Komunitas Reog Muda dan lainnya.", ["Sanggar Tari Melati", "Komunitas Reog Muda"]),
    ("Kampus itu menjalin kerja sama dengan ketiga desa tersebut.\nKetiga desa itu antara lain, Desa Sukamaju, "
     "Karang Asri, dan Desa Tanjung.", ["Desa Sukamaju", "Desa Karang Asri", "Desa Tanjung"]),
    ("Kegiatan ini melibatkan seluruh BUMN di provinsi. Meliputi Bedah Rumah, Pasar Murah dan Pesta Rakyat.", []),
    ("Warga berkumpul di balai desa. Seperti Pak Budi dan Bu Ani, mereka datang pagi.", []),
    # an invited body that takes part
    ("Paguyuban perajin tahu mengundang Dinas Koperasi Kota Cilegon untuk memberikan penyuluhan.",
     ["Dinas Koperasi Kota Cilegon"]),
    ("Panitia mengundang warga untuk hadir.", []),
    # a regional government written in lowercase, named with capitals
    ("Sementara bantuan dari pemerintah provinsi Sulbar berupa pompa air.", ["Pemerintah Provinsi Sulbar"]),
    ("Koperasi bekerja sama dengan pemerintah kabupaten Bone dan Bank Sulsel.",
     ["Pemerintah Kabupaten Bone", "Bank Sulsel"]),
    ("Ia berkata pemerintah kota Bandung hadir.", []),
    # the kind of body written in lowercase before its name
    ("Acara ini didukung sponsor tunggal PT Sinar Jaya.", ["Sinar Jaya"]),
    ("Koperasi mendapat pendampingan dari lembaga riset Hutan Lestari (HULES) sejak 2015.", ["Hutan Lestari"]),
    ("Mereka bekerja sama dengan pihak Bank Sulteng.", ["Bank Sulteng"]),
]


def test_partner_regions_each_named_once_are_not_home(nlp):
    """Three regions each named once, side by side, are parties of the agreement, not the article's home."""
    doc = nlp(
        "Universitas Nusa Jaya membangun kemitraan dengan tiga kepala daerah, masing-masing Kota Bima, "
        "Kabupaten Dompu serta Kabupaten Sumbawa."
    )
    assert [s.text for s in doc.spans["partners"]] == ["Kota Bima", "Kabupaten Dompu", "Kabupaten Sumbawa"]


@pytest.mark.parametrize(("text", "expected"), SUPPORT + COOPERATION + AGREEMENTS + RECALL)
def test_partner_cue_families(finder, text, expected):
    assert [p["name"] for p in finder.find(text)] == expected


@pytest.mark.parametrize(
    ("text", "home", "expected"),
    [
        # the government of the article's own region organises; another government cooperates
        ("Pemkab Tapin bekerja sama dengan Pemerintah Desa Sungai Rutas.", {"tapin"}, ["Pemerintah Desa Sungai Rutas"]),
        ("Universitas Nusa Bangsa dan Pemkab Tapin menandatangani MoU.", {"tapin"}, ["Universitas Nusa Bangsa"]),
        ("Kelompok menerima bantuan dari Pemerintah Provinsi Jambi.", set(), ["Pemerintah Provinsi Jambi"]),
        ("Acara digelar bersama Pemkab Tapin dan Pemerintah Daerah.", set(), []),
        # a government before "bersama" acts jointly with the others; the home government organises
        ("Pemerintah Provinsi Jambi bersama OJK Jambi mendesain skema kredit.", {"tapin"},
         ["Pemerintah Provinsi Jambi", "OJK Jambi"]),
        ("Pemkab Tapin bersama OJK Kalsel mendesain skema kredit.", {"tapin"}, ["OJK Kalsel"]),
        ("Bank Kalsel bersama OJK Kalsel mendesain skema kredit.", {"tapin"}, ["OJK Kalsel"]),
    ],
)
def test_partner_governments(finder, text, home, expected):
    assert [p["name"] for p in finder.find(text, frozenset(home))] == expected


def test_partner_province_above_the_home_region(nlp):
    """The province above the article's kabupaten is another government: its help makes it a partner."""
    doc = nlp(
        "Gapoktan di Kabupaten Tabalong siap menyuplai beras. Gapoktan Kabupaten Tabalong memakai mesin bantuan dari "
        "Pemerintah Provinsi Kalimantan Selatan dan didukung Pemkab Tabalong."
    )
    assert [s.text for s in doc.spans["partners"]] == ["Pemerintah Provinsi Kalimantan Selatan"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one partner, named in full, when both forms are partner mentions
        ("Pemkab menggandeng PT Multi Sarana Utama (MSU). Desa yang bekerja sama dengan PT MSU akan maju.",
         ["Multi Sarana Utama", "Multi Sarana Utama"]),
        ("Pemkab bekerja sama dengan Universitas Sebelas Maret (UNS). Kemudian pihak UNS mendampingi perajin.",
         ["Universitas Sebelas Maret", "Universitas Sebelas Maret"]),
        # a programme or unit named by a partner's abbreviation is that partner
        ("Riset ini hasil kerja sama Fakultas Biologi dan PT Modal Rakyat Madani (MRM). Kelompok bekerja sama dengan "
         "MRM Mekar.", ["Fakultas Biologi", "Modal Rakyat Madani", "Modal Rakyat Madani"]),
        # the country of a national body
        ("Bantuan berasal dari Kementerian Sosial RI.", ["Kementerian Sosial"]),
        ("Kelompok menerima bantuan dari Kementerian Kelautan dan Perikanan Republik Indonesia (KKP RI).",
         ["Kementerian Kelautan dan Perikanan"]),
        # an office or company named without the region or country the article gives it elsewhere
        ("Hadir Dinas Pertanian Kabupaten Tapin. Kelompok bekerja sama dengan Dinas Pertanian.",
         ["Dinas Pertanian Kabupaten Tapin"]),
        ("PT Batubara Jaya Indonesia beroperasi di desa. Pemkab bekerja sama dengan PT Batubara Jaya.",
         ["Batubara Jaya Indonesia"]),
        ("Kelompok bekerja sama dengan Dinas Pertanian. Dinas Pertanian Kabupaten Dulu dan Sekarang hadir.",
         ["Dinas Pertanian"]),
        # a shorter name of a partner named in full
        ("Kegiatan didukung oleh Bank Jateng Cabang Sragen. Bank Jateng membantu permodalan.",
         ["Bank Jateng Cabang Sragen", "Bank Jateng Cabang Sragen"]),
        # two longer names: which one the shorter name means is unclear, so it stays
        ("Kegiatan didukung oleh Bank Jateng Cabang Sragen dan Bank Jateng Cabang Blora. Bank Jateng membantu.",
         ["Bank Jateng Cabang Sragen", "Bank Jateng Cabang Blora", "Bank Jateng"]),
        # only the abbreviation after a cue: the name as the cue gives it
        ("Hadir Direktur PT Inti Warna Sejati (Inwas). Mereka difasilitasi oleh Inwas.", ["Inwas"]),
        # the subject of the first sentence, doing the reported activity, organises it; two parties do not
        ("SIGLI - Dinas Kelautan dan Perikanan Aceh membantu kelompok garam. Bantuan dari Dinas Kelautan dan "
         "Perikanan Aceh dan Bank Aceh diserahkan Senin.", ["Bank Aceh"]),
        ("Bank Nusantara (BN) melalui program Desa Maju berupaya mendukung petani. Kelompok mendapat modal dari BN.",
         []),
        ("Pemkab Sambas dan PT Pos Indonesia menandatangani nota kesepahaman. Warga terbantu berkat dukungan "
         "PT Pos Indonesia.", ["Pemkab Sambas", "Pos Indonesia", "Pos Indonesia"]),
        # a faculty of a partner named beside it is that partner
        ("Bupati menjalin kerja sama dengan Universitas Andalas (Unand). Kami sudah MoU dengan Fakultas Hukum Unand.",
         ["Universitas Andalas", "Universitas Andalas"]),
        ("Kami sudah MoU dengan Fakultas Hukum Unand.", ["Fakultas Hukum Unand"]),
        # the organisation that itself cooperates organises the activity
        ("Sentra ini menjadi binaan Pegadaian. Pegadaian bersinergi dengan Universitas Widya Kencana.",
         ["Universitas Widya Kencana"]),
    ],
)
def test_partner_names_merge(finder, text, expected):
    assert [p["name"] for p in finder.find(text)] == expected


def test_quotes_are_attributed(nlp):
    from berita_extract import extract

    text = ("Camat Bonang, Ahmad Fauzi, membuka acara. “Kami mendukung penuh para perajin di desa ini,” "
            "kata Ahmad. “Pemasaran daring akan terus kami dorong bersama,” jelasnya.")
    facts = extract(text, nlp=nlp)
    assert [q.speaker for q in facts.quotes] == ["Ahmad Fauzi", "Ahmad Fauzi"]
