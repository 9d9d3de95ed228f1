"""The polite HTTP client on the fixture site: robots, delays, retries, redirects, caps, types, decoding."""

from __future__ import annotations

import pytest

from berita_extract import __version__
from berita_extract.fetch.decoding import decode_body
from berita_extract.fetch.http import FetchError, retry_after


def test_user_agent_names_tool_version_and_contact(site, make_fetcher):
    fetcher = make_fetcher(contact="mailto:redaksi@example.org")
    fetcher.get(site.base + "/2022/10/11/klaster-kerupuk-ikan/")
    agents = {headers["user-agent"] for _, headers in site.log}
    assert agents == {f"berita-extract/{__version__} (+mailto:redaksi@example.org)"}


@pytest.mark.parametrize(
    "path, allowed",
    [
        ("/2022/10/11/klaster-kerupuk-ikan/", True),
        ("/private/rahasia.html", False),  # Disallow: /private/
        ("/private/terbuka/boleh.html", True),  # the longer Allow wins
        ("/berita/sentra-ukir.html?preview=true", False),  # Disallow: /*?preview=
        ("/cari.php", False),  # Disallow: /*.php$
        ("/cari.php?q=umkm", True),  # ... anchored with $
    ],
)
def test_robots_wildcards_and_precedence(site, make_fetcher, path, allowed):
    fetcher = make_fetcher()
    assert fetcher.robots.allowed(site.base + path) is allowed


def test_disallowed_page_is_never_requested(site, make_fetcher):
    fetcher = make_fetcher()
    with pytest.raises(FetchError) as err:
        fetcher.get(site.base + "/private/rahasia.html")
    assert err.value.kind == "robots" and "robots.txt" in str(err.value)
    assert "/private/rahasia.html" not in site.paths()


def test_robots_is_fetched_once_per_host(site, make_fetcher):
    fetcher = make_fetcher()
    fetcher.get(site.base + "/2022/10/11/klaster-kerupuk-ikan/")
    fetcher.get(site.base + "/2022/10/14/pasar-murah-kecamatan/")
    assert site.paths().count("/robots.txt") == 1


@pytest.mark.parametrize(
    "robots, robots_type, allowed",
    [
        ("robots.txt", "application/octet-stream", False),  # mislabelled robots.txt is still obeyed
        ("404", "", True),  # no robots.txt: everything allowed
    ],
)
def test_robots_edge_cases(make_fetcher, robots, robots_type, allowed):
    from .server import Site

    with Site(robots=robots, robots_type=robots_type) as other:
        fetcher = make_fetcher(retries=0)
        assert fetcher.robots.allowed(other.base + "/private/rahasia.html") is allowed
        assert fetcher.robots.allowed(other.base + "/2022/10/11/klaster-kerupuk-ikan/") is True


def test_robots_500_fails_the_fetch_and_nothing_is_requested(make_fetcher):
    """RFC 9309: robots.txt unreachable means nothing is fetched; it is a (temporary) failure, not a Disallow."""
    from .server import Site

    with Site(robots="500") as other:
        fetcher = make_fetcher(retries=0)
        for _ in range(2):  # asked once per run: the second URL fails without a new request
            with pytest.raises(FetchError) as err:
                fetcher.get(other.base + "/2022/10/11/klaster-kerupuk-ikan/")
            assert err.value.kind == "network" and "robots.txt unreachable: HTTP 500" in err.value.reason
        assert other.paths() == ["/robots.txt"]


def test_unreachable_host_fails_with_its_reason(make_fetcher, closed_port):
    fetcher = make_fetcher(retries=1)
    with pytest.raises(FetchError) as err:
        fetcher.get(f"http://127.0.0.1:{closed_port}/berita/1.html")
    assert err.value.kind == "network"
    assert "robots.txt unreachable: connection refused (after 2 attempts)" in err.value.reason


def test_crawl_delay_longer_than_delay_is_used(site, make_fetcher, clock):
    fetcher = make_fetcher(delay=0.5)
    for path in ("/2022/10/11/klaster-kerupuk-ikan/", "/2022/10/14/pasar-murah-kecamatan/"):
        fetcher.get(site.base + path)
    # robots.txt, then page 1 after Crawl-delay 2, then page 2 after 2 more seconds
    assert clock.sleeps == [2.0, 2.0]


def test_delay_longer_than_crawl_delay_is_used(plain_site, make_fetcher, clock):
    fetcher = make_fetcher(delay=1.5)
    fetcher.get(plain_site.base + "/2022/10/11/klaster-kerupuk-ikan/")
    fetcher.get(plain_site.base + "/2022/10/14/pasar-murah-kecamatan/")
    assert clock.sleeps == [1.5, 1.5]


def test_429_waits_for_retry_after_then_succeeds(plain_site, make_fetcher, clock):
    fetcher = make_fetcher(delay=0.0)
    resp = fetcher.get(plain_site.base + "/limit/429")
    assert resp.status == 200 and "Pasar Murah" in resp.text
    assert 7.0 in clock.sleeps
    assert plain_site.paths().count("/limit/429") == 2


def test_retry_after_over_the_limit_gives_up(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0, max_retry_after=60)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/limit/429-forever")
    assert err.value.status == 429 and "Retry-After 3600" in err.value.reason


def test_503_recovers_with_backoff(plain_site, make_fetcher, clock):
    fetcher = make_fetcher(delay=0.0, retries=3, backoff=0.5)
    resp = fetcher.get(plain_site.base + "/flaky/503")
    assert resp.status == 200 and "Klaster Kerupuk" in resp.text
    assert plain_site.paths().count("/flaky/503") == 3
    assert clock.sleeps == [0.5, 1.0]  # exponential backoff


def test_503_gives_up_after_the_retries(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0, retries=1)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/flaky/503")
    assert err.value.status == 503 and "after 2 attempts" in err.value.reason


def test_connection_refused_is_retried_then_reported(make_fetcher, clock):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    fetcher = make_fetcher(delay=0.0, retries=2, obey_robots=False)
    with pytest.raises(FetchError) as err:
        fetcher.get(f"http://127.0.0.1:{port}/x")
    assert err.value.kind == "network" and "after 3 attempts" in err.value.reason
    assert len(clock.sleeps) == 2


def test_redirect_loop_is_stopped(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/loop/a")
    assert err.value.kind == "redirects" and "loop" in err.value.reason
    assert plain_site.paths().count("/loop/a") == 1


def test_redirects_are_followed_up_to_the_cap(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0, max_redirects=10)
    resp = fetcher.get(plain_site.base + "/hop/10")
    assert resp.url.endswith("/hop/0") and len(resp.redirects) == 10
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/hop/11")
    assert "more than 10 redirects" in err.value.reason


def test_robots_is_checked_on_every_redirect_hop(site, make_fetcher):
    fetcher = make_fetcher()
    assert fetcher.get(site.base + "/moved").url.endswith("/2022/10/11/klaster-kerupuk-ikan/")
    with pytest.raises(FetchError) as err:
        fetcher.get(site.base + "/moved-private")  # /moved-private -> /private/rahasia.html (disallowed)
    assert err.value.kind == "robots"
    assert "/private/rahasia.html" not in site.paths()


def test_stalled_response_times_out(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0, read_timeout=0.3, retries=0)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/stall")
    assert err.value.kind == "network" and "timed out" in err.value.reason


def test_oversized_body_stops_while_streaming(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0, max_bytes=200_000)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/big")
    assert err.value.kind == "size" and "200,000" in err.value.reason


def test_declared_oversized_body_is_refused_before_reading(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0, max_bytes=1_000_000)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/big-declared")
    assert err.value.kind == "size" and "5,000,000" in err.value.reason


def test_gzip_bomb_stops_at_the_decompressed_cap(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0, max_bytes=1_000_000)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/bomb")
    assert err.value.kind == "size" and "decompressed" in err.value.reason


def test_pdf_is_refused_by_content_type(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/files/laporan.pdf")
    assert err.value.kind == "type" and "application/pdf" in err.value.reason


def test_http_errors_carry_the_status(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0)
    with pytest.raises(FetchError) as err:
        fetcher.get(plain_site.base + "/tidak-ada/")
    assert err.value.status == 404 and err.value.url.endswith("/tidak-ada/")


def test_conditional_get_gives_304(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0)
    first = fetcher.get(plain_site.base + "/2022/10/11/klaster-kerupuk-ikan/")
    again = fetcher.get(
        plain_site.base + "/2022/10/11/klaster-kerupuk-ikan/", headers={"If-None-Match": first.etag}
    )
    assert first.etag and again.not_modified and again.body == b""


def test_utf8_page_without_any_charset(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0)
    resp = fetcher.get(plain_site.base + "/2022/10/14/pasar-murah-kecamatan/")
    assert resp.headers["content-type"] == "text/html"
    assert resp.encoding == "utf-8" and "PATI \u2013 Pemerintah" in resp.text and "\u201cKami" in resp.text


def test_windows_1252_page_with_meta_charset(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0)
    resp = fetcher.get(plain_site.base + "/berita/festival-kuliner-1252.html")
    assert resp.encoding == "cp1252"
    assert (
        "Ren\u00e9 Kartika" in resp.text and "\u201cAntusiasme" in resp.text and "setempat\u2026" in resp.text
    )


def test_windows_1252_page_without_declaration_is_detected(plain_site, make_fetcher):
    fetcher = make_fetcher(delay=0.0)
    resp = fetcher.get(plain_site.base + "/berita/panen-jagung-1252.html")
    assert "\u201cCuaca" in resp.text and "kilogram\u2014naik" in resp.text


@pytest.mark.parametrize(
    "data, ctype, kind, text, encoding",
    [
        (b"\xef\xbb\xbfKabupaten", None, "html", "Kabupaten", "utf-8"),  # BOM first
        ("Caf\u00e9".encode("cp1252"), "text/html; charset=windows-1252", "html", "Caf\u00e9", "cp1252"),
        ("Caf\u00e9".encode("cp1252"), "text/html; charset=ISO-8859-1", "html", "Caf\u00e9", "cp1252"),
        (b'<meta charset="windows-1252"><p>\x93Ya\x94</p>', "text/html", "html", "\u201cYa\u201d", "cp1252"),
        (b'<?xml version="1.0" encoding="windows-1252"?><a>\x96</a>', None, "xml", "\u2013", "cp1252"),
        ("Rp1,5 miliar \u2013 naik".encode(), "text/html", "html", "Rp1,5 miliar \u2013 naik", "utf-8"),
    ],
)
def test_decoding_order(data, ctype, kind, text, encoding):
    decoded, used = decode_body(data, ctype, kind)
    assert text in decoded and used == encoding


def test_http_charset_beats_meta():
    data = '<meta charset="windows-1252"><p>\u201cYa\u201d</p>'.encode()
    decoded, used = decode_body(data, "text/html; charset=utf-8")
    assert used == "utf-8" and "\u201cYa\u201d" in decoded


def test_retry_after_forms():
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0 - 60) == 60.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_long_crawl_delay_is_obeyed_unless_capped(site, make_fetcher, clock):
    from berita_extract.fetch.http import host_key

    fetcher = make_fetcher(delay=0.5)
    fetcher.robots.allowed(site.base + "/")
    assert fetcher.delay_for(host_key(site.base)) == 2.0
    capped = make_fetcher(delay=0.5, max_crawl_delay=1.0)
    capped.robots.allowed(site.base + "/")
    assert capped.delay_for(host_key(site.base)) == 1.0


def test_the_send_function_can_be_replaced_and_gets_timeouts():
    import io

    import requests
    from urllib3 import HTTPResponse

    from berita_extract.fetch.http import Fetcher, FetchOptions

    calls = []

    def transport(session, url, headers, timeout):
        calls.append((url, timeout, session.headers["User-Agent"]))
        body = b"User-agent: *\nDisallow:\n" if url.endswith("/robots.txt") else b"<p>Halo</p>"
        resp = requests.Response()
        resp.status_code = 200
        resp.headers["Content-Type"] = "text/plain" if url.endswith(".txt") else "text/html; charset=utf-8"
        resp.raw = HTTPResponse(body=io.BytesIO(body), preload_content=False, status=200)
        resp.url = url
        return resp

    fetcher = Fetcher(FetchOptions(connect_timeout=3, read_timeout=7, delay=0), transport=transport)
    assert fetcher.get("https://contoh.test/a").text == "<p>Halo</p>"
    assert [c[0] for c in calls] == ["https://contoh.test/robots.txt", "https://contoh.test/a"]
    assert {c[1] for c in calls} == {(3, 7)} and calls[0][2].startswith("berita-extract/")


@pytest.mark.parametrize(
    "message, reason",
    [
        ("HTTPConnectionPool(host='berita.invalid', port=80): Max retries exceeded (Caused by "
         "NameResolutionError(\"Failed to resolve 'berita.invalid' ([Errno -2] Name or service not known)\"))",
         "DNS failure (host name not resolved)"),
        ("HTTPConnectionPool(host='127.0.0.1', port=9): [Errno 111] Connection refused", "connection refused"),
        ("HTTPConnectionPool(host='127.0.0.1', port=9): Read timed out. (read timeout=2.0)",
         "timed out (ConnectionError)"),
    ],
)
def test_network_failures_are_described(message, reason):
    import requests

    from berita_extract.fetch.http import _describe

    assert _describe(requests.ConnectionError(message)) == reason
