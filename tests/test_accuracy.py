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

SEEDS_AND_CORPORA = {
    "countries": 0.95, "dates": 0.95, "organizations": 0.95, "counts": 0.90, "money": 0.90,
    "agreements (kind, parties)": 0.80, "events (kind, date)": 0.80,
}
DEV = {  # dates and counts at issue 13's floors for train + dev + seeds
    "countries": 0.90, "dates": 0.95, "organizations": 0.85, "counts": 0.90, "money": 0.80,
    "agreements (kind, parties)": 0.70, "events (kind, date)": 0.70,
}
# The blind set was written without sight of the extractors and scored before any rule was
# changed for it; these floors guard what it measured (FORMAT.md fields, issue 8 floors not all met).
BLIND = {
    "countries": 0.95, "dates": 0.93, "organizations": 0.90, "counts": 0.78, "money": 0.90,
    "agreements (kind, parties)": 0.80, "events (kind, date)": 0.68,
}
# Real pages (../shared/corpus/train and test, issue 13 floors): train is fitted to, test only
# measured (its failures name no document or key, so a failing run reveals nothing of it).
TRAIN = {"counts": 0.90, "dates": 0.95}
TEST = {"counts": 0.78, "dates": 0.91}
SETS = {
    "seeds": (SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds.jsonl", SEEDS_AND_CORPORA),
    "dev": (SHARED / "corpus" / "dev", SHARED / "gold" / "dev.jsonl", DEV),
    "corpora": (ROOT / "corpora", ROOT / "corpora" / "gold.jsonl", SEEDS_AND_CORPORA),
    "blind": (ROOT / "corpora", ROOT / "corpora" / "blind" / "gold.jsonl", BLIND),
    "train": (SHARED / "corpus" / "train", SHARED / "gold" / "train.jsonl", TRAIN),
    "test": (SHARED / "corpus" / "test", SHARED / "gold" / "test.jsonl", TEST),
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
    assert t.f1 >= floor, f"{name} {field}: F1 {t.f1:.3f} < {floor}{detail}"
