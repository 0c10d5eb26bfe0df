"""Per-document isolation: documents are processed in worker processes that one bad document
cannot take down with the run.

Each worker sets its memory limit (RLIMIT_AS), loads the models once (`warm_up`) and then
processes documents one at a time, reporting the stage it enters. The parent watches every
worker: a worker that dies (a segfault in a C extension, an abort, the kernel's OOM killer)
or overruns the time limit by more than a grace period (stuck inside C code, where the
worker's own SIGALRM cannot interrupt it) is replaced, and its document is returned as
`failed` with the stage it was in and the signal. The run goes on with a fresh worker.

Workers are started by a fork server (a clean single-threaded process), so the parent's
threads and open database connections never leak into them.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.limits import Limits
from pipeline.process import Processed, process, warm_up
from pipeline.readfile import shown

Job = tuple[Path, str, str, int, Limits]  # path, document name, sha256, size, limits


def process_job(job: Job, on_stage: Callable[[str], None] | None = None) -> Processed:
    """`process` one job tuple: the picklable per-document function the pools call."""
    return process(*job, on_stage=on_stage)


def grace(seconds: float) -> float:
    """How long past its time limit a worker may run before it is killed: its own timer should
    have stopped the document; only code stuck in C outlives it."""
    return 2.0 + 0.05 * seconds


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    job: Job | None = None
    stage: str = "start"
    started: float | None = None  # when the current job entered its first stage
    ready: bool = False


class WorkerPool:
    """`workers` isolated worker processes running `fn(job, on_stage)` for each job.

    Use as a context manager; `map(jobs)` yields one Processed per job, in completion order."""

    def __init__(self, workers: int, limits: Limits,
                 fn: Callable[[Job, Callable[[str], None] | None], Processed] = process_job,
                 on_start: Callable[[Job], None] | None = None):
        self.n = max(1, workers)
        self.limits = limits
        self.fn = fn
        self.on_start = on_start
        self.context = multiprocessing.get_context("forkserver")
        # Also what the parent's main module imports (the command line, ingest): a new worker
        # re-runs that module, which costs a second per run unless the fork server has it.
        self.context.set_forkserver_preload(["pipeline.isolate", "pipeline.warm", "pipeline.ingest", "pipeline.cli"])
        self.workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        for worker in self.workers:
            self._stop(worker)
        self.workers = []

    def map(self, jobs: Iterable[Job]) -> Iterator[Processed]:
        pending = deque(jobs)
        while pending or any(w.job for w in self.workers):
            while pending and (worker := self._idle()) is not None:
                worker.job, worker.stage, worker.started = pending.popleft(), "start", None
                if self.on_start:
                    self.on_start(worker.job)
                try:
                    worker.conn.send(worker.job)
                except OSError:  # it died just now
                    yield self._died(worker)
            yield from self._collect()

    def _idle(self) -> _Worker | None:
        for worker in self.workers:
            if worker.job is None:
                return worker
        if len(self.workers) < self.n:
            worker = self._spawn()
            self.workers.append(worker)
            return worker
        return None

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        proc = self.context.Process(target=_serve, args=(child, self.fn, self.limits.max_memory),
                                    daemon=True, name="jcmkg-worker")
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _collect(self) -> Iterator[Processed]:
        """Wait for the next message, death or deadline; yield what finished."""
        busy = [w for w in self.workers if w.job]
        ready = multiprocessing.connection.wait(
            [w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=self._timeout(busy))
        now = time.monotonic()
        for worker in busy:
            result = None
            if worker.conn in ready:
                result = self._receive(worker, now)
            elif worker.process.sentinel in ready:
                result = self._died(worker)
            elif self._overdue(worker, now):
                result = self._killed(worker)
            if result is not None:
                yield result

    def _timeout(self, busy: list[_Worker]) -> float | None:
        if self.limits.max_seconds <= 0:
            return None
        deadlines = [w.started + self.limits.max_seconds + grace(self.limits.max_seconds)
                     for w in busy if w.started is not None]
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else 1.0

    def _overdue(self, worker: _Worker, now: float) -> bool:
        limit = self.limits.max_seconds
        return limit > 0 and worker.started is not None and now - worker.started > limit + grace(limit)

    def _receive(self, worker: _Worker, now: float) -> Processed | None:
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError):  # the worker died mid-message
            return self._died(worker)
        if kind == "stage":
            worker.stage = value
            worker.started = worker.started or now
            return None
        if kind == "ready":
            worker.ready = True
            return None
        worker.job = None
        if kind == "last":  # the worker retires (after a MemoryError its state is doubtful)
            self._stop(worker)
            self.workers.remove(worker)
        return value

    def _died(self, worker: _Worker) -> Processed:
        worker.process.join(5)
        code = worker.process.exitcode
        how = _signal_text(-code) if code is not None and code < 0 else f"exited with code {code}"
        when = "while starting" if not worker.ready else f"in {worker.stage}"
        return self._replace(worker, worker.stage, f"the worker process {how} {when}")

    def _killed(self, worker: _Worker) -> Processed:
        limit = self.limits.max_seconds
        return self._replace(worker, "limits", f"stopped after {limit:g} s in {worker.stage} "
                             "(the time limit per document; the worker was killed)")

    def _replace(self, worker: _Worker, stage: str, error: str) -> Processed:
        """Drop a dead or stuck worker; its job comes back failed. A new worker starts on demand."""
        job = worker.job
        self._stop(worker, kill=True)
        self.workers.remove(worker)
        return _failed(job, stage, error)

    @staticmethod
    def _stop(worker: _Worker, kill: bool = False) -> None:
        if worker.process.is_alive():
            if kill:
                worker.process.kill()
            else:
                try:
                    worker.conn.send(None)
                except OSError:
                    worker.process.kill()
        worker.process.join(10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()


class InlinePool:
    """Runs the jobs in this process, without isolation (`workers=0`: profiling, debugging)."""

    def __enter__(self) -> InlinePool:
        warm_up()
        return self

    def __exit__(self, *exc) -> None:
        return None

    @staticmethod
    def map(jobs: Iterable[Job]) -> Iterator[Processed]:
        return (process_job(job) for job in jobs)


def _signal_text(number: int) -> str:
    try:
        name = signal.Signals(number).name
    except ValueError:
        return f"was killed by signal {number}"
    what = {"SIGSEGV": "a crash in native code", "SIGKILL": "out of memory?",
            "SIGABRT": "an abort in native code", "SIGBUS": "a crash in native code"}.get(name)
    return f"was killed by {name}" + (f" ({what})" if what else "")


def set_memory_limit(max_bytes: int) -> None:
    """Cap this process's address space (0: no cap); allocations past it fail (MemoryError)."""
    if max_bytes > 0:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _serve(conn: multiprocessing.connection.Connection, fn, max_memory: int) -> None:
    """A worker's life: limit memory, load the models, then process jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops us
    set_memory_limit(max_memory)
    warm_up()
    conn.send(("ready", None))
    stages = ["start"]

    def entered(stage: str) -> None:
        stages.append(stage)
        conn.send(("stage", stage))

    while (job := conn.recv()) is not None:
        stages[:] = ["start"]
        try:
            result = fn(job, entered)
        except MemoryError:  # over RLIMIT_AS outside process()'s own handler: fail, then retire
            conn.send(("last", _failed(job, stages[-1], f"out of memory (over the {max_memory / 2**20:g} MB "
                                       "limit per worker)")))
            return
        try:
            conn.send(("done", result))
        except Exception as exc:  # noqa: BLE001  (a result that cannot be sent is a failure)
            conn.send(("done", _failed(job, "store", f"result could not be sent: {type(exc).__name__}")))


def _failed(job: Job, stage: str, error: str) -> Processed:
    path, doc, sha, size, _ = job
    return Processed(doc_id=doc, path=shown(str(path)), sha256=sha, size=size, status="failed",
                     stage=stage, error=error)
