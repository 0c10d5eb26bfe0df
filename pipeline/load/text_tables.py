"""Tables in plain text: pipe tables (markdown and its broken copy-paste / PDF-extraction forms)
here, tab-separated / aligned / one-cell-per-line tables found by `text_tables_aligned`.

Broken forms repaired here: a header or a row wrapped over several lines (lines are joined
until the separator's column count is reached), a sub-header row below the separator (placed
under the header cells that span several columns), and rows whose empty cells were dropped so
later cells shifted left, with padding pipes at the row end (re-placed by constraint solving:
`text_tables_repair`). Cells carry `[start, end)` offsets into the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace


from extractors.relations.table_cells import shape
from pipeline.langid import block_lang
from pipeline.load.text_tables_aligned import Grid, Raw, find_grids
from pipeline.load.text_tables_repair import column_grid, repaired_cells
from schemas.records import Cell, Table

_LINE = re.compile(r"[^\n]*")
_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")


def _split(text: str, start: int, end: int) -> list[Raw]:
    """The cells of one line; leading and trailing pipes do not open an extra cell."""
    line = text[start:end]
    pipes = [i for i, ch in enumerate(line) if ch == "|"]
    edges = list(zip([-1] + pipes, pipes + [len(line)]))
    if pipes and not line[: pipes[0]].strip():
        edges = edges[1:]
    if pipes and not line[pipes[-1] + 1 :].strip():
        edges = edges[:-1]
    cells = []
    for a, b in edges:
        piece = line[a + 1 : b]
        lead = len(piece) - len(piece.lstrip())
        s = start + a + 1 + lead
        cells.append(Raw(s, s + len(piece.strip()), piece.strip()))
    return cells


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Maximal runs of consecutive lines that contain a pipe, as (start, end) line spans."""
    runs: list[list[tuple[int, int]]] = []
    previous_end = -2
    for m in _LINE.finditer(text):
        if "|" not in m.group():
            continue
        if m.start() == previous_end + 1 and runs:
            runs[-1].append((m.start(), m.end()))
        else:
            runs.append([(m.start(), m.end())])
        previous_end = m.end()
    return runs


def _rows(text: str, run: list[tuple[int, int]]) -> tuple[list[list[Raw]], int, int] | None:
    """Logical rows of a run (wrapped lines joined), the column count and the header row count."""
    lines = [(_SEPARATOR.fullmatch(text[a:b]) is not None, _split(text, a, b)) for a, b in run]
    seps = [i for i, (is_sep, _) in enumerate(lines) if is_sep]
    if seps:
        n_cols = len(lines[seps[0]][1])
    else:
        widths = Counter(len(c) for _, c in lines if sum(bool(x.text) for x in c) >= 2)
        if sum(widths.values()) < 2:
            return None
        n_cols = max(widths, key=lambda w: (widths[w], w))
    if n_cols < 2:
        return None
    first = Counter(shape(c[0].text) for s, c in lines if not s and len(c) >= 2 and c[0].text)
    key_shape = first.most_common(1)[0][0] if first else "text"
    # In a table whose lines open with a pipe, a line that does not continues the cell the
    # previous line left open (no closing pipe): a cell wrapped over two lines ("令和6⏎年度").
    edges = [(text[a:b].strip()[:1], text[a:b].strip()[-1:]) for a, b in run]
    piped = sum(first == "|" for first, _ in edges) > len(edges) / 2
    rows: list[list[Raw]] = []
    sections: list[bool] = []  # True for rows above the separator
    header_lines = seps[0] if seps else 0
    open_end = False  # the last line added ended inside a cell
    for i, (is_sep, cells) in enumerate(lines):
        if is_sep or not any(c.text for c in cells):
            open_end = False
            continue
        above = i < header_lines
        same = bool(rows) and sections[-1] == above
        wrapped = same and piped and open_end and edges[i][0] != "|"
        if wrapped and len(rows[-1]) + len(cells) - 1 <= n_cols:
            last, first = rows[-1][-1], cells[0]
            merged = Raw(last.start, first.end, text[last.start:first.end]) if last.text else first
            rows[-1] = rows[-1][:-1] + [merged] + cells[1:]
        elif (same and len(rows[-1]) < n_cols and len(rows[-1]) + len(cells) <= n_cols
              and (above or shape(cells[0].text) != key_shape)):
            rows[-1] = rows[-1] + cells
        else:
            rows.append(cells)
            sections.append(above)
        open_end = edges[i][1] != "|"
    headers = 1 if seps and header_lines else 0
    if not seps and rows and _all_text(rows[0]) and any(not _all_text(r) for r in rows[1:]):
        headers = 1
    return rows, n_cols, headers


def _all_text(cells: list[Raw]) -> bool:
    return all(shape(c.text) in ("text", "blank") for c in cells if c.text)


def _spans(header: list[Raw]) -> list[tuple[int, int]]:
    """Column ranges of header cells followed by empty cells (an HTML colspan flattened)."""
    out, i = [], 0
    while i < len(header):
        j = i + 1
        while j < len(header) and not header[j].text:
            j += 1
        if header[i].text and j - i > 1:
            out.append((i, j - 1))
        i = j
    return out


def _place_header(rows: list[list[Raw]], n_cols: int, headers: int) -> tuple[list[Cell], int,
                                                                              list[tuple[int, int]]]:
    """Header cells (spans copied to every spanned column) and the sub-header row, if any."""
    cells: list[Cell] = []
    if not headers:
        return cells, 0, []
    top = rows[0][:n_cols]
    spans = _spans(top) if len(rows) > 1 and _all_text(rows[1]) and len(rows[1]) > 1 else []
    covered = {c for a, b in spans for c in range(a, b + 1)}
    for col, raw in enumerate(top):
        if raw.text:
            cells.append(Cell(row=0, col=col, start=raw.start, end=raw.end, text=raw.text,
                              header=True))
    for a, b in spans:
        raw = top[a]
        cells += [Cell(row=0, col=c, start=raw.start, end=raw.end, text=raw.text, header=True,
                       note=f"spans cols {a}-{b}") for c in range(a + 1, b + 1)]
    if not spans:
        return cells, 1, spans
    sub = [c for c in rows[1] if c.text]
    if len(sub) == len(covered):
        cols, note = sorted(covered), ""
    else:
        cols, note = list(range(n_cols - len(sub), n_cols)), "ambiguous: sub-header placement"
    cells += [Cell(row=1, col=col, start=r.start, end=r.end, text=r.text, header=True, note=note)
              for col, r in zip(cols, sub)]
    return cells, 2, spans


def _caption(text: str, start: int) -> str:
    """The nearest non-empty line before `start` (read backwards: text before may be long)."""
    end = start
    while end > 0:
        begin = text.rfind("\n", 0, end - 1) + 1
        line = text[begin:end].strip()
        if line:
            return line
        end = begin
    return ""


def find_text_tables(text: str) -> list[Table]:
    """Every table written as text: pipe tables (repaired), then tab-separated, whitespace-aligned
    and one-cell-per-line tables elsewhere (`text_tables_aligned`), with cell offsets into `text`."""
    grids = []
    for run in _runs(text):
        found = _rows(text, run)
        if found is not None:
            rows, n_cols, headers = found
            grids.append(Grid(rows, n_cols, headers, "text-pipe", repair=True))
    grids = [g for g in grids if any(c.text for r in g.rows for c in r)]
    grids += find_grids(text, [(g.start, g.end) for g in grids])
    tables = [_table(text, g) for g in sorted(grids, key=lambda g: g.start)]
    return [replace(t, index=i) for i, t in enumerate(tables)]


def _table(text: str, g: Grid) -> Table:
    """A Table from a grid of literal cells: header placed, data rows re-placed when `repair`."""
    lang = block_lang(text[g.start : g.end])
    if g.wrapped:
        header = [Cell(row=r, col=col, start=c.start, end=c.end, text=c.text, header=True,
                       note="wrapped header" if r else "")
                  for r in range(g.headers) for col, c in enumerate(g.rows[r]) if c.text]
        header_rows, spans = g.headers, []
    else:
        header, header_rows, spans = _place_header(g.rows, g.n_cols, g.headers)
    data = g.rows[header_rows:]
    if g.repair:
        grid = column_grid(header, data, g.n_cols, spans, lang)
        cells = header + repaired_cells(data, grid, header_rows)
    else:
        cells = header + [Cell(row=header_rows + r, col=col, start=c.start, end=c.end, text=c.text)
                          for r, row in enumerate(data) for col, c in enumerate(row) if c.text]
    return Table(
        index=0, page=None, cells=tuple(cells), n_rows=len(g.rows),
        n_cols=max([g.n_cols] + [c.col + 1 for c in cells]), header_rows=header_rows,
        caption=_caption(text, text.rfind("\n", 0, g.start) + 1), source=g.source,
    )
