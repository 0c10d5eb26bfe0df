"""Repairing the rows of a text table whose empty cells were dropped, so later cells shifted
left: every order-keeping placement of a row's values into the columns that fits the value shapes
(text / date / number) and the totals (a total column equal to the sum of its parts, column sums
equal to a totals row) is a candidate; a cell whose column is the same in every surviving
candidate is placed (note "repaired"), else it is kept and marked (note "ambiguous: …")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import numpy as np

from extractors.relations.table_cells import is_total, number, shape
from pipeline.load.text_tables_aligned import Raw
from schemas.records import Cell

MAX_PLACEMENTS = 5_000  # shape-fitting placements of one row's values looked at
MAX_STATES = 200_000  # partial column-sum vectors kept while solving the column totals


@dataclass(slots=True)
class _Grid:
    """Column facts the solver needs: shapes, total columns with their parts, a totals row."""

    shapes: list[str]
    totals: dict[int, list[int]]  # total column → its part columns
    lang: str


def column_grid(header: list[Cell], data: list[list[Raw]], n_cols: int, spans, lang: str) -> _Grid:
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


def repaired_cells(data: list[list[Raw]], grid: _Grid, first_row: int) -> list[Cell]:
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
