"""What a person's name looks like: word counts learned from tagged news (patterns/name_words.tsv) plus word shape."""

from __future__ import annotations

import functools
import re

from .. import gazetteer
from ..lexicon import honorifics, rows, word_set

# Indonesian derivational shapes of common words, rare in personal names: pe(N)-...-an, per-...-an,
# ke-...-an nouns ("Pelatihan", "Kerajinan"), -kan and di-...-kan verbs ("Tekankan"), -nya, ter- ("Terpilih").
COMMON_SHAPE = re.compile(
    r"(?:pe[mn]?g?|per|ke)[a-z]{3,}an|pe(?:m|n|ng|ny)[a-z]{5,}|[a-z]{3,}kan|di[a-z]{3,}kan|[a-z]{4,}nya"
    r"|me(?:m|n|ng|ny)[a-z]{3,}(?:i|kan)|ter[a-z]{4,}",
    re.IGNORECASE,
)
ADMIN = {"provinsi", "kabupaten", "kota"}


class NameModel:
    """Scores capitalised words as parts of a person's name from learned counts, places and word shape."""

    def __init__(self) -> None:
        self.counts: dict[str, tuple[int, int, int, int, int]] = {
            r.word: (r.per, r.org, r.loc, r.other, r.cap) for r in rows("name_words.tsv")
        }
        self.gaz = gazetteer.load()
        self.org_words = {w.lower() for w in word_set("org_words.tsv")}
        self.noble = {h.form for h in honorifics() if h.kind == "noble"}

    def counts_of(self, word: str) -> tuple[int, int, int, int, int] | None:
        """(per, org, loc, other, cap) counts of a word, None when the model has not seen it."""
        return self.counts.get(word.strip("().,;:").lower())

    def is_person(self, word: str) -> bool:
        """Seen mostly inside person names: positive evidence of a name."""
        c = self.counts_of(word)
        return c is not None and c[0] > 0 and c[0] >= c[1] + c[2] + c[3]

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 (one model per process)
    def not_name(self, word: str, inside: bool = False, strong: bool = False) -> bool:
        """Evidence that a capitalised word is not part of a person's name (an ordinary, office or place word).

        At least three uses against it, and three times more than for it. ``inside``: the word follows name words;
        there only capitalised uses count against it ("Bakar" in "Abu Bakar" is mostly the lowercase verb).
        ``strong``: the position says a name follows; only frequent uses outside any entity count ("Timur" is
        mostly a place, yet also a given name).
        """
        bare = word.strip("().,;:")
        if len(bare) == 1 or bare in self.noble:
            return False  # an initial, or Balinese "I" before a name
        c = self.counts_of(bare)
        per = c[0] if c else 0
        if not per and len(bare) > 5 and COMMON_SHAPE.fullmatch(bare):
            return True
        if c is None:
            return bare.lower() in self.org_words
        _, org, loc, other, cap = c
        if strong and not inside:
            against, least = other, 6
        else:
            against, least = org + loc + (cap if inside else other), 3
        return against >= least and (per + 0.5) / (against + 0.5) < 0.3

    def office_word(self, word: str, after_office: bool = False) -> bool:
        """Known never to be part of a name and seen in organisation or place names ("Golkar", "Suriah").

        ``after_office``: inside an office's name a word also written capitalised outside names continues it.
        """
        c = self.counts_of(word)
        if c is None or c[0] or len(word.strip("().,;:")) < 2:
            return False
        named = c[1] + c[2]  # one use in an organisation or place is weak evidence without a capitalised use
        return named >= 2 or (named and c[4] >= 1) or (after_office and c[4] >= 2)

    def common_shape(self, word: str) -> bool:
        """Shaped like a derived common word ("Terpilih", "Pelatihan") and never seen in a name."""
        c = self.counts_of(word)
        return len(word) > 5 and not (c and c[0]) and bool(COMMON_SHAPE.fullmatch(word))

    def is_region(self, phrase: str, levels: set[str] | None = None) -> bool:
        """The phrase names a Kemendagri region (of the given levels; default provinsi, kabupaten, kota)."""
        return bool(self.gaz.lookup(phrase, levels or ADMIN))

    def headline_name(self, words: list[str]) -> bool:
        """In a Title Case headline every word is capitalised: only words known as names count as a name."""
        return bool(words) and all(self.is_person(w) for w in words)


@functools.cache
def load() -> NameModel:
    """The name model, built once per process."""
    return NameModel()
