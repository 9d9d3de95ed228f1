"""Places: administrative areas from trigger words, lists, addresses, datelines and the gazetteer; venues."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .. import gazetteer
from ..lexicon import alternation, rows, word_set
from ._spans import add_span, doc_text
from .textutil import CAP, CAP_SEQ, CAP_TAIL, LIST_SEP, NAME_SEQ, title_case, trie_alternation, words

ADMIN = frozenset({"provinsi", "kabupaten", "kota"})
LOW = frozenset({"kecamatan", "desa", "kelurahan"})
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
# Levels above a level word's own: a region named with the word ("Kecamatan Dusun Hilir") is one of them.
HIGHER = {
    "kecamatan": {"kabupaten", "kota"},
    "desa": {"kecamatan", "kabupaten", "kota"},
    "kelurahan": {"kecamatan", "kabupaten", "kota"},
    "dusun": {"kecamatan", "kabupaten", "kota"},
}
# The levels that enclose a level: a name after a list of places that one of them knows may be their address.
ABOVE = {
    "provinsi": set(),
    "kabupaten": {"provinsi"},
    "kota": {"provinsi"},
    "kecamatan": {"provinsi", "kabupaten", "kota"},
    "desa": {"provinsi", "kabupaten", "kota", "kecamatan"},
    "kelurahan": {"provinsi", "kabupaten", "kota", "kecamatan"},
    "dusun": {"provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan"},
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


@dataclass
class Run:
    """A run of capitalised words (seq_re) with a word that begins a region's name; _bare and _inside read these."""

    start: int
    end: int
    words: list[tuple[int, int, str]]  # (start, end, word) in the text
    begins: list[bool]  # whether each word begins a region's name (gazetteer.longest_from)
    before: str  # the word before the run (_word_before); "" unless its first word begins a region's name


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
        # the trigger and venue words as tries (trie_alternation): a scan of the whole text asks one character
        # at a time, not each of some sixty words in turn at every position
        self.trigger_re = re.compile(
            # an abbreviation's full stop may touch the name ("Kec.Bonang", "Kab.Kupang")
            rf"(?<![\w.])(?P<trig>{trie_alternation(forms)})(?:[ \t]+|(?<=\.))(?:\((?P<abbr>[A-Za-z]+)\)[ \t]+)?"
            rf"(?P<name>{NAME_SEQ})"
        )
        # not inside a word; checked inside the trie, which lets re skip ahead to the venue words' capitals
        venue_words = trie_alternation([r.trigger for r in rows("venues.tsv")], not_after=r"\w")
        self.venue_re = re.compile(
            rf"(?P<trig>{venue_words})"
            rf"(?P<name>(?:[ \t]+(?:Al[ \t]*-[ \t]*[A-Z]\w+|{CAP_SEQ}|\d+))+)"
        )
        # "di aula pertemuan nelayan UPTD X", "di kantor Lurah Salero": a building written in lower case,
        # up to three lower-case words, then a name; counted only after a locative word
        lower = [t.lower() for t in (r.trigger for r in rows("venues.tsv")) if t[0].isupper() and not t.isupper()]
        self.venue_lower_re = re.compile(
            rf"(?<![\w])(?P<trig>{trie_alternation(lower)})(?P<mid>(?:[ \t]+[a-z]+){{0,3}}?)"
            rf"(?P<name>(?:[ \t]+(?:{CAP_SEQ}|\d+))+)"
        )
        self.venue_heads = tuple(word_set("venue_heads.tsv"))
        # "di UTC Dago Hotel Bandung": the building word after the name
        self.venue_head_re = re.compile(
            rf"(?<![\w])(?P<name>(?:{CAP}[ \t]+){{1,4}}?(?:{alternation(list(self.venue_heads))}))(?![\w])"
        )
        # whether the text has a building word at all: one quick scan before the slow one above
        self.venue_head_word_re = re.compile(trie_alternation(self.venue_heads))
        # "bertempat di Pian Tedung, Dusun Air Buas": a named site with its address after it
        self.site_re = re.compile(
            rf"\b(?:bertempat|berlokasi)[ \t]+di[ \t]+(?P<name>{CAP_SEQ})(?=[ \t]*,[ \t]*"
            rf"(?:Dusun|Dukuh|Kampung|Desa|Kelurahan|Jalan|Jl\.|RT|Kecamatan)\b)"
        )
        # an item may carry its figure before the separator ("desa Kayuri 50 hektar, Rindi 52 hektar, ...")
        self.list_re = re.compile(
            rf"(?:[ \t]+\d[\d.,]*(?:[ \t]+[a-z]+)?|[ \t]*\(\d[^)\n]{{0,20}}\))?{LIST_SEP}(?P<name>{CAP_SEQ})"
        )
        self.list_sep = re.compile(LIST_SEP)
        self.address_re = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+di[ \t]+)(?P<name>{CAP_SEQ})")
        # CAP_SEQ not inside a word ("detikJateng"), checked after the capital: re skips ahead to capitals
        self.seq_re = re.compile(rf"[A-Z](?<![A-Za-z0-9][A-Z]){CAP_TAIL}(?:[ \t]+{CAP})*")
        self.related_re = re.compile(
            rf"^[ \t]*(?i:{alternation([r.word for r in rows('related_links.tsv')])})[ \t]*:[^\n]*"
            # or in brackets inside a paragraph: "(Baca: Asep: 40 Perajin di Bonang Minta Direlokasi)"
            rf"|\((?i:{alternation([r.word for r in rows('related_links.tsv')])})[ \t]*:[^)\n]*\)",
            re.MULTILINE,
        )
        self.sub_village_re = re.compile(
            r"[ \t]*,[ \t]*(?P<word>Desa|Kelurahan|Ds\.|Kel\.|Kecamatan|Kec\.|Distrik|Kota|Kabupaten|Kab\.)[ \t]"
        )
        self.office_lists = {t for t, r in self.triggers.items() if r.names == "office" and r.list == "yes"}
        self.domain_re = re.compile(r"\.(?i:com|co\.id|id|net|news)\b")
        self.bare_list_re = re.compile(rf"(?<![\w.]){NAME_SEQ}(?:{LIST_SEP}{NAME_SEQ}){{2,}}")
        # the last item of such a list, after "dan" or "serta" (as NAME_SEQ takes it in bare_list_re)
        self.list_end_re = re.compile(rf"(?:dan|serta)[ \t]*(?P<name>{NAME_SEQ})")
        self.blockers = word_set("place_blockers.tsv")
        self.stop = word_set("name_stopwords.tsv") | word_set("org_words.tsv")
        self.org_words = word_set("org_words.tsv") - {"Kabupaten", "Kota", "Provinsi", "Desa", "Pemerintah"}
        self.outlets = word_set("outlet_words.tsv")
        self.venue_blockers = set(word_set("org_words.tsv"))
        self.venue_list_sep = re.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:dan|serta)[ \t]+)?")
        # a venue's name ends before an abbreviated level word ("Aula Kantor Desa Tenggela Kec. Bonang")
        self.venue_stop = (word_set("name_stopwords.tsv") - set(self.triggers)) | {
            t.rstrip(".") for t in self.triggers if t.endswith(".")
        }
        self.trigger_words = {t.split()[0] for t in self.triggers} | {t.split()[0].lower() for t in self.triggers}
        name_words = rows("place_name_words.tsv")
        self.status_words = {r.word for r in name_words if r.kind == "status"}
        self.qualifiers = {r.word for r in name_words if r.kind == "qualifier"}
        self.holders = {r.word for r in name_words if r.kind == "holder"}
        self.locatives = {r.word for r in name_words if r.kind == "locative"}
        self.venue_blockers |= self.holders
        self.lower_stop = {w.lower() for w in self.stop}
        self.name_starts = {t for t, r in self.triggers.items() if r.starts_name == "yes"}
        self.dateline_re = re.compile(
            r"(?:(?P<src1>[A-Za-z][\w.]*\.(?:COM|com|CO\.ID|co\.id|id|ID|net|NET)),[ \t]+)?"
            r"(?P<place>[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?)"
            r"(?:,[ \t]*(?P<src2>[A-Z][^\n–—(]{1,30}?))?[ \t]*(?:\((?P<src3>[^)\n]{2,30})\))?"
            r"[ \t]*(?:--|–|—|-)(?:[ \t]|(?=[A-Z]))"
        )

    # -- the parts -------------------------------------------------------------------------------

    def _resolve(self, name_words: list[tuple[int, int, str]], levels: set[str], at: int = 0) -> tuple[int, list[str]]:
        """Longest run of the words from ``at`` that the gazetteer knows at these levels: (word count, codes)."""
        if at >= len(name_words):
            return 0, []
        longest = min(len(name_words) - at, self.gaz.longest_from(name_words[at][2]))
        names = [w for _, _, w in name_words[at : at + longest]]
        for n in range(longest, 0, -1):
            codes = self.gaz.lookup(" ".join(names[:n]), levels)
            if codes:
                return n, codes
        return 0, []

    def _runs_on(self, text: str, at: int, trigger: str, ws: list[tuple[int, int, str]], level: str) -> bool:
        """Whether a level word's name goes on one word past the part the gazetteer knows.

        Only after a level word, never after an office holder ("Kepala Desa Sidorejo Sugeng"), and not into
        a word that begins another region's name ("Kecamatan Bonang Demak").
        """
        last = ws[-1][2]
        if trigger not in self.level_words or level in ADMIN or _word_before(text, at) in self.holders:
            return False
        if last in self.stop or last in self.trigger_words or last in self.blockers or last.isupper():
            return False  # an abbreviation ("Kelurahan Donan RW 12") is not part of a village's name
        above = set(ADMIN) if level == "kecamatan" else {*ADMIN, "kecamatan"}
        if self._resolve(ws, above, len(ws) - 1)[0]:
            return False
        # the known name written elsewhere without the word: a person's name follows it here
        # ("Pemdes Lenek Lauk ... koordinator Desa Lenek Lauk Fatihurrohmah")
        known = text[ws[0][0] : ws[-2][1]]
        return text.count(known) <= text.count(text[ws[0][0] : ws[-1][1]])

    def _whole_region(self, text: str, m: re.Match, ws: list[tuple[int, int, str]], level: str) -> Found | None:
        """A higher region whose own name begins with the level word ("kecamatan Jenamas dan Dusun Hilir")."""
        higher = HIGHER.get(level)
        if not higher or m["abbr"] or m["trig"] not in self.level_words or m["trig"].endswith("."):
            return None
        n, codes = self._resolve([(m.start(), m.end("trig"), m["trig"]), *ws], higher)
        if n < 2:
            return None
        end = ws[n - 2][1]
        name = text[m.start() : end]
        level = self.gaz.levels[codes[0]]
        return Found(m.start(), end, name[0].upper() + name[1:], level, "gazetteer", tuple(codes), 3)

    def _split_region(self, ws: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The words, a kabupaten or kota hyphened to a place's name split off ("Kecamatan Salo-Kampar")."""
        out = []
        for s, e, w in ws:
            head, _, tail = w.rpartition("-")
            if head and tail[:1].isupper() and self.gaz.lookup(tail, ADMIN) and self.gaz.lookup(head):
                out += [(s, s + len(head), head), (e - len(tail), e, tail)]
            else:
                out.append((s, e, w))
        return out

    def _longer_name(self, word: str) -> bool:
        """Whether a capitalised word after a bare region's name makes the phrase a longer name of its own."""
        return not (word in self.stop or word in self.trigger_words or self.gaz.longest_from(word))

    def _plain_name(self, name_words: list[tuple[int, int, str]], level: str = "") -> int:
        """How many words of an unknown name to keep: up to the first word that cannot be a name.

        Below the kota, a name may begin with "Kota" or "Kampung" ("Kecamatan Kota Gajah", "Desa Kampung Baru").
        """
        n = 0
        for i, (_, _, w) in enumerate(name_words[: self.max_name_words]):
            first_ok = i == 0 and len(name_words) > 1 and w in self.name_starts and level not in ADMIN
            if (w in self.stop or w in self.trigger_words) and not first_ok:
                break
            n += 1
        return n

    def _triggered(self, text: str) -> list[Found]:
        found: list[Found] = []
        pos = 0
        # the scan goes on right after the name it kept, so "Desa A Kecamatan B" gives both places
        while m := self.trigger_re.search(text, pos):
            pos = m.end("trig")
            trig = self.triggers.get(m["trig"]) or self.triggers[m["trig"].capitalize()]
            if m["trig"][0].islower() and m.start() > 0 and text[m.start() - 1] not in " \t\n(":
                continue
            before = _word_before(text, m.start())
            if before in self.blockers:
                continue
            abbr = m["abbr"] or ""
            if len(abbr) >= 3 and abbr.isupper() and abbr[-1] == m["trig"][0].upper():
                continue  # "Dinas Pemberdayaan Masyarakat dan Nagari (DPMN) Agam": an office ending in the word
            level = trig.level
            ws = self._split_region(words(text, *m.span("name")))
            whole = self._whole_region(text, m, ws, level)
            if whole:
                found.append(whole)
                pos = whole.end
                continue
            if ws[0][2] in self.status_words:
                continue  # "Desa Mandiri", "Indeks Desa Membangun": a status, not a place
            if ws[0][2] in self.qualifiers and len(ws) > 1:
                ws = ws[1:]  # "Desa Wisata Bunbao"
            cut = next((k for k in range(1, len(ws) - 1) if ws[k][2] in self.level_words), len(ws))
            ws = ws[:cut]  # the name ends at the next level word ("Desa Sei Jangki Kecamatan Bataguh")
            n, codes = self._resolve(ws, ACCEPTS[level])
            sub = trig.names == "office" and trig.list == "yes" and self.sub_village_re.match(text, ws[-1][1])
            below = sub and (sub["word"].startswith(("Desa", "Kel", "Ds")) or n != len(ws))
            if below and self._plain_name(ws) == len(ws):
                # "Kampung Cibogo, Desa Sukamaju", "Kampung Domba Tegal, Kota Serang": a part of a village
                found.append(Found(ws[0][0], ws[-1][1], text[ws[0][0] : ws[-1][1]], "dusun", trig.id, (), 3))
                pos = ws[-1][1]
                continue
            if trig.names == "office" and trig.list == "yes" and n != len(ws) and not (n and before in self.holders):
                continue  # "Kampung Warna Warni": a word with other meanings names only a whole known name
            if n == 1 and len(ws) > 1 and ws[0][2] in self.name_starts and level not in ADMIN:
                n, codes = self._plain_name(ws, level), []  # "Kecamatan Kota Ternate Tengah", not a "Kota"
            if n and n + 1 == len(ws) and self._runs_on(text, m.start(), trig.trigger, ws, level):
                n, codes = n + 1, []  # "Desa Sei Jangki": the gazetteer knows only "Sei"
            if not n:
                if level in ADMIN or level == "auto" or trig.trigger not in self.level_words:
                    continue
                n = self._plain_name(ws, level)
                if not n:
                    continue
            pos = ws[n - 1][1]
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
        figures = 0
        while True:
            m = self.list_re.match(text, pos)
            if not m:
                break
            ws = words(text, *m.span("name"))
            if not ws:
                break
            n, item_codes = self._resolve(ws, ACCEPTS[level])
            if n < len(ws) and level == "kecamatan" and len(ws) > 1 and ws[0][2] in self.name_starts:
                rest, rest_codes = self._resolve(ws, ACCEPTS[level], 1)
                if rest == len(ws) - 1:  # "Kecamatan Pidie, Kota Sigli, ...": the town's kecamatan
                    n, item_codes = len(ws), rest_codes
            if ws[0][2] in self.blockers and n != len(ws):
                break  # "Pulau Haruku" in a list of kecamatan is one; "Jalan Mawar" is not a place
            joined = bool(re.search(r"\b(?:dan|serta)\b|&", m.group()[: m.start("name") - m.start()]))
            if ws[0][2] in self.trigger_words and n != len(ws):
                # the next place has its own level word; "Kampung Baru" is a desa's whole name. The list still
                # ends there when that word is the list's own ("Desa A, B, dan Desa C")
                same = self.triggers.get(ws[0][2])
                coordinated = coordinated or (joined and same is not None and same.level == level)
                break
            higher, up_codes = self._resolve(ws, ABOVE.get(level, set(ADMIN)))
            if higher == len(ws) and codes and any(self.gaz.contains(u, c) for u in up_codes for c in codes):
                if not joined and not re.search(r"\d", m.group()[: m.start("name") - m.start()]):
                    break  # an address ("Desa A, Kecamatan B, Wonogiri"): _address takes it; not after a figure
            if n != len(ws) and (higher == len(ws) or level in ADMIN):
                break
            if 0 < n < len(ws) and self._plain_name(ws) == len(ws):
                n, item_codes = 0, []  # "Pinggir Papas": a list item is its whole name, not a known first word
            if not n:
                n = self._plain_name(ws)
                if not n or n < len(ws):
                    break
            start, end = ws[0][0], ws[n - 1][1]
            item = Found(start, end, text[start:end], level, rule + "+list", tuple(item_codes), 2)
            (out if item_codes else unknown).append(item)
            figures += bool(re.search(r"\d", m.group()[: m.start("name") - m.start()]))
            coordinated = coordinated or joined or figures >= 2  # items with their figures are a list too
            pos = end
        # a list of names ends with "dan"/"serta" before its last item: "Kepala Desa Sidorejo, Sugeng,
        # mengatakan" lists nothing, even though a desa is called Sugeng somewhere
        if coordinated:
            return [*out, *unknown]
        if not out:
            return []  # unknown items count only in a coordinated list
        # without "dan": only known places beside the first, in its region ("Kecamatan Wori, Kema, Likupang Barat")
        parents = {self.gaz.parent(c) for c in codes}
        siblings = [f for f in out if any(self.gaz.parent(c) in parents for c in f.codes)]
        return siblings if len(siblings) == len(out) else []

    def _address(self, text: str, pos: int, codes: list[str], rule: str) -> list[Found]:
        """Enclosing regions written after a place ("Kota Bima, Nusa Tenggara Barat")."""
        out: list[Found] = []
        inner = list(codes)
        while inner:
            m = self.address_re.match(text, pos)
            if not m:
                break
            ws = words(text, *m.span("name"))
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

    def _runs(self, text: str) -> list[Run]:
        """The runs of capitalised words that _bare and _inside read: only those with a word that begins a
        region's name (about half of an article's runs), found in one scan shared by both."""
        out: list[Run] = []
        for m in self.seq_re.finditer(text):
            # a run's words are split by spaces and tabs only: split() gives them without their offsets
            begins = [bool(self.gaz.longest_from(w)) for w in m.group().split()]
            if any(begins):
                start, end = m.span()
                before = _word_before(text, start) if begins[0] else ""
                out.append(Run(start, end, words(text, start, end), begins, before))
        return out

    def _bare(self, text: str, runs: list[Run], taken: list[tuple[int, int]]) -> list[Found]:
        """Provinces, kabupaten and kota named without a trigger word, and low-level places in addresses."""
        out: list[Found] = []
        taken_starts = {s for s, _ in taken}
        for run in runs:
            if self.domain_re.match(text, run.end):
                continue  # a news outlet's address ("POS KUPANG.COM")
            ws = run.words
            # the first blocker or organisation word of the run (looked up once, not before each word)
            block = next((j for j, (_, _, w) in enumerate(ws) if w in self.blockers or w in self.org_words), len(ws))
            i = 0
            while i < len(ws):
                if not run.begins[i]:
                    i += 1  # most capitalised words begin no region's name: nothing more to ask
                    continue
                prev = ws[i - 1][2] if i else run.before
                if ws[i][0] in taken_starts or prev in self.blockers or ws[i][2] in self.trigger_words:
                    i += 1
                    continue
                if block < i:
                    break  # the rest names an organisation ("Bank Indonesia Perwakilan Jember")
                if i and ws[0][2] in self.office_lists:
                    break  # the end of a kampung's name ("Kampung Domba Tegal"), not the city Tegal
                n, codes = self._resolve(ws, ADMIN, i)
                lower = self._resolve(ws, LOW, i)[0] if n else 0
                if lower > n:
                    i += lower  # "di Binjai Hulu": a kecamatan's longer name, not the kota Binjai
                    continue
                if n and i + n < len(ws) and ws[i + n][2] in self.outlets:
                    break  # a news outlet ("Flores Timur Pos")
                if n and i + n < len(ws) and self._longer_name(ws[i + n][2]):
                    i += n  # part of a longer name ("Bima Saputra", "Jambi Merang")
                    continue
                if n:
                    start, end = ws[i][0], ws[i + n - 1][1]
                    out.append(
                        Found(start, end, text[start:end], _admin_level(self.gaz, codes), "gazetteer", tuple(codes), 1)
                    )
                    out.extend(self._address(text, end, codes, "gazetteer"))
                    i += n
                    continue
                n, codes = self._resolve(ws, LOW, i)
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

    def _bare_lists(self, text: str) -> list[Found]:
        """A coordinated list of three or more bare names that are all kecamatan (or all desa) of one region
        ("wilayah Panimbang, Sobang dan Cigeulis"): chance does not make a list of names siblings."""
        # such a list ends with "dan"/"serta" and a kecamatan's or desa's name: without one, the costlier scan
        # (bare_list_re tries every capitalised word, to the end of its run, as a first item) finds nothing
        if not any(self.gaz.lookup(m["name"], LOW) for m in self.list_end_re.finditer(text)):
            return []
        out: list[Found] = []
        for m in self.bare_list_re.finditer(text):
            seps = list(re.finditer(LIST_SEP, m.group()))
            if not re.search(r"\b(?:dan|serta)\b", seps[-1].group()):
                continue
            bounds = [0, *(b for x in seps for b in (x.start(), x.end())), len(m.group())]
            items = [(m.start() + a, m.start() + b) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
            for levels in ({"kecamatan"}, {"desa", "kelurahan"}):
                codes = [self.gaz.lookup(text[a:b], levels) for a, b in items]
                if not all(codes) or any(text[a:b].split()[0] in self.trigger_words for a, b in items):
                    continue
                parents = set.intersection(*({self.gaz.parent(c) for c in cs} for cs in codes))
                if not parents:
                    continue
                for (a, b), cs in zip(items, codes, strict=True):
                    cs = [c for c in cs if self.gaz.parent(c) in parents]
                    level = self.gaz.levels[cs[0]]
                    out.append(Found(a, b, text[a:b], level, "gazetteer+list", tuple(cs), 1))
                break
        return out

    def _inside(self, text: str, runs: list[Run], found: list[Found]) -> list[Found]:
        """Bare names of kecamatan inside a kabupaten or kota the article names, and of desa and kelurahan inside
        a kecamatan it names ("Kabupaten Mojokerto ... di Trowulan"): the article's own regions make them places."""
        within: dict[str, set[str]] = {"kecamatan": set(), "desa": set()}
        for f in found:
            for c in f.codes:
                level = self.gaz.levels.get(c)
                if level in {"kabupaten", "kota"}:
                    within["kecamatan"].add(c)
                elif level == "kecamatan":
                    within["desa"].add(c)
        if not within["kecamatan"] and not within["desa"]:
            return []
        out: list[Found] = []
        for run in runs:
            if not run.begins[0]:
                continue  # no region's name begins with the run
            if run.words[0][2] in self.trigger_words or run.before in self.blockers:
                continue
            if text[run.start - 1 : run.start] == "(" and text[run.end : run.end + 1] == ")":
                continue  # "Kabupaten Bengkulu Tengah (Benteng)": a short form, not another region
            name = text[run.start : run.end]
            known = self.gaz.lookup(name)
            for levels, parents in (({"kecamatan"}, within["kecamatan"]), ({"desa", "kelurahan"}, within["desa"])):
                codes = [c for c in known if self.gaz.levels[c] in levels and self.gaz.parent(c) in parents]
                if codes:
                    level = self.gaz.levels[codes[0]]
                    out.append(Found(run.start, run.end, name, level, "gazetteer+inside", tuple(codes), 0))
                    break
        return out

    def _level_of_list(self, text: str, found: list[Found]) -> None:
        """A bare name of both a kabupaten and a kota listed beside kabupaten is the kabupaten
        ("Tuban, Bojonegoro, Situbondo, dan Probolinggo")."""
        found.sort(key=lambda f: f.start)
        for k, f in enumerate(found):
            if f.rule != "gazetteer" or f.level != "kota":
                continue
            if not any(self.gaz.levels.get(c) == "kabupaten" for c in f.codes):
                continue
            beside = [found[j] for j in (k - 1, k + 1) if 0 <= j < len(found)]
            for g in beside:
                a, b = (g.end, f.start) if g.start < f.start else (f.end, g.start)
                if g.level == "kabupaten" and self.list_sep.fullmatch(text, a, b):
                    f.level = "kabupaten"
                    break

    def _venues(self, text: str) -> list[Found]:
        """Named venues ("Balai Desa Bonangrejo", "Pendopo Kabupaten Demak"), not inside an office's name.

        A venue is where something happens: "di"/"halaman"/"kawasan" ... before it, or a list after such a venue
        ("di Masjid A, Masjid B, dan Kantor C"), or the headline naming it.
        """
        out: list[Found] = []
        headline = text.find("\n")
        matches = [*self.venue_re.finditer(text), *self.venue_lower_re.finditer(text)]
        for m in sorted(matches, key=lambda m: m.start()):
            if out and m.start() < out[-1].end:
                continue
            before = _word_before(text, m.start(), lines=True)
            if before in self.venue_blockers:
                continue
            listed = bool(out) and self.venue_list_sep.fullmatch(text, out[-1].end, m.start())
            lower = m.re is self.venue_lower_re
            if lower and any(w in self.lower_stop for w in m["mid"].split()):
                continue
            if before.lower() not in self.locatives and (lower or not listed) and not 0 <= m.start() < max(headline, 0):
                continue
            end = m.end("trig")
            for w in re.finditer(r"\S+", text[end : m.end("name")]):
                if w.group() in self.venue_stop:
                    break
                end = m.end("trig") + w.end()
            if end == m.end("trig"):
                continue
            if lower and len(text[m.start("name") : end].split()) < 2:
                continue  # "di kantor Bupati": an office holder's building, not a named venue
            out.append(Found(m.start(), end, text[m.start() : end], "venue", "venue:" + m["trig"], (), 0))
        for m in self.site_re.finditer(text) if "bertempat" in text or "berlokasi" in text else ():
            first = m["name"].split()[0]
            if first in self.trigger_words or first in self.venue_blockers or self.gaz.lookup(m["name"]):
                continue
            if not any(v.start <= m.start("name") < v.end for v in out):
                out.append(Found(m.start("name"), m.end("name"), m["name"], "venue", "venue:site", (), 0))
        for m in self.venue_head_re.finditer(text) if self.venue_head_word_re.search(text) else ():
            first = m["name"].split()[0]
            if _word_before(text, m.start()).lower() not in self.locatives or first in self.trigger_words:
                continue
            if any(v.start <= m.start() < v.end or m.start() <= v.start < m.end() for v in out):
                continue  # "Hotel Grand Bonang Hotel": the building word before the name found it
            out.append(Found(m.start(), m.end(), m["name"], "venue", "venue:after", (), 0))
        return sorted(out, key=lambda f: f.start)

    def dateline(self, text: str) -> Found | None:
        """The dateline place ("DEMAK, Lingkarjateng.id –", "Jakarta, CNN Indonesia --", "Bantul (ANTARA) -")."""
        head = text[:300]
        for m in self.dateline_re.finditer(head):
            if "\n" in head[: m.start()] and m.start() > 200:
                break
            place = m["place"]
            if not place.isupper() and head[m.end() - 1] not in " \t":
                continue  # only an upper-case town touches its dash ("BARABAI-Bupati"); "Kudus-Jepara" is a name
            has_source = bool(m["src1"] or m["src2"] or m["src3"])
            line_start = m.start() == 0 or head[m.start() - 1] == "\n"
            codes = self.gaz.lookup(title_case(place), set(ADMIN))
            town = self.gaz.lookup(title_case(place), {"kecamatan"}) if not codes else []
            if not codes and line_start and len(town) == 1 and not m["src2"]:
                pass  # a paragraph opening with the seat of a kecamatan and a dash ("Tenggarong – ...")
            elif not codes and not (has_source and (place.isupper() or m["src3"])):
                continue  # an unknown word is a dateline only beside its outlet ("SAMPIT, ..." "Sampit (ANTARA)")
            if not codes:  # a town that is the seat of a kecamatan ("CURUP, ...", "Praya (ANTARA)")
                codes = self.gaz.lookup(title_case(place), {"kecamatan"})
                codes = codes if len(codes) == 1 else []
            level = (_admin_level(self.gaz, codes) if codes else "other")
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
        # lines linking other stories keep their length (offsets stay right) but lose their words; each has a
        # colon, which most articles lack
        if ":" in text:
            text = self.related_re.sub(lambda m: " " * len(m.group()), text)
        admin = self._triggered(text)
        line = self.dateline(text)
        if line:
            admin.append(line)
        admin = _resolve_overlaps(admin)
        short = _short_forms(text, admin)
        _apply_short_forms(admin, short)
        outlet = [Found(*line.source_span, "", "other", "outlet")] if line and line.source_span else []
        runs = self._runs(text)
        bare = self._bare(text, runs, [(f.start, f.end) for f in admin]) + self._bare_lists(text)
        admin += _resolve_overlaps(bare, admin + outlet)
        admin += _resolve_overlaps(self._inside(text, runs, admin), admin + outlet)
        _apply_short_forms(admin, short)
        self._level_of_list(text, admin)
        _whole_names(text, admin)
        _one_village_level(admin)
        venues = [v for v in self._venues(text) if not any(a.start <= v.start < a.end for a in admin)]
        # a venue named in full once and shortened later is one venue ("Taman Menara Kudus" ... "Taman Menara")
        names = {v.name for v in venues}
        for v in venues:
            longer = [n for n in names if n.startswith(v.name + " ")]
            if longer:
                v.name = max(longer, key=len)
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


def _word_before(text: str, pos: int, lines: bool = False) -> str:
    """The word before the spaces or tabs (any white space with ``lines``) that end at ``pos``, within 40
    characters ("" when no space ends there). A scan back: a regex anchored at the end is tried at every
    position of the window, and this runs for every capitalised run of an article."""
    chunk = text[max(0, pos - 40) : pos]
    if not lines and chunk.endswith("\n"):
        chunk = chunk[:-1]  # as "$" allows: the spaces may end before one final line break
    before = chunk.rstrip() if lines else chunk.rstrip(" \t")
    if len(before) == len(chunk) or not before or before[-1].isspace():
        return ""
    return before.rsplit(None, 1)[-1]


SHORT_FORM = re.compile(r"[ \t]*\(([A-Z][A-Za-z]{1,11})\)")


def _short_forms(text: str, found: list[Found]) -> dict[str, Found]:
    """Short forms the article gives in brackets after a place it names ("Kabupaten Bengkulu Tengah (Benteng)")."""
    out: dict[str, Found] = {}
    for f in found:
        m = SHORT_FORM.match(text, f.end)
        if m and f.codes and f.level != "venue":
            out.setdefault(m.group(1).casefold(), f)
    return out


def _apply_short_forms(found: list[Found], short: dict[str, Found]) -> None:
    """A place written in the article's own short form ("BENTENG -", "Camat BAT") is the place it shortens."""
    for f in found:
        full = short.get(f.name.casefold())
        if full is not None and full is not f:
            f.name, f.level, f.codes = full.name, full.level, full.codes


def _whole_names(text: str, found: list[Found]) -> None:
    """A village cut short where the text goes on with the rest of a longer name found elsewhere
    ("Kepala Desa Pinggir Papas Abd. Hayat" beside "Desa A, Pinggir Papas, dan Desa B") is that village."""
    low = [f for f in found if f.level in {"desa", "kelurahan", "dusun"}]
    # each name under every shorter name it begins with (names are a few words): not every place against every other
    by_start: dict[tuple[str, str], list[Found]] = {}
    for g in low:
        for i, ch in enumerate(g.name):
            if ch == " ":
                by_start.setdefault((g.level, g.name[:i]), []).append(g)
    for f in low:
        longer = by_start.get((f.level, f.name), [])
        for g in sorted(longer, key=lambda g: -len(g.name)):
            if text.startswith(g.name[len(f.name) :], f.end):
                f.end, f.name, f.codes = f.end + len(g.name) - len(f.name), g.name, g.codes
                break


def _one_village_level(found: list[Found]) -> None:
    """A village the article calls both desa and kelurahan ("Kelurahan Bulota ... Kantor Desa Bulota") is one
    village, of the level its first mention gives."""
    first: dict[str, str] = {}
    for f in sorted(found, key=lambda f: f.start):
        if f.level in {"desa", "kelurahan"}:
            f.level = first.setdefault(f.name.casefold(), f.level)


def _admin_level(gaz: gazetteer.Gazetteer, codes: list[str]) -> str:
    """The level of a bare name: a province's name is the province; then the kota, since news writes the
    kabupaten of the same name with its level word ("Kabupaten Semarang") and the city bare ("ke Semarang")."""
    levels = {gaz.levels[c] for c in codes}
    if "provinsi" in levels:
        return "provinsi"
    if len(levels) == 1:
        return levels.pop()
    return "kota"


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
