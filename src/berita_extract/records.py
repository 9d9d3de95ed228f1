"""Pydantic models of the output record (the contract in CONTRACT.md) and of input articles."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Level = Literal["provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "dusun", "venue", "other"]
Status = Literal["ok", "mismatch", "unverifiable"]


class Record(BaseModel):
    """Base of every output model: unknown keys are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """Where a fact was found: character offsets into the article text and the pattern id."""

    start: int = Field(ge=0, description="Offset of the first character in the article text.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    text: str = Field(description="The article text between start and end, exactly.")
    rule: str = Field(description="Id of the pattern or rule that produced this mention.")


class Fact(Record):
    """A fact found in the text: every fact keeps at least one mention."""

    mentions: list[Span] = Field(min_length=1, description="Every place in the text that names this fact.")


class ArticleMeta(Record):
    """Metadata of the article the facts were taken from."""

    id: str = Field(description="The record's own id, or the file path relative to the folder given.")
    url: str | None = Field(default=None, description="Where the article was published.")
    title: str | None = Field(default=None, description="Headline.")
    published: dt.date | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    source: str | None = Field(default=None, description="Outlet as named in the text or metadata.")
    dateline: str | None = Field(default=None, description="Place of the dateline ('Demak').")
    authors: list[str] = Field(default_factory=list, description="Reporters and writers named.")
    text_sha256: str = Field(description="SHA-256 of the article text (UTF-8), hex.")


class Official(Fact):
    """A named person with a position or office."""

    name: str = Field(description="Name without title, honorifics or degrees.")
    title: str = Field(description="The office phrase as written ('Bupati Demak').")
    role: str = Field(description="Canonical lowercase role from patterns/roles.tsv ('bupati').")
    jurisdiction: str | None = Field(default=None, description="Region the office governs, if stated.")
    organization: str | None = Field(default=None, description="Body the office belongs to, if stated.")


class Place(Fact):
    """A named administrative area or venue."""

    name: str = Field(description="Name without the level word; venues keep their whole phrase.")
    level: Level = Field(description="Administrative level, 'venue' or 'other'.")
    within: str | None = Field(default=None, description="Name of the enclosing place, when known.")
    code: str | None = Field(default=None, description="Kemendagri code ('33.21.12.2017'), when resolved.")


class DateFact(Fact):
    """A calendar day named in the text."""

    value: dt.date = Field(description="The day, YYYY-MM-DD.")
    text: str = Field(description="The date as written ('Selasa, 11 Oktober 2022').")


class Partner(Fact):
    """An outside organisation that takes part in or supports the reported activity."""

    name: str = Field(description="Name without legal forms (PT, Tbk, (Persero)).")
    kind: str | None = Field(default=None, description="bank, company, marketplace, university, agency ...")


class Cluster(Fact):
    """A named business cluster or producer group."""

    name: str = Field(description="Name without the group word ('Kerupuk Ikan').")
    label: str = Field(description="The phrase as written ('Klaster Kerupuk Ikan').")
    member_count: int | None = Field(default=None, description="Number of members, also when written in words.")
    member_unit: str | None = Field(default=None, description="The counted unit as written ('pelaku usaha').")
    place: str | None = Field(default=None, description="Where the group is, when stated.")


class Event(Fact):
    """An activity the article reports."""

    name: str = Field(description="Name of the event as written.")
    date: dt.date | None = Field(default=None, description="Day it took place.")
    venue: str | None = Field(default=None, description="Where it took place.")
    organizer: str | None = Field(default=None, description="Who held it.")


class Figure(Fact):
    """A numeric claim."""

    value: float | int = Field(description="The number, scale words applied ('Rp1,5 miliar' = 1500000000).")
    unit: str | None = Field(default=None, description="Unit or currency ('Rp', 'persen', 'orang').")
    counts: str | None = Field(default=None, description="What is counted ('klaster', 'pelaku usaha').")
    text: str = Field(description="The figure as written.")
    approximate: bool = Field(default=False, description="True for 'sekitar', 'lebih dari', 'belasan' ...")


class Quote(Fact):
    """Direct speech with its speaker."""

    speaker: str | None = Field(default=None, description="Name of the official who said it, if known.")
    text: str = Field(description="The quoted words, without quotation marks.")


class Check(Fact):
    """A consistency check a journalist would make."""

    kind: str = Field(description="stated_total, sum, weekday ...")
    status: Status = Field(description="ok, mismatch or unverifiable.")
    message: str = Field(description="A sentence a journalist can paste.")


class ArticleFacts(Record):
    """Everything extracted from one article: one JSON Lines record."""

    schema_version: Literal[1] = Field(default=SCHEMA_VERSION, description="Version of this record's shape.")
    article: ArticleMeta
    officials: list[Official] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[DateFact] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    clusters: list[Cluster] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)


FACT_FIELDS: dict[str, type[Fact]] = {
    "officials": Official,
    "places": Place,
    "dates": DateFact,
    "partners": Partner,
    "clusters": Cluster,
    "events": Event,
    "figures": Figure,
    "quotes": Quote,
    "checks": Check,
}


class Article(BaseModel):
    """An input article: the text and what is known about it. Other keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    authors: list[str] = Field(default_factory=list)

    def meta(self) -> ArticleMeta:
        """The ArticleMeta for this article (dateline and source filled in later by extraction)."""
        return ArticleMeta(
            id=self.id,
            url=self.url,
            title=self.title,
            published=self.published,
            source=self.source,
            authors=list(self.authors),
            text_sha256=text_sha256(self.text),
        )


def text_sha256(text: str) -> str:
    """SHA-256 of the text as UTF-8, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def json_schema() -> dict:
    """The JSON Schema of one output record."""
    return ArticleFacts.model_json_schema()
