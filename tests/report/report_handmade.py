"""Hand-made records for the report tests: facts whose mentions are found by phrase in the test articles."""

from __future__ import annotations

import re
from pathlib import Path

from berita_extract.inputs import read_path
from berita_extract.records import FACT_FIELDS, Article, ArticleFacts, Span

ARTICLES = Path(__file__).resolve().parent / "articles"


def article(name: str) -> Article:
    """One of the test articles by file name."""
    items = list(read_path(ARTICLES / name, ARTICLES))
    assert items[0].article is not None, items[0].error
    return items[0].article


def spans(text: str, phrase: str, rule: str = "test") -> list[Span]:
    """Every occurrence of a phrase in the text, as mentions."""
    found = [
        Span(start=m.start(), end=m.end(), text=m.group(0), rule=rule)
        for m in re.finditer(re.escape(phrase), text)
    ]
    assert found, f"{phrase!r} not in the text"
    return found


def facts(art: Article, **fields: list[dict]) -> ArticleFacts:
    """An ArticleFacts for an article; each fact dict names its phrases under 'say' (str or list)."""
    data: dict = {"article": art.meta()}
    for field, entries in fields.items():
        model = FACT_FIELDS[field]
        built = []
        for entry in entries:
            entry = dict(entry)
            say = entry.pop("say")
            phrases = [say] if isinstance(say, str) else say
            mentions = [s for p in phrases for s in spans(art.text, p, rule=f"test-{field}")]
            built.append(model(mentions=sorted(mentions, key=lambda s: s.start), **entry))
        data[field] = built
    return ArticleFacts(**data)


def grobogan_suara() -> tuple[ArticleFacts, str]:
    """The first Grobogan article: member total, percentage and a repeated figure do not add up."""
    art = article("grobogan-klaster-suara.json")
    return facts(
        art,
        officials=[
            {
                "name": "Sri Wahyuningsih",
                "title": "Bupati Grobogan",
                "role": "bupati",
                "jurisdiction": "Grobogan",
                "say": ["Bupati Grobogan Sri Wahyuningsih", "kata Sri Wahyuningsih"],
            },
            {
                "name": "Agus Priyanto",
                "title": "Kepala Dinas Koperasi dan UKM Grobogan",
                "role": "kepala dinas",
                "say": ["Kepala Dinas Koperasi dan UKM Grobogan, Agus Priyanto"],
            },
        ],
        places=[
            {"name": "Grobogan", "level": "kabupaten", "code": "33.15", "say": ["Kabupaten Grobogan"]},
            {
                "name": "Purwodadi",
                "level": "kecamatan",
                "within": "Grobogan",
                "code": "33.15.12",
                "say": "Kecamatan Purwodadi",
            },
            {"name": "Balai Desa Karanganyar", "level": "venue", "say": "Balai Desa Karanganyar"},
        ],
        dates=[{"value": "2024-05-14", "text": "Rabu (14/5/2024)", "say": "Rabu (14/5/2024)"}],
        partners=[
            {"name": "Bank Jateng", "kind": "bank", "say": "Bank Jateng"},
            {"name": "Universitas Muria Kudus", "kind": "university", "say": "Universitas Muria Kudus"},
        ],
        clusters=[
            {
                "name": "Batik Tulis Sidorejo",
                "label": "Klaster Batik Tulis Sidorejo",
                "member_count": 20,
                "member_unit": "perajin",
                "place": "Sidorejo",
                "say": "Klaster Batik Tulis Sidorejo",
            },
            {
                "name": "Keripik Singkong Karanganyar",
                "label": "Klaster Keripik Singkong Karanganyar",
                "member_count": 15,
                "member_unit": "pelaku usaha",
                "say": "Klaster Keripik Singkong Karanganyar",
            },
            {
                "name": "Jamu Gendong Ngabenrejo",
                "label": "Klaster Jamu Gendong Ngabenrejo",
                "member_count": 12,
                "member_unit": "pelaku usaha",
                "say": "Klaster Jamu Gendong Ngabenrejo",
            },
        ],
        figures=[
            {"value": 150_000_000, "unit": "Rp", "text": "Rp150 juta", "say": "Rp150 juta"},
            {"value": 45, "unit": "persen", "text": "45 persen", "say": "45 persen"},
        ],
        quotes=[
            {
                "speaker": "Sri Wahyuningsih",
                "text": "Klaster ini kami bentuk agar pelaku usaha tidak berjalan sendiri-sendiri,",
                "say": "Klaster ini kami bentuk agar pelaku usaha tidak berjalan sendiri-sendiri,",
            }
        ],
        checks=[
            {
                "kind": "weekday",
                "status": "mismatch",
                "message": "14 May 2024 was a Tuesday, not a Wednesday (Rabu).",
                "say": "Rabu (14/5/2024)",
            }
        ],
    ), art.text


def grobogan_jatengpos() -> tuple[ArticleFacts, str]:
    """The second Grobogan article: other member count and another title for the same official."""
    art = article("grobogan-klaster-jatengpos.json")
    return facts(
        art,
        officials=[
            {
                "name": "Sri Wahyuningsih",
                "title": "Wakil Bupati Grobogan",
                "role": "wakil bupati",
                "say": "Wakil Bupati Grobogan Sri Wahyuningsih",
            }
        ],
        places=[
            {"name": "Purwodadi", "level": "kecamatan", "say": ["Kecamatan Purwodadi"]},
            {"name": "Grobogan", "level": "kabupaten", "say": "Kabupaten Grobogan"},
        ],
        partners=[{"name": "Bank Jateng", "kind": "bank", "say": "Bank Jateng"}],
        clusters=[
            {
                "name": "Batik Tulis Sidorejo",
                "label": "Klaster Batik Tulis Sidorejo",
                "member_count": 25,
                "member_unit": "perajin",
                "say": "Klaster Batik Tulis Sidorejo",
            },
            {
                "name": "Keripik Singkong Karanganyar",
                "label": "Klaster Keripik Singkong Karanganyar",
                "member_count": 15,
                "member_unit": "pelaku usaha",
                "say": "Klaster Keripik Singkong Karanganyar",
            },
            {
                "name": "Jamu Gendong Ngabenrejo",
                "label": "Klaster Jamu Gendong Ngabenrejo",
                "member_count": 12,
                "member_unit": "pelaku usaha",
                "say": "Klaster Jamu Gendong Ngabenrejo",
            },
        ],
    ), art.text


def pati() -> tuple[ArticleFacts, str]:
    """The Pati article: every figure agrees."""
    art = article("pati-nelayan.txt")
    return facts(
        art,
        officials=[
            {
                "name": "Rina Setyowati",
                "title": "Kepala Dinas Kelautan dan Perikanan Pati",
                "role": "kepala dinas",
                "say": ["Kepala Dinas Kelautan dan Perikanan Pati, Rina Setyowati"],
            }
        ],
        clusters=[
            {
                "name": "Mina Bendar",
                "label": "Kelompok Usaha Bersama Mina Bendar",
                "member_count": 18,
                "member_unit": "nelayan",
                "say": "Kelompok Usaha Bersama Mina Bendar",
            },
            {
                "name": "Bahari Juwana",
                "label": "Kelompok Usaha Bersama Bahari Juwana",
                "member_count": 12,
                "member_unit": "nelayan",
                "say": "Kelompok Usaha Bersama Bahari Juwana",
            },
        ],
    ), art.text


def kudus() -> tuple[ArticleFacts, str]:
    """The Kudus article: the number of participants differs."""
    art = article("kudus-festival.txt")
    return facts(
        art,
        officials=[
            {
                "name": "Hartono Wibowo",
                "title": "Wakil Bupati Kudus",
                "role": "wakil bupati",
                "say": "Wakil Bupati Kudus Hartono Wibowo",
            }
        ],
        events=[{"name": "Festival Kuliner Kretek 2024", "say": "Festival Kuliner Kretek 2024"}],
    ), art.text


def planted() -> tuple[ArticleFacts, str]:
    """The article with a planted script and overlapping mentions."""
    art = article("planted-script.txt")
    return facts(
        art,
        officials=[
            {
                "name": "Arief Rohman",
                "title": "Bupati Blora",
                "role": "bupati",
                "say": ["Bupati Blora Arief Rohman", "Arief meminta"],
            }
        ],
        # "Blora" sits inside the official's mention: the page must nest it.
        places=[
            {"name": "Blora", "level": "kabupaten", "code": "33.16", "say": ["Blora Arief"]},
            {"name": "Cepu", "level": "kecamatan", "say": "Cepu"},
        ],
        clusters=[
            {
                "name": "Tahu Cepu",
                "label": "Klaster Tahu Cepu",
                "member_count": 9,
                "member_unit": "pelaku usaha",
                "say": "Klaster Tahu Cepu",
            }
        ],
        # Crosses the cluster's mention: the page must split one of them.
        figures=[
            {
                "value": 9,
                "unit": "pelaku usaha",
                "text": "Cepu yang beranggotakan 9 pelaku usaha",
                "say": "Cepu yang beranggotakan 9 pelaku usaha",
            }
        ],
        quotes=[{"speaker": None, "text": "script", "say": "<script>window.__pwned = 1;"}],
    ), art.text


ALL = (grobogan_suara, grobogan_jatengpos, pati, kudus, planted)


def kudus_other() -> tuple[ArticleFacts, str]:
    """A second outlet on the Kudus festival: other participant count and turnover."""
    art = article("kudus-festival-murianews.txt")
    return facts(
        art,
        officials=[
            {
                "name": "Hartono Wibowo",
                "title": "Wakil Bupati Kudus",
                "role": "wakil bupati",
                "say": "Wakil Bupati Kudus Hartono Wibowo",
            }
        ],
        events=[{"name": "Festival Kuliner Kretek 2024", "say": "Festival Kuliner Kretek 2024"}],
    ), art.text


ALL = (*ALL, kudus_other)
