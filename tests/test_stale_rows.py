"""Issue 14: the store never keeps stale or doubled facts. Files deleted, changed or replaced by
a copy of another, between runs or while a run reads them; failed documents retried when the
limits are raised; a document in progress when runs died is skipped with a reason."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from make_bad_inputs import JA

from pipeline import ingest as ingest_module
from pipeline.cli import cli
from pipeline.ingest import ingest
from pipeline.limits import Limits

CL = "Japan and Chile signed the bilateral document on 26 May 2015."
KE = "Japan and Kenya signed the bilateral document on 12 June 2015."


def _rows(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as con:
        return {r[0]: r[1:] for r in con.execute(
            "select doc, status, coalesce(stage, ''), coalesce(error, ''), sha256, size, "
            "coalesce(duplicate_of, '') from documents")}


def _countries(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as con:
        return sorted(con.execute("select d.doc, f.iso3 from fact_countries f join documents d "
                                  "on f.document_id = d.id"))


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, str]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ja.txt").write_text(JA + "\n", encoding="utf-8")
    (docs / "cl.txt").write_text(CL + "\n", encoding="utf-8")
    (docs / "ke.txt").write_text(KE + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    ingest([docs], url, progress=False)
    return docs, url


def _db(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_a_deleted_file_is_listed_and_pruned_with_its_facts(folder) -> None:
    docs, url = folder
    (docs / "cl.txt").unlink()
    listed = CliRunner().invoke(cli, ["ingest", str(docs), "--db", url, "-q"])
    assert listed.exit_code == 0
    assert "gone:      1 documents whose files are gone (still stored: jcmkg ingest --prune removes them): cl.txt" \
        in listed.stdout
    assert "cl.txt" in _rows(_db(url))
    pruned = CliRunner().invoke(cli, ["ingest", str(docs), "--db", url, "-q", "--prune"])
    assert "gone:      1 documents whose files are gone (removed): cl.txt" in pruned.stdout
    assert "cl.txt" not in _rows(_db(url))
    assert ("cl.txt", "CHL") not in _countries(_db(url)) and ("ke.txt", "KEN") in _countries(_db(url))
    with sqlite3.connect(_db(url)) as con:  # nothing of it left anywhere
        assert con.execute("select count(*) from mentions m left join documents d on m.document_id = d.id "
                           "where d.id is null").fetchone() == (0,)


def test_a_file_replaced_by_a_copy_of_another_becomes_its_duplicate(folder) -> None:
    docs, url = folder
    shutil.copyfile(docs / "ja.txt", docs / "cl.txt")
    summary = ingest([docs], url, progress=False)
    rows = _rows(_db(url))
    assert rows["cl.txt"][0] == "duplicate" and rows["cl.txt"][5] == "ja.txt"
    assert _countries(_db(url)).count(("ja.txt", "VNM")) == 1
    assert not [c for c in _countries(_db(url)) if c[0] == "cl.txt"]
    assert summary.status["duplicate"] == 1


def _after_hashing(monkeypatch, action) -> None:
    """Run `action(path)` right after the run has hashed a file, before it is processed."""
    real = ingest_module.fingerprint

    def hashed_then_changed(path):
        found = real(path)
        action(Path(path))
        return found

    monkeypatch.setattr(ingest_module, "fingerprint", hashed_then_changed)


def test_a_file_changed_while_the_run_reads_it_is_stored_with_the_bytes_processed(folder, monkeypatch) -> None:
    docs, url = folder
    (docs / "ke.txt").write_text(KE + " (first)\n", encoding="utf-8")
    final = (CL + "\n").encode()
    _after_hashing(monkeypatch, lambda p: p.write_bytes(final) if p.name == "ke.txt" else None)
    ingest([docs], url, progress=False)
    status, _, _, sha, size, duplicate_of = _rows(_db(url))["ke.txt"]
    assert (sha, size) == (hashlib.sha256(final).hexdigest(), len(final))
    assert (status, duplicate_of) == ("duplicate", "cl.txt")  # its new bytes are cl.txt's
    monkeypatch.undo()
    assert ingest([docs], url, progress=False).status == {"skipped": 3}  # converged


def test_a_file_replaced_by_a_copy_while_the_run_reads_it_is_not_doubled(folder, monkeypatch) -> None:
    docs, url = folder
    (docs / "cl.txt").write_text(CL + " (changed)\n", encoding="utf-8")
    _after_hashing(monkeypatch, lambda p: shutil.copyfile(docs / "ja.txt", p) if p.name == "cl.txt" else None)
    ingest([docs], url, progress=False)
    rows = _rows(_db(url))
    assert (rows["cl.txt"][0], rows["cl.txt"][5]) == ("duplicate", "ja.txt")
    assert _countries(_db(url)).count(("ja.txt", "VNM")) == 1
    assert not [c for c in _countries(_db(url)) if c[0] == "cl.txt"]


def test_a_file_deleted_while_the_run_reads_it_fails_and_keeps_no_old_facts(folder, monkeypatch) -> None:
    docs, url = folder
    (docs / "ke.txt").write_text(KE + " (changed)\n", encoding="utf-8")
    _after_hashing(monkeypatch, lambda p: p.unlink() if p.name == "ke.txt" else None)
    summary = ingest([docs], url, progress=False)
    assert _rows(_db(url))["ke.txt"][:3] == ("failed", "read", "cannot read the file: No such file or directory")
    assert not [c for c in _countries(_db(url)) if c[0] == "ke.txt"]
    assert summary.status == {"failed": 1, "skipped": 2}


def test_failed_documents_are_retried_when_the_limits_are_raised(tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "long.txt").write_text((JA + "\n") * 20_000, encoding="utf-8")  # about 1.7 MB
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    small = Limits(max_bytes=2**20)
    assert ingest([docs], url, progress=False, limits=small).status == {"failed": 1}
    again = ingest([docs], url, progress=False, limits=small)
    assert again.status == {"skipped": 1} and again.unchanged == {"failed": 1}
    raised = ingest([docs], url, progress=False, limits=Limits(max_bytes=4 * 2**20))
    assert raised.status == {"ok": 1}
    assert _rows(tmp_path / "s.sqlite")["long.txt"][0] == "ok"


def test_a_document_in_progress_when_two_runs_died_is_skipped_with_a_reason(folder) -> None:
    docs, url = folder
    (docs / "cl.txt").write_text(CL + " (new)\n", encoding="utf-8")
    (docs / "ke.txt").write_text(KE + " (new)\n", encoding="utf-8")
    with sqlite3.connect(_db(url)) as con:  # as runs that died leave them
        con.execute("insert into meta(key, value) values ('in_progress:cl.txt', '1')")  # 2nd death
        con.execute("insert into meta(key, value) values ('in_progress:ke.txt', '0')")  # 1st death
    summary = ingest([docs], url, progress=False)
    rows = _rows(_db(url))
    assert rows["cl.txt"][:2] == ("failed", "run")
    assert rows["cl.txt"][2].startswith("two runs stopped while this document was being processed")
    assert rows["ke.txt"][0] == "ok"  # one death is forgiven: tried again
    assert summary.failures[0][:2] == ("cl.txt", "run")
    with sqlite3.connect(_db(url)) as con:
        assert con.execute("select count(*) from meta where key like 'in_progress:%'").fetchone() == (0,)
    assert ingest([docs], url, progress=False).unchanged["failed"] == 1  # skipped from now on
    assert ingest([docs], url, progress=False, force=True).status["ok"] == 3
