"""Doc -> records: the only code that reads doc.spans; one entry per real-world thing, mentions merged."""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import checks, gazetteer
from .components._spans import doc_text, spans
from .components.dates import DateMatch, date_from_url, posting_date, resolve_year
from .events import find_events
from .records import (
    Article,
    ArticleFacts,
    Cluster,
    DateFact,
    Event,
    Figure,
    Official,
    Partner,
    Place,
    Quote,
    Span,
)

_APOS = re.compile(r"['’`‘]")
AUTHOR_RES = [
    # "(Lingkar Network | Tomi Budianto – Koran Lingkar)"
    re.compile(r"\([^()|\n]{2,40}\|[ \t]*(?P<name>[A-Z][\w.’' ]{2,40}?)[ \t]*[–—-][^()\n]{0,40}\)[ \t]*$", re.M),
    re.compile(
        r"(?:Penulis|Reporter|Pewarta|Wartawan)[ \t]*:[ \t]*(?P<name>[A-Z][\w.’' ]{2,40}?)[ \t]*(?:$|\||,|\n|\()", re.M
    ),
    re.compile(r"Laporan Wartawan [A-Z][\w]*(?: [A-Z][\w]*)?,[ \t]*(?P<name>[A-Z][\w’']*(?: [A-Z][\w’']*){0,3})"),
]
def norm_key(name: str) -> str:
    """A key that merges the spellings of one name: casefolded, apostrophes dropped, spaces folded."""
    return " ".join(_APOS.sub("", name).casefold().split())


def _mention(doc: Doc, data: dict, start: int | None = None, end: int | None = None) -> Span:
    start = data["start"] if start is None else start
    end = data["end"] if end is None else end
    return Span(start=start, end=end, text=doc_text(doc)[start:end], rule=data["rule"])


def _dedupe(mentions: list[Span]) -> list[Span]:
    seen, out = set(), []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


# -- officials -------------------------------------------------------------------------------------


def officials(doc: Doc) -> list[Official]:
    """Officials, one per person: short names merged into the fullest form, the fullest title kept."""
    found = [s for s in spans(doc, "officials")]
    full_names = sorted({d["name"] for d in found}, key=lambda n: (-len(n.split()), n))
    canon: dict[str, str] = {}
    keys = {f: set(norm_key(f).split()) for f in full_names}
    having: dict[str, list[str]] = {}  # a word -> the names with it, in full_names order (no N x N scan)
    for f in full_names:
        for w in keys[f]:
            having.setdefault(w, []).append(f)
    for name in full_names:
        words = keys[name]
        pool = min((having[w] for w in words), key=len, default=full_names)
        target = next((f for f in pool if len(f.split()) > len(name.split()) and words <= keys[f]), name)
        canon[name] = canon.get(target, target)
    groups: dict[str, list[dict]] = {}
    for d in found:
        groups.setdefault(norm_key(canon[d["name"]]), []).append(d)
    out = []
    for group in groups.values():
        titled = [d for d in group if d["rule"] != "official:name-only"] or group
        best = max(titled, key=lambda d: (len(d["title"]), d["rule"].endswith("comma-name")))
        name = canon[best["name"]]
        out.append(
            Official(
                name=name,
                title=best["title"],
                role=best["role"],
                jurisdiction=best["jurisdiction"],
                organization=best["organization"],
                mentions=_dedupe([_mention(doc, d) for d in group]),
            )
        )
    return sorted(out, key=lambda o: (o.mentions[0].start, o.name))


# -- places ----------------------------------------------------------------------------------------

TRIGGERED = ("pt-",)
ADMIN = {"provinsi", "kabupaten", "kota"}


def places(doc: Doc) -> list[Place]:
    """Places, one per (name, level), each resolved to its Kemendagri code and enclosing place."""
    gaz = gazetteer.load()
    found = [dict(s) for s in spans(doc, "places")]
    # A bare name takes the level a trigger word gave the same name elsewhere ("Malang" after "Kota Malang").
    definite: dict[str, str] = {}
    for d in found:
        if d["rule"].startswith(TRIGGERED) and d["level"] not in {"other", "venue"}:
            definite.setdefault(norm_key(d["name"]), d["level"])
    for d in found:
        k = norm_key(d["name"])
        if d["rule"].startswith(("gazetteer", "dateline")) and definite.get(k, d["level"]) != d["level"]:
            if d["level"] in ADMIN and definite[k] in ADMIN:
                d["level"] = definite[k]
                d["codes"] = gaz.lookup(d["name"], {d["level"]}) or d["codes"]
    # one entry per region: "NTB" and "Nusa Tenggara Barat" are one province
    groups: dict[tuple[str, str], list[dict]] = {}
    for d in found:
        codes = [c for c in d.get("codes") or [] if gaz.levels.get(c) in _same(d["level"])]
        key = ("code", codes[0]) if len(codes) == 1 else (norm_key(d["name"]), d["level"])
        groups.setdefault(key, []).append(d)
    # a mention the text left ambiguous joins the resolved region of the same name and level
    resolved = {(norm_key(g[0]["name"]), g[0]["level"]): k for k, g in groups.items() if k[0] == "code"}
    for k in [k for k in groups if k[0] != "code"]:
        target = resolved.get(k)
        if target and any(target[1] in (d.get("codes") or []) for d in groups[k]):
            groups[target].extend(groups.pop(k))
    entries = []
    for group in groups.values():
        level = group[0]["level"]
        codes: list[str] = []
        for d in group:
            for c in d.get("codes") or []:
                if c not in codes and (level == "other" or gaz.levels.get(c) in _same(level)):
                    codes.append(c)
        # the form the article uses most ("Jakarta" over one "DKI Jakarta"); on a tie the fullest
        written = [d["name"] for d in group]
        times = Counter(written)
        name = max(written, key=lambda n: (times[n], len(n)))
        entries.append({"name": name, "level": level, "codes": codes, "group": group})
    # choose each place's code: the candidate with most of the article's other places around it
    all_codes = [set(e["codes"]) for e in entries]
    for i, e in enumerate(entries):
        if len(e["codes"]) <= 1:
            e["code"] = e["codes"][0] if e["codes"] else None
            continue
        others = set().union(*(c for j, c in enumerate(all_codes) if j != i and len(c) == 1)) or set().union(
            *(c for j, c in enumerate(all_codes) if j != i)
        )
        scored = sorted(
            ((sum(1 for o in others if gaz.contains(o, c) or gaz.contains(c, o)), c) for c in e["codes"]), reverse=True
        )
        e["code"] = scored[0][1] if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]) else None
    by_code = {e["code"]: e for e in entries if e["code"]}
    out = []
    for e in entries:
        within = None
        if e["code"]:
            for anc in gaz.ancestors(e["code"]):
                if anc in by_code:
                    within = by_code[anc]["name"]
                    break
        elif e["level"] == "venue":
            inner = [x for x in entries if x is not e and x["level"] != "venue" and e["name"].endswith(" " + x["name"])]
            if inner:
                within = max(inner, key=lambda x: len(x["name"]))["name"]
        out.append(
            Place(
                name=e["name"],
                level=e["level"],
                within=within,
                code=e["code"],
                mentions=_dedupe([_mention(doc, d) for d in e["group"]]),
            )
        )
    return sorted(out, key=lambda p: p.mentions[0].start)


def _same(level: str) -> set[str]:
    return {"desa", "kelurahan"} if level in {"desa", "kelurahan"} else {level}


# -- dates, numbers, clusters, partners, quotes ----------------------------------------------------


def dates(doc: Doc, published: dt.date | None) -> tuple[list[DateFact], list[tuple[dict, dt.date]]]:
    """Calendar days, one per value; also every resolved mention (for the weekday checks)."""
    groups: dict[dt.date, list[dict]] = {}
    resolved = []
    found = [(d, DateMatch(d["start"], d["end"], d["day"], d["month"], d["year"], d["weekday"], d["rule"]))
             for d in spans(doc, "dates")]
    published = published or posting_date(doc_text(doc), (m for _, m in found))
    for d, match in found:
        value = resolve_year(match, published)
        if value is None:
            continue
        groups.setdefault(value, []).append(d)
        resolved.append((d, value))
    out = [
        DateFact(
            value=v, text=doc_text(doc)[g[0]["start"] : g[0]["end"]], mentions=_dedupe([_mention(doc, d) for d in g])
        )
        for v, g in groups.items()
    ]
    return sorted(out, key=lambda x: x.mentions[0].start), resolved


def figures(doc: Doc) -> list[Figure]:
    """Numeric claims, one per (value, unit, counts)."""
    groups: dict[tuple, list[dict]] = {}
    for s in spans(doc, "numbers"):
        d = s
        groups.setdefault((d["value"], d["unit"], d["counts"], d["approximate"]), []).append(d)
    out = []
    for (value, unit, counts, approx), g in groups.items():
        out.append(
            Figure(
                value=value,
                unit=unit,
                counts=counts,
                approximate=approx,
                text=doc_text(doc)[g[0]["start"] : g[0]["end"]],
                mentions=_dedupe([_mention(doc, d) for d in g]),
            )
        )
    return sorted(out, key=lambda x: x.mentions[0].start)


def clusters(doc: Doc, found_places: list[Place] = ()) -> list[Cluster]:
    """Clusters, one per name; the member count is the first one the text binds to it, the place the first stated."""
    found = spans(doc, "clusters")
    # a later, shorter mention ("KUB Mina Sejahtera") names the group named in full before; a name that only adds
    # one of the article's places ("Nelayan Maju Bersama Sikakap") names the group without it
    # (a kabupaten or kota may be part of the name: "Paguyuban Tahu Tempe Pekalongan" is kept whole)
    place_levels = {norm_key(p.name): p.level for p in found_places}
    names = sorted({norm_key(c["name"]) for c in found}, key=len, reverse=True)
    # each word-boundary ending of a name (up to 200 characters: no real name is longer) -> the first,
    # longest, name with it; not every name against every other
    ending: dict[str, str] = {}
    for f in names:
        for i in range(max(0, len(f) - 201), len(f)):
            if f[i] == " ":
                ending.setdefault(f[i + 1 :], f)
    canon = {n: ending.get(n, n) for n in names}
    known = set(names)
    with_village: set[str] = set()
    for n in names:
        # the longest shorter name that the place completes (places are short: the last 200 characters)
        cut = next(
            (i for i in range(len(n) - 1, max(0, len(n) - 201), -1)
             if n[i] == " " and n[i + 1 :] in place_levels and n[:i] in known),
            None,
        )
        if cut is not None:
            canon[n] = canon[n[:cut]]
            if place_levels[n[cut + 1 :]] not in {"provinsi", "kabupaten", "kota"}:
                with_village.add(n)
    groups: dict[str, list[dict]] = {}
    for s in found:
        groups.setdefault(canon[norm_key(s["name"])], []).append(s)
    out = []
    for g in groups.values():
        counted = [d for d in g if d["member_count"] is not None]
        full = max(g, key=lambda d: (norm_key(d["name"]) not in with_village, len(d["name"])))
        best = (
            {**full, **{k: counted[0][k] for k in ("member_count", "member_unit", "count_span")}} if counted else full
        )
        mentions = [_mention(doc, d) for d in g]
        if best.get("count_span"):
            s, e = best["count_span"]
            mentions.append(Span(start=s, end=e, text=doc_text(doc)[s:e], rule="count:" + best["rule"]))
        placed = next((d for d in g if d.get("place")), None)
        out.append(
            Cluster(
                name=best["name"],
                label=best["label"],
                member_count=best["member_count"],
                member_unit=best["member_unit"],
                place=_place_name(placed, found_places) if placed else None,
                mentions=_dedupe(mentions),
            )
        )
    return sorted(out, key=lambda x: x.mentions[0].start)


def _place_name(cluster: dict, found_places: list[Place]) -> str:
    """The article's place record a cluster's stated place is a mention of (so views can join it), else as written."""
    start, end = cluster["place_span"]
    for p in found_places:
        if any(m.start <= start < m.end or start <= m.start < end for m in p.mentions):
            return p.name
    return cluster["place"]


def partners(doc: Doc, organiser_keys: set[str]) -> list[Partner]:
    """Partners, one per name, without the organiser itself or the groups the article is about."""
    groups: dict[str, list[dict]] = {}
    # (one set built once: adding to a copy for each cluster is quadratic in the number of clusters)
    clusters_found = spans(doc, "clusters")
    organiser_keys = organiser_keys | {norm_key(c[k]) for c in clusters_found for k in ("label", "name")}
    for s in spans(doc, "partners"):
        k = norm_key(s["name"])
        if k not in organiser_keys:
            groups.setdefault(k, []).append(s)
    out = [
        Partner(
            name=g[0]["name"],
            kind=next((d["kind"] for d in g if d["kind"]), None),
            mentions=_dedupe([_mention(doc, d) for d in g]),
        )
        for g in groups.values()
    ]
    return sorted(out, key=lambda x: x.mentions[0].start)


def stated_partners(doc: Doc) -> list[tuple[str, str, tuple[int, int], list[Span]]]:
    """Stated numbers of partners ("tiga pihak eksternal") with the partner mentions listed after them."""
    groups: dict[tuple[int, int], tuple[str, str, list[Span]]] = {}
    for s in spans(doc, "partners"):
        d = s
        if d.get("stated") and d.get("stated_span"):
            key = tuple(d["stated_span"])
            groups.setdefault(key, (d["stated"][0], d["stated"][1], []))[2].append(_mention(doc, d))
    return [(n, noun, span, items) for span, (n, noun, items) in groups.items()]


def quotes(doc: Doc) -> list[Quote]:
    """Direct speech with its speaker."""
    return [Quote(speaker=s["speaker"], text=s["text"], mentions=[_mention(doc, s)]) for s in spans(doc, "quotes")]


def events(doc: Doc, found_places: list[Place], found_dates: list[DateFact]) -> list[Event]:
    """The activity the article reports ("meresmikan X", "mengikuti pelatihan X"), with date, venue, organiser."""
    return find_events(doc_text(doc), found_places, found_dates)


def authors(text: str) -> list[str]:
    """Reporters named in the article's byline or footer."""
    out: list[str] = []
    for rx in AUTHOR_RES:
        for m in rx.finditer(text):
            name = m["name"].strip()
            if name not in out:
                out.append(name)
    return out


# -- the article ----------------------------------------------------------------------------------


def facts_from_doc(doc: Doc, article: Article) -> ArticleFacts:
    """The ArticleFacts record of one processed article."""
    meta = article.meta()
    found_places = places(doc)
    dateline = next((s for s in spans(doc, "places") if s["rule"] == "dateline"), None)
    if dateline:
        meta.dateline = dateline["name"]
        meta.source = meta.source or dateline.get("source")
    meta.authors = meta.authors or authors(doc_text(doc))
    found_dates, resolved = dates(doc, article.published or date_from_url(article.url))
    found_events = events(doc, found_places, found_dates)
    organisers = {norm_key(e.organizer) for e in found_events if e.organizer}
    facts = ArticleFacts(
        article=meta,
        officials=officials(doc),
        places=found_places,
        dates=found_dates,
        partners=partners(doc, organisers),
        clusters=clusters(doc, found_places),
        events=found_events,
        figures=figures(doc),
        quotes=quotes(doc),
    )
    facts.checks = checks.run(facts, doc_text(doc), resolved, stated_partners(doc))
    return facts


# The first articles a pipeline reads leave their words in its vocabulary (common words are then looked up,
# not created again for every article); after them each article runs in a spaCy memory zone, so the string
# store stays as it is however long the run. Creating every word anew in each article's zone costs about a
# fifth of the extraction time.
WARM_ARTICLES = 200
_warmed: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# A long article leaves the C heap as large as its Doc was (glibc keeps freed pages for reuse): after one,
# the freed pages go back to the system, so one 2 MB article does not raise the process's memory for good.
TRIM_AFTER_CHARS = 200_000


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, or None where the C library is not glibc."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


@contextlib.contextmanager
def _trimmed(zone: contextlib.AbstractContextManager) -> Iterator[None]:
    try:
        with zone:
            yield
    finally:
        trim = _malloc_trim()
        if trim is not None:
            trim(0)


def article_zone(nlp: Language, chars: int = 0) -> contextlib.AbstractContextManager:
    """The memory zone for the next article: none for the first WARM_ARTICLES of a pipeline, then spaCy's;
    an article of ``chars`` >= TRIM_AFTER_CHARS also gives its freed memory back to the system afterwards."""
    seen = _warmed.get(nlp, 0)
    if seen < WARM_ARTICLES:
        _warmed[nlp] = seen + 1
        zone: contextlib.AbstractContextManager = contextlib.nullcontext()
    else:
        zone = nlp.memory_zone()
    return _trimmed(zone) if chars >= TRIM_AFTER_CHARS else zone


def _article(item: Article | str, index: int) -> Article:
    return item if isinstance(item, Article) else Article(id=str(index), text=item)


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    id: str = "article",
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    nlp: Language | None = None,
) -> ArticleFacts:
    """Extract the facts of one article text."""
    from .nlp import load

    article = Article(id=id, text=text, url=url, title=title, published=published, source=source)
    return facts_from_doc((nlp or load())(text), article)


def extract_many(
    articles: Iterable[Article | str], *, nlp: Language | None = None, batch_size: int = 64, n_process: int = 1
) -> Iterator[ArticleFacts]:
    """Extract many articles, streaming them through nlp.pipe; yields records in input order."""
    from .nlp import load

    pipeline = nlp or load()
    if n_process == 1:  # one article at a time in a memory zone (article_zone): the string store does not grow
        for article in (_article(x, i) for i, x in enumerate(articles)):
            with article_zone(pipeline, len(article.text)):
                facts = facts_from_doc(pipeline(article.text), article)
            yield facts
        return
    pairs = ((a.text, a) for a in (_article(x, i) for i, x in enumerate(articles)))
    for doc, article in pipeline.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield facts_from_doc(doc, article)


def run_extract(*args, **kwargs) -> int:
    """The extract command; kept here for callers of the old place, the runner lives in batch.py."""
    from .batch import run_extract as run

    return run(*args, **kwargs)
