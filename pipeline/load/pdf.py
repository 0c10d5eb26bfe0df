"""PDF to Document: page text with pypdfium2 (fast), tables with pdfplumber only on the pages
that look like they have one, two-column pages read column by column.

A page "looks like" it has a table when it draws several path objects (ruled lines or cell
boxes) or when three or more text lines split into three or more aligned runs (a table laid
out with whitespace). The table's text replaces the characters inside its box, written as
" | " rows; a table that goes on over a page break (same columns, nothing before it on the
next page) is merged into one `Table`.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.load.blocks import Builder, clean, guess_header_rows
from pipeline.load.errors import LoadError
from pipeline.published_meta import pdf_published
from pipeline.load.scans import Scans

# pdfminer (under pdfplumber) warns once per font of every PDF a browser prints ("Could not get
# FontBBox ..."): noise to an analyst, and the text is read all the same.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

MIN_PATHS = 4  # path objects on a page before pdfplumber is asked for ruled tables
_TEXT_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text", "min_words_vertical": 3}


@dataclass
class _Found:
    """A table pdfplumber found on a page: its rows and its box (top-left origin)."""

    rows: list[list[str]]
    bbox: tuple[float, float, float, float]
    source: str


@dataclass
class _State:
    """What the previous page ended with, to merge a table broken by a page break."""

    last_cols: int = 0
    header: list[str] = field(default_factory=list)
    ended_in_table: bool = False


def load_pdf(path: Path, data: bytes, *, max_pages: int = 2000, ocr_dpi: int = 300):
    """Load a PDF's text layer, and OCR at `ocr_dpi` the pages that have none (0: no OCR);
    raises LoadError for encrypted, damaged or text-less files."""

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise LoadError("pdf", "PDF is encrypted") from exc
        raise LoadError("pdf", f"damaged or not a PDF ({_reason(exc)})") from exc
    try:
        return _read(path, pdf, data, max_pages, LoadError, ocr_dpi)
    finally:
        pdf.close()


def _read(path: Path, pdf, data: bytes, max_pages: int, error, ocr_dpi: int):
    n = len(pdf)
    if n == 0:
        raise error("pdf", "PDF has no pages")
    if n > max_pages:
        raise error("limits", f"PDF has {n} pages, over the {max_pages}-page limit")
    builder, state, warnings = Builder(), _State(), []
    plumber, scans = None, Scans(ocr_dpi)
    for number in range(1, n + 1):
        page = pdf[number - 1]
        textpage = page.get_textpage()
        hint = _table_hint(page, textpage)
        text, columns = _page_text(page, textpage, tables=bool(hint))
        found: list[_Found] = []
        if hint:
            if plumber is None:
                import pdfplumber

                plumber = pdfplumber.open(io.BytesIO(data))
            found = _tables(plumber.pages[number - 1], hint)
        builder.separate()
        start = builder.size
        if found or not scans.needed(text, page):
            _write_page(builder, state, number, text, found, None if columns else (page, textpage))
        elif not scans.read(builder, page, number):
            warnings.append(f"page {number} has no text layer")
        builder.pages.append((start, builder.size))
        textpage.close()
        page.close()
    if plumber is not None:
        plumber.close()
    if not builder.blocks:
        if scans.unread:
            raise error("ocr", f"PDF has no text layer (scanned) and {scans.why}")
        found = "OCR found no text on its scanned pages" if scans.tried else "no scanned page to OCR"
        raise error("pdf", f"PDF has no text layer and {found}")
    doc = builder.document(path=str(path), media_type="application/pdf")
    doc.warnings += warnings + scans.notes()
    doc.ocr = scans.words
    doc.title = _title(pdf) or next((doc.text[b.start:b.end] for b in doc.blocks[:3]
                                     if b.end - b.start <= 200), "")
    doc.published = pdf_published(pdf)
    return doc


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[text.find("PDFium:") + 8:].rstrip(").") if "PDFium:" in text else text


def _title(pdf) -> str:
    try:
        title = (pdf.get_metadata_value("Title") or "").strip()
    except Exception:  # metadata is optional and sometimes malformed
        return ""
    generic = title.lower() in ("untitled", "") or title.lower().startswith("microsoft word")
    return "" if generic else title


def _page_text(page, textpage, tables: bool) -> tuple[str, bool]:
    """The page text in reading order; True when columns had to be reordered (never on a page
    with a table, whose runs look like narrow columns)."""
    text = textpage.get_text_range()
    rects = [] if tables else [textpage.get_rect(i) for i in range(textpage.count_rects())]
    layout = _two_columns(rects, page.get_width())
    if layout is None:
        return clean(text), False
    gutter, low, high = layout
    width, height = page.get_width(), page.get_height()
    parts = [
        textpage.get_text_bounded(0, high, width, height),
        textpage.get_text_bounded(0, low, gutter, high),
        textpage.get_text_bounded(gutter, low, width, high),
        textpage.get_text_bounded(0, 0, width, low),
    ]
    return clean("\n".join(p.strip("\r\n") for p in parts if p.strip())), True


def _two_columns(rects, width: float) -> tuple[float, float, float] | None:
    """(gutter x, zone bottom, zone top) of a two-column page whose text order interleaves the
    columns; None for one column or columns already in order."""
    narrow = [r for r in rects if r[2] - r[0] < 0.55 * width]
    if len(narrow) < 10:
        return None
    spans = sorted((r[0], r[2]) for r in narrow)
    best, reach = None, spans[0][1]
    for left, right in spans[1:]:
        gap = (reach, left)
        if gap[1] - gap[0] >= 8 and 0.25 * width <= (gap[0] + gap[1]) / 2 <= 0.75 * width:
            if best is None or gap[1] - gap[0] > best[1] - best[0]:
                best = gap
        reach = max(reach, right)
    if best is None:
        return None
    gutter = (best[0] + best[1]) / 2
    sides = ["L" if r[2] <= gutter else "R" for r in narrow]
    if sides.count("L") < 5 or sides.count("R") < 5:
        return None
    widths = sorted(r[2] - r[0] for r in narrow)
    if widths[len(widths) // 2] < 0.2 * width:  # short runs: a table or a form, not prose
        return None
    switches = sum(a != b for a, b in zip(sides, sides[1:]))
    if switches <= 2:  # already column by column: keep the PDF's own order
        return None
    low = max(min(r[1] for r, s in zip(narrow, sides) if s == side) for side in "LR")
    high = min(max(r[3] for r, s in zip(narrow, sides) if s == side) for side in "LR")
    return (gutter, low - 2, high + 2) if high > low else None


def _table_hint(page, textpage) -> tuple[str, tuple | None] | None:
    """("ruled", None) or ("text", box of the aligned lines) for a page that likely holds a
    table of that kind; None otherwise. Box is (left, top, right, bottom) from the page top."""
    paths = 0
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= MIN_PATHS:
                return "ruled", None
    box = _aligned_runs(textpage)
    if box is None:
        return None
    height = page.get_height()
    return "text", (box[0], height - box[3], box[2], height - box[1])


def _aligned_runs(textpage) -> tuple[float, float, float, float] | None:
    """Box (left, bottom, right, top) of the lines of three or more text runs whose left edges
    line up over three or more lines: a table laid out with whitespace."""
    rects = sorted((textpage.get_rect(i) for i in range(textpage.count_rects())), key=lambda r: -r[3])
    lines: list[list] = []
    for rect in rects:
        if lines and abs(lines[-1][0][3] - rect[3]) <= 4:
            lines[-1].append(rect)
        else:
            lines.append([rect])
    multi = [line for line in lines if len(line) >= 3]
    if len(multi) < 3:
        return None
    starts = [round(r[0] / 4) for line in multi for r in sorted(line)[1:]]
    if not any(starts.count(s) >= 3 for s in set(starts)):
        return None
    rects = [r for line in multi for r in line]
    return (min(r[0] for r in rects) - 2, min(r[1] for r in rects) - 2,
            max(r[2] for r in rects) + 2, max(r[3] for r in rects) + 2)


def _tables(page, hint: tuple[str, tuple | None]) -> list[_Found]:
    """pdfplumber tables of the page: lines strategy on ruled pages, text strategy inside the
    box of aligned lines otherwise."""
    kind, box = hint
    if box is not None:
        page = page.crop(box, strict=False)
    settings = {} if kind == "ruled" else _TEXT_SETTINGS
    out = []
    for table in page.find_tables(settings):
        rows = [[c or "" for c in row] for row in table.extract()]
        if kind != "ruled" and len(rows) >= 3:
            rows[0] = _header_by_phrases(page, table) or rows[0]
        rows = [r for r in rows if any(c.strip() for c in r)]
        if len(rows) >= 2 and max(len(r) for r in rows) >= (2 if kind == "ruled" else 3):
            out.append(_Found(rows, table.bbox, "pdf-ruled" if kind == "ruled" else "pdf-text"))
    return out


def _header_by_phrases(page, table) -> list[str] | None:
    """The top row of an unruled table re-cut into its column labels. The text strategy draws
    column edges from the aligned numbers below, which cut a label wider than its numbers
    ("Registered Issuing | credits Model"); here the label's characters, in drawing order,
    are split into phrases at gaps and overlaps, and each phrase goes to the column whose
    numbers it lies over most."""
    spans: list[tuple[float, float] | None] = []
    for col in range(len(table.rows[0].cells)):
        boxes = [row.cells[col] for row in table.rows[1:] if col < len(row.cells) and row.cells[col]]
        xs = [(c["x0"], c["x1"]) for box in boxes for c in page.chars
              if c["text"].strip() and _center_in_box(c, box)]
        spans.append((min(x for x, _ in xs), max(x for _, x in xs)) if xs else None)
    head = table.rows[0].bbox
    phrases: list[list] = []  # [text, x0, x1]
    for c in page.chars:
        if not _center_in_box(c, (float("-inf"), head[1], float("inf"), head[3])):
            continue
        gap = c["x0"] - phrases[-1][2] if phrases else None
        if gap is None or gap > 0.5 * c["size"] or gap < -0.5:
            phrases.append([c["text"], c["x0"], c["x1"]])
        else:
            phrases[-1][0] += c["text"]
            phrases[-1][2] = c["x1"]
    if not phrases or not any(spans):
        return None
    cells = [""] * len(spans)
    for text, x0, x1 in phrases:
        def fit(col: int, x0: float = x0, x1: float = x1) -> tuple[float, float]:
            a, b = spans[col] or (float("inf"), float("inf"))
            return min(x1, b) - max(x0, a), -abs((a + b) / 2 - (x0 + x1) / 2)
        col = max(range(len(spans)), key=fit)
        cells[col] = f"{cells[col]} {text.strip()}".strip()
    return cells


def _center_in_box(char, box) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _write_page(builder: Builder, state: _State, number: int, text: str, found: list[_Found],
                chars) -> None:
    """Write the page text with each table in place of its characters (or after the text)."""
    pieces = _split(text, found, chars) if chars and found else [text, *found]
    major_text = False  # text before this point other than a running header
    for piece in pieces:
        if isinstance(piece, str):
            if piece.strip():
                builder.separate()
                builder.text(piece, page=number)
                major_text = major_text or not _minor(piece)
            continue
        rows, n_cols = piece.rows, max(map(len, piece.rows))
        extend = state.ended_in_table and not major_text and state.last_cols == n_cols
        if extend and [c.strip() for c in rows[0]] == state.header:
            rows = rows[1:]  # the header repeated on the new page
        elif not extend:
            state.header = [c.strip() for c in rows[0]]
        state.last_cols = n_cols
        builder.table(rows, header_rows=guess_header_rows(rows), page=number,
                      source=piece.source, extend=extend)
        major_text = True
    tail = [p for p in pieces if not isinstance(p, str) or not _minor(p)]
    state.ended_in_table = bool(tail) and not isinstance(tail[-1], str)


def _minor(text: str) -> bool:
    """A running header, footer or page number: a few characters at most."""
    return len(text.strip()) <= 40


def _split(text: str, found: list[_Found], chars) -> list:
    """Page text cut around each table's characters: [text, table, text, ...]."""
    page, textpage = chars
    height = page.get_height()
    raw = textpage.get_text_range()
    count = textpage.count_chars()
    if count != len(raw):  # no 1:1 map from characters to text: put the tables after the text
        return [text, *found]
    regions = []
    for table in found:
        x0, top, x1, bottom = table.bbox
        inside = [
            i for i in range(count)
            if _center_in(textpage.get_charbox(i), x0, height - bottom, x1, height - top)
        ]
        if inside:
            regions.append((inside[0], inside[-1] + 1, table))
        else:
            regions.append((count, count, table))
    regions.sort(key=lambda r: r[0])
    pieces, pos = [], 0
    for start, end, table in regions:
        pieces += [clean(raw[pos:max(pos, start)]), table]
        pos = max(pos, end)
    pieces.append(clean(raw[pos:]))
    return pieces


def _center_in(box, left, bottom, right, top) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return left <= x <= right and bottom <= y <= top
