"""Row models of the pattern files and cached, ready-to-use views of them for the components."""

from __future__ import annotations

import functools
import re
from typing import Literal

from pydantic import Field

from .patterns import Row, load

PlaceLevel = Literal["provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "dusun", "auto"]


class Title(Row):
    """A title head: the office as written, its canonical role, the level of place it governs."""

    pattern: str
    role: str
    jurisdiction_level: PlaceLevel | None = None
    needs_complement: bool = False


class Modifier(Row):
    """A word before a title that says how the office is held (Plt., Pj.)."""

    form: str


class Office(Row):
    """An abbreviated office or body, its expansion and kind."""

    abbreviation: str
    expansion: str
    kind: str


class Abbreviation(Row):
    """A tokenizer exception: the form as written and its normalised expansion."""

    orth: str
    norm: str


class PlaceTrigger(Row):
    """A word that introduces a named place, the level it gives, whether lists continue it, what it names."""

    trigger: str
    level: PlaceLevel
    list: Literal["yes", "no"] = "no"
    names: Literal["place", "office"] = "place"
    starts_name: Literal["yes", "no"] = "no"


class PlaceNameWord(Row):
    """A word read next to a place: a qualifier ("Desa Wisata X"), a status ("Desa Mandiri"), an office holder,
    a locative word before a venue ("di", "halaman")."""

    word: str
    kind: Literal["qualifier", "status", "holder", "locative"]


class RegionAlias(Row):
    """Another name for a region, by Kemendagri code."""

    alias: str
    code: str


class Venue(Row):
    """A word that begins a venue's name."""

    trigger: str


class Word(Row):
    """A single word or phrase of a word class."""

    word: str


class GroupWord(Row):
    """A word that names a business cluster or producer group."""

    word: str
    kind: str


class MemberUnit(Row):
    """A counted unit of a group's members."""

    unit: str


class PartnerCue(Row):
    """A phrase after which the organisations named are partners; loose cues take only organisation-like names."""

    cue: str
    loose: Literal["yes", "no", "support"] = "no"


class PartnerKind(Row):
    """What kind of organisation a name beginning with this prefix is."""

    prefix: str
    kind: str


class LegalForm(Row):
    """A legal form dropped from organisation names."""

    form: str


class QuoteVerb(Row):
    """An attribution verb of direct speech."""

    verb: str


class WordClass(Row):
    """A word of one of the small word classes the rules use (see patterns/word_classes.tsv)."""

    word: str
    # fmt: off
    word_class: Literal["named_body", "institution", "body_start", "not_now", "currency", "generic_group_name",
                        "not_group_name", "partial_list_cue", "government"] = Field(alias="class")
    # fmt: on


class EventWord(Row):
    """A word of activities reported as events: a verb with its nominalisation, a nominal head, a stop word."""

    form: str
    noun: str = ""
    kind: Literal["verb", "passive", "receive", "received", "held", "noun", "stop", "classifier", "plan"]
    object: Literal["", "group"] = ""


class ListCue(Row):
    """A word around a stated count and its listed items: what introduces them, ends them, enumerates them."""

    cue: str
    kind: Literal["definite", "partial", "end", "more", "ordinal"]


class NameWord(Row):
    """A word: how often tagged news has it in a person's name, an organisation, a place, none (with a capital)."""

    word: str
    per: int = Field(ge=0)
    org: int = Field(ge=0)
    loc: int = Field(ge=0)
    other: int = Field(ge=0)
    cap: int = Field(ge=0)


class Honorific(Row):
    """An honorific or academic degree, stripped from names."""

    form: str
    # noble: a title that is also written as part of the name ("Lalu", "Baiq" in Lombok): kept in names
    kind: Literal["honorific", "degree", "noble"]


MODELS: dict[str, type[Row]] = {
    "titles.jsonl": Title,
    "modifiers.tsv": Modifier,
    "offices.tsv": Office,
    "abbreviations.tsv": Abbreviation,
    "abbreviation_words.tsv": Abbreviation,
    "place_triggers.tsv": PlaceTrigger,
    "region_aliases.tsv": RegionAlias,
    "place_name_words.tsv": PlaceNameWord,
    "related_links.tsv": Word,
    "venue_heads.tsv": Word,
    "posting_cues.tsv": Word,
    "venues.tsv": Venue,
    "place_blockers.tsv": Word,
    "org_words.tsv": Word,
    "countries.tsv": Word,
    "outlet_words.tsv": Word,
    "name_stopwords.tsv": Word,
    "group_words.tsv": GroupWord,
    "member_units.tsv": MemberUnit,
    "partner_cues.tsv": PartnerCue,
    "legal_forms.tsv": LegalForm,
    "partner_kinds.tsv": PartnerKind,
    "quote_verbs.tsv": QuoteVerb,
    "honorifics.tsv": Honorific,
    "event_words.tsv": EventWord,
    "list_cues.tsv": ListCue,
    "word_classes.tsv": WordClass,
    "name_words.tsv": NameWord,
}


def rows(name: str) -> tuple:
    """The validated rows of a pattern file, by its registered model."""
    return load(name, MODELS[name])


def alternation(forms: list[str]) -> str:
    """A regex alternation of literal forms, longest first so the longest form wins."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """The words of a word-class file, as written."""
    return frozenset(r.word for r in rows(name))


@functools.cache
def word_class(name: str) -> frozenset[str]:
    """The words of one class of patterns/word_classes.tsv."""
    return frozenset(r.word for r in rows("word_classes.tsv") if r.word_class == name)


@functools.cache
def offices() -> dict[str, Office]:
    """Abbreviated offices by their abbreviation."""
    return {r.abbreviation: r for r in rows("offices.tsv")}


@functools.cache
def honorifics() -> tuple[Honorific, ...]:
    """Honorifics and degrees, longest form first."""
    return tuple(sorted(rows("honorifics.tsv"), key=lambda r: len(r.form), reverse=True))
