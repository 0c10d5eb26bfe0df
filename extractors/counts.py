"""Counts of things → CountMention(value, unit, subject, what, qualifier).

A count is a numeral with a counter (ja 48件, 29ヵ国, 2通) or a counted noun (vi 12 dự án,
en 70 new MoUs). Counters, nouns, qualifiers and the words that mark ordinals, joint parties
and "the two countries" references are data: `data/<lang>/counts.yaml`. Not counts: ordinals
(第5回, 17カ国目, lần thứ 5), years, measurements (tCO2, MW: no counter), "2 nước" = "both
countries". `subject` is the one country the sentence (else the paragraph) attributes the
count to; none when two parties are named jointly. Table rows are left to the tables
extractor, which reads single cells with `parse_count`.

    ja: JCMパートナー国30か国 → 30 country · 1事業からのクレジット発行 → 1 credit_issuance
    vi: 9 gói tín dụng → 9 credit_issuance · hai nước → (not a count)
    en: more than 80 projects → 80 project, more_than · the only two countries → 2 country
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractors.base import Context, Segment, extractor
from extractors.dates import YEARS, sentence_span
from extractors.lexicon import alternation, lexicon
from extractors.numbers import fold, numeral_pattern, parse_number
from schemas.records import CountMention, CountryMention

SUBJECT_GAP = 25  # two countries closer than this with "and" between them are named jointly
_CLAUSE_END = re.compile(r"[、,。;；]")
_KANJI_DIGIT = re.compile(r"[〇零一二三四五六七八九十百千\d]")


@dataclass(frozen=True, slots=True)
class Count:
    """One count found in a text: span, value, unit, what and qualifier."""

    start: int
    end: int
    value: int | float
    unit: str
    what: str
    qualifier: str | None


def _by_form(groups: list[dict[str, Any]], lower: bool) -> dict[str, dict[str, Any]]:
    """Form → its group (unit, what); `agree` groups count singular forms only for the value 1."""
    out = {}
    for g in groups:
        agree = "singular" in g
        for form in g["forms"]:
            out[form.lower() if lower else form] = {**g, "agree": agree, "one": False}
        for form in g.get("singular", []):
            out[form.lower() if lower else form] = {**g, "agree": agree, "one": True}
    return out


@cache
def _regex(lang: str) -> re.Pattern:
    """Numeral + counter (ja) or numeral + modifiers + counted noun (vi, en), with qualifiers."""
    data = lexicon(lang, "counts")
    num = numeral_pattern(lang)
    qb = alternation(data["qualifiers_before"]) or "(?!)"
    qa = alternation(data["qualifiers_after"]) or "(?!)"
    if data["counters"]:
        counters = alternation(_by_form(data["counters"], False))
        return re.compile(rf"(?<![\d.,])(?:(?P<qb>(?i:{qb}))\s*)?(?P<num>{num})\s*(?P<noun>{counters})(?P<qa>{qa})?")
    nouns = alternation(_by_form(data["nouns"], True))
    stop = alternation(data["stop_words"]) or "(?!)"
    mods = r"(?:(?!(?:%s)\b)[A-Za-z][\w-]*\s+){0,3}" % stop if data["stop_words"] else ""
    part = r"(?:(?:%s)\s+)?" % alternation(data["partitives"]) if data["partitives"] else ""
    return re.compile(
        rf"(?<![\w.,$])(?:(?P<qb>(?i:{qb}))\s+)?(?P<num>{num})\s+{part}(?P<mods>{mods})(?i:(?P<noun>{nouns}))(?!\w)"
    )


def _skip(text: str, m: re.Match, value: float, lang: str) -> bool:
    """True for ordinals, vague numbers, years and "the two countries" references."""
    data = lexicon(lang, "counts")
    head = text[: m.start("num")].rstrip()
    head_word = head.split()[-1] if head.split() else ""
    if head.endswith(tuple(data["ordinal_before"] + lexicon(lang, "numbers")["vague_prefixes"])):
        return True
    if text[m.end() :].startswith(tuple(data["ordinal_after"])):
        return True
    if value in YEARS and re.fullmatch(r"\d{4}", m.group("num")):
        return True
    if value == 2 and m.group("noun").lower() in data["pair_nouns"] and not m.group("qb"):
        if head_word in data["pair_count_words"]:
            return False
        return data["pair_default_reference"] or head_word in data["reference_before"]
    return False


def _noun_after(text: str, end: int, lang: str) -> dict[str, Any] | None:
    """The known noun of "N<counter>の<noun>" (ja), naming what is counted."""
    rest = text[end:].lstrip()
    if not rest.startswith("の"):
        return None
    rest = rest[1:].lstrip()
    for form, group in sorted(_by_form(lexicon(lang, "counts")["nouns_after"], False).items(), key=lambda f: -len(f[0])):
        if rest.startswith(form):
            return group
    return None


def _qualifier(data: dict[str, Any], before: str | None, after: str | None) -> str | None:
    """The qualifier (approx, more_than, ...) of the words before or after the numeral."""
    lower = {k.lower(): v for k, v in data["qualifiers_before"].items()}
    return lower.get((before or "").lower()) or data["qualifiers_after"].get(after or "")


def _clause(text: str, start: int, end: int) -> str:
    """The clause around [start, end): between the nearest clause marks (、 , 。)."""
    lo = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    hi = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    return text[lo:hi]


def find(text: str, lang: str, bounds: frozenset[int] = frozenset()) -> list[Count]:
    """Counts in `text`; with token `bounds` (ja), a counter must end on a token boundary."""
    data = lexicon(lang, "counts")
    folded = fold(text)
    forms = _by_form(data["counters"] or data["nouns"], not data["counters"])
    out = []
    for m in _regex(lang).finditer(folded):
        num = m.group("num")
        value = parse_number(num, lang)
        if not value or value != int(value) or (lang == "ja" and not _KANJI_DIGIT.search(num)):
            continue
        if (bounds and m.end("noun") not in bounds) or _skip(folded, m, value, lang):
            continue
        noun = m.group("noun")
        group = forms[noun if data["counters"] else noun.lower()]
        if group["agree"] and group["one"] != (value == 1):
            continue
        unit, what = group["unit"], group.get("what") or (m.groupdict().get("mods") or "") + noun
        after = _noun_after(folded, m.end(), lang) if data["nouns_after"] else None
        if after:
            unit, what = after["unit"], after["what"]
        if unit is None:
            continue
        if unit == "project" and any(w in _clause(folded, m.start(), m.end()) for w in data["issuance_words"]):
            unit, what = "credit_issuance", "credit issuances"
        qualifier = _qualifier(data, m.group("qb"), m.groupdict().get("qa"))
        out.append(Count(m.start(), m.end(), int(value), unit, what.strip(), qualifier))
    return out


def parse_count(text: str, lang: str) -> tuple[int | float, str, str | None] | None:
    """(value, unit, qualifier) of a single table cell: '48件', '29ヵ国', '12 dự án'."""
    found = find(text, lang)
    return (found[0].value, found[0].unit, found[0].qualifier) if found else None


def _joint(text: str, span: tuple[int, int], countries: list[CountryMention], lang: str) -> bool:
    """True when `span` of `text` names two parties together (日・ベトナム, Viet Nam and Japan)."""
    data = lexicon(lang, "counts")
    if any(p in text[span[0] : span[1]] for p in data["joint_phrases"]):
        return True
    ordered = sorted(countries, key=lambda c: c.start)
    for a, b in zip(ordered, ordered[1:]):
        gap = text[a.end : b.start]
        if a.iso3 != b.iso3 and len(gap) <= SUBJECT_GAP and any(w in gap for w in data["joint_words"]):
            return True
    return False


def _clause_span(text: str, sentence: tuple[int, int], pos: int, lang: str) -> tuple[int, int]:
    """The part of `sentence` around `pos` between clause-opening words (while, trong khi)."""
    words = alternation(lexicon(lang, "counts")["clause_breaks"]) or "(?!)"
    lo, hi = sentence
    for m in re.finditer(rf"(?<!\w)(?:{words})(?!\w)", text[:hi]):
        if lo <= m.start() < pos:
            lo = m.start()
        elif m.start() >= pos:
            return lo, m.start()
    return lo, hi


def _subject(seg: Segment, ctx: Context, count: Count) -> str | None:
    """The one country the sentence, else the paragraph, attributes a count to; None if joint."""
    if count.unit == "country":
        return None
    home = set(lexicon(seg.lang, "counts")["home"])
    countries = [c for c in ctx.here(CountryMention) if isinstance(c, CountryMention)]
    spans = [_clause_span(seg.text, sentence_span(seg.text, count.start), count.start, seg.lang)]
    spans += [sentence_span(seg.text, count.start), (0, len(seg.text))]
    for span in spans:
        pool = [c for c in countries if span[0] <= c.start < span[1]]
        if _joint(seg.text, span, pool, seg.lang):
            return None
        isos = {c.iso3 for c in pool} - home
        if len(isos) == 1:
            return isos.pop()
        if isos:
            return None
    return None


@extractor("counts", CountMention)
def find_counts(seg: Segment, ctx: Context) -> Iterator[CountMention]:
    """Counts of projects, countries, issuances, meetings, participants, documents and others.

    ja: オンライン参加7か国 → 7 country · 正副2通 → 2 document · 第5回 → (ordinal, not a count)
    vi: 15 dự án → 15 project · en: Two of the projects … in Kenya → 2 project, subject KEN
    """
    if seg.kind == "table_row":
        return
    for c in find(seg.text, seg.lang, seg.bounds if seg.lang == "ja" else frozenset()):
        yield CountMention(
            start=c.start, end=c.end, surface=seg.text[c.start : c.end], rule="counts",
            value=c.value, unit=c.unit, what=c.what, qualifier=c.qualifier,  # type: ignore[arg-type]
            subject=_subject(seg, ctx, c),
        )
