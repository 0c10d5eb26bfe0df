"""Tables in plain text: pipe tables (markdown and its broken copy-paste / PDF-extraction forms)
here, tab-separated / aligned / one-cell-per-line tables found by `text_tables_aligned`.

Broken forms repaired here: a header or a row wrapped over several lines (lines are joined
until the separator's column count is reached), a sub-header row below the separator (placed
under the header cells that span several columns), and rows whose empty cells were dropped so
later cells shifted left, with padding pipes at the row end. Shifted rows are re-placed by
constraint solving: every order-keeping placement of a row's values into the columns that
fits the value shapes (text / date / number) and the totals (a total column equal to the sum
of its parts, column sums equal to a totals row) is a candidate; a cell whose column is the
same in every surviving candidate is placed (note "repaired"), else it is kept and marked
(note "ambiguous: …"). Cells carry `[start, end)` offsets into the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import islice

import numpy as np

from extractors.table_cells import is_total, number, shape
from pipeline.langid import block_lang
from pipeline.text_tables_aligned import Grid, Raw, find_grids
from schemas.records import Cell, Table

_LINE = re.compile(r"[^\n]*")
_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")
MAX_PLACEMENTS = 5_000  # shape-fitting placements of one row's values looked at
MAX_STATES = 200_000  # partial column-sum vectors kept while solving the column totals


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


@dataclass(slots=True)
class _Grid:
    """Column facts the solver needs: shapes, total columns with their parts, a totals row."""

    shapes: list[str]
    totals: dict[int, list[int]]  # total column → its part columns
    lang: str


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


def _grid(header: list[Cell], data: list[list[Raw]], n_cols: int, spans, lang: str) -> _Grid:
    """Column shapes from the literal cells, total columns from the header words."""
    shapes = []
    for col in range(n_cols):
        votes = Counter(shape(r[col].text) for r in data if col < len(r) and r[col].text)
        votes.pop("blank", None)
        shapes.append(votes.most_common(1)[0][0] if votes else "any")
    totals: dict[int, list[int]] = {}
    for col in range(n_cols):
        names = [c.text for c in header if c.col == col]
        if not names or not is_total(names[-1]) or shapes[col] != "num":
            continue
        group = next(((a, b) for a, b in spans if a <= col <= b), None)
        if group:
            parts = [c for c in range(group[0], group[1] + 1) if c != col]
        else:
            start = col
            while start > 0 and shapes[start - 1] == "num" and start - 1 not in totals:
                start -= 1
            parts = _parts_by_totals_row(data, col, start, lang) or list(range(start, col))
        totals[col] = [c for c in parts if shapes[c] == "num"]
    # A total column that a complete row contradicts is not the sum of those parts ("Total
    # supported" beside "Registered" and "Issued"): it sets no constraint.
    complete = [r for r in data if len(r) >= n_cols and all(c.text for c in r[:n_cols])]
    for col, parts in list(totals.items()):
        if any(number(r[col].text, lang) != sum(number(r[p].text, lang) or 0 for p in parts)
               for r in complete):
            del totals[col]
    return _Grid(shapes, totals, lang)


def _parts_by_totals_row(data: list[list[Raw]], col: int, start: int, lang: str) -> list[int]:
    """The longest run of columns ending before `col` whose values in a complete totals row sum
    to its value there (Registered | Issued | Subsidy | Loan | Total: the parts are the last two)."""
    full = [r for r in data if r and is_total(r[0].text) and all(c.text for c in r)]
    if len(full) != 1 or len(full[0]) <= col:
        return []
    row = full[0]
    total = number(row[col].text, lang)
    for s in range(start, col):
        if total is not None and sum(number(c.text, lang) or 0 for c in row[s:col]) == total:
            return list(range(s, col))
    return []


def _fits(cell_shape: str, col_shape: str) -> bool:
    return cell_shape == "blank" or col_shape == "any" or cell_shape == col_shape


def _placements(shapes: list[str], columns: list[str]) -> Iterator[tuple[int, ...]]:
    """Order-keeping placements of values with `shapes` into columns whose shapes they fit."""
    if not shapes:
        yield ()
        return
    for col in range(len(columns) - len(shapes) + 1):
        if _fits(shapes[0], columns[col]):
            for rest in _placements(shapes[1:], columns[col + 1 :]):
                yield (col, *(col + 1 + c for c in rest))


def _balanced(cols: tuple[int, ...], nums: list[int | float], grid: _Grid) -> bool:
    """True when every total column equals the sum of its parts (an empty cell counts 0)."""
    at = dict(zip(cols, nums))
    return all(at.get(t, 0) == sum(at.get(p, 0) for p in parts) for t, parts in grid.totals.items())


def _numbers(values: list[Raw], lang: str) -> list[int | float]:
    return [number(v.text, lang) or 0 for v in values]


def _candidates(values: list[Raw], grid: _Grid) -> list[tuple[int, ...]] | None:
    """Placements of a row's values that fit the shapes and the row totals; None when there are
    more than MAX_PLACEMENTS to look at (too many to decide anything)."""
    shapes, nums = [shape(v.text) for v in values], _numbers(values, grid.lang)
    tried = list(islice(_placements(shapes, grid.shapes), MAX_PLACEMENTS + 1))
    if len(tried) > MAX_PLACEMENTS:
        return None
    return [c for c in tried if _balanced(c, nums, grid)]


def _valid(cols: tuple[int, ...], values: list[Raw], grid: _Grid) -> bool:
    """True when a row read as it stands fits the column shapes and the row totals."""
    return (max(cols, default=0) < len(grid.shapes)
            and _balanced(cols, _numbers(values, grid.lang), grid)
            and all(_fits(shape(v.text), grid.shapes[c]) for c, v in zip(cols, values)))


def _column_sums(rows: list[list[tuple[int, ...]]], values: list[list[Raw]],
                 target: dict[int, int | float], lang: str) -> list[list[tuple[int, ...]]] | None:
    """Keep each row's candidates that some choice for all rows makes sum to the totals row.

    Forward and backward sets of partial column-sum vectors (values are not negative, so a sum
    over its target is dropped); a candidate survives when some forward state plus it plus some
    backward state is the totals row. None when the totals cannot be met or the search is too big.
    """
    keys = sorted(target)
    if not keys:  # a totals row with no number: nothing to check against
        return None
    goal = np.array([target[k] for k in keys], dtype=np.int64)
    radix = np.cumprod(np.concatenate(([1], goal[:-1] + 1)))  # one integer per in-range vector

    def vector(cols: tuple[int, ...], nums: list[int | float]) -> list[int | float]:
        at = dict(zip(cols, nums))
        return [at.get(k, 0) for k in keys]

    if np.prod((goal + 1).astype(float)) > 2.0**62:
        return None
    raw = [[vector(c, nums) for c in cands]
           for cands, nums in zip(rows, (_numbers(v, lang) for v in values))]
    if any(float(x) != int(x) for vs in raw for v in vs for x in v):
        return None
    vectors = [np.array(vs, dtype=np.int64).reshape(len(vs), len(keys)) for vs in raw]

    def sweep(order: list[np.ndarray]) -> list[np.ndarray] | None:
        states = [np.zeros((1, len(keys)), dtype=np.int64)]
        for vs in order:
            grown = (states[-1][:, None, :] + np.unique(vs, axis=0)[None, :, :]).reshape(-1, len(keys))
            grown = grown[(grown <= goal).all(axis=1)]
            grown = grown[np.unique(grown @ radix, return_index=True)[1]]
            if len(grown) > MAX_STATES:
                return None
            states.append(grown)
        return states

    forward, backward = sweep(vectors), sweep(vectors[::-1])
    if forward is None or backward is None or not (forward[-1] == goal).all(axis=1).any():
        return None
    backward.reverse()
    kept = []
    for i, (cands, vs) in enumerate(zip(rows, vectors)):
        rest = backward[i + 1] @ radix
        need = goal[None, None, :] - forward[i][:, None, :] - vs[None, :, :]
        ok = (need >= 0).all(axis=2) & np.isin(need @ radix, rest)
        kept.append([c for c, good in zip(cands, ok.any(axis=0)) if good])
    return kept


def _off_totals_row(values: list[list[Raw]], literal: list[tuple[int, ...]], grid: _Grid) -> bool:
    """True when the rows read as they stand do not add up to the one totals row."""
    total_rows = [i for i, v in enumerate(values) if v and is_total(v[0].text)]
    if len(total_rows) != 1:
        return False
    sums: Counter = Counter()
    for i, (vals, cols) in enumerate(zip(values, literal)):
        if i != total_rows[0]:
            for col, raw in zip(cols, vals):
                if shape(raw.text) == "num":
                    sums[col] += number(raw.text, grid.lang) or 0
    t = total_rows[0]
    return any(shape(raw.text) == "num" and sums[col] != number(raw.text, grid.lang)
               for col, raw in zip(literal[t], values[t]) if col < len(grid.shapes)
               and grid.shapes[col] == "num")


def _left_packed(row: list[Raw]) -> bool:
    filled = [bool(c.text) for c in row]
    return all(filled[: sum(filled)])


def _solve(values: list[list[Raw]], literal: list[tuple[int, ...]], grid: _Grid
           ) -> tuple[list[list[tuple[int, ...]]], dict[int, str]]:
    """Candidate placements per row after the row and column totals, and the rows that could not
    be solved with the reason (they keep their literal placement). A full row stays as it is."""
    placements: list[list[tuple[int, ...]]] = []
    unsolved: dict[int, str] = {}
    for i, (v, lit) in enumerate(zip(values, literal)):
        found = [lit] if len(v) >= len(grid.shapes) else _candidates(v, grid)
        if not found:
            unsolved[i] = "too many placements" if found is None else "no placement fits"
        placements.append(found or [lit])
    total_rows = [i for i, v in enumerate(values) if v and is_total(v[0].text)]
    if len(total_rows) != 1 or len(placements[total_rows[0]]) != 1 or unsolved:
        return placements, unsolved
    t = total_rows[0]
    target = {c: number(r.text, grid.lang) for c, r in zip(placements[t][0], values[t])
              if grid.shapes[c] == "num" and shape(r.text) == "num"}
    others = [i for i in range(len(values)) if i != t]
    kept = _column_sums([placements[i] for i in others], [values[i] for i in others], target,
                        grid.lang)
    for i, cands in zip(others, kept or []):
        placements[i] = cands
    return placements, unsolved


def _data_cells(data: list[list[Raw]], grid: _Grid, first_row: int) -> list[Cell]:
    """Data cells, with shifted rows re-placed when the table shows its empty cells were dropped."""
    n_cols = len(grid.shapes)
    values = [[c for c in r if c.text] for r in data]
    literal = [tuple(i for i, c in enumerate(r) if c.text) for r in data]
    placements: list[list[tuple[int, ...]]] = [[lit] for lit in literal]
    unsolved: dict[int, str] = {}
    shifted = all(_left_packed(r) for r in data if sum(bool(c.text) for c in r) < n_cols) and (
        any(not _valid(lit, v, grid) for lit, v in zip(literal, values) if max(lit, default=0) < n_cols)
        or _off_totals_row(values, literal, grid)
    )
    if shifted:
        placements, unsolved = _solve(values, literal, grid)
    cells = []
    for r, (vals, lit, cands) in enumerate(zip(values, literal, placements)):
        for j, raw in enumerate(vals):
            options = sorted({c[j] for c in cands})
            col = cands[0][j]
            if r in unsolved:
                note = f"ambiguous: {unsolved[r]}"
            elif len(options) > 1:
                note = "ambiguous: col " + "|".join(map(str, options))
            elif col != lit[j]:
                note = f"repaired: shifted from col {lit[j]}"
            else:
                note = ""
            cells.append(Cell(row=first_row + r, col=col, start=raw.start, end=raw.end,
                              text=raw.text, note=note))
    return cells


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
        grid = _grid(header, data, g.n_cols, spans, lang)
        cells = header + _data_cells(data, grid, header_rows)
    else:
        cells = header + [Cell(row=header_rows + r, col=col, start=c.start, end=c.end, text=c.text)
                          for r, row in enumerate(data) for col, c in enumerate(row) if c.text]
    return Table(
        index=0, page=None, cells=tuple(cells), n_rows=len(g.rows),
        n_cols=max([g.n_cols] + [c.col + 1 for c in cells]), header_rows=header_rows,
        caption=_caption(text, text.rfind("\n", 0, g.start) + 1), source=g.source,
    )
