"""For any text, extraction never raises and every mention slices the text exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from berita_extract.extraction import extract

WORDS = ["Bupati", "Demak", "Kecamatan", "Desa", "Klaster", "dengan", "jumlah", "pelaku", "usaha", "20", "orang",
         "Selasa,", "11", "Oktober", "2022", "“", "”", "\"", ",", ".", "(11/10)", "tiga", "belas", "Rp1,5", "miliar",
         "bersinergi", "Pegadaian", "dan", "Kab.", "H.", "S.E.,", "–", "\n", "Jum’at", "ungkap", "Iskandar"]


def _check(facts, text):
    for field in ("officials", "places", "dates", "partners", "clusters", "events", "figures", "quotes", "checks"):
        for fact in getattr(facts, field):
            for m in fact.mentions:
                assert text[m.start : m.end] == m.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text(nlp, text):
    _check(extract(text, nlp=nlp), text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join))
def test_news_like_text(nlp, text):
    _check(extract(text, nlp=nlp), text)


def test_control_characters_mixed_scripts_and_one_long_word(nlp):
    for text in ["\x00\x07\x1b Bupati\u200b Demak \ufeff", "Bupati 北京 Демак مدينة Klaster Ω", "Demak " * 20_000]:
        _check(extract(text, nlp=nlp), text)
