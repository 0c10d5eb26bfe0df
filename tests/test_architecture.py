"""The shape of the code base: imports go one way with no cycles, and extractors run in a stated order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from extractors import REGISTRY, RUN_ORDER, in_run_order

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    """pipeline -> extractors -> schemas, and no package's modules import each other in a circle."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def test_every_builtin_extractor_has_a_place_in_the_run_order() -> None:
    assert set(RUN_ORDER) == set(REGISTRY)
    assert [spec.name for spec in in_run_order()] == list(RUN_ORDER)


def test_relations_run_after_the_entities_they_read() -> None:
    order = {name: i for i, name in enumerate(RUN_ORDER)}
    for relation in ("agreements", "events", "tables"):
        for entity in ("countries", "organizations", "dates", "date_years"):
            assert order[entity] < order[relation]
    assert order["dates"] < order["date_years"]  # the years of yearless dates come from dates found
