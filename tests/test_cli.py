"""The jcmkg command line end to end: ingest → stats → export → eval → search, and --help."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pipeline.cli import cli

DOC = ("2021年11月24日、日本国環境省とベトナム天然資源環境省は東京で共同協力計画に署名した。"
       "両省はこれまでに15件のプロジェクトを登録した。\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "plan.txt").write_text(DOC, encoding="utf-8")
    return root


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for args in ([], ["ingest"], ["export"], ["export", "facts"], ["export", "graphml"], ["stats"],
                 ["eval"], ["search"], ["plot"], ["serve"]):
        result = runner.invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, args
        assert "Usage:" in result.output


def test_ingest_export_eval_round_trip(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    result = runner.invoke(cli, ["ingest", str(folder), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    assert "documents: 1 ok" in result.output and "facts:" in result.output

    again = runner.invoke(cli, ["ingest", str(folder), "--db", db, "-q"])
    assert "documents: 1 skipped" in again.output

    facts = tmp_path / "facts.jsonl"
    assert runner.invoke(cli, ["export", "facts", "--db", db, "-o", str(facts)]).exit_code == 0
    line = json.loads(facts.read_text(encoding="utf-8"))
    assert line["doc"] == "plan.txt" and line["lang"] == "ja"
    assert {c["iso3"] for c in line["countries"]} == {"JPN", "VNM"}
    assert {"2021-11-24"} <= {d["value"] for d in line["dates"]}
    plan = [a for a in line["agreements"] if a["kind"] == "joint_plan"]
    assert plan and plan[0]["parties"] == ["MOEJ", "MONRE"] and plan[0]["place"] == "Tokyo"

    graph = tmp_path / "g.graphml"
    assert runner.invoke(cli, ["export", "graphml", "--db", db, "-o", str(graph)]).exit_code == 0
    assert nx.read_graphml(graph).number_of_nodes() >= 3

    scored = runner.invoke(cli, ["eval", str(facts), "--gold", str(facts), "--json"])
    assert scored.exit_code == 0
    assert all(v["f1"] == 1.0 for v in json.loads(scored.output).values())

    stats = runner.invoke(cli, ["stats", "--db", db])
    assert "ok ja" in " ".join(stats.output.split())


def test_ingest_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "does not exist" in result.output
