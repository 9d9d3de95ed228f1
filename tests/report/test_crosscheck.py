"""Checks across articles: same cluster, programme or official reported differently by different articles."""

from __future__ import annotations

import pytest
import report_handmade as hm

from berita_extract.crosscheck import KINDS, cross_checks, normalise


@pytest.fixture(scope="module")
def findings():
    return cross_checks([build() for build in hm.ALL])


def _find(findings, kind, subject):
    hits = [f for f in findings if f.kind == kind and f.subject == subject]
    assert hits, [(f.kind, f.subject) for f in findings]
    return hits


@pytest.mark.parametrize(
    ("kind", "subject", "status", "values"),
    [
        ("cross_member_count", "Klaster Batik Tulis Sidorejo", "mismatch", {"20 perajin", "25 perajin"}),
        ("cross_member_count", "Klaster Keripik Singkong Karanganyar", "ok", {"15 pelaku usaha"}),
        ("cross_title", "Sri Wahyuningsih", "mismatch", {"Bupati Grobogan", "Wakil Bupati Grobogan"}),
        ("cross_title", "Hartono Wibowo", "ok", {"Wakil Bupati Kudus"}),
    ],
)
def test_findings_table(findings, kind, subject, status, values):
    (finding,) = _find(findings, kind, subject)
    assert finding.status == status, finding.message
    assert {c.value for c in finding.citations} == values
    assert len(finding.articles()) == 2


def test_figures_of_one_programme(findings):
    hits = _find(findings, "cross_figure", "Festival Kuliner Kretek 2024")
    by_value = {frozenset(c.value for c in f.citations): f.status for f in hits}
    assert by_value[frozenset({"150 peserta", "180 peserta"})] == "mismatch"
    assert by_value[frozenset({"Rp420 juta", "Rp450 juta"})] == "mismatch"


def test_message_names_articles_and_quotes_sentences(findings):
    (finding,) = _find(findings, "cross_member_count", "Klaster Batik Tulis Sidorejo")
    assert "Suara Grobogan" in finding.message and "Jateng Pos" in finding.message
    assert "“Klaster Batik Tulis Sidorejo beranggotakan 25 perajin," in finding.message
    for c in finding.citations:
        assert c.mention.text in c.sentence


def test_mismatches_first_and_only_known_kinds(findings):
    order = [f.status for f in findings]
    assert order == sorted(order, key=["mismatch", "unverifiable", "ok"].index)
    assert {f.kind for f in findings} <= set(KINDS)


def test_one_article_alone_gives_no_finding():
    assert cross_checks([hm.grobogan_suara()]) == []


def test_records_without_text_still_compare():
    (a, _), (b, _) = hm.grobogan_suara(), hm.grobogan_jatengpos()
    findings = cross_checks([(a, None), (b, None)])
    (finding,) = _find(findings, "cross_member_count", "Klaster Batik Tulis Sidorejo")
    assert finding.status == "mismatch"
    assert {c.sentence for c in finding.citations} == {"Klaster Batik Tulis Sidorejo"}


def test_same_name_in_different_places_is_not_one_cluster():
    (a, ta), (b, tb) = hm.grobogan_suara(), hm.grobogan_jatengpos()
    b = b.model_copy(
        update={
            "clusters": [
                c.model_copy(update={"place": "Kudus"}) if "Batik" in c.name else c for c in b.clusters
            ]
        }
    )
    findings = cross_checks([(a, ta), (b, tb)])
    assert not [f for f in findings if f.subject == "Klaster Batik Tulis Sidorejo"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Klaster Batik Tulis", "batik tulis"), ("Kluster  Kopi  Muria", "Kopi Muria"), ("Ma'ruf", "Maruf")],
)
def test_normalise(a, b):
    assert normalise(a) == normalise(b)
