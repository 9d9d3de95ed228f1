"""Hand-built ArticleFacts records for the store tests (independent of the extraction output)."""

from __future__ import annotations

from berita_extract.records import ArticleFacts, text_sha256

TEXT = (
    "Demak - Bupati Demak Eisti'anah membuka pelatihan Klaster Kerupuk Ikan di Desa Bonangrejo, "
    "Kecamatan Bonang, Selasa (11/10/2022). Sebanyak 25 pelaku usaha ikut. \"Kami dukung UMKM,\" "
    "kata Eisti'anah. Bank Jateng turut mendukung. Total dua klaster dengan 40 anggota."
)


def _span(text: str, needle: str, rule: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle, "rule": rule}


def make_facts(article_id: str = "demak-001", text: str = TEXT, **changes) -> ArticleFacts:
    """A complete, realistic record with every fact kind filled in (changes override fields)."""
    data = {
        "article": {
            "id": article_id,
            "url": f"https://example.test/{article_id}",
            "title": "Pelatihan Klaster Kerupuk Ikan",
            "published": "2022-10-11",
            "source": "Contoh News",
            "dateline": "Demak",
            "authors": ["Ani", "Budi Ç"],
            "text_sha256": text_sha256(text),
        },
        "officials": [{
            "name": "Eisti'anah", "title": "Bupati Demak", "role": "bupati", "jurisdiction": "Demak",
            "organization": None,
            "mentions": [_span(text, "Bupati Demak Eisti'anah", "title.bupati"),
                         _span(text, "Eisti'anah", "name.repeat", nth=1)],
        }],
        "places": [
            {"name": "Demak", "level": "kabupaten", "within": "Jawa Tengah", "code": "33.21",
             "mentions": [_span(text, "Demak", "dateline")]},
            {"name": "Bonang", "level": "kecamatan", "within": "Demak", "code": "33.21.12",
             "mentions": [_span(text, "Kecamatan Bonang", "place.kecamatan")]},
            {"name": "Bonangrejo", "level": "desa", "within": "Bonang", "code": "33.21.12.2017",
             "mentions": [_span(text, "Desa Bonangrejo", "place.desa")]},
        ],
        "dates": [{"value": "2022-10-11", "text": "Selasa (11/10/2022)",
                   "mentions": [_span(text, "Selasa (11/10/2022)", "date.numeric")]}],
        "partners": [{"name": "Bank Jateng", "kind": "bank",
                      "mentions": [_span(text, "Bank Jateng", "org.bank")]}],
        "clusters": [{"name": "Kerupuk Ikan", "label": "Klaster Kerupuk Ikan", "member_count": 25,
                      "member_unit": "pelaku usaha", "place": "Bonangrejo",
                      "mentions": [_span(text, "Klaster Kerupuk Ikan", "cluster.name")]}],
        "events": [{"name": "pelatihan Klaster Kerupuk Ikan", "date": "2022-10-11",
                    "venue": "Desa Bonangrejo",
                    "organizer": None, "mentions": [_span(text, "pelatihan Klaster Kerupuk Ikan", "event")]}],
        "figures": [
            {"value": 25, "unit": "orang", "counts": "pelaku usaha", "text": "25 pelaku usaha",
             "mentions": [_span(text, "25 pelaku usaha", "num.count")]},
            {"value": 40.0, "unit": None, "counts": "anggota", "text": "40 anggota", "approximate": True,
             "mentions": [_span(text, "40 anggota", "num.count")]},
        ],
        "quotes": [{"speaker": "Eisti'anah", "text": "Kami dukung UMKM,",
                    "mentions": [_span(text, "Kami dukung UMKM,", "quote.kata")]}],
        "checks": [{"kind": "stated_total", "status": "mismatch",
                    "message": "The text says two clusters but names one.",
                    "mentions": [_span(text, "dua klaster", "check.total")]}],
    }
    data.update(changes)
    return ArticleFacts.model_validate(data)


def many_facts(n: int, prefix: str = "art") -> list[ArticleFacts]:
    """n distinct records (ids and texts differ)."""
    out = []
    for i in range(n):
        text = TEXT + f" Nomor {i}."
        out.append(make_facts(f"{prefix}-{i:05d}", text=text))
    return out
