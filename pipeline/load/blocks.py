"""Shared by every loader: build one document text piece by piece with its blocks, pages and
tables, and cut plain text into sentence-friendly blocks.

Hard-wrapped lines (PDF extraction, fixed-width text) are joined into one block when a line
does not end a sentence and the next line continues it; list items, headings and table rows
stay blocks of their own. The text itself is never changed: a block may span a line break.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from extractors.text import drop_invisible, flatten
from schemas.records import Block, Cell, Document, Table

# A sentence or paragraph ends here (after trailing spaces are dropped).
_ENDS = tuple("。．！？!?」』】】.:：;；") + ("…",)
# The line stops mid-clause: comma, particle, opening bracket, hyphenation, connector.
_OPEN_END = re.compile(r"(?:[、，,・(（「『\[〔\-‐/／&＆]|[のをにはがでともへや])$")
_ITEM = re.compile(
    r"""^(?:[-‐–—・•●○■□◆◇▪►▶※*+]\s*\S
        |[(（]?(?:\d{1,3}|[０-９]{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)．）](?:\s|(?=[^\d\s.．]))
        |[(（](?:\d{1,3}|[０-９]{1,3}|[一二三四五六七八九十]{1,3}|[a-zA-Zァ-ヶ])[)）]
        |[①-⑳㈠-㈩]
        |[一二三四五六七八九十]{1,3}[、．.]
        |第\s*[0-9０-９一二三四五六七八九十百]+\s*[条章節項部回]
        |Điều\s+\d|Article\s+\d|Chương\s+[IVX\d]|Mục\s+\d)""",
    re.VERBOSE,
)
_HEADING = re.compile(r"^(?:#{1,6}\s|【[^】]{1,40}】\s*$|[■◆□◇▼▽]\s*\S)")
# The next line starts mid-sentence: a small letter or a comma, closing bracket. (A range like
# [à-ỹ] would also take capitals: Vietnamese Đ, Ơ and Ạ-Ỹ lie inside it.)
_CONTINUES = "、，,)）"
# A Japanese date broken across lines, as PDF text wraps it: "2024 年 2 月" then "26 日…",
# or "2017 年 1 月 12" then "日に…". The next line finishes the date, so it continues the sentence.
_DATE_OPEN_END = re.compile(r"\d\s*[年月]\s*$|\d\s*[年月]\s*\d{1,2}\s*$")
_DATE_REST = re.compile(r"^(?:\d{1,2}\s*[月日]|[月日](?![本曜]))")


def clean(text: str) -> str:
    """Newlines to LF, form feeds to newlines, controls and invisible format characters (Cf)
    dropped, NFC: they would split words and hide text from language id and the extractors."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    return unicodedata.normalize("NFC", drop_invisible(text))


def width(s: str) -> int:
    """Display width: East Asian wide/full-width characters count 2."""
    if s.isascii():
        return len(s)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def text_spans(
    text: str, reserved: list[tuple[int, int]] = (), *, wrapped: bool = True
) -> list[tuple[int, int, str]]:
    """(start, end, kind) blocks of plain text; `reserved` spans (table rows) are skipped and
    break blocks. With `wrapped` False (HTML `<br>` lines) a full-width line is no sign of a
    wrap. Blocks are trimmed, non-empty and in text order."""
    lines = _lines(text, sorted(reserved))
    if not lines:
        return []
    widths = sorted(width(text[s:e]) for s, e, r in lines if not r)
    wrap = widths[int(0.9 * (len(widths) - 1))] if widths else 0
    full_lines = sum(1 for w in widths if w >= 0.85 * wrap) if wrapped else 0
    max_gap = 1 if _double_spaced(text) else 0
    spans: list[list] = []
    prev = None  # (start, end, blank lines since) of the previous content line
    for s, e, res in lines:
        if res:
            prev = None
            continue
        gap = text.count("\n", prev[1], s) - 1 if prev else 99
        line = text[s:e]
        if prev and gap <= max_gap and _joins(text[prev[0]:prev[1]], line, wrap, full_lines):
            spans[-1][1] = e
        else:
            spans.append([s, e, _kind(line)])
        prev = (s, e)
    out = []
    for k, (s, e, kind) in enumerate(spans):
        one_line = "\n" not in text[s:e]
        if kind == "paragraph" and one_line and _title_like(text[s:e], wrap):
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            if nxt and nxt[2] != "heading" and width(text[nxt[0]:nxt[1]]) > width(text[s:e]):
                kind = "heading"
        out.append((s, e, kind))
    return out


def _lines(text: str, reserved: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Content lines as (start, end, is_reserved), trimmed; blank lines dropped."""
    out, pos, r = [], 0, 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        s = start + (len(raw) - len(raw.lstrip()))
        e = s + len(stripped)
        while r < len(reserved) and reserved[r][1] <= s:
            r += 1
        hit = r < len(reserved) and reserved[r][0] < e
        out.append((s, e, hit))
    return out


def _double_spaced(text: str) -> bool:
    """True when most lines are followed by exactly one blank line (a common text dump of PDFs)."""
    # anchored at line starts: a long last line without "\n" is then read once, not per character
    pattern = re.findall(r"(?m)^[^\S\n]*\S[^\n]*\n(?:[ \t\u3000]*\n)?", text)
    if len(pattern) < 4:
        return False
    doubled = sum(1 for p in pattern if p.count("\n") == 2)
    return doubled >= 0.6 * len(pattern)


def _joins(prev: str, nxt: str, wrap: int, full_lines: int) -> bool:
    """Does `nxt` continue the sentence `prev` was wrapped in?"""
    if prev.endswith(_ENDS) or _ITEM.match(nxt) or _HEADING.match(nxt) or _HEADING.match(prev):
        return False
    if _OPEN_END.search(prev) or nxt[0].islower() or nxt[0] in _CONTINUES:
        return True
    if prev[-1].islower() and nxt[0].isdigit():  # the line ends on a word and the next on a number
        return True
    if _broken_date(prev, nxt):
        return True
    return full_lines >= 2 and width(prev) >= 0.85 * wrap  # a wrapped, full-width line


def _broken_date(prev: str, nxt: str) -> bool:
    """True when `prev` ends inside a Japanese date that `nxt` finishes ("…は、2024 年 2 月" +
    "26 日に署名された。"; "… 2017 年 1 月 12" + "日に…"): a day or month after a year or
    month written at the end of the line above. Not a line that starts with 日本 or 月曜."""
    end = _DATE_OPEN_END.search(prev)
    rest = _DATE_REST.match(nxt)
    if not end or not rest:
        return False
    digits_after = end.group().rstrip()[-1].isdigit()  # "1 月 12" waits for 日, not a number
    return digits_after == (not rest.group()[0].isdigit())


def _kind(line: str) -> str:
    if _HEADING.match(line):
        return "heading"
    if _ITEM.match(line):
        return "list_item"
    return "paragraph"


def _title_like(line: str, wrap: int) -> bool:
    """A short line that ends no sentence and no clause: a heading in plain text."""
    return (
        2 <= len(line) <= 60
        and width(line) < max(24, 0.6 * wrap)
        and not line.endswith(_ENDS)
        and not line.endswith((",", "、", "，"))
        and not line[-1].isdigit()
        and ":" not in line and "：" not in line
        and not _OPEN_END.search(line)
    )


_NUMBER_CELL = re.compile(r"[\d\s.,:/%()+\-–]*\d[\d\s.,:/%()+\-–]*")


def guess_header_rows(rows: list[list[str]]) -> int:
    """1 when the first row looks like column labels above rows with numbers: no digits at all,
    or no number-only cell and fewer cells with digits than the next row ("(tCO2/năm)")."""
    if len(rows) < 2:
        return 0
    first = [t for t in rows[0] if t.strip()]
    digits = [sum(any(ch.isdigit() for ch in t) for t in row) for row in rows[:2]]
    labels = bool(first) and (digits[0] == 0 or (
        digits[0] < digits[1] and not any(_NUMBER_CELL.fullmatch(t.strip()) for t in first)))
    numbers = any(ch.isdigit() for row in rows[1:] for t in row for ch in t)
    return 1 if labels and numbers else 0


@dataclass
class Builder:
    """Accumulates a document's text and the blocks, pages and tables that point into it."""

    parts: list[str] = field(default_factory=list)
    size: int = 0
    blocks: list[tuple[int, int, str, int | None]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)

    def write(self, s: str) -> int:
        """Append raw text; returns where it starts."""
        start = self.size
        self.parts.append(s)
        self.size += len(s)
        return start

    def separate(self, sep: str = "\n\n") -> None:
        """Start a new paragraph: a separator unless the text is empty or already ends in one."""
        if self.size and not "".join(self.parts[-2:]).endswith(sep):
            self.write(sep)

    def block(self, start: int, end: int, kind: str, page: int | None = None) -> None:
        self.blocks.append((start, end, kind, page))

    def paragraph(self, s: str, kind: str = "paragraph", page: int | None = None) -> None:
        """A block written as one paragraph (already flattened text)."""
        s = s.strip()
        if s:
            self.separate()
            start = self.write(s)
            self.block(start, start + len(s), kind, page)

    def text(self, s: str, page: int | None = None) -> None:
        """Plain text (e.g. a PDF page) written as is and cut into blocks by `text_spans`."""
        start = self.write(s)
        for b, e, kind in text_spans(s):
            self.block(start + b, start + e, kind, page)

    def table(self, rows: list[list[str]], *, header_rows: int, page: int | None, source: str,
              caption: str = "", extend: bool = False) -> None:
        """Write a grid of flattened cells as " | " lines, one `table_row` block per row.
        With `extend`, the rows continue the last table (a table broken by a page break)."""
        rows = [[flatten(c) for c in row] for row in rows]
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        n_cols = max(len(r) for r in rows)
        previous = self.tables.pop() if extend and self.tables else None
        offset = previous.n_rows if previous else 0
        n_cols = max(n_cols, previous.n_cols if previous else 0)
        self.separate()
        cells = list(previous.cells) if previous else []
        for r, row in enumerate(rows, offset):
            if r > offset:
                self.write("\n")
            row = row + [""] * (n_cols - len(row))
            row_start = self.size
            for c, value in enumerate(row):
                if c:
                    self.write(" | ")
                start = self.write(value)
                cells.append(Cell(row=r, col=c, start=start, end=start + len(value), text=value,
                                  header=not previous and r < header_rows))
            self.block(row_start, self.size, "table_row", page)
        if previous:
            page, caption = previous.page, previous.caption
            header_rows, source = previous.header_rows, previous.source
        self.tables.append(Table(index=len(self.tables), page=page, cells=tuple(cells),
                                 n_rows=offset + len(rows), n_cols=n_cols,
                                 header_rows=min(header_rows, offset + len(rows)),
                                 caption=caption, source=source))

    def document(self, **fields) -> Document:
        """The finished Document: blocks trimmed, empty ones dropped, indexed in text order."""
        text = "".join(self.parts)
        blocks = []
        for start, end, kind, page in sorted(self.blocks, key=lambda b: (b[0], b[1])):
            piece = text[start:end]
            start += len(piece) - len(piece.lstrip())
            end -= len(piece) - len(piece.rstrip())
            if end > start and (not blocks or start >= blocks[-1].end):
                blocks.append(Block(index=len(blocks), start=start, end=end, kind=kind, page=page))
        return Document(text=text, blocks=blocks, tables=self.tables, pages=self.pages, **fields)
