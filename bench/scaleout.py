"""Scale-out measurements: executors and stores on the same corpus.

- executors: one process, `--workers 2` (a process pool, one writer) and a Dask LocalCluster of
  two worker processes (each writing its own documents), into SQLite, all warmed first and run
  in alternating order. Dask is also timed `cold`: the cluster started in the run (as
  `jcmkg ingest --executor dask` does); `running` sends the documents to a cluster already
  started and warmed (as `--scheduler` to a long-running cluster does).
- stores: the time `store.write` takes per document, one process, into SQLite and into a
  throwaway PostgreSQL server on this machine (bench/pgserver.py, commits not flushed one by
  one, like SQLite's WAL with synchronous=NORMAL).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from dask import config as dask_config
from distributed import Client, LocalCluster

from bench.pgserver import running_server
from bench.runs import ingest_run
from pipeline.dask_executor import CLUSTER_CONFIG
from pipeline.ingest import ingest


def _dask_seconds(paths: list[Path], url: str, scheduler: str | None = None) -> float:
    t0 = time.perf_counter()
    ingest(paths, url=url, workers=2, progress=False, executor="dask", scheduler=scheduler)
    return time.perf_counter() - t0


def bench_executors(paths: list[Path], warm: list[Path], tmp: Path, rounds: int = 1) -> dict:
    """Seconds of one ingest of `paths` by each executor, and the ratios to one process.

    Fair to each side: every executor is warmed first (models loaded in this process, the
    fork server's workers and the Dask cluster's), then they run in the order one process,
    --workers 2, Dask, Dask, --workers 2, one process (`rounds` times), and each figure is
    the median of its runs. The cold Dask run (cluster started in the run) is timed once."""
    cold = _dask_seconds(paths, f"sqlite:///{tmp / 'exec-dask-cold.sqlite'}")
    times: dict[str, list[float]] = {"one": [], "two": [], "dask": []}
    with dask_config.set(CLUSTER_CONFIG), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):  # configured as README's scheduler and workers are
        address = cluster.scheduler_address
        runs = {
            "one": lambda name: ingest_run(paths, f"sqlite:///{tmp / name}").seconds,
            "two": lambda name: ingest_run(paths, f"sqlite:///{tmp / name}", workers=2).seconds,
            "dask": lambda name: _dask_seconds(paths, f"sqlite:///{tmp / name}", address),
        }
        ingest_run(warm, f"sqlite:///{tmp / 'exec-warm-1.sqlite'}")
        ingest_run(warm, f"sqlite:///{tmp / 'exec-warm-2.sqlite'}", workers=2)
        _dask_seconds(warm, f"sqlite:///{tmp / 'exec-warm-dask.sqlite'}", address)
        order = ["one", "two", "dask", "dask", "two", "one"] * rounds
        for i, name in enumerate(order):
            times[name].append(runs[name](f"exec-{name}-{i}.sqlite"))
    one, two, dask = (statistics.median(times[k]) for k in ("one", "two", "dask"))
    out = {"runs": times, "one_s": one, "two_s": two, "dask_cold_s": cold, "dask_s": dask,
           "workers_speedup": one / two, "dask_speedup": one / dask, "dask_cold_speedup": one / cold}
    print(f"  executors (medians of {len(times['one'])}): 1 process {one:.2f} s, --workers 2 {two:.2f} s, "
          f"dask 2 workers {dask:.2f} s (cold start {cold:.2f} s)", flush=True)
    return out


def bench_stores(paths: list[Path], tmp: Path, rounds: int = 3) -> dict:
    """`store.write` seconds per document into SQLite and into PostgreSQL: `rounds` pairs of
    ingests, alternating, and the median of the per-pair ratios."""
    pairs = []
    with running_server(durable=True) as server:
        for i in range(rounds):
            lite = ingest_run(paths, f"sqlite:///{tmp / f'store-{i}.sqlite'}")
            pg = ingest_run(paths, server.create_database(f"bench{i}"))
            pairs.append((lite, pg))
    ratios = [pg.stages["store"] / lite.stages["store"] for lite, pg in pairs]
    lite, pg = pairs[sorted(range(rounds), key=ratios.__getitem__)[rounds // 2]]
    out = {"docs": lite.docs, "sqlite_ms": 1000 * lite.stages["store"] / lite.docs,
           "postgresql_ms": 1000 * pg.stages["store"] / pg.docs, "ratios": ratios,
           "sqlite_resolve_s": lite.stages.get("resolve", 0.0), "postgresql_resolve_s": pg.stages.get("resolve", 0.0),
           "sqlite_total_s": lite.seconds, "postgresql_total_s": pg.seconds}
    out["ratio"] = statistics.median(ratios)
    print(f"  store.write per document (median pair of {rounds}): SQLite {out['sqlite_ms']:.2f} ms, "
          f"PostgreSQL {out['postgresql_ms']:.2f} ms", flush=True)
    return out
