"""The bench runs end to end on a tiny corpus and writes both result files (no timing asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.corpus import make_corpus, sources, variant
from bench.run import main

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def test_copies_differ_and_keep_their_encoding(tmp_path: Path) -> None:
    sjis = next(s for s in sources(CORPORA, "ja") if s.encoding == "cp932" and s.kind == "html")
    first, second = variant(sjis, 0, "ja"), variant(sjis, 1, "ja")
    assert first != second
    assert "整理番号 B-000001".encode("cp932") in second
    corpus = make_corpus(CORPORA, "vi", 0.01, tmp_path / "vi")
    files = sorted(corpus.path.iterdir())
    assert corpus.files == len(files) and corpus.size == sum(f.stat().st_size for f in files)
    assert corpus.size >= 0.01 * 2**20
    assert len({f.read_bytes() for f in files}) == len(files)
    again = make_corpus(CORPORA, "vi", 0.01, tmp_path / "again")
    assert [f.read_bytes() for f in sorted(again.path.iterdir())] == [f.read_bytes() for f in files]


def test_quick_bench_writes_markdown_and_json(tmp_path: Path) -> None:
    main(["--quick", "--langs", "en", "--sizes", "0.004", "--out", str(tmp_path)])
    results = json.loads((tmp_path / "results.json").read_text())
    en = results["languages"]["en"]
    assert en["docs"] >= 2 and en["chars"] > 1000
    assert en["full_chars_per_s"] > 0 and en["bare_chars_per_s"] > 0
    assert en["reingest"]["runs_all_skipped"] == en["reingest"]["runs"] == 1
    assert {"load", "segment", "extract", "store", "extract:countries"} <= set(en["stage_share"])
    assert results["pdf"]["text"]["pages"] >= 3 and results["pdf"]["tables"]["pages"] == 2
    assert results["machine"]["cores"] >= 1 and results["machine"]["versions"]["fugashi"]
    names = [t["target"] for t in results["targets"]]
    assert "2 workers / 1 worker speed-up" in names
    assert {"Dask LocalCluster 2 workers / 1 process speed-up",
            "PostgreSQL / SQLite store.write time per document"} <= set(names)
    assert results["executors"]["docs"] == en["docs"] and results["executors"]["dask_s"] > 0
    assert results["stores"]["docs"] == en["docs"] and results["stores"]["postgresql_ms"] > 0
    md = (tmp_path / "results.md").read_text()
    assert "| en | 0.004 MB |" in md and "## Where the time goes" in md
