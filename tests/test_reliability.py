"""Issue 6 end to end: one run over a folder of every messy case gives each file its outcome,
keeps the facts of every readable file, exits as documented, and a second run changes nothing.
Plus the per-document limits (size, pages, time) and the long-block splitter."""

from __future__ import annotations

import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from make_bad_inputs import JA, make_all, text_pdf

from pipeline import ingest as ingest_module
from pipeline import process as process_module
from pipeline.cli import cli
from pipeline.ingest import ingest
from pipeline.limits import Limits, TimeLimitExceeded, split_long_blocks, time_limit
from pipeline.process import process
from schemas.records import Block


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    """The folder of cases, ingested once through the command line. The pipeline version is
    pinned so that code edited while the tests run does not count as a change."""
    root = tmp_path_factory.mktemp("bad")
    cases = make_all(root / "docs", root / "outside")
    db = root / "store.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ingest_module, "pipeline_version", lambda: "pinned")
        result = CliRunner().invoke(cli, ["ingest", str(root / "docs"), "--db", f"sqlite:///{db}", "-q"])
        yield root, cases, db, result


def _rows(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as con:
        return {r[0]: r[1:] for r in con.execute(
            "select doc, status, coalesce(stage, ''), coalesce(error, ''), coalesce(duplicate_of, ''), "
            "coalesce(text, '') from documents")}


def _facts(db: Path, table: str, column: str, doc: str) -> set[str]:
    with sqlite3.connect(db) as con:
        return {r[0] for r in con.execute(
            f"select f.{column} from {table} f join documents d on f.document_id = d.id where d.doc = ?",
            (doc,))}


def _dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included)."""
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type = 'table' "
                                            "and name not like 'sqlite_%' and name != 'blocks_fts'")]
        return {t: sorted(map(repr, con.execute(f"select * from {t}"))) for t in tables}


def test_every_file_gets_its_expected_status_stage_and_error(bad) -> None:
    _, cases, db, _ = bad
    rows = _rows(db)
    assert set(rows) == {c.name for c in cases}  # nothing from the linked folder outside
    for case in cases:
        status, stage, error, duplicate_of, _ = rows[case.name]
        assert (case.name, status, stage) == (case.name, case.status, case.stage)
        assert re.search(case.error, error), (case.name, error)
        assert "\n" not in error and len(error) <= 300
        assert duplicate_of == case.duplicate_of


def test_readable_files_keep_their_sentence_and_its_country_and_date_facts(bad) -> None:
    _, cases, db, _ = bad
    rows = _rows(db)
    missing = []
    for case in (c for c in cases if c.status == "ok"):
        text = rows[case.name][4]
        assert case.sentence in text, case.name
        if case.absent:
            assert case.absent not in text, case.name
        countries = _facts(db, "fact_countries", "iso3", case.name)
        dates = _facts(db, "fact_dates", "value", case.name)
        missing += [(case.name, x) for x in sorted(case.countries - countries)]
        missing += [(case.name, x) for x in sorted(case.dates - dates)]
    assert not missing


def test_script_style_and_entities_never_reach_the_store(bad) -> None:
    _, _, db, _ = bad
    with sqlite3.connect(db) as con:
        blocks = " ".join(r[0] for r in con.execute("select text from blocks"))
    assert "中国" not in blocks and "lollol" not in blocks and "document.write" not in blocks
    assert _facts(db, "fact_countries", "iso3", "script.html") >= {"KHM"}
    assert "CHN" not in _facts(db, "fact_countries", "iso3", "script.html")


def test_the_long_line_is_split_into_blocks_of_bounded_size(bad) -> None:
    _, _, db, _ = bad
    with sqlite3.connect(db) as con:
        sizes = [r[0] for r in con.execute("select length(b.text) from blocks b join documents d "
                                           "on b.document_id = d.id where d.doc = 'long-line.txt'")]
    assert sum(sizes) >= 1_990_000 and max(sizes) <= 10_000


def test_the_run_exits_0_and_its_summary_names_every_failure(bad) -> None:
    _, cases, _, result = bad
    assert result.exit_code == 0, result.output
    counts = {s: sum(c.status == s for c in cases) for s in ("ok", "empty", "failed", "duplicate")}
    summary = next(line for line in result.stdout.splitlines() if line.startswith("documents:"))
    for status, n in counts.items():
        assert f"{n} {status}" in summary
    for case in (c for c in cases if c.status == "failed"):
        assert f"FAILED {case.name} [{case.stage}]" in result.stderr


def test_a_second_run_changes_nothing_and_strict_reports_the_stored_failures(bad) -> None:
    root, cases, db, _ = bad
    before = _dump(db)
    again = CliRunner().invoke(cli, ["ingest", str(root / "docs"), "--db", f"sqlite:///{db}", "-q",
                                     "--strict"])
    assert _dump(db) == before
    assert again.exit_code == 1
    n_failed = sum(c.status == "failed" for c in cases)
    assert f"documents: {len(cases)} skipped (" in again.stdout and f"{n_failed} failed" in again.stdout
    assert "FAILED encrypted.pdf [pdf]: PDF is encrypted (unchanged since an earlier run)" in again.stderr


def test_a_changed_file_replaces_its_rows_and_frees_its_duplicates(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "copy").mkdir(parents=True)
    (docs / "a.txt").write_text(JA + "\n", encoding="utf-8")
    (docs / "copy" / "a copy.txt").write_text(JA + "\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    ingest([docs], f"sqlite:///{db}", progress=False)
    changed = "Japan and Chile signed the bilateral document on 26 May 2015."
    (docs / "a.txt").write_text(changed + "\n", encoding="utf-8")
    summary = ingest([docs], f"sqlite:///{db}", progress=False)
    assert summary.status == {"ok": 2}
    rows = _rows(db)
    assert rows["a.txt"][0] == "ok" and rows["a.txt"][4].strip() == changed
    assert rows["copy/a copy.txt"][:4] == ("ok", "", "", "")  # its original changed: stored on its own
    assert _facts(db, "fact_countries", "iso3", "a.txt") == {"JPN", "CHL"}
    assert _facts(db, "fact_dates", "value", "a.txt") == {"2015-05-26"}
    with sqlite3.connect(db) as con:
        stale = con.execute("select d.doc from blocks_fts f join blocks b on b.id = f.rowid join documents d "
                            "on d.id = b.document_id where blocks_fts match '署名'").fetchall()
    assert stale == [("copy/a copy.txt",)]


# --- limits ----------------------------------------------------------------------------------


def test_size_and_page_limits_fail_the_document_at_stage_limits(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "big.txt").write_text((JA + "\n") * 40_000, encoding="utf-8")  # about 3.5 MB
    (docs / "two pages.pdf").write_bytes(text_pdf("Japan and Chile signed on 26 May 2015.", pages=2))
    (docs / "small.txt").write_text(JA + "\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    summary = ingest([docs], f"sqlite:///{db}", progress=False, limits=Limits(max_bytes=2**20, max_pages=1))
    rows = _rows(db)
    assert rows["big.txt"][:3] == ("failed", "limits", "file is 3 MB, over the 1 MB limit")
    assert rows["two pages.pdf"][:3] == ("failed", "limits", "PDF has 2 pages, over the 1-page limit")
    assert rows["small.txt"][0] == "ok" and summary.failed == 2


def test_a_document_over_the_time_limit_fails_at_stage_limits(tmp_path: Path, monkeypatch) -> None:
    def slow_load(*_args, **_kw):
        time.sleep(30)

    monkeypatch.setattr(process_module, "load", slow_load)
    (tmp_path / "a.txt").write_text(JA, encoding="utf-8")
    out = process(tmp_path / "a.txt", "a.txt", limits=Limits(max_seconds=0.2))
    assert (out.status, out.stage) == ("failed", "limits")
    assert out.error == "stopped after 0.2 s in load (the time limit per document)"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_the_time_limit_is_not_swallowed_by_except_exception() -> None:
    caught = []
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        try:
            time.sleep(5)
        except Exception as exc:  # what extract.run does around each extractor
            caught.append(exc)
    assert caught == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="日本語のテキスト。. \nabc", max_size=400), st.integers(5, 60))
def test_long_blocks_are_cut_into_ordered_bounded_pieces_that_keep_every_character(text, limit) -> None:
    blocks = [Block(index=0, start=0, end=len(text), kind="paragraph", page=3)] if text else []
    pieces = split_long_blocks(blocks, text, max_chars=limit)
    assert [b.index for b in pieces] == list(range(len(pieces)))
    assert all(0 < b.end - b.start <= limit and b.page == 3 for b in pieces)
    assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:], strict=False))
    kept = "".join(text[b.start:b.end] for b in pieces)
    assert re.sub(r"\s", "", kept) == re.sub(r"\s", "", text)
