"""Accuracy floors on the gold sets (issue 8): the tests fail when extraction gets worse.

Each set is extracted with the real pipeline (load → langid → segment → extract) and scored
by FORMAT.md's rules, exactly as `jcmkg eval` scores an export.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from pipeline.process import process
from pipeline.score import Tally, score
from schemas.facts import facts_line, read_jsonl

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

SEEDS_AND_CORPORA = {  # dates and counts at the levels issue 13's work measures
    "countries": 0.95, "dates": 0.99, "organizations": 0.95, "counts": 0.99, "money": 0.90,
    "agreements (kind, parties)": 0.95, "events (kind, date)": 0.93,
}
DEV = {  # dates and counts at the levels issue 13's work measures (above its 0.95 and 0.90)
    "countries": 0.90, "dates": 0.99, "organizations": 0.85, "counts": 0.99, "money": 0.80,
    "agreements (kind, parties)": 0.95, "events (kind, date)": 0.95,
}
# The blind set was written without sight of the extractors and scored before any rule was
# changed for it; these floors guard what it measured (FORMAT.md fields, issue 8 floors not all met).
BLIND = {
    "countries": 0.95, "dates": 0.99, "organizations": 0.90, "counts": 0.99, "money": 0.90,
    "agreements (kind, parties)": 0.98, "events (kind, date)": 0.93,
}
# The real pages: train is what the relation models are fitted on and the count and date rules
# are studied on; test is only scored here and in `make eval` (never read; a failure names no
# document or key). Relation floors are the measured levels, below issue 12's (test: agreements
# (kind, parties) 0.75, (kind, parties, date) 0.60; events (kind, ordinal, date) 0.65, (kind,
# date) 0.70); counts and dates on train are the measured levels (above issue 13's), on test the
# measured levels (issue 13: 0.85 and 0.93).
TRAIN = {
    "countries": 0.99, "dates": 0.99, "organizations": 0.95, "counts": 0.99, "money": 0.85,
    "agreements (kind, parties)": 0.92, "agreements": 0.90,
    "events": 0.86, "events (kind, date)": 0.86,
}
TEST = {
    "countries": 0.975, "dates": 0.93, "organizations": 0.95, "counts": 0.83, "money": 1.0,
    "agreements (kind, parties)": 0.59, "agreements": 0.44, "events": 0.55, "events (kind, date)": 0.60,
}
SETS = {
    "seeds": (SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds.jsonl", SEEDS_AND_CORPORA),
    "train": (SHARED / "corpus" / "train", SHARED / "gold" / "train.jsonl", TRAIN),
    "test": (SHARED / "corpus" / "test", SHARED / "gold" / "test.jsonl", TEST),
    "dev": (SHARED / "corpus" / "dev", SHARED / "gold" / "dev.jsonl", DEV),
    "corpora": (ROOT / "corpora", ROOT / "corpora" / "gold.jsonl", SEEDS_AND_CORPORA),
    "blind": (ROOT / "corpora", ROOT / "corpora" / "blind" / "gold.jsonl", BLIND),
}
MEASURE_ONLY = {"test"}


@cache
def tallies(name: str) -> dict[str, Tally]:
    folder, gold_path, _ = SETS[name]
    if not gold_path.exists():
        pytest.skip(f"{gold_path} is not here")
    gold = read_jsonl(gold_path)
    pred = []
    for line in gold:
        done = process(folder / line["doc"], line["doc"])
        assert done.status == "ok", (name if name in MEASURE_ONLY else line["doc"], done.error)
        pred.append(facts_line(line["doc"], done.lang, [m for _, _, m in done.mentions]))
    return score(pred, gold)


@pytest.mark.parametrize(
    ("name", "field"), [(name, field) for name, (_, _, floors) in SETS.items() for field in floors]
)
def test_f1_floor(name: str, field: str) -> None:
    floor = SETS[name][2][field]
    t = tallies(name)[field]
    detail = "" if name in MEASURE_ONLY else f" (missed {t.missed[:8]}, spurious {t.spurious[:8]})"
    f1 = t.f1  # a plain number, so pytest's report of a failure shows no keys of a measure-only set
    assert f1 >= floor, f"{name} {field}: F1 {f1:.3f} < {floor}{detail}"
