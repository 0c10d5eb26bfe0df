"""Scores the scanned dev/train pages (scripts/make_scans.py) beside the same pages as text:
overall F1 (all seven fields, micro) per split and language, and the scan/text ratio.

Usage: python scripts/eval_scans.py SCANS_DIR [SHARED_DIR] [--splits dev,train] [--workers 2]
Both columns go through the same per-document pipeline (pipeline.process, no store), so the
ratio measures what reading the page image costs. Also prints OCR seconds per page.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.process import process, warm_up  # noqa: E402
from pipeline.score import score  # noqa: E402
from schemas.facts import facts_line, read_jsonl  # noqa: E402
from schemas.records import FIELDS  # noqa: E402


def _facts(path: Path) -> tuple[dict, float, int, str]:
    """(facts line, load seconds, pages, warnings) of one file."""
    done = process(path, path.name)
    if done.status != "ok":
        print(f"  {path.name}: {done.status} at {done.stage}: {done.error}", flush=True)
    pages = len(done.document.pages) if done.document else 0
    line = facts_line(path.name, done.lang, [m for _, _, m in done.mentions])
    return line, done.timings.get("load", 0.0), pages, "; ".join(done.warnings)


def overall_f1(pred: list[dict], gold: list[dict]) -> float:
    """Micro F1 over the seven fields' primary keys."""
    tallies = score(pred, gold)
    tp = sum(tallies[f].tp for f in FIELDS)
    fp = sum(tallies[f].fp for f in FIELDS)
    fn = sum(tallies[f].fn for f in FIELDS)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scans", type=Path)
    ap.add_argument("shared", type=Path, nargs="?", default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--splits", default="dev,train")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    ocr_seconds, ocr_pages = 0.0, 0
    started = time.perf_counter()
    print(f"{'split':6} {'lang':4} {'docs':>4} {'text F1':>8} {'scan F1':>8} {'ratio':>6}", flush=True)
    with ProcessPoolExecutor(args.workers, initializer=warm_up) as pool:
        for split in args.splits.split(","):
            texts = sorted((args.shared / "corpus" / split).glob("*.txt"))
            pdfs = [args.scans / split / f"{t.stem}.pdf" for t in texts]
            text_out = list(pool.map(_facts, texts))
            scan_out = list(pool.map(_facts, pdfs))
            ocr_seconds += sum(s for _, s, _, _ in scan_out)
            ocr_pages += sum(p for _, _, p, _ in scan_out)
            gold_text = read_jsonl(args.shared / "gold" / f"{split}.jsonl")
            gold_scan = read_jsonl(args.scans / f"{split}.jsonl")
            langs = defaultdict(list)
            for i, t in enumerate(texts):
                langs[t.stem.rsplit("_", 1)[-1]].append(i)
            for lang in ("ja", "vi", "en", "all"):
                idx = range(len(texts)) if lang == "all" else langs.get(lang, [])
                if not idx:
                    continue
                names = {texts[i].name for i in idx}
                g_text = [g for g in gold_text if g["doc"] in names]
                g_scan = [g for g in gold_scan if g["doc"].replace(".pdf", ".txt") in names]
                f_text = overall_f1([text_out[i][0] for i in idx], g_text)
                f_scan = overall_f1([scan_out[i][0] for i in idx], g_scan)
                ratio = f_scan / f_text if f_text else 0.0
                print(f"{split:6} {lang:4} {len(idx):4d} {f_text:8.3f} {f_scan:8.3f} {ratio:6.3f}", flush=True)
    per_page = ocr_seconds / ocr_pages if ocr_pages else 0.0
    print(f"OCR: {ocr_pages} pages, {per_page:.1f} s per page (load of the scans, per worker); "
          f"whole evaluation {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
