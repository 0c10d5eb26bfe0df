"""`python -m bench.run [--quick] [--sizes 0.125,0.5,2] [--out bench/]`: the whole benchmark.

In a temporary folder it writes a scaled corpus per language (bench.corpus) and a set of PDFs
(bench.pdfs), then measures, in this order: per language the full ingest at each size (the
largest once, in a child process that also reports peak RSS) with per-stage times, the bare
segmenter on the same text, and the re-ingest of the unchanged corpus; 1 vs 2 workers; one
process vs --workers 2 vs Dask, and PostgreSQL vs SQLite writes (bench.scaleout); the
PDF loader against raw pypdfium2. Results go to OUT/results.md and OUT/results.json.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import baselines, ocr, pdfs, report, scaleout
from bench.corpus import LANGS, make_corpus
from bench.runs import Run, child_run, ingest_run, warm_up
from pipeline.load import load

ROOT = Path(__file__).resolve().parents[1]
# Default sizes (MB of files per language): 16x from smallest to largest, like the issue's
# 1/4/16 MB, scaled down so `make bench` stays under 10 minutes on a 2-core machine.
SIZES = (0.125, 0.5, 2.0)
QUICK_SIZES = (0.01, 0.04)
PDF_PAGES = {"ja": 80, "vi": 60, "en": 60}  # 200 pages of prose
TABLE_PDFS, TABLE_PAGES = 2, 5


def _median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def _db(tmp: Path, name: str) -> str:
    return f"sqlite:///{tmp / 'db' / name}.sqlite"


def bench_language(lang: str, sizes: list[float], repeats: int, corpora: Path, tmp: Path) -> dict:
    """Full ingest at each size, stage shares, bare segmenter and re-ingest for one language."""
    out: dict = {"sizes": {}}
    throughput = sizes[-2] if len(sizes) > 1 else sizes[0]
    for size in sizes:
        corpus = make_corpus(corpora, lang, size, tmp / "text" / lang / f"{size:g}")
        largest = size == sizes[-1] and len(sizes) > 1
        if largest:  # once, in a child process: its time and its peak memory
            runs = [child_run(corpora, [corpus.path], _db(tmp, f"{lang}-{size:g}-child"))]
            out["rss_mb"] = runs[0].rss_mb
        else:
            runs = [ingest_run([corpus.path], _db(tmp, f"{lang}-{size:g}-{i}")) for i in range(repeats)]
        med = _median_run(runs)
        out["sizes"][f"{size:g}"] = {
            "files": corpus.files, "bytes": corpus.size, "chars": med.chars, "runs": len(runs),
            "seconds": [round(r.seconds, 3) for r in runs], "median_s": med.seconds,
        }
        print(f"  {lang} {size:g} MB: {corpus.files} files, {med.chars:,} chars, "
              f"{', '.join(f'{r.seconds:.2f}' for r in runs)} s", flush=True)
        if size != throughput:
            continue
        out.update(throughput_mb=size, docs=med.docs, chars=med.chars,
                   full_chars_per_s=med.chars / med.seconds,
                   stage_share=_shares(med), stage_seconds=med.stages)
        first_db = _db(tmp, f"{lang}-{size:g}-{runs.index(med)}")
        again = [ingest_run([corpus.path], first_db) for _ in range(repeats)]
        # A run that redid documents saw other code (the tree changed meanwhile): left out.
        unchanged = [r.seconds for r in again if r.status.get("skipped", 0) == med.docs] or [
            r.seconds for r in again]
        second = statistics.median(unchanged)
        out["reingest"] = {"first_s": med.seconds, "second_s": second, "ratio": med.seconds / second,
                           "runs": len(again), "runs_all_skipped": sum(
                               r.status.get("skipped", 0) == med.docs for r in again)}
        texts = [load(p).text for p in sorted(corpus.path.iterdir())]
        bare = statistics.median(baselines.segment_seconds(lang, texts) for _ in range(repeats))
        chars = sum(map(len, texts))
        out.update(bare_chars_per_s=chars / bare)
        out["full_over_bare"] = out["full_chars_per_s"] / out["bare_chars_per_s"]
    if len(sizes) > 1:
        small, big = out["sizes"][f"{sizes[0]:g}"], out["sizes"][f"{sizes[-1]:g}"]
        out["scaling"] = {"time_ratio": big["median_s"] / small["median_s"],
                          "size_ratio": big["bytes"] / small["bytes"]}
    return out


def _shares(run: Run) -> dict[str, float]:
    """Each stage's share of the run's wall time; `other` = discovery, hashing, skip checks,
    commits (what no stage timer covers)."""
    shares = {k: v / run.seconds for k, v in run.stages.items()}
    covered = sum(v for k, v in run.stages.items() if not k.startswith("extract:"))
    shares["other"] = max(0.0, run.seconds - covered) / run.seconds
    return shares


def bench_workers(lang_dirs: list[Path], tmp: Path) -> dict:
    """One ingest of the given corpora with 1 worker, then with 2."""
    one = ingest_run(lang_dirs, _db(tmp, "workers-1"))
    two = ingest_run(lang_dirs, _db(tmp, "workers-2"), workers=2)
    print(f"  workers: 1 → {one.seconds:.2f} s, 2 → {two.seconds:.2f} s", flush=True)
    return {"one_s": one.seconds, "two_s": two.seconds, "speedup": one.seconds / two.seconds,
            "chars": one.chars}


def bench_pdfs(corpora: Path, repeats: int, tmp: Path, scale: float) -> dict:
    """pages/s of pipeline.load.load vs raw pypdfium2, prose pages and ruled-table pages apart."""
    folder = tmp / "pdf"
    folder.mkdir(parents=True)
    text = [p for lang, n in PDF_PAGES.items()
            if (p := pdfs.text_pdf(corpora, lang, max(1, round(n * scale)), folder / f"{lang}.pdf"))]
    tables = [pdfs.table_pdf(max(1, round(TABLE_PAGES * scale)), folder / f"tables-{i}.pdf")
              for i in range(TABLE_PDFS)]
    load(tables[0])  # imports pdfplumber, outside the timings
    out = {}
    for kind, label, files in (("text", "pages of prose (no tables)", text),
                               ("tables", "pages with a ruled table", tables)):
        loader, raw = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            pages = sum(len(load(p).pages) for p in files)
            loader.append(time.perf_counter() - t0)
            seconds, raw_pages = baselines.pdfium_seconds(files)
            raw.append(seconds)
        if pages != raw_pages:
            raise RuntimeError(f"loader saw {pages} pages, pypdfium2 {raw_pages}")
        lps, rps = pages / statistics.median(loader), pages / statistics.median(raw)
        out[kind] = {"label": label, "files": len(files), "pages": pages, "loader_pages_per_s": lps,
                     "raw_pages_per_s": rps, "loader_over_raw": lps / rps}
        print(f"  pdf {kind}: {pages} pages, loader {lps:.0f} pages/s, raw {rps:.0f} pages/s", flush=True)
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny corpus, one run each (smoke test)")
    parser.add_argument("--sizes", help="MB of files per language, comma-separated (default 0.125,0.5,2)")
    parser.add_argument("--repeats", type=int, help="runs per measurement (default 3; 1 with --quick)")
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    args = parser.parse_args(argv)
    sizes = sorted(float(s) for s in args.sizes.split(",")) if args.sizes else list(
        QUICK_SIZES if args.quick else SIZES)
    repeats = args.repeats or (1 if args.quick else 3)
    langs = [lang for lang in args.langs.split(",") if lang]
    started = time.perf_counter()
    results: dict = {"command": shlex.join(["python", "-m", "bench.run", *(argv or sys.argv[1:])]),
                     "machine": report.machine(), "sizes": sizes, "repeats": repeats}
    with tempfile.TemporaryDirectory(prefix="jcmkg-bench-") as name:
        tmp = Path(name)
        results["warm_up_s"] = warm_up(args.corpora)
        print(f"warm-up (models and lexicons loaded): {results['warm_up_s']:.1f} s", flush=True)
        results["languages"] = {}
        for lang in langs:
            results["languages"][lang] = bench_language(lang, sizes, repeats, args.corpora, tmp)
        throughput = sizes[-2] if len(sizes) > 1 else sizes[0]
        results["workers"] = bench_workers(
            [tmp / "text" / lang / f"{throughput:g}" for lang in langs], tmp)
        results["workers"]["label"] = f"ingest of the {throughput:g} MB corpora of {'+'.join(langs)} (one run each)"
        corpus = [tmp / "text" / lang / f"{throughput:g}" for lang in langs]
        results["executors"] = scaleout.bench_executors(corpus, [args.corpora / "en"], tmp / "db")
        results["executors"]["label"] = results["workers"]["label"]
        results["stores"] = scaleout.bench_stores(corpus, tmp / "db")
        results["stores"]["label"] = results["workers"]["label"]
        results["pdf"] = bench_pdfs(args.corpora, repeats, tmp, 0.05 if args.quick else 1.0)
        results["ocr"] = ocr.bench_ocr(args.corpora, tmp, langs, 1 if args.quick else 3, _db(tmp, "ocr"))
    rss = [lr["rss_mb"] for lr in results["languages"].values() if lr.get("rss_mb")]
    results["peak_rss_mb"] = max(rss) if rss else None
    results["total_seconds"] = time.perf_counter() - started
    results["targets"] = report.targets(results)
    results.update(_notes(results))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    md = report.markdown(results)
    (args.out / "results.md").write_text(md)
    print(md)
    return results


def _notes(r: dict) -> dict:
    sizes = r["sizes"]
    return {
        "bare_note": "fugashi `Tagger()` tagging (word surfaces) for ja, `pyvi.ViTokenizer.tokenize` "
                     "for vi, `spacy.blank(\"en\")`'s tokenizer for en, each fed the loaded documents' "
                     "text line by line.",
        "stage_note": "load, langid, segment, extract come from each document's `Processed.timings`; "
                      "`extract:<name>` is one extractor (part of extract); store is `store.write`; "
                      "resolve is the cross-document step at the end of each ingest; other is "
                      "discovery, hashing, skip checks and commits.",
        "scaling_note": (f"The {sizes[-1]:g} MB point runs once, in a child process (which also "
                         f"reports peak RSS); the others are medians of {r['repeats']}. Sizes are MB "
                         "of files per language (HTML markup and Shift_JIS bytes count); "
                         "the issue's 1/4/16 MB would take about 25 minutes on this 2-core machine, "
                         "so the default keeps its 16x span at an eighth of the size "
                         "(`--sizes 1,4,16` runs it).")
        if len(sizes) > 1 else "",
        "notes": [f"Warm-up (first ingest in the process: models, lexicons): {r['warm_up_s']:.1f} s, "
                  "not counted in any figure."],
    }


if __name__ == "__main__":
    main()
