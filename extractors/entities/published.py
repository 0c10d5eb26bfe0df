"""The date a document gives itself (its publication date): a labelled date, a dateline, or
(for resolving yearless dates only) the first full date near its top.

    en: "Published: 14 Nov 2025" · "TOKYO, 18 November 2025 –" · vi: "Ngày đăng: 12/03/2026"
    ja: "公開日：2025年6月3日" · "2025年6月3日 公開"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from extractors.base import Context
from extractors.entities.dates import RESOLVED, SENTENCE_END, Day
from extractors.lexicon import alternation, lexicon
from extractors.memo import per_document
from schemas.records import LANGS, DateMention

HEAD_BLOCKS = 40  # a page's own date stands after its menus and headings, within these blocks
FIRST_BLOCKS = 6  # without a label or dateline, the first full date of these blocks is the page's
LABEL_LINE = 100  # a label without a colon ("Posted on ...") opens a byline this short at most
DATELINE_HEAD = 40  # characters a dateline's place (or weekday) may take before its date
_SEPARATORS = "|｜/・•·:：【[［(（<>»«-–—,，、"
_LABEL_CLOSE = re.compile(r"\s*[:：】\]］]")
_LABEL_GAP = re.compile(r"[\s)）\]］】]*")
_DATELINE_TAIL = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[–—―-]\s(?!\s*\d)")  # not a range
# A byline's time before its date ("Jane Doe - 09:15, 17/08/2018") and a date glued to the
# source tag after it ("04/10/2024Agency"): both scraped datelines.
_HEAD_TIME = re.compile(r"\b[0-2]?\d[:h][0-5]\d(?::[0-5]\d)?\b")
_GLUED = re.compile(r"[A-Za-z]")
_OPEN_BRACKETS = ("(", "（")
_CLOSE_ALONE = re.compile(r"\s*[)）]\s*")  # what follows a date alone in its brackets
_TIME_MARKS = r"[\s\d:：.,|｜()（）\[\]/+-]*"  # digits and marks of a time (07:32, (10:30))


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


@per_document
def document_date(ctx: Context) -> Day | None:
    """The document's own date (see `document_date_of`), once all its dates are found: it is
    worked out once per document (dates resolved later are no evidence, so it stays true)."""
    return document_date_of(
        DatedSpot(m.value, i, m.start, m.end, seg.text, seg.lang, m.rule == RESOLVED)
        for i, seg in enumerate(ctx.segments[:HEAD_BLOCKS])
        for m in ctx.found.get(i, ())
        if isinstance(m, DateMention)
    )


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
    return next((as_day(s.value) for s in days if s.block < FIRST_BLOCKS), None)


def publication_of(spots: Iterable[DatedSpot]) -> tuple[Day, str] | None:
    """The date a document states as its own and what states it: `label` (a publication or
    update label, step 1 of `document_date_of`) or `dateline` (step 2); None when nothing
    does (the first date of a text is no publication date)."""
    return _stated(_days(spots))


def _days(spots: Iterable[DatedSpot]) -> list[DatedSpot]:
    """The full days named (not resolved) in the first HEAD_BLOCKS blocks, in text order."""
    return sorted(
        (s for s in spots if s.block < HEAD_BLOCKS and not s.derived and is_day(s.value)),
        key=lambda s: (s.block, s.start),
    )


def _stated(days: list[DatedSpot]) -> tuple[Day, str] | None:
    for kind in ("published", "updated"):
        if labelled := next((s for s in days if _labelled(s, days, kind)), None):
            return as_day(labelled.value), "label"
    if dateline := next((s for s in days if _dateline(s)), None):
        return as_day(dateline.value), "dateline"
    return None


def is_day(value: str) -> bool:
    return len(value) == 10 and value[:4].isdigit()


def as_day(value: str) -> Day:
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
                and not SENTENCE_END.search(gap)
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
    if head in _OPEN_BRACKETS and not s.text[: s.start].strip(" \t(（"):
        return _bracketed_alone(s)
    if len(head) > DATELINE_HEAD or head and (head[-1] not in ",，|｜•·" or any(c.isdigit() for c in head)):
        return False
    return bool(_DATELINE_TAIL.match(s.text, s.end) or _time_tail(s.lang).fullmatch(s.text, s.end))


def _bracketed_alone(s: DatedSpot) -> bool:
    """A date alone in brackets as its whole block: the date a news item gives itself at its
    foot ("（2025年7月9日）", "(12/03/2026)"); not a bracketed date within a sentence."""
    return bool(_CLOSE_ALONE.fullmatch(s.text, s.end))


@cache
def _time_tail(lang: str) -> re.Pattern:
    """What may follow a date that stands alone in its line: a time and its words (07:32 PM)."""
    words = alternation(lexicon(lang if lang in LANGS else "en", "dates")["time_words"]) or "(?!)"
    return re.compile(rf"{_TIME_MARKS}(?:(?:{words}){_TIME_MARKS})*", re.IGNORECASE)
