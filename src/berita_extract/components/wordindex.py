"""Where a regex can begin: the words of a text, so a rule that starts with a known word is tried only there.

A rule such as "bekerja sama dengan X" scanned with ``finditer`` is tried at every character of the article;
most articles hold none of its first words. :class:`WordIndex` keeps the distinct words of a text (one C-level
``findall``), and :meth:`WordIndex.finditer` tries the rule only where one of its first words begins, giving
exactly the matches ``finditer`` gives when every match of the rule begins with one of the whole words given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from ._spans import doc_text
from .textutil import finditer_at, whole_word_starts

_WORD = re.compile(r"\w+")


def heads(words: Iterable[str], either_case: bool = False) -> frozenset[str]:
    """The first words of a rule's forms ("bekerja sama dengan" -> "bekerja"); also capitalised if ``either_case``."""
    out = set()
    for form in words:
        first = form.split()[0]
        out.add(first)
        if either_case:
            out.update({first[0].upper() + first[1:], first[0].lower() + first[1:]})
    return frozenset(out)


class WordIndex:
    """The distinct words of one text; where a word begins is looked up when a rule asks for it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = frozenset(_WORD.findall(text))

    def starts(self, word: str) -> Iterator[int]:
        """Where ``word`` stands in the text as a whole word (no \\w character touching it)."""
        return whole_word_starts(self.text, word, joiners="")

    def finditer(self, regex: re.Pattern, first_words: frozenset[str]) -> Iterator[re.Match]:
        """``regex.finditer(text)`` for a regex whose every match (never empty) begins with a whole word of
        ``first_words``."""
        found = first_words & self.words
        if found:
            yield from finditer_at(regex, self.text, sorted(p for word in found for p in self.starts(word)))


_last: list[WordIndex] = []


def word_index(doc: Doc) -> WordIndex:
    """The word index of the Doc's text, built once for the components that run on it.

    (Kept in a one-entry cache, not in ``doc.user_data``, which is serialised with the Doc between processes; the
    text is the same object for every component, see ``doc_text``.)
    """
    text = doc_text(doc)
    if not _last or _last[0].text is not text:
        _last[:] = [WordIndex(text)]
    return _last[0]
