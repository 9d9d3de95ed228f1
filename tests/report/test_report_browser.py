"""The review page in a real browser: Debian's headless Chromium driven by Playwright, nothing downloaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import report_handmade as hm

from berita_extract.crosscheck import cross_checks
from berita_extract.figure_checks import ensure_extra_checks
from berita_extract.records import FACT_FIELDS
from berita_extract.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
)
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The review pages of every test article, with their records."""
    items = [build() for build in hm.ALL]
    items = [(ensure_extra_checks(f, t), t) for f, t in items]
    out = tmp_path_factory.mktemp("review")
    write_report(items, out, cross_checks(items))
    pages = {f.article.id: out / f"{f.article.id}.html" for f, _ in items}
    return out, pages, {f.article.id: (f, t) for f, t in items}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 600}, reduced_motion="reduce")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors
    # Nothing may be fetched: every request other than the page file itself fails the test.
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.requests = requests
    yield pg
    assert not errors, errors
    assert all(u.startswith("file://") for u in requests), requests
    context.close()


@pytest.mark.parametrize("article", ["grobogan-klaster-suara", "planted-script", "pati-nelayan"])
def test_every_mention_is_highlighted(site, page, article):
    _, pages, records = site
    facts, _ = records[article]
    page.goto(pages[article].as_uri())
    for field in FACT_FIELDS:
        for i, fact in enumerate(getattr(facts, field)):
            for j, mention in enumerate(fact.mentions):
                mid = f"{field}-{i}-{j}"
                shown = page.evaluate(
                    "mid => Array.from(document.querySelectorAll(`mark[data-mid='${mid}']`))"
                    ".map(e => e.textContent).join('')",
                    mid,
                )
                assert shown == mention.text, mid
                if field in ("checks", "quotes"):
                    continue
                colour = page.evaluate(
                    "mid => getComputedStyle(document.getElementById(mid)).backgroundColor", mid
                )
                assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), (mid, colour)


def _in_view(page, mid: str) -> bool:
    return page.evaluate(
        "mid => { const r = document.getElementById(mid).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        mid,
    )


def test_clicking_a_fact_scrolls_to_its_mention_and_flashes_it(site, page):
    _, pages, _ = site
    page.goto(pages["grobogan-klaster-suara"].as_uri())
    # In a 600px window the clusters' paragraph is below the checks, out of view.
    fid, target = "clusters-0", "clusters-0-0"
    assert not _in_view(page, target)
    page.click(f".panel button[data-go='{fid}']")
    page.wait_for_function(
        "mid => { const r = document.getElementById(mid).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        arg=target,
    )
    classes = page.get_attribute(f"#{target}", "class")
    assert "flash" in classes and "current" in classes
    # A second click on a fact with two mentions goes to the next one.
    page.click(".panel button[data-go='partners-0']")
    page.wait_for_function("() => document.querySelector('#partners-0-0').classList.contains('current')")
    page.click(".panel button[data-go='partners-0']")
    page.wait_for_function("() => document.querySelector('#partners-0-1').classList.contains('current')")
    assert _in_view(page, "partners-0-1")
    assert "2/2" in page.text_content(".panel button[data-go='partners-0'] .pos")


def test_check_links_to_the_words_it_rests_on(site, page):
    _, pages, _ = site
    page.goto(pages["grobogan-klaster-suara"].as_uri())
    first = page.locator("#checks li.s-mismatch").first
    fid = first.get_attribute("data-check")
    first.locator("button[data-go]").click()
    page.wait_for_function(
        "fid => [...document.querySelectorAll(`mark[data-fact='${fid}']`)]"
        ".some(e => e.classList.contains('flash'))",
        arg=fid,
    )


def test_hover_shows_what_was_extracted(site, page):
    _, pages, _ = site
    page.goto(pages["grobogan-klaster-suara"].as_uri())
    page.hover("#places-1-0")
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    text = tip.text_content()
    assert "Purwodadi" in text and "kecamatan" in text and "33.15.12" in text and "test-places" in text


def test_planted_script_is_shown_not_run(site, page):
    _, pages, _ = site
    page.goto(pages["planted-script"].as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    shown = page.text_content("#text")
    assert '<script>window.__pwned = 1; document.title = "pwned";</script>' in shown
    assert '<img src="x" onerror="window.__pwned = 2">' in shown
    assert page.locator("#text script, #text img").count() == 0


def test_hiding_a_kind_and_sorting_the_index(site, page):
    out, pages, _ = site
    page.goto(pages["grobogan-klaster-suara"].as_uri())
    page.uncheck("input[data-toggle='places']")
    page.wait_for_function(  # the highlight fades out (a short CSS transition)
        "() => getComputedStyle(document.getElementById('places-0-0')).backgroundColor === 'rgba(0, 0, 0, 0)'"
    )

    page.goto((out / "index.html").as_uri())
    header = page.locator("th", has_text="Failed checks")
    header.click()
    header.click()
    values = page.eval_on_selector_all(
        "#articles tbody td.failed", "els => els.map(e => Number(e.dataset.v))"
    )
    assert values == sorted(values, reverse=True) and values[0] > 0
    page.locator("th", has_text="Article").click()
    titles = page.eval_on_selector_all(
        "#articles tbody tr td:first-child", "els => els.map(e => e.dataset.v)"
    )
    assert titles == sorted(titles, key=str.lower)


def test_screenshots(site, browser):
    out, pages, _ = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.goto(pages["grobogan-klaster-suara"].as_uri())
    pg.hover("#officials-0-0")
    pg.locator("#tip").wait_for(state="visible")
    pg.screenshot(path=str(ARTIFACTS / "report-article.png"), full_page=True)
    pg.goto((out / "index.html").as_uri())
    pg.screenshot(path=str(ARTIFACTS / "report-index.png"), full_page=True)
    context.close()
    for name in ("report-article.png", "report-index.png"):
        data = (ARTIFACTS / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    shutil.copytree(out, ARTIFACTS / "report-site", dirs_exist_ok=True)


def test_copy_button_copies_the_message(site, browser):
    _, pages, records = site
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    pg.goto(pages["grobogan-klaster-suara"].as_uri())
    first = pg.locator("#checks li.s-mismatch").first
    message = first.locator(".msg").text_content().strip()
    first.locator("button.copy").click()
    pg.wait_for_function("() => document.querySelector('#checks button.copy').textContent === 'copied'")
    assert pg.evaluate("() => navigator.clipboard.readText()") == message
    context.close()
