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
    assert f"failed\t{plain_site.base}/tidak-ada/\tHTTP 404" in lines


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
