"""The pictures: a cooperation network and a timeline per partner country, as PNG files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipeline import store
from pipeline.cli import cli
from pipeline.plot import plot_graph, plot_timeline
from tests.synthetic_store import build_store

PNG = b"\x89PNG\r\n\x1a\n"


def test_graph_and_timeline_pictures(db_url: str, tmp_path: Path) -> None:
    build_store(db_url)
    _, Session = store.open_store(db_url)
    with Session() as session:
        g = plot_graph(session, tmp_path / "graph.png")
        rows = plot_timeline(session, tmp_path / "timeline.png")
    assert {"JPN", "VNM", "THA", "MOEJ", "MONRE"} <= set(g)
    assert g["JPN"]["VNM"]["weight"] == 2
    assert set(rows) == {"VNM", "THA"}  # partners, one row each; Japan is the home side
    assert [(str(d), what, kind) for d, what, kind, _ in rows["THA"]] == [
        ("2015-11-15", "agreement", "bilateral_document")]
    for name in ("graph.png", "timeline.png"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(PNG) and len(data) > 10_000


def test_cli_plot(db_url: str, tmp_path: Path) -> None:
    build_store(db_url)
    out = tmp_path / "t.png"
    result = CliRunner().invoke(cli, ["plot", "timeline", "--db", db_url, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(PNG)
