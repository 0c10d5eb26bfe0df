"""Documents processed and written on a Dask cluster, for corpora that outgrow one machine.

One task per document: a worker loads, segments and extracts it (`process`) and writes it into
the store in its own transaction, then sends back only its tally. A worker that dies (a native
crash, out of memory) costs only the document it was running: the scheduler retries that task
once on another worker, and when it kills a worker again the document is recorded as failed,
with the reason, by the client. Cross-document resolution runs once, after every task, in the
client (pipeline/ingest.py).

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


# A task whose worker died is run once more; the second death marks its document failed. A
# worker is given one task at a time (saturation 1.0, not Dask's 1.1, which queues a second
# one on it), so a death counts against the document it was running and no other. These are
# the scheduler's settings: a LocalCluster gets them here, a remote scheduler from its own
# configuration (README, "Scaling out").
SCHEDULER_CONFIG = {"distributed.scheduler.allowed-failures": 1,
                    "distributed.scheduler.worker-saturation": 1.0}
ALLOWED_FAILURES = SCHEDULER_CONFIG["distributed.scheduler.allowed-failures"]

_stores: dict[str, sessionmaker[Session]] = {}  # per worker process: one engine per store


def process_and_write(job: Job, url: str, stamps: Stamps) -> Tally:
    """On a worker: process one document and write it in its own transaction."""
    if url not in _stores:
        warm_up()  # models and language data, once per worker process
        _stores[url] = store.open_store(url)[1]
    done = process(*job)
    with _stores[url].begin() as session:
        store.write(session, done, stamps.of(done))
    return Tally.of(done)


def _record_failure(url: str, stamps: Stamps, job: Job, stage: str, error: str) -> Tally:
    """Store a document the cluster could not do as failed, with why; its tally."""
    path, doc, sha, size, _ = job
    failed = Processed(doc_id=doc, path=str(path), sha256=sha, size=size, status="failed",
                       stage=stage, error=error)
    _, Session = store.open_store(url)
    with Session.begin() as session:
        store.write(session, failed, stamps.of(failed))
    return Tally.of(failed)


def run_on_dask(todo: list[Job], url: str, stamps: Stamps, scheduler: str | None = None,
                workers: int = 2, progress: bool = True,
                task: Callable[[Job, str, Stamps], Tally] = process_and_write) -> Iterator[Tally]:
    """Process and store every job on a Dask cluster; a tally per document, as they finish.

    `task` is what each worker runs for a job (the tests give one that kills its worker)."""
    if not todo:
        return
    with dask.config.set(SCHEDULER_CONFIG):
        cluster = None if scheduler else LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        try:
            with Client(scheduler or cluster) as client:
                yield from _gather(client, task, todo, url, stamps, progress)
        finally:
            if cluster is not None:
                cluster.close()


def _gather(client: Client, task: Callable[[Job, str, Stamps], Tally], todo: list[Job], url: str,
            stamps: Stamps, progress: bool) -> Iterator[Tally]:
    futures = {client.submit(task, job, url, stamps, key=f"jcmkg-{uuid.uuid4().hex[:8]}-{job[1]}",
                             retries=1): job for job in todo}
    bar = tqdm(total=len(todo), unit="doc", desc="ingest (dask)", disable=not progress)
    for future in as_completed(futures):
        job = futures[future]
        try:
            tally = future.result()
        except KilledWorker:
            tally = _record_failure(url, stamps, job, "worker",
                                    f"the worker processing it died {ALLOWED_FAILURES + 1} times "
                                    "(a native crash or out of memory)")
        except Exception as exc:  # the store refused the write, twice: record it, go on
            error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            tally = _record_failure(url, stamps, job, "store", error)
        future.release()
        bar.set_postfix_str(job[1][-40:], refresh=False)
        bar.update()
        yield tally
    bar.close()
