"""Calendar dates → DateMention: ISO 8601 cut to its precision (2021-11-24, 2013-07, 2050).

Patterns are data (`data/<lang>/dates.yaml`): regexes with named groups for year, era year,
month, day and the second end of a range or list, matched on the text with full-width digits
folded. Overlapping matches keep the longest. A day without a year gets `--MM-DD`; the
`date_years` extractor (extractors/entities/date_years.py), which runs after all dates are found, adds
its resolved full date from a year in the same sentence or the document's own date
(extractors/entities/published.py), and gives a month without a year its resolved `YYYY-MM` (FORMAT.md
has no yearless month). Times of day, durations and years inside document numbers are not dates.

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
from extractors.memo import recent
from extractors.entities.numbers import fold, parse_number
from extractors.text import word_ends_at
from schemas.records import LANGS, DateMention

YEARS = range(1900, 2101)  # a 4-digit number outside this range is not read as a year
RESOLVED = "date_years"  # the rule of a date resolved from another one
# An address or a file name: a URL, a host with its path (env.go.jp/press/2023/04/05/x.html) or
# a name with a file extension (image_2024-05-12.png). Their digits are no dates.
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w.@-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,6}/\S+"
    r"|(?<![\w.])[A-Za-z0-9_.~%+-]+\.(?i:pdf|html?|php|aspx?|jpe?g|png|gif|docx?|xlsx?|pptx?|zip|csv)\b"
)
SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)|\n\s*\n")
_BARE_YEAR = re.compile(r"\s*((?:19|20)\d\d)\s*")
_BLANK_LINE = re.compile(r"\n\s*\n")

Ymd = tuple[int | None, int | None, int | None]
Day = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    kind: str  # "date", "same_year" or "yearless_month"
    regex: re.Pattern
    split: bool = False  # a list of years: each end is a date of its own span (in 2023 and 2024)


@dataclass(frozen=True, slots=True)
class Found:
    """One accepted pattern match in a text, with the dates it names."""

    start: int
    end: int
    pattern: Pattern
    dates: tuple[Ymd, ...]
    parts: tuple[tuple[int, int], ...] = ()  # each date's own span, for a split list


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
        "D": r"(?<![\d.,/:A-Za-z])(?P<d>[0-3]?\d)",  # not COP28, G20
        "ERA": r"(?<![A-Za-z])(?P<era>%s)\s*(?P<ey>\d{1,2}|%s|[一二三四五六七八九十]{1,3})"
        % (alt("eras"), alt("first_year")),
        "TO": "(?:%s)" % alt("range_words"),
        "AND": "(?:%s)" % alt("list_words"),
        "PART": "(?:%s)" % alt("month_parts"),
        "MON": r"(?<![A-Za-z])(?P<mon>%s)(?![A-Za-z])" % (alternation(_months(lang)) or "(?!)"),
        "MON2": r"(?<![A-Za-z])(?P<mon2>%s)(?![A-Za-z])" % (alternation(_months(lang)) or "(?!)"),
        "ORD": r"(?:\s?(?:%s)(?![A-Za-z]))?" % alternation(data["ordinal_suffixes"])
        if data["ordinal_suffixes"] else "",  # 6th, 6 th
        **data["macros"],
    }

    def expand(regex: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: macros.get(m.group(1), m.group(0)), regex)

    return tuple(
        Pattern(p["name"], p.get("kind", "date"), re.compile(expand(p["regex"])), bool(p.get("split")))
        for p in data["patterns"]
    )


@cache
def _months(lang: str) -> dict[str, int]:
    """Month names as written and in capitals (a heading's OCTOBER 2025); not in lower case,
    where "may" and "mar" are other words."""
    months = lexicon(lang, "dates")["months"]
    return {**months, **{name.upper(): n for name, n in months.items()}}


def _year(g: dict[str, str | None], lang: str) -> int | None:
    """The year a match names: 4 digits, 2 digits (20YY) or an era year; None if none."""
    data = lexicon(lang, "dates")
    if g.get("y"):
        return _int(g["y"], lang)
    if g.get("yy"):
        return 2000 + int(g["yy"])
    if g.get("era"):
        n = 1 if g["ey"] in data["first_year"] else parse_number(g["ey"], lang)
        return data["eras"][g["era"]] + int(n) - 1 if n else None
    return None


def _int(digits: str, lang: str) -> int:
    """A year, month or day as written: ASCII digits, or kanji numerals (二〇二四, 十五)."""
    return int(digits) if digits.isascii() else int(parse_number(digits, lang) or 0)


def _dates(m: re.Match, lang: str) -> tuple[Ymd, ...]:
    """The (year, month, day) triples a match names: one, or both ends of a range or list.

    A list's middle day (dm) is a date too. A year written once names both ends; when the month goes down between them (28/12 to
    2/1/2026) the end without its own year is in the adjacent year. A range or list within
    one month ascends (10-12 February), so "20-18/11" names nothing.
    """
    g = m.groupdict()
    months = _months(lang)
    year = _year(g, lang)
    month = _int(g["m"], lang) if g.get("m") else months.get(g.get("mon") or "")
    if g.get("ym") is not None and year is not None and month == (year + 1) % 100:
        return ()  # 2011/12 written as a year and a month is the span of two years
    if any(k.startswith("cap_") and v is not None and not _capitalised(v) for k, v in g.items()):
        return ()  # a dateline's place and lede, a schedule line's first word: "Hà Nội, 27/9 – Thành phố…"
    day = _int(g["d"], lang) if g.get("d") else None
    month2 = int(g["m2"]) if g.get("m2") else months.get(g.get("mon2") or "")
    if g.get("d2"):
        day2 = int(g["d2"])
        if not month2 and day2 <= (day or 0):
            return ()
        month2 = month2 or month
        year1 = year2 = year
        if year is not None and month and month2 < month:
            if m.start("y" if g.get("y") else "era" if g.get("era") else "yy") > m.start("d2"):
                year1 = year - 1
            else:
                year2 = year + 1
        if g.get("dm"):  # the middle day of a list (3, 4 and 5 June), in the first day's month
            mid = int(g["dm"])
            if not (day or 0) < mid < (day2 if month2 == month else 32):
                return ()
            return (year1, month, day), (year1, month, mid), (year2, month2, day2)
        return (year1, month, day), (year2, month2, day2)
    if month2:  # a span of months: across a new year when the month goes down (November to February)
        year1 = year2 = year
        if year is not None and month and month2 < month:
            if m.start("y" if g.get("y") else "era" if g.get("era") else "yy") > m.start("mon2" if g.get("mon2") else "m2"):
                year1 = year - 1
            else:
                year2 = year + 1
        return (year1, month, day), (year2, month2, None)
    if g.get("y2"):
        return (year, month, day), (int(g["y2"]), None, None)
    if g.get("ey2") and g.get("era"):  # 令和5～7年度: the second end's year in the same era, later
        year2 = lexicon(lang, "dates")["eras"][g["era"]] + int(g["ey2"]) - 1
        return ((year, month, day), (year2, None, None)) if year is not None and year2 > year else ()
    return ((year, month, day),)


def valid(ymd: Ymd) -> bool:
    """True for a possible date; a day without a month (18日から20日) may be any of 1-31."""
    y, m, d = ymd
    if y is not None and y not in YEARS:
        return False
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None:
        return 1 <= d <= (calendar.monthrange(y or 2000, m)[1] if m else 31)
    return True


def iso(ymd: Ymd) -> tuple[str, str] | None:
    """(value, precision) of a triple: 2021-11-24/day, --08-25/day, 2013-07/month, 2050/year."""
    y, m, d = ymd
    if d is not None and m is not None:
        return (f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"), "day"
    if y is None:
        return None
    return (f"{y:04d}-{m:02d}", "month") if m else (f"{y:04d}", "year")


@recent
def find(text: str, lang: str) -> list[Found]:
    """Non-overlapping date matches in `text` (longest first), outside URLs and document numbers."""
    folded = fold(text)
    urls = [u.span() for u in _URL.finditer(folded)]
    doc_numbers = tuple(lexicon(lang, "dates")["doc_number_after"])
    issuers = tuple(lexicon(lang, "dates")["doc_number_issuers"])
    numbered = tuple(lexicon(lang, "dates")["doc_number_before"])
    candidates = []
    for rank, pattern in enumerate(_patterns(lang)):
        for m in pattern.regex.finditer(folded):
            if any(a <= m.start() < b for a, b in urls):
                continue
            if doc_numbers and _numbered_after(folded, _skip_space(folded, m.end(), 1), doc_numbers, issuers):
                continue
            if numbered and word_ends_at(folded, _skip_space(folded, m.start(), -1), numbered):
                continue
            dates = _dates(m, lang)
            if all(y is None for y, _, _ in dates) and _BLANK_LINE.search(m.group()):
                continue  # "in July\n\n4 Financing…": a yearless day across paragraphs is a heading number
            if dates and all(valid(d) for d in dates):
                parts = ((m.start(), m.end("y")), (m.start("y2"), m.end())) if pattern.split else ()
                candidates.append((m.start() - m.end(), rank, Found(m.start(), m.end(), pattern, dates, parts)))
    taken: list[Found] = []
    for _, _, f in sorted(candidates, key=lambda c: c[:2]):
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def _numbered_after(text: str, at: int, kinds: tuple[str, ...], issuers: tuple[str, ...]) -> bool:
    """True when a document number's kind starts at `at`, or after its issuer (環境省告示第)."""
    issuer = next((w for w in issuers if text.startswith(w, at)), "")
    return text.startswith(kinds, at) or bool(issuer) and text.startswith(kinds, at + len(issuer))


def _skip_space(text: str, at: int, step: int) -> int:
    """The offset past the whitespace that runs from `at` forwards (step 1) or back (-1): where
    text[at:].lstrip() starts or text[:at].rstrip() ends, without copying the rest of the text."""
    if step > 0:
        while at < len(text) and text[at].isspace():
            at += 1
    else:
        while at > 0 and text[at - 1].isspace():
            at -= 1
    return at


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the sentence of `text` that holds offset `pos`."""
    start, end = 0, len(text)
    for m in SENTENCE_END.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.end()
            break
    return start, end


def _named_before(found: list[Found], before: int, ctx: Context) -> list[tuple[int | None, int | None]]:
    """(year, month) of the dates named before offset `before`, the last first: in this text,
    then earlier in the document."""
    here = [(y, m) for f in found if f.end <= before and f.pattern.kind == "date" for y, m, _ in f.dates]
    earlier = [_ymd(m.value)[:2] for m in ctx.doc_dates()]
    return here[::-1] + earlier[::-1]


def _ymd(value: str) -> Ymd:
    """(year, month, day) of an ISO value cut to precision, or of a yearless --MM-DD."""
    if value.startswith("--"):
        return None, int(value[2:4]), int(value[5:7])
    parts = [int(p) for p in value.split("-")] + [None, None]
    return parts[0], parts[1], parts[2]


def date_mention(seg: Segment, f: Found, ymd: Ymd, rule: str, part: int = 0) -> DateMention | None:
    """The mention of one date of a match: its span is the match's, or its own in a split list."""
    value = iso(ymd)
    if value is None:
        return None
    start, end = f.parts[part] if f.parts else (f.start, f.end)
    return DateMention(
        start=start, end=end, surface=seg.text[start:end], rule=rule,
        value=value[0], precision=value[1],  # type: ignore[arg-type]
    )


def _table_years(seg: Segment, ctx: Context) -> Iterator[DateMention]:
    """Table cells that are just a year, in a column whose header names years (採択年度, Year,
    Năm) in any of the languages: a short row ('Campuchia | 2014') may read as another
    language than its table's header."""
    markers = tuple(w for lang in LANGS for w in lexicon(lang, "dates")["year_headers"])
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

    ja: 2023年5月10日及び11日 → 2023-05-10, 2023-05-11 · 同年6月19日 → (last year named)-06-19
        · 2025年11月 … 18日から20日 → 2025-11-18, 2025-11-20
    vi: ngày 14 tháng 10 năm 2021 → 2021-10-14 · (15/8) → --08-15 · 18–20/11 → --11-18, --11-20
    en: 24 and 25 August 2020 → 2020-08-24, 2020-08-25 · from 10 February to 2 March → --02-10, --03-02
    Months without a year and days without a month are left to `resolve_years`.
    """
    found = find(seg.text, seg.lang)
    for f in found:
        kind = f.pattern.kind
        if kind in ("yearless_month", "news_day"):
            continue
        if kind == "local_day":
            local = local_day(f, found, None)
            mention = date_mention(seg, f, local, f.pattern.name) if local else None
            if mention:
                yield mention
            continue
        if kind == "short_year" and _names_era(ctx, seg.lang):
            continue
        earlier = _named_before(found, f.start, ctx) if kind in ("same_year", "same_month") else []
        for k, (y, m, d) in enumerate(f.dates):
            if kind == "same_year":
                y = next((y for y, _ in earlier if y), None)
                if y is None:
                    continue
            elif kind == "same_month":
                y, m = next(((y, m) for y, m in earlier if m), (None, None))
                if m is None or not valid((y, m, d)):
                    continue
            mention = date_mention(seg, f, (y, m, d), f.pattern.name, k)
            if mention:
                yield mention
    if seg.kind in ("table_row", "table_cell"):
        yield from _table_years(seg, ctx)



def _names_era(ctx: Context, lang: str) -> bool:
    """True when the document names a year of an era anywhere (令和6年, 平成25年度, R6): its
    two-digit years (26年度) may be that era's, so they are not read as 20YY."""
    era = _era_regex(lang)
    return any(era.search(seg.text) for seg in ctx.segments)


@cache
def _era_regex(lang: str) -> re.Pattern:
    data = lexicon(lang, "dates")
    return re.compile(r"(?<![A-Za-z])(?:%s)\s*(?:\d|%s)" % (alternation(data["eras"]) or "(?!)",
                                                          alternation(data["first_year"]) or "(?!)"))


def _capitalised(words: str) -> bool:
    """True when every word starts with a capital letter or a digit and none is a single letter
    (Hà Nội, Thành, 8h00; not "Nhóm A", "đạt")."""
    return all((w[0].isupper() or w[0].isdigit()) and len(w) > 1 for w in words.split())


def local_day(f: Found, found: list[Found], year_of) -> Day | None:
    """The day a "local time" day (現地時間8日) names: the day of the date just before it, in
    that date's month and year (the month before when the local day is later, across midnight
    at a month's start). A yearless date before it takes the year `year_of(found, month, day)`
    gives (None: no year, then nothing)."""
    day = f.dates[0][2]
    before = [g for g in found if g.end <= f.start and g.pattern.kind == "date" and g.dates[-1][1]]
    if not before or day is None:
        return None
    g = before[-1]
    year, month, anchor = g.dates[-1]
    if year is None:
        year = year_of(g, month, anchor) if year_of and anchor else None
    if year is None:
        return None
    if anchor is not None and day > anchor:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return (year, month, day) if valid((year, month, day)) else None


def parse_date(text: str, lang: str) -> tuple[str, str] | None:
    """(value, precision) of a single table cell: '2013年7月', 'tháng 7/2013', 'July 2013', '2019'."""
    bare = _BARE_YEAR.fullmatch(fold(text))
    if bare and int(bare.group(1)) in YEARS:
        return bare.group(1), "year"
    for f in find(text, lang):
        if f.pattern.kind == "date" and f.dates[0][0] is not None:
            return iso(f.dates[0])
    return None
