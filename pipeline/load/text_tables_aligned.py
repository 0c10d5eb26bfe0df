"""Tables written as text without pipes: tab-separated, whitespace-aligned, one cell per line.

Each detector finds a region of lines and cuts it into rows of literal cells (`Raw` spans into
the text); `pipeline.load.text_tables` turns these grids into Tables. Detection is conservative (prose
must never become a table): a header line of labels above rows of which most carry a number or
a date, every line fitting the same columns.

- tab-separated (an HTML table pasted into a .txt): cells between tabs, empty cells in place.
- whitespace-aligned (PDF or plain-text reports): cells separated by 2+ spaces or full-width
  spaces; a cell goes to the column its characters overlap (display width), a header may wrap
  over two lines.
- one cell per line (a web table copied as text): header labels, then rows that each open with
  a key line (第1回 / lần thứ 1 / 1st, a year, a country) and hold at most one line per column.

A placeholder cell ("－", "-", "N/A", "…") is an empty cell.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from extractors.entities.countries import country_forms
from extractors.lexicon import lexicon
from extractors.relations.table_cells import ordinal_patterns, shape
from extractors.text import fold
from pipeline.load.blocks import width
from schemas.records import LANGS

_GAP = re.compile(r" {2,}|[ \u3000]*\u3000[ \u3000]*")  # between cells of an aligned line
_SENTENCE_END = re.compile(r"(?:[。．!?！？:：;；、,，]|\s\S+\.)$")  # "No." is a label, "…held." not
MIN_DATA_ROWS = 2
MAX_LABEL = 30  # display width of a header label
MAX_KEY = 24  # display width of a one-cell-per-line row key
MAX_LINE = 1000  # characters of an aligned table's line
MAX_ROW_LINES = 8  # lines of one one-cell-per-line row
HEADER_SHARE = 0.5  # of a one-cell-per-line header's labels that must have a header word


@dataclass(frozen=True, slots=True)
class Raw:
    """A literal cell as it stands in the text: its stripped span ('' for an empty cell)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Grid:
    """Rows of literal cells found in the text: `headers` rows on top (`wrapped`: one header
    written over those lines); `repair` when rows may have dropped empty cells."""

    rows: list[list[Raw]]
    n_cols: int
    headers: int
    source: str
    wrapped: bool = False
    repair: bool = False

    @property
    def start(self) -> int:
        return min(c.start for r in self.rows for c in r if c.text)

    @property
    def end(self) -> int:
        return max(c.end for r in self.rows for c in r if c.text)


@cache
def _empty_words() -> frozenset[str]:
    return frozenset(w.casefold() for lang in LANGS for w in lexicon(lang, "tables")["empty_cells"])


def _cell(text: str, start: int, end: int) -> Raw:
    """The stripped cell of text[start:end]; a placeholder keeps its place but reads empty."""
    piece = text[start:end]
    s = start + len(piece) - len(piece.lstrip())
    value = piece.strip()
    if shape(value) == "blank" or value.casefold() in _empty_words():
        return Raw(s, s, "")
    return Raw(s, s + len(value), value)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, blank ones too."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _filled(row: list[Raw]) -> list[Raw]:
    return [c for c in row if c.text]


@cache
def _header_words() -> re.Pattern:
    """Words of column headers in any language (tables.yaml): a header line names its columns."""
    words: set[str] = set()
    for lang in LANGS:
        for key, value in lexicon(lang, "tables").items():
            if key.endswith("headers") or key in ("totals", "header_words", "what"):
                for item in value:
                    words |= set(item["words"]) if isinstance(item, dict) else {item}
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))), re.IGNORECASE)


def _labels(row: list[Raw], share: float = 0.0) -> bool:
    """True for a header line: at least two short labels, the first column's not a value (a
    dated news line is no header), none a number or a sentence, and more than `share` of them
    (at least one) with a header word."""
    cells = _filled(row)
    if len(cells) < 2 or shape(row[0].text) not in ("text", "blank") or not all(
            shape(c.text) != "num" and width(c.text) <= MAX_LABEL
            and not _SENTENCE_END.search(c.text) for c in cells):
        return False
    named = sum(bool(_header_words().search(c.text)) for c in cells)
    return named > 0 and named >= share * len(cells)


def _valued(row: list[Raw]) -> bool:
    return any(shape(c.text) in ("num", "date") for c in row)


def _enough_data(data: list[list[Raw]]) -> bool:
    """At least two data rows, most of them with a number or a date (a table states values)."""
    return len(data) >= MIN_DATA_ROWS and sum(map(_valued, data)) * 2 >= len(data)


def _free(spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    return not any(a < e and s < b for a, b in spans for s, e in taken)


# --- tab-separated ---------------------------------------------------------------------------


def _tsv(text: str, taken: list[tuple[int, int]]) -> Iterator[Grid]:
    """Runs of consecutive lines with a tab after their first cell, header line first."""
    run: list[tuple[int, int]] = []
    for a, b in _lines(text) + [(len(text), len(text))]:
        if "\t" in text[a:b].lstrip() and text[a:b].strip():
            run.append((a, b))
            continue
        if len(run) >= 1 + MIN_DATA_ROWS and _free(run, taken):
            grid = _tsv_grid([_tab_cells(text, a, b) for a, b in run])
            if grid:
                yield grid
        run = []


def _tab_cells(text: str, a: int, b: int) -> list[Raw]:
    """The cells of one line between its tabs, empty ones in place."""
    edges = [a] + [a + i + 1 for i, ch in enumerate(text[a:b]) if ch == "\t"] + [b + 1]
    return [_cell(text, s, e - 1) for s, e in itertools.pairwise(edges)]


def _tsv_grid(rows: list[list[Raw]]) -> Grid | None:
    """The grid when most lines have the same number of cells and none has more filled ones."""
    n_cols = Counter(len(r) for r in rows).most_common(1)[0][0]
    if any(c.text for r in rows for c in r[n_cols:]):
        return None
    rows = [r[:n_cols] for r in rows]
    fits = sum(len(r) == n_cols for r in rows)
    if n_cols < 2 or fits * 3 < len(rows) * 2:
        return None
    if not _labels(rows[0]) or not _enough_data(rows[1:]):
        return None
    return Grid(rows, n_cols, 1, "text-tsv")


# --- whitespace-aligned ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Chunk:
    raw: Raw
    x0: int  # display columns [x0, x1) of the cell on its line
    x1: int


def _chunks(text: str, a: int, b: int) -> list[_Chunk]:
    """The cells of a line split at wide gaps, with their display columns."""
    line = text[a:b].rstrip()
    indent = len(line) - len(line.lstrip())
    out, pos, x = [], indent, width(line[:indent])
    for m in [*_GAP.finditer(line, indent), None]:
        end = m.start() if m else len(line)
        if end > pos:
            cell_width = width(line[pos:end])
            out.append(_Chunk(_cell(text, a + pos, a + end), x, x + cell_width))
            x += cell_width
        if m:
            x += width(m.group())
            pos = m.end()
    return out


def _aligned(text: str, taken: list[tuple[int, int]]) -> Iterator[Grid]:
    """Runs of lines of 2+ cells; one blank or short one-cell line may sit between two of them
    (a header's second line, a row with only its key). Lines with tabs end a run."""
    run: list[list[_Chunk]] = []
    spans: list[tuple[int, int]] = []
    pending: list[_Chunk] | None = None  # the line that joins if a line of 2+ cells follows
    for a, b in _lines(text) + [(len(text), len(text))]:
        end = a == len(text)  # the end of the text flushes the run (a last table row has no line break after it)
        line = text[a:b]
        tab = "\t" in line or len(line) > MAX_LINE  # a wider line is no table row
        split = not tab and _GAP.search(line.strip()) is not None
        chunks = _chunks(text, a, b) if split or (run and not tab) else []
        if len(chunks) >= 2:
            run += [pending] if run and pending else []
            run.append(chunks)
            spans.append((a, b))
            pending = None
        elif run and pending is None and not tab and not end and (
                not chunks or width(chunks[0].raw.text) <= MAX_LABEL):
            pending = chunks
        else:
            if len(run) >= 1 + MIN_DATA_ROWS and _free(spans, taken):
                grid = _aligned_grid(run)
                if grid:
                    yield grid
            run, spans, pending = [], [], None


def _columns(lines: list[list[_Chunk]]) -> list[tuple[int, int]] | None:
    """Display extents of the columns, from the lines with the most cells; None when those
    lines do not line up (a cell of one reaches into the next column of another)."""
    n = max(len(c) for c in lines)
    full = [c for c in lines if len(c) == n]
    if len(full) < 2:
        return None
    extents = [(min(c[k].x0 for c in full), max(c[k].x1 for c in full)) for k in range(n)]
    if any(extents[k][1] > extents[k + 1][0] for k in range(n - 1)):
        return None
    return extents


def _place(chunks: list[_Chunk], extents: list[tuple[int, int]]) -> list[Raw] | None:
    """A line's cells in their columns (the one each overlaps most, else the nearest within
    two characters); None when a cell fits no column or two cells share one."""
    row = [Raw(0, 0, "")] * len(extents)
    last = -1
    for ch in chunks:
        reach = [min(ch.x1, e) - max(ch.x0, s) for s, e in extents]  # < 0: minus the distance
        col = max(range(len(extents)), key=lambda k: reach[k])
        if reach[col] < -2 or col <= last:
            return None
        row[col], last = ch.raw, col
    while row and not row[-1].text:
        row.pop()
    return row


def _aligned_grid(lines: list[list[_Chunk]]) -> Grid | None:
    """Cells placed by their columns when the lines line up, else by their order when every
    line has the same number of cells (cells set off by one full-width space, not aligned)."""
    extents = _columns(lines)
    if extents is not None:
        placed = [_place(chunks, extents) for chunks in lines]
    elif len({len(c) for c in lines}) == 1:
        placed = [[c.raw for c in chunks] for chunks in lines]
    else:
        return None
    rows = [r for r in placed if r is not None]
    if len(rows) < len(placed) or not _labels(rows[0]) or len(rows) < 2:
        return None
    second = rows[1]
    wrapped = not _valued(second) and _under(second, rows[0]) and (
        len(_filled(second)) >= 2 or not second[0].text)
    headers = 2 if wrapped else 1
    if not _enough_data(rows[headers:]):
        return None
    return Grid(rows, max(map(len, rows)), headers, "text-aligned", wrapped=wrapped)


def _under(row: list[Raw], top: list[Raw]) -> bool:
    """True when every cell of `row` is a short label under a label of `top` (a header's
    second line)."""
    return all(col < len(top) and top[col].text and width(c.text) <= MAX_LABEL
               and not _SENTENCE_END.search(c.text) for col, c in enumerate(row) if c.text)


# --- one cell per line -----------------------------------------------------------------------

_BRACKETED = re.compile(r"\s*(?:[(（][^()（）]{1,16}[)）])?")


def _key_kind(line: str) -> str | None:
    """What kind of row key a whole line is: 'ordinal' (第1回, Lần thứ 2, 3rd, with at most a
    bracketed note: 第1回（2014年）), 'date' (a year or a month), 'country', or None."""
    if len(line) > 2 * MAX_KEY:
        return None
    t = fold(line).strip()
    if not t or width(t) > MAX_KEY:
        return None
    for pattern in (p for lang in LANGS for p in ordinal_patterns(lang)):
        m = pattern.match(t)
        if m and _BRACKETED.fullmatch(t, m.end()):
            return "ordinal"
    if shape(t) == "date" and not _SENTENCE_END.search(t):
        return "date"
    forms, _ = country_forms()
    return "country" if forms.get(t) else None


def _one_per_line(text: str, taken: list[tuple[int, int]]) -> Iterator[Grid]:
    """Header labels, then rows cut at key lines of one kind (see `_cell_rows`)."""
    lines = [(a, b) for a, b in _lines(text) if text[a:b].strip()]
    kinds = [_key_kind(text[a:b]) for a, b in lines]
    i = 0
    while i < len(lines):
        if kinds[i] is None:
            i += 1
            continue
        grid, i = _cell_rows(text, lines, kinds, i)
        if grid and _free([(grid.start, grid.end)], taken):
            yield grid


def _cell_rows(text: str, lines: list[tuple[int, int]], kinds: list[str | None], first: int
               ) -> tuple[Grid | None, int]:
    """The table whose first row key is lines[first] (rows run from one key line to the next,
    each no longer than the usual row; the header is the line of labels, or the n label lines,
    right before the first key), and the line index to look on from."""
    keys = [first]
    k = first + 1
    while k < len(lines) and _gap(text, lines[k - 1], lines[k]) <= 1 and k - keys[-1] <= MAX_ROW_LINES:
        if kinds[k] == kinds[first]:
            keys.append(k)
        k += 1
    lengths = [b - a for a, b in itertools.pairwise(keys)]
    if len(keys) < MIN_DATA_ROWS:
        return None, first + 1
    n = Counter(lengths).most_common(1)[0][0]
    values = [text[slice(*lines[j])].strip() for j in keys]
    header = _header_lines(text, lines, first, n) if n >= 2 and max(lengths) <= n else None
    if header is None or len(set(values)) < len(values):
        return None, keys[-1] + 1
    spread = max(_gap(text, lines[j], lines[j + 1]) for j in range(first, keys[-1]))
    end = keys[-1] + 1
    while end < min(keys[-1] + n, len(lines)) and _gap(text, lines[end - 1], lines[end]) <= spread \
            and kinds[end] != kinds[first]:
        end += 1
    bounds = keys + [end]
    rows = [header] + [[_cell(text, *lines[j]) for j in range(s, e)]
                       for s, e in itertools.pairwise(bounds)]
    if not _enough_data(rows[1:]):
        return None, end
    return Grid(rows, n, 1, "text-lines", repair=any(len(r) < n for r in rows[1:])), end


def _gap(text: str, prev: tuple[int, int], nxt: tuple[int, int]) -> int:
    """Blank lines between two lines."""
    return text.count("\n", prev[1], nxt[0]) - 1


def _header_lines(text: str, lines: list[tuple[int, int]], first: int, n: int) -> list[Raw] | None:
    """The n header labels above the first key: one line of n labels split by tabs or wide
    gaps, or n short label lines."""
    if first >= 1:
        a, b = lines[first - 1]
        one = _tab_cells(text, a, b) if "\t" in text[a:b] else [c.raw for c in _chunks(text, a, b)]
        if len(one) == n and _labels(one, HEADER_SHARE) and len(_filled(one)) == n:
            return one
    if first >= n:
        cells = [_cell(text, *lines[j]) for j in range(first - n, first)]
        gaps = [_gap(text, lines[j], lines[j + 1]) for j in range(first - n, first)]
        if max(gaps) <= 1 and _labels(cells, HEADER_SHARE) and len(_filled(cells)) == n and not any(
                _key_kind(c.text) for c in cells):
            return cells
    return None


def find_grids(text: str, taken: list[tuple[int, int]]) -> list[Grid]:
    """Tab-separated, aligned and one-cell-per-line tables outside the `taken` spans, in text
    order; a region is read by the first detector that finds a table there."""
    taken = list(taken)
    grids: list[Grid] = []
    for detect in (_tsv, _aligned, _one_per_line):
        for grid in detect(text, taken):
            grids.append(grid)
            taken.append((grid.start, grid.end))
    return sorted(grids, key=lambda g: g.start)
