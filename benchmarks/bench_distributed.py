"""Extraction on Dask: articles/s on a LocalCluster of 1 and 2 worker processes, and Dask against `extract -j 2`.

Run: python benchmarks/bench_distributed.py [--articles 20000] [--part extract|crawl|all] [--workers 2]

The source articles (default ../shared/regional/articles, else corpus/) are repeated to --articles
files with distinct ids (bench_parallel.build). Part "extract" measures, in one run:
  1. a LocalCluster with 1 worker process and one with --workers processes (1 thread each), each
     warmed up (pipeline loaded) before its timed run of extract_to_parquet into a Parquet folder:
     articles/s and the speed-up;
  2. the whole command, `extract --dask local:N -o` against `extract -j N -o` on the same folder
     (process start, pipeline loading and, for Dask, cluster start-up included): the ratio of their
     throughputs is the Dask overhead, and the two outputs must be identical.
Part "crawl" is benchmarks/bench_crawl_hosts.py: the fixture site served as 20 local hosts, crawled with
--hosts-at-once 20 against one host at a time, the per-host delay checked in the servers' logs.
The machine may be shared: every ratio printed comes from this one run.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "regional" / "articles"
sys.path.insert(0, str(HERE))

from bench_parallel import build  # noqa: E402 - the same repeated-articles folder as the -j benchmark


def timed_cluster(folder: Path, out: Path, workers: int, partition_size: int) -> dict[str, float]:
    """extract_to_parquet on a fresh LocalCluster of ``workers`` one-thread processes, timed once warm."""
    from distributed import Client, LocalCluster

    from berita_extract.distributed import extract_to_parquet, worker_pipeline

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as cluster, Client(cluster) as client:
        client.run(worker_pipeline, 5_000_000)  # every worker loads its pipeline before the clock starts
        start = time.perf_counter()
        summary = extract_to_parquet(str(folder), str(out), client=client, partition_size=partition_size)
        wall = time.perf_counter() - start
    if summary.failed:
        sys.exit(f"{summary.failed} articles failed on {workers} workers: {summary.failures[:3]}")
    return {"wall": wall, "articles": summary.ok, "partitions": summary.partitions}


def timed_command(folder: Path, out: Path, *how: str) -> float:
    """Wall seconds of one whole `berita-extract extract FOLDER -q -o OUT ...` command."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "berita_extract.cli", "extract", str(folder), "-q", "-o", str(out), *how],
                   check=True)
    return time.perf_counter() - start


def extract_part(args: argparse.Namespace) -> dict:
    """Part 'extract': 1 vs N workers, and Dask against -j N, all on one folder of repeated articles."""
    source = args.source or (SHARED if SHARED.is_dir() else ROOT / "corpus")
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        n = build(source, folder, args.articles)
        one = timed_cluster(folder, Path(tmp) / "parquet-1", 1, args.partition_size)
        many = timed_cluster(folder, Path(tmp) / f"parquet-{args.workers}", args.workers, args.partition_size)
        pool = timed_command(folder, Path(tmp) / "pool.jsonl", "-j", str(args.workers))
        dask = timed_command(folder, Path(tmp) / "dask.jsonl", "--dask", f"local:{args.workers}",
                             "--partition-size", str(args.partition_size))
        same = (Path(tmp) / "pool.jsonl").read_bytes() == (Path(tmp) / "dask.jsonl").read_bytes()
    result = {
        "articles": n, "source": str(source), "partition_size": args.partition_size,
        "cluster_1_rate": n / one["wall"], f"cluster_{args.workers}_rate": n / many["wall"],
        "speedup": one["wall"] / many["wall"],
        "pool_rate": n / pool, "dask_cli_rate": n / dask, "dask_vs_pool": pool / dask, "identical": same,
    }
    print(f"{n} articles from {source}; partitions of about {args.partition_size} articles")
    print(f"{'':34} {'wall s':>8} {'art/s':>8}")
    print(f"{'LocalCluster 1 worker (warm)':34} {one['wall']:8.1f} {n / one['wall']:8.1f}")
    print(f"{f'LocalCluster {args.workers} workers (warm)':34} {many['wall']:8.1f} {n / many['wall']:8.1f}")
    print(f"{f'extract -j {args.workers} (whole command)':34} {pool:8.1f} {n / pool:8.1f}")
    print(f"{f'extract --dask local:{args.workers} (whole)':34} {dask:8.1f} {n / dask:8.1f}")
    print(f"speed-up {args.workers} workers / 1 worker: {result['speedup']:.2f}x")
    print(f"Dask against -j {args.workers} (throughput ratio, 1.00 = no overhead): {result['dask_vs_pool']:.2f}")
    print(f"identical JSON Lines from -j {args.workers} and --dask: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)
    return result


# -- the crawl benchmark: benchmarks/bench_crawl_hosts.py, run(argv) -> dict ----------------------
CRAWL_HOOK = HERE / "bench_crawl_hosts.py"


def crawl_part(extra: list[str]) -> dict | None:
    """Part 'crawl': run(["--part", "crawl", ...]) of bench_crawl_hosts.py, or None when it is absent."""
    if not CRAWL_HOOK.exists():
        print(f"crawl part: {CRAWL_HOOK.relative_to(ROOT)} not present; skipped")
        return None
    spec = importlib.util.spec_from_file_location("bench_crawl_hosts", CRAWL_HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "run", None)):
        print(f"crawl part: {CRAWL_HOOK.relative_to(ROOT)} has no run(argv) function; skipped")
        return None
    return module.run(["--part", "crawl", *extra])


def main() -> None:
    """Parse arguments and run the parts asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000, help="article files to extract (default 20000)")
    parser.add_argument("--part", choices=["extract", "crawl", "all"], default="all")
    parser.add_argument("--workers", type=int, default=2, help="worker processes to compare with 1 (default 2)")
    parser.add_argument("--partition-size", type=int, default=256, help="articles per Dask partition (default 256)")
    parser.add_argument("--source", type=Path, help="folder of articles to repeat (default ../shared/regional)")
    args, extra = parser.parse_known_args()
    if args.part in ("extract", "all"):
        extract_part(args)
    if args.part in ("crawl", "all"):
        crawl_part(extra)


if __name__ == "__main__":
    main()
