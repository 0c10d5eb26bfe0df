"""The scorer follows FORMAT.md: keys per field, null org ids unscored, money to 3 digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.score import score
from schemas.facts import read_jsonl


def _line(**fields):
    base = {"doc": "a.txt", "lang": "en", "countries": [], "dates": [], "counts": [], "money": [],
            "organizations": [], "agreements": [], "events": []}
    return base | fields


def test_gold_scores_perfectly_against_itself(shared: Path) -> None:
    for name in ("seeds.jsonl", "dev.jsonl"):
        gold = read_jsonl(shared / "gold" / name)
        assert all(t.f1 == 1.0 for t in score(gold, gold).values())


def test_keys_ignore_surfaces_and_count_each_value_once() -> None:
    gold = [_line(dates=[{"surface": "2013年7月", "value": "2013-07", "precision": "month"}])]
    pred = [_line(dates=[{"surface": "tháng 7/2013", "value": "2013-07", "precision": "month"},
                         {"surface": "July 2013", "value": "2013-07", "precision": "month"},
                         {"surface": "2014", "value": "2014", "precision": "year"}])]
    t = score(pred, gold)["dates"]
    assert (t.tp, t.fp, t.fn) == (1, 1, 0)


def test_money_is_compared_to_three_significant_digits() -> None:
    gold = [_line(money=[{"surface": "x", "value": 20_000_000_000, "currency": "USD", "approx": True}])]
    pred = [_line(money=[{"surface": "y", "value": 20_040_000_000, "currency": "USD", "approx": False}])]
    assert score(pred, gold)["money"].f1 == 1.0


def test_null_organization_ids_are_not_scored() -> None:
    gold = [_line(organizations=[{"surface": "Foo Ltd", "id": None}, {"surface": "環境省", "id": "MOEJ"}])]
    pred = [_line(organizations=[{"surface": "Bar Corp", "id": None}, {"surface": "MOEJ", "id": "MOEJ"}])]
    t = score(pred, gold)["organizations"]
    assert (t.tp, t.fp, t.fn) == (1, 0, 0)


def test_agreements_have_a_secondary_key_without_date() -> None:
    a = {"surface": "MoC", "kind": "moc", "parties": ["VNM", "JPN"], "date": "2021-10", "place": None}
    gold = [_line(agreements=[a])]
    pred = [_line(agreements=[a | {"date": "2021-10-14", "parties": ["JPN", "VNM"]}])]
    tallies = score(pred, gold)
    assert tallies["agreements"].f1 == 0.0
    assert tallies["agreements (kind, parties)"].f1 == 1.0


def test_documents_missing_from_the_export_count_as_missed() -> None:
    gold = [_line(countries=[{"surface": "Japan", "iso3": "JPN"}])]
    assert score([], gold)["countries"].fn == 1


@pytest.mark.parametrize("name", ["seeds/a.txt", "corpus/seeds/a.txt"])
def test_an_export_of_a_parent_folder_matches_by_path_suffix(name: str) -> None:
    gold = [_line(countries=[{"surface": "Japan", "iso3": "JPN"}])]
    pred = [_line(doc=name, countries=[{"surface": "Japan", "iso3": "JPN"}])]
    assert score(pred, gold)["countries"].tp == 1
