"""The scanned pages of one PDF: which pages need OCR (no text layer, or one of garbage), their
OCR text written into the document like any page text, their words kept as `OcrBox`es, and a
note on the pages OCR read and on those it could not (OCR off, Tesseract missing).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

from pipeline.load.blocks import Builder, guess_header_rows
from pipeline.load.ocr import LOW_CONFIDENCE, OcrUnavailable, largest_image, mean_confidence, read_pdf_page
from schemas.records import OcrBox

STAMP_CHARS = 80  # a page-sized image with less text than this over it is a scan with a stamp
GARBAGE_SHARE = 0.3  # a text layer with more unreadable characters than this is OCR'd instead


def garbage(text: str) -> bool:
    """A text layer that reads as nothing: mostly replacement, private-use or control
    characters, or "(cid:N)" codes (a font without a Unicode map)."""
    chars = [c for c in text if not c.isspace()]
    if len(chars) < 20:
        return False
    bad = sum(1 for c in chars if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cc", "Cn"))
    bad += 4 * text.count("(cid:")
    return bad > GARBAGE_SHARE * len(chars)


@dataclass
class Scans:
    """OCR of the pages of one PDF that need it, at `dpi` (0: OCR off)."""

    dpi: int
    words: list[OcrBox] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)
    why: str = ""  # why the unread pages were not read
    tried: int = 0  # pages OCR ran on
    done: list[tuple[int, str, float, int]] = field(default_factory=list)  # page, langs, conf, turn

    @staticmethod
    def needed(text: str, page) -> bool:
        """An image without a text layer, a text layer of garbage, or a few words stamped on
        a page-sized image. A page with neither text nor image has nothing to read."""
        if not text.strip():
            return largest_image(page) is not None
        return garbage(text) or (len(text.strip()) < STAMP_CHARS and (largest_image(page) or (0,))[0] >= 0.5)

    def read(self, builder: Builder, page, number: int) -> bool:
        """OCR the page into `builder`; False when it was not read or holds no text."""
        if self.dpi <= 0:
            self.why = "OCR is off (--no-ocr)"
        if self.why:
            self.unread.append(number)
            return False
        try:
            found = read_pdf_page(page, self.dpi)
        except OcrUnavailable as exc:
            self.why = str(exc)
            self.unread.append(number)
            return False
        self.tried += 1
        if not found.text.strip() and not found.tables:
            return False
        start = builder.size
        builder.text(found.text, page=number)
        words = [replace(w, start=w.start + start, end=w.end + start, page=number) for w in found.words]
        for table in found.tables:
            words += _write_table(builder, table, number)
        self.words += words
        self.done.append((number, found.langs, mean_confidence(words), found.rotation))
        return True

    def notes(self) -> list[str]:
        """Warnings for the document: what OCR read (languages, confidence, turned pages) and
        which scanned pages it could not read, with why."""
        out = []
        if self.done:
            conf = mean_confidence(self.words)
            langs = "/".join(sorted({langs for _, langs, _, _ in self.done}))
            low = [n for n, _, c, _ in self.done if c < LOW_CONFIDENCE]
            turned = [f"{n} by {t}°" for n, _, _, t in self.done if t]
            out.append(f"pages {_pages([n for n, *_ in self.done])} read by OCR ({langs}, mean "
                       f"confidence {conf:.0f})" + (f"; low confidence on pages {_pages(low)}" if low else "")
                       + (f"; turned pages {', '.join(turned)}" if turned else ""))
        if self.unread:
            out.append(f"pages {_pages(self.unread)} are scanned and were not read: {self.why}")
        return out


def _write_table(builder: Builder, table, number: int) -> list[OcrBox]:
    """A ruled table read by OCR as a table of the document (source "ocr-ruled"); the words
    of its cells, placed in the text the table was written as."""
    rows = [row for row in table if any(text for text, _ in row)]
    if len(rows) < 2:
        return []
    grid = [[text for text, _ in row] for row in rows]
    builder.separate()
    builder.table(grid, header_rows=guess_header_rows(grid), page=number, source="ocr-ruled")
    written = builder.tables[-1]
    words = []
    for cell in written.cells:
        text, found = rows[cell.row][cell.col]
        if cell.text == text:
            words += [replace(w, start=w.start + cell.start, end=w.end + cell.start, page=number) for w in found]
    return words


def _pages(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))
