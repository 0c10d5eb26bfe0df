"""OCR in `make bench`: the sample texts printed and scanned (bench/scans.py), read by Tesseract
alone (pages/s, render + OSD + OCR) and then ingested (OCR's share of the ingest's wall time).
Skipped, with a note, when Tesseract is not installed."""

from __future__ import annotations

import time
from pathlib import Path

import pypdfium2 as pdfium

from bench.corpus import sources
from bench.runs import ingest_run
from bench.scans import scanned_pdf
from pipeline.limits import Limits
from pipeline.load.ocr import OcrUnavailable, check, read_pdf_page

PAGE_CHARS = {"ja": 900, "vi": 2000, "en": 2200}  # about one A4 page of each


def bench_ocr(corpora: Path, tmp: Path, langs: list[str], pages_per_lang: int, db: str) -> dict:
    """pages/s of OCR per language and OCR's share of ingesting the scans (one worker)."""
    try:
        check()
    except OcrUnavailable as exc:
        return {"skipped": str(exc)}
    folder = tmp / "scans"
    folder.mkdir(parents=True)
    out: dict = {"dpi": Limits().ocr_dpi, "langs": {}}
    for lang in langs:
        size = PAGE_CHARS[lang]
        texts = [s.text for s in sources(corpora, lang) if s.kind == "txt"][:pages_per_lang]
        pdfs = [scanned_pdf(t[:size], folder / f"{lang}-{i}.pdf") for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        for path in pdfs:
            pdf = pdfium.PdfDocument(str(path))
            for page in pdf:
                read_pdf_page(page, out["dpi"])
            pdf.close()
        seconds = time.perf_counter() - t0
        out["langs"][lang] = {"pages": len(pdfs), "seconds": seconds, "pages_per_s": len(pdfs) / seconds}
        print(f"  ocr {lang}: {len(pdfs)} pages, {len(pdfs) / seconds:.2f} pages/s", flush=True)
    run = ingest_run([folder], db)
    out["ingest_s"] = run.seconds
    out["ocr_share"] = run.stages.get("load", 0.0) / run.seconds
    print(f"  ocr share of ingesting the scans: {100 * out['ocr_share']:.0f}%", flush=True)
    return out


def markdown(r: dict) -> list[str]:
    """The OCR section of results.md."""
    lines = ["## OCR of scanned pages (Tesseract, one worker)", ""]
    if "skipped" in r:
        return lines + [f"Not measured: {r['skipped']}", ""]
    lines += [f"A4 pages scanned at 200 dpi (bench/scans.py), rendered at the scan's own resolution (at most "
              f"--ocr-dpi {r['dpi']}), turned upright (OSD) and read; one Tesseract thread.", "",
              "| lang | pages | pages/s |", "|---|---|---|"]
    lines += [f"| {lang} | {v['pages']} | {v['pages_per_s']:.2f} |" for lang, v in r["langs"].items()]
    lines += ["", f"Ingest of all these scans: {r['ingest_s']:.1f} s, of which OCR (the load stage) "
              f"{100 * r['ocr_share']:.0f}%.", ""]
    return lines
