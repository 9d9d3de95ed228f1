"""Partners: organisations that the article says cooperate in, support or take part in the activity."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import gazetteer
from ..lexicon import rows, word_class, word_set
from ._spans import add_span, doc_text
from .numbers import written_number
from .textutil import CAP

# Cues that also introduce people or places: what follows must look like an organisation.
# Verbs of cooperation written after their subjects ("Posco dan Nippon Steel diminta berkolaborasi").
SUBJECT_VERBS = r"(?:berkolaborasi|bekerja[ \t]?sama|bersinergi|bermitra)"


class PartnerFinder:
    """Finds partners; spans in doc.spans["partners"] carry name, kind and the stated count if any."""

    def __init__(self) -> None:
        self.gaz = gazetteer.load()
        # "bekerja sama dengan", also with a word or two between ("kerja sama koperasi dengan",
        # "nota kesepahaman (MoU) dengan")
        forms = []
        for r in rows("partner_cues.tsv"):
            if r.cue.endswith(" dengan"):
                head = re.escape(r.cue[: -len(" dengan")])
                forms.append(rf"{head}(?:[ \t]+(?:[a-z]+|\([A-Za-z]+\))){{0,2}}[ \t]+dengan")
            else:
                forms.append(re.escape(r.cue))
        cues = "|".join(sorted(forms, key=len, reverse=True))
        # bounded repetitions keep the regexes linear on long runs of capitalised words
        item = (
            rf"(?:(?:marketplace|platform|aplikasi)[ \t]+)?(?:{CAP}|\((?:Persero|[A-Z]+)\))"
            rf"(?:[ \t]+(?:{CAP}|\((?:Persero|[A-Z][A-Za-z]+)\)|Tbk\.?|&)){{0,6}}"
        )
        sep = r"(?:[ \t]*,[ \t]*(?:dan|serta)?[ \t]*|[ \t]+(?:dan|serta)[ \t]+)"
        count = (
            rf"(?P<count>{written_number()}|sejumlah|beberapa)[ \t]+"
            rf"(?P<noun>[a-z]+(?:[ \t]+[a-z]+){{0,3}}?)[ \t]*(?:,[ \t]*)?"
            r"(?::|yakni|yaitu|antara lain|meliputi|di antaranya)?[ \t]*"
        )
        self.cue_re = re.compile(
            rf"(?<![\w])(?P<cue>{cues})[ \t]+(?:{count})?(?:pihak[ \t]+)?(?P<list>{item}(?:{sep}{item}){{0,15}})"
        )
        # a verb of cooperation after its subjects: found by the (rare) verb, then the list before it
        self.verb_re = re.compile(rf"(?<![\w]){SUBJECT_VERBS}(?![ \t]+dengan)")
        self.subject_re = re.compile(
            rf"(?<![\w])(?P<list>{item}(?:{sep}{item}){{1,15}})[ \t]+"
            rf"(?:(?:diminta|akan|telah|sudah|juga|siap|turut)[ \t]+)*$"
        )
        self.item_re = re.compile(item)
        self.more_re = re.compile(rf"[^.,;:\n“”\"]{{0,60}}?,?[ \t]+(?:dan|serta)[ \t]+(?P<list>{item})")
        self.legal = sorted((r.form for r in rows("legal_forms.tsv")), key=len, reverse=True)
        self.stop = word_set("name_stopwords.tsv")
        self.org_words = word_set("org_words.tsv")
        self.institutions = word_class("institution")
        self.body_starts = self.institutions | word_class("body_start")
        self.currencies = word_class("currency")
        self.governments = word_class("government")
        self.loose_cues = frozenset(r.cue for r in rows("partner_cues.tsv") if r.loose == "yes")
        self.kinds = {r.prefix: r.kind for r in rows("partner_kinds.tsv")}

    def clean(self, name: str) -> str:
        """An organisation's name without legal forms, platform words and its abbreviation in brackets.

        "PT X (Persero) Tbk" -> "X"; "Universitas Brawijaya (UB)" -> "Universitas Brawijaya".
        """
        words = name.split()
        words = [w for w in words if w not in self.legal and w.rstrip(".") not in self.legal]
        while len(words) > 1 and re.fullmatch(r"\([^()]+\)", words[-1]):
            words.pop()
        return " ".join(words).strip(" ,")

    def find(self, text: str) -> list[dict]:
        """Every partner named after a cooperation cue, or before a verb of cooperation."""
        out = []
        for m in self.cue_re.finditer(text):
            if m["cue"] in self.loose_cues and not self._looks_like_body(m["list"]):
                continue
            stated = (m["count"], m["noun"]) if m["count"] else None
            rule = "partner:" + _slug(m["cue"])
            out.extend(
                self._items(
                    text,
                    m.start("list"),
                    m.end("list"),
                    rule,
                    stated,
                    (m.start("count"), m.end("noun")) if stated else None,
                )
            )
            # the list goes on after a short clause: "dengan PT X selaku eksportir dan Badan Y"
            pos = m.end("list")
            while (more := self.more_re.match(text, pos)) and self._looks_like_body(more["list"]):
                out.extend(self._items(text, more.start("list"), more.end("list"), rule + "+more", None, None))
                pos = more.end("list")
        for v in self.verb_re.finditer(text):
            start = max(text.rfind(".", 0, v.start()), text.rfind("\n", 0, v.start()), v.start() - 300) + 1
            m = self.subject_re.search(text, start, v.start())
            if m:
                out.extend(self._items(text, m.start("list"), m.end("list"), "partner:subject-of-verb", None, None))
        return out

    def kind(self, raw: str) -> str | None:
        """The kind of organisation by the longest known prefix of its name as written (PT skipped first)."""
        words = raw.split()
        for start in (1, 0) if len(words) > 1 and words[0] in {"PT", "Marketplace"} else (0,):
            for n in range(min(3, len(words) - start), 0, -1):
                kind = self.kinds.get(" ".join(words[start : start + n]))
                if kind:
                    return kind
        return self.kinds.get(words[0]) if words else None

    def _looks_like_body(self, phrase: str) -> bool:
        """After a loose cue ("bersama", "bantuan"): only a body's name, not a person's, is a partner."""
        first = phrase.split()[0]
        return first in self.body_starts

    def _items(self, text, start, end, rule, stated, stated_span) -> list[dict]:
        items = []
        found = [(it.start(), it.end()) for it in self.item_re.finditer(text, start, end)]
        joined: list[tuple[int, int]] = []
        for s, e in found:
            # "Badan Pengkajian dan Penerapan Teknologi": "dan" inside one institution's name
            if (
                joined
                and text[joined[-1][0] : joined[-1][1]].split()[0] in self.institutions
                and text[s:e].split()[0] not in self.body_starts | self.currencies
                and re.fullmatch(r"[ \t]+dan[ \t]+", text[joined[-1][1] : s])
            ):
                joined[-1] = (joined[-1][0], e)
            else:
                joined.append((s, e))
        for s, e in joined:
            raw = re.sub(r"^(?:marketplace|platform|aplikasi)[ \t]+", "", text[s:e])
            if raw in {"dan", "serta"}:
                continue
            name = self.clean(raw)
            if not name or name.split()[0] in self.stop or self.gaz.lookup(name, {"provinsi", "kabupaten", "kota"}):
                continue
            if name.split()[0] in self.currencies or name in self.loose_cues:
                continue
            if name.split()[0] in self.governments:
                continue  # a regional government organises; it is not its own partner
            kind = self.kind(raw)
            items.append(
                {
                    "start": s,
                    "end": e,
                    "name": name,
                    "kind": kind,
                    "rule": rule,
                    "stated": list(stated) if stated else None,
                    "stated_span": stated_span,
                }
            )
        return items

    def __call__(self, doc: Doc) -> Doc:
        for p in self.find(doc_text(doc)):
            add_span(doc, "partners", p.pop("start"), p.pop("end"), p.pop("rule"), **p)
        return doc


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.lower()).strip("-")


@Language.factory("berita_partners")
def make_partners(nlp: Language, name: str) -> PartnerFinder:
    """Create the berita_partners component."""
    return PartnerFinder()
