"""The tokenizer: abbreviations Indonesian news uses stay whole; reduplications stay whole; start-up is light."""

from __future__ import annotations

import pytest

from berita_extract.nlp import blank


@pytest.fixture(scope="module")
def tok():
    return blank()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Kab. Demak", ["Kab.", "Demak"]),
        ("Kec. Bonang", ["Kec.", "Bonang"]),
        ("Kel. Kauman", ["Kel.", "Kauman"]),
        ("Ds. Gebang", ["Ds.", "Gebang"]),
        ("Jl. Sultan Fatah", ["Jl.", "Sultan", "Fatah"]),
        ("Pj. Bupati", ["Pj.", "Bupati"]),
        ("Plt. Kasi", ["Plt.", "Kasi"]),
        ("Plh. Sekda", ["Plh.", "Sekda"]),
        ("H. Ahmad, S.E., M.M.", ["H.", "Ahmad", ",", "S.E.", ",", "M.M."]),
        ("pelaku-pelaku usaha", ["pelaku-pelaku", "usaha"]),
        ("tanggung-tanggung", ["tanggung-tanggung"]),
        ("Selasa (11/10/2022)", ["Selasa", "(", "11", "/", "10", "/", "2022", ")"]),
        ("Jum’at, 5 Januari", ["Jum’at", ",", "5", "Januari"]),
        ("dan/atau", ["dan", "/", "atau"]),
    ],
)
def test_tokens(tok, text, tokens):
    assert [t.text for t in tok(text)] == tokens


def test_abbreviation_norms(tok):
    assert [t.norm_ for t in tok("Kab. Kec.")] == ["kabupaten", "kecamatan"]
