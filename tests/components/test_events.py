"""Events: (text, expected) tables of invented lead sentences in the style of regional news."""

from __future__ import annotations

import pytest

from berita_extract import extract


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an active verb names the activity by its nominalisation, without the number counted
        ("Bupati Wonogiri, Joko Sutrisno, meresmikan embung desa di Desa Sendang, Kecamatan Wonogiri, Senin "
         "(4/3/2024).", "peresmian embung desa"),
        ("Dinas Pertanian Kabupaten Blora menyerahkan dua unit traktor tangan kepada Kelompok Tani Sri Rejeki, "
         "Rabu (6/3/2024).", "penyerahan traktor tangan"),
        ("Kelompok Tani Kopi Lereng Sindoro melepas ekspor perdana 3 ton kopi arabika ke Jepang, Jumat (8/3/2024).",
         "pelepasan ekspor perdana kopi arabika"),
        # a short form in brackets is left out; a group's name keeps its capitals
        ("Pemerintah Kota Salatiga membentuk Kelompok Usaha Bersama (KUB) Sekar Jagad di Kelurahan Kutowinangun.",
         "pembentukan Kelompok Usaha Bersama Sekar Jagad"),
        ("Pemkab Grobogan menandatangani nota kesepahaman (MoU) dengan Universitas Muria Kudus.",
         "penandatanganan nota kesepahaman"),
        # receiving a handover is the handover
        ("Koperasi Wanita Mekar Sari menerima bantuan mesin jahit dari Pemerintah Provinsi Jawa Timur, Kamis "
         "(7/3/2024).", "penyerahan bantuan mesin jahit"),
        # a passive verb: its subject is what the activity was about
        ("Gudang beras desa itu diresmikan Wakil Bupati Rembang pada Jumat (8/3/2024).", "peresmian gudang beras desa"),
        # a nominal activity after the verb that holds it
        ("Sebanyak 30 perajin mengikuti pelatihan desain batik di Aula Kecamatan Lasem, Selasa (5/3/2024).",
         "pelatihan desain batik"),
        ("Kapolres Blora mendampingi panen raya jagung di Desa Ngawenombo, Kamis (7/3/2024).", "panen raya jagung"),
        # a passive subject is kept as written, its count too
        ("Tiga klaster usaha mikro di pesisir Juwana resmi dikukuhkan Pemkab Pati, Selasa (5/3/2024).",
         "pengukuhan tiga klaster usaha mikro"),
        # a planned activity is not yet an event: the one held comes next
        ("Kelompok perajin tengah menyiapkan pengiriman perdana tas anyaman ke Korea. Hal itu disampaikan dalam "
         "kunjungan kerja Bupati Pati, Senin (4/3/2024).", "kunjungan kerja Bupati Pati"),
        # a named event a verb holds
        ("Dinas Pariwisata menggelar Festival Kopi Temanggung di Alun-alun Temanggung.", "Festival Kopi Temanggung"),
    ],
)
def test_event_names(nlp, text, expected):
    facts = extract(text, nlp=nlp)
    assert [e.name for e in facts.events] == [expected]
    for event in facts.events:
        assert all(text[m.start : m.end] == m.text for m in event.mentions)


@pytest.mark.parametrize(
    "text",
    [
        # a sentence that tells more of an activity already named is no new activity
        "Pelatihan ini diikuti 40 peserta dari lima desa.",
        # verbs that form no group, hold no named activity
        "Guru membentuk karakter siswa sejak dini.",
        "Pemkab melaksanakan APBD perubahan dengan hati-hati.",
        # a headline is no sentence
        "120 Ribu Benih Ikan Disalurkan",
        # receiving what is no handover
        "Warga menerima kabar itu dengan gembira.",
        # what someone said is not what happened
        "“Kami akan meresmikan pasar baru tahun depan,” kata Bupati.",
    ],
)
def test_no_event(nlp, text):
    assert extract(text, nlp=nlp).events == []


def test_event_date_venue_organizer(nlp):
    text = (
        "KUDUS - Dinas Perdagangan Kabupaten Kudus menggelar pelatihan desain kemasan bagi perajin jenang, "
        "Selasa (11/10/2022). Pelatihan berlangsung di Aula Kecamatan Kaliwungu."
    )
    (event,) = extract(text, nlp=nlp, published="2022-10-12").events
    assert (event.name, str(event.date), event.venue, event.organizer) == (
        "pelatihan desain kemasan",
        "2022-10-11",
        "Aula Kecamatan Kaliwungu",
        "Dinas Perdagangan Kabupaten Kudus",
    )


def test_handover_organizer_is_the_giver(nlp):
    text = "Koperasi Wanita Mekar Sari menerima bantuan mesin jahit dari Pemerintah Provinsi Jawa Timur, Kamis."
    (event,) = extract(text, nlp=nlp).events
    assert event.organizer == "Pemprov Jawa Timur"
