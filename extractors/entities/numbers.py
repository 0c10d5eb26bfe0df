"""Number normalizers shared by the date, money, count and table extractors (not an extractor).

Reads full-width digits, kanji numerals (via kanjize: 二十九, 一〇, 2万1501), grouped and
decimal numbers in each language's convention (1,234 / vi 1.234 and 4,8) and scale words
(万, 億, triệu, tỷ, million, bn). The words and separators are data: `data/<lang>/numbers.yaml`.
`fold` keeps the text length, so offsets found in the folded text are offsets in the original.
"""

from __future__ import annotations

import re
from functools import cache

from kanjize import kanji2number

from extractors.lexicon import alternation, lexicon
from extractors.text import fold, spaced

Number = int | float

_MAJOR_SCALE = 10_000  # a scale this large closes a group: 1億2000万, 2 triệu 500 nghìn


def tidy(value: Number) -> Number:
    """An integral float becomes an int (20000000000.0 → 20000000000)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def parse_decimal(text: str, lang: str) -> Number | None:
    """A digit string with group or decimal marks in `lang`'s convention: '1,234', '4,8'.

    A mark followed by groups of exactly three digits groups; a last mark that is a decimal
    mark of the language and is not followed by three digits separates the fraction.
    """
    text = fold(text).strip()
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", text):
        return None
    data = lexicon(lang, "numbers")
    groups, decimals = set(data["group_marks"]), set(data["decimal_marks"])
    parts, marks = re.split(r"[.,]", text), re.findall(r"[.,]", text)
    if not marks:
        return int(text)

    def grouping(ps: list[str], ms: list[str]) -> bool:
        return not ms or (len(set(ms)) == 1 and ms[0] in groups and len(ps[0]) <= 3
                          and all(len(p) == 3 for p in ps[1:]))

    if grouping(parts, marks):
        return int("".join(parts))
    last = marks[-1]
    if last in decimals and last not in marks[:-1] and grouping(parts[:-1], marks[:-1]):
        return tidy(float("".join(parts[:-1]) + "." + parts[-1]))
    return None


def parse_kanji(text: str) -> int | None:
    """A kanji (or mixed) numeral: '二十九', '一〇', '2万1501'; None if it is not one."""
    try:
        return kanji2number(fold(text).replace(",", ""))
    except (KeyError, ValueError, IndexError, TypeError):
        return None


@cache
def number_words(lang: str) -> dict[str, int]:
    """Numeral words of `lang` below a hundred's compounds: the listed ones and the compounds of
    tens and units ('twenty-one', 'mười hai', 'hai mươi lăm'), as the `compounds` data describes."""
    data = lexicon(lang, "numbers")
    words = dict(data["words"])
    words.update(_below_hundred(lang))
    return words


@cache
def _below_hundred(lang: str) -> dict[str, int]:
    """The words a hundreds word may be followed by: teens, tens and tens with units."""
    comp = lexicon(lang, "numbers").get("compounds") or {}
    words = dict(comp.get("teens", {}))
    words.update(comp.get("tens", {}))
    for ten, tv in comp.get("tens", {}).items():
        for unit, uv in comp.get("units", {}).items():
            for joiner in comp.get("joiners", [" "]):
                words[f"{ten}{joiner}{unit}"] = tv + uv
    return words


def _hundreds_value(text: str, lang: str) -> int | None:
    """A hundreds numeral ('two hundred and fifty', 'hai trăm năm mươi', 'một trăm linh hai'):
    a hundreds word, alone or followed by a joiner and a number below a hundred, or by a unit
    joiner ('and', 'linh') and a units word. Read by parts rather than listed, which would make
    the numeral regex thousands of words long."""
    comp = lexicon(lang, "numbers").get("compounds") or {}
    for hundred, value in comp.get("hundreds", {}).items():
        if not text.startswith(hundred):
            continue
        rest = text[len(hundred):]
        if not rest:
            return value
        for tails, joiners in ((_below_hundred(lang), "hundred_joiners"),
                               (comp.get("units", {}), "hundred_unit_joiners")):
            for joiner in comp.get(joiners, []):
                if rest.startswith(joiner) and rest[len(joiner):] in tails:
                    return value + tails[rest[len(joiner):]]
    return None


def _hundreds_pattern(lang: str) -> str | None:
    """Regex source for the hundreds numerals _hundreds_value reads, or None for a language without."""
    comp = lexicon(lang, "numbers").get("compounds") or {}
    if not comp.get("hundreds"):
        return None
    tails = [
        "(?:%s)(?:%s)" % (alternation(comp.get(joiners, [])), alternation(tails))
        for tails, joiners in ((_below_hundred(lang), "hundred_joiners"), (comp.get("units", {}), "hundred_unit_joiners"))
        if comp.get(joiners)
    ]
    return "(?:%s)(?:%s)?" % (alternation(comp["hundreds"]), "|".join(tails))


def parse_word(text: str, lang: str) -> int | None:
    """A numeral written as a word ('two', 'hai', 'twenty-one', 'two hundred and five'), case-insensitive."""
    text = " ".join(text.strip().lower().split())
    value = number_words(lang).get(text)
    return value if value is not None else _hundreds_value(text, lang)


def parse_number(text: str, lang: str) -> Number | None:
    """Any single numeral of `lang`: digits with separators, a kanji numeral or a number word."""
    value = parse_decimal(text, lang)
    if value is None and lang == "ja":
        value = parse_kanji(text)
    if value is None:
        value = parse_word(text, lang)
    return value


@cache
def numeral_pattern(lang: str) -> str:
    """Regex source for one numeral of `lang` (digits with marks, kanji numerals, number words)."""
    data = lexicon(lang, "numbers")
    digits = r"\d+(?:[.,]\d+)*"
    forms = [digits]
    if data["numeral_chars"]:
        forms.append("[%s]+" % re.escape(data["numeral_chars"]))
    if data["words"]:
        words = alternation(number_words(lang))
        hundreds = _hundreds_pattern(lang)
        forms.append(r"(?<!\w)(?i:%s)(?!\w)" % (f"{hundreds}|{words}" if hundreds else words))
    return "(?:%s)" % "|".join(forms)


@cache
def scale_pattern(lang: str) -> str:
    """Regex source for one scale word of `lang` (万, triệu, million, m, bn)."""
    data = lexicon(lang, "numbers")
    boundary = r"(?![^\W\d_])" if spaced(lang) else ""
    return r"(?:%s)%s" % (alternation(data["scales"]), boundary)


@cache
def amount_pattern(lang: str) -> str:
    """Regex source for a numeral followed by scale words, repeated: '1億2,000万', '15m'."""
    num, scale = numeral_pattern(lang), scale_pattern(lang)
    return rf"{num}(?:[ \t]?{scale}(?:[ \t]?{num}[ \t]?{scale})*)?"


def parse_amount(text: str, lang: str) -> Number | None:
    """The value of a numeral with scale words: '1億2,000万' → 120000000, '1.2 billion'."""
    text = fold(text).strip()
    scales = lexicon(lang, "numbers")["scales"]
    pieces = re.findall(r"(%s)|(%s)" % (scale_pattern(lang), numeral_pattern(lang)), text)
    total: Number = 0
    group: Number = 0
    pending: Number | None = None
    for scale_word, numeral in pieces:
        if numeral:
            if pending is not None:
                return None
            pending = parse_number(numeral, lang)
            if pending is None:
                return None
            continue
        factor = scales[scale_word]
        base = pending if pending is not None else (0 if group else 1)
        if factor >= _MAJOR_SCALE:
            total += (group + base) * factor
            group = 0
        else:
            group += base * factor
        pending = None
    if not pieces:
        return None
    return tidy(total + group + (pending or 0))
