"""Places: administrative areas from trigger words, lists, addresses, datelines and the gazetteer; venues."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .. import gazetteer
from ..lexicon import alternation, rows, word_set
from ._spans import add_span, doc_text
from .textutil import CAP_SEQ, LIST_SEP, title_case, words

ADMIN = frozenset({"provinsi", "kabupaten", "kota"})
# Which gazetteer levels a trigger's level accepts: desa and kelurahan are often confused in news.
ACCEPTS = {
    "provinsi": {"provinsi"},
    "kabupaten": {"kabupaten"},
    "kota": {"kota"},
    "kecamatan": {"kecamatan"},
    "desa": {"desa", "kelurahan"},
    "kelurahan": {"kelurahan", "desa"},
    "dusun": set(),
    "auto": set(ADMIN),
}
@dataclass
class Found:
    """One place mention before overlaps are resolved."""

    start: int
    end: int
    name: str
    level: str
    rule: str
    codes: tuple[str, ...] = ()
    priority: int = 0
    source: str | None = None
    source_span: tuple[int, int] | None = None  # the outlet beside a dateline: no place is read in it


class PlaceFinder:
    """Finds places; each span in doc.spans["places"] carries name, level and candidate codes."""

    def __init__(self, max_name_words: int = 4) -> None:
        self.gaz = gazetteer.load()
        self.max_name_words = max_name_words
        self.triggers = {r.trigger: r for r in rows("place_triggers.tsv")}
        # level words that name a place by themselves ("Desa X"), unlike offices ("Camat X")
        self.level_words = {t for t, r in self.triggers.items() if r.names == "place"}
        forms = []
        for t in self.triggers:
            forms.append(t)
            if t in self.level_words and t[0].isupper() and not t.endswith("."):
                forms.append(t.lower())
        self.trigger_re = re.compile(
            rf"(?<![\w.])(?P<trig>{alternation(forms)})[ \t]+(?:\((?P<abbr>[A-Za-z]+)\)[ \t]+)?(?P<name>{CAP_SEQ})"
        )
        self.venue_re = re.compile(
            rf"(?<![\w])(?P<trig>{alternation([r.trigger for r in rows('venues.tsv')])})"
            rf"(?P<name>(?:[ \t]+(?:Al[ \t]*-[ \t]*[A-Z]\w+|{CAP_SEQ}|\d+))+)"
        )
        self.list_re = re.compile(rf"{LIST_SEP}(?P<name>{CAP_SEQ})")
        self.address_re = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+di[ \t]+)(?P<name>{CAP_SEQ})")
        self.seq_re = re.compile(CAP_SEQ)
        self.blockers = word_set("place_blockers.tsv")
        self.stop = word_set("name_stopwords.tsv") | word_set("org_words.tsv")
        self.org_words = word_set("org_words.tsv") - {"Kabupaten", "Kota", "Provinsi", "Desa", "Pemerintah"}
        self.outlets = word_set("outlet_words.tsv")
        self.venue_blockers = word_set("org_words.tsv") | {"Kepala", "Ketua", "Direktur"}
        self.venue_stop = word_set("name_stopwords.tsv") - set(self.triggers)
        self.trigger_words = {t.split()[0] for t in self.triggers} | {t.split()[0].lower() for t in self.triggers}
        self.dateline_re = re.compile(
            r"(?:(?P<src1>[A-Za-z][\w.]*\.(?:COM|com|CO\.ID|co\.id|id|ID|net|NET)),[ \t]+)?"
            r"(?P<place>[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?)"
            r"(?:,[ \t]*(?P<src2>[A-Z][^\n–—(]{1,30}?))?[ \t]*(?:\((?P<src3>[^)\n]{2,30})\))?[ \t]*(?:--|–|—|-)[ \t]"
        )

    # -- the parts -------------------------------------------------------------------------------

    def _resolve(self, name_words: list[tuple[int, int, str]], levels: set[str], at: int = 0) -> tuple[int, list[str]]:
        """Longest run of the words from ``at`` that the gazetteer knows at these levels: (word count, codes)."""
        if at >= len(name_words):
            return 0, []
        longest = self.gaz.longest_from(name_words[at][2])
        for n in range(min(len(name_words) - at, longest), 0, -1):
            text = " ".join(w for _, _, w in name_words[at : at + n])
            codes = self.gaz.lookup(text, levels)
            if codes:
                return n, codes
        return 0, []

    def _plain_name(self, name_words: list[tuple[int, int, str]]) -> int:
        """How many words of an unknown name to keep: up to the first word that cannot be a name."""
        n = 0
        for _, _, w in name_words[: self.max_name_words]:
            if w in self.stop or w in self.trigger_words:
                break
            n += 1
        return n

    def _triggered(self, text: str) -> list[Found]:
        found: list[Found] = []
        for m in self.trigger_re.finditer(text):
            trig = self.triggers.get(m["trig"]) or self.triggers[m["trig"].capitalize()]
            if m["trig"][0].islower() and m.start() > 0 and text[m.start() - 1] not in " \t\n(":
                continue
            if _word_before(text, m.start()) in self.blockers:
                continue
            level = trig.level
            base = m.start("name")
            ws = [(base + s, base + e, w) for s, e, w in words(m["name"])]
            n, codes = self._resolve(ws, ACCEPTS[level])
            if not n:
                if level in ADMIN or level == "auto" or trig.trigger not in self.level_words:
                    continue
                n = self._plain_name(ws)
                if not n:
                    continue
            if level == "auto":
                levels = {self.gaz.levels[c] for c in codes}
                level = "provinsi" if "provinsi" in levels else ("kota" if levels == {"kota"} else "kabupaten")
                codes = [c for c in codes if self.gaz.levels[c] == level] or codes
            start, end = ws[0][0], ws[n - 1][1]
            prio = 3 if trig.trigger in self.level_words else 2
            found.append(Found(start, end, text[start:end], level, trig.id, tuple(codes), prio))
            if trig.list == "yes":
                found.extend(self._continue(text, end, level, codes, trig.id))
            found.extend(self._address(text, end, codes, trig.id))
        return found

    def _continue(self, text: str, pos: int, level: str, codes: list[str], rule: str) -> list[Found]:
        """Items of a list after a triggered place ("Desa A, B, dan C"), each of the same level.

        Items the gazetteer does not know at that level count only in a real coordinated list
        (one with "dan"/"serta" before its last item), so "Desa Semagar, Kastono, mengatakan"
        does not make Kastono a desa.
        """
        out: list[Found] = []
        unknown: list[Found] = []
        coordinated = False
        while True:
            m = self.list_re.match(text, pos)
            if not m:
                break
            base = m.start("name")
            ws = [(base + s, base + e, w) for s, e, w in words(m["name"])]
            if not ws or ws[0][2] in self.blockers:
                break
            n, item_codes = self._resolve(ws, ACCEPTS[level])
            if ws[0][2] in self.trigger_words and n != len(ws):
                break  # the next place has its own level word; "Kampung Baru" is a desa's whole name
            if n != len(ws):
                higher, up_codes = self._resolve(ws, {"provinsi", "kabupaten", "kota"} - {level})
                if higher == len(ws) and codes and any(self.gaz.contains(u, c) for u in up_codes for c in codes):
                    break  # an address ("Desa A, Kecamatan B, Wonogiri"): _address takes it
                if higher == len(ws) or level in ADMIN:
                    break
            if not n:
                n = self._plain_name(ws)
                if not n or n < len(ws):
                    break
            start, end = ws[0][0], ws[n - 1][1]
            item = Found(start, end, text[start:end], level, rule + "+list", tuple(item_codes), 2)
            (out if item_codes else unknown).append(item)
            coordinated = coordinated or bool(
                re.search(r"\b(?:dan|serta)\b|&", m.group()[: m.start("name") - m.start()])
            )
            pos = end
        # a list of names ends with "dan"/"serta" before its last item: "Kepala Desa Sidorejo, Sugeng,
        # mengatakan" lists nothing, even though a desa is called Sugeng somewhere
        return [*out, *unknown] if coordinated else []

    def _address(self, text: str, pos: int, codes: list[str], rule: str) -> list[Found]:
        """Enclosing regions written after a place ("Kota Bima, Nusa Tenggara Barat")."""
        out: list[Found] = []
        inner = list(codes)
        while inner:
            m = self.address_re.match(text, pos)
            if not m:
                break
            base = m.start("name")
            ws = [(base + s, base + e, w) for s, e, w in words(m["name"])]
            if not ws or ws[0][2] in self.trigger_words:
                break
            n, up = self._resolve(ws, {"provinsi", "kabupaten", "kota", "kecamatan"})
            up = [u for u in up if any(self.gaz.contains(u, c) for c in inner)]
            if not n or not up:
                break
            start, end = ws[0][0], ws[n - 1][1]
            level = self.gaz.levels[up[0]]
            out.append(Found(start, end, text[start:end], level, rule + "+address", tuple(up), 2))
            inner, pos = up, end
        return out

    def _bare(self, text: str, taken: list[tuple[int, int]]) -> list[Found]:
        """Provinces, kabupaten and kota named without a trigger word, and low-level places in addresses."""
        out: list[Found] = []
        taken_starts = {s for s, _ in taken}
        for m in self.seq_re.finditer(text):
            ws = words(m.group())
            ws = [(m.start() + s, m.start() + e, w) for s, e, w in ws]
            # the first blocker or organisation word of the run (looked up once, not before each word)
            block = next((j for j, (_, _, w) in enumerate(ws) if w in self.blockers or w in self.org_words), len(ws))
            i = 0
            while i < len(ws):
                if not self.gaz.longest_from(ws[i][2]):
                    i += 1  # most capitalised words begin no region's name: nothing more to ask
                    continue
                prev = ws[i - 1][2] if i else _word_before(text, m.start())
                if ws[i][0] in taken_starts or prev in self.blockers or ws[i][2] in self.trigger_words:
                    i += 1
                    continue
                if block < i:
                    break  # the rest names an organisation ("Bank Indonesia Perwakilan Jember")
                n, codes = self._resolve(ws, set(ADMIN), i)
                if n and i + n < len(ws) and ws[i + n][2] in self.outlets:
                    break  # a news outlet ("Flores Timur Pos")
                if n:
                    start, end = ws[i][0], ws[i + n - 1][1]
                    out.append(
                        Found(start, end, text[start:end], _admin_level(self.gaz, codes), "gazetteer", tuple(codes), 1)
                    )
                    out.extend(self._address(text, end, codes, "gazetteer"))
                    i += n
                    continue
                n, codes = self._resolve(ws, {"kecamatan", "desa", "kelurahan"}, i)
                if n and i + n == len(ws) and i == 0 and prev not in self.stop:
                    addr = self._address(text, ws[n - 1][1], codes, "gazetteer")
                    if addr:
                        inner = [c for c in codes if any(self.gaz.contains(u, c) for u in addr[0].codes)]
                        start, end = ws[0][0], ws[n - 1][1]
                        level = self.gaz.levels[inner[0]]
                        out.append(Found(start, end, text[start:end], level, "gazetteer+address", tuple(inner), 1))
                        out.extend(addr)
                i += max(n, 1)
        return out

    def _venues(self, text: str) -> list[Found]:
        """Named venues ("Balai Desa Bonangrejo", "Pendopo Kabupaten Demak"), not inside an office's name."""
        out = []
        for m in self.venue_re.finditer(text):
            if _word_before(text, m.start()) in self.venue_blockers:
                continue
            end = m.end("trig")
            for w in re.finditer(r"\S+", text[end : m.end("name")]):
                if w.group() in self.venue_stop:
                    break
                end = m.end("trig") + w.end()
            if end == m.end("trig"):
                continue
            out.append(Found(m.start(), end, text[m.start() : end], "venue", "venue:" + m["trig"], (), 0))
        return out

    def dateline(self, text: str) -> Found | None:
        """The dateline place ("DEMAK, Lingkarjateng.id –", "Jakarta, CNN Indonesia --", "Bantul (ANTARA) -")."""
        head = text[:300]
        for m in self.dateline_re.finditer(head):
            if "\n" in head[: m.start()] and m.start() > 200:
                break
            place = m["place"]
            has_source = bool(m["src1"] or m["src2"] or m["src3"])
            codes = self.gaz.lookup(title_case(place), set(ADMIN))
            if not codes and not (has_source and (place.isupper() or m["src3"])):
                continue  # an unknown word is a dateline only beside its outlet ("SAMPIT, ..." "Sampit (ANTARA)")
            if not codes:  # a town that is the seat of a kecamatan ("CURUP, ...", "Praya (ANTARA)")
                codes = self.gaz.lookup(title_case(place), {"kecamatan"})
                codes = codes if len(codes) == 1 else []
            level = (_admin_level(self.gaz, codes, dateline=True) if codes else "other")
            codes = [c for c in codes if self.gaz.levels[c] == level]
            source = (m["src1"] or m["src2"] or m["src3"] or "").strip() or None
            group = next((g for g in ("src1", "src2", "src3") if m[g]), None)
            return Found(
                m.start("place"), m.end("place"), title_case(place), level, "dateline", tuple(codes), 4, source,
                (m.start(group), m.end(group)) if group else None,
            )
        return None

    # -- the component -----------------------------------------------------------------------------

    def find(self, text: str) -> list[Found]:
        """Every place mention in the text, overlaps resolved."""
        admin = self._triggered(text)
        line = self.dateline(text)
        if line:
            admin.append(line)
        admin = _resolve_overlaps(admin)
        outlet = [Found(*line.source_span, "", "other", "outlet")] if line and line.source_span else []
        admin += _resolve_overlaps(self._bare(text, [(f.start, f.end) for f in admin]), admin + outlet)
        venues = [v for v in self._venues(text) if not any(a.start <= v.start < a.end for a in admin)]
        return _resolve_overlaps(admin) + _resolve_overlaps(venues)

    def __call__(self, doc: Doc) -> Doc:
        for f in self.find(doc_text(doc)):
            add_span(
                doc,
                "places",
                f.start,
                f.end,
                f.rule,
                span_label=f.level,
                name=f.name,
                level=f.level,
                codes=list(f.codes),
                source=f.source,
            )
        return doc


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"(\S+)[ \t]+$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def _admin_level(gaz: gazetteer.Gazetteer, codes: list[str], dateline: bool = False) -> str:
    """The level of a bare name: a province's name is the province; kota before kabupaten in datelines."""
    levels = {gaz.levels[c] for c in codes}
    if "provinsi" in levels:
        return "provinsi"
    if len(levels) == 1:
        return levels.pop()
    return "kota" if dateline else "kabupaten"


def _resolve_overlaps(found: list[Found], keep: list[Found] = ()) -> list[Found]:
    """Drop mentions that overlap a better one (higher priority, then longer, then earlier)."""
    size = max((f.end for f in [*found, *keep]), default=0)
    taken = bytearray(size)
    for c in keep:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    out: list[Found] = []
    for f in sorted(found, key=lambda f: (-f.priority, -(f.end - f.start), f.start)):
        if any(taken[f.start : f.end]):
            continue
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        out.append(f)
    return sorted(out, key=lambda f: f.start)


@Language.factory("berita_places", default_config={"max_name_words": 4})
def make_places(nlp: Language, name: str, max_name_words: int) -> PlaceFinder:
    """Create the berita_places component."""
    return PlaceFinder(max_name_words=max_name_words)
