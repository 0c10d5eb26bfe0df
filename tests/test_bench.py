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
    main(["--quick", "--langs", "en", "--sizes", "0.004", "--only", "throughput,search,scaleout",
          "--out", str(tmp_path)])
    results = json.loads((tmp_path / "results.json").read_text())
    en = results["languages"]["en"]
    assert en["docs"] >= 2 and en["chars"] > 1000
    assert en["full_chars_per_s"] > 0 and en["bare_chars_per_s"] > 0
    assert {"load", "segment", "extract", "store", "extract:countries"} <= set(en["stage_share"])
    assert results["machine"]["cores"] >= 1 and results["machine"]["versions"]["fugashi"]
    assert len(results["load"]) == 2 and results["sections"] == ["throughput", "search", "scaleout"]
    assert set(results["search"]["queries"]) == {"二国間クレジット", "môi trường", "Joint Crediting Mechanism"}
    assert all(q["search_ms"] > 0 and q["fts_ms"] > 0 for q in results["search"]["queries"].values())
    names = [t["target"] for t in results["targets"]]
    assert "full ingest / bare segmenter chars/s (ja)" not in names  # only what was measured
    assert {"Dask LocalCluster 2 workers / 1 process speed-up (issue 16)",
            "PostgreSQL / SQLite store.write time per document (issue 16)",
            "warm `search` query / the FTS query alone (time, worst of 3 queries)"} <= set(names)
    assert len(results["executors"]["runs"]["one"]) == 2 and results["executors"]["dask_s"] > 0
    assert len(results["stores"]["ratios"]) == 1 and results["stores"]["postgresql_ms"] > 0
    md = (tmp_path / "results.md").read_text()
    assert "| en | 0.004 MB |" in md and "## Where the time goes" in md and "## Fixed costs" in md


def test_one_section_keeps_the_other_results(tmp_path: Path) -> None:
    main(["--quick", "--langs", "en", "--only", "search", "--out", str(tmp_path)])
    main(["--quick", "--langs", "en", "--sizes", "0.004", "--only", "throughput", "--out", str(tmp_path)])
    results = json.loads((tmp_path / "results.json").read_text())
    assert "search" in results and "en" in results["languages"] and "executors" not in results
