"""One store of the seeds, corpora/ and the real training pages (issue 13): conflicts only pair
like with like, and the partner table of seed 002 gives every partner its registered and
credit-issuing project counts with the table's as-of date."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
SEED_002 = "002_cc208e7fd80133a3.txt"
MEASURES = {"registered": "registered_projects", "issuing": "issued_projects"}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    shared = ROOT.parent / "shared"
    if not (shared / "corpus" / "train").is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    db = tmp_path_factory.mktemp("store") / "all.sqlite"
    ingest([shared / "corpus" / "seeds", ROOT / "corpora", shared / "corpus" / "train"],
           f"sqlite:///{db}", progress=False)
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    yield con
    con.close()


def test_count_conflicts_pair_one_measure_subject_and_period(con) -> None:
    rows = con.execute("""select conflict, count(distinct measure) measures,
        count(distinct coalesce(period, '-')) periods, count(distinct subject) subjects,
        min(measure) measure, count(*) n from v_conflicts where topic = 'count'
        group by conflict""").fetchall()
    for r in rows:
        assert (r["measures"], r["periods"], r["subjects"]) == (1, 1, 1), dict(r)
        assert r["measure"] not in (None, "other") and r["n"] >= 2
    periodless = con.execute("""select conflict, count(distinct as_of) from v_conflicts
        where topic = 'count' and period is null group by conflict""").fetchall()
    assert all(n == 1 for _, n in periodless)


def test_every_partner_of_seed_002_has_its_table_counts_as_of_the_table_date(con, shared: Path) -> None:
    gold = next(json.loads(x) for x in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
                if x.strip() and json.loads(x)["doc"] == SEED_002)
    partners = {p for a in gold["agreements"] if a["kind"] == "bilateral_document"
                for p in a["parties"] if p != "JPN"}
    expected = {(c["subject"], MEASURES[c["what"]], c["value"]) for c in gold["counts"]
                if c["what"] in MEASURES}
    found = {(r["subject"], r["measure"], r["value"]) for r in con.execute(
        "select subject, measure, value from v_counts where doc = ? and as_of = '2024-10' "
        "and as_of_from = 'stated'", (SEED_002,))}
    assert len(partners) == 29 and expected <= found
    listed = {r["iso3"]: r for r in con.execute("select * from v_partner_countries")}
    assert partners <= set(listed)
    for subject, measure, _ in expected:
        assert listed[subject][measure] is not None and listed[subject][f"{measure}_as_of"] >= "2024-10"
