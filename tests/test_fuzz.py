"""A small fixed-seed run of benchmarks/fuzz.py: no crash, every mention slices its text, on every shape."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_extract.components._spans import doc_text
from berita_extract.components.textutil import fold, trie_alternation
from berita_extract.lexicon import alternation

ROOT = Path(__file__).resolve().parents[1]


def _load_fuzz():
    spec = importlib.util.spec_from_file_location("berita_fuzz", ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()


def test_fixed_seed_inputs(nlp):
    """300 inputs of random Unicode, corpus mutations and shapes: run_one raises on a crash or a bad offset."""
    kinds = set()
    for kind, text in fuzz.inputs(300, seed=7):
        kinds.add(kind.split(":")[0])
        fuzz.run_one(nlp, text)
    assert {"random", "mutation"} <= kinds


@pytest.mark.parametrize("shape", sorted(fuzz.SHAPES))
def test_each_shape_at_small_n(nlp, shape):
    for n in (1, 40):
        fuzz.run_one(nlp, fuzz.SHAPES[shape](n))


@pytest.mark.parametrize(
    "text",
    [
        "\u0131dR6",  # dotless i: re.I matches it to the I of "IDR"
        "0 peraj\u0130n",  # "İ".lower() is two characters
        "Rp5 m\u0130liar",
        "5 \u017fapi",  # long s
        "Rp 7 \u212aM",  # Kelvin sign
        "5 Agu\u017ftus 2022 dan 6 N\u0131pember",
        "lima \u212alaster, yaitu Klaster Abc, Klaster Bde, dan Klaster Cfg",
        "sekitar t\u0130ga r\u0131bu orang dari t\u0131ga desa yaitu Desa Abc, Bcd dan Cde",
        "\u200f\u202eBupati Demak\u202c\u200b Siti\u0301 Aminah\U0001f600 berkata \u05d0\u05d1",
        "Bupati Bupati ,",  # an office running on to a comma with a space before it (found by hypothesis)
        "dıcanangkan oleh Bupati",  # an event verb matched case-insensitively
    ],
)
def test_unicode_that_once_crashed(nlp, text):
    fuzz.run_one(nlp, text)


def test_case_insensitive_matches_fold_to_their_key():
    assert fold("\u0131dR") == "idr" and fold("m\u0130liar") == "miliar" and fold("\u017fapi") == "sapi"
    assert len(fold("\u0130" * 5)) == 5


def test_fold_knows_every_character_re_ignorecase_equates_with_an_ascii_letter():
    chars = "".join(chr(i) for i in range(0x80, 0x110000) if not 0xD800 <= i < 0xE000)
    for m in re.finditer("[A-Za-z]", chars, re.IGNORECASE):
        letter = fold(m.group())
        assert letter.isascii() and re.fullmatch(letter, m.group(), re.IGNORECASE), hex(ord(m.group()))


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text("ab. ", min_size=1, max_size=5), min_size=1, max_size=6), st.text("ab. ", max_size=40))
def test_trie_alternation_matches_like_a_longest_first_alternation(forms, text):
    plain = [m.span() for m in re.finditer(rf"(?<!\w)(?:{alternation(list(forms))})(?!\w)", text)]
    trie = [m.span() for m in re.finditer(rf"(?<!\w)(?:{trie_alternation(forms)})(?!\w)", text)]
    assert plain == trie
    plain = [m.span() for m in re.finditer(rf"(?<![\w.])(?:{alternation(list(forms))})", text)]
    trie = [m.span() for m in re.finditer(trie_alternation(forms, not_after=r"[\w.]"), text)]
    assert plain == trie


@pytest.mark.parametrize(
    "text",
    ["-" * 5000, "(" * 3000 + "x" + ")" * 3000, "ab" * 1500 + " kata " + "“" * 2500, "a" * 1001 + " b\n" + "c" * 2002],
)
def test_long_runs_without_spaces_keep_every_offset(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert doc_text(doc) == text  # the text make_doc keeps for the components
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_tokens_of_ordinary_text_are_unchanged(nlp):
    from berita_extract.nlp import BeritaIndonesian

    plain = BeritaIndonesian()  # spaCy's own affix search, no cutting
    text = ' "Halo..." katanya!!! (lihat: www.contoh.go.id/b?id=5). 10%-nya Rp5.000,- 5km “Ya.”… Kab. Demak'
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in plain.tokenizer(text)]


def test_shrink_keeps_a_failing_input_small():
    small = fuzz.shrink("abc XYZ def XYZ ghi", lambda t: "Z" in t)
    assert small == "Z"
