"""Ingest end to end on small real files: rows written, re-runs idempotent, changes replace."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.ingest import discover, ingest

JA = "環境省は2021年11月24日、東京でベトナム天然資源環境省と共同協力計画に署名した。\n"
VI = "Ngày 22/7/2025, Việt Nam và Nhật Bản đã ký kết Bản ghi nhớ hợp tác tại Hà Nội.\n"
EN = "On 14 October 2021 Japan and Viet Nam renewed the Memorandum of Cooperation in Tokyo.\n"

TABLES = ["documents", "blocks", "mentions", "fact_countries", "fact_dates", "blocks_fts"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "ja.txt").write_text(JA, encoding="utf-8")
    (root / "sub" / "vi.txt").write_text(VI, encoding="utf-8")
    (root / "en.md").write_text(EN, encoding="utf-8")
    (root / "notes.bin").write_bytes(b"\x00\x01")  # unsupported suffix: not discovered
    (root / "README.md").write_text("What this folder holds.\n", encoding="utf-8")  # not a source
    return root


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def test_discover_names_documents_relative_to_the_folder(folder: Path) -> None:
    assert [doc for _, doc in discover([folder])] == ["en.md", "ja.txt", "sub/vi.txt"]


def test_ingest_stores_every_document_with_blocks_in_its_language(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    summary = ingest([folder], f"sqlite:///{db}", progress=False)
    assert summary.status["ok"] == 3 and not summary.failures
    with sqlite3.connect(db) as con:
        langs = dict(con.execute("select doc, lang from documents"))
        assert langs == {"en.md": "en", "ja.txt": "ja", "sub/vi.txt": "vi"}
        block = con.execute("select b.text, b.tokens from blocks b join documents d "
                            "on b.document_id = d.id where d.doc = 'ja.txt'").fetchone()
        assert block[0] == JA.strip() and "署名" in block[1].split()


def test_second_run_skips_unchanged_files_and_changes_no_row(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    ingest([folder], f"sqlite:///{db}", progress=False)
    before = _counts(db)
    again = ingest([folder], f"sqlite:///{db}", progress=False)
    assert again.status == {"skipped": 3}
    assert _counts(db) == before


def test_a_changed_file_replaces_its_rows(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    ingest([folder], f"sqlite:///{db}", progress=False)
    (folder / "en.md").write_text("Nothing here about any country.\n", encoding="utf-8")
    summary = ingest([folder], f"sqlite:///{db}", progress=False)
    assert summary.status == {"ok": 1, "skipped": 2}
    with sqlite3.connect(db) as con:
        texts = [r[0] for r in con.execute(
            "select b.text from blocks b join documents d on b.document_id = d.id where d.doc='en.md'")]
        assert texts == ["Nothing here about any country."]
        stale = con.execute("select count(*) from blocks_fts where blocks_fts match 'Memorandum'")
        assert stale.fetchone()[0] == 0


def test_same_bytes_under_two_names_are_stored_once(folder: Path, tmp_path: Path) -> None:
    (folder / "copy of ja.txt").write_text(JA, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    summary = ingest([folder], f"sqlite:///{db}", progress=False)
    assert summary.status["duplicate"] == 1
    with sqlite3.connect(db) as con:
        rows = con.execute("select doc, status, duplicate_of from documents where doc='ja.txt' "
                           "or doc='copy of ja.txt' order by doc").fetchall()
        # files are taken in name order: the first name keeps the content
        assert rows == [("copy of ja.txt", "ok", None), ("ja.txt", "duplicate", "copy of ja.txt")]
        blocks = con.execute("select count(*) from blocks b join documents d on b.document_id = d.id"
                             " where d.doc = 'ja.txt'").fetchone()[0]
        assert blocks == 0


def test_force_redoes_everything(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    ingest([folder], f"sqlite:///{db}", progress=False)
    before = _counts(db)
    assert ingest([folder], f"sqlite:///{db}", force=True, progress=False).status == {"ok": 3}
    assert _counts(db) == before


def test_two_workers_store_the_same_rows(folder: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    ingest([folder], f"sqlite:///{one}", progress=False)
    ingest([folder], f"sqlite:///{two}", workers=2, progress=False)
    assert _counts(one) == _counts(two)


def test_search_index_finds_segmented_words(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    ingest([folder], f"sqlite:///{db}", progress=False)
    with sqlite3.connect(db) as con:
        hits = con.execute("select count(*) from blocks_fts where blocks_fts match '\"ký kết\"'")
        assert hits.fetchone()[0] == 1


def test_resolution_runs_only_when_documents_changed(folder: Path, tmp_path: Path, monkeypatch) -> None:
    import pipeline.ingest as ingest_module

    calls = []
    real = ingest_module.resolve
    monkeypatch.setattr(ingest_module, "resolve", lambda s, changed: calls.append(changed) or real(s, changed))
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    ingest([folder], db, progress=False)
    ingest([folder], db, progress=False)
    assert len(calls) == 1  # the unchanged second run does not rebuild the entities
    (folder / "en.md").write_text("Japan and Thailand met in Bangkok on 4 March 2025.\n", encoding="utf-8")
    ingest([folder], db, progress=False)
    assert len(calls) == 2 and calls[0] is None  # the first run rebuilds everything
    assert set(calls[1]) == {"en.md"}  # the next one what the changed document touches
