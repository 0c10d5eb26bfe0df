"""`python -m bench.run [--only SECTION,...] [--quick] [--out bench/]`: the benchmark of issue 17
(throughput, fixed costs) and issue 16 (executors, stores).

Sections (default: all but pdf and scaling): throughput (full ingest vs the bare segmenter
per language, stage shares), baseline (en chars/s vs the baseline commit's code), small (50 small documents vs
one), rerun (first, unchanged and one-changed re-runs of a 2 MB corpus, peak RSS), search
(warm query vs the bare FTS query), scaleout (one process vs --workers 2 vs Dask; PostgreSQL
vs SQLite writes), ocr (Tesseract pages/s per language, OCR's share of ingesting scans), pdf,
scaling (ingest time vs corpus size, with --sizes). Results go to OUT/results.md and
OUT/results.json (a run of some sections only keeps the others' results from the file).
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

from bench import baselines, fixed_costs, ocr, pdfs, report, scaleout
from bench.corpus import LANGS, make_corpus
from bench.runs import Run, child_run, ingest_run, unpack, warm_up
from pipeline.load import load

ROOT = Path(__file__).resolve().parents[1]
# Default sizes (MB of files per language): 16x from smallest to largest, like the issue's
# 1/4/16 MB, scaled down so `make bench` stays under 10 minutes on a 2-core machine.
SIZES = (0.25,)  # the throughput corpus; --sizes 0.125,0.5,2 adds the scaling measurement
QUICK_SIZES = (0.02,)
RERUN_MB, QUICK_RERUN_MB = 2.0, 0.1
# The code the en target is measured against: main when issue 17's work began.
BASELINE_COMMIT = "4f37a54c7466f5a9bc55e1d42baec30800641db7"
SECTIONS = ("throughput", "baseline", "small", "rerun", "search", "scaleout", "pdf", "ocr", "scaling")
DEFAULT_SECTIONS = ("throughput", "baseline", "small", "rerun", "search", "scaleout", "ocr")
PDF_PAGES = {"ja": 80, "vi": 60, "en": 60}  # 200 pages of prose
TABLE_PDFS, TABLE_PAGES = 2, 5


def _median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def _db(tmp: Path, name: str) -> str:
    return f"sqlite:///{tmp / 'db' / name}.sqlite"


def bench_language(lang: str, sizes: list[float], repeats: int, corpora: Path, tmp: Path) -> dict:
    """Full ingest at each size, stage shares and the bare segmenter for one language (at the
    first size)."""
    out: dict = {"sizes": {}}
    throughput = sizes[0]
    for size in sizes:
        corpus = make_corpus(corpora, lang, size, tmp / "text" / lang / f"{size:g}")
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
    parser.add_argument("--only", help=f"comma-separated sections of {','.join(SECTIONS)} "
                        f"(default {','.join(DEFAULT_SECTIONS)})")
    parser.add_argument("--quick", action="store_true", help="tiny corpora, one run each (smoke test)")
    parser.add_argument("--sizes", help="MB of files per language for throughput, comma-separated "
                        "(default 0.25; several: also the scaling section)")
    parser.add_argument("--rerun-mb", type=float, help="MB of the re-run corpus (default 2)")
    parser.add_argument("--repeats", type=int, help="runs per measurement (default 1)")
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    args = parser.parse_args(argv)
    sizes = sorted(float(s) for s in args.sizes.split(",")) if args.sizes else list(
        QUICK_SIZES if args.quick else SIZES)
    repeats = args.repeats or 1
    langs = [lang for lang in args.langs.split(",") if lang]
    only = [s for s in (args.only or ",".join(DEFAULT_SECTIONS)).split(",") if s]
    if unknown := set(only) - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    old = args.out / "results.json"
    results: dict = json.loads(old.read_text()) if args.only and old.exists() else {}
    if results:  # the sections kept from earlier runs say which run measured them
        earlier = {k: results[k] for k in ("command", "sections", "total_seconds", "load")}
        results["earlier_runs"] = [*results.get("earlier_runs", []),
                                   {**earlier, "commit": results["machine"]["commit"]}]
    results.update({"command": shlex.join(["python", "-m", "bench.run", *(argv or sys.argv[1:])]),
                    "machine": report.machine(), "sizes": sizes, "repeats": repeats, "sections": only,
                    "load": [report.load_average()]})
    with tempfile.TemporaryDirectory(prefix="jcmkg-bench-") as name:
        tmp = Path(name)
        results["warm_up_s"] = warm_up(args.corpora)
        print(f"warm-up (models and lexicons loaded): {results['warm_up_s']:.1f} s", flush=True)
        _sections(results, only, args, tmp, sizes, repeats, langs)
        results["load"].append(report.load_average())
    results["total_seconds"] = time.perf_counter() - started
    results["targets"] = report.targets(results)
    results.update(_notes(results))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    md = report.markdown(results)
    (args.out / "results.md").write_text(md)
    print(md)
    return results


def _sections(results: dict, only: list[str], args, tmp: Path, sizes: list[float], repeats: int,
              langs: list[str]) -> None:
    """Run the sections named in `only`, in a fixed order, into `results`."""
    small_corpus = [make_corpus(args.corpora, lang, QUICK_SIZES[0] if args.quick else 0.125,
                                tmp / "text" / lang / "scaleout").path for lang in langs]
    if "throughput" in only or "scaling" in only:
        results["languages"] = {lang: bench_language(lang, sizes, repeats, args.corpora, tmp) for lang in langs}
    if "baseline" in only:
        results["baseline"] = bench_baseline(args.corpora, tmp, sizes[0])
    if "small" in only:
        results["small"] = fixed_costs.small_documents(args.corpora, tmp, repeats)
    if "rerun" in only:
        results["rerun"] = fixed_costs.reruns(args.corpora, tmp, args.rerun_mb or (
            QUICK_RERUN_MB if args.quick else RERUN_MB), repeats)
        results["peak_rss_mb"] = results["rerun"]["rss_mb"]
    if "search" in only:
        url = results["rerun"]["store"] if "rerun" in only else _store_of(small_corpus, tmp)
        results["search"] = fixed_costs.search_queries(url, max(5, repeats))
    if "scaleout" in only:
        results["executors"] = scaleout.bench_executors(small_corpus, [args.corpora / "en"], tmp / "db")
        results["stores"] = scaleout.bench_stores(
            [make_corpus(args.corpora, lang, 0.04, tmp / "text" / lang / "stores").path for lang in langs],
            tmp / "db", 1 if args.quick else 3)
        results["executors"]["label"] = results["stores"]["label"] = (
            f"ingest of the {'+'.join(langs)} corpora of {QUICK_SIZES[0] if args.quick else 0.125:g} "
            "MB (executors) and 0.04 MB (stores) per language")
    if "pdf" in only:
        results["pdf"] = bench_pdfs(args.corpora, repeats, tmp, 0.05 if args.quick else 1.0)
    if "ocr" in only:
        results["ocr"] = ocr.bench_ocr(args.corpora, tmp, langs, 1 if args.quick else 3, _db(tmp, "ocr"))


def _store_of(paths: list[Path], tmp: Path) -> str:
    url = _db(tmp, "search")
    ingest_run(paths, url)
    return url


def bench_baseline(corpora: Path, tmp: Path, size: float) -> dict:
    """en full ingest chars/s of this tree and of BASELINE_COMMIT's, each in a child process
    (warmed first) on the same corpus, one after the other."""
    corpus = make_corpus(corpora, "en", size, tmp / "text" / "en" / f"{size:g}").path
    base_code = unpack(BASELINE_COMMIT, tmp / "baseline-code")
    now = child_run(corpora, [corpus], _db(tmp, "en-now"))
    base = child_run(corpora, [corpus], _db(tmp, "en-base"), code=base_code)
    out = {"commit": BASELINE_COMMIT, "chars": now.chars, "now_s": now.seconds, "base_s": base.seconds,
           "now_chars_per_s": now.chars / now.seconds, "base_chars_per_s": base.chars / base.seconds}
    out["ratio"] = out["now_chars_per_s"] / out["base_chars_per_s"]
    print(f"  en vs {BASELINE_COMMIT[:12]}: {out['now_chars_per_s']:,.0f} vs {out['base_chars_per_s']:,.0f} "
          "chars/s", flush=True)
    return out


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
        "scaling_note": (f"Medians of {r['repeats']} runs. Sizes are MB of files per language (HTML "
                         "markup and Shift_JIS bytes count).") if len(sizes) > 1 else "",
        "notes": [f"Warm-up (first ingest in the process: models, lexicons): {r['warm_up_s']:.1f} s, "
                  "not counted in any figure."],
    }


if __name__ == "__main__":
    main()
