"""Clusters: named business clusters and producer groups, with the member count bound to each."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import alternation, rows
from ._spans import add_span
from .numbers import parse_number, parse_number_words
from .textutil import CAP

# Names that are a programme, not a group: "Klaster UMKM" is what the event forms, not one cluster.
GENERIC = {"UMKM", "UKM", "IKM", "Unggulan", "Usaha", "Industri"}
NUMBER = r"(?:\d[\d.,]*|(?:se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)(?:[ \t]+(?:belas|puluh|ratus|ribu))?(?:[ \t]+(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?)"


class ClusterFinder:
    """Finds clusters; spans in doc.spans["clusters"] carry name, label, member_count and member_unit."""

    def __init__(self, window: int = 200) -> None:
        self.window = window
        forms = []
        self.kinds = {}
        for r in rows("group_words.tsv"):
            forms.append(r.word)
            self.kinds[r.word] = r.kind
            if r.word[0].isupper() and not r.word.isupper():
                lower = r.word[0].lower() + r.word[1:]
                forms.append(lower)
                self.kinds[lower] = r.kind
        name = rf"{CAP}(?:(?:[ \t]+(?:dan|&)[ \t]+|[ \t]+){CAP})*(?:[ \t]+\([A-Z][\w ]*\))?"
        self.group_re = re.compile(
            rf"(?<![\w])(?P<word>{alternation(forms)})(?:[ \t]+\((?P<abbr>[A-Z]+)\))?[ \t]+(?P<name>{name})"
        )
        units = alternation([r.unit for r in rows("member_units.tsv")])
        self.count_res = [
            ("count:jumlah", re.compile(
                rf"(?:dengan[ \t]+)?jumlah[ \t]+(?P<unit>{units})[ \t]+(?:sebanyak[ \t]+|mencapai[ \t]+|ada[ \t]+)?"
                rf"(?P<n>{NUMBER})(?:[ \t]+(?:{units}))?")),
            ("count:beranggotakan", re.compile(
                rf"(?:beranggotakan|beranggota|terdiri[ \t]+(?:dari|atas)|diikuti(?:[ \t]+oleh)?|memiliki|memayungi|"
                rf"menaungi|membina|melibatkan|dengan|sebanyak)[ \t]+(?:sebanyak[ \t]+)?(?P<n>{NUMBER})[ \t]+(?P<unit>{units})")),
        ]

    def find(self, text: str) -> list[dict]:
        """Every named group with its member count (None when the text gives none)."""
        matches = [m for m in self.group_re.finditer(text)]
        out = []
        for i, m in enumerate(matches):
            name = m["name"].strip()
            first = name.split()[0]
            if first in GENERIC and len(name.split()) == 1:
                continue
            limit = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            sentence_end = re.search(r"[.!?][\"”’]?(?=\s|$)(?<!\d\.)", text[m.end() : m.end() + self.window])
            if sentence_end:
                limit = min(limit, m.end() + sentence_end.end())
            count, unit, count_span = None, None, None
            for rule, regex in self.count_res:
                c = regex.search(text, m.end(), limit)
                if c:
                    value = _value(c["n"])
                    if value is not None:
                        count, unit, count_span = value, c["unit"], (c.start("n"), c.end("n"))
                        break
            out.append({"start": m.start(), "end": m.end("name"), "name": name, "label": text[m.start() : m.end("name")],
                        "kind": self.kinds[m["word"]], "member_count": count, "member_unit": unit,
                        "count_span": count_span, "rule": "group:" + self.kinds[m["word"]].replace(" ", "-")})
        return out

    def __call__(self, doc: Doc) -> Doc:
        for c in self.find(doc.text):
            add_span(doc, "clusters", c.pop("start"), c.pop("end"), c.pop("rule"), span_label=c["kind"], **c)
        return doc


def _value(text: str) -> int | None:
    """An int from digits or Indonesian number words ("15", "lima belas")."""
    value = parse_number_words(text) if text[0].isalpha() else parse_number(text)
    return int(value) if value is not None and float(value).is_integer() else None


@Language.factory("berita_clusters", default_config={"window": 200})
def make_clusters(nlp: Language, name: str, window: int) -> ClusterFinder:
    """Create the berita_clusters component."""
    return ClusterFinder(window=window)
