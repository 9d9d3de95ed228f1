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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an anaphoric count ("Kelima desa itu adalah ...") against its items
        ("Pemkab menetapkan desa wisata baru. Kelima desa itu adalah Desa Sumber, Desa Jati, Desa Kali, Desa Mulyo, "
         "dan Desa Asri.", [("stated_total", "ok")]),
        # the cue opens the next sentence; a place named twice is one place
        ("Bantuan tersebar di empat kecamatan. Yakni, Kecamatan Gabus, Kota Pati, Kayen dan Kecamatan Gabus.",
         [("stated_total", "mismatch")]),
        # items in lower case
        ("Koperasi memproduksi tiga jenis olahan, yaitu keripik singkong, dodol nanas, dan sirup jahe.",
         [("stated_total", "ok")]),
        # a count glued to "di", and the count nearest the cue is the one listed
        ("Program berjalan dilima kabupaten yaitu Blora, Rembang, Pati, Kudus, dan Jepara.", [("stated_total", "ok")]),
        ("Sekitar 20 kelompok tersebar di tiga kabupaten, yaitu Blora, Rembang, dan Pati.", [("stated_total", "ok")]),
        # a list ends at its "dan C"; a new count after "serta" is not one of its items
        ("Untad bermitra dengan tiga pemerintah daerah, masing-masing Kota Palu, Kabupaten Sigi, Kabupaten Poso serta "
         "satu lembaga yakni BPKP Sulteng.", [("stated_total", "ok")]),
        # a total against its parts, also when the parts are counted in words or labelled differently
        ("Saat ini ada 12 orang penyuluh. Terdiri dari 8 orang PNS dan 4 orang tenaga kontrak.",
         [("stated_total", "ok")]),
        ("Kegiatan menyasar tujuh kelompok nelayan, terdiri dari empat kelompok tangkap dan dua kelompok pengolahan.",
         [("stated_total", "mismatch")]),
        ("Peserta pawai sebanyak 60 kelompok, terdiri 10 drumband, 30 sekolah, dan 20 instansi.",
         [("stated_total", "ok")]),
        ("Bantuan berupa 400 ekor kambing. Terdiri dari kambing betina 300 ekor dan kambing jantan 100 ekor.",
         [("stated_total", "ok")]),
        # an area and its parts (stated_total), and the list of places it is split over
        ("Lahan seluas 120 hektare terbagi atas tiga desa, yakni Desa Kali 50 hektare, Desa Jati 40 hektare, dan "
         "Desa Asri 20 hektare.", [("stated_total", "mismatch"), ("stated_total", "ok")]),
        # an enumeration
        ("Ada dua kesepakatan yang ditandatangani, yakni Pertama, kerja sama promosi wisata. Kedua, kerja sama "
         "pelatihan pemandu.", [("stated_total", "ok")]),
        ("Pemkab menyiapkan tiga langkah berikut:\n1. Pendataan petani.\n2. Penyaluran pupuk.\n3. Pendampingan.",
         [("stated_total", "ok")]),
        # items named without a cue: an apposition, a later list, "kelompok-kelompok itu meliputi"
        ("Pelatihan digelar di dua desa, Sumberrejo dan Karanganyar.", [("stated_total", "ok")]),
        ("Bantuan perahu diserahkan kepada nelayan di empat kecamatan. Para nelayan penerima tersebar di kecamatan "
         "Juwana, Batangan, Dukuhseti, dan Tayu.", [("stated_total", "ok")]),
        ("Bantuan pancing diberikan di 3 gugus pulau. Penerimanya tersebar di gugus pulau III di Seram Utara, gugus "
         "pulau V di Seram Selatan dan Gugus Pulau VII di Ambon.", [("stated_total", "ok")]),
        ("Program menyasar 4 desa di Kecamatan Sale. Desa-desa yang dipilih itu meliputi Desa Kali, Desa Jati, "
         "Desa Asri, dan Desa Mulyo.", [("stated_total", "ok")]),
        # parts named after their total
        ("Bantuan dibagi dalam 50 paket. Paket tersebut terbagi untuk nelayan tangkap sebanyak 30 paket dan "
         "pembudidaya sebanyak 20 paket.", [("stated_total", "ok")]),
        # only some items are named
        ("Posko didirikan di 12 titik, di antaranya Balai Desa Kali dan Masjid Agung Pati.",
         [("stated_total", "unverifiable")]),
        # a total stated after its parts
        ("Petani Desa Kali menanam jagung di lahan 120 hektare. Petani Desa Jati menanam di lahan 80 hektare. "
         "Total lahan jagung tahun ini 200 hektare.", [("sum", "ok")]),
        # the cue word up to 50 characters before the total, at the end of a long sentence
        ("Petani Desa Kali menanam jagung di lahan 120 hektare, " + "dengan bibit unggul dari dinas, " * 12
         + "sedangkan petani Desa Jati menanam di lahan 80 hektare sehingga jumlah lahan jagung di kedua desa "
         "mencapai 200 hektare.", [("sum", "ok")]),
        # earlier amounts that do not add up to the total are not taken for its parts
        ("Petani Desa Kali menanam jagung di lahan 120 hektare. Petani Desa Jati menanam di lahan 80 hektare. "
         "Total lahan jagung di kabupaten 1.500 hektare.", []),
    ],
)
def test_stated_total_shapes(nlp, text, expected):
    facts = extract(text, nlp=nlp)
    got = sorted((c.kind, c.status) for c in facts.checks if c.kind in {"stated_total", "sum"})
    assert got == sorted(expected), [c.message for c in facts.checks]
    for check in facts.checks:
        assert all(text[m.start : m.end] == m.text for m in check.mentions)


@pytest.mark.parametrize(
    "text",
    [
        # "masing-masing" before a noun means "each", not a list
        "Dari total 1.000 ekor sapi, masing-masing desa mendapatkan 200 ekor sapi, jelasnya.",
        # "berupa" says what was given, not the items counted
        "Dinas menyalurkan bantuan kepada 11 Pokdakan berupa benih ikan patin dan ikan nila beserta pakannya.",
        # a count of "X dan Y" is unclear; a year is no count
        "Panitia mendatangkan dua narasumber dan asisten, yakni Ani Lestari, Budi Santoso, dan Citra Dewi.",
        "Pada 2022 targetnya meliputi padi, jagung, dan kedelai.",
        # a pair named later by chance is not the pair stated
        "Warga dua desa hadir. Kepala Desa Kali dan Desa Jati memberi sambutan.",
    ],
)
def test_stated_total_not_checked(nlp, text):
    facts = extract(text, nlp=nlp)
    assert [c for c in facts.checks if c.kind == "stated_total"] == [], [c.message for c in facts.checks]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the groups counted, then fewer of them named in one sentence: the article's list, and it is short
        ("Dinas menyalurkan bantuan kepada empat kelompok tani di Desa Kali. Bantuan diterima Kelompok Tani "
         "Sumber Rejeki, Kelompok Tani Mina Makmur, dan Kelompok Tani Tani Jaya.", [("stated_total", "mismatch")]),
        # a count of the groups of a district, and a few of them named here and there: nothing to check
        ("Di kecamatan itu ada 12 kelompok nelayan yang menerima mesin. Di Desa Kali, kelompok nelayan Laut Biru "
         "menerima 10 unit. Di Desa Jati, kelompok nelayan Ombak Jaya menerima 12 unit.", []),
    ],
)
def test_stated_groups_named_apart(nlp, text, expected):
    facts = extract(text, nlp=nlp)
    assert [(c.kind, c.status) for c in facts.checks if c.kind == "stated_total"] == expected, [
        c.message for c in facts.checks
    ]


@pytest.mark.parametrize(
    ("piece", "degree"),
    [("S.Ds.", True), ("M.A", True), ("S.Pd. M.Pd", True), ("A.Md.Kes", True), ("Ph.D", True), ("S.Farm.", True),
     # a part of more than four letters is no part of a degree, so no long word can be cut into parts
     ("A.Ma.Badan Penanggulangan", False), ("H. Ahmad", False), ("M.ABCDEFG", False), ("Budi", False)],
)
def test_degree_parts_are_short_and_closed(piece, degree):
    from berita_extract.checks import _DEGREE

    assert bool(_DEGREE.match(piece)) is degree
