"""Prints the real dev and train pages (../shared/corpus) on A4 and scans them: one image-only
PDF per text file, 200 dpi grayscale JPEG with a small skew and noise (bench/scans.py), named
like its text (d01_ja.txt -> d01_ja.pdf); scripts/eval_formats.py scores them by the split's gold.
Deterministic: a page's skew and noise are seeded by its file name.

Usage: python scripts/make_scans.py OUT_DIR [SHARED_DIR] [--dpi 200] [--splits dev,train]
Makes OUT_DIR/<split>/*.pdf. Not committed: ~13 MB.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.scans import ScanStyle, scanned_pdf  # noqa: E402


def _one(job: tuple[Path, Path, int]) -> str:
    text_file, pdf, dpi = job
    scanned_pdf(text_file.read_text(encoding="utf-8"), pdf, ScanStyle(dpi=dpi), name=text_file.name)
    return pdf.name


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("shared", type=Path, nargs="?", default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--splits", default="dev,train")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    jobs = []
    for split in args.splits.split(","):
        folder = args.out / split
        folder.mkdir(parents=True, exist_ok=True)
        texts = sorted((args.shared / "corpus" / split).glob("*.txt"))
        jobs += [(t, folder / f"{t.stem}.pdf", args.dpi) for t in texts]
    with ProcessPoolExecutor(args.workers) as pool:
        done = list(pool.map(_one, jobs))
    print(f"wrote {len(done)} scanned PDFs under {args.out}")


if __name__ == "__main__":
    main()
