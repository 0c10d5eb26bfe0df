"""File to Document: sniff the real type from the first bytes (the extension only breaks ties),
dispatch to the PDF / HTML / DOCX loader, or decode plain text here.

Bad input raises `LoadError(stage, message)` with one line a person understands; a file with no
text raises `EmptyDocument`. Loaders for heavy formats are imported on first use.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from pipeline.load.decode import decode
from pipeline.load.blocks import Builder, clean, text_spans
from pipeline.load.errors import EmptyDocument, LoadError
from pipeline.readfile import open_regular, reason
from pipeline.load.text_tables import find_text_tables
from schemas.records import Document, Table

MAX_BYTES = 200 * 1024 * 1024
HEAD_BYTES = 64 * 1024  # what is sniffed for the type and for binary data before the rest is read
_IMAGES = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image", b"MM\x00*": "a TIFF image", b"BM": "a BMP image",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<title")


def load(path: Path, *, max_pages: int = 2000, max_bytes: int = MAX_BYTES,
         data: bytes | None = None, ocr_dpi: int = 300) -> Document:
    """Load any supported file (PDF, HTML, DOCX, plain text) into one normalized Document.

    `data` is the file's content when the caller has read it already (see `read_input`);
    scanned PDF pages are OCR'd at `ocr_dpi` (0: not at all)."""
    path = Path(path)
    if data is None:
        data = read_input(path, max_bytes)
    kind = sniff(data, path.suffix.lower())
    if kind == "pdf":
        from pipeline.load.pdf import load_pdf

        return load_pdf(path, data, max_pages=max_pages, ocr_dpi=ocr_dpi)
    if kind == "docx":
        from pipeline.load.docx import load_docx

        return load_docx(path, data, max_uncompressed=max_bytes)  # a zip bomb is refused unpacked
    if kind == "html":
        from pipeline.load.html import load_html

        return load_html(path, data)
    return load_text(path, data)


def read_input(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, read once and bounded: a file over `max_bytes` is refused before it is
    read, and a text file whose first bytes are binary before the rest is read."""
    try:
        f = open_regular(path)
    except OSError as exc:
        raise LoadError("read", reason(exc)) from exc
    with f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            raise EmptyDocument("decode", "file is empty")
        _check_size(size, max_bytes)
        head = f.read(HEAD_BYTES)
        kind = sniff(head, path.suffix.lower())
        if kind in ("text", "html") and _binary(decode(head).text):
            raise LoadError("decode", "binary data, not text")
        data = head + f.read(max_bytes + 1 - len(head))  # bounded if the file grows meanwhile
    _check_size(len(data), max_bytes)
    if not data:
        raise EmptyDocument("decode", "file is empty")
    return data


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise LoadError("limits", f"file is {size / 2**20:.0f} MB, over the {max_bytes / 2**20:.0f} MB limit")


def sniff(data: bytes, suffix: str = "") -> str:
    """"pdf", "docx", "html" or "text" from the bytes; raises for formats we do not read."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    for magic, what in _IMAGES.items():
        if head.startswith(magic):
            raise LoadError("sniff", f"{what}, not a document (OCR is not supported)")
    if head.startswith(b"PK\x03\x04"):
        return "docx"  # the DOCX loader tells other zip archives apart
    if head.startswith(_OLE2):
        raise LoadError("sniff", "legacy Office file (.doc/.xls, OLE2) is not supported")
    if suffix == ".pdf":
        raise LoadError("pdf", "not a PDF (no %PDF- header)")
    if suffix == ".docx":
        raise LoadError("docx", "not a DOCX file (not a zip archive)")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().replace(b"\x00", b"")
    if suffix in _HTML_EXT or any(mark in lowered for mark in _HTML_MARKS):
        return "html"
    return "text"


def load_text(path: Path, data: bytes) -> Document:
    """Plain text or Markdown: decode, normalize, find text tables, cut into blocks."""
    decoded = decode(data)
    if _binary(decoded.text):
        raise LoadError("decode", "binary data, not text")
    text = clean(decoded.text)
    if not text.strip():
        raise EmptyDocument("decode", "file has only whitespace")
    builder = Builder()
    builder.write(text)
    builder.tables = _text_tables(text)
    rows = sorted(
        (min(c.start for c in row), max(c.end for c in row))
        for t in builder.tables for row in (t.row(r) for r in range(t.n_rows)) if row
    )
    for start, end in rows:
        builder.block(start, end, "table_row")
    for start, end, kind in text_spans(text, rows):
        builder.block(start, end, kind)
    doc = builder.document(path=str(path), media_type=_media_type(path), encoding=decoded.encoding)
    doc.warnings += decoded.warnings
    doc.title = next(
        (text[b.start:b.end] for b in doc.blocks[:3] if b.kind != "table_row" and b.end - b.start <= 200), ""
    )
    return doc


def _text_tables(text: str) -> list[Table]:
    """Tables written as text (pipe tables and their broken forms), numbered in text order."""
    return [replace(t, index=i) for i, t in enumerate(find_text_tables(text))]


def _binary(text: str) -> bool:
    """NUL characters, or many replacement characters, make a file binary data, not text.

    Other control and format characters (zero-width spaces, bidi marks, C0/C1 controls) do
    not: `clean` removes them. UTF-16 text is full of NUL bytes but decodes to no NUL."""
    sample = text[:20_000]
    return (sample.count("\x00") > max(1, len(sample) // 1000)
            or sample.count("\ufffd") > max(8, len(sample) // 20))


def _media_type(path: Path) -> str:
    return "text/markdown" if path.suffix.lower() in (".md", ".markdown") else "text/plain"
