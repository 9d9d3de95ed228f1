"""WordIndex.finditer gives the matches of regex.finditer for a regex that begins with a whole known word."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_extract.components.partners import PartnerFinder
from berita_extract.components.wordindex import WordIndex, heads

CUE = re.compile(r"(?<![\w])(?:[Bb]ekerja[ \t]+sama[ \t]+dengan|[Bb]ersama|dukungan)[ \t]+(?P<name>[A-Z]\w*)")
CUE_HEADS = heads(["bekerja sama dengan", "bersama", "dukungan"], either_case=True)


def _spans(matches):
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.mark.parametrize(
    "text",
    [
        "Pemkab bekerja sama dengan Bank Jateng dan bersama Polres.",
        "Bersama Dinas Pertanian, petani menanam. Dukungan Bank tidak dihitung, dukungan Bank dihitung.",
        "kebersamaan Desa; bersamaan Kota; _bersama Desa; 5bersama Desa; (bersama Desa) “bersama Desa”",
        "bersama bersama Desa",  # the first try fails, the second word begins the match
        "Pemkab bekerja sama dengan bersama Desa",  # a match inside the one before is not found again
        "Ke ıbersama Desa ü bersama Édi",  # Unicode letters are word characters
        "",
        "bersama",
    ],
)
def test_same_matches_as_finditer(text):
    assert _spans(WordIndex(text).finditer(CUE, CUE_HEADS)) == _spans(CUE.finditer(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["bersama", "Bersama", "bekerja", "sama", "dengan", "Desa", "dukungan", "Bank",
                                 "ke", " ", "\n", ",", ".", "(", "_", "é", "x"]), max_size=40).map("".join))
def test_same_matches_on_any_mix(text):
    assert _spans(WordIndex(text).finditer(CUE, CUE_HEADS)) == _spans(CUE.finditer(text))


def test_heads_are_first_words():
    assert heads(["kerja sama dengan", "MoU"], either_case=True) == {"kerja", "Kerja", "MoU", "moU"}
    assert heads(["melakukan kerja sama"]) == {"melakukan"}


def test_partner_rules_begin_with_their_heads():
    """Every partner regex tried through the index finds what a scan of the whole text finds."""
    finder = PartnerFinder()
    text = ("Kegiatan ini bekerja sama dengan Bank Jateng. Bersama Dinas Koperasi, kelompok menerima bantuan "
            "permodalan Bank Maluku. Kerjasama dengan Universitas Andalas (Unand). Polres Tapin turut mendukung. "
            "Pemkab Tapin dan PT Sinar menandatangani MoU antara Pemkab dan PT Sinar. Bank Sulteng dalam "
            "menyalurkan kredit ke koperasi. Ia menggandeng kelompok seni. Seperti Sanggar Melati dan Komunitas Reog.")
    index = WordIndex(text)
    for regex, first in [
        (finder.cue_re, finder.cue_heads),
        (finder.trigger_re, finder.trigger_heads),
        (finder.verb_re, finder.verb_heads),
        (finder.next_list_re, finder.next_list_heads),
    ]:
        assert _spans(index.finditer(regex, first)) == _spans(regex.finditer(text))
        assert list(regex.finditer(text))  # the text exercises each rule
