"""Officials: a title with its office and a person's name, in the orders Indonesian news writes them."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .. import gazetteer
from ..lexicon import Title, alternation, honorifics, offices, rows, word_class, word_set
from ._spans import add_span, doc_text
from .textutil import CAP, trie_alternation

ALL_LEVELS = {"provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan"}
ADMIN_LEVELS = {"provinsi", "kabupaten", "kota"}
VILLAGE = {"desa", "kelurahan"}
# Words that may join two parts of an office's name ("Humas dan Protokol", "Keuangan & SDM").
JOINERS = {"dan", "&"}
LEVEL_OF = {
    "Kabupaten": "kabupaten",
    "Kota": "kota",
    "Provinsi": "provinsi",
    "Kecamatan": "kecamatan",
    "Desa": "desa",
    "Kelurahan": "kelurahan",
}


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
        self.title_re = re.compile(
            rf"(?<![\w])(?:(?P<mod>{alternation(mods)})[ \t]+)?(?P<title>{alternation(list(self.titles))})(?![\w])"
        )
        self.offices = offices()
        self.named_bodies = word_class("named_body")
        self.institutions = word_class("institution")
        self.not_now = word_class("not_now")
        self.office_words = {a.split()[0] for a in self.offices}
        self.org_words = word_set("org_words.tsv")
        self.stop = word_set("name_stopwords.tsv") | self.org_words
        hon = [h.form for h in honorifics()]  # academic titles (Ir., Dr., Prof.) also come before a name
        deg = [h.form for h in honorifics() if h.kind == "degree"]
        self.honorific_re = re.compile(rf"(?:(?:{alternation(hon)})(?:(?<=\.)|(?![\w]))[ \t]*)+")
        self.degrees_re = re.compile(rf"(?:[ \t]*,[ \t]*(?:{alternation(deg)})(?![\w]))+")

    # -- names ---------------------------------------------------------------------------------------

    def _is_name_word(self, w: str) -> bool:
        return (
            bool(re.fullmatch(CAP, w))
            and w not in self.stop
            and w not in self.titles
            and not (len(w) > 1 and w.isupper())
        )

    def _name_at(self, text: str, pos: int) -> tuple[int, int, str] | None:
        """A person's name starting at ``pos`` (honorifics skipped, degrees after it dropped)."""
        m = self.honorific_re.match(text, pos)
        start = m.end() if m else pos
        end = start
        count = 0
        for w in re.finditer(r"\S+", text[start : start + 120]):
            word = w.group().rstrip(',.;:)”"')
            if count >= self.max_name_words or not self._is_name_word(word):
                break
            end = start + w.start() + len(word)
            count += 1
            if w.group() == word + "." and len(word) <= 4 and re.match(r"[ \t]+[A-Z]", text[start + w.end() :]):
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
        m = re.search(r"((?:[A-Z][\w’'.-]*[ \t]+){0,5}[A-Z][\w’'-]*)(?:[ \t]*,[ \t]*[A-Z][\w.]*\.)*[ \t]*$", chunk)
        if not m:
            return None
        base = pos - len(chunk)
        ws = list(re.finditer(r"\S+", m.group(1)))
        # keep the name words nearest the comma
        keep = []
        for w in reversed(ws):
            if not self._is_name_word(w.group()):
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
            m = re.match(r"[ \t]+(\S+)", text[cursor:])
            if not m:
                break
            raw = m.group(1)
            word = raw.rstrip(",.;:")
            trailing = raw != word
            nxt = self._next_word(text, cursor + m.end())
            if word in JOINERS:
                if taken and nxt and (nxt in self.org_words or nxt.isupper()):
                    taken.append(word)
                    cursor += m.end()
                    continue
                break
            # a region's name, perhaps of several words ("Jakarta Utara", "DKI Jakarta")
            levels = set(ADMIN_LEVELS)
            if title.jurisdiction_level in ALL_LEVELS:
                levels.add(title.jurisdiction_level)
                if title.jurisdiction_level in VILLAGE:  # news and the list disagree on desa/kelurahan
                    levels |= VILLAGE
            if taken and taken[-1] in LEVEL_OF:
                levels.add(LEVEL_OF[taken[-1]])
            region = self._region_words(text, cursor + m.start(1), levels)
            if region:
                n_end, n_words = region
                taken.extend(n_words)
                cursor = end = n_end
                if text[end : end + 1] in ",.;:":
                    break
                continue
            if word in self.named_bodies:
                # "Ketua Kelompok Tani Beudoh Beusaree, Nurdin": the body's own name runs to the comma
                run = re.match(rf"[ \t]+{re.escape(word)}((?:[ \t]+(?:{CAP}|dan|&))+?)[ \t]*,", text[cursor:])
                if run and "\n" not in run.group(0):
                    taken.extend([word, *run.group(1).split()])
                    cursor = end = cursor + len(run.group(0).rstrip(",").rstrip())
                    break
            if word in {"PT", "Perum", "CV"}:
                company = re.match(rf"[ \t]+{word}((?:[ \t]+{CAP})+)[ \t]+(\([A-Za-z]+\))", text[cursor:])
                if company:
                    taken.extend([word, *company.group(1).split(), company.group(2)])
                    cursor = end = cursor + company.end()
                    continue
            if word.startswith("(") and not word.endswith(")"):
                # "(Disperindagkop UM)": an abbreviation of several words in brackets belongs to the office
                closing = re.match(r"[ \t]+\([^()\n]{1,40}\)", text[cursor:])
                if closing:
                    taken.append(closing.group().strip())
                    cursor = end = cursor + closing.end()
                    continue
            is_office = (
                word in self.org_words
                or word in self.office_words
                or (word.startswith("(") and word.endswith(")"))
                or (len(word) > 1 and word.isupper() and word.isalpha())
                or (taken and taken[-1] in {"PT", "Perum", "Bank", "CV"} and re.fullmatch(CAP, word))
                or (title.needs_complement and not taken and re.fullmatch(CAP, word) and word not in self.stop)
            )
            if not is_office or not re.fullmatch(rf"\(?{CAP}\)?|\(?[A-Z][\w.]*\)?", word):
                break
            taken.append(word)
            cursor += m.start(1) + len(word)
            end = cursor
            if trailing and raw.endswith(",") and self._office_continues(text, cursor + 1):
                # "Kepala Dinas Perindustrian, Koperasi dan UKM Kota Yogyakarta, Tri Haryanto": commas
                # inside an office's name; the name begins where no office word follows the comma
                cursor += 1
                continue
            if trailing:
                break
        while taken and taken[-1] in JOINERS:
            taken.pop()
        return end, taken

    def _office_continues(self, text: str, pos: int) -> bool:
        """After a comma: does the office's name go on ("Perdagangan", "dan Energi") or a name begin?"""
        m = re.match(r"[ \t]+(?:dan[ \t]+)?([A-Z][\w]*)", text[pos:])
        return bool(m) and (m.group(1) in self.org_words or m.group(1) in self.office_words)

    def _next_word(self, text: str, pos: int) -> str | None:
        m = re.match(r"[ \t]+(\S+)", text[pos:])
        return m.group(1).rstrip(",.;:") if m else None

    def _region_words(self, text: str, pos: int, levels: set[str] = ADMIN_LEVELS) -> tuple[int, list[str]] | None:
        ws = list(re.finditer(r"[^\s,.;:]+", text[pos : pos + 60]))[: self.gaz.max_words]
        if not ws:
            return None
        for n in range(min(len(ws), self.gaz.longest_from(ws[0].group())), 0, -1):
            if not all(re.fullmatch(CAP, w.group()) for w in ws[:n]):
                continue
            if self.gaz.lookup(" ".join(w.group() for w in ws[:n]), levels):
                return pos + ws[n - 1].end(), [w.group() for w in ws[:n]]
        return None

    def _settle(self, text: str, name: tuple[int, int, str], comp_end: int, complement: list[str]):
        """Move the end of an office's name out of a person's name.

        "Ketua Yayasan Pembangunan Sanur, Ida Bagus ...": a single word followed by a comma and a
        longer name belongs to the office; so does a leading place name ("Balai Taman Nasional
        Tambora Budi Kurniawan").
        """
        start, end, words = name[0], name[1], name[2].split()
        after = re.match(r",[ \t]*", text[end:])
        if after:
            # "Wakil Rektor Bidang Kemitraan Unhas, Prof. Dr. Andi Nurhayati": the office runs to the comma
            # and the name follows it, when what follows is a name of two words or more
            nxt = self._name_at(text, end + after.end())
            if nxt and len(nxt[2].split()) >= 2:
                return nxt, end, [*complement, *words]
        if len(words) > 2 and self.gaz.lookup(words[0], ALL_LEVELS):
            rest = start + len(words[0])
            rest += len(text[rest:]) - len(text[rest:].lstrip())
            return (rest, end, text[rest:end]), start + len(words[0]), [*complement, words[0]]
        return name, comp_end, complement

    def _role(self, title: Title, complement: list[str]) -> str:
        """The canonical role: the title's, or for a bare "Kepala" the kind of office it heads."""
        if title.role == "kepala" and complement:
            first = complement[0]
            for abbr, office in self.offices.items():
                if abbr.split()[0] == first and office.kind in {"dinas", "badan"}:
                    return f"kepala {office.kind}"
            if first in {"Dinas", "Badan", "Bidang", "Bagian", "Seksi", "Pusat", "Balai", "Kantor", "Desa"}:
                return f"kepala {first.lower()}"
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

    def find(self, text: str) -> list[Official]:
        """Every title-with-name in the text, then later short mentions of the same people."""
        found: list[Official] = []
        for m in self.title_re.finditer(text):
            before = text[max(0, m.start() - 12) : m.start()].split()
            if before and before[-1].lower() in self.not_now:
                continue
            title = self.titles[m["title"]]
            comp_end, complement = self._complement(text, m.end("title"), title)
            if title.needs_complement and not complement:
                continue
            name = None
            rule = title.id
            after = text[comp_end : comp_end + 3]
            if after.startswith(","):
                pos = comp_end
                # skip an address after the office ("..., Jawa Timur, Abu Bakar Abdi")
                for _ in range(3):
                    nm = re.match(r"[ \t]*,[ \t]*", text[pos:])
                    if not nm:
                        break
                    region = self._region_words(text, pos + nm.end(), {"provinsi"})
                    if region:
                        pos = region[0]
                        continue
                    name = self._name_at(text, pos + nm.end())
                    break
                rule += ":title-comma-name"
            elif complement or not title.needs_complement:
                # "Bupati Demak Eisti'anah": the name follows the office directly
                nm = re.match(r"[ \t]+", text[comp_end:])
                if nm:
                    name = self._name_at(text, comp_end + nm.end())
                    rule += ":title-name"
                if name and (complement or title.needs_complement):
                    name, comp_end, complement = self._settle(text, name, comp_end, complement)
                if name is None and not complement:
                    comp_end = m.end("title")
            if name is None:
                m_before = re.search(r",[ \t]*$", text[max(0, m.start() - 3) : m.start()])
                tail = text[comp_end : comp_end + 2]
                if m_before and (tail[:1] in ",." or tail.strip() == "" or tail[:1] == " "):
                    name = self._name_before(text, m.start() - len(m_before.group()))
                    rule = title.id + ":name-comma-title"
            if name is None:
                continue
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
        for m in re.finditer(rf"(?<![\w’'])(?:{trie_alternation(forms)})(?![\w’'])", text):
            i = bisect.bisect_right(starts, m.start())
            if i and reach[i - 1] > m.start():
                continue
            owners = named_by[m.group()]
            if len(owners) > 1:
                continue  # the same word names two officials: leave it
            src = first[next(iter(owners))]
            out.append(
                Official(
                    m.start(),
                    m.end(),
                    src.name,
                    src.title,
                    src.role,
                    "official:name-only",
                    src.jurisdiction,
                    src.organization,
                    (m.start(), m.end()),
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
