"""Two ingests on the same SQLite file: the second says it waits for the first, then finds the
work done; nothing is stored twice and the file stays consistent."""

from __future__ import annotations

import fcntl
import sqlite3
import subprocess
import sys
from pathlib import Path

from make_bad_inputs import many_documents

from pipeline.ingest import pipeline_version

N_DOCS = 30


def _command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", f"sqlite:///{db}", "-q"]


def test_an_ingest_waits_while_another_holds_the_store_and_says_so(tmp_path: Path) -> None:
    folder, db = tmp_path / "docs", tmp_path / "s.sqlite"
    many_documents(folder, 3)
    with open(f"{db}.lock", "a+", encoding="utf-8") as lock:  # what a running ingest holds
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write("4242\n")
        lock.flush()
        second = subprocess.Popen(_command(folder, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        line = second.stderr.readline()
        assert "another jcmkg ingest (pid 4242) is writing to" in line and "waiting" in line
        assert second.poll() is None and not db.exists()  # it waits before touching the store
    out, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
    assert "documents: 3 ok" in out
    assert Path(f"{db}.lock").read_text(encoding="utf-8").strip() == str(second.pid)


def test_two_real_ingests_at_once_store_every_document_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "docs", tmp_path / "s.sqlite"
    many_documents(folder, N_DOCS)
    version = pipeline_version()
    runs = [subprocess.Popen(_command(folder, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert any("waiting for it to finish" in err for _, err in outputs)
    if pipeline_version() == version:  # else code was edited meanwhile and the second redid all
        # one run did the work, the other waited for it and then skipped everything
        summaries = sorted(out.splitlines()[0] for out, _ in outputs)
        assert summaries == [f"documents: {N_DOCS} ok", f"documents: {N_DOCS} skipped ({N_DOCS} ok)"]
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        counts = con.execute("select count(*), count(distinct doc) from documents").fetchone()
    assert counts == (N_DOCS, N_DOCS)
