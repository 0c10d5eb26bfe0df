"""Scale-out measurements: executors and stores on the same corpus.

- executors: one process, `--workers 2` (a process pool, one writer) and a Dask LocalCluster of
  two worker processes (each writing its own documents), into SQLite. Dask is timed twice:
  `cold` starts the cluster in the run (as `jcmkg ingest --executor dask` does), `running`
  sends the documents to a cluster already started and warmed (as `--scheduler` to a
  long-running cluster does).
- stores: the time `store.write` takes per document, one process, into SQLite and into a
  throwaway PostgreSQL server on this machine (bench/pgserver.py, commits not flushed one by
  one, like SQLite's WAL with synchronous=NORMAL).
"""

from __future__ import annotations

import time
from pathlib import Path

from distributed import Client, LocalCluster

from bench.pgserver import running_server
from bench.runs import ingest_run
from pipeline.ingest import ingest


def _dask_seconds(paths: list[Path], url: str, scheduler: str | None = None) -> float:
    t0 = time.perf_counter()
    ingest(paths, url=url, workers=2, progress=False, executor="dask", scheduler=scheduler)
    return time.perf_counter() - t0


def bench_executors(paths: list[Path], warm: list[Path], tmp: Path) -> dict:
    """Seconds of one ingest of `paths` by each executor (one run each), and the ratios."""
    one = ingest_run(paths, f"sqlite:///{tmp / 'exec-1.sqlite'}")
    two = ingest_run(paths, f"sqlite:///{tmp / 'exec-2.sqlite'}", workers=2)
    cold = _dask_seconds(paths, f"sqlite:///{tmp / 'exec-dask-cold.sqlite'}")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        _dask_seconds(warm, f"sqlite:///{tmp / 'exec-dask-warm.sqlite'}", cluster.scheduler_address)
        running = _dask_seconds(paths, f"sqlite:///{tmp / 'exec-dask.sqlite'}", cluster.scheduler_address)
    out = {"docs": one.docs, "chars": one.chars, "one_s": one.seconds, "two_s": two.seconds,
           "dask_cold_s": cold, "dask_s": running}
    out.update(workers_speedup=one.seconds / two.seconds, dask_speedup=one.seconds / running,
               dask_cold_speedup=one.seconds / cold)
    print(f"  executors: 1 process {one.seconds:.2f} s, --workers 2 {two.seconds:.2f} s, "
          f"dask 2 workers {running:.2f} s (cold start {cold:.2f} s)", flush=True)
    return out


def bench_stores(paths: list[Path], tmp: Path) -> dict:
    """`store.write` seconds per document into SQLite and into PostgreSQL, and their ratio."""
    lite = ingest_run(paths, f"sqlite:///{tmp / 'store.sqlite'}")
    with running_server(durable=True) as server:
        pg = ingest_run(paths, server.create_database("bench"))
    out = {"docs": lite.docs, "sqlite_ms": 1000 * lite.stages["store"] / lite.docs,
           "postgresql_ms": 1000 * pg.stages["store"] / pg.docs,
           "sqlite_resolve_s": lite.stages.get("resolve", 0.0), "postgresql_resolve_s": pg.stages.get("resolve", 0.0),
           "sqlite_total_s": lite.seconds, "postgresql_total_s": pg.seconds}
    out["ratio"] = out["postgresql_ms"] / out["sqlite_ms"]
    print(f"  store.write per document: SQLite {out['sqlite_ms']:.2f} ms, PostgreSQL "
          f"{out['postgresql_ms']:.2f} ms", flush=True)
    return out
