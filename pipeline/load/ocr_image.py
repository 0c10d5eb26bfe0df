"""Page-image steps before OCR: the skew of a scanned page (projection profiles) and the ruled
tables on it (long horizontal and vertical runs of dark pixels), whose rules are erased so
Tesseract reads the cells' words, not the lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

DARK = 140  # gray level under which a pixel is ink
SKEW_RANGE, SKEW_STEP = 3.0, 0.1  # degrees searched for the page's skew


@dataclass(frozen=True, slots=True)
class Grid:
    """A ruled table: the y of its horizontal rules and the x of its vertical rules (pixels)."""

    ys: tuple[int, ...]
    xs: tuple[int, ...]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, col) of the cell holding the point, None outside the table."""
        if not (self.ys[0] < y < self.ys[-1] and self.xs[0] < x < self.xs[-1]):
            return None
        row = sum(1 for v in self.ys[1:-1] if v < y)
        col = sum(1 for v in self.xs[1:-1] if v < x)
        return row, col


def skew_angle(image: Image.Image) -> float:
    """Degrees to turn the page counter-clockwise so its text lines are level: the angle
    whose row profile of ink is sharpest (on a quarter-size copy)."""
    small = image.reduce(4).point(lambda v: 255 if v < DARK else 0)
    if not np.asarray(small).any():
        return 0.0

    def sharpness(angle: float) -> float:
        rows = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    steps = int(round(SKEW_RANGE / SKEW_STEP))
    angles = [i * SKEW_STEP for i in range(-steps, steps + 1)]
    best = max(angles, key=lambda a: (sharpness(a), -abs(a)))
    return round(best, 2)


def has_columns(image: Image.Image) -> bool:
    """Does the page have a gutter: a band in its middle half, at least 1.5% of its width,
    that few of its text rows have ink in? Without one, the page is read as one column (for
    Tesseract's own layout analysis cut lines of Japanese prose where gaps lined up)."""
    ink = np.asarray(image.reduce(2)) < DARK
    text_rows = ink[ink.any(axis=1)]
    if not len(text_rows):
        return False
    share = text_rows.mean(axis=0)
    width = ink.shape[1]
    low = share[width // 4: 3 * width // 4] < 0.1 * share.max()
    return any(b - a + 1 >= 0.015 * width for a, b in _lines(low, gap=1)) if low.any() else False


def _longest_runs(ink: np.ndarray) -> np.ndarray:
    """Length of the longest run of ink in each row of a boolean array."""
    counts = np.cumsum(ink, axis=1)
    at_gaps = np.where(ink, 0, counts)
    runs = counts - np.maximum.accumulate(at_gaps, axis=1)
    return runs.max(axis=1) if ink.shape[1] else np.zeros(ink.shape[0], dtype=int)


def _lines(mask: np.ndarray, gap: int = 2) -> list[tuple[int, int]]:
    """[first, last] index of each group of True values less than `gap` apart."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return []
    breaks = np.flatnonzero(np.diff(idx) > gap)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]]))
    return list(zip(starts.tolist(), ends.tolist()))


def _extent(row: np.ndarray) -> tuple[int, int]:
    """First and last index of the longest run of True in a row (a rule, not the specks)."""
    return max(_lines(row, gap=1), key=lambda r: r[1] - r[0])


def ruled_tables(image: Image.Image) -> tuple[list[Grid], Image.Image]:
    """The ruled tables of an upright, level page, and the page with their rules erased."""
    pixels = np.asarray(image.convert("L")).copy()
    ink = pixels < DARK
    width = ink.shape[1]
    rules = [(a, b) for a, b in _lines(_longest_runs(ink) >= 0.15 * width) if b - a <= 8]
    spans = [(a, b, *_extent(ink[a:b + 1].any(axis=0))) for a, b in rules]
    grids = []
    group: list[tuple[int, int, int, int]] = []
    for span in spans + [None]:
        if span and group and abs(span[2] - group[-1][2]) < 20 and abs(span[3] - group[-1][3]) < 20:
            group.append(span)
            continue
        if len(group) >= 3:
            grid = _grid(ink, group)
            if grid:
                grids.append(grid)
                for a, b, x0, x1 in group:
                    pixels[max(0, a - 1):b + 2, x0:x1 + 1] = 255
                top, bottom = group[0][0], group[-1][1]
                for x in grid.xs:
                    pixels[top:bottom + 1, max(0, x - 4):x + 5] = 255
        group = [span] if span else []
    return grids, Image.fromarray(pixels, "L")


def _grid(ink: np.ndarray, rules: list[tuple[int, int, int, int]]) -> Grid | None:
    """The grid of horizontal `rules` with the vertical rules that run their whole height."""
    top, bottom = rules[0][0], rules[-1][1]
    x0, x1 = min(r[2] for r in rules), max(r[3] for r in rules)
    band = ink[top:bottom + 1, max(0, x0 - 3):x1 + 4].T
    columns = _longest_runs(band) >= 0.9 * (bottom - top)
    xs = [max(0, x0 - 3) + (a + b) // 2 for a, b in _lines(columns) if b - a <= 8]
    if len(xs) < 3:
        return None
    return Grid(ys=tuple((a + b) // 2 for a, b, _, _ in rules), xs=tuple(xs))
