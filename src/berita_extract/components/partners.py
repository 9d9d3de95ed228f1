"""Partners: organisations that the article says cooperate in, support or take part in the activity."""

from __future__ import annotations

import bisect
import re
from typing import Literal

from pydantic import Field
from spacy.language import Language
from spacy.tokens import Doc

from .. import gazetteer
from ..lexicon import alternation, rows, word_class, word_set
from ..patterns import Row, load
from ._spans import add_span, doc_text
from .numbers import NumberWordRow, written_number
from .textutil import CAP
from .wordindex import WordIndex, heads, word_index

# verbs before which their subject supports ("Polres X turut mendukung") or lends ("Bank X menyalurkan kredit")
SUPPORT_VERBS = frozenset({"mendukung", "mendampingi", "membantu"})
LEND_VERBS = frozenset({"menyalurkan", "mengucurkan"})
# a regional government written in lowercase before its region's name: "bantuan dari pemerintah provinsi Sulbar"
LOWER_GOVERNMENT = r"pemerintah[ \t]+(?:provinsi|kabupaten|kota|daerah)"
# words that say which region a government governs, not its name ("Pemerintah Kabupaten Kudus")
REGION_LEVELS = frozenset({"Kabupaten", "Kota", "Provinsi", "Desa", "Kab.", "Prov.", "Daerah"})
# an abbreviation in brackets after a name: "(BRI)", "(Kementan RI)"
ABBR = r"[A-Z][A-Za-z]*(?:[ \t][A-Z][A-Za-z]*)?"
# words that end the description of the help: what follows them is its receiver or a clause
FUNCTION_WORDS = (
    r"(?:kepada|untuk|bagi|ke|di|pada|oleh|dalam|yang|dan|atau|dengan|dari|itu|ini|tersebut|akan|telah|sudah)"
)
# a verb ("digelar", "menyalurkan"): what follows it is its object or agent, not the giver of the help
VERB_PREFIX = r"(?:di|me|ber|ter)[a-z]{3}|program|kegiatan"
ADVERBS = r"(?:diminta|akan|telah|sudah|juga|siap|turut|kembali|resmi|secara[ \t]+resmi|pun|bersama|hari[ \t]+ini)"


class PartnerWordRow(Row):
    """A row of patterns/partner_words.tsv: a word and the partner rule that reads it."""

    word: str = Field(min_length=1)
    role: Literal[
        "support_noun",
        "fund",
        "name_end",
        "generic_org",
        "not_partner",
        "cooperation_noun",
        "cooperation_verb",
        "country",
        "company_end",
        "unit",
        "list_intro",
        "list_end",
        "giver_verb",
        "part_of",
        "kind_noun",
    ]


def partner_words(role: str) -> list[str]:
    """The words of patterns/partner_words.tsv with this role."""
    return [r.word for r in load("partner_words.tsv", PartnerWordRow) if r.role == role]


def _first_free(word: str) -> str:
    """A literal whose first letter matches either case: a cue also begins a sentence ("Kerja sama dengan")."""
    head = word[0]
    return (f"[{head.upper()}{head.lower()}]" if head.isalpha() else re.escape(head)) + re.escape(word[1:])


class PartnerFinder:
    """Finds partners; spans in doc.spans["partners"] carry name, kind and the stated count if any."""

    def __init__(self) -> None:
        self.gaz = gazetteer.load()
        # "bekerja sama dengan", also with a few words between ("kerja sama koperasi dengan",
        # "nota kesepahaman (MoU) dengan", "kerja sama kemitraan plasma sawit dengan")
        forms = []
        cue_rows = rows("partner_cues.tsv")
        for r in cue_rows:
            if r.cue.endswith(" dengan"):
                head = _first_free(r.cue[: -len(" dengan")])
                forms.append(rf"{head}(?:[ \t]+(?:[a-z]+|\([A-Za-z]+\))){{0,4}}[ \t]+dengan")
            else:
                forms.append(_first_free(r.cue))
        # the rule id of a match is its cue row's id: the longest cue that matches it whole
        pairs = sorted(zip(forms, cue_rows, strict=True), key=lambda x: -len(x[1].cue))
        self.cue_ids = [(re.compile(f), r.id) for f, r in pairs]
        self.cue_heads = heads((r.cue for r in cue_rows), either_case=True)
        cues = "|".join(sorted(forms, key=len, reverse=True))
        # bounded repetitions keep the regexes linear on long runs of capitalised words
        item = (
            rf"(?:(?:marketplace|platform|aplikasi|{LOWER_GOVERNMENT})[ \t]+)?(?:PT\.[ \t]*(?=[A-Z]))?"
            rf"(?:{CAP}|\((?:Persero|[A-Z]+)\))"
            rf"(?:[ \t]+(?:(?:Prov|Kab)\.[ \t]*{CAP}|{CAP}|\((?:Persero|{ABBR})\)|Tbk\.?|&"
            rf"|(?:and|of)(?=[ \t]+[A-Z]))){{0,9}}"
        )
        sep = r"(?:[ \t]*,[ \t]*(?:dan|serta|juga)?[ \t]*|[ \t]+(?:dan|serta)[ \t]+)"
        # a party named in lowercase words may stand between named ones: "BMKG, balai penyuluh, dan Poltek X"
        common = rf"(?:[ \t]*,[ \t]*(?!{FUNCTION_WORDS}[ \t])[a-z]+(?:[ \t]+[a-z]+){{0,2}}(?=[ \t]*,))?"
        lst = rf"{item}(?:{common}{sep}{item}){{0,15}}"
        intros = alternation(partner_words("list_intro")).replace(r"\ ", r"[ \t]+")
        count = (
            rf"(?P<count>{written_number()}|sejumlah|beberapa)[ \t]+"
            rf"(?P<noun>[a-z]+(?:[ \t]+[a-z]+){{0,3}}?)[ \t]*(?:,[ \t]*)?"
            rf"(?::|{intros})?[ \t]*"
        )
        # "menggandeng organisasi kepemudaan seperti Karang Taruna": a kind of party, then the parties
        kinds = rf"(?:[a-z]+[ \t]+){{1,3}}?(?:{intros})[ \t]*:?[ \t]*"
        funds = alternation(partner_words("fund"))
        self.fund_words = frozenset(f.split()[0] for f in partner_words("fund"))
        fund = rf"(?:(?:{funds})(?:[ \t]+\([A-Z]+\))?[ \t]+){{0,3}}"
        # the kind of body in lowercase before its name: "pihak", "sponsor tunggal", "lembaga riset"
        kind_nouns = alternation(partner_words("kind_noun"))
        body_kind = rf"(?:(?:{kind_nouns})(?:[ \t]+(?!{FUNCTION_WORDS}(?![\w]))[a-z]+){{0,2}}[ \t]+)?"
        self.cue_re = re.compile(
            rf"(?<![\w])(?P<cue>{cues})[ \t]+(?:{count}|{kinds})?{body_kind}{fund}(?P<list>{lst})"
        )
        # "bantuan alat tangkap dari X": the giver of the help, a few lowercase words after the support noun
        support = "|".join(_first_free(w) for w in sorted(partner_words("support_noun"), key=len, reverse=True))
        # or a verb of handing over or receiving: "menyerahkan alat tenun dari Kementerian X", "didapatkan dari"
        givers = "|".join(_first_free(w) for w in sorted(partner_words("giver_verb"), key=len, reverse=True))
        self.support_re = re.compile(
            # (the help may be a named programme: "Kredit Usaha Rakyat (KUR) dari Bank X")
            rf"(?<![\w])(?:{support}|{givers})(?:[ \t]+(?:[a-z][\w/-]*|[0-9][0-9.,]*-?|Rp\.?|[A-Z]{{2,}}|[A-Z][a-z]+"
            r"|\([A-Za-z &]+\))){0,5}"
            r"(?<!terdiri)(?<!mulai)[ \t]*$"
            # or an amount of money: "Rp 90 juta dari Bank X"
            r"|(?<![\w])Rp\.?[ \t]*[0-9][0-9.,]*(?:[ \t]+(?:ribu|juta|miliar|triliun))?[ \t]*$"
        )
        # the parties of an agreement: "penandatanganan MoU antara A, B dan C"
        agreements = "|".join(_first_free(w) for w in sorted(partner_words("cooperation_noun"), key=len, reverse=True))
        # (the first party may be named in lowercase words: "antara pemerintah daerah dan pihak Bank X")
        self.between_re = re.compile(
            rf"(?<![\w])(?:{agreements})(?:[ \t]+[^\s.,;:!?“”\"]+){{0,10}}?[ \t]+antara?[ \t]+"
            rf"(?:(?:[a-z]+[ \t]+){{1,3}}?(?:dan|dengan)[ \t]+)?(?:pihak[ \t]+)?(?P<list>{lst})"
        )
        # one scan finds where an agreement or a help is named; the three rules below are tried there only
        self.trigger_re = re.compile(rf"(?<![\w])(?:{agreements}|{support})")
        self.trigger_heads = heads(partner_words("cooperation_noun") + partner_words("support_noun"), either_case=True)
        # "kolaborasi Pemkab X dengan PT Y dan Z": both sides of the agreement
        self.sides_re = re.compile(
            rf"(?<![\w])(?:{agreements})[ \t]+(?P<first>{item})[ \t]+dengan[ \t]+(?:pihak[ \t]+)?(?P<list>{lst})"
        )
        # "atas kerja sama Fakultas X dan PT Y": the parties right after "by the cooperation of"
        lower = alternation([w for w in partner_words("cooperation_noun") if w.islower()])
        self.parties_re = re.compile(
            rf"(?<=atas |asil |rkat )(?:{lower})[ \t]+(?P<list>{item}(?:{sep}{item}){{1,15}})"
        )
        # help described before its giver: "dukungan permodalan Bank X", "bantuan alat PT Y"
        self.help_re = re.compile(
            rf"(?<![\w])(?P<cue>{support})(?:[ \t]+(?!{FUNCTION_WORDS}(?![\w])|{VERB_PREFIX})[a-z]+){{1,2}}[ \t]+"
            rf"(?P<list>{lst})"
        )
        # who supports, before the verb: "pihak Bappeda sangat mendukung", "Polres X turut mendukung"
        # (found by the verb, then the name just before it)
        self.support_verb_re = re.compile(rf"(?<![\w])(?:{alternation(SUPPORT_VERBS)})(?![\w])")
        self.supporter_re = re.compile(
            rf"(?<![\w])(?P<pihak>pihak[ \t]+)?(?P<list>{item}(?:{sep}{item}){{0,15}})[ \t]+(?:yang[ \t]+)?"
            # "komitmen Bank X, PT Y, Asuransi Z untuk dapat mendukung"
            rf"(?:selama[ \t]+ini[ \t]+|untuk[ \t]+(?:dapat[ \t]+)?)?(?:(?:{ADVERBS}|sangat|ikut)[ \t]+)*$"
        )
        self.lend_re = re.compile(
            rf"(?<![\w])(?:{alternation(LEND_VERBS)})[ \t]+(?:dana[ \t]+)?(?:pinjaman|kredit|pembiayaan|KUR)(?![\w])"
        )
        self.lender_re = re.compile(
            rf"(?<![\w])(?P<list>{item}(?:{sep}{item}){{0,5}})[ \t]+(?:(?:yang|dalam|untuk)[ \t]+)?"
            rf"(?:{ADVERBS}[ \t]+)*$"
        )
        # a verb of cooperation after its subjects: found by the (rare) verb, then the list before it
        verbs = sorted(partner_words("cooperation_verb"), key=len, reverse=True)
        verbs = "|".join(re.escape(v).replace(r"\ ", r"[ \t]+") for v in verbs)
        self.verb_re = re.compile(rf"(?<![\w])(?:{verbs})(?![ \t]+dengan)(?![\w])")
        self.verb_heads = heads(partner_words("cooperation_verb"))
        self.subject_re = re.compile(rf"(?<![\w])(?P<list>{item}(?:{sep}{item}){{1,15}})[ \t]+(?:{ADVERBS}[ \t]+)*$")
        self.item_re = re.compile(item)
        # a list in the sentence after a cue whose object named no one: "... menggandeng komunitas di desanya.
        # Seperti Komunitas A, B dan C.", "... kerja sama dengan ketiga desa tersebut. Ketiga desa itu antara lain,
        # Desa A, B, dan Desa C." (found by the opening words, then the cue in the sentence before); the openings
        # are the words that introduce members of a kind ("Meliputi", "Termasuk" also open lists of activities)
        naming = [w for w in partner_words("list_intro") if w not in {"meliputi", "termasuk", "masing-masing"}]
        digits = [r.word for r in load("numbers.tsv", NumberWordRow) if r.kind == "unit" and r.value >= 2]
        opening = (
            rf"(?:Ke(?:{alternation(digits)})|Para|Beberapa|Sejumlah)[ \t]+[a-z]+(?:[ \t]+[a-z]+)?"
            rf"(?:[ \t]+(?:itu|tersebut))?[ \t]+(?:{alternation(naming)})"
        )
        leads = alternation(w[0].upper() + w[1:] for w in naming).replace(r"\ ", r"[ \t]+")
        self.next_list_re = re.compile(rf"(?:(?:{leads})(?![\w])|{opening})[ \t]*[,:]?[ \t]*(?P<list>{lst})")
        self.next_list_heads = heads(naming, either_case=True) | heads(["Para", "Beberapa", "Sejumlah"]) | {
            "Ke" + d for d in digits
        }
        strict = [r.cue for r in cue_rows if r.loose == "no"] + partner_words("cooperation_verb")
        # the cue's object is unnamed: a lowercase word follows the cue's words ("menggandeng para kelompok")
        self.unnamed_object_re = re.compile(
            rf"(?<![\w])(?:{alternation(sorted(strict, key=len, reverse=True))})(?:[ \t]+dengan)?[ \t]+[a-z]"
        )
        # the subject of the first sentence and its verb of doing: "Bank Rakyat Indonesia (BRI) melalui program X
        # berupaya ...", "SIGLI - Kementerian Kelautan dan Perikanan RI membantu ..."
        self.lead_re = re.compile(
            rf"(?P<subject>(?:PT\.?[ \t]*)?{CAP}(?:[ \t]+(?:{CAP}|dan|&|\([A-Za-z ]+\)|Tbk\.?)){{0,20}})"
            r"[ \t]+(?:melalui[ \t]+[^.\n]{0,80}?[ \t]+)?(?:(?:resmi|kembali|telah|akan|terus)[ \t]+)?"
            r"(?:me[a-z]{3,}|berupaya|berkomitmen|berhasil)(?![\w])"
        )
        self.dash_re = re.compile(r"[^\n.]{0,120}?[ \t](?:-|–|—|--)[ \t]+")
        # a headline opens the text when its first line has no full stop; a verb of headlines drops its prefix
        self.headline_re = re.compile(
            rf"(?P<agent>(?:PT\.?[ \t]*)?{CAP}(?:[ \t]+{CAP}){{0,5}}?)[ \t]+"
            r"(?P<verb>[A-Z][a-z]+kan|Me[mn][a-z]{3,}|Ber[a-z]{3,})(?![\w])(?=[^.\n]*\n)"
        )
        self.cooperation_verbs = frozenset(
            w for v in partner_words("cooperation_verb") + partner_words("list_intro") for w in v.split()
        ) | {"kolaborasi", "gandeng", "jalin", "sinergi"}
        # the organisation that itself "bekerja sama dengan" others organises: the subject just before the cue
        self.agent_re = re.compile(rf"(?<![\w])(?P<agent>{item})[ \t]+(?:{ADVERBS}[ \t]+)*$")
        self.more_re = re.compile(rf"[^.,;:\n“”\"]{{0,60}}?,?[ \t]+(?:dan|serta)[ \t]+(?P<list>{item})")
        # (found by the bracket, then the name just before it)
        self.bracket_re = re.compile(rf"[ \t]\((?P<abbr>{ABBR})\)")
        self.abbr_re = re.compile(rf"(?<![\w])(?P<full>{CAP}(?:[ \t]+(?:{CAP}|dan|and|of|&)){{0,11}})$")
        countries = alternation(partner_words("country"))
        self.country_re = re.compile(rf"(?<=\w)[ \t]+(?:{countries})$")
        self.company_ends = frozenset(partner_words("company_end"))
        self.units = frozenset(partner_words("unit"))
        self.ext_re = re.compile(r"[ \t]+(?P<ext>[A-Z][^\n.,;:()]{0,60})")
        self.legal = sorted((r.form for r in rows("legal_forms.tsv")), key=len, reverse=True)
        self.stop = word_set("name_stopwords.tsv") | frozenset(partner_words("not_partner"))
        self.org_words = word_set("org_words.tsv")
        self.institutions = word_class("institution")
        self.body_starts = self.institutions | word_class("body_start")
        self.currencies = word_class("currency")
        self.governments = word_class("government")
        self.prepositions = frozenset(partner_words("list_end"))
        self.name_end = frozenset(partner_words("name_end")) | self.prepositions
        self.generic = frozenset(partner_words("generic_org"))
        self.parts = tuple(w + " " for w in partner_words("part_of"))
        self.titles = frozenset(
            r.pattern.split()[0] for r in rows("titles.jsonl") if r.pattern[:1].isupper()
        ) - self.org_words
        self.offices = self.institutions | self.titles
        # a person's title begins the item ("Kepala Dinas X", "Raja Negeri Y"), not only its first word ("Raja Susu")
        self.title_starts = tuple(r.pattern + " " for r in rows("titles.jsonl") if r.pattern[:1].isupper())
        self.cues = frozenset(r.cue for r in cue_rows)
        self.loose_cues = frozenset(r.cue for r in cue_rows if r.loose == "yes")
        self.support_nouns = frozenset(partner_words("support_noun")) | {"dana hibah", "dana CSR"}
        self.group_words = word_set("group_words.tsv")
        self.support_cues = frozenset(r.cue for r in cue_rows if r.loose == "support")
        self.kinds = {r.prefix: r.kind for r in rows("partner_kinds.tsv")}

    def clean(self, name: str) -> str:
        """An organisation's name without legal forms, platform words and its abbreviation in brackets.

        "PT X (Persero) Tbk" -> "X"; "Universitas Brawijaya (UB)" -> "Universitas Brawijaya";
        "Dinas Kelautan (DKP) Provinsi Maluku" -> "Dinas Kelautan": what follows the abbreviation is a branch.
        """
        words = re.sub(r"^PT\.[ \t]*(?=[A-Z])", "", name).split()  # "PT.Pupuk Indonesia", "PT. Pupuk Indonesia"
        cut = next((i for i, w in enumerate(words) if i and w.startswith("(")), None)
        if cut is not None:  # "PT Pertamina (Persero) RU II" -> "PT Pertamina"
            words = words[:cut]
        words = [w for w in words if w not in self.legal and w.rstrip(".") not in self.legal]
        while len(words) > 1 and words[0] in self.generic:
            words.pop(0)
        name = " ".join(words).strip(" ,")
        if words and words[0] in self.institutions:
            name = self.country_re.sub("", name)  # "Kementerian Sosial RI": the country of a national body
        return name

    def abbreviations(self, text: str) -> dict[str, str]:
        """Abbreviations the text introduces after a name: "Bank Rakyat Indonesia (BRI)" -> {"BRI": "Bank ..."}."""
        out: dict[str, str] = {}
        for b in self.bracket_re.finditer(text):
            m = self.abbr_re.search(text, max(0, b.start() - 160), b.start())
            if not m:
                continue
            abbr, words = b["abbr"], m["full"].split()
            capitals = [c.lower() for c in abbr if c.isupper()]
            for i, w in enumerate(words):
                if w[0].lower() != capitals[0] or w in self.legal:
                    continue
                # the abbreviation's capitals in order among the letters of the name ("UNS": Universitas Sebelas Maret)
                letters = iter("".join(words[i:]).lower()[1:])
                if all(c in letters for c in capitals[1:]) and len(words) - i > 1:
                    out.setdefault(abbr, self.clean(" ".join(words[i:])))
                    break
        return out

    def find(self, text: str, home: frozenset[str] = frozenset(), words: WordIndex | None = None) -> list[dict]:
        """Every partner named after a cooperation cue, as a party of an agreement, or before a verb of cooperation.

        ``home``: names and Kemendagri codes of the article's own regions (see ``home``); their governments organise
        and are no partners.
        """
        out = []
        agents = set()
        words = words or WordIndex(text)
        for m in words.finditer(self.cue_re, self.cue_heads):
            cue = m["cue"] if m["cue"] in self.cues else m["cue"][0].lower() + m["cue"][1:]
            if cue in self.support_cues and not self.support_re.search(text, max(0, m.start() - 100), m.start()):
                continue
            if cue.endswith("dengan") or cue.endswith("gandeng"):
                a = self.agent_re.search(text, max(0, m.start() - 200), m.start())
                if a:
                    agents.add(self.clean(a["agent"]))
            elif cue == "bersama":  # "Pemprov NTT bersama OJK dan Bank NTT mendesain": a government acts jointly
                a = self.agent_re.search(text, max(0, m.start() - 200), m.start())
                if a and a["agent"].split()[0] in self.governments:
                    rule = "partner:subject-bersama"
                    out.extend(self._items(text, a.start("agent"), a.end("agent"), rule, None, None))
            loose = "support" if cue in self.support_nouns else "yes" if cue in self.loose_cues else ""
            stated = (m["count"], m["noun"]) if m["count"] else None
            rule = "partner:" + next((i for rx, i in self.cue_ids if rx.fullmatch(m["cue"])), _slug(m["cue"]))
            span = (m.start("count"), m.end("noun")) if stated else None
            out.extend(self._items(text, m.start("list"), m.end("list"), rule, stated, span, loose=loose))
            # the list goes on after a short clause: "dengan PT X selaku eksportir dan Badan Y"
            pos = m.end("list")
            while (more := self.more_re.match(text, pos)) and self._looks_like_body(more["list"]):
                out.extend(self._items(text, more.start("list"), more.end("list"), rule + "+more", None, None))
                pos = more.end("list")
        for t in words.finditer(self.trigger_re, self.trigger_heads):
            out.extend(self._at_trigger(text, t.start()))
        for v in words.finditer(self.support_verb_re, SUPPORT_VERBS):
            m = self.supporter_re.search(text, max(0, v.start() - 150), v.start())
            if not m:
                continue
            loose = "yes" if m["pihak"] else "support"
            out.extend(self._items(text, m.start("list"), m.end("list"), "partner:supporter", None, None, loose=loose))
        # a bank that lends to the groups: "kemampuan Bank X (BX) dalam menyalurkan pinjaman ke koperasi"
        for v in words.finditer(self.lend_re, LEND_VERBS):
            m = self.lender_re.search(text, max(0, v.start() - 150), v.start())
            if m:
                found = self._items(text, m.start("list"), m.end("list"), "partner:lender", None, None, loose="yes")
                out.extend(p for p in found if p["kind"] == "bank")
        for v in words.finditer(self.verb_re, self.verb_heads):
            start = max(text.rfind(".", 0, v.start()), text.rfind("\n", 0, v.start()), v.start() - 300) + 1
            m = self.subject_re.search(text, start, v.start())
            if m:
                s = m.start("list")
                # "Terbaru, Pemprov dan Bank X menandatangani": a word that opens the sentence with a comma
                first = re.match(r"[^\s,]+,", text[s : m.end("list")])
                if first and not text[start:s].strip():
                    s += first.end()
                out.extend(self._items(text, s, m.end("list"), "partner:subject-of-verb", None, None))
        for m in words.finditer(self.next_list_re, self.next_list_heads):
            if self._after_unnamed_object(text, m.start()):
                out.extend(self._items(text, m.start("list"), m.end("list"), "partner:next-sentence-list", None, None))
        subject = self._lead_subject(text)
        # the headline's subject acts in the reported activity: "Bank X Serahkan Kredit ..." (not "Bank X Gandeng Y")
        headline = self.headline_re.match(text)
        if headline and headline["verb"].lower() not in self.cooperation_verbs:
            lead = self.clean(headline["agent"])
            agents.update(p["name"] for p in out if lead == p["name"] or lead.startswith(p["name"] + " "))
        seen = set()
        out.sort(key=lambda p: p["start"])
        out = [p for p in out if (p["start"], p["end"]) not in seen and not seen.add((p["start"], p["end"]))]
        # the organisers: the article's own government and whoever itself "bekerja sama dengan" the others
        abbr = self.abbreviations(text)
        out = [
            p
            for p in out
            if not self._is_home(abbr.get(p["name"], p["name"]), home)
            and p["name"] not in agents
            and not (subject and self._expanded(p["name"], abbr) in subject)
        ]
        # a partner named in full and by its abbreviation is one partner, named in full
        names = {p["name"] for p in out}
        for p in out:
            head = p["name"].split()[0]
            if abbr.get(p["name"]) in names:
                p["name"] = abbr[p["name"]]
            elif abbr.get(head) in names:
                p["name"] = abbr[head]  # "PNM Mekaar", a programme of PNM: the partner is PNM
        # "Bank Jateng" after "Bank Jateng Cabang Sragen": the longer name the article gives the same partner
        names = {p["name"] for p in out}
        by_name: dict[str, list[dict]] = {}  # the partners under each name, so no name scans them all
        for p in out:
            by_name.setdefault(p["name"], []).append(p)
        for name in names:
            longer = self._region_of(text, name, by_name.get(name, []))
            if longer:
                for p in by_name.pop(name, []):
                    p["name"] = longer
                    by_name.setdefault(longer, []).append(p)
        # "Fakultas Ilmu Administrasi UI" beside "Universitas Indonesia": a part of a partner is that partner
        names = {p["name"] for p in out}
        for p in out:
            if p["name"].startswith(self.parts):
                whole = self._expanded(p["name"], abbr)
                p["name"] = next((n for n in names if n != p["name"] and whole.endswith(" " + n)), p["name"])
        ordered = sorted({p["name"] for p in out})  # the names that begin with a prefix are adjacent
        for p in out:
            prefix = p["name"] + " "
            i = bisect.bisect_left(ordered, prefix)
            longer = ordered[i : i + 2]
            if longer and longer[0].startswith(prefix) and not (len(longer) > 1 and longer[1].startswith(prefix)):
                p["name"] = longer[0]
        return out

    @staticmethod
    def _expanded(name: str, abbr: dict[str, str]) -> str:
        """A name with the abbreviations the text introduced written out ("Fakultas Biologi Unsoed" -> "... Universitas
        Jenderal Soedirman")."""
        return abbr.get(name) or " ".join(abbr.get(w, w) for w in name.split())

    def _lead_subject(self, text: str) -> str:
        """The subject of the article's first sentence, who acts in the reported activity and organises it."""
        pos = 0
        for line in text[:1500].split("\n"):
            dash = self.dash_re.match(line)
            if dash or "." in line:
                m = self.lead_re.match(text, pos + (dash.end() if dash else 0))
                if not m or any(
                    w.split()[0] in self.body_starts or w.split()[0] in self.governments or w.startswith("PT")
                    for w in m["subject"].split(" dan ")[1:]
                ):
                    return ""  # "Pemkab X dan PT Y menandatangani": the parties, not one organiser
                return m["subject"]
            pos += len(line) + 1
        return ""

    def _after_unnamed_object(self, text: str, pos: int) -> bool:
        """Whether ``pos`` begins a sentence whose previous sentence has a cue of cooperation with an unnamed object."""
        before = text[max(0, pos - 400) : pos].rstrip(" \t")
        if not before or before[-1] not in ".!?\n":
            return False
        sentence = re.split(r"[.!?\n](?=\s)", before[:-1].rstrip())[-1]
        return self.unnamed_object_re.search(sentence) is not None

    def _region_of(self, text: str, name: str, found: list[dict]) -> str | None:
        """The longer name the article writes elsewhere for an office or company named without its region.

        "Dinas Pertanian" -> "Dinas Pertanian Kabupaten Lombok Timur"; "PT Adaro" -> "Adaro Indonesia".
        """
        words = name.split()
        company = any(p["name"] == name and text[p["start"] : p["end"]].startswith("PT") for p in found)
        if not (words[0] in self.institutions or company) or any(w in REGION_LEVELS for w in words):
            return None
        pos = text.find(name)
        while pos >= 0:
            m = self.ext_re.match(text, pos + len(name))
            pos = text.find(name, pos + 1)
            if not m:
                continue
            ext = m["ext"].split()
            if company and ext[0] in self.company_ends:
                return f"{name} {ext[0]}"
            level = ext[0] in REGION_LEVELS
            for n in range(min(len(ext) - level, 3), 0, -1):
                region = " ".join(ext[level : level + n])
                if all(w[0].isupper() for w in ext[level : level + n]) and self.gaz.lookup(
                    region, {"provinsi", "kabupaten", "kota"}
                ):
                    return f"{name} {' '.join(ext[: level + n])}"
        return None

    def _at_trigger(self, text: str, pos: int) -> list[dict]:
        """Partners named after an agreement ("MoU antara A dan B", "kolaborasi A dengan B") or a help."""
        out = []
        if m := self.help_re.match(text, pos):
            out.extend(self._items(text, m.start("list"), m.end("list"), "partner:help", None, None, loose="support"))
        if m := self.sides_re.match(text, pos):
            for group in ("first", "list"):
                out.extend(self._items(text, m.start(group), m.end(group), "partner:agreement-sides", None, None))
        if m := self.parties_re.match(text, pos):
            out.extend(self._items(text, m.start("list"), m.end("list"), "partner:agreement-parties", None, None))
        if m := self.between_re.match(text, pos):
            out.extend(self._items(text, m.start("list"), m.end("list"), "partner:agreement-between", None, None))
        return out

    def kind(self, raw: str) -> str | None:
        """The kind of organisation by the longest known prefix of its name as written (PT skipped first)."""
        words = re.sub(r"^PT\.[ \t]*", "PT ", raw).split()
        for start in (1, 0) if len(words) > 1 and words[0] in {"PT", "Marketplace"} else (0,):
            for n in range(min(3, len(words) - start), 0, -1):
                kind = self.kinds.get(" ".join(words[start : start + n]))
                if kind:
                    return kind
        return self.kinds.get(words[0]) if words else None

    def _looks_like_body(self, phrase: str, acronyms: bool = True) -> bool:
        """After a loose cue ("bersama", "bantuan"): only a body's name, not a person's, is a partner.

        An acronym ("BMKG") counts too, except after a noun of help: "bantuan PKH" names a programme.
        """
        first = phrase.split()[0]
        if first in self.group_words and self.kind(phrase) != "credit union":
            return False  # a producers' group, not a body that helps; a credit union lends
        if first in self.body_starts or self.kind(phrase):
            return True
        if acronyms and re.search(r"[ \t]\([A-Z][A-Za-z]+\)$", phrase):
            return True  # a name introduced with its abbreviation: "Kesatuan Perempuan Pesisir (KPP)"
        if not acronyms:
            return False
        return len(first) >= 3 and first.isupper() and first.isalpha() and first not in self.fund_words

    def home(self, doc: Doc) -> frozenset[str]:
        """The article's own regions: its dateline and its most-named kabupaten or kota (with the kabupaten around a
        kota or kecamatan named so); the province above is another government ("bantuan dari Pemprov X")."""
        places = doc.user_data.get(("berita_data", "places"), [])
        counts: dict[str, int] = {}
        names = set()
        for p in places:
            if p.get("rule") == "dateline" and p.get("name"):
                names.add(gazetteer.key(p["name"]))
                for c in p.get("codes") or []:
                    counts[c] = counts.get(c, 0) + 1000
            elif p.get("level") in {"kabupaten", "kota"} and len(p.get("codes") or []) == 1:
                counts[p["codes"][0]] = counts.get(p["codes"][0], 0) + 1
        top = max(counts.values(), default=0)
        tied = [c for c, n in counts.items() if n == top]
        # regions each named once, side by side ("Kota Palu, Kabupaten Poso"), are parties rather than the home
        home = {c for c, n in counts.items() if (n == top and (top > 1 or len(tied) == 1)) or n >= 1000}
        for c in list(home):
            home.update(a for a in self.gaz.ancestors(c) if self.gaz.levels.get(a) != "provinsi")
        return frozenset(home | names | {gazetteer.key(self.gaz.names[c]) for c in home if c in self.gaz.names})

    def _is_home(self, name: str, home: frozenset[str]) -> bool:
        """A regional government ("Pemkab X", "Pemerintah Kabupaten X", "Kota X") of the article's own region."""
        words = name.split()
        if not words or not (words[0] in self.governments or words[0] in REGION_LEVELS):
            return False
        region = [w for w in words[1:] if w not in REGION_LEVELS]
        if not region:
            return True  # "Pemerintah Daerah", "Pemkab": the organiser, named by its office only
        key = gazetteer.key(" ".join(region))
        if key in home:
            return True
        codes = set(self.gaz.lookup(" ".join(region)))
        return any(c in home for c in codes)

    def _items(self, text, start, end, rule, stated, stated_span, loose: str = "") -> list[dict]:
        items = []
        found = []
        for it in self.item_re.finditer(text, start, end):
            # "antara Bank Indonesia Pemkab Lampung": a government's word begins the next party
            s = it.start()
            for w in re.finditer(r"\S+", it.group()):
                if w.start() and w.group() in self.governments:
                    found.append((s, it.start() + w.start() - 1))
                    s = it.start() + w.start()
            found.append((s, it.end()))
        joined: list[tuple[int, int]] = []
        for s, e in found:
            # "Badan Pengkajian dan Penerapan Teknologi": "dan" inside one institution's name; "Satuan Kerja Hulu
            # Minyak dan Gas Bumi (SKK Migas)": the abbreviation after the second part covers both
            second = text[s:e].split()[0]
            covered = re.search(r"[ \t]\([A-Z][A-Za-z]*(?:[ \t][A-Z][A-Za-z]*)?\)", text[s:e])
            if (
                joined
                # (a title's office too: "Dirjen Peternakan dan Kesehatan Hewan" is one office, no partner)
                and (text[joined[-1][0] : joined[-1][1]].split()[0] in self.offices or covered)
                and second not in self.body_starts | self.currencies
                and (covered or second not in self.governments | REGION_LEVELS)
                and re.fullmatch(r"[ \t]+dan[ \t]+", text[joined[-1][1] : s])
            ):
                joined[-1] = (joined[-1][0], e)
            else:
                joined.append((s, e))
        parts = []
        for s, e in joined:
            s, cut = self._bounds(text, s, e)
            # "dari PT X Kepada Pengelola dan Pemasar": the list ended at the capitalised preposition
            end = text[cut:e].split()[:1] != [] and text[cut:e].split()[0] in self.prepositions
            e = cut
            # "IPNU-IPPNU": two organisations written as a pair of acronyms
            if re.fullmatch(r"[A-Z]{2,}-[A-Z]{2,}", text[s:e]):
                mid = text.index("-", s)
                parts.extend([(s, mid), (mid + 1, e)])
            else:
                parts.append((s, e))
            if end:
                break
        for s, e in parts:
            raw = re.sub(r"^(?:marketplace|platform|aplikasi)[ \t]+", "", text[s:e])
            if re.match(LOWER_GOVERNMENT, raw):  # named as it is written with capitals: "Pemerintah Provinsi Sulbar"
                raw = " ".join(w.capitalize() if i < 2 else w for i, w in enumerate(raw.split()))
            if raw in {"dan", "serta"} or (loose and not self._looks_like_body(raw, loose != "support")):
                continue
            name = self.clean(raw)
            if not name or name.startswith("("):
                continue
            first = name.split()[0]
            government = first in self.governments or first in REGION_LEVELS
            if government and any(w in self.stop and w not in REGION_LEVELS for w in name.split()[1:]):
                continue  # "Pemerintah Pusat": the central government as a whole names no one body
            if (first in self.stop and not government) or first in self.currencies or first in self.fund_words:
                continue
            if (name + " ").startswith(self.title_starts):
                continue
            if re.match(r"[A-Z]+\$?[0-9]", first) and first.rstrip("0123456789.,$") in self.currencies | {"US"}:
                continue  # "Rp1", "US$2"
            if name in self.loose_cues or name in self.institutions or name in self.units:
                continue  # "Dinas" alone names no body
            # a region named with its level after a cooperation cue is its government ("dengan Kabupaten Poso")
            if self.gaz.lookup(name, {"provinsi", "kabupaten", "kota", "kecamatan"}) and (
                loose or first not in {"Kabupaten", "Kota", "Provinsi"}
            ):
                continue
            if government and (loose or len(name.split()) < 2):
                continue  # a regional government alongside ("bersama Pemkab") is the organiser, not a partner
            items.append(
                {
                    "start": s,
                    "end": e,
                    "name": name,
                    "kind": self.kind(raw),
                    "rule": rule,
                    "stated": list(stated) if stated else None,
                    "stated_span": stated_span,
                }
            )
        self._share_level(items)
        return items

    def _share_level(self, items: list[dict]) -> None:
        """A bare name between names that begin with the same level word is named with it: "Desa A, B, dan Desa C"."""
        levels = [p["name"].split()[0] if p["name"].split()[0] in REGION_LEVELS else None for p in items]
        for i, p in enumerate(items):
            level = levels[i - 1] if i else None
            if level and levels[i] is None and level in levels[i + 1 :] and not self._looks_like_body(p["name"]):
                p["name"] = f"{level} {p['name']}"
                levels[i] = level

    def _bounds(self, text: str, s: int, e: int) -> tuple[int, int]:
        """An item's name ends before a branch, a year or a capitalised preposition; a lowercase brand goes on.

        "PT Timah Tbk Wilayah Belitung" -> "PT Timah Tbk"; "Bank bjb" (a brand written in lowercase).
        """
        pos = s
        for i, w in enumerate(re.finditer(r"\S+", text[s:e])):
            if i and w.group() in self.name_end:
                return s, len(text[: s + w.start()].rstrip())
            pos = s + w.end()
        tail = re.match(r"[ \t]+([b-df-hj-np-tv-z]{2,4})(?![\w])", text[pos : pos + 8])
        if tail and text[s:pos].split()[-1] in self.body_starts:
            pos += tail.end()
        return s, pos

    def __call__(self, doc: Doc) -> Doc:
        for p in self.find(doc_text(doc), self.home(doc), word_index(doc)):
            add_span(doc, "partners", p.pop("start"), p.pop("end"), p.pop("rule"), **p)
        return doc


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.lower()).strip("-")


@Language.factory("berita_partners")
def make_partners(nlp: Language, name: str) -> PartnerFinder:
    """Create the berita_partners component."""
    return PartnerFinder()
