"""Tests of the pattern files: each validates, ids are unique, unknown columns and bad values are rejected."""

from __future__ import annotations

import pytest

from berita_extract import lexicon, patterns
from berita_extract.components.dates import DayRow, MonthRow
from berita_extract.components.numbers import CountedNounRow, NumberWordRow, UnitRow
from berita_extract.components.partners import PartnerWordRow

# (file, row model) of every pattern file with a model; other helpers add theirs here
MODELS = [
    ("months.tsv", MonthRow),
    ("days.tsv", DayRow),
    ("numbers.tsv", NumberWordRow),
    ("units.tsv", UnitRow),
    ("counted_nouns.tsv", CountedNounRow),
    ("partner_words.tsv", PartnerWordRow),
    *((name, model) for name, model in lexicon.MODELS.items() if name.endswith(".tsv")),
]


def test_every_pattern_file_has_a_model() -> None:
    known = {name for name, _ in MODELS} | set(lexicon.MODELS)
    assert set(patterns.files()) == known


def test_jsonl_titles_validate_and_reject_unknown_keys() -> None:
    rows = patterns.load("titles.jsonl", lexicon.Title)
    assert len({r.id for r in rows}) == len(rows)
    assert {r.role for r in rows} >= {"bupati", "wali kota", "camat", "kepala desa", "kepala dinas", "rektor"}
    bad = '{"id": "title-x", "pattern": "Bupati", "role": "bupati", "colour": "red"}'
    with pytest.raises(patterns.PatternError, match="titles.jsonl:1: colour"):
        patterns.parse_jsonl("titles.jsonl", bad, lexicon.Title)


def test_pattern_set_version_is_stable() -> None:
    assert patterns.version() == patterns.version() and len(patterns.version()) == 12


@pytest.mark.parametrize(("name", "model"), MODELS)
def test_pattern_file_validates(name: str, model: type[patterns.Row]) -> None:
    rows = patterns.load(name, model)
    assert rows, name
    ids = [row.id for row in rows]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("name", "model"), MODELS)
def test_unknown_column_is_rejected(name: str, model: type[patterns.Row]) -> None:
    text = patterns.folder().joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    bad = "\n".join([lines[0] + "\tcolour", lines[1] + "\tred"])
    with pytest.raises(patterns.PatternError, match=rf"patterns/{name}:2: colour"):
        patterns.parse_tsv(name, bad, model)


@pytest.mark.parametrize(("name", "model"), MODELS)
def test_duplicate_id_is_rejected(name: str, model: type[patterns.Row]) -> None:
    text = patterns.folder().joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    with pytest.raises(patterns.PatternError, match="already used on line 2"):
        patterns.parse_tsv(name, "\n".join([lines[0], lines[1], lines[1]]), model)


@pytest.mark.parametrize(
    ("name", "model", "text", "problem"),
    [
        ("months.tsv", MonthRow, "id\tmonth\tname\tkind\nmon-x\t13\tX\tfull", "month"),
        ("months.tsv", MonthRow, "id\tmonth\tname\tkind\nmon-x\t1\tJanuari\tshort", "kind"),
        ("days.tsv", DayRow, "id\tweekday\tname\nday-x\t7\tSenin", "weekday"),
        ("numbers.tsv", NumberWordRow, "id\tword\tkind\tvalue\nnum-x\tdua\tdigit\t2", "kind"),
        ("numbers.tsv", NumberWordRow, "id\tword\tkind\tvalue\nnum-x\tdua\tunit\t-2", "value"),
        ("units.tsv", UnitRow, "id\tform\tunit\tposition\nunit-x\tRp\tRp\tbefore", "position"),
        ("counted_nouns.tsv", CountedNounRow, "id\tnoun\n\torang", "id"),
    ],
)
def test_bad_values_are_rejected(name: str, model: type[patterns.Row], text: str, problem: str) -> None:
    with pytest.raises(patterns.PatternError, match=rf"patterns/{name}:2: {problem}"):
        patterns.parse_tsv(name, text, model)


def test_month_and_day_spellings() -> None:
    months = {row.name: row.month for row in patterns.load("months.tsv", MonthRow)}
    assert months["Pebruari"] == months["Februari"] == 2
    assert months["Nopember"] == months["November"] == 11
    assert months["Agust"] == 8
    days = {row.name: row.weekday for row in patterns.load("days.tsv", DayRow)}
    assert days["Jum'at"] == days["Jumat"] == 4
    assert days["Senin"] == 0 and days["Minggu"] == 6
