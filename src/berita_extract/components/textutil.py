"""Regular-expression building blocks shared by the components (capitalised words, names, lists)."""

from __future__ import annotations

import re

# A capitalised word: a name, a place, an abbreviation ("Eisti’anah", "UKM", "Al-Muwahidin").
CAP = r"(?:[A-Z][A-Za-z0-9]*(?:['’`][A-Za-z]+|-[A-Za-z]+)*)"
# Capitalised words on one line separated by single spaces.
CAP_SEQ = rf"{CAP}(?:[ \t]+{CAP})*"
CAP_SEQ_RE = re.compile(CAP_SEQ)
WORD_RE = re.compile(CAP)
# Separators of a coordinated list: ", ", " dan ", ", dan ", " serta ".
LIST_SEP = r"(?:[ \t]*,[ \t]*(?:dan|serta)?[ \t]*|[ \t]+(?:dan|serta|&)[ \t]+)"


def words(text: str) -> list[tuple[int, int, str]]:
    """The capitalised words of ``text`` as (start, end, word), offsets relative to ``text``."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def title_case(text: str) -> str:
    """'DEMAK' -> 'Demak', 'JAKARTA PUSAT' -> 'Jakarta Pusat'; mixed case is left alone."""
    return text.title() if text.isupper() else text
