"""Per-document isolation: a worker that segfaults, goes over its memory limit or hangs where its
own timer cannot reach fails only its document (with stage and signal); the pool replaces it
and the documents after it are processed as usual."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from make_bad_inputs import JA

from pipeline.isolate import WorkerPool, process_job
from pipeline.limits import Limits

LIMITS = Limits(max_seconds=60, max_memory=3 * 2**30)


def misbehave(job, on_stage=None):
    """Runs in the worker (imported by name): documents named crash / hog / hang misbehave at
    the stage their name says, the others are processed for real."""
    name = job[1]
    if name.startswith(("crash", "hog", "hang")):
        on_stage("load")
        on_stage(name.split("-")[1].removesuffix(".txt"))
        if name.startswith("crash"):
            os.kill(os.getpid(), signal.SIGSEGV)
        if name.startswith("hog"):
            return bytearray(8 * 2**30)  # over the worker's address-space limit
        time.sleep(3600)  # no timer of its own: only the parent can stop it
    return process_job(job, on_stage)


def _jobs(tmp_path: Path, names: list[str], limits: Limits = LIMITS):
    jobs = []
    for name in names:
        path = tmp_path / name
        path.write_text(JA + "\n", encoding="utf-8")
        jobs.append((path, name, "", 0, limits))
    return jobs


def _run(jobs, limits: Limits = LIMITS, workers: int = 1):
    with WorkerPool(workers, limits, fn=misbehave) as pool:
        return {done.doc_id: done for done in pool.map(jobs)}


def test_a_segfault_fails_its_document_with_stage_and_signal_and_the_run_goes_on(tmp_path) -> None:
    out = _run(_jobs(tmp_path, ["a.txt", "crash-segment.txt", "b.txt", "crash-extract.txt", "c.txt"]))
    for name, stage in (("crash-segment.txt", "segment"), ("crash-extract.txt", "extract")):
        assert (out[name].status, out[name].stage) == ("failed", stage)
        assert out[name].error == f"the worker process was killed by SIGSEGV (a crash in native code) in {stage}"
    for name in ("a.txt", "b.txt", "c.txt"):  # processed for real by replacement workers
        assert out[name].status == "ok"
        assert {m.iso3 for _, _, m in out[name].mentions if m.FIELD == "countries"} == {"JPN", "VNM"}


def test_a_worker_over_its_memory_limit_fails_its_document_only(tmp_path) -> None:
    out = _run(_jobs(tmp_path, ["hog-segment.txt", "a.txt"]))
    assert (out["hog-segment.txt"].status, out["hog-segment.txt"].stage) == ("failed", "segment")
    assert out["hog-segment.txt"].error == "out of memory (over the 3072 MB limit per worker)"
    assert out["a.txt"].status == "ok"


def test_a_worker_stuck_past_the_time_limit_is_killed_and_replaced(tmp_path) -> None:
    limits = Limits(max_seconds=1, max_memory=LIMITS.max_memory)
    out = _run(_jobs(tmp_path, ["hang-extract.txt", "a.txt", "b.txt"], limits), limits, workers=2)
    assert (out["hang-extract.txt"].status, out["hang-extract.txt"].stage) == ("failed", "limits")
    assert out["hang-extract.txt"].error == ("stopped after 1 s in extract (the time limit per document; "
                                             "the worker was killed)")
    assert out["a.txt"].status == out["b.txt"].status == "ok"


def test_results_carry_the_hash_and_size_of_the_bytes_processed(tmp_path) -> None:
    (job,) = _jobs(tmp_path, ["a.txt"])
    job = (job[0], job[1], "stale-hash-from-discovery", 1, job[4])
    out = _run([job])["a.txt"]
    data = (JA + "\n").encode()
    import hashlib

    assert (out.sha256, out.size) == (hashlib.sha256(data).hexdigest(), len(data))


@pytest.mark.parametrize("workers", [1, 3])
def test_every_job_comes_back_once(tmp_path, workers) -> None:
    names = [f"d{i}.txt" for i in range(7)] + ["crash-load.txt"]
    out = _run(_jobs(tmp_path, names), workers=workers)
    assert sorted(out) == sorted(names)
    assert [n for n, d in out.items() if d.status != "ok"] == ["crash-load.txt"]
