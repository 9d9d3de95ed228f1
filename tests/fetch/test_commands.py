"""The fetch and crawl subcommands end to end against the fixture site (robots.txt without Crawl-delay)."""

from __future__ import annotations

import json

import pytest

from berita_extract.cli import main


def test_fetch_pages_then_nothing_new(plain_site, tmp_path, capsys):
    out = tmp_path / "raw"
    urls = [
        plain_site.base + "/2022/10/11/klaster-kerupuk-ikan/",
        plain_site.base + "/berita/sentra-ukir.html",
    ]
    assert main(["fetch", *urls, "-o", str(out), "--delay", "0", "--contact", "redaksi@example.org"]) == 0
    assert len(list(out.rglob("*.json"))) == 2 and (out / "fetch-state.sqlite").is_file()
    assert "2 fetched" in capsys.readouterr().err
    assert main(["fetch", *urls, "-o", str(out), "--delay", "0"]) == 0
    assert "2 known" in capsys.readouterr().err


def test_fetch_url_file_reports_failures_and_goes_on(plain_site, tmp_path, capsys):
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# daftar\n{plain_site.base}/tidak-ada/\n{plain_site.base}/berita/sentra-ukir.html\n"
        f"{plain_site.base}/unduh/laporan\n"
    )
    out = tmp_path / "raw"
    assert main(["fetch", "--urls", str(listing), "-o", str(out), "--delay", "0", "--retries", "0"]) == 1
    err = capsys.readouterr().err
    assert f"{plain_site.base}/tidak-ada/: HTTP 404" in err
    assert "/unduh/laporan: skipped: content type application/pdf" in err
    assert "1 fetched" in err


def test_fetch_needs_a_source_and_checks_options(tmp_path, capsys):
    assert main(["fetch", "-o", str(tmp_path)]) == 2
    assert "give URLs" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["fetch", "--since", "kemarin", "-o", str(tmp_path), "https://a.test/"])
    with pytest.raises(SystemExit):
        main(["fetch", "--match", "([", "-o", str(tmp_path), "https://a.test/"])


def test_missing_url_file_is_reported(tmp_path, capsys):
    assert main(["fetch", "--urls", str(tmp_path / "tidak-ada.txt"), "-o", str(tmp_path / "raw")]) == 1
    assert "tidak-ada.txt" in capsys.readouterr().err


def test_wordpress_search_with_max(plain_site, tmp_path):
    out = tmp_path / "raw"
    args = [
        "fetch",
        "--wordpress",
        plain_site.base,
        "--search",
        "klaster",
        "--max",
        "1",
        "-o",
        str(out),
        "--delay",
        "0",
    ]
    assert main(args) == 0
    (saved,) = out.rglob("*.json")
    assert json.loads(saved.read_text())["wp_id"] == 203  # the newest match


def test_crawl_fetches_then_extracts(plain_site, tmp_path):
    pytest.importorskip("berita_extract.extraction")
    out = tmp_path / "raw"
    facts = tmp_path / "facts.jsonl"
    urls = [
        plain_site.base + "/2022/10/11/klaster-kerupuk-ikan/",
        plain_site.base + "/pemerintahan/kunjungan-kerja.html",
    ]
    assert main(["crawl", *urls, "-o", str(out), "--facts", str(facts), "--delay", "0", "-q"]) == 0
    rows = [json.loads(line) for line in facts.read_text().splitlines()]
    assert len(rows) == 2
    kerupuk = next(r for r in rows if r["article"]["id"].endswith("klaster-kerupuk-ikan"))
    assert kerupuk["article"]["published"] == "2022-10-11" and kerupuk["article"]["authors"] == [
        "Rina Marlina",
        "Agus Salim",
    ]
    assert any("Kerupuk Ikan" in c["name"] for c in kerupuk["clusters"])
    # a second crawl has nothing new and extracts nothing
    facts.unlink()
    assert main(["crawl", *urls, "-o", str(out), "--facts", str(facts), "--delay", "0", "-q"]) == 0
    assert not facts.exists()


def test_status_of_the_state_file(plain_site, tmp_path, capsys):
    out = tmp_path / "raw"
    assert main(["fetch", "--status", "-o", str(out)]) == 1
    assert "no state file" in capsys.readouterr().err
    urls = [plain_site.base + "/berita/sentra-ukir.html", plain_site.base + "/tidak-ada/"]
    main(["fetch", *urls, "-o", str(out), "--delay", "0", "--retries", "0", "-q"])
    capsys.readouterr()
    assert main(["fetch", "--status", "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "fetched\t1" in lines and "failed\t1" in lines
    failed = [line for line in lines if line.startswith(f"failed\t{plain_site.base}/tidak-ada/\tHTTP 404\t")]
    assert len(failed) == 1 and failed[0].split("\t")[3].startswith("1 of 3 tries, next try after 20")


def test_failed_urls_wait_before_the_next_try(plain_site, tmp_path, capsys):
    # a failed URL is tried again only after --retry-wait (doubled after each failure), at most 3 failures
    out = tmp_path / "raw"
    url = plain_site.base + "/tidak-ada/"
    args = ["fetch", url, "-o", str(out), "--delay", "0", "--retries", "0", "-q"]
    seen = lambda: sum(1 for path, _ in plain_site.log if path.startswith("/tidak-ada/"))  # noqa: E731
    main([*args, "--retry-wait", "3600"])
    first = seen()
    main([*args, "--retry-wait", "3600"])  # within the hour: not asked again
    assert seen() == first
    for _ in range(3):  # without a wait: tried at each run until the third failure, then given up
        main([*args, "--retry-wait", "0"])
    assert seen() == first + 2
    capsys.readouterr()
    main(["fetch", "--status", "-o", str(out)])
    assert "3 of 3 tries, given up" in capsys.readouterr().out


def test_retry_due_doubles_the_wait():
    import datetime as dt

    from berita_extract.fetch.crawl import retry_due
    from berita_extract.fetch.state import UrlRow

    failed_at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    row = lambda attempts: UrlRow("u", "failed", "x", None, None, None, None, None, attempts,  # noqa: E731
                                  failed_at.isoformat())
    after = lambda minutes: failed_at + dt.timedelta(minutes=minutes)  # noqa: E731
    assert [retry_due(row(1), 600, after(m)) for m in (9, 10)] == [False, True]
    assert [retry_due(row(2), 600, after(m)) for m in (19, 20)] == [False, True]
    assert [retry_due(row(3), 600, after(m)) for m in (39, 40)] == [False, True]
    assert retry_due(row(3), 0, after(0))


def test_bad_urls_are_reported_and_fragments_dropped(plain_site, tmp_path, capsys):
    out = tmp_path / "raw"
    url = plain_site.base + "/berita/sentra-ukir.html"
    assert (
        main(["fetch", "ftp://a.test/x", "bukan-url", url + "#komentar", url, "-o", str(out), "--delay", "0"])
        == 1
    )
    err = capsys.readouterr().err
    assert "ftp://a.test/x: not an http(s) URL" in err and "bukan-url: not an http(s) URL" in err
    assert "1 fetched" in err and len(list(out.rglob("*.json"))) == 1
