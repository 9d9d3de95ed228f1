"""Quotes: direct speech between quotation marks, attributed to the official who said it."""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import alternation, rows
from ._spans import add_span, doc_text, spans

QUOTE_RE = re.compile(r"“(?P<a>[^”]{8,2000})”|\"(?P<b>[^\"\n]{8,2000})\"")


class QuoteFinder:
    """Finds quotes; spans in doc.spans["quotes"] carry the quoted text and the speaker's name."""

    def __init__(self, reach: int = 80) -> None:
        self.reach = reach
        verbs = alternation([r.verb for r in rows("quote_verbs.tsv")])
        self.after_re = re.compile(rf"[\s,]*(?:(?P<verb>{verbs})\b)")
        self.before_re = re.compile(rf"(?:(?P<verb>{verbs})|[Mm]enurut[^,“\"]{{0,80}})[ \t]*[,:]?[ \t]*$")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        officials = sorted((s["start"], s["end"], s["name"]) for s in spans(doc, "officials"))
        starts = [o[0] for o in officials]  # bisection keeps a text of thousands of quotes and names linear
        last_speaker = None
        for m in QUOTE_RE.finditer(text):
            group = "a" if m["a"] is not None else "b"
            raw = m[group]
            inner = raw.strip()
            inner_start = m.start(group) + (len(raw) - len(raw.lstrip()))
            inner_end = inner_start + len(inner)
            if len(inner.split()) < 3 or not re.search(r"\b[a-z]", inner):
                continue  # a name in quotation marks ("Jatiwangi Tile Expo") is not speech
            speaker, rule = None, "quote:unattributed"
            after = self.after_re.match(text, m.end())
            if after:
                window = officials[
                    bisect.bisect_left(starts, after.end()) : bisect.bisect_right(starts, after.end() + self.reach)
                ]
                near = [
                    o
                    for o in window
                    if "\n" not in text[m.end() : o[0]]
                    and "." not in text[after.end() : o[0]]
                ]
                if near:
                    speaker, rule = near[0][2], "quote:verb-after-name"
                elif after["verb"].endswith("nya") or text[after.end() : after.end() + 5].startswith((" dia", " ia")):
                    speaker, rule = self._previous(officials, starts, m.start()) or last_speaker, "quote:verb-nya"
            if speaker is None:
                before = self.before_re.search(text[max(0, m.start() - 160) : m.start()])
                if before:
                    lo, hi = bisect.bisect_left(starts, m.start() - 160), bisect.bisect_left(starts, m.start())
                    near = officials[lo:hi]
                    if near:
                        speaker, rule = near[-1][2], "quote:name-verb-before"
            if speaker:
                last_speaker = speaker
            add_span(doc, "quotes", inner_start, inner_end, rule, speaker=speaker, text=inner)
        return doc

    @staticmethod
    def _previous(officials: list[tuple[int, int, str]], starts: list[int], pos: int) -> str | None:
        """The name of the last official (in text order) whose mention ends before ``pos``."""
        for o in reversed(officials[: bisect.bisect_right(starts, pos)]):
            if o[1] <= pos:
                return o[2]
        return None


@Language.factory("berita_quotes", default_config={"reach": 80})
def make_quotes(nlp: Language, name: str, reach: int) -> QuoteFinder:
    """Create the berita_quotes component."""
    return QuoteFinder(reach=reach)
