"""The cooperation graphs from the resolved store: GraphML that Gephi, networkx and igraph read
alike, with unique edge ids, labels that name the parties and no isolated event nodes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import cli
from pipeline.graph import build, cooperation, entity_label, ordinal_en, write_graphml
from pipeline.resolve import resolve
from schemas.records import EventMention
from tests.synthetic_store import build_store, processed

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def Session(db_url: str):
    """The synthetic store plus one document whose meeting names no party anywhere."""
    build_store(db_url)
    _, Session = store.open_store(db_url)
    with Session.begin() as session:
        store.write(session, processed("en/seminar.txt", "en", [
            ("A technical seminar on measurement was held on 3 March 2025.", [
                (EventMention, "technical seminar", dict(kind="seminar", date="2025-03-03"))])]), "test")
    with Session.begin() as session:
        resolve(session)
    return Session


def test_party_and_participation_edges_and_no_isolated_events(Session) -> None:
    with Session() as session:
        g, with_isolated = build(session), build(session, isolated=True)
    types = [d["type"] for _, d in g.nodes(data=True)]
    assert (types.count("agreement"), types.count("event")) == (5, 1)
    bilateral = "agreement:bilateral_document JPN-VNM 2013-07"
    assert g.nodes[bilateral]["n_documents"] == 3 and g.has_edge("VNM", bilateral, key="party_to")
    assert g.has_edge("JPN", "event:policy_dialogue #9 JPN-VNM 2026-01-22", key="participated_in")
    assert g.nodes["VNM"]["label"] == "Viet Nam" and g.nodes["MOEJ"]["country"] == "JPN"
    assert not [n for n in g if g.degree(n) == 0]
    [lonely] = [n for n in with_isolated if with_isolated.degree(n) == 0]
    assert with_isolated.nodes[lonely]["label"] == "seminar 2025-03-03"


def test_every_agreement_and_event_label_names_its_parties(Session) -> None:
    with Session() as session:
        g = build(session)
    labels = {n: d["label"] for n, d in g.nodes(data=True) if d["type"] in ("agreement", "event")}
    assert labels["agreement:bilateral_document JPN-VNM 2013-07"] == "JPN–VNM bilateral document 2013-07"
    assert labels["event:policy_dialogue #9 JPN-VNM 2026-01-22"] == "9th JPN–VNM policy dialogue 2026-01-22"
    assert labels["agreement:moc MAE_VN-MOEJ 2026-01-22"] == "MOEJ–MAE_VN moc 2026-01-22"  # Japan's side first
    for node, label in labels.items():
        assert all(party in label for party in g.predecessors(node)), label


@pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (8, "8th"), (11, "11th"),
                                         (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd")])
def test_english_ordinals(n: int, text: str) -> None:
    assert ordinal_en(n) == text
    assert entity_label("joint_committee", "2024", [("KEN", "KEN"), ("JPN", "JPN")], n) == \
        f"{text} JPN–KEN joint committee 2024"


def test_cooperation_ties_are_undirected_and_count_shared_agreements_and_events(Session) -> None:
    with Session() as session:
        ties = cooperation(session)
    assert not ties.is_directed()
    tie = ties.edges["VNM", "JPN"]  # either way round
    assert (tie["n_agreements"], tie["n_events"], tie["first_date"], tie["last_date"]) == (
        1, 1, "2013-07", "2026-01-22")
    assert set(tie["sources"].split(";")) == {"ja/press.txt", "vi/tin.txt", "en/table.txt"}
    moc = ties.edges["MOEJ", "MAE_VN"]  # named by ministries
    assert (moc["n_agreements"], moc["first_date"]) == (1, "2026-01-22")


def _edge_ids(path: Path) -> list[str]:
    return [e.get("id") for e in ET.parse(path).getroot().iter(f"{GRAPHML}edge")]


@pytest.mark.parametrize("which", ["parties", "cooperation"])
def test_graphml_has_unique_edge_ids_and_networkx_and_igraph_agree(Session, tmp_path: Path, which: str) -> None:
    import igraph

    with Session() as session:
        g = build(session) if which == "parties" else cooperation(session)
    out = tmp_path / "g.graphml"
    write_graphml(g, out)
    ids = _edge_ids(out)
    assert len(ids) == g.number_of_edges() and None not in ids and len(set(ids)) == len(ids)
    back = nx.read_graphml(out)
    ig = igraph.Graph.Read_GraphML(str(out))
    assert back.is_directed() == ig.is_directed() == g.is_directed()
    assert (ig.vcount(), ig.ecount()) == (back.number_of_nodes(), back.number_of_edges()) == (
        g.number_of_nodes(), g.number_of_edges())
    nx_edges = sorted((u, v, d["relation"]) for u, v, d in back.edges(data=True))
    ig_edges = sorted((ig.vs[e.source]["id"], ig.vs[e.target]["id"], e["relation"]) for e in ig.es)
    if not g.is_directed():
        nx_edges, ig_edges = ([tuple(sorted(e[:2])) + e[2:] for e in edges] for edges in (nx_edges, ig_edges))
        nx_edges, ig_edges = sorted(nx_edges), sorted(ig_edges)
    assert nx_edges == ig_edges
    assert {v["id"]: v["label"] for v in ig.vs} == {n: d["label"] for n, d in back.nodes(data=True)}
    jpn = ig.vs.find(id="JPN")
    assert jpn["label"] == "Japan" and jpn["name_ja"] == "日本" and jpn["name_vi"] == "Nhật Bản"
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_export_graphml(db_url: str, tmp_path: Path) -> None:
    build_store(db_url)
    runner = CliRunner()
    for args, directed in (([], True), (["--cooperation"], False)):
        out = tmp_path / "cli.graphml"
        result = runner.invoke(cli, ["export", "graphml", *args, "--db", db_url, "-o", str(out)])
        assert result.exit_code == 0, result.output
        back = nx.read_graphml(out)
        assert back.number_of_nodes() > 0 and back.is_directed() == directed
