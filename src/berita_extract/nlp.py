"""The spaCy pipeline: an Indonesian tokenizer that starts fast, plus the berita_* components."""

from __future__ import annotations

import functools
import re

from spacy.lang.char_classes import ALPHA
from spacy.lang.id import Indonesian, IndonesianDefaults
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokens import Doc
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
    kept = [p for p in IndonesianDefaults.infixes if not (isinstance(p, str) and re.search(p, "a-b"))]
    return [*kept, rf"(?<=[{ALPHA}])/(?=[{ALPHA}])"]


class BeritaDefaults(IndonesianDefaults):
    """Indonesian defaults with light tokenizer exceptions (see tokenizer_exceptions)."""

    tokenizer_exceptions = tokenizer_exceptions()
    infixes = _infixes()


# Runs of characters without white space longer than this are tokenized in pieces of this length.
MAX_RUN = 1000
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1}}}")


class SuffixSearch:
    """The suffix regex searched only in the last ``window`` characters of a token.

    spaCy's suffix regex ends each alternative with "$" and is searched from every position: on a
    long token without a suffix ("------") that is one full scan per character stripped, quadratic.
    Suffixes are short, so the tail holds any of them (lookbehinds still see the text before it).
    """

    def __init__(self, regex: re.Pattern, window: int = 64) -> None:
        self.regex, self.window = regex, window

    def __call__(self, text: str) -> re.Match | None:
        """The suffix match at the end of ``text``, or None."""
        return self.regex.search(text, max(0, len(text) - self.window))


class BeritaIndonesian(Indonesian):
    """Indonesian for news: same tokens for ordinary text, abbreviations kept whole, quick to build."""

    lang = "id"
    Defaults = BeritaDefaults

    def make_doc(self, text: str) -> Doc:
        """Tokenize ``text``; runs of over MAX_RUN characters without a space are cut into pieces first.

        spaCy strips prefixes and suffixes one at a time, copying the rest of the token each time:
        a run of 100,000 dashes or brackets would take hours. The pieces' Docs are joined back, so the
        Doc's text is ``text`` exactly and every character offset stays the same. That text is kept in
        ``doc.user_data["berita_text"]`` (see components._spans.doc_text): spaCy joins the tokens again on every
        ``doc.text``.
        """
        if len(text) > self.max_length:
            raise ValueError(f"text of {len(text):,} characters is over nlp.max_length ({self.max_length:,})")
        cuts = [c for m in _LONG_RUN.finditer(text) for c in range(m.start() + MAX_RUN, _run_end(text, m), MAX_RUN)]
        if cuts:
            bounds = [0, *cuts, len(text)]
            docs = [self.tokenizer(text[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
            doc = Doc.from_docs(docs, ensure_whitespace=False)
        else:
            doc = self.tokenizer(text)
        doc.user_data["berita_text"] = text
        return doc


def _run_end(text: str, m: re.Match) -> int:
    """Where the run without white space that ``m`` begins ends."""
    end = _SPACE.search(text, m.end())
    return end.start() if end else len(text)


_SPACE = re.compile(r"\s")


def blank() -> Language:
    """The tokenizer-only pipeline (no components)."""
    nlp = BeritaIndonesian()
    # rule-based components only: a long article costs time in proportion to its length, no more
    nlp.max_length = 50_000_000
    tokenizer = nlp.tokenizer
    # "^"-anchored alternatives searched from every position are a scan per call: match at 0 instead
    tokenizer.prefix_search = tokenizer.prefix_search.__self__.match
    tokenizer.suffix_search = SuffixSearch(tokenizer.suffix_search.__self__)
    return nlp


@functools.cache
def load() -> Language:
    """The full pipeline, built once per process: tokenizer plus every berita_* component."""
    from . import components  # noqa: F401  (registers the factories when not installed)
    from .components import clusters, dates, numbers, officials, partners, places, quotes  # noqa: F401

    nlp = blank()
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
