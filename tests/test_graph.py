"""The cooperation graph: cross-document merging, GraphML that networkx and igraph both read."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from pipeline.graph import Merged, dates_agree, merge, write_graphml


def test_dates_agree_at_any_precision() -> None:
    assert dates_agree("2013", "2013-07-02") and dates_agree("2013-07", "2013-07-02")
    assert dates_agree(None, "2013") and not dates_agree("2013-07", "2013-08")


def test_same_agreement_from_two_documents_is_one_entity() -> None:
    rows = [
        ("bilateral_document", "JPN;VNM", "2013", None, None, "vi/news.txt", "ký kết cơ chế JCM"),
        ("bilateral_document", "JPN;VNM", "2013-07", None, None, "ja/table.txt", "二国間文書"),
        ("bilateral_document", "JPN;MNG", "2013-01", None, None, "ja/table.txt", "二国間文書"),
        ("moc", "JPN;VNM", "2021-10-14", None, "Tokyo", "en/moc.txt", "MoC"),
    ]
    merged = merge(rows, with_ordinal=False)
    assert len(merged) == 3
    vnm = next(m for m in merged if m.parties == ("JPN", "VNM") and m.kind == "bilateral_document")
    assert vnm.date == "2013-07" and vnm.sources == {"vi/news.txt", "ja/table.txt"}


def test_events_with_different_ordinals_stay_apart() -> None:
    rows = [("policy_dialogue", "", "2014", 1, "Hanoi", "a", "第1回"),
            ("policy_dialogue", "", "2014", 2, "Tokyo", "a", "第2回")]
    assert len(merge(rows, with_ordinal=True)) == 2


def test_graphml_round_trips_through_networkx_and_igraph(tmp_path: Path) -> None:
    import igraph

    g = nx.MultiDiGraph()
    m = Merged(kind="moc", parties=("JPN", "VNM"), date="2021-10-14", sources={"a", "b"})
    g.add_node("agreement:1", type="agreement", kind=m.kind, date=m.date, sources="a;b")
    for p in m.parties:
        g.add_node(p, type="country", label=p)
        g.add_edge(p, "agreement:1", key="party_to", relation="party_to")
    g.add_edge("JPN", "VNM", key="cooperates_with", relation="cooperates_with", weight=1)
    out = tmp_path / "g.graphml"
    write_graphml(g, out)
    back = nx.read_graphml(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (3, 3)
    assert back.nodes["agreement:1"]["date"] == "2021-10-14"
    ig = igraph.Graph.Read_GraphML(str(out))
    assert (ig.vcount(), ig.ecount()) == (3, 3)
    assert not list(tmp_path.glob(".*.tmp"))
