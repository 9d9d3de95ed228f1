"""Benchmark: load N records into SQLite and PostgreSQL; rows/s and the ratio to writing JSONL.

    python benchmarks/bench_store.py [-n 10000] [--pg postgresql://postgres@127.0.0.1:5432/test] [--writers 4]

PostgreSQL is used when --pg or BERITA_TEST_PG_URL is given; it runs in a fresh schema that is
dropped afterwards. Prints one line per method; the ratio is (database time) / (JSONL time).
Then, with --writers W (default 4, 0 to skip), several processes at once into one database:
the N records split among W writers (different articles), and every writer saving the same
N/W records (the same articles), each against one writer saving the N records alone.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import tempfile
import time
import uuid
from pathlib import Path

from berita_extract.output import atomic_open
from berita_extract.records import ArticleFacts, text_sha256
from berita_extract.store import open_store

WORDS = "klaster kerupuk ikan batik gula kopi pelatihan bupati desa kecamatan anggota umkm".split()
KABUPATEN = [("Demak", "33.21"), ("Kudus", "33.19"), ("Jepara", "33.20"), ("Pati", "33.18")]


def make_records(n: int, seed: int = 4) -> list[ArticleFacts]:
    """n varied, valid records of realistic size (about 15 facts and 25 mentions each)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = [rng.choice(WORDS) for _ in range(300)]
        text = " ".join(words)

        def span(rule: str, w: int = 1, words: list[str] = words) -> dict:
            k = rng.randrange(0, 290)
            start = len(" ".join(words[:k])) + (1 if k else 0)
            piece = " ".join(words[k:k + w])
            return {"start": start, "end": start + len(piece), "text": piece, "rule": rule}

        kab, code = rng.choice(KABUPATEN)
        places = [{"name": kab, "level": "kabupaten", "code": code,
                   "mentions": [span("place"), span("place")]}]
        places += [{"name": f"Kec{j}", "level": "kecamatan", "within": kab, "code": f"{code}.{j:02d}",
                    "mentions": [span("place")]} for j in range(3)]
        data = {
            "article": {"id": f"bench/{i:06d}.txt", "url": f"https://example.test/{i}",
                        "title": " ".join(words[:8]),
                        "published": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": "Bench",
                        "authors": ["A", "B"], "text_sha256": text_sha256(text)},
            "officials": [{"name": f"Nama {j}", "title": f"Bupati {kab}", "role": "bupati",
                           "jurisdiction": kab,
                           "mentions": [span("title", 2), span("name")]} for j in range(2)],
            "places": places,
            "dates": [{"value": "2023-05-0" + str(1 + j), "text": "Senin", "mentions": [span("date")]}
                      for j in range(2)],
            "partners": [{"name": f"Bank {j}", "kind": "bank", "mentions": [span("org")]} for j in range(2)],
            "clusters": [{"name": rng.choice(WORDS), "label": "Klaster", "member_count": rng.randrange(5, 50),
                          "member_unit": "pelaku usaha", "place": "Kec0", "mentions": [span("cluster", 2)]}
                         for _ in range(2)],
            "events": [{"name": "pelatihan", "date": "2023-05-01", "mentions": [span("event")]}],
            "figures": [{"value": rng.choice([25, 1.5e9]), "unit": "Rp", "text": "25",
                         "mentions": [span("num")]} for _ in range(2)],
            "quotes": [{"speaker": "Nama 0", "text": " ".join(words[10:30]),
                        "mentions": [span("quote", 20)]}],
            "checks": [{"kind": "stated_total", "status": rng.choice(["ok", "mismatch"]), "message": "m",
                        "mentions": [span("check")]}],
        }
        out.append(ArticleFacts.model_validate(data))
    return out


def rows_of(records: list[ArticleFacts]) -> int:
    """Rows a store writes for these records: one article row, one per fact, one per mention."""
    total = 0
    for r in records:
        facts = [f for name in ArticleFacts.model_fields if name not in ("schema_version", "article")
                 for f in getattr(r, name)]
        total += 1 + len(facts) + sum(len(f.mentions) for f in facts)
    return total


def time_jsonl(records: list[ArticleFacts], folder: Path) -> float:
    t = time.perf_counter()
    with atomic_open(folder / "bench.jsonl") as handle:
        for r in records:
            handle.write(r.model_dump_json() + "\n")
    return time.perf_counter() - t


def time_store(target: str, records: list[ArticleFacts], batched: bool) -> float:
    t = time.perf_counter()
    with open_store(target) as store:
        run = store.start_run(["bench"])
        if batched:
            failures = store.save_many(records, run, batch_size=500)
            assert not failures, failures[:3]
        else:
            for r in records:
                store.save(r, run)
        store.finish_run(run, len(records), 0)
    elapsed = time.perf_counter() - t
    with open_store(target) as store:
        assert store.counts()["articles"] == len(records)
    return elapsed


def pg_schema(url: str):
    """A fresh schema on the server: (target URL, drop function)."""
    import sqlalchemy as sa

    name = f"bench_{uuid.uuid4().hex[:10]}"
    scheme, rest = url.split("://", 1)
    driver_url = url if "+" in scheme else f"postgresql+psycopg://{rest}"
    engine = sa.create_engine(driver_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")

    def drop() -> None:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        engine.dispose()

    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{name}", drop


def _writer(target: str, n: int, part: slice, barrier, results) -> None:
    """One concurrent writer: its share of the records, saved with save_many once all writers are ready."""
    records = make_records(n)[part]
    with open_store(target) as store:
        run = store.start_run(["bench"])
        barrier.wait()
        failures = store.save_many(records, run, batch_size=500)
        store.finish_run(run, len(records) - len(failures), len(failures))
    results.put(len(failures))


def time_writers(target: str, n: int, parts: list[slice]) -> float:
    """Seconds from the moment all writers are ready (stores open) until the last one is done."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(len(parts) + 1), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(target, n, part, barrier, results)) for part in parts]
    for p in procs:
        p.start()
    barrier.wait()
    t = time.perf_counter()
    failed = sum(results.get() for _ in procs)
    elapsed = time.perf_counter() - t
    for p in procs:
        p.join()
    assert failed == 0 and [p.exitcode for p in procs] == [0] * len(procs)
    return elapsed


def bench_writers(n: int, writers: int, targets: list[tuple[str, object]]) -> None:
    """Print records/s of one writer alone, W writers on different articles, W writers on the same ones."""
    share = n // writers
    print(f"\nconcurrent writers ({writers} processes, save_many; records/s counts every save)")
    for name, make in targets:
        cases = [("1 writer", n, [slice(0, n)], n),
                 (f"{writers} writers, different articles", n,
                  [slice(w * share, (w + 1) * share) for w in range(writers)], share * writers),
                 (f"{writers} writers, the same articles", n, [slice(0, share)] * writers, share)]
        base = None
        for label, total, parts, distinct in cases:
            target, drop = make()
            try:
                took = time_writers(target, total, parts)
                with open_store(target) as store:
                    assert store.counts()["articles"] == distinct
            finally:
                drop()
            rate = sum(p.stop - p.start for p in parts) / took
            base = base or rate
            print(f"{name + ', ' + label:50s} {took:7.2f} s  {rate:9.0f} records/s  x{rate / base:.2f}")


def main() -> None:
    """Run the benchmark and print one line per method."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="records (default 10000)")
    parser.add_argument("--pg", default=os.environ.get("BERITA_TEST_PG_URL"), help="PostgreSQL URL")
    parser.add_argument("--writers", type=int, default=4, help="concurrent writers (default 4; 0 skips)")
    args = parser.parse_args()
    records = make_records(args.n)
    rows = rows_of(records)
    print(f"{args.n} records, {rows} rows ({rows / args.n:.1f} per record)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = time_jsonl(records, folder)
        print(f"{'jsonl':32s} {base:7.2f} s  {args.n / base:9.0f} records/s  ratio 1.00")
        runs = [("sqlite, save() per article", str(folder / "a.sqlite"), False, None),
                ("sqlite, save_many(batch=500)", str(folder / "b.sqlite"), True, None)]
        if args.pg:
            for label, batched in (("postgresql, save() per article", False),
                                   ("postgresql, save_many(batch=500)", True)):
                target, drop = pg_schema(args.pg)
                runs.append((label, target, batched, drop))
        else:
            print("postgresql: skipped (give --pg URL or set BERITA_TEST_PG_URL)")
        for label, target, batched, drop in runs:
            try:
                took = time_store(target, records, batched)
            finally:
                if drop:
                    drop()
            print(f"{label:32s} {took:7.2f} s  {args.n / took:9.0f} records/s  {rows / took:9.0f} rows/s"
                  f"  ratio {took / base:.2f}")
        if args.writers > 0:
            names = iter(range(1000))

            def sqlite_file() -> tuple[str, object]:
                path = folder / f"w{next(names)}.sqlite"
                return str(path), lambda: None

            targets: list[tuple[str, object]] = [("sqlite", sqlite_file)]
            if args.pg:
                targets.append(("postgresql", lambda: pg_schema(args.pg)))
            bench_writers(args.n, args.writers, targets)


if __name__ == "__main__":
    main()
