"""The cooperation graph from the resolved store: GraphML that networkx and igraph both read."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import cli
from pipeline.graph import build, write_graphml
from tests.synthetic_store import build_store


def _graph(db_url: str) -> nx.MultiDiGraph:
    build_store(db_url)
    _, Session = store.open_store(db_url)
    with Session() as session:
        return build(session)


def test_one_node_per_resolved_entity_with_party_and_participation_edges(db_url: str) -> None:
    g = _graph(db_url)
    types = [d["type"] for _, d in g.nodes(data=True)]
    assert (types.count("agreement"), types.count("event")) == (5, 1)
    bilateral = "agreement:bilateral_document JPN-VNM 2013-07"
    assert g.nodes[bilateral]["n_documents"] == 3 and g.has_edge("VNM", bilateral, key="party_to")
    assert g.has_edge("JPN", "event:policy_dialogue #9 JPN-VNM 2026-01-22", key="participated_in")
    assert g.nodes["VNM"]["label"] == "Viet Nam" and g.nodes["MOEJ"]["country"] == "JPN"


def test_cooperates_with_counts_shared_agreements_and_events(db_url: str) -> None:
    g = _graph(db_url)
    tie = g.get_edge_data("JPN", "VNM", key="cooperates_with")
    assert (tie["n_agreements"], tie["n_events"], tie["first_date"], tie["last_date"]) == (
        1, 1, "2013-07", "2026-01-22")
    assert set(tie["sources"].split(";")) == {"ja/press.txt", "vi/tin.txt", "en/table.txt"}
    moc = g.get_edge_data("MAE_VN", "MOEJ", key="cooperates_with")  # named by ministries
    assert (moc["n_agreements"], moc["first_date"]) == (1, "2026-01-22")


def test_graphml_round_trips_through_networkx_and_igraph(db_url: str, tmp_path: Path) -> None:
    import igraph

    g = _graph(db_url)
    assert all(v is not None and not isinstance(v, (list, set, tuple))
               for _, d in g.nodes(data=True) for v in d.values())
    out = tmp_path / "g.graphml"
    write_graphml(g, out)
    back = nx.read_graphml(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    assert back.nodes["agreement:moc MOEJ-MONRE 2013-12"]["date"] == "2013-12"
    ig = igraph.Graph.Read_GraphML(str(out))
    assert (ig.vcount(), ig.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    jpn = ig.vs.find(id="JPN")
    assert jpn["label"] == "Japan" and jpn["name_ja"] == "日本"
    assert sorted(e["relation"] for e in ig.es if e["relation"] == "cooperates_with") == \
        ["cooperates_with"] * sum(1 for *_, k in g.edges(keys=True) if k == "cooperates_with")
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_export_graphml(db_url: str, tmp_path: Path) -> None:
    build_store(db_url)
    out = tmp_path / "cli.graphml"
    result = CliRunner().invoke(cli, ["export", "graphml", "--db", db_url, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() > 0
