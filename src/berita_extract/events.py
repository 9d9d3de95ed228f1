"""Events: the activity an article reports (peresmian X, penyerahan bantuan X), its date, venue and organiser."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .components.numbers import written_number
from .components.textutil import fold
from .figure_checks import sentences
from .lexicon import alternation, rows, word_class, word_set
from .records import DateFact, Event, Place, Span

# How many sentences from the top the main activity is looked for in: news names it in its lead.
LEAD_SENTENCES = 4
MAX_NAME_WORDS = 8
_WORD = re.compile(r"[ \t]*(?:\((?P<paren>[^()\n]{0,40})\)|(?P<word>[\w'’/-]+)|(?P<punct>[^\w\s]))")
_CAP_RUN = r"[A-Z][\w'’.-]*(?:[ \t]+(?:(?:dan|&)[ \t]+)?(?:\([\w .'-]{1,40}\)|[A-Z][\w'’.-]*))*"
# A dateline before the lead ("SENTANI, Cenderawasih Pos Daring - "): the subject starts after it.
_DATELINE = re.compile(r"^[^\n]{0,60}?[ \t][-–—|][ \t]+")
_ORGANISED_BY = re.compile(
    rf"\b(?:digelar|diselenggarakan|diadakan|dilaksanakan|difasilitasi|diinisiasi|diprakarsai)[ \t]+(?:oleh[ \t]+)?"
    rf"(?P<org>{_CAP_RUN})"
)
_FROM = re.compile(rf"^[^.\n]{{0,80}}?\bdari[ \t]+(?P<org>{_CAP_RUN})")


@dataclass(frozen=True)
class _Words:
    """The event words of patterns/event_words.tsv, compiled once."""

    trigger: re.Pattern
    noun_of: dict[str, str]
    kind_of: dict[str, str]
    stops: frozenset[str]
    quantity: re.Pattern
    received: frozenset[str]
    group_objects: frozenset[str]
    plans: frozenset[str]
    nouns: frozenset[str]


@functools.cache
def _words() -> _Words:
    table = rows("event_words.tsv")
    by_kind: dict[str, list] = {}
    for r in table:
        by_kind.setdefault(r.kind, []).append(r)
    noun_of = {r.form.lower(): r.noun for r in table if r.kind in {"verb", "passive", "receive"}}
    kind_of = {r.form.lower(): r.kind for r in table if r.kind in {"verb", "passive", "receive"}}
    for r in by_kind.get("noun", []):
        kind_of.setdefault(r.form.lower(), "noun")
    verbs = alternation([r.form for r in table if r.kind in {"verb", "passive", "receive"}])
    nouns = alternation([r.form for r in by_kind.get("noun", [])])
    held = alternation([r.form for r in by_kind.get("held", [])])
    # verbs in any case; nominal heads only in lower case (a capitalised "Pelatihan" names an office or a title);
    # a verb that holds an activity only before its capitalised name ("menggelar Festival Kopi Gayo")
    trigger = re.compile(
        rf"(?<![\w-])(?:(?P<verb>(?i:{verbs}))|(?P<noun>{nouns})|"
        rf"(?:{held})[ \t]+(?:kegiatan[ \t]+|acara[ \t]+)?(?P<named>{_CAP_RUN}))(?![\w-])"
    )
    classifiers = alternation([r.form for r in by_kind.get("classifier", [])])
    # a number and its counting words, lower case: "tiga unit", "2,4 ton"; not the "lima" of "lima Kelompok"
    quantity = re.compile(
        rf"[ \t]*(?<![\w,.])(?i:{written_number()})[ \t]+(?P<counted>(?:(?:{classifiers})[ \t]+)*)(?=\w)"
    )
    return _Words(
        trigger=trigger,
        noun_of=noun_of,
        kind_of=kind_of,
        stops=frozenset(r.form for r in by_kind.get("stop", [])),
        quantity=quantity,
        received=frozenset(r.form.lower() for r in by_kind.get("received", [])),
        group_objects=frozenset(r.form.lower() for r in table if r.object == "group"),
        plans=frozenset(r.form.lower() for r in by_kind.get("plan", [])),
        nouns=frozenset(r.form.split()[0].lower() for r in by_kind.get("noun", [])),
    )


@functools.cache
def _org_starts() -> frozenset[str]:
    """First words of an organisation's name ("Dinas", "Pemkab", "Koperasi", "Kelompok")."""
    words = set(word_set("org_words.tsv"))
    for name in ("institution", "government", "named_body"):
        words |= word_class(name)
    return frozenset(words) | {"PT", "CV", "DPRD", "Polres", "Polda", "Kodim", "TNI", "Polri"}


def _phrase(text: str, start: int, end: int, counts: bool = False) -> tuple[str, int]:
    """The words of a name from ``start`` up to a stop word, punctuation or a verb, and where they end.

    Numbers with their counting word ("tiga unit", "2,4 ton") and parenthesised short forms ("(KUB)") are
    left out: "menyerahkan tiga unit mesin panen padi (combine harvester) kepada" names "mesin panen padi".
    """
    w = _words()
    words: list[str] = []
    stop = pos = start
    while pos < end and len(words) < MAX_NAME_WORDS:
        q = None if counts else w.quantity.match(text, pos)
        if q and q.end() < end and (not words or q["counted"] or not q.group(0)[0].isdigit()):
            pos = q.end()
            continue
        m = _WORD.match(text, pos)
        if m is None:
            pos += 1
            continue
        pos = m.end()
        if m["paren"] is not None:
            continue
        if m["punct"] is not None:
            break
        word = m["word"]
        if word in w.stops or word[0].isdigit() or word.lower() in w.kind_of and w.kind_of[word.lower()] != "noun":
            break
        words.append(word)
        stop = m.end()
    return " ".join(words), stop


def _subject(text: str, start: int, end: int) -> str | None:
    """The organisation that is the subject of a lead sentence ("Dinas Pertanian Kabupaten Kuningan menyerahkan")."""
    head = text[start:end]
    d = _DATELINE.match(head)
    if d:
        start += d.end()
    m = re.match(_CAP_RUN, text[start:end])
    if not m or m.group(0).split()[0] not in _org_starts():
        return None
    name = _clean_org(m.group(0))
    return name if len(name.split()) >= 2 else None


_GOVERNMENT = re.compile(r"^Pemerintah[ \t]+(Kabupaten|Kota|Provinsi)[ \t]+(?:\(\w+\)[ \t]+)?")
_GOVERNMENT_SHORT = {"Kabupaten": "Pemkab ", "Kota": "Pemkot ", "Provinsi": "Pemprov "}


def _clean_org(name: str) -> str:
    # "Pemerintah Kabupaten (Pemkab) Demak" is named as news shortens it: "Pemkab Demak"
    name = _GOVERNMENT.sub(lambda g: _GOVERNMENT_SHORT[g[1]], name)
    name = re.sub(r"[ \t]*\([^()]*\)", "", name)
    return re.split(r"[ \t]+(?:di|pada)[ \t]+", name)[0].strip(" .,")


def _organizer(
    text: str, kind: str, sent: tuple[int, int], trigger_end: int, follow: list[tuple[int, int]]
) -> str | None:
    """Who held the activity: "yang digelar X", "dari X" after a handover, else an organisation as subject."""
    for s, e in [sent, *follow]:
        m = _ORGANISED_BY.search(text, s if (s, e) != sent else trigger_end, e)
        if m and m["org"].split()[0] in _org_starts() and len(_clean_org(m["org"]).split()) >= 2:
            return _clean_org(m["org"])
    if kind == "receive":
        m = _FROM.match(text[trigger_end : sent[1]])
        if m and m["org"].split()[0] in _org_starts() and len(_clean_org(m["org"]).split()) >= 2:
            return _clean_org(m["org"])
        return None
    return _subject(text, sent[0], trigger_end)


def _candidate(text: str, m: re.Match, sent: tuple[int, int]) -> tuple[str, str, int, int] | None:
    """(name, kind, start, end) of the activity a trigger word names, or None if it names none."""
    w = _words()
    s_start, s_end = sent
    if m["verb"]:
        verb = fold(m["verb"])  # as re.I matched it: "dıcanangkan" is "dicanangkan"
        kind, noun = w.kind_of[verb], w.noun_of[verb]
        if kind == "passive":
            clause = max(text.rfind(",", s_start, m.start()) + 1, s_start)
            d = _DATELINE.match(text[clause : m.start()])
            clause += d.end() if d else 0
            clause += len(text[clause : m.start()]) - len(text[clause : m.start()].lstrip())
            subject, _ = _phrase(text, clause, m.start(), counts=True)
            first = subject.split()[0].lower() if subject else ""
            if len(subject.split()) < 2 or first in w.kind_of or first in w.stops:
                return None
            if not any(x[:1].islower() for x in subject.split()[1:]):
                return None  # "115 Ribu Ekor Ikan Disalurkan": a headline, not a sentence
            if verb in w.group_objects and not any(x.capitalize() in _org_starts() for x in subject.split()[:2]):
                return None
            return f"{noun} {_lower_first(subject)}", kind, clause, m.end()
        obj_start = m.end() + len(text[m.end() : s_end]) - len(text[m.end() : s_end].lstrip(" \t"))
        obj, obj_end = _phrase(text, obj_start, s_end)
        if not obj:
            return None
        if kind == "receive" and obj.split()[0].lower() not in w.received:
            return None
        if verb in w.group_objects and obj.split()[0] not in _org_starts():
            return None  # "membentuk karakter" forms no group
        first = obj.split()[0].lower()
        if first in w.kind_of and w.kind_of[first] == "noun":
            return obj, "held", m.start(), obj_end  # "mendampingi panen raya jagung": the activity as named
        return f"{noun} {_lower_first(obj)}", kind, m.start(), obj_end
    if m["named"]:
        name = re.sub(r"[ \t]+(?:Tahun|Ke|Se)$", "", _clean_org(m["named"]))  # "... Tahun 2024": the year is cut
        if name.split()[0].lower() not in w.nouns:
            return None  # "menggelar Festival Kopi", not "melaksanakan APBD"
        return name, "held", m.start("named"), m.end("named")
    if m.start() - s_start < 3:
        return None  # a sentence that begins "Penyerahan dilakukan di ...": tells more of an activity already named
    name, end = _phrase(text, m.start(), s_end)
    if len(name.split()) < 2:
        return None
    return name, "noun", m.start(), end


def _lower_first(phrase: str) -> str:
    """The phrase with its first word in lower case unless it is a name ("Kelompok Usaha Bersama ...", "KUB")."""
    first, _, rest = phrase.partition(" ")
    if first[:1].isupper() and first[1:].islower() and (not rest or not rest[:1].isupper()):
        first = first.lower()
    return f"{first} {rest}".strip()


def find_events(text: str, places: list[Place], dates: list[DateFact]) -> list[Event]:
    """The main activity the article reports, named as news names it, with its date, venue and organiser."""
    w = _words()
    bounds = sentences(text)
    for i, sent in enumerate(bounds[:LEAD_SENTENCES]):
        s_start, s_end = sent
        if text[s_start : s_start + 1] in "\"“”'‘":
            continue  # a quotation is what someone said, not what happened
        for m in w.trigger.finditer(text, s_start, s_end):
            before = text[max(s_start, m.start() - 30) : m.start()].lower().split()[-2:]
            if any(b.strip(",") in w.plans for b in before):
                continue  # "menyiapkan pengiriman perdana": planned, not yet held
            found = _candidate(text, m, sent)
            if not found:
                continue
            name, kind, start, end = found
            follow = list(bounds[i + 1 : i + 3])
            window = [(start, s_end), *follow]
            date = next(
                (d.value for s, e in window for d in dates if any(s <= x.start < e for x in d.mentions)), None
            )
            venue = next(
                (
                    p.name
                    for s, e in window
                    for p in places
                    if p.level == "venue" and any(s <= x.start < e for x in p.mentions)
                ),
                None,
            )
            organizer = _organizer(text, kind, sent, end, follow)
            mention = Span(start=start, end=end, text=text[start:end], rule=f"event:{kind}")
            return [Event(name=name, date=date, venue=venue, organizer=organizer, mentions=[mention])]
    return []
