"""End-to-end runs of the berita-extract command: inputs, bad inputs, exit status, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys

from berita_extract.cli import build_parser, main

ARTICLE = ("KUDUS, Koran Muria – Bupati Kudus Hartopo membuka Sentra Jenang Kudus yang beranggotakan 25 UMKM "
           "di Balai Desa Kaliputu, Kecamatan Kota, Selasa (11/10/2022).")


def run(args, stdin=None):
    return subprocess.run([sys.executable, "-m", "berita_extract.cli", *args], input=stdin, capture_output=True,
                          timeout=300)


def test_folder_stdin_and_bad_inputs(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "rec.json").write_text(json.dumps({"id": "rec-1", "text": ARTICLE, "published": "2022-10-11"}))
    (folder / "many.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n{broken\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "latin1.txt").write_bytes("Bupati Kudus Hartopo membuka acara di Café Muria.".encode("cp1252"))
    (folder / "bad.json").write_text("{not json")
    (folder / "notext.json").write_text(json.dumps({"id": "x"}))
    (folder / "big.txt").write_text("kata " * 300)
    (folder / "gold").mkdir()
    (folder / "gold" / "good.json").write_text(json.dumps({"id": "good", "officials": []}))
    out = tmp_path / "facts.jsonl"
    result = run(["extract", str(folder), "-o", str(out), "--max-bytes", "1000"])
    assert result.returncode == 1
    err = result.stderr.decode()
    for name, reason in [("empty.txt", "empty file"), ("binary.txt", "binary"), ("bad.json", "malformed JSON"),
                         ("notext.json", "no 'text'"), ("big.txt", "over the limit"), ("many.jsonl:2", "malformed")]:
        assert name in err and reason in err, (name, err)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    ids = sorted(r["article"]["id"] for r in records)
    assert ids == ["good", "latin1", "many:1", "rec-1"]
    rec = next(r for r in records if r["article"]["id"] == "rec-1")
    assert rec["dates"][0]["value"] == "2022-10-11"
    assert rec["clusters"][0]["member_count"] == 25
    assert not list(tmp_path.glob("*.part"))

    piped = run(["extract", "-"], stdin=ARTICLE.encode())
    assert piped.returncode == 0
    assert json.loads(piped.stdout)["officials"][0]["name"] == "Hartopo"


def test_missing_input_is_an_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_schema_command(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"officials", "places", "clusters", "checks"} <= set(schema["properties"])


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.description, name


def test_unusable_database_is_one_clear_line(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "missing-folder" / "x.sqlite"
    assert main(["extract", str(article), "--db", str(target), "-q"]) == 1
    err = capsys.readouterr().err
    assert str(target) in err and "Traceback" not in err


def test_saved_html_page_in_its_declared_charset(tmp_path, capsys):
    """A saved page: metadata from JSON-LD, the main text without menus and scripts, read in its charset."""
    page = tmp_path / "berita.html"
    paragraphs = "".join(
        f"<p>{p}</p>"
        for p in [
            "KUDUS – Bupati Kudus Hartopo meninjau Café Muria di Desa Kaliputu, Kecamatan Kota, Selasa (11/10).",
            "Kafe itu menjadi tempat pamer produk Sentra Jenang Kudus yang beranggotakan 25 UMKM.",
            "Pengunjung dapat mencicipi jenang, dodol dan wingko buatan perajin setempat setiap hari.",
        ]
    )
    html = (
        '<html><head><meta charset="windows-1252"><title>Café Muria | Koran Muria</title>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Café Muria Dibuka",'
        ' "datePublished": "2022-10-11T09:00:00+07:00"}</script></head>'
        '<body><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav>'
        f"<article>{paragraphs}</article><script>var x = 1;</script></body></html>"
    )
    page.write_bytes(html.encode("cp1252"))
    assert main(["extract", str(page), "-q"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["article"]["title"] == "Café Muria Dibuka"
    assert record["article"]["published"] == "2022-10-11"
    assert record["officials"][0]["name"] == "Hartopo"
    assert record["dates"][0]["value"] == "2022-10-11"  # "Selasa (11/10)" takes the page's year
    assert "Beranda" not in json.dumps(record)
