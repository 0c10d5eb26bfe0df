"""A store made before a column was added gets it on open, its rows intact (pipeline/migrate.py),
and the export carries each count's measure, period and as-of date beside FORMAT.md's keys."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pipeline import store
from pipeline.export import export_facts
from pipeline.ingest import ingest


def test_an_old_store_gets_the_new_nullable_columns(db_url: str) -> None:
    db = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(db) as con:
        con.execute("create table fact_counts (id integer primary key, document_id integer, "
                    "mention_id integer, surface text, value float, unit varchar, subject varchar, "
                    "what varchar, qualifier varchar)")
        con.execute("insert into fact_counts values (1, 1, 1, '48件', 48, 'project', 'VNM', 'total', null)")
    store.open_store(db_url)
    with sqlite3.connect(db) as con:
        columns = {r[1] for r in con.execute("pragma table_info(fact_counts)")}
        row = con.execute("select value, subject, measure, period, as_of from fact_counts").fetchone()
    assert {"measure", "period", "as_of"} <= columns
    assert row == (48.0, "VNM", None, None, None)


def test_exported_counts_carry_measure_period_and_as_of(tmp_path: Path, db_url: str) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "note.txt").write_text(
        "Published: 2 March 2026\n\nThe ministry selected 8 model projects in the second call of "
        "FY2025. As of 1 March 2026, Thailand had 12 registered projects.\n", encoding="utf-8")
    ingest([root], db_url, progress=False)
    _, Session = store.open_store(db_url)
    with Session() as session:
        export_facts(session, tmp_path / "facts.jsonl")
    [line] = [json.loads(x) for x in (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    counts = {c["value"]: c for c in line["counts"]}
    assert {k: counts[8][k] for k in ("unit", "measure", "period", "as_of")} == {
        "unit": "project", "measure": "selected_projects", "period": "2025-04/2026-03 round 2",
        "as_of": "2026-03-02"}
    assert {k: counts[12][k] for k in ("subject", "measure", "period", "as_of")} == {
        "subject": "THA", "measure": "registered_projects", "period": None, "as_of": "2026-03-01"}
