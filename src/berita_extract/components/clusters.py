"""Clusters: named business clusters and producer groups, with the member count bound to each."""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import alternation, rows, word_class
from ._spans import add_span, doc_text
from .numbers import parse_number, parse_number_words, written_number
from .textutil import CAP

# Names that are a programme, not a group: "Klaster UMKM" is what the event forms, not one cluster.

class ClusterFinder:
    """Finds clusters; spans in doc.spans["clusters"] carry name, label, member_count and member_unit."""

    def __init__(self, window: int = 200) -> None:
        self.window = window
        self.generic = word_class("generic_group_name")  # "Klaster UMKM" is the programme, not one group
        self.not_names = word_class("not_group_name")
        forms = []
        self.kinds = {}
        for r in rows("group_words.tsv"):
            forms.append(r.word)
            self.kinds[r.word] = r.kind
            if r.word[0].isupper() and not r.word.isupper():
                lower = r.word[0].lower() + r.word[1:]
                forms.append(lower)
                self.kinds[lower] = r.kind
        # "Tahu dan Tempe" is one name; "Randang Saiyo dan KUB Bundo Kanduang" is two groups
        next_group = rf"(?!(?:{alternation(forms)})\b)"
        name = rf"{CAP}(?:(?:[ \t]+(?:dan|&)[ \t]+{next_group}|[ \t]+){CAP})*(?:[ \t]+\([A-Z][\w ]*\))?"
        self.group_re = re.compile(
            rf"(?<![\w])(?P<word>{alternation(forms)})(?:[ \t]+\((?P<abbr>[A-Z]+)\))?[ \t]+(?P<name>{name})"
        )
        units = alternation([r.unit for r in rows("member_units.tsv")])
        NUMBER = f"(?i:{written_number()})"  # noqa: N806  (read like the constant it stands for)
        # Verbs that only ever introduce a membership: any noun after the number is the unit
        # ("beranggotakan 64 penderes"). Weaker words ("dengan", "sebanyak") need a known unit.
        strong = (
            r"beranggotakan|beranggota|terdiri[ \t]+(?:dari|atas)|diikuti(?:[ \t]+oleh)?|memayungi|menaungi"
            r"|menampung|menghimpun|mewadahi|membina|melibatkan"
        )
        open_unit = rf"(?:{units}|[a-z]+)"
        self.count_res = [
            (
                "count:jumlah",
                re.compile(
                    rf"(?:dengan[ \t]+)?jumlah[ \t]+(?P<unit>{units})[ \t]+(?:sebanyak[ \t]+|mencapai[ \t]+|ada[ \t]+)?"
                    rf"(?P<n>{NUMBER})(?:[ \t]+(?:{units}))?"
                ),
            ),
            (
                "count:member-verb",
                re.compile(
                    rf"(?:{strong})[ \t]+(?:sebanyak[ \t]+|lebih[ \t]+dari[ \t]+)?"
                    rf"(?P<n>{NUMBER})[ \t]+(?P<unit>{open_unit})"
                ),
            ),
            ("count:with", re.compile(rf"(?:memiliki|dengan|sebanyak)[ \t]+(?P<n>{NUMBER})[ \t]+(?P<unit>{units})\b")),
            (
                "count:members-number",  # "anggotanya berjumlah tujuh belas orang"
                re.compile(
                    rf"anggota(?:nya)?[ \t]+(?:berjumlah|sebanyak|mencapai|kini|ada)[ \t]+(?P<n>{NUMBER})"
                    rf"(?:[ \t]+(?P<unit>{units}))?"
                ),
            ),
        ]
        # right after the name: "Kelompok Tani Tunas Harapan (31 orang)", "KUB Giri Mulyo 21 anggota"
        self.count_after_name_re = re.compile(
            rf"[ \t]*(?:\([ \t]*(?P<n>{NUMBER})[ \t]+(?P<unit>{open_unit})[ \t]*\)"
            rf"|,?[ \t]*(?P<n2>{NUMBER})[ \t]+(?P<unit2>{units})\b)"
        )
        # "Sebanyak 40 perajin dari Sentra Perak Celuk": the count before the group
        self.count_before_re = re.compile(
            rf"(?:(?:[Ss]ebanyak|[Aa]da)[ \t]+(?P<n>{NUMBER})[ \t]+(?P<unit>{open_unit})[ \t]+(?:dari|anggota)"
            rf"|(?P<n2>{NUMBER})[ \t]+(?P<unit2>{open_unit})[ \t]+yang[ \t]+tergabung[ \t]+(?:dalam|di))[ \t]+$"
        )
        # "Klaster tersebut beranggotakan 46 perajin", "KUB yang berdiri sejak 2015 itu beranggotakan ...":
        # a group word with no name of its own refers back to the group named before it
        self.anaphor_re = re.compile(
            rf"(?<![\w])(?:{alternation([*forms, 'Kelompok'])})(?=(?:[ \t]+[a-z]+)?[ \t]+(?:tersebut|ini|itu|yang)\b)",
            re.IGNORECASE,
        )

    def _count(self, text: str, start: int, limit: int):
        """The first member count between start and limit: (value, unit, (start, end), rule) or None."""
        for rule, regex in self.count_res:
            c = regex.search(text, start, limit)
            if c and (value := _value(c["n"])) is not None:
                return value, c["unit"], (c.start("n"), c.end("n")), rule
        return None

    def _sentence_end(self, text: str, pos: int) -> int:
        end = re.search(r"[.!?][\"”’]?(?=\s|$)(?<!\d\.)", text[pos : pos + self.window])
        return pos + end.end() if end else min(len(text), pos + self.window)

    def find(self, text: str) -> list[dict]:
        """Every named group with its member count (None when the text gives none)."""
        matches = [m for m in self.group_re.finditer(text)]
        out: list[dict] = []
        for i, m in enumerate(matches):
            name = m["name"].strip()
            first = name.split()[0]
            if first in self.generic and len(name.split()) == 1 or first in self.not_names:
                continue
            limit = min(
                matches[i + 1].start() if i + 1 < len(matches) else len(text), self._sentence_end(text, m.end())
            )
            direct = self.count_after_name_re.match(text, m.end("name"))
            found = None
            if direct:
                g = "n" if direct["n"] else "n2"
                value = _value(direct[g])
                if value is not None:
                    found = value, direct["unit"] or direct["unit2"], direct.span(g), "count:after-name"
            if found is None:
                found = self._count(text, m.end(), limit)
            if found is None:
                # the sentence start, looked for no further back than 200 characters (a run-on "sentence" of
                # thousands of groups would make this quadratic); the count is written just before the group
                lo = text.find(" ", m.start() - 200, m.start()) + 1 if m.start() > 200 else 0
                sentence_start = max(text.rfind(".", lo, m.start()), text.rfind("\n", lo, m.start()), lo - 1) + 1
                before = self.count_before_re.search(text[sentence_start : m.start()])
                n_group = "n" if before and before["n"] else "n2"
                if before and (value := _value(before[n_group])) is not None:
                    at = sentence_start + before.start(n_group)
                    unit = before["unit"] or before["unit2"]
                    found = value, unit, (at, sentence_start + before.end(n_group)), "count:before"
            count, unit, count_span, rule = found if found else (None, None, None, None)
            out.append(
                {
                    "start": m.start(),
                    "end": m.end("name"),
                    "name": name,
                    "label": text[m.start() : m.end("name")],
                    "kind": self.kinds[m["word"]],
                    "member_count": count,
                    "member_unit": unit,
                    "count_span": count_span,
                    "count_rule": rule,
                    "rule": "group:" + self.kinds[m["word"]].replace(" ", "-"),
                }
            )
        self._bind_anaphors(text, out)
        return out

    def _bind_anaphors(self, text: str, groups: list[dict]) -> None:
        """Counts stated of "the group" ("Klaster tersebut beranggotakan 46 perajin") go to the group named last."""
        # groups come in text order and do not overlap: bisection finds the one around or before a position
        starts, ends = [g["start"] for g in groups], [g["end"] for g in groups]
        by_name: dict[str, list[dict]] = {}
        for g in groups:
            by_name.setdefault(g["name"], []).append(g)
        for a in self.anaphor_re.finditer(text):
            i = bisect.bisect_right(starts, a.start())
            if i and groups[i - 1]["end"] > a.start():
                continue
            found = self._count(text, a.end(), self._sentence_end(text, a.end()))
            if found is None:
                continue
            k = bisect.bisect_right(ends, a.start())
            target = groups[k - 1] if k else None
            if target is None or target["member_count"] is not None:
                continue
            for g in by_name[target["name"]]:  # every mention of that group shares the count
                if g["name"] == target["name"]:
                    g["member_count"], g["member_unit"], g["count_span"] = found[0], found[1], found[2]
                    g["count_rule"] = "count:anaphor"

    def __call__(self, doc: Doc) -> Doc:
        for c in self.find(doc_text(doc)):
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
