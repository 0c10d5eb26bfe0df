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
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from extractors.base import Context, Segment, extractor
from extractors.entities.counts import find as find_counts, parse_count
from extractors.entities.dates import parse_date
from extractors.relations.discourse import regex
from extractors.lexicon import lexicon
from extractors.entities.measures import qualify
from extractors.entities.places import find_places
from extractors.relations.table_cells import is_total, number, ordinal_in
from extractors.relations.table_columns import Columns, columns, has_word, header_words, money_in
from extractors.text import fold
from schemas.records import (
    AgreementMention, Cell, CountMention, CountryMention, EventMention, Mention,
    MoneyMention, Table,
)

CONTEXT_SEGMENTS = 8  # segments before a table searched for its counterpart country
ABOVE_BLOCKS = 3  # text blocks just above a table that may state the date of its figures
PARTNER_COUNTRIES = "partner_countries"  # `what` of a totals row's country count




def _table_lang(table: Table, ctx: Context) -> str:
    """The language most of the table's rows are in: a short row ('Lao PDR | Aug 2013 | 3') is
    read in its table's language, not in the one its few words happen to suggest."""
    lo, hi = min(c.start for c in table.cells), max(c.end for c in table.cells)
    langs = Counter(s.lang for s in ctx.segments
                    if s.kind == "table_row" and lo <= s.offset and s.offset + len(s.text) <= hi)
    return langs.most_common(1)[0][0] if langs else ctx.doc_lang


def _row(seg: Segment, ctx: Context) -> tuple[Table, list[Cell]] | None:
    """The table and the data row whose cells lie inside the segment."""
    lo, hi = seg.offset, seg.offset + len(seg.source)
    for table in ctx.tables:
        for r in range(table.header_rows, table.n_rows):
            cells = [c for c in table.row(r) if c.text]  # an empty last cell may be trimmed off
            if cells and all(lo <= c.start and c.end <= hi for c in cells):
                return table, cells
    return None


def _count(cell: Cell, cols: Columns, lang: str) -> tuple[int | float, str] | None:
    """(value, unit) of a count cell: a number with a counter (a vague counter takes the unit a
    header names), or a bare number under a header that names the thing counted. A number
    column whose header names nothing (a total, a year: 令和5年度) counts what the table's other
    headers or its caption name (国別・年度別の採択件数); a row-number column counts nothing."""
    table_unit = cols.table_unit
    own = cols.units[cell.col] or (table_unit if cols.numbered[cell.col] else None)
    found = parse_count(cell.text, lang)
    if found is not None:
        value, unit = found[0], found[1]
        return value, unit if unit not in (None, "other") else own or table_unit or "other"
    if own and re.fullmatch(r"\d+(?:[.,]\d{3})*", fold(cell.text).strip()):
        value = number(cell.text, lang)
        return (value, own) if value is not None else None
    return None


def _countries(ctx: Context, lo: int, hi: int) -> list[CountryMention]:
    """Countries found anywhere in the document span [lo, hi), in text order."""
    out = [(seg.offset + s, m) for i, seg in enumerate(ctx.segments)
           if seg.offset < hi and seg.offset + len(seg.source) > lo
           for m in ctx.found.get(i, []) if isinstance(m, CountryMention)
           for s, e in [seg.to_source(m.start, m.end)]
           if lo <= seg.offset + s and seg.offset + e <= hi]
    return [m for _, m in sorted(out, key=lambda x: x[0])]


def _local(seg: Segment, pos: int) -> int:
    """A document offset as an offset into `seg.text`, whose Japanese line breaks may have been
    taken out (a one-cell-per-line row: "第1回⏎(2016年)⏎東京")."""
    return bisect_left(seg.index_map, pos - seg.offset) if seg.index_map else pos - seg.offset


def _country_keyed(table: Table, ctx: Context, key_col: int) -> bool:
    """True when most data rows name a country in their key cell (a partner-country table),
    False when the key is something else (a province, a sector)."""
    keys = [c for c in table.cells if not c.header and c.col == key_col and c.text
            and not is_total(c.text)]
    named = sum(bool(_countries(ctx, c.start, c.end)) for c in keys)
    return bool(keys) and named * 2 > len(keys)


def _table_country(table: Table, ctx: Context) -> str | None:
    """The one country a table is about, named in its caption (… tại Việt Nam …) or, without
    a caption, in the paragraph right before it; else None."""
    first = min(c.start for c in table.cells)
    caption = table.caption.strip()
    before = sorted(((s, i) for i, s in enumerate(ctx.segments)
                     if s.offset + len(s.text) <= first and s.kind != "table_row"),
                    key=lambda x: -x[0].offset)
    found = next((i for s, i in before if caption and caption in s.text),
                 before[0][1] if before else None)
    isos = {m.iso3 for m in ctx.found.get(found, []) if isinstance(m, CountryMention)}
    return isos.pop() if len(isos) == 1 else None


def _subject(table: Table, ctx: Context, key_col: int, key: Cell | None, totals: bool
             ) -> str | None:
    """The subject of a row's counts: the country in its key cell in a partner-country table
    (none for its totals row); the table's own country when the rows are provinces or sectors."""
    if not _country_keyed(table, ctx, key_col):
        return _table_country(table, ctx)
    if totals or key is None:
        return None
    row = [c for c in table.cells if c.row == key.row]
    inside = _countries(ctx, key.start, key.end) or _countries(
        ctx, min(c.start for c in row), max(c.end for c in row))
    return inside[0].iso3 if inside else None


def _counterpart(table: Table, ctx: Context, lang: str, row_iso: str) -> str | None:
    """The other party of the table's signings: the owner of a mechanism named in the caption or
    the text before the table (JCM → Japan), else the country most named outside the table."""
    first = min(c.start for c in table.cells)
    before = [i for i, s in enumerate(ctx.segments) if s.offset + len(s.text) <= first]
    nearby = " ".join([table.caption] + [ctx.segments[i].text for i in before[-CONTEXT_SEGMENTS:]])
    for entry in header_words(lang, "mechanisms"):
        if has_word(nearby, entry["words"]) and entry["owner"] != row_iso:
            return entry["owner"]
    inside = {s for s, seg in enumerate(ctx.segments) if seg.kind == "table_row"}
    named = Counter(m.iso3 for i, found in ctx.found.items() if i not in inside
                    for m in found if isinstance(m, CountryMention) and m.iso3 != row_iso)
    return named.most_common(1)[0][0] if named else None


def _span(seg: Segment, cells: list[Cell]) -> tuple[int, int, str]:
    start = _local(seg, min(c.start for c in cells))
    end = _local(seg, max(c.end for c in cells))
    return start, end, seg.text[start:end]


def _event(seg: Segment, table: Table, cols: Columns, cells: dict[int, Cell], lang: str
           ) -> EventMention | None:
    """One meeting per row of a table with date and venue columns, or with date and event-name
    columns ("| 12 Jan 2026 | 2nd Joint Committee | Dhaka |"): the name cell gives the row's kind
    and ordinal, else the caption its kind and the first cell the ordinal."""
    date_col, place_col = cols.column("meeting_date_headers"), cols.column("meeting_place_headers")
    name_col = cols.column("meeting_name_headers", skip=date_col)
    name = cells.get(name_col) if name_col is not None else None
    if date_col is None or (place_col is None and name is None) or date_col not in cells:
        return None
    parsed = parse_date(cells[date_col].text, lang)
    events = lexicon(lang, "events")
    kinds = [e for e in events["kinds"] if not (e.get("refers") or e.get("head"))]
    kind = next((e["kind"] for text in ([name.text] if name else []) + [table.caption] for e in kinds
                 if regex(e["pattern"], lang).search(text)), "other")
    ordinal_col = cols.column("meeting_ordinal_headers")
    ordinal_cell = cells.get(ordinal_col) if ordinal_col is not None else name or cells.get(min(cells))
    ordinal = ordinal_in(ordinal_cell, lang, ordinal_col is not None) if ordinal_cell else None
    places = find_places(cells[place_col].text, lang) if place_col in cells else []
    place = places[0][2] if places else None
    start, end, surface = _span(seg, list(cells.values()))
    return EventMention(start=start, end=end, surface=surface, rule="tables:meeting", kind=kind,
                        ordinal=ordinal, date=parsed[0] if parsed else None, place=place)


def _above(table: Table, ctx: Context) -> str:
    """Where a table states the date of its figures: its caption, header cells and the
    ABOVE_BLOCKS text blocks just above it (…(2024年10月時点) before a partner table)."""
    top = min(c.start for c in table.cells)
    before = [s.text for s in ctx.segments if s.kind != "table_row" and s.offset < top][-ABOVE_BLOCKS:]
    headers = [c.text for c in table.cells if c.header]
    return "\n".join([table.caption, *headers, *before])


def _key_count(seg: Segment, ctx: Context, table: Table, cell: Cell, lang: str) -> CountMention | None:
    """The count a totals row states beside its label ('合計（15か国）', 'Total | 7 countries')."""
    found = find_counts(cell.text, lang)
    if not found:
        return None
    c = found[0]
    start, end = _local(seg, cell.start + c.start), _local(seg, cell.start + c.end)
    what = PARTNER_COUNTRIES if c.unit == "country" else f"total_{c.what}"
    measured = qualify(c.unit, cell.text, lang, what, _above(table, ctx))
    return CountMention(start=start, end=end, surface=seg.text[start:end], rule="tables:count",
                        value=c.value, unit=c.unit, subject=None, what=what,
                        measure=measured.measure, period=measured.period, as_of=measured.as_of)


def _row_facts(seg: Segment, ctx: Context, table: Table, cols: Columns, cells: dict[int, Cell],
               roles: tuple[int, int | None], subject: str | None, totals: bool) -> Iterator[Mention]:
    """The counts (and amounts of money) of one row, each named by its column; a totals row's
    counts are named 'total_<what>'. Measurement columns (tCO2, MW, %) give nothing."""
    key_col, signing = roles
    lang = seg.lang
    whats = cols.whats
    skip = cols.breakdowns | {key_col, signing}
    above = _above(table, ctx)
    for col in (key_col, signing) if totals else ():
        key = _key_count(seg, ctx, table, cells[col], lang) if col in cells else None
        if key:
            yield key
    for col, cell in cells.items():
        headers = cols.headers[col]
        if col in skip or cols.measured[col]:
            continue
        start, end = _local(seg, cell.start), _local(seg, cell.end)
        words = cols.money[col]
        if words:
            money = money_in(fold(cell.text).strip(), words, lang)
            if money:
                yield MoneyMention(start=start, end=end, surface=seg.text[start:end],
                                   rule="tables:money", value=money.value,
                                   currency=money.currency, approx=money.approx)
            continue
        count = _count(cell, cols, lang)
        if count is None:
            continue
        what = whats[col]
        if totals and what != "total":
            what = f"total_{what}"
        measured = qualify(count[1], " / ".join(headers), lang, what, above)
        yield CountMention(start=start, end=end, surface=seg.text[start:end], rule="tables:count",
                           value=count[0], unit=count[1], subject=subject, what=what,
                           measure=measured.measure, period=measured.period, as_of=measured.as_of)


@extractor("tables", CountMention)
def table_facts(seg: Segment, ctx: Context) -> Iterator[Mention]:
    """Counts, bilateral documents and meetings stated by one table row (see the module doc)."""
    found = _row(seg, ctx) if seg.kind == "table_row" else None
    if found is None:
        return
    table, row = found
    lang = _table_lang(table, ctx)
    seg = replace(seg, lang=lang)
    cells = {c.col: c for c in row if c.text and not c.note.startswith("ambiguous")}
    cols = columns(table, lang)
    key_col = cols.column("key_headers")
    key_col = key_col if key_col is not None else min(cells, default=0)
    signing = cols.column("signing_headers", skip=key_col)
    key = cells.get(key_col)
    totals = key is not None and is_total(key.text)
    subject = _subject(table, ctx, key_col, key, totals)
    event = _event(seg, table, cols, cells, lang) if signing is None else None
    if event:
        yield event
        return
    yield from _row_facts(seg, ctx, table, cols, cells, (key_col, signing), subject, totals)
    country = None if totals or key is None else (_countries(ctx, key.start, key.end) or [None])[0]
    if signing in cells and country is not None:
        parsed = parse_date(cells[signing].text, lang)
        other = _counterpart(table, ctx, lang, country.iso3)
        if parsed and other:
            start, end, surface = _span(seg, [key, cells[signing]])
            yield AgreementMention(start=start, end=end, surface=surface, rule="tables:signing",
                                   kind="bilateral_document",
                                   parties=tuple(sorted({country.iso3, other})), date=parsed[0])
