"""DOCX to Document with python-docx: paragraphs in body order (headings by style, list items by
numbering or style) and tables as grids. Zip bombs and non-zip files are refused before
python-docx opens anything."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from extractors.text import flatten
from pipeline.load.blocks import Builder
from pipeline.load.errors import EmptyDocument, LoadError

MAX_UNCOMPRESSED = 200 * 1024 * 1024


def load_docx(path: Path, data: bytes | None = None, *, max_uncompressed: int = MAX_UNCOMPRESSED):
    """Load a .docx (from `data` when given, the bytes already read); raises LoadError for a
    non-zip, a non-DOCX zip or an oversized archive."""

    source = io.BytesIO(data) if data is not None else str(path)
    _check_archive(source, max_uncompressed, LoadError)
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(source)
    except Exception as exc:  # python-docx raises several kinds on a damaged package
        raise LoadError("docx", f"damaged DOCX file ({type(exc).__name__})") from exc
    builder = Builder()
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            builder.paragraph(flatten(item.text), _kind(item))
        elif isinstance(item, DocxTable):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            builder.table(rows, header_rows=1 if len(rows) > 1 else 0, page=None, source="docx")
    doc = builder.document(
        path=str(path),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    if not doc.blocks:
        raise EmptyDocument("docx", "no text in the DOCX file")
    doc.title = (document.core_properties.title or "").strip() or next(
        (doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"), ""
    )
    return doc


def _check_archive(source, limit: int, error: type[Exception]) -> None:
    if not zipfile.is_zipfile(source):
        raise error("docx", "not a DOCX file (not a zip archive)")
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise error("docx", f"not a DOCX file (damaged zip: {exc})") from exc
    total = sum(i.file_size for i in infos)
    if total > limit:
        raise error("limits", f"DOCX unpacks to {total / 2**20:.0f} MB, over the {limit / 2**20:.0f} MB limit")
    if not any(i.filename == "word/document.xml" for i in infos):
        raise error("docx", "zip archive without word/document.xml: not a DOCX file")


def _kind(paragraph) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style.startswith(("heading", "title")):
        return "heading"
    if "list" in style or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return "list_item"
    return "paragraph"
