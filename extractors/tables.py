"""Table rows → facts. A row's key entity (a country) is the subject of the counts in its cells,
each named by its column header; a signing-date column makes the row a bilateral document
between the row's country and the table's counterpart; a totals row gives counts with no
subject; a meeting table (date and venue columns) gives one event per row.

Header words are data: `data/<lang>/tables.yaml`. Cells the table repair left ambiguous and
empty cells give no facts.

    ja: ベトナム | 2013年7月 | 11件 (JCM登録済み) → CountMention(11, project, VNM, registered),
        AgreementMention(bilateral_document, [JPN, VNM], 2013-07)
    en: Total | 12 countries | 40 → CountMention(12, country, None, partner_countries), …
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from extractors.base import Context, Segment, extractor
from extractors.counts import parse_count
from extractors.dates import parse_date
from extractors.lexicon import lexicon
from extractors.numbers import fold, parse_decimal
from extractors.places import find_places
from schemas.records import (
    LANGS, AgreementMention, Cell, CountMention, CountryMention, EventMention, Mention, Table,
)

CONTEXT_SEGMENTS = 8  # segments before a table searched for its counterpart country
PARTNER_COUNTRIES = "partner_countries"  # `what` of a totals row's country count


_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,.])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_BLANK = re.compile(r"[-–—―ー−/・*\s]+")


def shape(text: str) -> str:
    """Coarse value shape of a cell: 'date' (a short cell with a year), 'num' (one number with
    at most a short word around it: '5件', '3 projects'), 'text', 'blank' (empty or a dash)."""
    t = fold(text).strip()
    if not t or _BLANK.fullmatch(t):
        return "blank"
    if _YEAR.search(t) and len(t) <= 25:
        return "date"
    m = _NUMBER.search(t)
    rest = t[m.end():] if m else ""
    if m and m.start() <= 3 and len(rest.strip()) <= 12 and not _NUMBER.search(rest):
        return "num"
    return "text"


def number(text: str, lang: str) -> int | float | None:
    """The first number of a cell ('72件' → 72, '1,084' → 1084), or None."""
    m = _NUMBER.search(fold(text))
    return parse_decimal(m.group(), lang) if m else None


@cache
def _totals_words() -> frozenset[str]:
    return frozenset(w.casefold() for lang in LANGS for w in lexicon(lang, "tables")["totals"])


def is_total(text: str) -> bool:
    """True for a totals label: 合計, Total, Tổng cộng, 'Total (projects)'."""
    t = re.sub(r"\s+", " ", text).strip().casefold()
    return any(t == w or t.startswith(w + " ") or t.startswith(w + "(") for w in _totals_words())


def _words(lang: str, key: str) -> list:
    """A tables.yaml list: the segment's language first, then the other languages."""
    order = [lang] + [code for code in LANGS if code != lang]
    return [w for code in order for w in lexicon(code, "tables").get(key, [])]


def _has(text: str, words: list[str]) -> bool:
    low = text.casefold()
    return any(w.casefold() in low for w in words)


def _headers(table: Table, col: int) -> list[str]:
    """The header texts above a column, most specific (lowest) last."""
    cells = sorted((c for c in table.cells if c.header and c.col == col), key=lambda c: c.row)
    return list(dict.fromkeys(c.text for c in cells))


def _column(table: Table, lang: str, key: str, skip: int | None = None) -> int | None:
    """The leftmost column (other than `skip`) whose header has one of the `key` words."""
    words = _words(lang, key)
    return next((c for c in range(table.n_cols)
                 if c != skip and any(_has(h, words) for h in _headers(table, c))), None)


def what_of(headers: list[str], lang: str) -> str | None:
    """The `what` of a column: a mapped name (registered, issuing, …) or the header's own text."""
    for part in reversed(headers):
        for entry in _words(lang, "what"):
            if _has(part, entry["words"]):
                return entry["what"]
    return headers[-1] if headers else None


def _unit_named(headers: list[str], lang: str) -> str | None:
    """The unit header words name for the numbers below them ('件数' → project), or None."""
    for part in reversed(headers):
        for entry in _words(lang, "count_headers"):
            if _has(part, entry["words"]):
                return entry["unit"]
    return None


def _row(seg: Segment, ctx: Context) -> tuple[Table, list[Cell]] | None:
    """The table and the data row whose cells lie inside the segment."""
    lo, hi = seg.offset, seg.offset + len(seg.text)
    for table in ctx.tables:
        for r in range(table.header_rows, table.n_rows):
            cells = table.row(r)
            if cells and all(lo <= c.start and c.end <= hi for c in cells):
                return table, cells
    return None


def _count(cell: Cell, table: Table, lang: str) -> tuple[int | float, str] | None:
    """(value, unit) of a count cell: a number with a counter (a vague counter takes the unit a
    header names), or a bare number under a header that names the thing counted (a total
    column counts what the table's other headers name)."""
    headers = _headers(table, cell.col)
    named = (_unit_named(_headers(table, c), lang) for c in range(table.n_cols))
    table_unit = next((u for u in named if u), None)
    own = _unit_named(headers, lang) or (table_unit if what_of(headers, lang) == "total" else None)
    found = parse_count(cell.text, lang)
    if found is not None:
        value, unit = found[0], found[1]
        return value, unit if unit not in (None, "other") else own or table_unit or "other"
    if own and re.fullmatch(r"\d+(?:[.,]\d{3})*", fold(cell.text).strip()):
        value = number(cell.text, lang)
        return (value, own) if value is not None else None
    return None


def _country(seg: Segment, ctx: Context, cell: Cell | None) -> CountryMention | None:
    """The country the row is about: the one named in its key cell, else the first in the row."""
    countries = [m for m in ctx.here(CountryMention) if isinstance(m, CountryMention)]
    if cell is not None:
        inside = [m for m in countries
                  if cell.start <= m.start + seg.offset and m.end + seg.offset <= cell.end]
        if inside:
            return inside[0]
    return countries[0] if countries else None


def _counterpart(table: Table, ctx: Context, lang: str, row_iso: str) -> str | None:
    """The other party of the table's signings: the owner of a mechanism named in the caption or
    the text before the table (JCM → Japan), else the country most named outside the table."""
    first = min(c.start for c in table.cells)
    before = [i for i, s in enumerate(ctx.segments) if s.offset + len(s.text) <= first]
    nearby = " ".join([table.caption] + [ctx.segments[i].text for i in before[-CONTEXT_SEGMENTS:]])
    for entry in _words(lang, "mechanisms"):
        if _has(nearby, entry["words"]) and entry["owner"] != row_iso:
            return entry["owner"]
    inside = {s for s, seg in enumerate(ctx.segments) if seg.kind == "table_row"}
    named = Counter(m.iso3 for i, found in ctx.found.items() if i not in inside
                    for m in found if isinstance(m, CountryMention) and m.iso3 != row_iso)
    return named.most_common(1)[0][0] if named else None


def _span(seg: Segment, cells: list[Cell]) -> tuple[int, int, str]:
    start = min(c.start for c in cells) - seg.offset
    end = max(c.end for c in cells) - seg.offset
    return start, end, seg.text[start:end]


def _event(seg: Segment, table: Table, cells: dict[int, Cell], lang: str) -> EventMention | None:
    """One meeting per row of a table with date and venue columns."""
    date_col, place_col = _column(table, lang, "meeting_date_headers"), _column(
        table, lang, "meeting_place_headers")
    if date_col is None or place_col is None or date_col not in cells:
        return None
    parsed = parse_date(cells[date_col].text, lang)
    events = lexicon(lang, "events")
    kind = next((e["kind"] for e in events["kinds"] if re.search(e["pattern"], table.caption)),
                "other")
    ordinal_col = _column(table, lang, "meeting_ordinal_headers")
    ordinal_cell = cells.get(ordinal_col if ordinal_col is not None else min(cells))
    ordinal = _ordinal(ordinal_cell, lang, ordinal_col is not None) if ordinal_cell else None
    places = find_places(cells[place_col].text, lang) if place_col in cells else []
    place = places[0][2] if places else None
    start, end, surface = _span(seg, list(cells.values()))
    return EventMention(start=start, end=end, surface=surface, rule="tables:meeting", kind=kind,
                        ordinal=ordinal, date=parsed[0] if parsed else None, place=place)


def _ordinal(cell: Cell, lang: str, bare: bool) -> int | None:
    """The N of 第N回 / lần thứ N / 5th in a cell (events.yaml's patterns), or a bare N when the
    cell is in the table's ordinal column."""
    text = fold(cell.text).strip()
    if bare and text.isdigit():
        return int(text)
    for pattern in lexicon(lang, "events")["ordinals"]:
        m = re.search(pattern, text)
        if m:
            return int(m.group(1))
    return None


def _row_counts(seg: Segment, table: Table, cells: dict[int, Cell], roles: tuple[int, int | None],
                subject: str | None, totals: bool) -> Iterator[CountMention]:
    """The counts of one row, each named by its column (totals-row counts by 'total_<what>')."""
    key_col, signing = roles
    lang = seg.lang
    whats = {col: what_of(_headers(table, col), lang) for col in range(table.n_cols)}
    # A table with named measures (registered, issuing, …) states its facts in those columns and
    # its total; its other columns are breakdowns (per funding programme) and give no facts.
    measures = {e["what"] for e in _words(lang, "what")} - {"total"}
    known = {c for c, w in whats.items() if w in measures}
    if known:
        known |= {c for c, w in whats.items() if w == "total"} | {key_col, signing}
    for col, cell in cells.items():
        if col in roles and not totals or known and col not in known:
            continue
        count = _count(cell, table, lang)
        if count is None:
            continue
        what = whats[col]
        if totals and count[1] == "country" and col in roles:
            what = PARTNER_COUNTRIES
        elif totals and what != "total":
            what = f"total_{what}"
        start, end = cell.start - seg.offset, cell.end - seg.offset
        yield CountMention(start=start, end=end, surface=seg.text[start:end], rule="tables:count",
                           value=count[0], unit=count[1], subject=subject, what=what)


@extractor("tables", CountMention)
def table_facts(seg: Segment, ctx: Context) -> Iterator[Mention]:
    """Counts, bilateral documents and meetings stated by one table row (see the module doc)."""
    found = _row(seg, ctx) if seg.kind == "table_row" else None
    if found is None:
        return
    table, row = found
    lang = seg.lang
    cells = {c.col: c for c in row if c.text and not c.note.startswith("ambiguous")}
    key_col = _column(table, lang, "key_headers")
    key_col = key_col if key_col is not None else min(cells, default=0)
    signing = _column(table, lang, "signing_headers", skip=key_col)
    key = cells.get(key_col)
    totals = key is not None and is_total(key.text)
    country = None if totals else _country(seg, ctx, key)
    event = _event(seg, table, cells, lang) if signing is None else None
    if event:
        yield event
        return
    yield from _row_counts(seg, table, cells, (key_col, signing), country and country.iso3, totals)
    if signing in cells and country is not None:
        parsed = parse_date(cells[signing].text, lang)
        other = _counterpart(table, ctx, lang, country.iso3)
        if parsed and other:
            start, end, surface = _span(seg, [key, cells[signing]] if key else [cells[signing]])
            yield AgreementMention(start=start, end=end, surface=surface, rule="tables:signing",
                                   kind="bilateral_document",
                                   parties=tuple(sorted({country.iso3, other})), date=parsed[0])
