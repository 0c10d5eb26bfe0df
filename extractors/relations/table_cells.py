"""What one table cell holds: its shape (blank, year, date, number, count, text), the number it
gives, whether it names a total row, and the ordinal of a numbered meeting (第5回, lần thứ 5, 5th).
The table readers in pipeline/ judge cells by these; the table extractor reads facts with them."""

from __future__ import annotations

import re
from functools import cache

from extractors.relations.discourse import regex
from extractors.lexicon import alternation, lexicon
from extractors.entities.numbers import parse_decimal, parse_number
from extractors.text import fold
from schemas.records import LANGS, Cell

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
    t = re.sub(r"\s+", " ", fold(text)).strip().casefold()
    return any(t == w or t.startswith(w) and t[len(w)] in " (（" for w in _totals_words())


@cache
def ordinal_patterns(lang: str) -> tuple[re.Pattern, ...]:
    """events.yaml's ordinal patterns of `lang` (第N回, lần thứ N, 5th), `{words}` standing for
    its ordinal words (hai, second)."""
    lex = lexicon(lang, "events")
    words = alternation(lex["ordinal_words"]) or "(?!)"
    return tuple(regex(p.replace("{words}", words), lang) for p in lex["ordinals"])


def ordinal_in(cell: Cell, lang: str, bare: bool) -> int | None:
    """The N of 第N回 / lần thứ N / 5th in a cell, or a bare N when the cell is in the table's
    ordinal column."""
    text = fold(cell.text).strip()
    if bare and text.isdigit():
        return int(text)
    for pattern in ordinal_patterns(lang):
        m = pattern.search(text)
        if m:
            n = m.group(1)
            value = lexicon(lang, "events")["ordinal_words"].get(n.casefold()) or parse_number(n, lang)
            return int(value) if value is not None and float(value).is_integer() else None
    return None
