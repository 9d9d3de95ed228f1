"""The spaCy pipeline: an Indonesian tokenizer that starts fast, plus the berita_* components."""

from __future__ import annotations

import functools

from spacy.lang.char_classes import ALPHA
from spacy.lang.id import Indonesian, IndonesianDefaults
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc

from .lexicon import rows

PIPELINE = (
    "berita_dates",
    "berita_numbers",
    "berita_places",
    "berita_officials",
    "berita_clusters",
    "berita_partners",
    "berita_quotes",
)


def tokenizer_exceptions() -> dict:
    """spaCy's base exceptions plus the abbreviations of patterns/abbreviations*.tsv.

    spaCy's Indonesian defaults list ~16,000 exceptions, most of them hyphenated reduplications
    ("tanggung-tanggung") kept whole; building them costs seconds at start-up. Instead the
    letter-hyphen-letter infix is dropped (see ``infixes``), which keeps every reduplication whole,
    and only abbreviations Indonesian news writes with a full stop ("Kab.", "Kec.", "Plt.") are
    listed, so they are not split before the full stop.
    """
    extra = {}
    for name in ("abbreviations.tsv", "abbreviation_words.tsv"):
        for row in rows(name):
            extra[row.orth] = [{ORTH: row.orth, NORM: row.norm}]
    for orth in ("Jum'at", "jum'at", "Jum’at", "jum’at"):
        extra[orth] = [{ORTH: orth, NORM: "jumat"}]
    return update_exc(BASE_EXCEPTIONS, extra)


def _infixes() -> list:
    """Indonesian infixes without those that split a hyphen between two letters.

    Indonesian writes reduplication with a hyphen ("pelaku-pelaku", "Alun-alun"): such words stay
    whole, as spaCy's exception list keeps the common ones. Hyphens next to digits ("11-10-2022",
    "ke-15") and slashes between words still split.
    """
    import re

    kept = [p for p in IndonesianDefaults.infixes if not (isinstance(p, str) and re.search(p, "a-b"))]
    return [*kept, rf"(?<=[{ALPHA}])/(?=[{ALPHA}])"]


class BeritaDefaults(IndonesianDefaults):
    """Indonesian defaults with light tokenizer exceptions (see tokenizer_exceptions)."""

    tokenizer_exceptions = tokenizer_exceptions()
    infixes = _infixes()


class BeritaIndonesian(Indonesian):
    """Indonesian for news: same tokens for ordinary text, abbreviations kept whole, quick to build."""

    lang = "id"
    Defaults = BeritaDefaults


def blank() -> Language:
    """The tokenizer-only pipeline (no components)."""
    return BeritaIndonesian()


@functools.cache
def load() -> Language:
    """The full pipeline, built once per process: tokenizer plus every berita_* component."""
    from . import components  # noqa: F401  (registers the factories when not installed)
    from .components import clusters, dates, numbers, officials, partners, places, quotes  # noqa: F401

    nlp = blank()
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
