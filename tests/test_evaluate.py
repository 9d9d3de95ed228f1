"""Tests of berita-extract evaluate: normalisation, scoring tables, bad inputs and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from berita_extract import cli
from berita_extract.evaluation import (
    cluster_key,
    evaluate,
    evaluate_files,
    format_table,
    normalize,
    partner_key,
    person_key,
)
from berita_extract.lexicon import rows

SHARED = Path(__file__).resolve().parents[2] / "shared"


def span(text: str = "x") -> list[dict]:
    """A mention list good enough for the record model (evaluation ignores offsets)."""
    return [{"start": 0, "end": len(text), "text": text, "rule": "test"}]


def official(name: str, role: str = "bupati") -> dict:
    return {"name": name, "title": role.title(), "role": role, "mentions": span()}


def place(name: str, level: str) -> dict:
    return {"name": name, "level": level, "mentions": span()}


def date(value: str) -> dict:
    return {"value": value, "text": value, "mentions": span()}


def partner(name: str) -> dict:
    return {"name": name, "mentions": span()}


def cluster(name: str, count: int | None = None) -> dict:
    return {"name": name, "label": name, "member_count": count, "mentions": span()}


def check(kind: str, status: str) -> dict:
    return {"kind": kind, "status": status, "message": "m", "mentions": span()}


def quote(speaker: str | None) -> dict:
    return {"speaker": speaker, "text": "kata", "mentions": span()}


def record(article_id: str, **fields: list[dict]) -> dict:
    """An ArticleFacts record as extract writes it."""
    return {"schema_version": 1, "article": {"id": article_id, "text_sha256": "0" * 64}, **fields}


def strip_mentions(entries: list[dict]) -> list[dict]:
    """Gold entries carry no mentions."""
    return [{k: v for k, v in e.items() if k != "mentions"} for e in entries]


def gold(article_id: str, **fields: list[dict]) -> dict:
    """A gold file's content, built from the same helpers as the records."""
    return {"id": article_id, "text_file": f"articles/{article_id}.txt"} | {
        k: strip_mentions(v) for k, v in fields.items()
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eisti'anah", "eistianah"),
        ("Eisti’anah", "eistianah"),
        ("EISTI`ANAH", "eistianah"),
        ("  Kerupuk\u00a0 Ikan ", "kerupuk ikan"),
        ("Al-Muwahidin", "al muwahidin"),
        ("ＤＥＭＡＫ", "demak"),  # full-width letters fold under NFKC
        (None, ""),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hj. Eisti'anah, S.E., M.M.", "eistianah"),
        ("Eisti’anah", "eistianah"),
        ("H. Iskandar Zulkarnain, S.Sos., M.Si.", "iskandar zulkarnain"),
        ("Prof. Dr. Ir. Budi Santoso, M.Sc., Ph.D.", "budi santoso"),
        ("Drs. H. M. Natsir", "m natsir"),  # the initial after the honorific stays
        ("Ahmad SE MM", "ahmad"),
        ("K.H. Ma'ruf Amin", "maruf amin"),
        ("KH Maruf Amin", "maruf amin"),
        ("dr. Siti Nadia Tarmizi", "siti nadia tarmizi"),
        ("Bapak Joko Widodo", "joko widodo"),
        ("Bu Risma", "risma"),
        ("Budi Sulistyo", "budi sulistyo"),  # Bu/Pak are words, not prefixes of words
        ("Pak", "pak"),  # never stripped down to nothing
    ],
)
def test_person_key(name, expected):
    assert person_key(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Klaster Kerupuk Ikan", "kerupuk ikan"),
        ("Kluster Kerupuk Ikan", "kerupuk ikan"),
        ("Sentra Batik", "batik"),
        ("Kerupuk Ikan", "kerupuk ikan"),
        ("Pengrajin Alat Penangkap Rajungan (Bubu)", "pengrajin alat penangkap rajungan bubu"),
        ("Klaster", "klaster"),
    ],
)
def test_cluster_key(name, expected):
    assert cluster_key(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PT Pegadaian (Persero)", "pegadaian"),
        ("Pegadaian", "pegadaian"),
        ("PT. Bank Rakyat Indonesia (Persero) Tbk", "bank rakyat indonesia"),
        ("CV Maju Jaya", "maju jaya"),
        ("Perum Bulog", "bulog"),
        ("Marketplace Shopee", "shopee"),
    ],
)
def test_partner_key(name, expected):
    assert partner_key(name) == expected


def test_honorifics_file_covers_the_usual_forms():
    forms = {r.form: r.kind for r in rows("honorifics.tsv")}
    for form in ("H.", "Hj.", "K.H.", "Bapak", "Ibu", "Pak", "Bu"):
        assert forms[form] == "honorific"
    for form in (
        "Dr.",
        "dr.",
        "Drs.",
        "Dra.",
        "Ir.",
        "Prof.",
        "S.E.",
        "S.H.",
        "S.Pd.",
        "M.M.",
        "M.Si.",
        "MBA",
    ):
        assert forms[form] == "degree"


# (output fields, gold fields, expected {field: (tp, fp, fn)}) for one article.
CASES = [
    pytest.param(
        {"officials": [official("Hj. Eisti’anah, S.E.", "bupati"), official("Iskandar", "kepala dinas")]},
        {"officials": [official("Eisti'anah", "bupati"), official("Iskandar Zulkarnain", "kepala dinas")]},
        {"officials": (1, 1, 1), "officials+role": (1, 1, 1)},
        id="officials-honorific-apostrophe-and-shortened-name",
    ),
    pytest.param(
        {"officials": [official("Eisti'anah", "wakil bupati")]},
        {"officials": [official("Eisti'anah", "bupati")]},
        {"officials": (1, 0, 0), "officials+role": (0, 1, 1)},
        id="officials-right-name-wrong-role",
    ),
    pytest.param(
        {"places": [place("Demak", "kabupaten"), place("Bonang", "desa"), place("Indonesia", "other")]},
        {"places": [place("DEMAK", "kabupaten"), place("Bonang", "kecamatan"), place("Jawa", "other")]},
        {"places": (1, 1, 1)},
        id="places-by-name-and-level-other-ignored",
    ),
    pytest.param(
        {
            "places": [
                place("Kalbar", "provinsi"),
                place("Sumsel", "provinsi"),
                place("Solo", "kota"),
                place("Kukar", "kabupaten"),
                place("Jatim", "kabupaten"),
            ]
        },
        {
            "places": [
                place("Kalimantan Barat", "provinsi"),
                place("SUMSEL", "provinsi"),
                place("Surakarta", "kota"),
                place("Kutai Kartanegara", "kabupaten"),
                place("Jawa Timur", "provinsi"),
            ]
        },
        {"places": (4, 1, 1)},
        id="places-short-forms-match-full-names-at-the-same-level",
    ),
    pytest.param(
        {"places": [place("Yogyakarta", "provinsi"), place("Jogja", "provinsi"), place("Yogyakarta", "kota")]},
        {"places": [place("DIY", "provinsi"), place("Yogyakarta", "kota")]},
        {"places": (2, 0, 0)},
        id="places-several-short-forms-of-one-province-count-once",
    ),
    pytest.param(
        {
            "places": [
                place("Bonang", "kecamatan"),
                place("Balai Desa Bonangrejo", "venue"),
                place("Pendopo Kabupaten Demak", "venue"),
                place("Jawa", "other"),
            ]
        },
        {
            "places": [
                place("Bonang", "kecamatan"),
                place("balai desa Bonangrejo", "venue"),
                place("Gedung Juang", "venue"),
            ]
        },
        {"places": (1, 0, 0), "venues": (1, 1, 1)},
        id="venues-scored-apart-from-administrative-places",
    ),
    pytest.param(
        {"dates": [date("2022-10-11"), date("2022-10-12")]},
        {"dates": [date("2022-10-11")]},
        {"dates": (1, 1, 0)},
        id="dates-by-value",
    ),
    pytest.param(
        {
            "partners": [
                partner("PT Pegadaian (Persero)"),
                partner("Marketplace Shopee"),
                partner("Bank Jateng"),
            ]
        },
        {"partners": [partner("Pegadaian"), partner("Shopee"), partner("Unisfat")]},
        {"partners": (2, 1, 1)},
        id="partners-legal-forms",
    ),
    pytest.param(
        {
            "clusters": [
                cluster("Klaster Kerupuk Ikan", 15),
                cluster("Enceng Gondok", 2),
                cluster("Batik", None),
            ]
        },
        {"clusters": [cluster("Kerupuk Ikan", 15), cluster("Kluster Enceng Gondok", 20)]},
        {"clusters": (2, 1, 0), "clusters+count": (1, 2, 1)},
        id="clusters-prefix-and-member-count",
    ),
    pytest.param(
        {"checks": [check("stated_total", "ok"), check("weekday", "ok"), check("weekday", "ok")]},
        {"checks": [check("stated_total", "ok"), check("stated_total", "ok"), check("weekday", "ok")]},
        {"checks": (2, 1, 1)},
        id="checks-multiset",
    ),
    pytest.param(
        {"quotes": [quote("Eisti'anah"), quote("Iskandar"), quote(None)]},
        {"quotes": [quote("Hj. Eisti'anah"), quote("Eisti'anah"), quote("Iskandar")]},
        {"quotes": (2, 1, 1)},
        id="quotes-by-speaker-multiset",
    ),
    pytest.param(
        {"officials": [official("Eisti'anah")], "checks": [check("weekday", "ok")]},
        {"officials": [official("Eisti'anah")]},
        {"officials": (1, 0, 0), "checks": (0, 0, 0)},
        id="field-left-out-of-gold-is-not-scored",
    ),
]


@pytest.mark.parametrize(("output", "gold_fields", "expected"), CASES)
def test_scores(output, gold_fields, expected):
    report = evaluate({"a": record("a", **output)}, [("a.json", gold("a", **gold_fields))])
    for field, (tp, fp, fn) in expected.items():
        got = report["fields"][field]
        assert (got["tp"], got["fp"], got["fn"]) == (tp, fp, fn), field
        per_article = report["articles"][0]["fields"].get(field, {"tp": 0, "fp": 0, "fn": 0})
        assert (per_article["tp"], per_article["fp"], per_article["fn"]) == (tp, fp, fn), field


def test_breakdown_lists_what_was_missed_and_invented():
    report = evaluate(
        {"a": record("a", officials=[official("Iskandar", "kepala dinas")])},
        [("a.json", gold("a", officials=[official("Iskandar Zulkarnain", "kepala dinas")]))],
    )
    detail = report["articles"][0]["fields"]["officials"]
    assert detail["false_positives"] == ["Iskandar"]
    assert detail["false_negatives"] == ["Iskandar Zulkarnain"]
    assert report["articles"][0]["fields"]["officials+role"]["false_negatives"] == [
        "Iskandar Zulkarnain | kepala dinas"
    ]
    assert "checks" in report["articles"][0]["unannotated"]


def test_micro_average_over_articles():
    outputs = {
        "a": record("a", dates=[date("2022-10-11")]),
        "b": record("b", dates=[date("2022-01-01"), date("2022-01-02"), date("2022-01-03")]),
    }
    golds = [
        ("a.json", gold("a", dates=[date("2022-10-11")])),
        ("b.json", gold("b", dates=[date("2022-01-01"), date("2022-02-02")])),
    ]
    dates = evaluate(outputs, golds)["fields"]["dates"]
    assert (dates["tp"], dates["fp"], dates["fn"]) == (2, 2, 1)
    assert dates["precision"] == pytest.approx(2 / 4)
    assert dates["recall"] == pytest.approx(2 / 3)
    assert dates["f1"] == pytest.approx(2 * 2 / (2 * 2 + 2 + 1))


def test_missing_output_counts_every_gold_fact_as_missed():
    outputs = {"a": record("a", dates=[date("2022-10-11")]), "extra": record("extra")}
    golds = [
        ("a.json", gold("a", dates=[date("2022-10-11")])),
        ("b.json", gold("b", dates=[date("2022-01-01")], places=[place("Demak", "kabupaten")])),
    ]
    report = evaluate(outputs, golds)
    assert report["missing_output"] == ["b"]
    assert report["articles_scored"] == 1
    assert report["articles_gold"] == 2
    assert report["output_without_gold"] == 1
    assert report["output_without_gold_ids"] == ["extra"]
    assert (report["fields"]["dates"]["tp"], report["fields"]["dates"]["fn"]) == (1, 1)
    assert report["fields"]["places"]["fn"] == 1
    assert report["fields"]["places"]["recall"] == 0.0
    assert report["fields"]["places"]["precision"] is None
    assert report["fields"]["places"]["f1"] == 0.0
    assert report["articles"][1]["output"] is False


def write_inputs(tmp_path: Path, records: list[dict], golds: list[dict]) -> tuple[Path, Path]:
    facts = tmp_path / "x.jsonl"
    facts.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for g in golds:
        (gold_dir / f"{g['id']}.json").write_text(json.dumps(g), encoding="utf-8")
    return facts, gold_dir


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path):
    facts, gold_dir = write_inputs(
        tmp_path,
        [record("a", dates=[date("2022-10-11")])],
        [gold("a", dates=[date("2022-10-11")]), gold("c", places=[{"name": "Demak"}])],
    )
    with facts.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(
            json.dumps(record("b", dates=[{"value": "2022-13-45", "text": "x", "mentions": span()}])) + "\n"
        )
    (gold_dir / "broken.json").write_text("{", encoding="utf-8")
    (gold_dir / "dup.json").write_text(json.dumps(gold("a")), encoding="utf-8")
    report = evaluate_files(str(facts), str(gold_dir))
    errors = "\n".join(report["errors"])
    assert f"{facts}:2:" in errors
    assert f"{facts}:3: dates.0.value" in errors
    assert f"{gold_dir / 'broken.json'}: malformed JSON" in errors
    assert f"{gold_dir / 'c.json'}: places.0.level" in errors
    assert "already used by" in errors and "dup.json" in errors
    assert report["articles_scored"] == 1
    assert report["fields"]["dates"]["tp"] == 1


def test_missing_paths_give_errors_not_tracebacks(tmp_path):
    report = evaluate_files(str(tmp_path / "none.jsonl"), str(tmp_path / "nogold"))
    assert report["articles_scored"] == 0
    assert any("none.jsonl: cannot read" in e for e in report["errors"])
    assert any("nogold: no such gold folder" in e for e in report["errors"])


def test_format_table_lists_fields_and_missing_output():
    report = evaluate({}, [("b.json", gold("b", dates=[date("2022-01-01")]))])
    report["errors"] = []
    table = format_table(report)
    header = table.splitlines()[0].split()
    assert header == ["field", "TP", "FP", "FN", "P", "R", "F1"]
    dates_row = next(line for line in table.splitlines() if line.startswith("dates "))
    assert dates_row.split() == ["dates", "0", "0", "1", "-", "0.000", "0.000"]
    assert "missing output (1): b" in table


def test_cli_evaluate_json(tmp_path, capsys):
    facts, gold_dir = write_inputs(
        tmp_path,
        [record("a", officials=[official("H. Ahmad, S.E.", "camat")]), record("z")],
        [gold("a", officials=[official("Ahmad", "camat")]), gold("b", dates=[date("2022-01-01")])],
    )
    code = cli.main(["evaluate", str(facts), "--gold", str(gold_dir), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["fields"]["officials+role"]["f1"] == 1.0
    assert report["missing_output"] == ["b"]
    assert report["output_without_gold"] == 1


def test_cli_evaluate_exits_1_when_nothing_is_scored(tmp_path):
    facts, gold_dir = write_inputs(tmp_path, [record("z")], [gold("a", dates=[date("2022-01-01")])])
    done = subprocess.run(
        [sys.executable, "-m", "berita_extract.cli", "evaluate", str(facts), "--gold", str(gold_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].split() == ["field", "TP", "FP", "FN", "P", "R", "F1"]
    assert "missing output (1): a" in done.stdout


def test_shared_gold_scores_perfectly_against_itself(tmp_path):
    """Every shared gold file, turned into an output record, matches itself exactly."""
    gold_dir = SHARED / "gold"
    if not gold_dir.is_dir():
        pytest.skip(f"../shared not found: {gold_dir}")
    defaults = {
        "officials": {"title": "x", "role": "x"},
        "dates": {"text": "x"},
        "clusters": {"label": "x"},
        "quotes": {"text": "x"},
        "checks": {"message": "x"},
    }
    facts = tmp_path / "self.jsonl"
    with facts.open("w", encoding="utf-8") as handle:
        for path in sorted(gold_dir.glob("*.json")):
            g = json.loads(path.read_text(encoding="utf-8"))
            fields = {
                field: [
                    defaults.get(field, {}) | {"mentions": span()} | entry for entry in g.get(field) or []
                ]
                for field in ("officials", "places", "dates", "partners", "clusters", "quotes", "checks", "events")
            }
            handle.write(json.dumps(record(g["id"], **fields)) + "\n")
    report = evaluate_files(str(facts), str(gold_dir))
    assert report["errors"] == []
    assert report["articles_scored"] == report["articles_gold"] > 0
    for field, scores in report["fields"].items():
        assert scores["fp"] == scores["fn"] == 0, field
    assert report["overall"]["tp"] > 0


def test_gold_matched_by_text_file_path():
    """A folder run names a .txt article by its path; the gold file's text_file finds it."""
    from berita_extract.evaluation import evaluate

    gold = {"id": "demak-klaster", "text_file": "articles/demak-klaster.txt",
            "partners": [{"name": "Pegadaian"}]}
    output = {"article": {"id": "articles/demak-klaster"}, "partners": [{"name": "Pegadaian", "mentions": []}]}
    report = evaluate({"articles/demak-klaster": output}, [("g.json", gold)])
    assert report["missing_output"] == [] and report["output_without_gold"] == 0
    assert report["fields"]["partners"]["tp"] == 1
