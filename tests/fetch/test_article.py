"""HTML to article on the fixture pages: main text against the text written, metadata, provenance."""

from __future__ import annotations

import json

import pytest

from berita_extract.fetch import sites
from berita_extract.fetch.article import body_text, clean_blocks, extract, next_pages, parse_date, parse_html
from berita_extract.fetch.decoding import decode_body
from berita_extract.patterns import PatternError

from .server import SITE, fixture_pages, token_f1

BASE = "http://berita.test"


def page(path: str) -> tuple[str, str]:
    """Decoded HTML and URL of a fixture page, as the server would give it."""
    rel = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
    data = (SITE / rel).read_bytes().replace(b"{base}", BASE.encode())
    return decode_body(data, "text/html")[0], BASE + path


def expected(name: str) -> str:
    """The text written for a fixture article."""
    return (SITE / "expected" / f"{name}.txt").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    "name", [n for n in fixture_pages() if n not in ("pelatihan-umkm-digital", "sentra-ukir")]
)
def test_main_text_of_single_pages(name):
    html, url = page(fixture_pages()[name])
    got = extract(html, url)
    assert token_f1(got.text, expected(name)) >= 0.98, got.text
    assert got.text.split("\n")[0] == expected(name).split("\n")[0]


def test_mean_token_f1_over_the_fixture_articles():
    scores = []
    for name, path in fixture_pages().items():
        html, url = page(path)
        first = extract(html, url, min_chars=0)
        want = expected(name)
        # split articles: score page 1 against the opening paragraphs it holds
        n = len(first.text.split("\n"))
        scores.append(token_f1(first.text, "\n".join(want.split("\n")[:n])))
    assert sum(scores) / len(scores) >= 0.98


def test_chrome_is_removed_and_reporter_kept():
    html, url = page("/2022/10/11/klaster-kerupuk-ikan/")
    got = extract(html, url)
    for junk in (
        "Baca Juga",
        "Baca juga",
        "SCROLL TO CONTINUE",
        "ADVERTISEMENT",
        "Facebook",
        "Foto:",
        "Tags",
        "Berita Terkait",
        "Komentar",
        "Copyright",
        "Editor",
        "Agus Salim",
        "Reporter:",
        "Beranda",
    ):
        assert junk not in got.text, junk
    # JSON-LD author; the footer names the same reporter and the editor, who is credited too
    assert got.authors == ["Rina Marlina", "Agus Salim"]


def test_reporter_footer_becomes_an_author():
    html, url = page("/2022/10/14/pasar-murah-kecamatan/")
    got = extract(html, url)
    assert "Yudha Pratama" in got.authors and "Pewarta" not in got.text


def test_metadata_from_json_ld_first():
    html, url = page("/2022/10/11/klaster-kerupuk-ikan/")
    got = extract(html, url)
    assert got.title == "Demak Resmikan Klaster Kerupuk Ikan Beranggotakan 42 Pelaku Usaha"
    assert got.published == "2022-10-11T09:30:00+07:00" and got.modified == "2022-10-11T11:02:00+07:00"
    assert got.source == "Kabar Pesisir" and got.language == "id"
    assert got.canonical_url == BASE + "/2022/10/11/klaster-kerupuk-ikan/"
    assert got.provenance == {
        "title": "json-ld",
        "published": "json-ld",
        "authors": "json-ld",
        "text": "profile:wp-default",
    }


def test_metadata_from_opengraph_and_time():
    html, url = page("/2022/10/14/pasar-murah-kecamatan/")
    got = extract(html, url)
    assert got.title == "Pasar Murah Digelar di Empat Kecamatan" and got.provenance["title"] == "meta"
    assert got.published == "2022-10-14T08:00:00+07:00" and got.provenance["published"] == "fallback"
    assert got.provenance["text"] == "fallback"


def test_generic_fallback_on_a_government_page():
    html, url = page("/pemerintahan/kunjungan-kerja.html")
    got = extract(html, url)
    assert got.profile is None and got.provenance["text"] == "fallback"
    assert got.title == "Kunjungan Kerja Bupati ke Tanggungharjo"
    assert got.published == "2022-10-17T09:12:00+07:00"  # from the byline text, WIB
    assert got.authors == ["Humas Setda Grobogan"]


def test_theme_profile_is_detected():
    html, url = page("/2022/10/12/pelatihan-umkm-digital/")
    got = extract(html, url)
    assert got.profile == "wp-jnews" and got.provenance["text"] == "profile:wp-jnews"
    assert "BACA JUGA" not in got.text and "Iklan" not in got.text and "Selanjutnya" not in got.text


def test_host_profile_wins_over_metadata():
    html = """<html><head><meta property="og:title" content="Judul dari OpenGraph"></head><body>
    <h1 class="judul">Judul dari Profil</h1><div class="tanggal">Rabu, 5 Oktober 2022</div>
    <div class="penulis">Sari Dewi</div><div class="isi-berita">
    <p>KUDUS - Paragraf pertama yang cukup panjang untuk
    dianggap isi berita oleh pembaca halaman.</p><div class="baca-juga">Baca juga: berita lain</div>
    <p>Paragraf kedua juga cukup panjang agar teksnya lolos batas minimal karakter artikel.</p>
    </div></body></html>"""
    got = extract(html, "https://www.kabar-fiktif.test/berita/1")
    assert got.profile == "kabar-fiktif" and got.source == "Kabar Fiktif"
    assert got.title == "Judul dari Profil" and got.provenance["title"] == "profile:kabar-fiktif"
    assert got.published == "2022-10-05" and got.authors == ["Sari Dewi"]
    assert "Baca juga" not in got.text and got.text.startswith("KUDUS - Paragraf pertama")


def test_page_without_an_article():
    html, url = page("/tentang-kami/")
    got = extract(html, url)
    assert got.text == "" and got.link_density > 0.5


@pytest.mark.parametrize(
    "path, pages",
    [
        ("/2022/10/12/pelatihan-umkm-digital/", ["/2022/10/12/pelatihan-umkm-digital/2/"]),
        ("/2022/10/12/pelatihan-umkm-digital/2/", []),
        ("/berita/sentra-ukir.html", ["/berita/sentra-ukir.html?page=2"]),
        ("/2022/10/11/klaster-kerupuk-ikan/", []),
        ("/tentang-kami/", []),  # /kategori/ekonomi/page/2/ is an archive page, not part of an article
    ],
)
def test_next_pages(path, pages):
    html, url = page(path)
    assert next_pages(parse_html(html), url) == [BASE + p for p in pages]


def test_next_pages_generic_forms():
    html = """<div><a href="/a/judul/2/">2</a> <a href="/a/judul/3/">3</a> <a href="?halaman=4">Halaman 4</a>
    <a href="/a/lain/2/">lain</a> <a href="https://luar.test/a/judul/2/">luar</a></div>"""
    assert next_pages(parse_html(html), "https://berita.test/a/judul/") == [
        "https://berita.test/a/judul/2/",
        "https://berita.test/a/judul/3/",
        "https://berita.test/a/judul/?halaman=4",
    ]


def test_body_text_of_an_api_fragment():
    text, authors = body_text(
        "<p>Paragraf satu.</p><p><strong>Baca juga:</strong> <a href='/x'>lain</a></p>"
        "<p>Paragraf dua.</p><p>Penulis: Sari Dewi</p>"
    )
    assert text == "Paragraf satu.\nParagraf dua." and authors == ["Sari Dewi"]


@pytest.mark.parametrize(
    "value, want",
    [
        ("2022-10-11T09:30:00+07:00", "2022-10-11T09:30:00+07:00"),
        ("2022-10-11T02:30:00Z", "2022-10-11T02:30:00+00:00"),
        ("2022-10-11", "2022-10-11"),
        ("2022-10-11 10:15:00", "2022-10-11T10:15:00"),
        ("Selasa, 11 Oktober 2022 - 10:15 WIB", "2022-10-11T10:15:00+07:00"),
        ("Kamis, 3 Nopember 2022 14.05 WITA", "2022-11-03T14:05:00+08:00"),
        ("11 Okt 2022", "2022-10-11"),
        ("Diposting 11/10/2022", "2022-10-11"),
        ("Oct 11, 2022", None),
        ("tanpa tanggal", None),
        ("31 Februari 2022", None),
    ],
)
def test_parse_date(value, want):
    assert parse_date(value) == want


def test_profiles_load_and_bad_profile_is_reported():
    ids = [p.id for p in sites.profiles()]
    assert len(ids) == len(set(ids)) and "wp-default" in ids
    with pytest.raises(PatternError, match="patterns/sites/x.toml: body"):
        sites.parse_profile("x.toml", 'id = "x"\nbody = "div[["\n')
    with pytest.raises(PatternError, match="patterns/sites/x.toml: colour"):
        sites.parse_profile("x.toml", 'id = "x"\ncolour = "biru"\n')
    with pytest.raises(PatternError, match="malformed TOML"):
        sites.parse_profile("x.toml", "id = \n")


def test_tribun_style_report_line_names_the_reporter():
    html = """<html><body><div class="txt-article"><p>Laporan Wartawan Tribun Bali, Cisilia Agustina S</p>
    <p>DENPASAR - Perhelatan festival desa akan menampilkan ratusan penari dan perajin desa.</p>
    <p>Panitia menyebut acara berlangsung lima hari dan terbuka untuk umum tanpa biaya masuk sama sekali.</p>
    </div></body></html>"""
    got = extract(html, "https://bali.test/berita/1")
    assert got.authors == ["Cisilia Agustina S"] and got.text.startswith("DENPASAR - Perhelatan")


def test_text_split_by_an_ad_slot_and_a_lead_paragraph_outside_the_body():
    para = "Paragraf {} berisi kalimat yang cukup panjang tentang panen padi di desa dan harga gabah petani."
    html = f"""<html><body><div class="wrap"><h1>Judul</h1><p class="lead">{para.format("pembuka")}</p>
    <div class="txt">{"".join(f"<p>{para.format(i)}</p>" for i in (1, 2, 3))}</div>
    <div class="slot-x"><a href="/promo">Promo</a></div>
    <div class="txt">{"".join(f"<p>{para.format(i)}</p>" for i in (4, 5))}</div>
    </div><div class="lain"><p><a href="/a">{para.format("tautan")}</a></p></div></body></html>"""
    got = extract(html, "https://berita.test/a/")
    assert [line.split()[1] for line in got.text.split("\n")] == ["pembuka", "1", "2", "3", "4", "5"]


def test_headline_with_a_dash_is_kept_whole():
    html = """<html><head><title>Kudus - Klaster Jenang Diresmikan | Warta Kudus</title>
    <meta property="og:site_name" content="Warta Kudus">
    <meta property="og:title" content="Kudus - Klaster Jenang Diresmikan - Warta Kudus"></head>
    <body></body></html>"""
    assert extract(html, "https://w.test/a").title == "Kudus - Klaster Jenang Diresmikan"
    without_og = html.replace('<meta property="og:title"', '<meta name="x"')
    # from <title>: the longest part
    assert extract(without_og, "https://w.test/a").title == "Klaster Jenang Diresmikan"


@pytest.mark.parametrize(
    "og_title, site, url, want",
    [
        (
            "Klaster Jenang Diresmikan | DW | 10.06.2013",
            None,
            "https://www.dw.com/a",
            "Klaster Jenang Diresmikan",
        ),
        (
            "Klaster Jenang Diresmikan - Kompas.com",
            None,
            "https://regional.kompas.com/a",
            "Klaster Jenang Diresmikan",
        ),
        (
            "Klaster Jenang Diresmikan | Warta Kudus",
            "Warta Kudus",
            "https://w.test/a",
            "Klaster Jenang Diresmikan",
        ),
        ("Kudus - Klaster Jenang Diresmikan", None, "https://w.test/a", "Kudus - Klaster Jenang Diresmikan"),
    ],
)
def test_site_tags_are_dropped_from_headlines(og_title, site, url, want):
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    html = (
        f'<html><head><meta property="og:title" content="{og_title}">{site_meta}</head><body></body></html>'
    )
    assert extract(html, url).title == want


@pytest.mark.parametrize("min_chars", [0, 150])
def test_article_body_from_json_ld_when_the_page_shows_little(min_chars):
    body = "PATI - Paragraf pertama tentang pasar murah yang cukup panjang untuk dibaca.\n" * 2 + (
        "Paragraf kedua menjelaskan harga beras, minyak goreng dan gula pasir di setiap titik."
    )
    ld = json.dumps({"@type": "NewsArticle", "headline": "Pasar Murah", "articleBody": body})
    html = f"""<html><head><script type="application/ld+json">{ld}</script></head>
    <body><div id="app"><p>Memuat...</p></div></body></html>"""
    got = extract(html, "https://berita.test/a", min_chars=min_chars)
    assert got.provenance["text"] == "json-ld"
    assert got.text.split("\n") == [body.split("\n")[0], body.split("\n")[2]]  # the repeated line kept once


def test_wordpress_post_classes_do_not_mark_the_article_as_chrome():
    para = "".join(
        f"<p>Paragraf {i} tentang klaster batik yang cukup panjang untuk dihitung sebagai isi.</p>"
        for i in range(3)
    )
    comments = "<li>" + "Komentar pembaca yang sangat panjang sekali. " * 20 + "</li>"
    html = f"""<html><body><div id="post-7" class="post-7 post type-post tag-umkm category-ekonomi has-thumb">
    <div class="entry">{para}</div></div>
    <div class="sidebar-kanan">{comments * 10}</div></body></html>"""
    got = extract(html, "https://berita.test/a/")
    assert got.text.count("klaster batik") == 3


def test_clean_blocks_drops_chrome_lines():
    kept, authors = clean_blocks(
        [
            "KUDUS - Isi berita.",
            "Halaman 1 2 3 Selanjutnya",
            "1 2 »",
            "Baca Juga: Berita lain",
            "Pewarta : Sari Dewi | Editor: Budi",
            "Selasa, 11 Oktober 2022 | 10:15 WIB",
            "(ant/zul)",
            "SCROLL TO CONTINUE WITH CONTENT",
            "Advertisement",
            "Isi berita kedua.",
        ]
    )
    assert kept == ["KUDUS - Isi berita.", "(ant/zul)", "Isi berita kedua."] and authors == ["Sari Dewi", "Budi"]


@pytest.mark.parametrize(
    ("paragraphs", "kept", "authors"),
    [
        (["Isi berita.", "Panen raya digelar Selasa, kata dia. (ant/hm)"],
         ["Isi berita.", "Panen raya digelar Selasa, kata dia."], ["ant", "hm"]),
        (["Isi berita.", "(Wulan Sari/Teguh Prasetyo)"], ["Isi berita."], ["Wulan Sari", "Teguh Prasetyo"]),
        (["Isi berita.", "Editor: Hendra Gunawan"], ["Isi berita."], ["Hendra Gunawan"]),
        (["Bantuan disalurkan pekan depan. Pewarta: Nia Kurnia | Editor: Joko"],
         ["Bantuan disalurkan pekan depan."], ["Nia Kurnia", "Joko"]),
        (["Isi berita.", "Pewarta: Nia Kurnia", "(ant)"], ["Isi berita."], ["Nia Kurnia", "ant"]),
        # not credits: a source in brackets, an abbreviation, a date
        (["Inflasi 2,1 persen. (BPS/BI)"], ["Inflasi 2,1 persen. (BPS/BI)"], []),
        (["Dana dari Kementerian Desa (Kemendes)"], ["Dana dari Kementerian Desa (Kemendes)"], []),
        (["Pasar murah digelar Selasa (11/10)"], ["Pasar murah digelar Selasa (11/10)"], []),
    ],
)
def test_credits_closing_a_story_go_to_authors(paragraphs, kept, authors):
    assert clean_blocks(paragraphs) == (kept, authors)
