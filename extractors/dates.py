"""Calendar dates → DateMention: ISO 8601 cut to its precision (2021-11-24, 2013-07, 2050).

Patterns are data (`data/<lang>/dates.yaml`): regexes with named groups for year, era year,
month, day and the second end of a range or list, matched on the text with full-width digits
folded. Overlapping matches keep the longest. A day without a year gets `--MM-DD`; the
`date_years` extractor, which runs after all dates are found, adds its resolved full date
from a year in the same sentence or the document's own date (`document_date`), and gives a
month without a year its resolved `YYYY-MM` (FORMAT.md has no yearless month). Times of day,
durations and years inside document numbers are not dates.

    ja: 令和3年4月1日 → 2021-04-01 · 2025〜2027年度 → 2025, 2027 · 6月29日 → --06-29
    vi: ngày 22/7/2025 → 2025-07-22 · tháng 10/2024 → 2024-10 · năm 2013 → 2013
    en: 14 Oct 2021 → 2021-10-14 · 28 Oct 24 → 2024-10-28 · FY2015 → 2015
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from extractors.base import Context, Segment, extractor
from extractors.lexicon import alternation, lexicon
from extractors.memo import recent
from extractors.numbers import fold, parse_number
from schemas.records import LANGS, DateMention

YEARS = range(1900, 2101)  # a 4-digit number outside this range is not read as a year
HEAD_BLOCKS = 40  # a page's own date stands after its menus and headings, within these blocks
FIRST_BLOCKS = 6  # without a label or dateline, the first full date of these blocks is the page's
LABEL_LINE = 100  # a label without a colon ("Posted on ...") opens a byline this short at most
DATELINE_HEAD = 40  # characters a dateline's place (or weekday) may take before its date
NEAR_NEW_YEAR = 62  # a day named beside a full date is in the adjacent year if that puts it this close
FEW_DAYS = 3  # a page's date may be a few days off the day it speaks of (posted, updated)
RESOLVED = "date_years"  # the rule of a date resolved from another one
_URL = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)|\n\s*\n")
_BARE_YEAR = re.compile(r"\s*((?:19|20)\d\d)\s*")
_SEPARATORS = "|｜/・•·:：【[［(（<>»«-–—,，、"
_LABEL_CLOSE = re.compile(r"\s*[:：】\]］]")
_LABEL_GAP = re.compile(r"[\s)）\]］】]*")
_DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[–—―-]\s(?!\s*\d)")  # not a range
# A byline's time before its date ("Jane Doe - 09:15, 17/08/2018") and a date glued to the
# source tag after it ("04/10/2024Agency"): both scraped datelines.
_HEAD_TIME = re.compile(r"\b[0-2]?\d[:h][0-5]\d(?::[0-5]\d)?\b")
_GLUED = re.compile(r"[A-Za-z]")
_TIME_MARKS = r"[\s\d:：.,|｜()（）\[\]/+-]*"  # digits and marks of a time (07:32, (10:30))

Ymd = tuple[int | None, int | None, int | None]
Day = tuple[int, int, int]


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
        "D": r"(?<![\d.,/:])(?P<d>[0-3]?\d)",
        "ERA": r"(?P<era>%s)\s*(?P<ey>\d{1,2}|%s|[一二三四五六七八九十]{1,3})"
        % (alt("eras"), alt("first_year")),
        "TO": "(?:%s)" % alt("range_words"),
        "AND": "(?:%s)" % alt("list_words"),
        "PART": "(?:%s)" % alt("month_parts"),
        "MON": r"(?<![A-Za-z])(?P<mon>%s)(?![a-z])" % alt("months"),
        "MON2": r"(?<![A-Za-z])(?P<mon2>%s)(?![a-z])" % alt("months"),
        "ORD": r"(?:\s?(?:%s)(?![A-Za-z]))?" % alternation(data["ordinal_suffixes"])
        if data["ordinal_suffixes"] else "",  # 6th, 6 th
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
    """The (year, month, day) triples a match names: one, or both ends of a range or list.

    A year written once names both ends; when the month goes down between them (28/12 to
    2/1/2026) the end without its own year is in the adjacent year. A range or list within
    one month ascends (10-12 February), so "20-18/11" names nothing.
    """
    g = m.groupdict()
    months = lexicon(lang, "dates")["months"]
    year = _year(g, lang)
    month = int(g["m"]) if g.get("m") else months.get(g.get("mon") or "")
    day = int(g["d"]) if g.get("d") else None
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
        return (year1, month, day), (year2, month2, day2)
    if month2:
        return (year, month, day), (year, month2, None)
    if g.get("y2"):
        return (year, month, day), (int(g["y2"]), None, None)
    return ((year, month, day),)


def _valid(ymd: Ymd) -> bool:
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
    doc_numbers = lexicon(lang, "dates")["doc_number_after"]
    numbered = tuple(lexicon(lang, "dates")["doc_number_before"])
    candidates = []
    for rank, pattern in enumerate(_patterns(lang)):
        for m in pattern.regex.finditer(folded):
            if any(a <= m.start() < b for a, b in urls):
                continue
            if doc_numbers and folded[m.end() :].lstrip().startswith(tuple(doc_numbers)):
                continue
            if numbered and folded[: m.start()].rstrip().endswith(numbered):
                continue
            dates = _dates(m, lang)
            if dates and all(_valid(d) for d in dates):
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


def _mention(seg: Segment, f: Found, ymd: Ymd, rule: str) -> DateMention | None:
    value = iso(ymd)
    if value is None:
        return None
    return DateMention(
        start=f.start, end=f.end, surface=seg.text[f.start : f.end], rule=rule,
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

    ja: 2020年8月24日及び25日 → 2020-08-24, 2020-08-25 · 同年6月19日 → (last year named)-06-19
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
            local = _local_day(f, found, None)
            mention = _mention(seg, f, local, f.pattern.name) if local else None
            if mention:
                yield mention
            continue
        earlier = _named_before(found, f.start, ctx) if kind != "date" else []
        for y, m, d in f.dates:
            if kind == "same_year":
                y = next((y for y, _ in earlier if y), None)
                if y is None:
                    continue
            elif kind == "same_month":
                y, m = next(((y, m) for y, m in earlier if m), (None, None))
                if m is None or not _valid((y, m, d)):
                    continue
            mention = _mention(seg, f, (y, m, d), f.pattern.name)
            if mention:
                yield mention
    if seg.kind in ("table_row", "table_cell"):
        yield from _table_years(seg, ctx)


# --- the document's own date ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DatedSpot:
    """A date a document names: its value, its block, its offsets in the block's text, that
    text and its language, and whether it was resolved from another date (then no evidence)."""

    value: str
    block: int
    start: int
    end: int
    text: str
    lang: str
    derived: bool = False


def document_date(ctx: Context) -> Day | None:
    """The document's own date (see `document_date_of`), once all its dates are found: it is
    worked out once per document (dates resolved later are no evidence, so it stays true)."""
    if _LAST[0] is not ctx:
        spots = tuple(
            DatedSpot(m.value, i, m.start, m.end, seg.text, seg.lang, m.rule == RESOLVED)
            for i, seg in enumerate(ctx.segments[:HEAD_BLOCKS])
            for m in ctx.found.get(i, ())
            if isinstance(m, DateMention)
        )
        _LAST[:] = [ctx, document_date_of(spots)]
    return _LAST[1]


_LAST: list = [None, None]  # the last document's context and its date


def document_date_of(spots: Iterable[DatedSpot]) -> Day | None:
    """The date a document gives itself, from the full dates of its first HEAD_BLOCKS blocks
    (a page copied from the web opens with menus, breadcrumbs and headings):

    1. the first date next to a publication label ("Published: 14 Nov 2025", "Ngày đăng:
       12/03/2026", "公開日：2025年6月3日", "報道発表資料 令和7年12月9日", "2025年6月3日 公開";
       labels in data/<lang>/published.yaml), else the first next to an update label;
    2. else the first dateline: a date opening its block after at most a place, weekday or
       byline, followed by a dash ("TOKYO, 18 November 2025 –") or by nothing but a time;
    3. else the first full date of the first FIRST_BLOCKS blocks.
    """
    days = _days(spots)
    if stated := _stated(days):
        return stated[0]
    return next((_day(s.value) for s in days if s.block < FIRST_BLOCKS), None)


def publication_of(spots: Iterable[DatedSpot]) -> tuple[Day, str] | None:
    """The date a document states as its own and what states it: `label` (a publication or
    update label, step 1 of `document_date_of`) or `dateline` (step 2); None when nothing
    does (the first date of a text is no publication date)."""
    return _stated(_days(spots))


def _days(spots: Iterable[DatedSpot]) -> list[DatedSpot]:
    """The full days named (not resolved) in the first HEAD_BLOCKS blocks, in text order."""
    return sorted(
        (s for s in spots if s.block < HEAD_BLOCKS and not s.derived and _is_day(s.value)),
        key=lambda s: (s.block, s.start),
    )


def _stated(days: list[DatedSpot]) -> tuple[Day, str] | None:
    for kind in ("published", "updated"):
        if labelled := next((s for s in days if _labelled(s, days, kind)), None):
            return _day(labelled.value), "label"
    if dateline := next((s for s in days if _dateline(s)), None):
        return _day(dateline.value), "dateline"
    return None


def _is_day(value: str) -> bool:
    return len(value) == 10 and value[:4].isdigit()


def _day(value: str) -> Day:
    y, m, d = value.split("-")
    return int(y), int(m), int(d)


@cache
def _labels(lang: str, kind: str) -> tuple[re.Pattern, int]:
    data = lexicon(lang if lang in LANGS else "en", "published")
    return re.compile("|".join(f"(?:{c})" for c in data[kind]), re.IGNORECASE), int(data["window"])


def _opens(text: str, pos: int) -> bool:
    """True when `pos` opens its block or follows a separator (|, :, 【, a dash, a comma)."""
    before = text[max(0, pos - LABEL_LINE) : pos].rstrip()
    return not before or before[-1] in _SEPARATORS


def _labelled(s: DatedSpot, days: list[DatedSpot], kind: str) -> bool:
    """True when a label of `kind` stands right before the date (within the window, no other
    date between) or right after it. A label counts when a colon or closing bracket follows it,
    or when it opens a short line; one after its date must close that short line's phrase."""
    label, window = _labels(s.lang, kind)
    text, short = s.text, len(s.text.strip()) <= LABEL_LINE
    others = [t.start for t in days if t.block == s.block and t is not s]
    for m in label.finditer(text, max(0, s.start - window - LABEL_LINE), s.end + window):
        if m.end() <= s.start:
            gap = text[m.end() : s.start]
            if (
                len(gap) <= window
                and not _SENTENCE_END.search(gap)
                and not any(m.end() <= o < s.start for o in others)
                and (_LABEL_CLOSE.match(text, m.end()) or short and _opens(text, m.start()))
            ):
                return True
        elif (
            m.start() >= s.end
            and short
            and _LABEL_GAP.fullmatch(text, s.end, m.start())
            and _opens(text, s.start)
            and (m.end() == len(text) or not text[m.end()].isalnum())
        ):
            return True
    return False


def _dateline(s: DatedSpot) -> bool:
    """A dateline: the date opens its block after at most a place, weekday or byline (with its
    time) and a comma or bar ("Hà Nội, 23/01/2026 –", "Monday, 10 March 2025", "By Jane Doe |
    3 May 2025", "Jane Doe - 09:15, 3/5/2025"), and a dash or only a time follows; or a numeric
    date opens a line glued to a Latin word (a scraped date and source tag: "3/5/2025Agency")."""
    line = s.text.rfind("\n", 0, s.start) + 1  # a scraped title may share the block
    if _GLUED.match(s.text, s.end) and s.text[s.start : s.start + 1].isdigit() \
            and not s.text[line : s.start].strip():
        return True
    if s.start > 2 * DATELINE_HEAD:
        return False
    head = _HEAD_TIME.sub("", s.text[: s.start]).strip()
    if len(head) > DATELINE_HEAD or head and (head[-1] not in ",，|｜•·" or any(c.isdigit() for c in head)):
        return False
    return bool(_DATELINE_TAIL.match(s.text, s.end) or _time_tail(s.lang).fullmatch(s.text, s.end))


@cache
def _time_tail(lang: str) -> re.Pattern:
    """What may follow a date that stands alone in its line: a time and its words (07:32 PM)."""
    words = alternation(lexicon(lang if lang in LANGS else "en", "dates")["time_words"]) or "(?!)"
    return re.compile(rf"{_TIME_MARKS}(?:(?:{words}){_TIME_MARKS})*", re.IGNORECASE)


# --- years of yearless days and months ------------------------------------------------------


@extractor("date_years", DateMention)
def resolve_years(seg: Segment, ctx: Context) -> Iterator[DateMention]:
    """The full date of each yearless day, and the month of each month named without a year.

    The year comes from a year named in the same sentence (the nearest; for a month, the only
    one), unless that is more than a year away from the document's own date (a target year such
    as 2050); else from a relative year (昨年, năm nay, next year) or the document's date:
    see `_around`. A day or month said to recur every year gets none.
    ja: 令和5年7月5日 … 6月29日 → 2023-06-29 · vi: 17/08/2018 … (15/8) → 2018-08-15
    en: (14 Nov 2025) … was held in Jakarta in February → 2025-02 · will meet in March → 2026-03
    A day named without its month (ja news: "…で3日、式典が開かれた") takes the month and year
    of the document's date (`_news_day`).
    """
    days = [(m.start, m.end, int(m.value[2:4]), int(m.value[5:7]))
            for m in ctx.here(DateMention) if m.value.startswith("--")]
    found = find(seg.text, seg.lang)
    months = [(f.start, f.end, month, None) for f in found
              if f.pattern.kind == "yearless_month" for _, month, _ in f.dates if month]
    alone = [f for f in found if f.pattern.kind == "news_day"]
    local = [f for f in found if f.pattern.kind == "local_day"]
    if not days and not months and not alone and not local:
        return
    doc = document_date(ctx)
    for f in alone:
        yield from _news_day(seg, f, doc, found)
    dated = [m for m in ctx.here(DateMention) if m.value[:4].isdigit()]
    for f in local:
        ymd = _local_day(f, found, lambda g, m, d: _year_of(seg, g.start, dated, doc, m, d))
        mention = _mention(seg, f, ymd, RESOLVED) if ymd and ymd[0] and not _local_day(f, found, None) else None
        if mention:
            yield mention
    for start, end, month, day in days + months:
        year = _year_of(seg, start, dated, doc, month, day)
        value = iso((year, month, day)) if year is not None and _valid((year, month, day)) else None
        if value:
            yield DateMention(
                start=start, end=end, surface=seg.text[start:end], rule=RESOLVED,
                value=value[0], precision=value[1],  # type: ignore[arg-type]
            )


def _local_day(f: Found, found: list[Found], year_of) -> Day | None:
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
    return (year, month, day) if _valid((year, month, day)) else None


def _news_day(seg: Segment, f: Found, doc: Day | None, found: list[Found]) -> Iterator[DateMention]:
    """A day named without its month, as `--MM-DD` and resolved: the month of a day named before
    it in its sentence ("11月3日に到着し、5日に…"), else the month of the document's date, or the
    month before when the day is after the document's (news reports the recent past) unless
    the sentence speaks of what is to come. None without a document date or in a sentence
    saying it recurs (毎月3日)."""
    day = f.dates[0][2]
    lo, hi = sentence_span(seg.text, f.start)
    sentence = seg.text[lo:hi]
    if doc is None or day is None or _words(seg.lang, "recurring_words").search(sentence):
        return
    year, month = doc[0], doc[1]
    named = [d for g in found if lo <= g.start and g.end <= f.start and g.pattern.kind == "date"
             for d in g.dates if d[1] and d[2]]
    if named:
        year, month = named[-1][0] or _around(doc, named[-1][1], day, None), named[-1][1]
    elif day > doc[2] and _tense(sentence, f.start - lo, seg.lang) != "future":
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if _valid((year, month, day)):
        yield from filter(None, (_mention(seg, f, (None, month, day), f.pattern.name),
                                 _mention(seg, f, (year, month, day), RESOLVED)))


def _year_of(seg: Segment, pos: int, dated: list[DateMention], doc: Day | None, month: int,
             day: int | None) -> int | None:
    """The year of the yearless day (or month, when `day` is None) named at `pos`: from the
    dates of its sentence that are not far from the document's own date (the nearest, preceding
    first; for a month, the only year they name), else from the document's date."""
    lo, hi = sentence_span(seg.text, pos)
    sentence, at = seg.text[lo:hi], pos - lo
    if _words(seg.lang, "recurring_words").search(sentence):
        return None
    near = sorted(
        (x for x in dated if lo <= x.start < hi and x.start != pos
         and (not doc or abs(int(x.value[:4]) - doc[0]) <= 1) and not _target(seg, x)),
        key=lambda x: (x.start > pos, abs(x.start - pos)),
    )
    if near and day is None:
        years = {int(x.value[:4]) for x in near}
        return years.pop() if len(years) == 1 else None
    if near and not _is_day(near[0].value):
        return int(near[0].value[:4])
    if near and _day(near[0].value) != doc:
        return _beside(_day(near[0].value), month, day)
    if doc is None:
        return None
    relative = lexicon(seg.lang, "dates")["relative_years"]
    if said := _nearest(_words(seg.lang, "relative_years").finditer(sentence), at):
        return doc[0] + relative[said.group().lower()]
    return _around(doc, month, day, _tense(sentence, at, seg.lang))


def _target(seg: Segment, x: DateMention) -> bool:
    """True for a year named as a target or deadline (by 2030, đến năm 2030, 2030年までに)."""
    data = lexicon(seg.lang, "dates")
    digit = next((i for i, ch in enumerate(x.surface) if ch.isdigit()), 0)  # "by 2030" is one mention
    before = seg.text[max(0, x.start - 12) : x.start + digit].rstrip().lower()
    return (any(before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum())
                for w in data["target_before"])
            or seg.text[x.end :].lstrip().startswith(tuple(data["target_after"])))


def _beside(anchor: Day, month: int, day: int) -> int:
    """The year of a day named beside a full date: the date's year, or the adjacent one when
    that puts the day within NEAR_NEW_YEAR days of it (28 December 2025 … on January 5)."""
    when = date(*anchor)
    for year in (anchor[0] - 1, anchor[0] + 1):
        if _valid((year, month, day)) and abs((date(year, month, day) - when).days) <= NEAR_NEW_YEAR:
            return year
    return anchor[0]


def _around(doc: Day, month: int, day: int | None, tense: str | None) -> int:
    """The year that puts a yearless day or month where the sentence places it against the
    document's date: what is to come is the next one (on or after the date), what happened the
    most recent one (a day up to FEW_DAYS after the date still counts: a page is dated when it
    was posted or updated). In a sentence without either, a day is the nearest one (a news page
    speaks of the recent past and the near future) and a month the most recent one."""
    year, doc_month, doc_day = doc
    if day is None:
        return year + (month < doc_month) if tense == "future" else year - (month > doc_month)
    when = date(year, doc_month, doc_day)
    options = [(y, date(y, month, day)) for y in (year - 1, year, year + 1) if _valid((y, month, day))]
    if not options:
        return year
    if tense == "future":
        return min((d, y) for y, d in options if d >= when - timedelta(days=FEW_DAYS))[1]
    if tense == "past":
        return max((d, y) for y, d in options if d <= when + timedelta(days=FEW_DAYS))[1]
    return min((abs((d - when).days), d, y) for y, d in options)[2]


def _tense(sentence: str, at: int, lang: str) -> str | None:
    """"future" or "past" by the marker nearest `at` ("will", "sẽ", 予定 / "was", "đã", した),
    None without one. A past word inside a future phrase ("will be held") is no marker."""
    future = list(_words(lang, "future_words").finditer(sentence))
    past = [m for m in _words(lang, "past_words").finditer(sentence)
            if not any(f.start() < m.end() and m.start() < f.end() for f in future)]
    nearest = _nearest(future + past, at)
    return None if nearest is None else "future" if nearest in future else "past"


def _nearest(matches: Iterable[re.Match], at: int) -> re.Match | None:
    return min(matches, key=lambda m: min(abs(m.start() - at), abs(m.end() - at)), default=None)


@cache
def _words(lang: str, key: str) -> re.Pattern:
    """A regex for a word list of dates.yaml: whole words where words are spaced."""
    words = lexicon(lang, "dates")[key]
    body = "|".join(f"(?:{w})" for w in sorted(words, key=len, reverse=True)) or "(?!)"
    spaced = lexicon(lang, "numbers")["word_spacing"]
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if spaced else body, re.IGNORECASE)


def parse_date(text: str, lang: str) -> tuple[str, str] | None:
    """(value, precision) of a single table cell: '2013年7月', 'tháng 7/2013', 'July 2013', '2019'."""
    bare = _BARE_YEAR.fullmatch(fold(text))
    if bare and int(bare.group(1)) in YEARS:
        return bare.group(1), "year"
    for f in find(text, lang):
        if f.pattern.kind == "date" and f.dates[0][0] is not None:
            return iso(f.dates[0])
    return None
