"""The baselines each pipeline figure is divided by: the bare segmenter of each language on the
same text, and raw pypdfium2 text extraction of the same PDFs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pypdfium2 as pdfium


def bare_segmenter(lang: str) -> Callable[[str], object]:
    """One line → its words, with nothing around the segmenter: a new fugashi `Tagger()` (ja),
    `ViTokenizer.tokenize` (vi), `spacy.blank("en")`'s tokenizer (en)."""
    if lang == "ja":
        import fugashi

        tagger = fugashi.Tagger()
        return lambda line: [w.surface for w in tagger(line)]
    if lang == "vi":
        from pyvi import ViTokenizer

        return ViTokenizer.tokenize
    import spacy

    return spacy.blank("en").tokenizer


def segment_seconds(lang: str, texts: Iterable[str]) -> float:
    """Seconds the bare segmenter of `lang` takes over `texts`, line by line (the way the
    pipeline feeds it: fugashi crashes on one huge string)."""
    segment = bare_segmenter(lang)
    lines = [line for text in texts for line in text.splitlines() if line.strip()]
    t0 = time.perf_counter()
    for line in lines:
        segment(line)
    return time.perf_counter() - t0


def pdfium_seconds(paths: Iterable[Path]) -> tuple[float, int]:
    """Seconds and pages of plain pypdfium2 text extraction (every page's full text)."""
    t0, pages = time.perf_counter(), 0
    for path in paths:
        pdf = pdfium.PdfDocument(str(path))
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return time.perf_counter() - t0, pages
