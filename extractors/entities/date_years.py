"""The years of yearless days and months (the `date_years` extractor, run after `dates`):
from a year named in the same sentence, a relative year, or the document's own date.

    ja: 令和5年7月5日 … 6月29日 → 2023-06-29 · vi: 17/08/2018 … (15/8) → 2018-08-15
    en: (14 Nov 2025) … was held in Jakarta in February → 2025-02
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from extractors.base import Context, Segment, extractor
from extractors.entities.dates import RESOLVED, Day, Found, date_mention, find, iso, local_day, sentence_span, valid
from extractors.lexicon import alternation, lexicon
from extractors.memo import per_document
from extractors.text import bounded, word_ends_at
from extractors.entities.published import as_day, document_date, is_day
from schemas.records import DateMention

NEAR_NEW_YEAR = 62  # a day named beside a full date is in the adjacent year if that puts it this close
FEW_DAYS = 3  # a page's date may be a few days off the day it speaks of (posted, updated)
HEAD_LINE = 90  # a title line is at most this long
RECENT = 183  # a page speaks of another year's day only this close to its own date (the recent past)


@extractor("date_years", DateMention)
def resolve_years(seg: Segment, ctx: Context) -> Iterator[DateMention]:
    """The full date of each yearless day, and the month of each month named without a year.

    The year comes from a year named in the same sentence (the nearest; for a month, the only
    one), unless that is more than a year away from the document's own date (a target year such
    as 2050); else from a relative year (昨年, năm nay, next year: for a day only, as a month
    of last or next year is a relative date) or the document's date: see `_around`. A day or
    month said to recur every year gets none.
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
    head = None if doc else _head_year(ctx)
    dated = [m for m in ctx.here(DateMention) if m.value[:4].isdigit()]
    for f in alone:
        following = _next_day(seg, f, ctx, lambda a, m, d: _year_of(seg, a, dated, doc, m, d, head))
        yield from [following] if following else _news_day(seg, f, doc, found)
    for f in local:
        ymd = local_day(f, found, lambda g, m, d: _year_of(seg, g.start, dated, doc, m, d, head))
        mention = date_mention(seg, f, ymd, RESOLVED) if ymd and ymd[0] and not local_day(f, found, None) else None
        if mention:
            yield mention
    for start, end, month, day in days + months:
        year = _year_of(seg, start, dated, doc, month, day, head)
        if day is not None and sum(1 for d in days if d[:2] == (start, end)) == 1:  # not a range's end
            year = _by_weekday(seg, start, end, month, day, year, doc, head)
        value = iso((year, month, day)) if year is not None and valid((year, month, day)) else None
        if value:
            yield DateMention(
                start=start, end=end, surface=seg.text[start:end], rule=RESOLVED,
                value=value[0], precision=value[1],  # type: ignore[arg-type]
            )



def _next_day(seg: Segment, f: Found, ctx: Context, year_of) -> DateMention | None:
    """The day a "next day" names (翌14日 after 5/13（月）): the day after the last day named
    before it in its block, when the number is that day's (a yearless one takes the year
    `year_of(start, month, day)` gives); None for any other day or without the 翌."""
    if not seg.text[: f.start].rstrip().endswith(tuple(lexicon(seg.lang, "dates")["next_day_words"])):
        return None
    before = [m for m in ctx.here(DateMention) if m.end <= f.start and (is_day(m.value) or m.value.startswith("--"))]
    if not before:
        return None
    anchor = max(before, key=lambda m: (m.end, m.value[:4].isdigit()))
    y, m, d = (None, *map(int, anchor.value[2:].split("-"))) if anchor.value.startswith("--") \
        else as_day(anchor.value)
    y = y if y is not None else year_of(anchor.start, m, d)
    if y is None:
        return None
    nxt = date(y, m, d) + timedelta(days=1)
    if nxt.day != f.dates[0][2]:
        return None
    return date_mention(seg, f, (nxt.year, nxt.month, nxt.day), RESOLVED)


def _news_day(seg: Segment, f: Found, doc: Day | None, found: list[Found]) -> Iterator[DateMention]:
    """A day named without its month, resolved: the month of a day named before it in its
    sentence ("11月3日に到着し、5日に…"), else the month of the document's date, or the month
    before when the day is after the document's (news reports the recent past) unless the
    sentence speaks of what is to come. It is `--MM-DD` as well only when its sentence names the
    month and no year: a day whose month the text does not give has no yearless value (the
    annotators list a lone day, 現地時間8日, only resolved). None without a document date or
    in a sentence saying it recurs (毎月3日)."""
    day = f.dates[0][2]
    lo, hi = sentence_span(seg.text, f.start)
    sentence = seg.text[lo:hi]
    if doc is None or day is None or _words(seg.lang, "recurring_words").search(sentence):
        return
    year, month = doc[0], doc[1]
    named = [d for g in found if lo <= g.start and g.end <= f.start and g.pattern.kind == "date"
             for d in g.dates if d[1] and d[2]]
    yearless = bool(named) and named[-1][0] is None
    if named:
        year, month = named[-1][0] or _around(doc, named[-1][1], day, None), named[-1][1]
    elif day > doc[2] and _tense(sentence, f.start - lo, seg.lang) != "future":
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if valid((year, month, day)):
        yield from filter(None, (yearless and date_mention(seg, f, (None, month, day), f.pattern.name),
                                 date_mention(seg, f, (year, month, day), RESOLVED)))


def _year_of(seg: Segment, pos: int, dated: list[DateMention], doc: Day | None, month: int,
             day: int | None, head: Head | None = None) -> int | None:
    """The year of the yearless day (or month, when `day` is None) named at `pos`: from the
    dates of its sentence that are not far from the document's own date (the nearest, preceding
    first; for a month, the only year they name), else from the document's date; a day of a
    document without a date takes the year its title line names (`_head_year`; January to
    March of a fiscal year 2024年度 are in 2025), unless its sentence speaks of what is to come
    (a report of 2023 names the next meeting) or the day's month is before the title's."""
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
    if near and not is_day(near[0].value):
        return int(near[0].value[:4])
    if near and as_day(near[0].value) != doc:
        return _beside(as_day(near[0].value), month, day)
    if doc is None:
        if head is None or day is None or head.month and month < head.month \
                or _tense(sentence, at, seg.lang) == "future":
            return None
        return _head_day_year(head, month)
    relative = lexicon(seg.lang, "dates")["relative_years"]
    if said := _nearest(_words(seg.lang, "relative_years").finditer(sentence), at):
        # a month of last or next year (来年3月, tháng 9 năm ngoái) is a relative date, no date;
        # this year's (今年3月, tháng 3 năm nay) is the page's year
        offset = relative[said.group().lower()]
        return doc[0] + offset if day is not None or offset == 0 else None
    return _around(doc, month, day, _tense(sentence, at, seg.lang))


def _by_weekday(seg: Segment, start: int, end: int, month: int, day: int, year: int | None,
                doc: Day | None, head: Head | None = None) -> int | None:
    """The year of a yearless day checked against the weekday written beside it ("Thứ Năm, ngày
    28/11", "5/10（金）", "Monday, May 6"): `year` when the day falls on that weekday there (or no
    weekday is written); else, with a document date, the year next to it (one before, its own or
    one after) where it does and that lies within RECENT days of the date, when there is just one
    (a page dated 20/11/2024 speaking of "Thứ Năm, ngày 28/11" has 2024, whatever its tense).
    Otherwise `year` as it was; without a document date, the title's year (`head`) when the
    weekday fits it, even in a sentence about what is to come ("2023年 研修のご案内" … "5月9日
    （火）に開催します"), else none."""
    weekday = _weekday_beside(seg.text, start, end, seg.lang)
    if weekday is None or year is not None and date(year, month, day).weekday() == weekday:
        return year
    if doc is None:  # a title's year that the weekday belies is not the day's year
        lo, hi = sentence_span(seg.text, start)
        guess = _head_day_year(head, month) if head else None
        fits = guess is not None and valid((guess, month, day)) and date(guess, month, day).weekday() == weekday
        return guess if fits and not _words(seg.lang, "recurring_words").search(seg.text[lo:hi]) else None
    when = date(*doc)
    fits = [y for y in (doc[0] - 1, doc[0], doc[0] + 1) if valid((y, month, day))
            and date(y, month, day).weekday() == weekday and abs((date(y, month, day) - when).days) <= RECENT]
    return fits[0] if len(fits) == 1 else year


def _weekday_beside(text: str, start: int, end: int, lang: str) -> int | None:
    """The weekday (0 = Monday) written right before a day ("Thursday, 28 November", "Thứ 2
    (6/5)", "Thứ Năm, ngày 28/11") or right after it in brackets or after a comma ("5月10日（金）",
    "6 May (Mon)", "May 6, Monday"); None if none."""
    before, after, inside = _weekday_regexes(lang)
    m = (before.search(text, max(0, start - 24), start) or after.match(text, end)
         or inside.search(text, start, end))
    if m is None or not _a_weekday(text, m.start("wd"), m.group("wd"), lang):
        return None
    return lexicon(lang, "dates")["weekdays"][m.group("wd")]


def _a_weekday(text: str, at: int, name: str, lang: str) -> bool:
    """False for a weekday's name that is an ordinal: after a noun that counts (lần thứ 2, kỳ
    họp thứ Bảy: the second time, the seventh session), or written in small letters (thứ 2)
    after any word but one that leads a day (vào thứ 2, sáng thứ hai): Hội nghị thứ 2 (5/1)."""
    data = lexicon(lang, "dates")
    words = re.findall(r"\w+", text[max(0, at - 30) : at])
    word = words[-1].lower() if words and re.search(r"\w\s*$", text[:at]) else ""
    if word in data["weekday_ordinal_before"]:
        return False
    lower_after = data["weekday_lower_after"]
    return not lower_after or name != name.lower() or not word or word in lower_after


@cache
def _weekday_regexes(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a weekday that ends right before a day, one that opens right after it, one inside the
    day's own match: "Friday 6 June", "18日（火）～20日"). Japanese names a weekday by one
    character: only with 曜 or in brackets."""
    names = alternation(lexicon(lang, "dates")["weekdays"]) or "(?!)"
    if lang == "ja":
        bracketed = rf"[(（](?P<wd>{names})(?:曜日?)?(?:[・･][祝休]日?)?[)）]"
        return (re.compile(rf"(?P<wd>{names})曜日?[\s、,]*$"), re.compile(rf"\s*{bracketed}"),
                re.compile(bracketed))
    word = rf"(?<!\w)(?P<wd>{names})(?!\w)\.?"
    # after a comma only a full name (6 May, Monday); an abbreviation only in brackets (6 May
    # (Mon)): "On 4 January, Sun Group signed…"
    full = alternation([n for n in lexicon(lang, "dates")["weekdays"] if not _abbreviation(n, lang)]) or "(?!)"
    return (re.compile(rf"{word}\s*[,(]?\s*(?:(?i:ngày|the|on)\s+)?[(]?\s*$"),
            re.compile(rf"\s*(?:,\s*(?=(?:{full})(?!\w))|\(\s*){word}"), re.compile(word))


def _abbreviation(name: str, lang: str) -> bool:
    """A weekday's short name: Sun, Thurs, T2, CN (three letters or fewer, or the start of another)."""
    return len(name) <= 3 or any(o != name and o.startswith(name) for o in lexicon(lang, "dates")["weekdays"])


class Head(NamedTuple):
    """The year a title names; whether it is a Japanese fiscal year (2024年度: April 2024 to
    March 2025); its month, when it names one (Meeting notes (November 2024))."""
    year: int
    fiscal: bool
    month: int | None


def _head_day_year(head: Head, month: int) -> int:
    return head.year + (head.fiscal and month <= 3)


@per_document
def _head_year(ctx: Context) -> Head | None:
    """The one year the document's first line names when that line is a title (one short
    line: "Field notes: partner visits (spring 2024)", "Lịch công tác (tuần 19/2024)",
    "訪問記（2024年春）"): the year of the yearless days of a page without a date of its own
    (a schedule, a diary, a blog post under its title). None for a target or starting year
    (Roadmap for the 2030 target), when the title names more than one year or the page another
    one (`_other_years`), and for a fiscal year written the English way in an English title
    (FY2024, fiscal year 2024: April to March in Japan, October to September in the US, so
    no month is surely in one calendar year). With the year, whether it is a Japanese fiscal
    year (2024年度 日程表, FY2024 on a Japanese page: April 2024 to March 2025), and its one
    month if it names one."""
    if not ctx.segments or ctx.segments[0].block != 0:
        return None
    seg = ctx.segments[0]
    if "\n" in seg.text.strip() or len(seg.text) > HEAD_LINE:
        return None
    named = [m for m in ctx.found.get(0, ()) if isinstance(m, DateMention) and m.rule != RESOLVED
             and m.value[:4].isdigit() and not _target(seg, m)]
    years = {int(m.value[:4]) for m in named}
    if len(years) != 1 or _other_years(ctx) - years:
        return None
    if any(_fiscal(m) for m in named) and seg.lang != "ja":
        return None
    fiscal = any(m.precision == "year" and (_fiscal(m) or seg.text[m.start : m.end + 1].endswith("年度"))
                 for m in named)
    months = {m.value[5:7] for m in named}
    month = int(months.pop()) if len(months) == 1 and all(m.value[5:7] for m in named) else None
    return Head(years.pop(), fiscal, month)


def _fiscal(m: DateMention) -> bool:
    """True for a fiscal year written as one: 25年度, FY2024, fiscal year 2024, the 2024 financial
    year (not "the year 2024", which en_fiscal_year also reads)."""
    return m.surface.endswith("年度") or bool(_FISCAL.search(m.surface))


_FISCAL = re.compile(r"FY|(?i:fiscal|financial)")


def _other_years(ctx: Context) -> set[int]:
    """The years the document names anywhere (not targets): a title's year dates the page's
    days only when the page names no other year (a review of 2015 written later may name 2024)."""
    return {int(m.value[:4]) for i, seg in enumerate(ctx.segments) for m in ctx.found.get(i, ())
            if isinstance(m, DateMention) and m.rule != RESOLVED and m.value[:4].isdigit()
            and not _target(seg, m)}


def _target(seg: Segment, x: DateMention) -> bool:
    """True for a year that is not the year of what happens beside it: a target or deadline
    (by 2030, đến năm 2030, 2030年までに, the 2030 target) or a starting point (since 1992,
    kể từ năm 2013, 2013年以来)."""
    data = lexicon(seg.lang, "dates")
    digit = next((i for i, ch in enumerate(x.surface) if ch.isdigit()), 0)  # "by 2030" is one mention
    before = seg.text[max(0, x.start - 12) : x.start + digit].rstrip().lower()
    return (word_ends_at(before, len(before), tuple(data["other_year_before"]))
            or seg.text[x.end :].lstrip().startswith(tuple(data["other_year_after"])))


def _beside(anchor: Day, month: int, day: int) -> int:
    """The year of a day named beside a full date: the date's year, or the adjacent one when
    that puts the day within NEAR_NEW_YEAR days of it (28 December 2025 … on January 5)."""
    when = date(*anchor)
    for year in (anchor[0] - 1, anchor[0] + 1):
        if valid((year, month, day)) and abs((date(year, month, day) - when).days) <= NEAR_NEW_YEAR:
            return year
    return anchor[0]


def _around(doc: Day, month: int, day: int | None, tense: str | None) -> int | None:
    """The year that puts a yearless day or month where the sentence places it against the
    document's date: what is to come is the next one (on or after the date), what happened the
    most recent one (a day up to FEW_DAYS after the date still counts: a page is dated when it
    was posted or updated). In a sentence without either, a day is the nearest one (a news page
    speaks of the recent past and the near future) and a month the most recent one.
    A day (or month) that would fall in another year than the document's more than RECENT days
    (six months) from its date gets none: the page's date does not make that year clear (a
    signing "just done" on 20/12 in a page dated 10/11/2024 is no day of 2023 to an annotator)."""
    year, doc_month, doc_day = doc
    if day is None:
        y = year + (month < doc_month) if tense == "future" else year - (month > doc_month)
        return y if y == year or abs((y - year) * 12 + month - doc_month) <= RECENT // 30 else None
    when = date(year, doc_month, doc_day)
    options = [(y, date(y, month, day)) for y in (year - 1, year, year + 1) if valid((y, month, day))]
    if not options:
        return year
    if tense == "future":
        d, y = min((d, y) for y, d in options if d >= when - timedelta(days=FEW_DAYS))
    elif tense == "past":
        d, y = max((d, y) for y, d in options if d <= when + timedelta(days=FEW_DAYS))
    else:
        _, d, y = min((abs((d - when).days), d, y) for y, d in options)
    return y if y == year or abs((d - when).days) <= RECENT else None


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
    return re.compile(bounded(body, lang), re.IGNORECASE)

