"""A cluster whose sentence names its desa gets that desa's kecamatan and kabupaten in v_clusters."""

from __future__ import annotations

from berita_extract.extraction import extract
from berita_extract.store import open_store
from berita_extract.store.queries import run_query

TEXT = (
    "DEMAK - Kelompok Tani Sido Rukun di Desa Bonangrejo, Kecamatan Bonang, Kabupaten Demak, beranggotakan "
    "25 petani. Klaster Batik Pesisir juga hadir."
)


def test_extracted_cluster_place_reaches_the_view(target):
    facts = extract(TEXT, id="kt-1", published="2023-06-06")
    with open_store(target) as store:
        store.save(facts, store.start_run([]))
    with open_store(target, readonly=True) as store:
        rows = run_query(store, "clusters", kabupaten="Demak")[1]
    got = {r["name"]: (r["place"], r["kecamatan"], r["kabupaten"], r["kabupaten_from"]) for r in rows}
    assert got["Sido Rukun"] == ("Bonangrejo", "Bonang", "Demak", "place")
    # a cluster with no place of its own falls back to the article's one kabupaten, without a kecamatan
    assert got["Batik Pesisir"] == (None, None, "Demak", "article")
