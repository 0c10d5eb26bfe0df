"""What a table's columns are about, from their header cells (data/<lang>/tables.yaml): which
column holds a kind of key, what a count column counts and in which unit, which columns are
breakdowns of another, which name an amount of money."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import Context, Segment
from extractors.lexicon import lexicon
from extractors.entities.money import find_money
from extractors.relations.table_cells import shape
from extractors.text import flatten
from schemas.records import LANGS, MoneyMention, Table


def header_words(lang: str, key: str) -> list:
    """A tables.yaml list: the segment's language first, then the other languages."""
    order = [lang] + [code for code in LANGS if code != lang]
    return [w for code in order for w in lexicon(code, "tables").get(key, [])]


def has_word(text: str, words: list[str]) -> bool:
    low = text.casefold()
    return any(w.casefold() in low for w in words)


def headers_of(table: Table, col: int) -> list[str]:
    """The header texts above a column, most specific (lowest) last, each on one line (a header
    wrapped over lines, "Số dự án⏎đã đăng ký", reads as one phrase, and so does a cell noted
    "wrapped header" with the cell above it)."""
    cells = sorted((c for c in table.cells if c.header and c.col == col), key=lambda c: c.row)
    texts: list[str] = []
    for c in cells:
        if c.note == "wrapped header" and texts:
            texts[-1] += "\n" + c.text
        elif c.text.strip():
            texts.append(c.text)
    return list(dict.fromkeys(flatten(t) for t in texts))


def what_of(headers: list[str], lang: str) -> str | None:
    """The `what` of a column: a mapped name (registered, issuing, …) or the header's own text."""
    for part in reversed(headers):
        for entry in header_words(lang, "what"):
            if has_word(part, entry["words"]):
                return entry["what"]
    return headers[-1] if headers else None


def unit_named(headers: list[str], lang: str) -> str | None:
    """The unit header words name for the numbers below them ('件数' → project; a named measure,
    'Registered', counts projects), or None."""
    for part in reversed(headers):
        for entry in header_words(lang, "count_headers"):
            if has_word(part, entry["words"]):
                return entry["unit"]
    for part in reversed(headers):
        for entry in header_words(lang, "what"):
            if entry.get("unit") and has_word(part, entry["words"]):
                return entry["unit"]
    return None


def measured_column(headers: list[str], lang: str) -> bool:
    """True for a column of measurements (tCO2, MW, %): its numbers are not counts."""
    return any(has_word(part, header_words(lang, "measure_headers")) for part in headers)


def group_of(table: Table, col: int) -> list[int]:
    """The columns under the same top header cell as `col` (a colspan or a flattened span)."""
    if table.header_rows < 2:
        return [col]
    top = {c.col: c.text for c in table.cells if c.header and c.row == 0}
    lo = hi = col
    while lo > 0 and top.get(lo - 1) and top.get(lo - 1) == top.get(col):
        lo -= 1
    while top.get(hi + 1) and top.get(hi + 1) == top.get(col):
        hi += 1
    return list(range(lo, hi + 1))


def numeric(table: Table, col: int) -> bool:
    shapes = Counter(shape(c.text) for c in table.cells if not c.header and c.col == col)
    shapes.pop("blank", None)
    return bool(shapes) and shapes.most_common(1)[0][0] == "num"


def parts_of(table: Table, col: int) -> list[int]:
    """The columns a total column sums: the rest of its header group, else the run of number
    columns right before it."""
    group = group_of(table, col)
    if len(group) > 1:
        return [c for c in group if c != col]
    parts, c = [], col - 1
    while c >= 0 and numeric(table, c):
        parts.append(c)
        c -= 1
    return parts


def breakdowns(table: Table, whats: dict[int, str | None], lang: str) -> set[int]:
    """Columns that split a total into unnamed parts beside a named measure (設備補助 | フロン補助
    | ADB拠出 | 合計): the table states its facts in the named measure and the total, so the
    other parts give no facts."""
    measures = {e["what"] for e in header_words(lang, "what")} - {"total"}
    out: set[int] = set()
    for col, what in whats.items():
        parts = parts_of(table, col) if what == "total" else []
        if any(whats[p] in measures for p in parts):
            out |= {p for p in parts if whats[p] not in measures}
    return out


def money_words(headers: list[str], lang: str) -> str | None:
    """The currency words of a money column's header ('Vốn đầu tư (triệu USD)' → 'triệu USD')."""
    for part in reversed(headers):
        for words in re.findall(r"[(（]([^()（）]+)[)）]", part) + [part]:
            if money_in("1", words.strip(), lang):
                return words.strip()
    return None


def money_in(value: str, words: str, lang: str) -> MoneyMention | None:
    """A cell's number read with the currency words of its header, by the money extractor."""
    tokens = words.split()
    around = [" ".join([*tokens[:k], value, *tokens[k:]]) for k in range(len(tokens) + 1)]
    for probe in (f"{value}{words}", f"{words}{value}", *around):
        found = list(find_money(Segment(text=probe, lang=lang), Context()))
        if len(found) == 1 and found[0].surface.strip() == probe.strip():
            return found[0]
    return None


@dataclass(frozen=True)
class Columns:
    """What each column of one table is about, read in one language. Every row of a table asks
    the same questions of its headers, so `columns` answers them once per table."""

    lang: str
    headers: tuple[list[str], ...]  # headers_of each column
    whats: dict[int, str | None]  # what_of each column
    units: tuple[str | None, ...]  # unit_named of each column's headers
    table_unit: str | None  # the first column's named unit, else the caption's
    numbered: tuple[bool, ...]  # a number column that is not a row-number (index) column
    measured: tuple[bool, ...]  # measured_column
    money: tuple[str | None, ...]  # money_words
    breakdowns: frozenset[int]

    def column(self, key: str, skip: int | None = None) -> int | None:
        """The leftmost column (other than `skip`) whose header has one of the `key` words."""
        words = header_words(self.lang, key)
        return next((c for c, hs in enumerate(self.headers)
                     if c != skip and any(has_word(h, words) for h in hs)), None)


@lru_cache(maxsize=16)
def columns(table: Table, lang: str) -> Columns:
    """The `Columns` of `table` in `lang` (kept for the last few tables: a document's rows come
    table by table)."""
    headers = tuple(headers_of(table, c) for c in range(table.n_cols))
    whats = {c: what_of(hs, lang) for c, hs in enumerate(headers)}
    units = tuple(unit_named(hs, lang) for hs in headers)
    index = header_words(lang, "index_headers")
    return Columns(
        lang=lang, headers=headers, whats=whats, units=units,
        table_unit=next((u for u in units if u), None) or unit_named([table.caption], lang),
        numbered=tuple(numeric(table, c) and not any(has_word(h, index) for h in hs)
                       for c, hs in enumerate(headers)),
        measured=tuple(measured_column(hs, lang) for hs in headers),
        money=tuple(money_words(hs, lang) for hs in headers),
        breakdowns=frozenset(breakdowns(table, whats, lang)),
    )
