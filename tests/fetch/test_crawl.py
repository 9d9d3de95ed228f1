"""Whole fetch runs on the fixture site: saved records, state file, resumption, conditional GET, filters."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sqlite3

import pytest

from berita_extract.fetch.crawl import Crawler, Settings, Sources, run_fetch
from berita_extract.fetch.discover import Window
from berita_extract.fetch.state import STATE_FILE
from berita_extract.inputs import read_inputs

from .server import SITE, token_f1


def states(out):
    """URL path to (state, reason) in the state file."""
    with sqlite3.connect(out / STATE_FILE) as db:
        return {
            url.split("/", 3)[3]: (state, reason)
            for url, state, reason in db.execute("SELECT url, state, reason FROM urls")
        }


def records(out):
    """Saved article records by path."""
    return {p.relative_to(out).as_posix(): json.loads(p.read_text()) for p in sorted(out.rglob("*.json"))}


def expected(name):
    """The text written for a fixture article."""
    return (SITE / "expected" / f"{name}.txt").read_text(encoding="utf-8").strip()


def test_sitemap_run_saves_articles_readable_by_extract(site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    summary = run_fetch(
        Sources(sitemaps=[site.base + "/"]),
        Settings(out=out, window=Window(dt.date(2022, 1, 1))),
        fetcher=make_fetcher(),
    )
    assert summary.counts["fetched"] == 7 and not summary.errors
    saved = records(out)
    host = site.base.split("//")[1].replace(":", "_")
    rec = saved[f"{host}/2022/10/klaster-kerupuk-ikan.json"]
    assert rec["id"] == f"{host}/2022/10/klaster-kerupuk-ikan"
    assert rec["url"] == site.base + "/2022/10/11/klaster-kerupuk-ikan/"
    assert rec["canonical_url"] == rec["url"] and rec["title"].startswith("Demak Resmikan")
    assert rec["published"] == "2022-10-11T09:30:00+07:00" and rec["authors"] == ["Rina Marlina", "Agus Salim"]
    assert rec["http_status"] == 200 and rec["etag"] and rec["last_modified"]
    assert re.fullmatch(r"[0-9a-f]{64}", rec["body_sha256"]) and rec["fetched_at"]
    assert rec["provenance"]["title"] == "json-ld" and rec["via"] == "sitemap"
    assert rec["text"] == expected("klaster-kerupuk-ikan")
    # the split article is joined from its two pages
    split = saved[f"{host}/2022/10/pelatihan-umkm-digital.json"]
    assert split["text"] == expected("pelatihan-umkm-digital") and len(split["pages"]) == 2
    assert token_f1(saved[f"{host}/2022/10/sentra-ukir.json"]["text"], expected("sentra-ukir")) == 1.0
    # extract reads the folder: every saved file is an article, the state file is not an input
    items = list(read_inputs([str(out)]))
    assert len(items) == 7 and all(i.error is None for i in items)
    article = next(i.article for i in items if i.article.id.endswith("klaster-kerupuk-ikan"))
    assert article.published == dt.date(2022, 10, 11) and article.source == "Kabar Pesisir"


def test_state_records_every_outcome(site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    urls = [
        site.base + p
        for p in (
            "/2022/10/14/pasar-murah-kecamatan/",
            "/private/rahasia.html",
            "/unduh/laporan",
            "/tentang-kami/",
            "/tidak-ada/",
        )
    ]
    summary = run_fetch(Sources(urls=urls), Settings(out=out), fetcher=make_fetcher(retries=0))
    got = states(out)
    assert got["2022/10/14/pasar-murah-kecamatan/"] == ("fetched", None)
    assert got["private/rahasia.html"] == ("skipped_robots", "disallowed by robots.txt")
    assert got["unduh/laporan"][0] == "skipped_type" and "application/pdf" in got["unduh/laporan"][1]
    assert got["tentang-kami/"][0] == "no_article"
    assert got["tidak-ada/"] == ("failed", "HTTP 404")
    assert summary.errors == [site.base + "/tidak-ada/: HTTP 404"]
    assert len(records(out)) == 1


def test_second_run_fetches_only_what_is_new(site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    run_fetch(
        Sources(feeds=[site.base + "/feed/"]), Settings(out=out, max_articles=2), fetcher=make_fetcher()
    )
    assert len(records(out)) == 2
    before = len(site.log)
    summary = run_fetch(Sources(feeds=[site.base + "/feed/"]), Settings(out=out), fetcher=make_fetcher())
    pages = [p for p, _ in site.log[before:] if not p.startswith(("/robots", "/feed"))]
    # the two known articles are not asked for again; the other two are
    assert summary.counts["known"] == 2 and summary.counts["fetched"] == 1
    assert sorted(pages) == ["/2019/08/17/lomba-perahu-hias/", "/2022/10/14/pasar-murah-kecamatan/"]
    assert states(out)["2019/08/17/lomba-perahu-hias/"] == ("failed", "HTTP 404")


def test_recheck_uses_conditional_get_and_refetches_changed_pages(site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    url = site.base + "/2022/10/14/pasar-murah-kecamatan/"
    run_fetch(Sources(urls=[url]), Settings(out=out), fetcher=make_fetcher())
    summary = run_fetch(Sources(urls=[url]), Settings(out=out, recheck=True), fetcher=make_fetcher())
    assert summary.counts["not_modified"] == 1
    assert site.log[-1][1].get("if-none-match")
    changed = (
        (SITE / "2022/10/14/pasar-murah-kecamatan/index.html")
        .read_bytes()
        .replace(b"{base}", site.base.encode())
        .replace(b"1.500 paket", b"2.000 paket")
    )
    site.pages["/2022/10/14/pasar-murah-kecamatan/"] = changed
    summary = run_fetch(Sources(urls=[url]), Settings(out=out, recheck=True), fetcher=make_fetcher())
    assert summary.counts["fetched"] == 1
    (rec,) = records(out).values()
    assert "2.000 paket" in rec["text"]


def test_newer_lastmod_in_a_listing_triggers_a_refetch(site, make_fetcher, tmp_path):
    from berita_extract.fetch.discover import Entry

    out = tmp_path / "raw"
    url = site.base + "/2022/10/11/klaster-kerupuk-ikan/"
    crawler = Crawler(make_fetcher(), Settings(out=out))
    crawler.add([Entry(url=url, via="sitemap", lastmod="2022-10-11T04:02:00+00:00")])
    crawler.run()
    crawler.close()
    for lastmod, queued in (("2022-10-11T04:02:00+00:00", 0), ("2022-10-20T00:00:00+00:00", 1)):
        again = Crawler(make_fetcher(), Settings(out=out))
        assert again.add([Entry(url=url, via="sitemap", lastmod=lastmod)]) == queued
        again.close()


def test_interrupted_run_resumes_where_it_stopped(site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    fetcher = make_fetcher()
    calls = {"n": 0}
    real_send = fetcher._send

    def flaky_send(url, headers):
        calls["n"] += 1
        if calls["n"] == 6:  # robots, the sitemaps (3), one article, then Ctrl-C
            raise KeyboardInterrupt
        return real_send(url, headers)

    fetcher._send = flaky_send
    with pytest.raises(KeyboardInterrupt):
        run_fetch(
            Sources(sitemaps=[site.base + "/sitemap_index.xml"]),
            Settings(out=out, window=Window(dt.date(2022, 1, 1))),
            fetcher=fetcher,
        )
    first = states(out)
    assert sum(1 for s, _ in first.values() if s == "fetched") == 1
    assert sum(1 for s, _ in first.values() if s == "queued") == 6
    # the next run, even with no source at all, finishes the queue
    summary = run_fetch(Sources(), Settings(out=out), fetcher=make_fetcher())
    assert summary.counts["fetched"] == 6
    assert {s for s, _ in states(out).values()} == {"fetched"}


def test_wordpress_run_uses_the_api_bodies(plain_site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    summary = run_fetch(
        Sources(wordpress=[plain_site.base], search="klaster"),
        Settings(out=out, keep_html=True),
        fetcher=make_fetcher(delay=0),
    )
    assert summary.counts["fetched"] == 2
    assert not [p for p in plain_site.paths() if p.startswith("/20")]  # no article page was downloaded
    saved = {r["wp_id"]: r for r in records(out).values()}
    assert saved[203]["text"] == expected("wp-klaster-kopi-muria") and saved[203]["authors"] == [
        "Dimas Prakoso"
    ]
    assert saved[201]["provenance"]["text"] == "wp-json"
    assert len(list(out.rglob("*.html.gz"))) == 2


def test_keep_html_and_paths_by_host_and_date(plain_site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    url = plain_site.base + "/pemerintahan/kunjungan-kerja.html"
    run_fetch(Sources(urls=[url]), Settings(out=out, keep_html=True), fetcher=make_fetcher(delay=0))
    host = plain_site.base.split("//")[1].replace(":", "_")
    raw = out / host / "2022/10/kunjungan-kerja.html.gz"
    assert b"Tanggungharjo" in gzip.decompress(raw.read_bytes())
    assert (out / host / "2022/10/kunjungan-kerja.json").is_file()


@pytest.mark.parametrize(
    "settings, fetched",
    [
        ({"match": re.compile(r"/2022/10/1[12]/")}, 2),
        ({"keywords": ["klaster"]}, 1),  # by the feed titles, before download
        ({"keywords": ["tenggiri"]}, 0),  # not in any feed title or summary
        ({"window": Window(until=dt.date(2022, 10, 11))}, 1),
    ],
)
def test_filters(site, make_fetcher, tmp_path, settings, fetched):
    out = tmp_path / "raw"
    summary = run_fetch(
        Sources(feeds=[site.base + "/feed/"]), Settings(out=out, **settings), fetcher=make_fetcher()
    )
    assert summary.counts["fetched"] == fetched


def test_keyword_checked_in_the_text_when_the_listing_has_no_title(site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    urls = [site.base + "/2022/10/11/klaster-kerupuk-ikan/", site.base + "/2022/10/14/pasar-murah-kecamatan/"]
    summary = run_fetch(Sources(urls=urls), Settings(out=out, keywords=["tenggiri"]), fetcher=make_fetcher())
    assert summary.counts["fetched"] == 1 and summary.counts["skipped_filter"] == 1


def test_same_canonical_url_is_saved_once(site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    urls = [
        site.base + "/2022/10/11/klaster-kerupuk-ikan/",
        site.base + "/2022/10/11/klaster-kerupuk-ikan/?utm=x",
    ]
    summary = run_fetch(Sources(urls=urls), Settings(out=out), fetcher=make_fetcher())
    assert summary.counts["fetched"] == 1 and summary.counts["duplicate"] == 1


def test_file_links_are_skipped_without_a_request(plain_site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    url = plain_site.base + "/files/laporan.pdf"
    summary = run_fetch(Sources(urls=[url]), Settings(out=out), fetcher=make_fetcher(delay=0))
    assert summary.counts["skipped_type"] == 1 and "/files/laporan.pdf" not in plain_site.paths()


def test_show_all_view_replaces_page_by_page(plain_site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    url = plain_site.base + "/berita/jalan-desa.html"
    summary = run_fetch(Sources(urls=[url]), Settings(out=out), fetcher=make_fetcher(delay=0))
    assert summary.counts["fetched"] == 1
    (rec,) = records(out).values()
    assert rec["text"] == expected("jalan-desa")
    assert [p["url"] for p in rec["pages"]] == [url, url + "?page=all"]
    assert "/berita/jalan-desa.html?page=2" not in plain_site.paths()


def test_urls_left_out_by_filters_are_recorded_and_reconsidered(site, make_fetcher, tmp_path):
    out = tmp_path / "raw"
    run_fetch(
        Sources(feeds=[site.base + "/feed/"]), Settings(out=out, keywords=["klaster"]), fetcher=make_fetcher()
    )
    got = states(out)
    assert got["2022/10/14/pasar-murah-kecamatan/"] == (
        "skipped_filter",
        "left out before download by (--keyword)",
    )
    summary = run_fetch(
        Sources(feeds=[site.base + "/feed/"]), Settings(out=out, keywords=["pasar"]), fetcher=make_fetcher()
    )
    assert summary.counts["fetched"] == 1 and states(out)["2022/10/14/pasar-murah-kecamatan/"][0] == "fetched"


def test_interleave_takes_hosts_in_turn():
    from berita_extract.fetch.crawl import interleave

    urls = [
        "https://a.test/1",
        "https://a.test/2",
        "https://a.test/3",
        "https://b.test/1",
        "https://c.test/1",
    ]
    assert interleave(urls) == [
        "https://a.test/1",
        "https://b.test/1",
        "https://c.test/1",
        "https://a.test/2",
        "https://a.test/3",
    ]


def test_unreachable_robots_is_failed_and_tried_again(make_fetcher, tmp_path, closed_port):
    """A host down (or a DNS failure, a timeout) on robots.txt: failed with its reason, retried next run."""
    out = tmp_path / "raw"
    urls = [f"http://127.0.0.1:{closed_port}/berita/{i}.html" for i in (1, 2)]
    summary = run_fetch(Sources(urls=urls), Settings(out=out), fetcher=make_fetcher(retries=0))
    got = states(out)
    assert {s for s, _ in got.values()} == {"failed"}
    assert all("robots.txt unreachable: connection refused" in r for _, r in got.values())
    assert len(summary.errors) == 2
    again = run_fetch(Sources(urls=urls), Settings(out=out), fetcher=make_fetcher(retries=0))
    assert again.counts["failed"] == 2  # tried again, not "known"
    with sqlite3.connect(out / STATE_FILE) as db:
        assert {a for (a,) in db.execute("SELECT attempts FROM urls")} == {2}
