"""Scores the dev/train pages in another format beside the same pages as text: overall F1 (all
seven fields, micro) per split and language, and the format/text ratio.

Usage: python scripts/eval_formats.py DIR [SHARED_DIR] [--ext pdf] [--splits dev,train] [--workers 2]
DIR holds <split>/<page>.<ext>, scored by the split's gold with its names: scripts/make_scans.py makes
the scans, scripts/make_formats.py the HTML pages and their printed PDFs. Both columns go through
the same per-document pipeline (pipeline.process, no store), so the ratio measures what reading
the format costs. Also prints the load's seconds per page (for scans, mostly OCR).
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
from pipeline.score import keys_of, score  # noqa: E402
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
    ap.add_argument("dir", type=Path)
    ap.add_argument("shared", type=Path, nargs="?", default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--ext", default="pdf", help="the format's file suffix in DIR (pdf, html)")
    ap.add_argument("--splits", default="dev,train")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--diff", action="store_true",
                    help="list per page the scoring keys the format loses or gains against the text")
    args = ap.parse_args()
    load_seconds, load_pages = 0.0, 0
    started = time.perf_counter()
    print(f"{'split':6} {'lang':4} {'docs':>4} {'text F1':>8} {args.ext + ' F1':>8} {'ratio':>6}", flush=True)
    with ProcessPoolExecutor(args.workers, initializer=warm_up) as pool:
        for split in args.splits.split(","):
            texts = sorted((args.shared / "corpus" / split).glob("*.txt"))
            other = [args.dir / split / f"{t.stem}.{args.ext}" for t in texts]
            text_out = list(pool.map(_facts, texts))
            other_out = list(pool.map(_facts, other))
            load_seconds += sum(s for _, s, _, _ in other_out)
            load_pages += sum(p for _, _, p, _ in other_out)
            if args.diff:
                for t, (a, *_), (b, *_) in zip(texts, text_out, other_out):
                    for name in FIELDS:
                        lost, gained = keys_of(a, name) - keys_of(b, name), keys_of(b, name) - keys_of(a, name)
                        for sign, keys in (("-", lost), ("+", gained)):
                            for k in sorted(keys, key=repr):
                                print(f"  {t.name} {name} {sign} {k}")
            gold_text = read_jsonl(args.shared / "gold" / f"{split}.jsonl")
            langs = defaultdict(list)
            for i, t in enumerate(texts):
                langs[t.stem.rsplit("_", 1)[-1]].append(i)
            for lang in ("ja", "vi", "en", "all"):
                idx = range(len(texts)) if lang == "all" else langs.get(lang, [])
                if not idx:
                    continue
                names = {texts[i].name for i in idx}
                g_text = [g for g in gold_text if g["doc"] in names]
                g_other = [dict(g, doc=str(Path(g["doc"]).with_suffix(f".{args.ext}"))) for g in g_text]
                f_text = overall_f1([text_out[i][0] for i in idx], g_text)
                f_other = overall_f1([other_out[i][0] for i in idx], g_other)
                ratio = f_other / f_text if f_text else 0.0
                print(f"{split:6} {lang:4} {len(idx):4d} {f_text:8.3f} {f_other:8.3f} {ratio:6.3f}", flush=True)
    pages = f"load: {load_pages} pages, {load_seconds / load_pages:.2f} s per page per worker; " if load_pages else ""
    print(f"{pages}whole evaluation {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
