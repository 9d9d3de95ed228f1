"""Regular-expression building blocks shared by the components (capitalised words, names, lists)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence

# A capitalised word: a name, a place, an abbreviation ("Eisti’anah", "UKM", "Al-Muwahidin").
CAP_TAIL = r"[A-Za-z0-9]*(?:['’`][A-Za-z]+|-[A-Za-z]+)*"  # what follows its capital letter
CAP = rf"(?:[A-Z]{CAP_TAIL})"
# Capitalised words on one line separated by single spaces.
CAP_SEQ = rf"{CAP}(?:[ \t]+{CAP})*"
CAP_SEQ_RE = re.compile(CAP_SEQ)
# The same, at most 12 words: no place, office or group name is longer, and a rule that matches one per trigger
# must not run over (and list) the whole rest of a long run of capitalised words.
NAME_SEQ = rf"{CAP}(?:[ \t]+{CAP}){{0,11}}"
WORD_RE = re.compile(CAP)
# Separators of a coordinated list: ", ", " dan ", ", dan ", " serta ".
LIST_SEP = r"(?:[ \t]*,[ \t]*(?:dan|serta)?[ \t]*|[ \t]+(?:dan|serta|&)[ \t]+)"


# The characters re.IGNORECASE matches to an ASCII letter although their .lower() is another one:
# Turkish dotted İ (whose .lower() is two characters), dotless ı, long ſ and the Kelvin sign.
_RE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_RE_UNFOLDED = re.compile("[\u0130\u0131\u017f\u212a]")


def fold(text: str) -> str:
    """Lowercase ``text`` the way re.IGNORECASE compares it, so a case-insensitive match's text is a dict key.

    "\u0131dr" (dotless i) matches "IDR" under re.I but its .lower() is not "idr"; "m\u0130liar".lower() is
    even one character longer. Folded, both give the ASCII key of the form they matched.
    """
    if not text.isascii() and _RE_UNFOLDED.search(text):  # translate() is slow on a long text: only when needed
        text = text.translate(_RE_FOLD)
    return text.lower()


@functools.lru_cache(maxsize=16)
def folded(text: str) -> str:
    """fold(text), kept for the last texts (an article's text is searched by word many times)."""
    return fold(text)


def word_starts(text: str, forms: Iterable[str], start: int = 0, end: int | None = None) -> list[int]:
    """Where any of the lowercase ``forms`` is written in text[start:end], in any case as re.IGNORECASE reads it
    (inside other words too), in order: found by str.find, not by a regex tried at every character."""
    low = folded(text)
    end = len(text) if end is None else end
    found = set()
    for form in forms:
        pos = low.find(form, start, end)
        while pos >= 0:
            found.add(pos)
            pos = low.find(form, pos + 1, end)
    return sorted(found)


def finditer_at(rx: re.Pattern, text: str, starts: Sequence[int], end: int | None = None) -> Iterator[re.Match]:
    """rx.finditer(text, 0, end) for a regex whose matches (never empty) can begin only at the sorted ``starts``:
    the regex is tried there alone."""
    end = len(text) if end is None else end
    after = 0
    for pos in starts:
        if pos >= after and (m := rx.match(text, pos, end)):
            yield m
            after = m.end()


def _in_word(ch: str, joiners: str) -> bool:
    """Whether ``ch`` can be part of a word (what \\w matches: str.isalnum or "_", or one of ``joiners``)."""
    return ch.isalnum() or ch == "_" or ch in joiners


def whole_word_starts(text: str, word: str, joiners: str = "’'-") -> Iterator[int]:
    """Where ``word`` stands in ``text`` as a whole word (no word character or joiner touching it)."""
    i = text.find(word)
    while i != -1:
        end = i + len(word)
        if not (i and _in_word(text[i - 1], joiners)) and not (end < len(text) and _in_word(text[end], joiners)):
            yield i
        i = text.find(word, i + 1)


def match_at(pattern: str, text: str, pos: int) -> re.Match | None:
    """``re.match(pattern, text[pos:])`` without copying the rest of the text (a copy per call is quadratic on a
    long text); the match's offsets are in ``text``. For patterns that do not look behind their start."""
    return re.compile(pattern).match(text, pos)


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The capitalised words of ``text[start:end]`` as (start, end, word), offsets in ``text``."""
    found = WORD_RE.finditer(text, start, len(text) if end is None else end)  # CAP looks neither behind nor ahead
    return [(m.start(), m.end(), m.group()) for m in found]


def title_case(text: str) -> str:
    """'DEMAK' -> 'Demak', 'JAKARTA PUSAT' -> 'Jakarta Pusat'; mixed case is left alone."""
    return text.title() if text.isupper() else text


def trie_alternation(forms: list[str] | set[str], not_after: str = "") -> str:
    """A regex matching the same literal forms as a longest-first alternation, factored as a trie.

    A plain alternation of K forms is tried form by form at each position (K steps); the trie asks one
    character at a time, so a text with thousands of names is still scanned in linear time. Longer
    forms are tried before their prefixes, as in a longest-first alternation.

    ``not_after`` (a character class) keeps the (non-empty) forms from following one of its characters,
    as ``(?<!not_after)`` before the alternation would. It is checked after each form's first character:
    a pattern that begins with a look-behind is tried at every position, one that begins with its forms'
    first characters lets re skip ahead to them.
    """
    trie: dict = {}
    for form in set(forms):
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, not_after) if trie else "(?!)"


def _trie_regex(node: dict, not_after: str = "") -> str:
    """The regex of a trie's node; ``not_after`` is given for the root only (the forms' first characters)."""
    branches = []
    for ch, child in sorted(node.items()):
        if ch:
            first = re.escape(ch)
            branches.append(first + (f"(?<!{not_after}{first})" if not_after else "") + _trie_regex(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a form ends here: try the longer forms first, then stop
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
