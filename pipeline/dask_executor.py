"""Documents processed and written on a Dask cluster, for corpora that outgrow one machine.

A task is a few documents (`MAX_BATCH`, fewer when there are few documents per worker): a worker
loads, segments and extracts them (`process`) and writes them into the store in one
transaction, then sends back only their tallies. Few documents per task make the scheduler's
cost per task and the commits small next to the work, and leave enough tasks to keep every
worker busy to the end. A task that fails (its worker died: a native crash, out of memory; or
the store refused the write) is split: each of its documents is sent again as a task of its
own, which the scheduler retries once when its worker dies, so a document that kills its
worker costs only itself and is recorded as failed, with the reason, by the client.
Cross-document resolution runs once, after every task, in the client (pipeline/ingest.py).

With a scheduler address the tasks go to that cluster (`dask scheduler` and `dask worker`
on several machines); without, to a `LocalCluster` of worker processes on this machine.
Every worker must reach the files under the same paths and the store under the same URL.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import dask
from distributed import Client, KilledWorker, LocalCluster, as_completed
from sqlalchemy.orm import Session, sessionmaker
from tqdm import tqdm

from pipeline import store
from pipeline.isolate import Job
from pipeline.process import Processed, process, warm_up
from pipeline.run_summary import Stamps, Tally


# A task whose worker died is run once more; the second death fails it (a document alone: marked
# failed). A worker is given one task at a time (saturation 1.0, not Dask's 1.1, which queues a
# second one on it), so a death counts against the task it was running and no other. Workers
# do not sample their own stacks every 10 ms (Dask's profiler: about 7% of their CPU here). A
# LocalCluster gets these settings here, a remote scheduler and its workers from their own
# configuration (README, "Scaling out").
CLUSTER_CONFIG = {"distributed.scheduler.allowed-failures": 1,
                  "distributed.scheduler.worker-saturation": 1.0,
                  "distributed.worker.profile.enabled": False}
ALLOWED_FAILURES = CLUSTER_CONFIG["distributed.scheduler.allowed-failures"]

MAX_BATCH = 8  # documents per task
TASKS_PER_WORKER = 4  # at least, so that no worker idles while another ends a long task

_stores: dict[str, sessionmaker[Session]] = {}  # per worker process: one engine per store


def process_and_write(jobs: list[Job], url: str, stamps: Stamps) -> list[Tally]:
    """On a worker: process these documents and write them in one transaction."""
    if url not in _stores:
        warm_up()  # models and language data, once per worker process
        _stores[url] = store.open_store(url)[1]
    done = [process(*job) for job in jobs]
    with _stores[url].begin() as session:
        for d in done:
            store.write(session, d, stamps.of(d))
    return [Tally.of(d) for d in done]


def _record_failure(url: str, stamps: Stamps, job: Job, stage: str, error: str) -> Tally:
    """Store a document the cluster could not do as failed, with why; its tally."""
    path, doc, sha, size, _ = job
    failed = Processed(doc_id=doc, path=str(path), sha256=sha, size=size, status="failed",
                       stage=stage, error=error)
    _, Session = store.open_store(url)
    with Session.begin() as session:
        store.write(session, failed, stamps.of(failed))
    return Tally.of(failed)


def batches(todo: list[Job], workers: int) -> list[list[Job]]:
    """`todo` in tasks of at most MAX_BATCH documents, each at most 1/TASKS_PER_WORKER of a
    worker's share of what is left: they shrink towards the end (the cluster runs them about
    in order), so the workers finish nearly together."""
    out, i = [], 0
    while i < len(todo):
        size = max(1, min(MAX_BATCH, (len(todo) - i) // (TASKS_PER_WORKER * max(workers, 1))))
        out.append(todo[i : i + size])
        i += size
    return out


Task = Callable[[list[Job], str, Stamps], list[Tally]]


def run_on_dask(todo: list[Job], url: str, stamps: Stamps, scheduler: str | None = None,
                workers: int = 2, progress: bool = True, task: Task = process_and_write) -> Iterator[Tally]:
    """Process and store every job on a Dask cluster; a tally per document, as they finish.

    `task` is what each worker runs for a list of jobs (the tests give one that kills its worker)."""
    if not todo:
        return
    with dask.config.set(CLUSTER_CONFIG):
        cluster = None if scheduler else LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        try:
            with Client(scheduler or cluster) as client:
                yield from _gather(client, task, todo, url, stamps, progress)
        finally:
            if cluster is not None:
                cluster.close()


def _gather(client: Client, task: Task, todo: list[Job], url: str, stamps: Stamps,
            progress: bool) -> Iterator[Tally]:
    def submit(jobs: list[Job]):
        future = client.submit(task, jobs, url, stamps, key=f"jcmkg-{uuid.uuid4().hex[:8]}-{jobs[0][1]}",
                               retries=0 if len(jobs) > 1 else 1)
        futures[future] = jobs
        return future

    futures: dict = {}
    pending = as_completed([submit(jobs) for jobs in batches(todo, sum(client.nthreads().values()))])
    bar = tqdm(total=len(todo), unit="doc", desc="ingest (dask)", disable=not progress)
    for future in pending:
        jobs = futures.pop(future)
        try:
            tallies = future.result()
        except Exception as exc:
            if len(jobs) > 1:  # which of its documents failed is not known: each on its own
                for job in jobs:
                    pending.add(submit([job]))
                future.release()
                continue
            tallies = [_failure(url, stamps, jobs[0], exc)]
        future.release()
        bar.set_postfix_str(jobs[-1][1][-40:], refresh=False)
        bar.update(len(tallies))
        yield from tallies
    bar.close()


def _failure(url: str, stamps: Stamps, job: Job, exc: Exception) -> Tally:
    """Record a document whose own task failed: its worker died twice, or the store refused it."""
    if isinstance(exc, KilledWorker):
        return _record_failure(url, stamps, job, "worker", f"the worker processing it died {ALLOWED_FAILURES + 1} "
                               "times (a native crash or out of memory)")
    error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return _record_failure(url, stamps, job, "store", error)
