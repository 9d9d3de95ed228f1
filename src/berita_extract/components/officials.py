"""Officials: a title with its office and a person's name, in the orders Indonesian news writes them."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .. import gazetteer
from ..lexicon import Title, honorifics, offices, rows, word_class, word_set
from . import names
from ._spans import add_span, doc_text
from .textutil import CAP, WORD_RE, match_at, trie_alternation, whole_word_starts

ALL_LEVELS = {"provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan"}
ADMIN_LEVELS = {"provinsi", "kabupaten", "kota"}
VILLAGE = {"desa", "kelurahan"}
# Words that may join two parts of an office's name ("Humas dan Protokol", "Keuangan & SDM").
JOINERS = {"dan", "&"}
# Regional abbreviations end in a shortened direction: "Lamsel" (Lampung Selatan), "Minut", "Matim", "Buteng".
REGION_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,5}(?:sel|ut|tim|bar|teng)")
LOWER_LEVEL_OF = {"kabupaten": "kabupaten", "kota": "kota", "provinsi": "provinsi", "kecamatan": "kecamatan"}
# After one capitalised word, a body's abbreviation and a region's level word: the office goes on
# ("Perikanan Tangkap DKP Provinsi Maluku, Ir. Ahmad"), the word is no person's name.
OFFICE_GOES_ON = re.compile(r"[ \t]+[A-Z]{2,6}[ \t]+(?:Provinsi|Prov\.|Kabupaten|Kab\.|Kota|Kecamatan)[ \t]+[A-Z]")
# Written before a place's name: "desa Ungge", "Pemkab Kukar", "di Kukar".
PLACE_CUE = re.compile(r"(?:[Dd]esa|[Kk]elurahan|[Kk]abupaten|[Kk]ota|[Kk]ecamatan|Pem(?:kab|kot|des)|\bdi|\bke)\s+$")
# A name in quotation marks ("Kluster Batik “Sawut Sewu”").
QUOTED = r"“[^”\n]{1,40}”|\"[^\"\n]{1,40}\""
# Written between a person's name and the title that follows it ("Sumarni selaku Ketua KWT Melati").
NAME_CUES = r"(?:selaku|sebagai|adalah|merupakan|yang merupakan|yang juga|yakni|yaitu|(?:yang )?menjabat(?: sebagai)?)"
# Lowercase words that may stand inside an office's name before the comma that ends it ("Kabid Kelautan pada
# Dinas ..., Sarwati"); words that end a clause do not ("Bupati Demak meresmikan pasar, Ahmad ...").
CLAUSE_WORD = re.compile(
    r"(?:yang|untuk|saat|ini|itu|tersebut|juga|akan|telah|sudah|dengan|kepada|bahwa|oleh|dalam|sebagai|selaku"
    r"|ketika|karena|namun|atau|kemudian|lalu|bersama|para|kata|ujar|usai|agar|bisa|dapat|tidak|masih|pun|nya"
    r"|(?:me|ber|ter)[a-z]{3,}|di[a-z]{3,}(?:kan|i))"
)
LEVEL_OF = {
    "Kabupaten": "kabupaten",
    "Kota": "kota",
    "Provinsi": "provinsi",
    "Propinsi": "provinsi",
    "Prov": "provinsi",
    "Kecamatan": "kecamatan",
    "Desa": "desa",
    "Kelurahan": "kelurahan",
}


_WORD_RE = re.compile(r"(?<![\w’'-])[\w’'-]+")
# a word after spaces on the same line; a run of characters a region's name may have
_SPACED_WORD = re.compile(r"[ \t]+(\S+)")
_REGION_WORD = re.compile(r"[^\s,.;:()]+")
# a phrase that ends at punctuation ("... Poltekpar Lombok, ...")
_PHRASE_END = re.compile(r"[ \t]*[,.;:)\"”]")


class _WordPlaces:
    """Where the words of one text start, asked word by word: the first few words asked are found by a
    scan each (an article asks about one or two), then one index of every word is built, so a text that
    asks about thousands of words is still read in linear time. ``words`` says what a word is, ``scan``
    finds one word's starts the same way."""

    SCANS = 8

    def __init__(
        self, text: str, words: re.Pattern = _WORD_RE, scan: Callable[[str, str], Iterable[int]] = whole_word_starts
    ) -> None:
        self.text, self.words, self.scan = text, words, scan
        self.asked: dict[str, list[int]] = {}
        self.index: dict[str, list[int]] | None = None

    def get(self, word: str) -> list[int]:
        """Starts of ``word`` (one word as ``words`` reads them) in the text, in order."""
        if self.index is not None:
            return self.index.get(word, [])
        if word not in self.asked:
            if len(self.asked) >= self.SCANS:
                self.index = {}
                for m in self.words.finditer(self.text):
                    self.index.setdefault(m.group(), []).append(m.start())
                return self.index.get(word, [])
            self.asked[word] = list(self.scan(self.text, word))
        return self.asked[word]


def _uses(text: str, word: str) -> Iterator[int]:
    """Where ``word`` is written, not followed by a letter or digit."""
    i = text.find(word)
    while i != -1:
        if not text[i + len(word) : i + len(word) + 1].isalnum():
            yield i
        i = text.find(word, i + 1)


def _uses_after_space(text: str, word: str) -> Iterator[int]:
    """Where ``word`` is written after white space, not followed by a letter or digit."""
    return (i for i in _uses(text, word) if i and text[i - 1].isspace())


# a run of letters and digits after white space: for a word of letters and digits, its uses after white space
_RUN_AFTER_SPACE = re.compile(r"(?<=\s)[^\W_]+")


@functools.lru_cache(maxsize=4)
def _word_positions(text: str) -> _WordPlaces:
    """Where each word of ``text`` starts (a word: letters, digits, apostrophes and hyphens)."""
    return _WordPlaces(text)


@functools.lru_cache(maxsize=4)
def _runs_after_space(text: str) -> _WordPlaces:
    """Where each run of letters and digits that follows white space begins."""
    return _WordPlaces(text, _RUN_AFTER_SPACE, _uses_after_space)


# Up to this many names a text's later mentions are found by a scan per name; more take one trie regex.
SCANNED_NAMES = 24


def _whole_words(text: str, forms: set[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping whole-word uses of ``forms`` from left to right, the longest form at each start (what
    a longest-first alternation between (?<![\\w’']) and (?![\\w’']) finds): one scan per form for a
    few forms, one trie regex for many (compiling it costs more than a few scans)."""
    if len(forms) > SCANNED_NAMES:
        rx = re.compile(rf"(?<![\w’'])(?:{trie_alternation(forms)})(?![\w’'])")
        return [(m.start(), m.end(), m.group()) for m in rx.finditer(text)]
    found = sorted((i, -len(f), f) for f in forms for i in whole_word_starts(text, f, "’'"))
    out: list[tuple[int, int, str]] = []
    for i, neg, f in found:
        if out and i < out[-1][1]:
            continue
        out.append((i, i - neg, f))
    return out


@dataclass
class Official:
    """One official mention before merging."""

    start: int
    end: int
    name: str
    title: str
    role: str
    rule: str
    jurisdiction: str | None = None
    organization: str | None = None
    name_span: tuple[int, int] = (0, 0)
    extra: dict = field(default_factory=dict)


class OfficialFinder:
    """Finds officials; spans in doc.spans["officials"] carry name, title, role, jurisdiction, organization."""

    def __init__(self, max_name_words: int = 6) -> None:
        self.gaz = gazetteer.load()
        self.max_name_words = max_name_words
        self.titles: dict[str, Title] = {}
        for t in rows("titles.jsonl"):
            self.titles[t.pattern] = t
            self.titles.setdefault(t.pattern[0].lower() + t.pattern[1:], t)
        mods = [r.form for r in rows("modifiers.tsv")]
        # trie alternations: the same longest-first matches as plain alternations, a step per character (not per title)
        titles = trie_alternation(list(self.titles))
        self.title_re = re.compile(
            rf"(?<![\w])(?:(?P<mod>{trie_alternation(mods)})[ \t]+)?(?P<title>{titles})(?![\w])"
        )
        self.offices = offices()
        self.named_bodies = word_class("named_body")
        self.institutions = word_class("institution")
        self.not_now = word_class("not_now")
        # a country after a title is part of the office ("Presiden Prancis", "Duta Besar Korea Selatan")
        countries = trie_alternation(word_set("countries.tsv")).replace(r"\ ", r"[ \t]+")
        self.country_re = re.compile(rf"[ \t]+(?:{countries})(?![\w’'-])")
        self.office_words = {a.split()[0] for a in self.offices}
        self.org_words = word_set("org_words.tsv")
        self.stop = word_set("name_stopwords.tsv") | self.org_words | {m.rstrip(".") for m in mods}
        # academic titles (Ir., Dr., Prof.) also come before a name; noble titles (Lalu, Baiq) stay in it
        hon = [h.form for h in honorifics() if h.kind != "noble"]
        deg = [h.form for h in honorifics() if h.kind == "degree"]
        self.honorific_re = re.compile(rf"(?:(?:{trie_alternation(hon)})(?:(?<=\.)|(?![\w]))[ \t]*)+")
        self.degrees_re = re.compile(rf"(?:[ \t]*,[ \t]*(?:{trie_alternation(deg)})(?![\w]))+")
        self.names = names.load()
        self.named_org_re = re.compile(rf"[ \t]+((?:{CAP}[ \t]+){{0,5}}{CAP})[ \t]+(\([A-Z]{{2,}}[A-Za-z]*\))")
        self.group_heads = {r.word.split()[0] for r in rows("group_words.tsv")}
        self.honorific_words = set(hon)

    # -- names ---------------------------------------------------------------------------------------

    def _is_name_word(self, w: str, inside: bool = False, strong: bool = False) -> bool:
        """A capitalised word that may be part of a person's name (the name model has no evidence against it).

        ``strong``: the position itself says a name follows (after "<office>, "), so only the model's
        evidence of capitalised non-name uses counts.
        """
        return (
            bool(WORD_RE.fullmatch(w))
            and w not in self.stop
            and w not in self.titles
            and not (len(w) > 1 and w.isupper())
            and not self.names.not_name(w, inside, strong)
        )

    def _name_at(self, text: str, pos: int, strong: bool = False) -> tuple[int, int, str] | None:
        """A person's name starting at ``pos`` (honorifics skipped, degrees after it dropped)."""
        m = self.honorific_re.match(text, pos)
        start = m.end() if m else pos
        end = start
        count = 0
        for w in re.finditer(r"[^\s,]+,?|,", text[start : start + 120]):
            word = w.group().rstrip(',.;:)”"')
            initials = (
                count > 0
                and word == w.group()
                and re.fullmatch(r"[A-Z]{1,2}", word)
                and word not in self.honorific_words
                and (nxt := match_at(r"[ \t]+([A-Z][a-z][\w’'-]*)", text, start + w.end()))
                and self._is_name_word(nxt.group(1), True)
                and nxt.group(1) not in LEVEL_OF  # "Clay JH Dondokambey", not "Tangkap DKP Provinsi"
            )
            if count >= self.max_name_words or not (
                initials or self._is_name_word(word, count > 0, strong or bool(m))
            ):
                break
            end = start + w.start() + len(word)
            count += 1
            if w.group() == word + "." and len(word) <= 4 and match_at(r"[ \t]+[A-Z]", text, start + w.end()):
                end += 1  # an abbreviated given name ("Moh. Rizal", "M. Yusuf") goes on
                continue
            if word != w.group():  # punctuation ends the name
                break
        if not count:
            return None
        return start, end, text[start:end]

    def _name_before(self, text: str, pos: int) -> tuple[int, int, str] | None:
        """A name written just before ", <title>" ending at ``pos`` (the comma)."""
        chunk = text[max(0, pos - 100) : pos]
        m = re.search(
            r"((?:[A-Z][\w’'.-]*[ \t]+){0,5}[A-Z][\w’'-]*)"
            r"(?:[ \t]*,[ \t]*(?:[A-Z][\w.]*\.|[A-Z][A-Za-z]{0,3}\.[A-Za-z.]+))*[ \t]*$",
            chunk,
        )
        if not m:
            return None
        base = pos - len(chunk)
        ws = list(re.finditer(r"\S+", m.group(1)))
        # keep the name words nearest the comma
        keep = []
        for w in reversed(ws):
            if not self._is_name_word(w.group(), strong=True):
                if w.group() in self.org_words or w.group() in self.office_words or w.group() in self.titles:
                    return None  # "Dekan Fakultas Pertanian Unila, Asisten ...": an office, not a name, before it
                break
            keep.append(w)
        if not keep:
            return None
        keep.reverse()
        start, end = base + m.start(1) + keep[0].start(), base + m.start(1) + keep[-1].end()
        return start, end, text[start:end]

    # -- offices -------------------------------------------------------------------------------------

    def _complement(self, text: str, pos: int, title: Title) -> tuple[int, list[str]]:
        """The office words after a title ("Demak", "Dindagkop UKM", "(Menko) Perekonomian"): (end, words)."""
        end = pos
        taken: list[str] = []
        cursor = pos
        while True:
            m = _SPACED_WORD.match(text, cursor)
            if not m:
                break
            raw = m.group(1)
            word = raw.rstrip(",.;:")
            if word.endswith(")") and "(" not in word:
                word = word[:-1]  # "(Kades Sidomulyo)": the bracket closes the office
            trailing = raw != word
            nxt = self._next_word(text, m.end())
            if word in JOINERS:
                if taken and nxt and (nxt in self.org_words or nxt.isupper()):
                    taken.append(word)
                    cursor = m.end()
                    continue
                break
            country = self.country_re.match(text, cursor)
            if country:
                taken.extend(country.group().split())
                cursor = end = country.end()
                if text[end : end + 1] in ",.;:":
                    break
                continue
            # a region's name, perhaps of several words ("Jakarta Utara", "DKI Jakarta")
            levels = set(ADMIN_LEVELS)
            if title.jurisdiction_level in ALL_LEVELS:
                levels.add(title.jurisdiction_level)
                if title.jurisdiction_level in VILLAGE:  # news and the list disagree on desa/kelurahan
                    levels |= VILLAGE
            if taken and taken[-1] in LEVEL_OF:
                levels.add(LEVEL_OF[taken[-1]])
            if taken and word in LOWER_LEVEL_OF:
                # "Kadis DPMD kabupaten Sumedang": a level word in lowercase before its region's name
                region = self._region_words(text, m.end(), {LOWER_LEVEL_OF[word]})
                if region:
                    taken.extend([word, *region[1]])
                    cursor = end = region[0]
                    if text[end : end + 1] in ",.;:":
                        break
                    continue
            region = self._region_words(text, m.start(1), levels)
            if region:
                n_end, n_words = region
                if raw.startswith("(") and text[n_end : n_end + 1] == ")":
                    n_end += 1  # "Manggarai Timur (Matim)": a region's short form in brackets
                taken.extend(n_words)
                cursor = end = n_end
                if text[end : end + 1] in ",.;:":
                    break
                continue
            if word in self.named_bodies or word in self.group_heads:
                # "Ketua Kelompok Tani Beudoh Beusaree, Nurdin": the body's own name runs to the comma
                run = re.match(
                    rf"[ \t]+{re.escape(word)}((?:[ \t]+(?:{CAP}|dan|&|{QUOTED}))+?)[ \t]*,",
                    text[cursor:],
                )
                if run and "\n" not in run.group(0):
                    rws = run.group(1).split()
                    if self._person_not_body(text, cursor + run.end(), rws):
                        # "Ketua Koperasi Ridwan Husein, Manajer ...": the body is unnamed, the person follows it
                        taken.append(word)
                        cursor = end = m.start(1) + len(word)
                        break
                    cut = self._region_cut(rws)
                    if cut:  # "Kepala Bank Indonesia Perwakilan Sulawesi Utara Luctor Tapiheru, ...": a name follows
                        taken.extend([word, *rws[:cut]])
                        skip = match_at(rf"[ \t]+{re.escape(word)}" + r"[ \t]+\S+" * cut, text, cursor)
                        cursor = end = skip.end()
                        break
                    taken.extend([word, *rws])
                    cursor = end = cursor + len(run.group(0).rstrip(",").rstrip())
                    break
                # "Ketua Kelompok Gerabah Seni Maju Asri menjelaskan": without a comma the capitalised words
                # name the group, up to a word the name model knows as a person's name
                group = match_at(rf"[ \t]+{re.escape(word)}((?:[ \t]+{CAP})+)", text, cursor)
                if group:
                    gws = group.group(1).split()
                    k = self._region_cut(gws) or next(
                        (i for i, g in enumerate(gws) if self.names.is_person(g)), len(gws)
                    )
                    if k and not (k < len(gws) and match_at(r"[ \t]+\d", text, group.end())):
                        taken.extend([word, *gws[:k]])
                        skip = match_at(rf"[ \t]+{re.escape(word)}" + r"[ \t]+\S+" * k, text, cursor)
                        cursor = end = skip.end()
                        bracket = match_at(r"[ \t]+(\([A-Z]{2,}[A-Za-z]*\))", text, cursor)
                        if bracket:  # "Ikatan Perempuan Pesisir (IPP) Cabang Sumenep": the office goes on
                            taken.append(bracket.group(1))
                            cursor = end = bracket.end()
                            continue
                        break
            if word in {"PT", "Perum", "CV"}:
                company = match_at(rf"[ \t]+{word}((?:[ \t]+{CAP})+)[ \t]+(\([A-Za-z]+\))", text, cursor)
                if company:
                    taken.extend([word, *company.group(1).split(), company.group(2)])
                    cursor = end = company.end()
                    continue
            if word.startswith("(") and not word.endswith(")"):
                # "(Disperindagkop UM)": an abbreviation of several words in brackets belongs to the office
                closing = match_at(r"[ \t]+\([^()\n]{1,40}\)", text, cursor)
                if closing:
                    taken.append(closing.group().strip())
                    cursor = end = closing.end()
                    continue
            prev = taken[-1] if taken else title.pattern.split()[-1]
            is_office = (
                word in self.org_words
                or word in LEVEL_OF
                or (re.fullmatch(r"[IVX]{1,4}", word) and (prev in self.institutions or prev in self.titles))
                or word in self.office_words
                or (word.startswith("(") and word.endswith(")"))
                or (not taken and re.fullmatch(r"\d{2,4}(?:/[A-Z][\w-]*)?", word) and nxt and nxt[:1].isupper())
                or (len(word) > 1 and word.isupper() and word.isalpha())
                or (taken and taken[-1] in {"PT", "Perum", "Bank", "CV"} and WORD_RE.fullmatch(word))
                or (
                    title.needs_complement
                    and not taken
                    and WORD_RE.fullmatch(word)
                    and word not in self.stop
                    and not self.names.is_person(word)  # "pimpinan Muhaimin Iskandar": a known name, no office
                )
                or (word not in self.stop and self.names.office_word(word, bool(taken)))
                or (title.needs_complement and taken and word not in self.stop and self.names.not_name(word))
                or (not title.needs_complement and self.names.common_shape(word))  # "Presiden Terpilih"
            )
            if not is_office or not re.fullmatch(rf"\(?{CAP}\)?|\(?[A-Z][\w.]*\)?|\d[\w/-]*", word):
                # "Ketua Kesatuan Perempuan Pesisir Indonesia (KPPI) Cabang Sumenep": words before an
                # abbreviation in brackets are an organisation's name
                named = self.named_org_re.match(text, cursor) if taken or title.needs_complement else None
                if named and not any(self.names.is_person(w) for w in named.group(1).split()):
                    taken.extend([*named.group(1).split(), named.group(2)])
                    cursor = end = named.end()
                    continue
                break
            taken.append(word)
            cursor = m.start(1) + len(word)
            end = cursor
            if trailing and raw.endswith(",") and self._office_continues(text, cursor + 1):
                # "Kepala Dinas Perindustrian, Koperasi dan UKM Kota Yogyakarta, Tri Haryanto": commas
                # inside an office's name; the name begins where no office word follows the comma
                cursor += 1
                continue
            if trailing and raw == word + "." and word in {"PT", "CV"} and match_at(r"[ \t]*[A-Z]", text, cursor + 1):
                cursor += 1  # "Kepala Cabang PT. Pegadaian": the dot abbreviates, the company's name follows
                continue
            if trailing:
                break
        while taken and taken[-1] in JOINERS:
            taken.pop()
        return end, taken

    def _person_not_body(self, text: str, after: int, words: list[str]) -> bool:
        """Whether the capitalised words after a body's word up to a comma are a person's name, not the body's:
        they begin with a word the name model knows as a person's, all are name words, and no name follows the
        comma ("Ketua Koperasi Ridwan Husein, Manajer ..." but "Ketua Kelompok Tani Sri Rejeki, Budi ...")."""
        if not self.names.is_person(words[0]) or not all(self._is_name_word(w, True) for w in words):
            return False
        space = re.compile(r"[ \t]*").match(text, after)
        return self._name_at(text, space.end(), strong=True) is None

    def _region_cut(self, words: list[str]) -> int:
        """In a body's run of capitalised words, the count of words up to a region's name followed by a name.

        "Bank Indonesia Perwakilan Sulawesi Utara Luctor Tapiheru": the office ends with the region (0: no cut).
        """
        for i in range(1, len(words) - 2):
            for n in (3, 2, 1):
                rest = words[i + n :]
                if len(rest) < 2 or not self.gaz.lookup(" ".join(words[i : i + n]), ADMIN_LEVELS):
                    continue
                if all(self._is_name_word(w, True) or re.fullmatch(r"[A-Z]{1,2}", w) for w in rest):
                    return i + n
        return 0

    def _office_continues(self, text: str, pos: int) -> bool:
        """After a comma: does the office's name go on ("Perdagangan", "dan Energi") or a name begin?"""
        m = match_at(r"[ \t]+(?:dan[ \t]+)?([A-Z][\w]*)", text, pos)
        return bool(m) and (m.group(1) in self.org_words or m.group(1) in self.office_words)

    def _next_word(self, text: str, pos: int) -> str | None:
        m = _SPACED_WORD.match(text, pos)
        return m.group(1).rstrip(",.;:") if m else None

    def _region_words(self, text: str, pos: int, levels: set[str] = ADMIN_LEVELS) -> tuple[int, list[str]] | None:
        """The longest region's name (of ``levels``) the words at ``pos`` begin with: (its end, its words) or None."""
        words = _REGION_WORD.finditer(text, pos, pos + 60)
        first = next(words, None)
        longest = self.gaz.longest_from(first.group()) if first else 0
        if not longest:
            return None  # no region's name begins with the first word (most words): the rest is not read
        ws = [first, *itertools.islice(words, longest - 1)]
        for n in range(len(ws), 0, -1):
            if not all(WORD_RE.fullmatch(w.group()) for w in ws[:n]):
                continue
            if self.gaz.lookup(" ".join(w.group() for w in ws[:n]), levels):
                return ws[n - 1].end(), [w.group() for w in ws[:n]]
        return None

    def _settle(self, text: str, name: tuple[int, int, str], comp_end: int, complement: list[str], title: Title):
        """Move the end of an office's name out of a person's name.

        "Ketua Yayasan Pembangunan Sanur, Ida Bagus ...": a single word followed by a comma and a
        longer name belongs to the office; so does a leading place name ("Balai Taman Nasional
        Tambora Budi Kurniawan").
        """
        start, end, words = name[0], name[1], name[2].split()
        acronym = match_at(r"[ \t]+([A-Z]{2,5})[ \t]+(?=[A-Z])", text, end)
        if acronym and acronym.group(1) not in self.honorific_words:
            # "Danrem 162 Wira Bhakti Brigjen TNI Ahmad Rizal": an acronym inside the run belongs to the office (or
            # a rank) when a name of two words or more follows it
            later = self._name_at(text, acronym.end())
            if later and len(later[2].split()) >= 2:
                return later, acronym.end(1), [*complement, *words, acronym.group(1)]
        # "Rektor Unija Dr. Sjaifurrachman": an honorific inside the run begins the person's name
        for w in re.finditer(r"\S+", name[2]):
            if w.start() and w.group() in self.honorific_words:
                inner = self._name_at(text, start + w.start())
                if inner:
                    office = name[2][: w.start()].split()
                    return inner, start + len(name[2][: w.start()].rstrip()), [*complement, *office]
        # "Direktur Poltekkes Jakarta Herman Widjaja": the run stopped at a word known from organisation or
        # place names, and a name follows it
        cursor, skipped = end, []
        while (nxt_word := match_at(r"[ \t]+([A-Z][\w’'-]*)(?=[ \t])", text, cursor)) and self.names.office_word(
            nxt_word.group(1)
        ):
            skipped.append(nxt_word.group(1))
            cursor = nxt_word.end()
        if skipped:
            inner = self._name_at(text, cursor + 1)
            if inner and text[cursor : cursor + 1] == " ":
                return inner, cursor, [*complement, *words, *skipped]
        honoured = match_at(r"[ \t]+", text, end)
        if honoured:
            hon = self.honorific_re.match(text, honoured.end())
            if hon and hon.end() > hon.start():
                # "Penjabat Bupati Sangihe dr Rinny Tamuntuan": the honorific begins the name
                inner = self._name_at(text, honoured.end())
                if inner:
                    return inner, end, [*complement, *words]
        after = match_at(r",[ \t]*", text, end)
        if after:
            # "Wakil Rektor Bidang Kemitraan Unhas, Prof. Dr. Andi Nurhayati": the office runs to the comma
            # and the name follows it, when what follows is a name of two words or more
            nxt = self._name_at(text, after.end(), strong=True)
            honoured = self.honorific_re.match(text, after.end())
            after_body = len(words) == 1 and complement and complement[-1] in self.org_words
            if nxt and (
                len(nxt[2].split()) >= 2
                or (honoured and honoured.end() > honoured.start())
                or (after_body and not self.names.is_person(words[0]))  # "Setda Bomana, Ridwan"
            ):
                return nxt, end, [*complement, *words]
        # "Kepala Dinas Perikanan Lombok Timur Muhammad Azlan": a leading place name belongs to the office
        levels = ALL_LEVELS if len(words) > 2 else ADMIN_LEVELS | {title.jurisdiction_level or "provinsi", "kecamatan"}
        for k in range(min(3, len(words) - 1), 0, -1):
            place = " ".join(words[:k])
            if self.gaz.lookup(place, levels) and not self.names.is_person(words[0]):
                own = ADMIN_LEVELS | {title.jurisdiction_level} | ({LEVEL_OF[complement[-1]]} if complement and
                                                                  complement[-1] in LEVEL_OF else set())
                apart = re.search(rf"(?<![\w’']){re.escape(place)}(?![\w’'])(?![ \t]+{re.escape(words[k])})", text)
                if len(words) == 2 or self.gaz.lookup(place, own) or apart:
                    # "Menteri Kelautan dan Perikanan Sakti Wahyu Trenggono": a kecamatan's name heads a person's
                    # name unless the title governs such a place or the article writes it elsewhere alone
                    return self._split_at(text, name, k, complement)
        first = words[0]
        if len(words) >= 2 and self.names.counts_of(first) is None and REGION_ABBREVIATION.fullmatch(first):
            return self._split_at(text, name, 1, complement)  # "Bupati Kukar ...", "Wabup Lamsel ..."
        if len(words) >= 3 and not complement and title.jurisdiction_level and not self.names.is_person(first):
            return self._split_at(text, name, 1, complement)  # "Lurah Ballaparang Ryan Tarukallo": its place
        # "Direktur Poltekpar Lombok Herry Rachmat": the last word known from organisation or place names
        # (not the first word) ends the office
        last = max((i for i, w in enumerate(words[:-1]) if self.names.office_word(w)), default=0)
        if last:
            return self._split_at(text, name, last + 1, complement)
        for k in range(len(words) - 1, 0, -1):
            if self._written_in_a_name(text, words[:k], words[k], start):
                return self._split_at(text, name, k, complement)
        return name, comp_end, complement

    def _written_in_a_name(self, text: str, head: list[str], nxt: str, here: int) -> bool:
        """The article writes ``head`` elsewhere at the end of a longer capitalised name or of a place phrase.

        "Direktur Poltekpar Lombok Herry Widjaja" where the article also writes "Perguruan Tinggi Poltekpar Lombok":
        the words are an institution's or a place's name, not the start of a person's. A later mention of the
        person alone ("kata Herry") comes after a lowercase word and does not count.
        """
        if self.names.is_person(head[0]) or head[0] in self.honorific_words:
            return False
        phrase = " ".join(head)
        if _WORD_RE.fullmatch(head[0]):  # the phrase is looked for where its first word stands (at most 50 places)
            starts = [
                p for p in _word_positions(text).get(head[0])[:50]
                if text.startswith(phrase, p) and (p == 0 or text[p - 1] != ".")
                and _PHRASE_END.match(text, p + len(phrase))
            ]
        else:
            pattern = re.compile(rf"(?<![\w’'.-]){re.escape(phrase)}(?=[ \t]*[,.;:)\"”])")
            starts = [m.start() for m in pattern.finditer(text)]
        for start in starts:
            if start == here:
                continue
            # the word before, not at the start of a sentence ("Menurut Indah,")
            before = re.search(r"[\w,][ \t]+(\S+)[ \t]+$", text[max(0, start - 40) : start])
            if not before:
                continue
            word = before.group(1)
            if word in {"di", "ke", "dari"} or (
                WORD_RE.fullmatch(word) and word not in self.honorific_words and word not in self.titles
            ):
                return True
        return False

    def _role_list_name(self, text: str, m: re.Match) -> tuple[int, int, str] | None:
        """In a list of roles ("pengurusnya adalah Ketua Wardoyo, Sekretaris Sutiana, Bendahara Eko"): the name.

        A bare title followed by a name is a list item when a title-and-name item comes before it after a comma,
        or one follows it after a comma.
        """
        if text[m.end("title") : m.end("title") + 1] != " ":
            return None
        name = self._name_at(text, m.end("title") + 1)
        if not name or any(self.names.not_name(w) or w in self.org_words for w in name[2].split()):
            return None
        follows = re.match(r"[ \t]*,[ \t]*(?:dan[ \t]+)?", text[name[1] :])
        if follows and self.title_re.match(text, name[1] + follows.end()):
            nxt = self.title_re.match(text, name[1] + follows.end())
            if self.titles[nxt["title"]].needs_complement and " " not in nxt["title"]:
                return name
        before = re.search(
            r"(?:^|[,:])[ \t]*([^,:\n]{3,60}),[ \t]*(?:dan[ \t]+)?$", text[max(0, m.start() - 70) : m.start()]
        )
        if before:
            prev = self.title_re.match(before.group(1))
            if prev and self.titles[prev["title"]].needs_complement and " " not in prev["title"]:
                rest = before.group(1)[prev.end() :].split()
                if rest and all(WORD_RE.fullmatch(w) and not self.names.not_name(w) for w in rest):
                    return name
        return None

    @staticmethod
    def _always_after(text: str, pos: int, word: str) -> bool:
        """A one-word name the article writes again, each time after the same capitalised word as here."""
        before = re.search(r"([A-Z][\w’'-]*)[ \t]+$", text[max(0, pos - 40) : pos])
        if not before:
            return False
        # the word's places from one index of the text's words (a scan per name would be quadratic); at most
        # 50 other uses are compared
        if _WORD_RE.fullmatch(word):
            found = _word_positions(text).get(word)
        else:
            found = [m.start() for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", text)]
        uses = [u for u in found if u != pos][:50]
        same = re.compile(rf"{re.escape(before.group(1))}[ \t]+$")
        return bool(uses) and all(same.search(text[max(0, u - 40) : u]) for u in uses)

    @staticmethod
    def _used_as_place(text: str, word: str) -> bool:
        """The article also writes the word as a place: after a region word or a preposition of place."""
        # the cue ends with white space; a text naming many places asks about many words (see _WordPlaces)
        uses = _runs_after_space(text).get(word) if word.isalnum() else _uses(text, word)
        return any(PLACE_CUE.search(text[max(0, i - 12) : i]) for i in uses)

    def _split_at(self, text: str, name: tuple[int, int, str], k: int, complement: list[str]):
        """The first ``k`` words of a name's run go to the office; the rest is the name."""
        start, end, words = name[0], name[1], name[2].split()
        office_end = text.index(words[k - 1], start) + len(words[k - 1])
        rest = text.index(words[k], office_end)
        return (rest, end, text[rest:end]), office_end, [*complement, *words[:k]]

    def _role(self, title: Title, complement: list[str]) -> str:
        """The canonical role: the title's, or for a bare "Kepala" the kind of office it heads."""
        if title.role == "anggota dprd" and "DPR" in complement:
            return "anggota dpr"  # "Anggota Komisi IV DPR RI": the national house
        if title.role == "kepala" and complement:
            first = complement[0]
            shorts = [self.titles.get(w.strip("()")) for w in complement if w.startswith("(")]
            short = next((t for t in shorts if t and t.role != "kepala"), None)
            if short:
                return short.role  # "Kepala Kepolisian Daerah (Kapolda) Maluku": the short title in brackets
            if first in {"Kejaksaan", "Pengadilan"} and complement[1:2] in (["Negeri"], ["Tinggi"]):
                return f"kepala {first.lower()} {complement[1].lower()}"  # "Kepala Kejaksaan Negeri Ambon"
            for abbr, office in self.offices.items():
                if abbr.split()[0] == first and office.kind in {"dinas", "badan", "balai"}:
                    return f"kepala {office.kind}"
            if first in {"Dinas", "Badan", "Bidang", "Bagian", "Seksi", "Pusat", "Balai", "Kantor", "Desa"}:
                return f"kepala {first.lower()}"
            if re.fullmatch(r"Di[sn][a-z]{2,}", first):  # an abbreviated Dinas: "Diskan", "Disperindagkop"
                return "kepala dinas"
            if "Cabang" in complement:  # "Kepala Bank X Cabang Y" heads the branch
                return "kepala cabang"
            if "Perwakilan" in complement:  # "Kepala Bank Indonesia Perwakilan Sulawesi Utara"
                return "kepala perwakilan"
            unit = re.fullmatch(r"[A-Z][a-z]{3,}", first) and not self.gaz.lookup(first, ADMIN_LEVELS | {"kecamatan"})
            if unit and not self.names.is_person(first):
                return f"kepala {first.lower()}"  # the unit it heads: "Kepala Perwakilan", "Kepala Jorong"
        return title.role

    def _split_office(self, complement: list[str], title: Title, head: str) -> tuple[str | None, str | None]:
        """(jurisdiction, organization) from the office words."""
        words = [w.strip("()") for w in complement]
        jurisdiction = None
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n, -1, -1):
                phrase = " ".join(words[i : i + n])
                levels = set(ADMIN_LEVELS)
                if i == 0 and title.jurisdiction_level in ALL_LEVELS:
                    levels.add(title.jurisdiction_level)
                if i > 0 and words[i - 1] in LEVEL_OF:
                    levels.add(LEVEL_OF[words[i - 1]])
                if self.gaz.lookup(phrase, levels):
                    jurisdiction = phrase
                    break
            if jurisdiction:
                break
        org_words = [w for w in complement if w not in (jurisdiction or "").split()]
        while org_words and org_words[-1] in {"Kabupaten", "Kota", "Provinsi", "Pemerintah", "Desa", "Kecamatan"}:
            org_words.pop()
        last = head.split()[-1]
        if org_words and last in self.institutions:
            org_words.insert(0, last)
        org = " ".join(org_words) or None
        if org and all(w.strip("()").isupper() and len(w) <= 4 for w in org_words) and title.jurisdiction_level:
            jurisdiction, org = jurisdiction or org, None
        return jurisdiction, org

    # -- the component -------------------------------------------------------------------------------

    @staticmethod
    def _title_case_lines(text: str) -> list[tuple[int, int]]:
        """Spans of lines written in Title Case (headlines): nearly every word capitalised, no full stop at the end."""
        out = []
        pos = 0
        for line in text.split("\n"):
            if not line.rstrip().endswith("."):  # (most lines are paragraphs: their words are not looked at)
                ws = [w for w in line.split() if w[:1].isalpha()]
                if len(ws) >= 4 and sum(w[0].isupper() for w in ws) >= 0.8 * len(ws):
                    out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out

    def _office_to_comma(self, text: str, pos: int) -> tuple[int, list[str]] | None:
        """The rest of an office's name up to the comma before a name ("... Peternakan dan Kesehatan Hewan, X")."""
        m = re.match(r"((?:[ \t]+[^\s,.;:!?\"“”()]+){1,10}?)[ \t]*,", text[pos : pos + 160])
        if not m:
            return None
        ws = m.group(1).split()
        # "Sosial dan Budaya Kecamatan X, Y" goes on; so does "Bupati dan Wakil Bupati Tabalong, A dan B" (A is
        # the first office's holder, as the article lists them in order)
        joined = ws[0] in JOINERS and len(ws) > 1 and ws[1][:1].isupper()
        if not ws[0][:1].isupper() and ws[0] not in {"pada", "di", "setempat"} and not joined:
            return None
        if any(not w[:1].isupper() and CLAUSE_WORD.fullmatch(w) for w in ws):
            return None
        return pos + len(m.group(1)), ws

    @staticmethod
    def _unwrap(text: str) -> str:
        """Text hard-wrapped at a fixed width ("Gubernur\\nSulut Dr ..."): line breaks inside sentences become spaces.

        A text is hard-wrapped when at least half of its (eight or more) lines are 50-100 characters long and end
        without a sentence's closing mark; offsets do not change.
        """
        lines = [ln for ln in text.split("\n") if ln.strip()]
        open_ends = sum(50 <= len(ln) <= 100 and ln[-1:] not in '.!?"”:) ' for ln in lines)
        if len(lines) < 8 or open_ends < 0.5 * len(lines):
            return text
        return re.sub(r"(?<=[\w,])\n(?=[\w(])", " ", text)

    def find(self, text: str) -> list[Official]:
        """Every title-with-name in the text, then later short mentions of the same people."""
        found: list[Official] = []
        text = self._unwrap(text)
        headlines = self._title_case_lines(text[:2000])
        for m in self.title_re.finditer(text):
            before = text[max(0, m.start() - 12) : m.start()].split()
            if before and before[-1].lower() in self.not_now:
                continue
            title = self.titles[m["title"]]
            listed = self._role_list_name(text, m) if title.needs_complement and " " not in title.pattern else None
            if listed:
                comp_end, complement = m.end("title"), []
            else:
                comp_end, complement = self._complement(text, m.end("title"), title)
            # a bare single-word title ("ketua", "bendahara") names an office only after a cue word
            cue_only = title.needs_complement and not complement and " " not in title.pattern and not listed
            name = listed
            rule = title.id + (":role-list" if listed else "")
            after = text[comp_end : comp_end + 3]
            if name:
                pass
            elif after.startswith(",") and not cue_only:
                pos = comp_end
                # skip an address after the office ("..., Jawa Timur, Abu Bakar Abdi")
                for _ in range(3):
                    nm = match_at(r"[ \t]*,[ \t]*", text, pos)
                    if not nm:
                        break
                    region = self._region_words(text, nm.end(), ADMIN_LEVELS)
                    if region:
                        pos = region[0]
                        continue
                    name = self._name_at(text, nm.end(), strong=True)
                    break
                rule += ":title-comma-name"
            elif cue_only:
                pass
            elif complement or not title.needs_complement:
                # "Bupati Demak Eisti'anah": the name follows the office directly
                nm = match_at(r"[ \t]+", text, comp_end)
                if nm:
                    name = self._name_at(text, nm.end())
                    rule += ":title-name"
                if name:
                    name, comp_end, complement = self._settle(text, name, comp_end, complement, title)
                if name and (
                    re.match(r"[ \t]+(?:\d|(?:Dinas|Badan|Kantor|Bidang)\b)", text[name[1] :])
                    or (complement and complement[-1] in LEVEL_OF)
                    or (" " not in name[2] and OFFICE_GOES_ON.match(text, name[1]))
                ):
                    # "Ketua KUBE Rahayu 1", "Kelurahan Ballaparang": part of a group's or a place's name; the
                    # person may still be named before the title ("Dede (46) adalah Ketua KUBE Rahayu 1");
                    # "Kabid Perikanan Tangkap DKP Provinsi Maluku, Ir. Ahmad": a body and its region follow
                    name = None
                if name is None and not complement:
                    comp_end = m.end("title")
            if name is None and not cue_only and (complement or not title.needs_complement):
                # "Kepala Bidang Peternakan dan Kesehatan Hewan Kebumen, Retno Handarwati": the office runs on
                rest = self._office_to_comma(text, comp_end)
                if rest:
                    nm = re.match(r"[ \t]*,[ \t]*", text[rest[0] :])  # "Bupati X , Nama": space before the comma
                    name = self._name_at(text, rest[0] + nm.end(), strong=True) if nm else None
                    if name and len(name[2].split()) >= 1 and not self.names.is_region(name[2], ALL_LEVELS):
                        comp_end, complement = rest[0], [*complement, *rest[1]]
                        rule = title.id + ":title-office-comma-name"
                    else:
                        name = None
            if name is None:
                # "Siti, Kepala ...", "Sumarni (51), Ketua ...", "Mahani selaku Ketua ...", "Budi (Kades X)"
                m_before = re.search(
                    rf"(?:[ \t]*\(\d{{1,3}}\))?(?:[ \t]*,[ \t]*|[ \t]+{NAME_CUES}[ \t]+|[ \t]*,[ \t]*{NAME_CUES}[ \t]+"
                    rf"|[ \t]*\([ \t]*)$",
                    text[max(0, m.start() - 30) : m.start()],
                )
                if cue_only and m_before and not re.search(NAME_CUES, m_before.group()):
                    m_before = None
                tail = text[comp_end : comp_end + 2]
                if m_before and (tail[:1] in ",.)" or tail.strip() == "" or tail[:1] == " "):
                    name = self._name_before(text, m.start() - len(m_before.group()))
                    rule = title.id + ":name-comma-title"
            if name is None or self.names.is_region(name[2], ALL_LEVELS - VILLAGE):
                continue
            if " " not in name[2] and (title.jurisdiction_level or complement) and self._used_as_place(text, name[2]):
                continue  # "kata Kades Ungge." where the article also writes "desa Ungge": the place, not a name
            if " " not in name[2] and self._always_after(text, name[0], name[2]):
                continue  # "Pengelola KEK Tanjung Lesung" where the article always writes "Tanjung Lesung"
            if any(s <= name[0] < e for s, e in headlines) and not self.names.headline_name(name[2].split()):
                continue  # a Title Case headline capitalises every word: only known names count there
            n_start, n_end, n_text = name
            n_text = self.degrees_re.sub("", n_text).strip()
            title_text = text[m.start() : comp_end].strip()
            jurisdiction, organization = self._split_office(complement, title, m["title"])
            start = min(m.start(), n_start)
            end = max(comp_end, n_end)
            found.append(
                Official(
                    start,
                    end,
                    n_text,
                    title_text,
                    self._role(title, complement),
                    rule,
                    jurisdiction,
                    organization,
                    (n_start, n_end),
                )
            )
        return found + self._short_mentions(text, found)

    def _short_mentions(self, text: str, found: list[Official]) -> list[Official]:
        """Later mentions by name alone ("Iskandar", "Eisti'anah") of officials already found."""
        # one scan for all the names (a trie regex, bisect over the covered spans): linear in the text
        out: list[Official] = []
        first = {}
        for o in found:
            first.setdefault(o.name, o)
        named_by: dict[str, set[str]] = {}  # a word or full name -> the names it is part of
        forms: set[str] = set()
        for full in first:
            named_by.setdefault(full, set()).add(full)
            for w in full.split():
                named_by.setdefault(w, set()).add(full)
            forms.update([full, *(p for p in full.split() if len(p) > 2 and p not in self.stop)])
        covered = sorted((o.start, o.end) for o in found)
        starts, reach = [s for s, _ in covered], list(itertools.accumulate((e for _, e in covered), max))
        if not forms:
            return out
        for m_start, m_end, form in _whole_words(text, forms):
            i = bisect.bisect_right(starts, m_start)
            if i and reach[i - 1] > m_start:
                continue
            owners = named_by[form]
            if len(owners) > 1:
                continue  # the same word names two officials: leave it
            src = first[next(iter(owners))]
            out.append(
                Official(
                    m_start,
                    m_end,
                    src.name,
                    src.title,
                    src.role,
                    "official:name-only",
                    src.jurisdiction,
                    src.organization,
                    (m_start, m_end),
                )
            )
        return out

    def __call__(self, doc: Doc) -> Doc:
        for o in self.find(doc_text(doc)):
            add_span(
                doc,
                "officials",
                o.start,
                o.end,
                o.rule,
                span_label=o.role,
                name=o.name,
                title=o.title,
                role=o.role,
                jurisdiction=o.jurisdiction,
                organization=o.organization,
                name_start=o.name_span[0],
                name_end=o.name_span[1],
            )
        return doc


@Language.factory("berita_officials", default_config={"max_name_words": 6})
def make_officials(nlp: Language, name: str, max_name_words: int) -> OfficialFinder:
    """Create the berita_officials component."""
    return OfficialFinder(max_name_words=max_name_words)
