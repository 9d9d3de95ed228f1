"""Discovery on the fixture site: feeds, sitemaps (robots, indexes, news, wp-sitemap.xml), WordPress API."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from berita_extract.fetch.discover import (
    DiscoveryError,
    Entry,
    Window,
    from_feed,
    from_sitemaps,
    from_urls,
    from_wordpress,
    keep,
)


def paths(entries, base):
    """Entry URLs without the base."""
    return [e.url.replace(base, "") for e in entries]


def test_rss_feed(plain_site, make_fetcher):
    entries = list(from_feed(make_fetcher(delay=0), plain_site.base + "/feed/"))
    assert paths(entries, plain_site.base)[:2] == [
        "/2022/10/11/klaster-kerupuk-ikan/",
        "/2022/10/12/pelatihan-umkm-digital/",
    ]
    first = entries[0]
    assert first.via == "feed" and first.title.startswith("Demak Resmikan")
    assert first.published == "2022-10-11T02:30:00+00:00" and first.authors == ["Redaksi"]


def test_atom_category_feed_and_since(plain_site, make_fetcher):
    window = Window(since=dt.date(2022, 10, 12))
    entries = list(from_feed(make_fetcher(delay=0), plain_site.base + "/kategori/ekonomi/feed/", window))
    assert paths(entries, plain_site.base) == ["/2022/10/14/pasar-murah-kecamatan/"]


def test_feed_since_until_drops_the_2019_item(plain_site, make_fetcher):
    window = Window(since=dt.date(2022, 1, 1), until=dt.date(2022, 10, 12))
    entries = list(from_feed(make_fetcher(delay=0), plain_site.base + "/feed/", window))
    assert paths(entries, plain_site.base) == [
        "/2022/10/11/klaster-kerupuk-ikan/",
        "/2022/10/12/pelatihan-umkm-digital/",
    ]


def test_feed_found_from_a_page_falls_back_to_wordpress_feed(plain_site, make_fetcher):
    # the category page advertises no feed: /feed/ is tried, as WordPress serves it
    entries = list(from_feed(make_fetcher(delay=0), plain_site.base + "/tentang-kami/"))
    assert len(entries) == 4


def test_not_a_feed_is_an_error(plain_site, make_fetcher):
    with pytest.raises(DiscoveryError, match="sitemap_index.xml: not a feed"):
        list(from_feed(make_fetcher(delay=0), plain_site.base + "/sitemap_index.xml"))


def test_sitemaps_from_robots_with_index_news_and_since(site, make_fetcher):
    window = Window(since=dt.date(2022, 1, 1))
    entries = list(from_sitemaps(make_fetcher(), site.base + "/", window))
    got = paths(entries, site.base)
    assert "/2019/08/17/lomba-perahu-hias/" not in got
    assert "/post-sitemap-2019.xml" not in site.paths()  # the index's lastmod says nothing new in it
    assert got == [
        "/2022/10/11/klaster-kerupuk-ikan/",
        "/2022/10/12/pelatihan-umkm-digital/",
        "/2022/10/14/pasar-murah-kecamatan/",
        "/berita/sentra-ukir.html",
        "/pemerintahan/kunjungan-kerja.html",
        "/berita/festival-kuliner-1252.html",
        "/berita/panen-jagung-1252.html",
    ]
    news = [e for e in entries if "festival" in e.url][0]
    assert news.title == "Festival Kuliner Pesisir Dipadati Pengunjung" and news.published.startswith(
        "2022-10-15"
    )


def test_sitemaps_without_since_include_old_ones(site, make_fetcher):
    entries = list(from_sitemaps(make_fetcher(), site.base + "/"))
    assert "/2019/08/17/lomba-perahu-hias/" in paths(entries, site.base)


def test_sitemap_until(site, make_fetcher):
    window = Window(until=dt.date(2022, 10, 12))
    got = paths(from_sitemaps(make_fetcher(), site.base + "/", window), site.base)
    assert got == [
        "/2022/10/11/klaster-kerupuk-ikan/",
        "/2022/10/12/pelatihan-umkm-digital/",
        "/2019/08/17/lomba-perahu-hias/",
    ]


def test_wp_sitemap_skips_taxonomies_users_and_pages(plain_site, make_fetcher):
    entries = list(from_sitemaps(make_fetcher(delay=0), plain_site.base + "/wp-sitemap.xml"))
    assert paths(entries, plain_site.base) == [
        "/2022/10/11/klaster-kerupuk-ikan/",
        "/2022/10/12/pelatihan-umkm-digital/",
    ]
    assert "/wp-sitemap-users-1.xml" not in plain_site.paths()


def test_usual_places_when_robots_names_no_sitemap(plain_site, make_fetcher):
    entries = list(from_sitemaps(make_fetcher(delay=0), plain_site.base + "/"))
    assert "/wp-sitemap.xml" in plain_site.paths()  # WordPress core's sitemap is tried first
    assert len(entries) == 2


def test_wordpress_api_follows_total_pages(plain_site, make_fetcher):
    entries = list(from_wordpress(make_fetcher(delay=0), plain_site.base + "/", per_page=2))
    assert [e.url.rsplit("/", 2)[-2] for e in entries] == [
        "festival-layang-layang",
        "jembatan-gantung-selesai",
        "klaster-kopi-muria",
        "koperasi-nelayan-tayu",
        "klaster-batik-lasem",
    ]
    api = [p for p in plain_site.paths() if p.startswith("/wp-json/")]
    assert len(api) == 3 and all("per_page=2" in p for p in api)
    first = entries[0]
    assert first.via == "wordpress" and first.post["id"] == 205 and first.authors == ["Rina Marlina"]
    assert (
        first.title == "Festival Layang-Layang Meriahkan Pantai Kartini"
        and first.published == "2022-10-22T07:45:00"
    )


def test_wordpress_search_and_after(plain_site, make_fetcher):
    window = Window(since=dt.date(2022, 10, 19))
    entries = list(from_wordpress(make_fetcher(delay=0), plain_site.base, search="klaster", window=window))
    assert [e.post["id"] for e in entries] == [203]
    assert any("search=klaster" in p and "after=2022-10-19T00%3A00%3A00" in p for p in plain_site.paths())


def test_urls_and_filters():
    entries = list(
        from_urls(["# daftar", "", "https://a.test/2022/klaster-kopi/", "https://a.test/tag/umkm/"])
    )
    assert [e.url for e in entries] == ["https://a.test/2022/klaster-kopi/", "https://a.test/tag/umkm/"]
    match = re.compile(r"/20\d\d/")
    assert [keep(e, match, []) for e in entries] == [True, False]
    titled = Entry(url="https://a.test/1", via="feed", title="Pasar Murah Digelar")
    assert keep(titled, None, ["pasar"]) and not keep(titled, None, ["klaster"])
    assert keep(
        Entry(url="https://a.test/2", via="sitemap"), None, ["klaster"]
    )  # no title: checked after download


def test_gzipped_sitemap(plain_site, make_fetcher):
    entries = list(from_sitemaps(make_fetcher(delay=0), plain_site.base + "/post-sitemap.xml.gz"))
    assert len(entries) == 5 and entries[0].url.endswith("/2022/10/11/klaster-kerupuk-ikan/")


def test_gzipped_sitemap_bomb_is_refused(plain_site, make_fetcher):
    errors: list[str] = []
    fetcher = make_fetcher(delay=0, max_bytes=1_000_000)
    assert list(from_sitemaps(fetcher, plain_site.base + "/bomb-sitemap.xml.gz", errors=errors)) == []
    assert len(errors) == 1 and "more than 1,000,000 bytes" in errors[0]
