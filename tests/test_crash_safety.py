"""SIGKILL in the middle of a real ingest (a subprocess) leaves a consistent store: integrity ok,
no half-written document, and the next run finishes the rest so the store equals one made by
an uninterrupted run. Exports never leave a half-written file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from make_bad_inputs import many_documents

from pipeline.atomic import atomic_target
from pipeline.ingest import pipeline_version

N_DOCS = 60
PER_DOC = ["blocks", "mentions", "fact_countries", "fact_dates"]


def _ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", f"sqlite:///{db}", "-q"]


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as con:
            return con.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # no file or no table yet
        return 0


def _content(db: Path) -> dict:
    """What a store says, without row ids and timestamps: documents, per-document row counts,
    every mention, and the row count of every table."""
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type = 'table' "
                                            "and name not like 'sqlite_%'")]
        out = {"tables": {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}}
        out["documents"] = sorted(con.execute("select doc, status, sha256, n_chars, lang from documents"))
        for t in PER_DOC:
            out[t] = sorted(con.execute(f"select d.doc, count(*) from {t} x join documents d "
                                        f"on x.document_id = d.id group by d.doc"))
        out["mention_rows"] = sorted(con.execute(
            "select d.doc, m.field, m.start, m.end, m.surface from mentions m "
            "join documents d on m.document_id = d.id"))
    return out


def test_a_killed_ingest_leaves_a_consistent_store_and_the_rerun_completes_it(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    many_documents(folder, N_DOCS)
    version = pipeline_version()
    db = tmp_path / "killed.sqlite"
    run = subprocess.Popen(_ingest_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while _count(db, "select count(*) from documents") < 1 and run.poll() is None:
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL, run.stderr.read().decode()

    stored = _count(db, "select count(*) from documents")
    assert 1 <= stored < N_DOCS  # killed mid-run
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        done = {r[0] for r in con.execute("select doc from documents")}
    part = _content(db)

    rerun = subprocess.run(_ingest_command(folder, db), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    if pipeline_version() == version:  # else code was edited meanwhile and everything is redone
        assert f"{N_DOCS - stored} ok, {stored} skipped" in rerun.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)

    reference = tmp_path / "reference.sqlite"  # the same folder, never interrupted
    subprocess.run(_ingest_command(folder, reference), capture_output=True, check=True, timeout=600)
    full = _content(reference)
    assert _content(db) == full
    for table in PER_DOC:  # each document stored before the kill was already whole
        assert part[table] == [r for r in full[table] if r[0] in done]


def test_an_export_that_dies_half_way_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "agreements.graphml"
    target.write_text("<graphml>previous</graphml>", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_target(target) as tmp:
        Path(tmp).write_text("<graphml><node id=", encoding="utf-8")
        raise RuntimeError("killed half way")
    assert target.read_text(encoding="utf-8") == "<graphml>previous</graphml>"
    assert [p.name for p in tmp_path.iterdir()] == ["agreements.graphml"]
