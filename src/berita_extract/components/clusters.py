"""Clusters: named business clusters and producer groups, with the member count bound to each."""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import gazetteer
from ..lexicon import alternation, rows, word_class
from ._spans import add_span, doc_text, spans
from .numbers import parse_number, parse_number_words, written_number
from .textutil import CAP, finditer_at, trie_alternation

VILLAGE_LEVELS = {"kecamatan", "desa", "kelurahan", "dusun"}
REGION_LEVELS = {"provinsi", "kabupaten", "kota"}
# how a sentence that names no group still states one's membership ("Dengan beranggotakan 30 orang, ...")
MEMBERSHIP = ("beranggota", "terdiri", "anggota", "Anggota", "kelompoknya", "Kelompoknya", "koperasinya",
              "Koperasinya", "paguyubannya", "Paguyubannya")

def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence around pos begins, looked for no further back than 200 characters.

    A run-on "sentence" of thousands of groups would otherwise make every look-back quadratic.
    """
    lo = max(0, pos - 200)
    cut = max(text.rfind(".", lo, pos), text.rfind("\n", lo, pos))
    if cut >= 0 or lo == 0:
        return cut + 1
    space = text.find(" ", lo, pos)  # no sentence end that near: begin at a word
    return space + 1 if space >= 0 else lo


class ClusterFinder:
    """Finds clusters; spans in doc.spans["clusters"] carry name, label, member_count and member_unit."""

    def __init__(self, window: int = 200) -> None:
        self.window = window
        self.generic = word_class("generic_group_name")  # "Klaster UMKM" is the programme, not one group
        self.not_names = word_class("not_group_name") | word_class("institution")
        forms = []
        self.kinds = {}
        for r in rows("group_words.tsv"):
            forms.append(r.word)
            self.kinds[r.word] = r.kind
            variants = [r.word[0].lower() + r.word[1:]] if r.word[0].isupper() and not r.word.isupper() else []
            if " " in r.word and all(w[0].isupper() and not w.isupper() for w in r.word.split()):
                variants.append(r.word.lower())  # "kelompok tani Embun Pagi"
            for v in variants:
                forms.append(v)
                self.kinds[v] = r.kind
        # trie alternations: the same longest-first matches as plain alternations, a step per character (not per form)
        self.group_alt = trie_alternation(forms)
        # every match of group_re, given_re and anaphor_re begins with a group word, in its own case or lowercased:
        # the text is scanned for group words once, and those patterns are matched only where one begins
        self.word_start_re = re.compile(trie_alternation(forms + [f.lower() for f in forms]))
        # "Kelompok" before "Tani (Gapoktan)": the start of a longer group word, whose own name is missing
        self.longer = {f: [g + " " for g in forms if g.startswith(f + " ")] for f in forms}
        # "Tahu dan Tempe" is one name; "Randang Saiyo dan KUB Bundo Kanduang" is two groups
        # (the first word of a group word is enough to tell, and keeps every pattern with a name in it small)
        next_group = rf"(?!(?:{trie_alternation([f.split()[0] for f in forms])})\b)"
        # "KUBE Rahayu 1", "Riuriu Ake 01", but not the count in "Klaster Batik 20 anggota"
        counted = alternation([r.unit for r in rows("member_units.tsv")])
        name = (
            rf"{next_group}{CAP}(?:(?:[ \t]+(?:dan|&)[ \t]+{next_group}|[ \t]+){CAP})*"
            rf"(?:[ \t]+\d{{1,2}}(?![\w.,/:])(?![ \t]+(?i:{counted})\b))?(?:[ \t]+\([A-Z][\w ]*\))?"
        )
        self.name_pattern = name
        self.group_re = re.compile(
            rf"(?<![\w])(?P<word>{self.group_alt})(?:[ \t]+\((?P<abbr>[A-Z]+)\))?[ \t]+(?P<name>{name})"
        )
        self.after_abbr_re = re.compile(rf"[ \t]+(?P<name>{name})")
        # "kelompok penenun bernama “Penenun Pemban Aji”": the name given after a naming verb, quoted or not;
        # 'Kelompok Tani Lebah Madu "Sari Kembang"': a quoted name after the group word and what the group does
        self.given_re = re.compile(
            rf"(?<![\w])(?P<word>{self.group_alt})(?:(?:[ \t]+{CAP}){{0,3}}[ \t]+[\"“](?P<quoted>{name})[\"”]"
            rf"|(?:[ \t]+[a-z]+){{0,2}}[ \t]+(?:yang[ \t]+)?(?:bernama|diberi[ \t]+nama|dengan[ \t]+nama)[ \t]+"
            rf"[\"“'‘]?(?P<named>{name}))"
        )
        # "8 kelompok yakni kelompok nelayan A sebanyak 10 unit, B sebanyak 13 unit, dan C": the later items of a
        # list that a cue opens and a group word starts are groups of the same kind
        self.list_cue_re = re.compile(r"(?:yakni|yaitu|meliputi|antara[ \t]+lain|di[ \t]+antaranya)[ \t]*:?[ \t]*$")
        self.list_item_re = re.compile(
            rf"(?:[ \t]+[a-z0-9][\w.,%/-]*(?<![.,]))*(?:[ \t]*,[ \t]*(?:dan|serta)?|[ \t]+(?:dan|serta))[ \t]+"
            rf"(?P<name>{name})"
        )
        # a village-level place word ends the name: "Kelompok Tani Sabaraes Desa Sintuwu" is Sabaraes, in Sintuwu
        # (a kabupaten or kota may belong to the name: "Paguyuban Tahu Tempe Pekalongan")
        village = [r.trigger for r in rows("place_triggers.tsv") if r.level in VILLAGE_LEVELS and r.names == "place"]
        self.village_words = frozenset(w.rstrip(".") for w in village if w.rstrip(".").isalpha())
        # a village word with other meanings ("Negeri" in Maluku) ends the name only before a village
        # the Kemendagri list knows: "Kelompok Nelayan Waemele Negeri Rohomoni" is Waemele, in Rohomoni
        self.known_village_words = frozenset(
            r.trigger for r in rows("place_triggers.tsv")
            if r.level in VILLAGE_LEVELS and r.names == "office" and r.list == "yes" and r.starts_name == "no"
        )  # (not "Kampung", which also begins villages' own names: "Kelompok Tani Kampung Baru")
        self.known_village_re = re.compile(
            rf"[ \t]+(?P<trigger>{alternation(sorted(self.known_village_words))})[ \t]+"
            rf"(?P<place>{CAP}(?:[ \t]+{CAP}){{0,3}})"
        )
        self.gaz = gazetteer.load()
        triggers = [r.trigger for r in rows("place_triggers.tsv")
                    if r.level in VILLAGE_LEVELS | {"kabupaten", "kota"} and r.names == "place"]
        place_words = alternation(triggers + [t.rstrip(".") for t in triggers])  # "Ds.", also "Ds"
        self.place_after_re = re.compile(
            rf"(?:[ \t]*,)?[ \t]*(?:(?:di|dari|asal|yang[ \t]+(?:berada|ada|terletak)[ \t]+di)[ \t]+)?"
            rf"(?P<trigger>{place_words})[ \t]+(?P<place>{CAP}(?:[ \t]+(?!(?:{place_words})\b){CAP})*)"
        )
        regions = alternation([r.trigger for r in rows("place_triggers.tsv")
                               if r.level in {"kabupaten", "kota"} and r.names == "place"])
        self.place_in_name_re = re.compile(rf"(?<![\w])(?:{regions})[ \t]+(?P<place>{CAP}(?:[ \t]+{CAP})*)$")
        # "program Koperasi Desa Merah Putih", "272 Kopdes Merah Putih": a programme or a kind of group, not one group
        self.plural_before_re = re.compile(
            rf"(?i:\d+(?:[.,]\d+)*|{written_number()}|ke(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)"
            rf"|para|semua|seluruh|beberapa|sejumlah|masing-masing)[ \t]+$"
        )
        # "Ketua Koperasi Siabu Maju Surya Rinaldi": after an office title the holder's name may follow the group's
        self.title_words = frozenset(r.pattern.split()[-1] for r in rows("titles.jsonl"))
        self.programme_before_re = re.compile(
            rf"(?i:program|\d+(?:[.,]\d+)*|{written_number()}|ribuan|ratusan|puluhan)[ \t]+$"
        )
        units = alternation([r.unit for r in rows("member_units.tsv")])
        NUMBER = f"(?i:{written_number()})"  # noqa: N806  (read like the constant it stands for)
        # Verbs that only ever introduce a membership: any noun after the number is the unit
        # ("beranggotakan 64 penderes"). Weaker words ("dengan", "sebanyak") need a known unit.
        strong = (
            r"beranggotakan|beranggota|terdiri[ \t]+(?:dari|atas)|diikuti(?:[ \t]+oleh)?|memayungi|menaungi"
            r"|menampung|menghimpun|mewadahi|membina|melibatkan"
        )
        group_nouns = alternation({f.split()[0].lower() for f in forms})
        open_unit = rf"(?:{units}|(?!(?:{group_nouns})\b)[a-z]+)"
        about = r"(?:lebih[ \t]+dari|sekitar|kurang[ \t]+lebih)[ \t]+"
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
                    rf"(?:{strong})[ \t]+(?:sebanyak[ \t]+|{about})?"
                    rf"(?P<n>{NUMBER})[ \t]+(?P<unit>{open_unit})"
                ),
            ),
            ("count:with", re.compile(rf"(?:memiliki|dengan|sebanyak)[ \t]+(?P<n>{NUMBER})[ \t]+(?P<unit>{units})\b")),
            (
                "count:has-members",  # "memiliki anggota 10 orang", "dengan anggota sebanyak 20 orang"
                re.compile(
                    rf"(?:memiliki|mempunyai|dengan)[ \t]+(?:jumlah[ \t]+)?anggota[ \t]+"
                    rf"(?:sebanyak[ \t]+|berjumlah[ \t]+)?(?:sekitar[ \t]+)?(?P<n>{NUMBER})"
                    rf"(?:[ \t]+(?P<unit>{units}))?\b"
                ),
            ),
            (
                "count:has-unit",  # "mempunyai petani 409 orang"
                re.compile(
                    rf"(?:memiliki|mempunyai)[ \t]+(?P<unit>{units})[ \t]+(?:sebanyak[ \t]+|sekitar[ \t]+)?"
                    rf"(?P<n>{NUMBER})[ \t]+orang\b"
                ),
            ),
            (
                "count:members-number",  # "anggotanya berjumlah tujuh belas orang"
                re.compile(  # (each branch begins with a letter, not a class: the search skips to those letters)
                    r"(?:Anggota(?:nya)?|anggota(?:nya)?|Kelompoknya|kelompoknya|Koperasinya|koperasinya|Paguyubannya"
                    rf"|paguyubannya)[ \t]+"
                    rf"(?:berjumlah|sebanyak|mencapai|kini|ada)[ \t]+(?:sekitar[ \t]+)?(?P<n>{NUMBER})"
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
            rf"|(?P<n2>{NUMBER})[ \t]+(?P<unit2>{open_unit})[ \t]+(?:yang[ \t]+)?tergabung[ \t]+(?:dalam|di))[ \t]+$"
        )
        # "Klaster tersebut beranggotakan 46 perajin", "KUB yang berdiri sejak 2015 itu beranggotakan ...":
        # a group word with no name of its own refers back to the group named before it
        # ("koperasi peternak sapi perah yang beranggotakan ...", "kelompoknya berjumlah ...")
        self.anaphor_re = re.compile(  # matched on the lowercased text: an alternation is slow under IGNORECASE
            rf"(?<![\w])(?:{trie_alternation([f.lower() for f in forms])})"
            rf"(?:nya\b|(?=(?:[ \t]+[a-z]+){{0,3}}[ \t]+(?:tersebut|ini|itu|yang)\b|[ \t]+dengan\b))"
        )
        # counts only a membership states, bound to the one group named before when no group is named in their sentence
        self.strong_rules = ("count:member-verb", "count:members-number")

    def _count(self, text: str, start: int, limit: int):
        """The first member count between start and limit: (value, unit, (start, end), rule) or None."""
        for rule, regex in self.count_res:
            c = regex.search(text, start, limit)
            if c and (value := _value(c["n"])) is not None:
                return value, c["unit"], (c.start("n"), c.end("n")), rule
        return None

    def _sentence_end(self, text: str, pos: int) -> int:
        # a full stop after a number ends the sentence only before a capital ("berdiri 2010. Saat ini ...")
        end = re.search(r"[.!?][\"”’]?(?=\s|$)(?:(?<!\d\.)|(?=\s+[A-Z“\"]))", text[pos : pos + self.window])
        return pos + end.end() if end else min(len(text), pos + self.window)

    def _word_starts(self, text: str) -> tuple[str, list[int]]:
        """The text anaphors are matched on (lowercased, unless that moves offsets) and every place in it where a
        group word begins, overlapping ones too (where one begins in the text, its lowercase form begins in the
        lowercased text)."""
        lower = text.lower()
        subject = lower if len(lower) == len(text) else text
        starts = []
        m = self.word_start_re.search(subject)
        while m:
            starts.append(m.start())
            m = self.word_start_re.search(subject, m.start() + 1)
        return subject, starts

    def _mentions(self, text: str, starts: list[int]) -> list[dict]:
        """Group word + name mentions, with "(KTH)"-style abbreviations resolved and used again where they recur."""
        out = [
            {"start": m.start(), "word": m["word"], "kind": self.kinds[m["word"]],
             "name_start": m.start("name"), "name_end": m.end("name")}
            for m in finditer_at(self.group_re, text, starts)
            if not any((m.group() + " ").startswith(longer) for longer in self.longer[m["word"]])
        ]
        local: dict[str, str] = {}  # abbreviations this text defines for a kind of group: "KTH" -> its kind
        for g in out:
            name = text[g["name_start"] : g["name_end"]]
            paren = re.search(r"[ \t]+\((?P<abbr>[^()]+)\)$", name)
            if not paren or not _abbreviates(paren["abbr"], text[g["start"] : g["name_start"] + paren.start()]):
                continue
            abbr = paren["abbr"]
            after = self.after_abbr_re.match(text, g["name_end"])
            if after or (abbr.isupper() and re.search(rf"(?<![\w(]){re.escape(abbr)}[ \t]+[A-Z]", text)):
                # "Kelompok Tani Hutan (KTH) Klanceng Barokah": the words and their abbreviation name a kind
                if abbr.isupper() and " " not in abbr:
                    local[abbr] = g["kind"]
                g["name_start"], g["name_end"] = (after.start("name"), after.end("name")) if after else (0, 0)
            elif abbr.isupper() and " " not in text[g["name_start"] : g["name_start"] + paren.start()]:
                g["name_end"] = g["name_start"]  # "Kelompok Tani Ternak (KTT)": a word and its abbreviation: a kind
            else:  # "Koperasi Kopi Wanita Gayo (Kokowa Gayo)": the short form of this group's name
                g["name_end"] = g["name_start"] + paren.start()
                g["alias"] = abbr
        if "nama" in text or '"' in text or "“" in text:
            taken = [(g["start"], g["name_end"]) for g in out]
            by_start = {g["start"]: g for g in out}
            for m in finditer_at(self.given_re, text, starts):
                if m["named"] and not any(s <= m.start("named") < e for s, e in taken):
                    out.append({"start": m.start(), "word": m["word"], "kind": self.kinds[m["word"]],
                                "name_start": m.start("named"), "name_end": m.end("named"),
                                "label_start": m.start("named")})
                elif m["quoted"]:
                    g = by_start.get(m.start())
                    if g is None:
                        g = {"start": m.start(), "word": m["word"], "kind": self.kinds[m["word"]]}
                        out.append(g)
                    g.update(name_start=m.start("quoted"), name_end=m.end("quoted"), label_end=m.end(), quoted=True)
        out.sort(key=lambda g: g["start"])
        out.extend(self._list_items(text, out))
        if local:
            taken = [(g["start"], g["name_end"]) for g in out]
            local_re = re.compile(rf"(?<![\w(])(?P<word>{alternation(list(local))})[ \t]+(?P<name>{self.name_pattern})")
            for m in local_re.finditer(text):
                if not any(s <= m.start() < e for s, e in taken):
                    out.append({"start": m.start(), "word": m["word"], "kind": local[m["word"]],
                                "name_start": m.start("name"), "name_end": m.end("name")})
            out.sort(key=lambda g: g["start"])
        out.sort(key=lambda g: g["start"])
        return [g for g in out if g["name_end"] > g["name_start"]]

    @staticmethod
    def _named_before(kept: list[dict], g: dict, untitled: set[str]) -> bool:
        """Whether a group of the same word was named before without a title: "Ketua Koperasi" is then its head."""
        word = g["word"].lower()
        return bool(word) and any(
            k["start"] < g["start"] and k["word"].lower() == word and k["name"] in untitled for k in kept
        )

    def _alias_mentions(self, text: str, kept: list[dict], aliases: dict[str, str]) -> list[dict]:
        """Where the text uses a group's short form alone ("Kokowa Gayo kini mempunyai ..."): mentions of the group."""
        out = []
        for alias, name in aliases.items():
            kind = next(g["kind"] for g in kept if g["name"] == name)
            for m in re.finditer(rf"(?<![\w(]){re.escape(alias)}(?![\w)])", text):
                if not any(g["start"] <= m.start() < g["name_end"] + 2 for g in kept):
                    out.append({"start": m.start(), "word": "", "kind": kind, "name_start": m.start(),
                                "name_end": m.end(), "name": name, "place": None, "place_span": None,
                                "after": m.end()})
        return out

    def _list_items(self, text: str, mentions: list[dict]) -> list[dict]:
        """Names listed after a group that a list cue opens ("yakni kelompok nelayan A, B, dan C"), up to the stop."""
        out = []
        starts = {g["start"] for g in mentions}
        for g in mentions:
            if not self.list_cue_re.search(text, max(0, g["start"] - 40), g["start"]):
                continue
            end = re.compile(r"[.!?][\"”’]?(?=\s|$)(?<!\d\.)|\n").search(text, g["name_end"], g["name_end"] + 1000)
            pos, stop = g["name_end"], end.start() if end else min(len(text), g["name_end"] + 1000)
            while (m := self.list_item_re.match(text, pos, stop)) and m.start("name") not in starts:
                first = m["name"].split()[0]
                if first in self.village_words or first in self.not_names or self.group_re.match(text, m.start("name")):
                    break
                out.append({"start": m.start("name"), "word": "", "kind": g["kind"], "name_start": m.start("name"),
                            "name_end": m.end("name"), "listed": True})
                pos = m.end()
        return out

    def _known_village(self, text: str, pos: int, end: int) -> re.Match | None:
        """The "Negeri X" at ``pos`` when X, all of it up to ``end``, is a desa or kelurahan of the list."""
        m = self.known_village_re.match(text, pos, end)
        if m and m.end() == end and self.gaz.lookup(m["place"], {"desa", "kelurahan"}):
            return m
        return None

    def find(
        self, text: str, regions: frozenset[str] = frozenset(), persons: frozenset[int] = frozenset()
    ) -> list[dict]:
        """Every named group with its member count (None when the text gives none) and the place stated with it.

        ``regions`` are the kabupaten, kota and provinsi names found in the text: a region alone
        ("Koperasi Banjarnegara") is no group's name. ``persons`` are where people's names start.
        """
        lower, starts = self._word_starts(text)
        mentions = self._mentions(text, starts)
        headlines = _headline_lines(text)
        programmes: set[str] = set()
        aliases: dict[str, str] = {}
        kept = []
        for g in mentions:
            words = text[g["name_start"] : g["name_end"]].split(" ")
            # the name ends before a village-level place word: "Kelompok Tani Sabaraes Desa Sintuwu"
            at = g["name_start"]
            known_place = None
            for i, w in enumerate(words):
                if i and w in self.village_words:
                    g["name_end"] = at - 1
                    break
                if i and w in self.known_village_words:
                    known_place = self._known_village(text, at - 1, g["name_end"])
                    if known_place:
                        g["name_end"] = at - 1
                        break
                at += len(w) + 1
            name = text[g["name_start"] : g["name_end"]].strip()
            if not name or name in regions:
                continue
            first = name.split()[0]
            if first in self.generic and len(name.split()) == 1 or first in self.not_names:
                continue
            if g["kind"] == "kelompok" and name.isupper() and " " not in name:
                continue  # "kelompok TJPS": an abbreviation after the bare word names a programme
            g["name"] = name
            counted = self.programme_before_re.search(text, max(0, g["start"] - 30), g["start"])
            if counted and counted.group().split()[0].lower() not in {"satu", "1"}:  # "salah satu": one of them
                programmes.add(name)
            if "alias" in g:
                aliases[g["alias"]] = name
            place = known_place or self.place_after_re.match(text, g["name_end"])
            if place is None:  # "Koperasi Tahu dan Tempe Kota Bogor": a kota or kabupaten the name ends with
                place = self.place_in_name_re.search(text, g["name_start"], g["name_end"])
            g["place"], g["place_span"] = (place["place"], place.span("place")) if place else (None, None)
            g["after"] = place.end() if place else g["name_end"]
            kept.append(g)
        kept.extend(self._alias_mentions(text, kept, aliases))
        kept.sort(key=lambda g: g["start"])
        for g in kept:
            g["name"] = aliases.get(g["name"], g["name"])
        # in a headline or caption ("KWT Kembangkan Potensi Desa") a name counts as far as the body confirms it;
        # after an office title ("Ketua Koperasi Ridwan Husein"), as far as a mention without one confirms it,
        # and not at all when it is a person's name and the text names other groups
        in_body = [not any(s <= g["start"] < e for s, e in headlines) for g in kept]
        titled = [_word_before(text, g["start"]) in self.title_words for g in kept]
        untitled = {g["name"] for g, t, b in zip(kept, titled, in_body, strict=True) if b and not t}
        body = untitled or {g["name"] for g, b in zip(kept, in_body, strict=True) if b}
        found = []
        for g, title in zip(kept, titled, strict=True):
            if title and g["name"] not in untitled:
                shorter = [n for n in untitled if g["name"].startswith(n + " ")]
                if shorter:
                    g["name"] = max(shorter, key=len)
                    g["name_end"] = g["name_start"] + len(g["name"])
                elif untitled and (g["name_start"] in persons or self._named_before(kept, g, untitled)):
                    continue
            if any(s <= g["start"] < e for s, e in headlines):
                confirmed = [b for b in body if g["name"] == b or g["name"].startswith(b + " ")]
                if not confirmed:
                    continue
                g["name"] = max(confirmed, key=len)
                g["name_end"] = g["name_start"] + len(g["name"])
            if g["name"] in programmes or (g["kind"] == "koperasi desa" and not g["place"]):
                continue  # a village cooperative is known by its village; without one the text means the programme
            found.append(g)
        out: list[dict] = []
        for i, g in enumerate(found):
            limit = min(
                found[i + 1]["start"] if i + 1 < len(found) else len(text), self._sentence_end(text, g["name_end"])
            )
            direct = self.count_after_name_re.match(text, g["after"])
            hit = None
            if direct:
                key = "n" if direct["n"] else "n2"
                value = _value(direct[key])
                if value is not None:
                    hit = value, direct["unit"] or direct["unit2"], direct.span(key), "count:after-name"
            if hit is None:
                hit = self._count(text, g["name_end"], limit)
            if hit is None:
                sentence_start = _sentence_start(text, g["start"])
                before = self.count_before_re.search(text[sentence_start : g["start"]])
                n_group = "n" if before and before["n"] else "n2"
                if before and (value := _value(before[n_group])) is not None:
                    at = sentence_start + before.start(n_group)
                    unit = before["unit"] or before["unit2"]
                    hit = value, unit, (at, sentence_start + before.end(n_group)), "count:before"
            count, unit, count_span, rule = hit if hit else (None, None, None, None)
            out.append(
                {
                    "start": g["start"],
                    "end": g["name_end"],
                    "name": g["name"],
                    "label": text[g.get("label_start", g["start"]) : g.get("label_end", g["name_end"])],
                    "kind": g["kind"],
                    "member_count": count,
                    "member_unit": unit,
                    "count_span": count_span,
                    "count_rule": rule,
                    "place": g["place"],
                    "place_span": g["place_span"],
                    "rule": "group:" + g["kind"].replace(" ", "-"),
                }
            )
        self._bind_anaphors(text, out, lower, starts)
        return out

    def _bind_anaphors(self, text: str, groups: list[dict], lower: str, word_starts: list[int]) -> None:
        """Counts stated of "the group" ("Klaster tersebut beranggotakan 46 perajin") go to the group named last.

        A membership stated in a sentence that names no group ("Dengan beranggotakan 30 orang, kami ...") goes to
        the group named before it when the text has named only that one so far. ``lower`` and ``word_starts``
        are what _word_starts gives for the text.
        """
        # groups in text order (they do not overlap): bisection finds the one around, before or after a position,
        # so a text of thousands of groups and anaphors stays linear
        order = sorted(groups, key=lambda g: g["start"])
        starts, ends = [g["start"] for g in order], [g["end"] for g in order]
        by_name: dict[str, list[dict]] = {}
        distinct = [0]  # distinct[k]: how many different names the first k groups have
        for g in order:
            by_name.setdefault(g["name"], []).append(g)
            distinct.append(len(by_name))

        def bind(target: dict, found: tuple, rule: str) -> None:
            for g in by_name[target["name"]]:  # every mention of that group shares the count
                g["member_count"], g["member_unit"], g["count_span"] = found[0], found[1], found[2]
                g["count_rule"] = rule

        for a in finditer_at(self.anaphor_re, lower, word_starts):
            i = bisect.bisect_right(starts, a.start())
            if i and order[i - 1]["end"] > a.start():
                continue
            if self.plural_before_re.search(text, max(0, a.start() - 30), a.start()):
                continue  # "Ketiga sentra ini melibatkan 1.300 perajin", "dua KUB yang aktif": all of them together
            nxt = bisect.bisect_left(starts, a.end())
            limit = min(self._sentence_end(text, a.end()), starts[nxt] if nxt < len(starts) else len(text))
            found = self._count(text, a.start(), limit)
            if found is None:
                continue
            k = bisect.bisect_right(ends, a.start())
            target = order[k - 1] if k else None
            if target is None or target["member_count"] is not None:
                continue
            bind(target, found, "count:anaphor")
        if not groups:
            return
        for rule, regex in self.count_res:
            if rule not in self.strong_rules:
                continue
            for c in regex.finditer(text, order[0]["end"]):
                if not c.group().startswith(MEMBERSHIP) or (value := _value(c["n"])) is None:
                    continue  # "diikuti oleh sepuluh perajin": who took part, not who belongs
                start = _sentence_start(text, c.start())
                i = bisect.bisect_left(starts, start)
                if i < len(starts) and starts[i] < c.start():
                    continue
                k = bisect.bisect_right(ends, c.start())
                if k and distinct[k] == 1 and order[k - 1]["member_count"] is None:
                    bind(order[k - 1], (value, c["unit"], (c.start("n"), c.end("n"))), "count:orphan")

    def __call__(self, doc: Doc) -> Doc:
        regions = frozenset(p["name"] for p in spans(doc, "places") if p["level"] in REGION_LEVELS)
        persons = frozenset(o["name_start"] for o in spans(doc, "officials") if o.get("name_start") is not None)
        for c in self.find(doc_text(doc), regions, persons):
            add_span(doc, "clusters", c.pop("start"), c.pop("end"), c.pop("rule"), span_label=c["kind"], **c)
        return doc


def _word_before(text: str, pos: int) -> str:
    """The word right before ``pos`` (across spaces), '' at the start of a line."""
    before = text[max(0, pos - 60) : pos].rstrip(" \t")
    return before[max(before.rfind(" "), before.rfind("\t"), before.rfind("\n")) + 1 :]


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines written as a headline or caption: no closing full stop, most words capitalised."""
    out = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and stripped[-1] not in ".!?:\"”'’," and len(stripped) < 250:  # (paragraphs are not split)
            words = stripped.split()
            if len(words) >= 3 and sum(w[0].isupper() or w[0].isdigit() for w in words) >= 0.6 * len(words):
                out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _abbreviates(short: str, words: str) -> bool:
    """Whether ``short`` abbreviates ``words`` from their first letters or syllables ("KTH", "Kokowa Gayo")."""
    letters = re.sub(r"[^a-z0-9]", "", short.lower())
    parts = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", words)]
    if not letters or len(parts) < 2 or len(parts) > 12:
        return False

    def match(i: int, j: int, used: int) -> bool:
        if i == len(letters):
            return used >= 2
        if j == len(parts) or len(parts) - j > 2 * (len(letters) - i) + 6:
            return False
        word = parts[j]
        for k in range(min(len(word), len(letters) - i), 0, -1):
            if word[:k] == letters[i : i + k] and match(i + k, j + 1, used + 1):
                return True
        return j > 0 and match(i, j + 1, used)  # a word left out ("Koperasi Produsen Siabu ... (KSMB)")

    return match(0, 0, 0)


def _value(text: str) -> int | None:
    """An int from digits or Indonesian number words ("15", "lima belas")."""
    value = parse_number_words(text) if text[0].isalpha() else parse_number(text)
    return int(value) if value is not None and float(value).is_integer() else None


@Language.factory("berita_clusters", default_config={"window": 200})
def make_clusters(nlp: Language, name: str, window: int) -> ClusterFinder:
    """Create the berita_clusters component."""
    return ClusterFinder(window=window)
