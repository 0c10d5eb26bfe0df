"""Issue 14: what the disk or the store refuses is one line and a non-zero exit, never a
traceback, and nothing stored before is lost. After a run the `.sqlite` file alone is complete
(WAL checkpointed), exports honour the umask, and resolution replaces its tables in one
transaction.

Read-only: CI runs as root, for whom chmod does not stop writes. The store is made read-only by
a read-only bind mount of its folder when `mount` works (root here and in CI), and always by
SQLite's `query_only` pragma, which refuses writes with the same "readonly database" error."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from make_bad_inputs import JA, many_documents

from pipeline import store
from pipeline.cli import cli
from pipeline.ingest import ingest
from pipeline.resolve import resolve


def _ingest(folder: Path, db: Path, *extra: str):
    return CliRunner().invoke(cli, ["ingest", str(folder), "--db", f"sqlite:///{db}", "-q", *extra])


def _one_line_error(result, meaning: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("jcmkg: error: ") and meaning in lines[-1], result.stderr
    assert "Traceback" not in result.output


def _with_pragma(monkeypatch, pragma: str) -> None:
    real = store._sqlite_pragmas

    def pragmas(conn, record):
        real(conn, record)
        conn.execute(pragma)

    monkeypatch.setattr(store, "_sqlite_pragmas", pragmas)


def test_a_full_disk_is_one_line_and_keeps_what_was_stored(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "docs"
    many_documents(folder, 3)
    db = tmp_path / "s.sqlite"
    assert _ingest(folder, db).exit_code == 0
    many_documents(folder, 40)
    with sqlite3.connect(db) as con:
        pages = con.execute("pragma page_count").fetchone()[0]
    _with_pragma(monkeypatch, f"PRAGMA max_page_count = {pages + 8}")  # a disk that fills up
    _one_line_error(_ingest(folder, db), "the disk (or the database's size limit) is full")
    monkeypatch.undo()
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        assert con.execute("select count(*) from documents where status = 'ok'").fetchone()[0] >= 3
    assert _ingest(folder, db).exit_code == 0  # room again: the run finishes the rest
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from documents where status = 'ok'").fetchone() == (40,)


def test_a_read_only_store_is_one_line(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "docs"
    many_documents(folder, 2)
    db = tmp_path / "s.sqlite"
    assert _ingest(folder, db).exit_code == 0
    (folder / "doc-000.txt").write_text(JA + "\n", encoding="utf-8")
    _with_pragma(monkeypatch, "PRAGMA query_only = ON")
    _one_line_error(_ingest(folder, db), "the database is read-only")


def test_a_store_on_a_read_only_mount_is_one_line(tmp_path) -> None:
    folder = tmp_path / "docs"
    many_documents(folder, 2)
    data = tmp_path / "data"
    data.mkdir()
    assert _ingest(folder, data / "s.sqlite").exit_code == 0
    if subprocess.run(["mount", "--bind", "-o", "ro", str(data), str(data)], capture_output=True).returncode:
        pytest.skip("cannot bind-mount read-only here (not root?)")
    try:
        (folder / "doc-000.txt").write_text(JA + "\n", encoding="utf-8")
        result = _ingest(folder, data / "s.sqlite")  # read-only folder and file
        assert result.exit_code == 1 and result.stderr.strip().splitlines()[-1].startswith("jcmkg: error: ")
        assert "read-only" in result.stderr and "Traceback" not in result.output
        fresh = _ingest(folder, data / "new.sqlite")  # a new store in a read-only folder
        _one_line_error(fresh, "read-only")
    finally:
        subprocess.run(["umount", str(data)], check=True)


def test_a_db_path_through_a_file_is_one_line(tmp_path) -> None:
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    folder = tmp_path / "docs"
    many_documents(folder, 1)
    _one_line_error(_ingest(folder, tmp_path / "afile" / "s.sqlite"), "a file is in the way of a folder")
    result = CliRunner().invoke(cli, ["stats", "--db", f"sqlite:///{tmp_path / 'afile' / 'x' / 's.sqlite'}"])
    assert result.exit_code == 1 and "Traceback" not in result.output  # read commands: no store there
    assert result.output.strip().count("\n") == 0 and "no store at" in result.output


def test_after_a_run_the_sqlite_file_alone_is_complete(tmp_path) -> None:
    folder = tmp_path / "docs"
    many_documents(folder, 4)
    db = tmp_path / "s.sqlite"
    assert _ingest(folder, db).exit_code == 0
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    alone = tmp_path / "copy" / "s.sqlite"
    alone.parent.mkdir()
    shutil.copyfile(db, alone)  # without its -wal and -shm
    with sqlite3.connect(alone) as copy, sqlite3.connect(db) as original:
        assert copy.execute("pragma integrity_check").fetchone() == ("ok",)
        for table in ("documents", "mentions", "fact_countries", "agreements"):
            sql = f"select count(*) from {table}"
            assert copy.execute(sql).fetchone() == original.execute(sql).fetchone()
        assert copy.execute("select count(*) from documents").fetchone() == (4,)


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_exports_honour_the_umask(tmp_path, umask) -> None:
    folder = tmp_path / "docs"
    many_documents(folder, 1)
    db = tmp_path / "s.sqlite"
    assert _ingest(folder, db).exit_code == 0
    previous = os.umask(umask)
    try:
        for what, name in (("facts", "facts.jsonl"), ("graphml", "g.graphml")):
            result = CliRunner().invoke(cli, ["export", what, "--db", f"sqlite:///{db}", "-o", str(tmp_path / name)])
            assert result.exit_code == 0, result.output
            assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask
    finally:
        os.umask(previous)


def test_readers_see_the_old_resolution_until_the_new_one_commits(tmp_path) -> None:
    folder = tmp_path / "docs"
    many_documents(folder, 6)
    db = tmp_path / "s.sqlite"
    ingest([folder], f"sqlite:///{db}", progress=False)
    with sqlite3.connect(db) as con:
        before = con.execute("select count(*) from agreements").fetchone()[0]
    assert before > 0
    engine, Session = store.open_store(f"sqlite:///{db}")
    with Session.begin() as session:
        resolve(session)  # deletes and refills, not yet committed
        with sqlite3.connect(db) as reader:
            assert reader.execute("select count(*) from agreements").fetchone()[0] == before
            assert reader.execute("select count(*) from agreement_sources").fetchone()[0] > 0
    engine.dispose()
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from agreements").fetchone()[0] == before
