"""Calendar dates → DateMention: ISO 8601 cut to its precision (2021-11-24, 2013-07, 2050).

Patterns are data (`data/<lang>/dates.yaml`): regexes with named groups for year, era year,
month, day and the second end of a range or list, matched on the text with full-width digits
folded. Overlapping matches keep the longest. A day without a year gets `--MM-DD`; the
`date_years` extractor, which runs after all dates are found, adds its resolved full date
from a year in the same sentence or the document's own date. Times of day, durations and
years inside document numbers are not dates.

    ja: 令和3年4月1日 → 2021-04-01 · 2025〜2027年度 → 2025, 2027 · 6月29日 → --06-29
    vi: ngày 22/7/2025 → 2025-07-22 · tháng 10/2024 → 2024-10 · năm 2013 → 2013
    en: 14 Oct 2021 → 2021-10-14 · 28 Oct 24 → 2024-10-28 · FY2015 → 2015
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from extractors.base import Context, Segment, extractor
from extractors.lexicon import alternation, lexicon
from extractors.numbers import fold, parse_number
from schemas.records import DateMention

YEARS = range(1900, 2101)  # a 4-digit number outside this range is not read as a year
DOC_DATE_SEGMENTS = 6  # a document's own date stands in its first blocks
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)|\n\s*\n")
_BARE_YEAR = re.compile(r"\s*((?:19|20)\d\d)\s*")

Ymd = tuple[int | None, int | None, int | None]


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    kind: str  # "date", "same_year" or "yearless_month"
    regex: re.Pattern


@dataclass(frozen=True, slots=True)
class Found:
    """One accepted pattern match in a text, with the dates it names."""

    start: int
    end: int
    pattern: Pattern
    dates: tuple[Ymd, ...]


@cache
def _patterns(lang: str) -> tuple[Pattern, ...]:
    """The language's patterns with their macros ({Y}, {MON}, {TO}, ...) expanded."""
    data = lexicon(lang, "dates")

    def alt(key: str) -> str:
        return alternation(data[key]) or "(?!)"

    macros = {
        "_": r"\s*",
        "Y": r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)",
        "M": r"(?<!\d)(?P<m>[01]?\d)",
        "D": r"(?<![\d.,/])(?P<d>[0-3]?\d)",
        "ERA": r"(?P<era>%s)\s*(?P<ey>\d{1,2}|%s|[一二三四五六七八九十]{1,3})"
        % (alt("eras"), alt("first_year")),
        "TO": "(?:%s)" % alt("range_words"),
        "AND": "(?:%s)" % alt("list_words"),
        "PART": "(?:%s)" % alt("month_parts"),
        "MON": r"(?<![A-Za-z])(?P<mon>%s)(?![a-z])" % alt("months"),
        "ORD": "(?:%s)?" % alternation(data["ordinal_suffixes"]) if data["ordinal_suffixes"] else "",
        **data["macros"],
    }

    def expand(regex: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: macros.get(m.group(1), m.group(0)), regex)

    return tuple(
        Pattern(p["name"], p.get("kind", "date"), re.compile(expand(p["regex"])))
        for p in data["patterns"]
    )


def _year(g: dict[str, str | None], lang: str) -> int | None:
    """The year a match names: 4 digits, 2 digits (20YY) or an era year; None if none."""
    data = lexicon(lang, "dates")
    if g.get("y"):
        return int(g["y"])
    if g.get("yy"):
        return 2000 + int(g["yy"])
    if g.get("era"):
        n = 1 if g["ey"] in data["first_year"] else parse_number(g["ey"], lang)
        return data["eras"][g["era"]] + int(n) - 1 if n else None
    return None


def _dates(m: re.Match, lang: str) -> tuple[Ymd, ...]:
    """The (year, month, day) triples a match names: one, or both ends of a range or list."""
    g = m.groupdict()
    year = _year(g, lang)
    month = int(g["m"]) if g.get("m") else lexicon(lang, "dates")["months"].get(g.get("mon") or "")
    day = int(g["d"]) if g.get("d") else None
    out = [(year, month, day)]
    if g.get("d2"):
        out.append((year, int(g["m2"]) if g.get("m2") else month, int(g["d2"])))
    elif g.get("m2"):
        out.append((year, int(g["m2"]), None))
    elif g.get("y2"):
        out.append((int(g["y2"]), None, None))
    return tuple(out)


def _valid(ymd: Ymd) -> bool:
    y, m, d = ymd
    if y is not None and y not in YEARS:
        return False
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None:
        return m is not None and 1 <= d <= calendar.monthrange(y or 2000, m)[1]
    return True


def iso(ymd: Ymd) -> tuple[str, str] | None:
    """(value, precision) of a triple: 2021-11-24/day, --08-25/day, 2013-07/month, 2050/year."""
    y, m, d = ymd
    if d is not None and m is not None:
        return (f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"), "day"
    if y is None:
        return None
    return (f"{y:04d}-{m:02d}", "month") if m else (f"{y:04d}", "year")


def find(text: str, lang: str) -> list[Found]:
    """Non-overlapping date matches in `text` (longest first), outside URLs and document numbers."""
    folded = fold(text)
    urls = [u.span() for u in _URL.finditer(folded)]
    doc_numbers = lexicon(lang, "dates")["doc_number_after"]
    candidates = []
    for rank, pattern in enumerate(_patterns(lang)):
        for m in pattern.regex.finditer(folded):
            if any(a <= m.start() < b for a, b in urls):
                continue
            if doc_numbers and folded[m.end() :].lstrip().startswith(tuple(doc_numbers)):
                continue
            dates = _dates(m, lang)
            if all(_valid(d) for d in dates):
                candidates.append((m.start() - m.end(), rank, Found(m.start(), m.end(), pattern, dates)))
    taken: list[Found] = []
    for _, _, f in sorted(candidates, key=lambda c: c[:2]):
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the sentence of `text` that holds offset `pos`."""
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.end()
            break
    return start, end


def _same_year(found: list[Found], before: int, ctx: Context) -> int | None:
    """The last year named before offset `before`: in this text, else earlier in the document."""
    years = [d[0] for f in found if f.end <= before and f.pattern.kind == "date" for d in f.dates if d[0]]
    if years:
        return years[-1]
    earlier = [m.value[:4] for m in ctx.doc_dates() if m.value[:4].isdigit()]
    return int(earlier[-1]) if earlier else None


def _sentence_years(text: str, found: list[Found], pos: int) -> list[int]:
    """Distinct years named in the sentence around `pos`, nearest first (preceding ones first)."""
    lo, hi = sentence_span(text, pos)
    before = [d[0] for f in found if lo <= f.start < pos for d in f.dates if d[0]]
    after = [d[0] for f in found if pos < f.start < hi for d in f.dates if d[0]]
    return list(dict.fromkeys(before[::-1] + after))


def _mention(seg: Segment, f: Found, ymd: Ymd, rule: str) -> DateMention | None:
    value = iso(ymd)
    if value is None:
        return None
    return DateMention(
        start=f.start, end=f.end, surface=seg.text[f.start : f.end], rule=rule,
        value=value[0], precision=value[1],  # type: ignore[arg-type]
    )


def _table_years(seg: Segment, ctx: Context) -> Iterator[DateMention]:
    """Table cells that are just a year, in a column whose header names years (採択年度, Year)."""
    markers = tuple(lexicon(seg.lang, "dates")["year_headers"])
    lo, hi = seg.offset, seg.offset + len(seg.text)
    for table in ctx.tables:
        for cell in table.cells:
            if cell.header or not lo <= cell.start < hi:
                continue
            m = _BARE_YEAR.fullmatch(cell.text)
            if m and int(m.group(1)) in YEARS and any(k in table.header_of(cell.col) for k in markers):
                start = cell.start - lo + cell.text.index(m.group(1))
                yield DateMention(
                    start=start, end=start + 4, surface=seg.text[start : start + 4],
                    rule="table_year", value=m.group(1), precision="year",
                )


@extractor("dates", DateMention)
def find_dates(seg: Segment, ctx: Context) -> Iterator[DateMention]:
    """Calendar dates named in the segment, both ends of ranges and lists, yearless days as --MM-DD.

    ja: 2020年8月24日及び25日 → 2020-08-24, 2020-08-25 · 同年6月19日 → (last year named)-06-19
    vi: ngày 14 tháng 10 năm 2021 → 2021-10-14 · (15/8) → --08-15
    en: 24 and 25 August 2020 → 2020-08-24, 2020-08-25 · In June (…fiscal year 2021) → 2021-06
    """
    found = find(seg.text, seg.lang)
    for f in found:
        kind = f.pattern.kind
        for y, m, d in f.dates:
            if kind == "same_year":
                y = _same_year(found, f.start, ctx)
            elif kind == "yearless_month":
                years = _sentence_years(seg.text, found, f.start)
                y = years[0] if len(years) == 1 else None
            if kind != "date" and y is None:
                continue
            mention = _mention(seg, f, (y, m, d), f.pattern.name)
            if mention:
                yield mention
    if seg.kind in ("table_row", "table_cell"):
        yield from _table_years(seg, ctx)


def _doc_date(ctx: Context) -> tuple[int, int, int] | None:
    """The document's own date: the first full day date in its first blocks."""
    for i in sorted(ctx.found):
        if i >= DOC_DATE_SEGMENTS:
            break
        for m in ctx.found[i]:
            if isinstance(m, DateMention) and m.precision == "day" and m.value[:4].isdigit():
                y, mo, d = m.value.split("-")
                return int(y), int(mo), int(d)
    return None


@extractor("date_years", DateMention)
def resolve_years(seg: Segment, ctx: Context) -> Iterator[DateMention]:
    """The full date of each yearless day, from a year in its sentence or the document's date.

    A year in the same sentence wins unless it is more than a year away from the document's
    own date (a target year such as 2050). From the document's date, a day more than half a
    year after it is read as the year before.
    ja: 令和5年7月5日 … 6月29日 → 2023-06-29 · vi: 17/08/2018 … (15/8) → 2018-08-15
    """
    here = [m for m in ctx.here(DateMention) if m.value[:4].isdigit()]
    doc = _doc_date(ctx)
    for m in ctx.here(DateMention):
        if not m.value.startswith("--"):
            continue
        month, day = int(m.value[2:4]), int(m.value[5:7])
        lo, hi = sentence_span(seg.text, m.start)
        near = sorted(
            (x for x in here if lo <= x.start < hi and x.start != m.start),
            key=lambda x: (x.start > m.start, abs(x.start - m.start)),
        )
        year = int(near[0].value[:4]) if near else None
        if doc and (year is None or abs(year - doc[0]) > 1):
            year = doc[0] - ((month, day) > _half_year_after(doc))
        if year is None or not _valid((year, month, day)):
            continue
        yield DateMention(
            start=m.start, end=m.end, surface=m.surface, rule="date_years",
            value=f"{year:04d}-{month:02d}-{day:02d}", precision="day",
        )


def _half_year_after(doc: tuple[int, int, int]) -> tuple[int, int]:
    """(month, day) half a year after the document's date, or (13, 0) when that is next year."""
    _, month, day = doc
    return (month + 6, day) if month <= 6 else (13, 0)


def parse_date(text: str, lang: str) -> tuple[str, str] | None:
    """(value, precision) of a single table cell: '2013年7月', 'tháng 7/2013', 'July 2013', '2019'."""
    bare = _BARE_YEAR.fullmatch(fold(text))
    if bare and int(bare.group(1)) in YEARS:
        return bare.group(1), "year"
    for f in find(text, lang):
        if f.pattern.kind == "date" and f.dates[0][0] is not None:
            return iso(f.dates[0])
    return None
