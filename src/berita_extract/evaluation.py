"""Score extracted ArticleFacts against gold files: precision, recall and F1 per field, micro-averaged."""

from __future__ import annotations

import functools
import json
import logging
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .lexicon import rows
from .records import ArticleFacts

log = logging.getLogger(__name__)

Key = tuple
# Apostrophes are dropped inside words (Eisti'anah = Eisti’anah = Eistianah); other punctuation splits words.
APOSTROPHES = frozenset("'’‘`ʼ´")
# The fields scored together in the "overall" line; "+role"/"+count" refine a field, checks are optional;
# venues (scored apart from administrative places since the annotation said so) stay out of it.
OVERALL = ("officials", "places", "dates", "partners", "clusters")


# --- normalisation -----------------------------------------------------------------------------------------


def tokens(text: str | None) -> tuple[str, ...]:
    """Words of ``text`` after NFKC, casefolding, dropping apostrophes and splitting on punctuation."""
    if not text:
        return ()
    chars = []
    for ch in unicodedata.normalize("NFKC", text).casefold():
        if ch in APOSTROPHES:
            continue
        chars.append(" " if unicodedata.category(ch)[0] in "PSZ" else ch)
    return tuple("".join(chars).split())


def normalize(text: str | None) -> str:
    """Casefolded, NFKC, punctuation-free, whitespace-folded form of ``text`` ('' for None)."""
    return " ".join(tokens(text))


def _variants(forms: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Token sequences of each form, also run together ('S.E.' matches 's e' and 'se')."""
    out: set[tuple[str, ...]] = set()
    for form in forms:
        toks = tokens(form)
        if toks:
            out.add(toks)
            out.add(("".join(toks),))
    return frozenset(out)


@functools.cache
def _honorifics() -> tuple[frozenset, frozenset]:
    """(forms that may stand before a name, forms that may stand after it), as token sequences."""
    honorifics = rows("honorifics.tsv")
    before = _variants(r.form for r in honorifics)
    after = _variants(r.form for r in honorifics if r.kind == "degree")
    return before, after


@functools.cache
def _group_words() -> frozenset:
    return _variants(r.word for r in rows("group_words.tsv"))


@functools.cache
def _legal_forms() -> frozenset:
    return _variants(r.form for r in rows("legal_forms.tsv"))


def _strip(toks: tuple[str, ...], before: frozenset, after: frozenset) -> tuple[str, ...]:
    """Drop known token sequences from the start and the end, repeatedly; never down to nothing."""
    longest = max((len(v) for v in before | after), default=0)
    changed = True
    while changed:
        changed = False
        for n in range(min(longest, len(toks) - 1), 0, -1):
            if toks[:n] in before:
                toks, changed = toks[n:], True
                break
            if toks[-n:] in after:
                toks, changed = toks[:-n], True
                break
    return toks


def person_key(name: str | None) -> str:
    """A person's name for matching: honorifics and degrees removed ('Hj. Siti, S.E.' -> 'siti')."""
    before, after = _honorifics()
    return " ".join(_strip(tokens(name), before, after))


def cluster_key(name: str | None) -> str:
    """A cluster's name for matching: normalised, leading group word removed ('Klaster Batik' -> 'batik')."""
    return " ".join(_strip(tokens(name), _group_words(), frozenset()))


def partner_key(name: str | None) -> str:
    """A partner's name for matching: normalised, legal forms removed ('PT Pegadaian Tbk' -> 'pegadaian')."""
    forms = _legal_forms()
    return " ".join(_strip(tokens(name), forms, forms))


# --- what is scored ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scorer:
    """One scored field: which record list it reads, how an entry becomes a key, sets or multisets."""

    source: str
    key: Callable[[dict], Key | None]
    show: Callable[[dict], str]
    multiset: bool = False


@functools.cache
def region_name(name: str, level: str) -> str:
    """The normalised official name of a region written ``name`` at ``level`` ('Kalbar', 'provinsi' ->
    'kalimantan barat'); the name itself when the gazetteer (with patterns/region_aliases.tsv) does not
    know it at that level or knows several regions of different names."""
    from . import gazetteer  # the gazetteer is loaded only when places are scored

    gaz = gazetteer.load()
    names = {normalize(gaz.names[c]) for c in gaz.lookup(name, {level})}
    return names.pop() if len(names) == 1 else normalize(name)


def _place_key(entry: dict) -> Key | None:
    """An administrative place: (official name, level); venues and level "other" are not places."""
    level = normalize(entry.get("level"))
    if level in {"other", "venue"}:
        return None
    return (region_name(normalize(entry.get("name")), level), level)


def _venue_key(entry: dict) -> Key | None:
    """A venue: its normalised whole name ("Balai Desa Bonangrejo")."""
    return (normalize(entry.get("name")),) if normalize(entry.get("level")) == "venue" else None


def _count(value: Any) -> str:
    return "" if value is None else str(value)


SCORERS: dict[str, Scorer] = {
    "officials": Scorer("officials", lambda e: (person_key(e.get("name")),), lambda e: e.get("name") or ""),
    "officials+role": Scorer(
        "officials",
        lambda e: (person_key(e.get("name")), normalize(e.get("role"))),
        lambda e: f"{e.get('name')} | {e.get('role')}",
    ),
    "places": Scorer("places", _place_key, lambda e: f"{e.get('name')} | {e.get('level')}"),
    "venues": Scorer("places", _venue_key, lambda e: e.get("name") or ""),
    "dates": Scorer("dates", lambda e: (str(e.get("value")).strip(),), lambda e: str(e.get("value"))),
    "partners": Scorer("partners", lambda e: (partner_key(e.get("name")),), lambda e: e.get("name") or ""),
    "clusters": Scorer("clusters", lambda e: (cluster_key(e.get("name")),), lambda e: e.get("name") or ""),
    "clusters+count": Scorer(
        "clusters",
        lambda e: (cluster_key(e.get("name")), _count(e.get("member_count"))),
        lambda e: f"{e.get('name')} | {e.get('member_count')}",
    ),
    "checks": Scorer(
        "checks",
        lambda e: (normalize(e.get("kind")), normalize(e.get("status"))),
        lambda e: f"{e.get('kind')} | {e.get('status')}",
        multiset=True,
    ),
    "quotes": Scorer(
        "quotes", lambda e: (person_key(e.get("speaker")),), lambda e: str(e.get("speaker")), multiset=True
    ),
    # events are matched by name only; like checks and quotes they are not part of "overall"
    "events": Scorer("events", lambda e: (normalize(e.get("name")),), lambda e: e.get("name") or ""),
}


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add another field's counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def scores(self) -> dict[str, Any]:
        """tp, fp, fn with precision, recall and F1 (None where undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        denominator = 2 * self.tp + self.fp + self.fn
        f1 = 2 * self.tp / denominator if denominator else None
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": p, "recall": r, "f1": f1}


def _keyed(scorer: Scorer, entries: list[dict]) -> tuple[Counter, dict[Key, str]]:
    keys: Counter = Counter()
    shown: dict[Key, str] = {}
    for entry in entries:
        key = scorer.key(entry)
        if key is None:
            continue
        keys[key] += 1
        shown.setdefault(key, scorer.show(entry))
    if not scorer.multiset:
        keys = Counter(dict.fromkeys(keys, 1))
    return keys, shown


def score_field(scorer: Scorer, output: list[dict], gold: list[dict]) -> tuple[Counts, dict[str, list[str]]]:
    """Counts for one field of one article, with the false positives and negatives as written."""
    out_keys, out_shown = _keyed(scorer, output)
    gold_keys, gold_shown = _keyed(scorer, gold)
    fp = out_keys - gold_keys
    fn = gold_keys - out_keys
    counts = Counts(tp=sum((out_keys & gold_keys).values()), fp=sum(fp.values()), fn=sum(fn.values()))
    detail = {
        "false_positives": [out_shown[k] for k in fp.elements()],
        "false_negatives": [gold_shown[k] for k in fn.elements()],
    }
    return counts, detail


def score_article(output: dict | None, gold: dict) -> dict[str, tuple[Counts, dict[str, list[str]]]]:
    """Per-field counts and details for one article; fields the gold file leaves out are not scored."""
    result = {}
    for field, scorer in SCORERS.items():
        if scorer.source not in gold:
            continue
        out_entries = (output or {}).get(scorer.source) or []
        result[field] = score_field(scorer, out_entries, gold[scorer.source] or [])
    return result


# --- reading inputs ----------------------------------------------------------------------------------------


class _GoldEntry(BaseModel):
    model_config = ConfigDict(extra="allow")


class _GoldName(_GoldEntry):
    name: str


class _GoldOfficial(_GoldName):
    role: str | None = None


class _GoldPlace(_GoldName):
    level: str


class _GoldDate(_GoldEntry):
    value: str


class _GoldCluster(_GoldName):
    member_count: int | None = None


class _GoldQuote(_GoldEntry):
    speaker: str | None = None


class _GoldCheck(_GoldEntry):
    kind: str
    status: str


class _Gold(BaseModel):
    """A gold file: the article id and the annotated fields (others, such as events, are kept unscored)."""

    model_config = ConfigDict(extra="allow")

    id: str
    officials: list[_GoldOfficial] | None = None
    places: list[_GoldPlace] | None = None
    dates: list[_GoldDate] | None = None
    partners: list[_GoldName] | None = None
    clusters: list[_GoldCluster] | None = None
    quotes: list[_GoldQuote] | None = None
    checks: list[_GoldCheck] | None = None


def _error_text(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "record"
    return f"{where}: {err['msg']}"


def read_gold(path: Path) -> dict:
    """One gold file as a dict of its id and the fields it annotates; ValueError naming the file if bad."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: malformed JSON: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: a gold file holds one JSON object, found {type(raw).__name__}")
    try:
        gold = _Gold.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(f"{path}: {_error_text(exc)}") from None
    return gold.model_dump(mode="json", exclude_unset=True)


def gold_files(gold: str | Path) -> list[Path]:
    """The gold JSON files of a folder (sorted), or the one file given."""
    path = Path(gold)
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if p.is_file())
    if path.is_file():
        return [path]
    raise ValueError(f"{gold}: no such gold folder or file")


def read_facts(facts: str | Path) -> Iterator[tuple[ArticleFacts | None, str | None]]:
    """(record, None) for each valid JSON Lines record, (None, error naming file:line) for each bad one."""
    name = str(facts)
    try:
        handle = sys.stdin if name == "-" else open(facts, encoding="utf-8")
    except OSError as exc:
        yield None, f"{name}: cannot read: {exc.strerror or exc}"
        return
    with handle:
        try:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield ArticleFacts.model_validate_json(line), None
                except ValidationError as exc:
                    yield None, f"{name}:{lineno}: {_error_text(exc)}"
        except UnicodeDecodeError as exc:
            yield None, f"{name}: not UTF-8 text: {exc.reason}"


# --- the report --------------------------------------------------------------------------------------------


def evaluate(outputs: dict[str, dict], golds: list[tuple[str, dict]]) -> dict[str, Any]:
    """Score output records (by article id) against gold records ((file, gold) pairs) into a report."""
    totals = {field: Counts() for field in SCORERS}
    overall = Counts()
    articles = []
    missing = []
    gold_ids = set()
    for file, gold in golds:
        gold_ids.add(gold["id"])
        output = outputs.get(gold["id"])
        if output is None and gold.get("text_file"):
            # extract over a whole folder names a plain-text article by its path ("articles/x" for
            # articles/x.txt): the gold file's text_file says which one it is
            by_path = str(PurePosixPath(gold["text_file"]).with_suffix(""))
            output = outputs.get(by_path)
            if output is not None:
                gold_ids.add(by_path)
        if output is None:
            missing.append(gold["id"])
        fields = {}
        for field, (counts, detail) in score_article(output, gold).items():
            totals[field].add(counts)
            if field in OVERALL:
                overall.add(counts)
            fields[field] = {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn, **detail}
        articles.append(
            {
                "id": gold["id"],
                "gold_file": file,
                "output": output is not None,
                "unannotated": [f for f in SCORERS if f not in fields],
                "fields": fields,
            }
        )
    unmatched = sorted(set(outputs) - gold_ids)
    return {
        "articles_gold": len(golds),
        "articles_output": len(outputs),
        "articles_scored": len(golds) - len(missing),
        "missing_output": missing,
        "output_without_gold": len(unmatched),
        "output_without_gold_ids": unmatched,
        "fields": {field: counts.scores() for field, counts in totals.items()},
        "overall": overall.scores(),
        "articles": articles,
    }


def evaluate_files(facts_path: str, gold_dir: str) -> dict[str, Any]:
    """Score a JSON Lines file of ArticleFacts against a gold folder; bad inputs are listed in "errors"."""
    errors: list[str] = []

    def problem(message: str) -> None:
        errors.append(message)
        log.error("berita-extract evaluate: %s", message)

    outputs: dict[str, dict] = {}
    for record, error in read_facts(facts_path):
        if error:
            problem(error)
            continue
        rid = record.article.id
        if rid in outputs:
            problem(f"{facts_path}: article id {rid!r} appears more than once; the first record is scored")
            continue
        outputs[rid] = record.model_dump(mode="json")

    golds: list[tuple[str, dict]] = []
    try:
        files = gold_files(gold_dir)
    except ValueError as exc:
        problem(str(exc))
        files = []
    if not files and not errors:
        problem(f"{gold_dir}: no gold files (*.json)")
    seen: dict[str, str] = {}
    for path in files:
        try:
            gold = read_gold(path)
        except ValueError as exc:
            problem(str(exc))
            continue
        if gold["id"] in seen:
            problem(f"{path}: id {gold['id']!r} already used by {seen[gold['id']]}; file skipped")
            continue
        seen[gold["id"]] = str(path)
        golds.append((str(path), gold))

    report = {"facts": str(facts_path), "gold": str(gold_dir), **evaluate(outputs, golds), "errors": errors}
    return report


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_table(report: dict[str, Any]) -> str:
    """The report as a plain-text table: field, TP, FP, FN, P, R, F1, then what was left unscored."""
    header = ("field", "TP", "FP", "FN", "P", "R", "F1")
    lines = [*report["fields"].items(), ("overall", report["overall"])]
    cells = [header] + [
        (name, *(str(s[k]) for k in ("tp", "fp", "fn")), *(_pct(s[k]) for k in ("precision", "recall", "f1")))
        for name, s in lines
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def render(row: tuple[str, ...]) -> str:
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        return "  ".join([row[0].ljust(widths[0]), *rest])

    rule = "  ".join("-" * w for w in widths)
    out = [render(cells[0]), rule, *(render(row) for row in cells[1:-1]), rule, render(cells[-1])]
    out.append("")
    out.append(
        f"articles: {report['articles_scored']} scored of {report['articles_gold']} gold; "
        f"{report['articles_output']} output records, {report['output_without_gold']} without gold (ignored)"
    )
    out.append(f"overall = {' + '.join(OVERALL)}")
    if report["missing_output"]:
        missing = report["missing_output"]
        out.append(f"missing output ({len(missing)}): " + ", ".join(missing))
    for error in report.get("errors", []):
        out.append(f"error: {error}")
    return "\n".join(out)
