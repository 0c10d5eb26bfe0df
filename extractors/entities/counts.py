"""Counts of things → CountMention(value, unit, subject, what, qualifier).

A count is a numeral with a counter (ja 48件, 29ヵ国, 2通) or a counted noun (vi 12 dự án,
en 70 new MoUs). Counters, nouns, qualifiers and the words that mark ordinals, joint parties
and "the two countries" references are data: `data/<lang>/counts.yaml`. Not counts: ordinals
(第5回, 17カ国目, lần thứ 5), years, measurements (tCO2, MW: no counter), "2 nước" = "both
countries". The subject is decided in `count_subjects`. Table rows are left to the tables
extractor, which reads single cells with `parse_count`.

    ja: JCMパートナー国30か国 → 30 country · 1事業からのクレジット発行 → 1 credit_issuance
    vi: 9 gói tín dụng → 9 credit_issuance · hai nước → (not a count)
    en: more than 80 projects → 80 project, more_than · the only two countries → 2 country
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from extractors.base import Context, Segment, extractor
from extractors.entities.count_subjects import subjects
from extractors.entities.countries import country_matcher
from extractors.entities.dates import YEARS, sentence_span
from extractors.lexicon import alternation, lexicon
from extractors.entities.measures import OTHER, qualify
from extractors.entities.numbers import fold, number_words, numeral_pattern, parse_number
from extractors.text import bounded, chars, script, spaced
from schemas.records import CountMention, CountryMention, Mention

COORDINATION_REACH = 20  # the longest text joining two coordinated counts (" Vietnamese and ")
_CLAUSE_END = re.compile(r"[、,。;；]")
_KANJI_DIGIT = re.compile(r"[〇零一二三四五六七八九十百千\d]")
_NOUN_CHAR = script("ja", "katakana", "kanji", "kanji_extra")
_NOUN_RUN = re.compile(rf"[{chars('ja', 'katakana', 'kanji', 'kanji_extra')}A-Za-z・ー]+")  # a written noun phrase (ja)
_NAME_NUMBER = re.compile(r"[^\W\d_]-\Z")  # a word and a hyphen right before a number (COVID-19)
_TIMELINE_YEAR = re.compile(r"(?:^|\n)[ \t]*(?:[-•*][ \t]*)?(?:19|20)\d\d\Z")  # a year opening its line
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)(\d\d)[ \t]*[-–—~～][ \t]*\Z")  # FY2024-25, 2024～25
_LINK = re.compile(r"\s*の\s*")  # "N件の…": what follows names the counted thing
_WORD_AFTER = re.compile(r"\s*(\w)")
_WORD_BEFORE = re.compile(r"(\w+)\s*\Z")
# Things a bare "X out of Y" counts a part of even when Y was not counted before (eight out of ten
# projects in Cambodia): no poll or ranking counts projects, as they count people and countries.
_OUT_OF_UNITS = frozenset({"project"})


@dataclass(frozen=True, slots=True)
class Count:
    """One count found in a text: span, value, unit, what and qualifier."""

    start: int
    end: int
    value: int | float
    unit: str
    what: str
    qualifier: str | None
    ownable: bool = False  # a count of members (countries, bodies) an international body may own


@cache
def _by_form(lang: str, key: str, lower: bool) -> dict[str, dict[str, Any]]:
    """Form → its group (unit, what) for the groups under `key` of the language's counts data;
    `agree` groups count singular forms only for the value 1. Longest forms first."""
    out = {}
    for g in lexicon(lang, "counts")[key]:
        agree = "singular" in g
        for form in g["forms"]:
            out[form.lower() if lower else form] = {**g, "agree": agree, "one": False}
        for form in g.get("singular", []):
            out[form.lower() if lower else form] = {**g, "agree": agree, "one": True}
    return dict(sorted(out.items(), key=lambda f: -len(f[0])))


@cache
def _regex(lang: str) -> re.Pattern:
    """Numeral + counter (ja) or numeral + modifiers + counted noun (vi, en), with qualifiers."""
    data = lexicon(lang, "counts")
    num = numeral_pattern(lang)
    qb = alternation(data["qualifiers_before"]) or "(?!)"
    qa = alternation(data["qualifiers_after"]) or "(?!)"
    if data["counters"]:
        counters = alternation(_by_form(lang, "counters", False))
        num = rf"(?:{_mixed(lang)}|{num})"
        # after a qualifier that ends the numeral's phrase (250を超える), its noun phrase follows bare
        ended = "|".join(f"(?<={re.escape(q)})" for q in data["phrase_qualifiers"]) or "(?!)"
        return re.compile(rf"(?<![\d.,/])(?:(?P<qb>(?i:{qb}))\s*)?(?P<num>{num})\s*(?:(?P<qm>{qa})の?\s*)?"
                          rf"(?P<noun>{counters}|(?:{ended})(?=[^\W\d]))(?P<qa>{qa})?")  # 40か国以上 · 50以上の国と地域 · 250を超える…
    # a noun of two words may be wrapped at its space (dự⏎án, đại⏎biểu): one line break may stand there
    nouns = alternation(_by_form(lang, "nouns", True)).replace(r"\ ", r"(?:[ \t]+|[ \t]*\n[ \t]*)")
    # a numeral is no modifier: "the two sides signed five documents" counts five, not two
    stop = alternation([*data["stop_words"], *number_words(lang)]) or "(?!)"
    link = r"(?:(?:%s)\s+)?" % alternation(data["mod_links"]) if data["mod_links"] else ""  # solar and wind projects
    mods = r"(?:(?!(?:%s)\b)[A-Za-z][\w-]*\s+%s){0,3}?" % (stop, link) if data["stop_words"] else ""  # lazy: the nearest noun
    part = r"(?:(?:%s)\s+)?" % alternation(data["partitives"]) if data["partitives"] else ""
    return re.compile(
        rf"(?<![\w.,$/])(?:(?P<qb>(?i:{qb}))\s+)?(?P<num>{num})(?P<qa>{qa})?(?:[ \t]*\([ \t]*(?P<restated>\d+)[ \t]*\))?"
        rf"(?:\s+|-){part}(?P<mods>{mods})(?i:(?P<noun>{nouns}))(?!\w)"  # twelve (12) projects
    )


@cache
def _months(lang: str) -> frozenset[str]:
    """The language's month names as written (March, Mar.): a numeral before one is a day."""
    names = lexicon(lang, "dates")["months"]
    return frozenset([*names, *(f"{n}." for n in names)])


def _mixed(lang: str) -> str:
    """Regex source for digits with scale characters (ja 1万, 2万1千): a count of people may be that large."""
    scales = "".join(w for w in lexicon(lang, "numbers")["scales"] if len(w) == 1)
    return rf"\d+(?:[.,]\d+)?(?:[{scales}]\d*)+" if scales else "(?!)"


def _skip(text: str, m: re.Match, value: float, lang: str) -> bool:
    """True for ordinals, vague numbers, years, "the two countries" references, set phrases
    ("from one country to another") and a label's value read with the next line's noun."""
    data = lexicon(lang, "counts")
    low = _range_start(text, lang, m.start("num"))  # 第2～4回: the range of an ordinal is ordinal
    at = m.start("qb") if m.group("qb") else (low or m).start("num")  # "some 30": a qualifier
    head = text[:at].rstrip()
    head_word = head.split()[-1] if head.split() else ""
    if head.endswith(tuple(data["ordinal_before"])) and not head.lower().endswith(tuple(data["not_ordinal_before"])):
        return True
    if head_word.lower() in data["numeral_nouns"].get(m.group("num").lower(), ()):
        return True  # Mỗi năm tổ chức: năm after mỗi is "year", not the numeral five
    if _vague(text[len(head) : at], lang) and head.endswith(tuple(lexicon(lang, "numbers")["vague_prefixes"])):
        return True  # 数十か国; not the end of a label (パートナー国数⏎31か国, 登録件数 16件)
    if text[m.end() :].startswith(tuple(data["ordinal_after"])):
        return True
    if text[m.start("num") :].lower().startswith(tuple(data["idioms"])):
        return True
    if value in YEARS and re.fullmatch(r"\d{4}", m.group("num")):
        return True
    if _year_range_end(text, m.start("num"), m.group("num")):
        return True
    if _NAME_NUMBER.search(text, max(0, m.start("num") - 2), m.start("num")):
        return True  # COVID-19 projects: a number joined to a word by a hyphen is part of a name
    if head.endswith((":", "：")) and "\n" in text[m.end("num") : m.start("noun")]:
        return True  # "…: 31" ends a labelled line; the noun on the next line is not its
    if value == 2 and m.group("noun").lower() in data["pair_nouns"] and not m.group("qb"):
        if head_word in data["pair_count_words"]:
            return False
        return data["pair_default_reference"] or head_word in data["reference_before"]
    return False


def _hyphened(text: str, m: re.Match, data: dict[str, Any]) -> bool | None:
    """For a numeral joined by a hyphen to the word after it: True when that word is the counted
    noun (a 29-country partnership) or one of `hyphen_words` (200-plus projects), False when it is
    another word the number measures (a one-day workshop, a 10-year programme); None without a hyphen."""
    after = m.end("qa") if m.groupdict().get("qa") else m.end("num")
    if m.groupdict().get("restated") or not text.startswith("-", after):
        return None
    first = (m.groupdict().get("mods") or "").split()
    return not first or first[0].lower() in data["hyphen_words"]


def _vague(gap: str, lang: str) -> bool:
    """Whether a vague word may stand `gap` before a numeral: right before it (数十), or where
    words are spaced a space before (several hundred); never on the line before."""
    return not gap or (spaced(lang) and "\n" not in gap)


def _year_range_end(text: str, at: int, num: str) -> bool:
    """True when the numeral `num` at `at` ends a year range written short (FY2024-25
    projects): two digits above the first year's last two; "2019-4 projects" is no range."""
    m = _YEAR_RANGE.search(text, max(0, at - 8), at)
    if m and _TIMELINE_YEAR.search(text, 0, m.start() + 4) and re.search(r"\s[-–—]\s", m.group()):
        return False  # "2025 – 40 officials trained": a timeline's year opening its line, then the entry
    return bool(m) and re.fullmatch(r"\d\d", num) is not None and int(num) > int(m.group(1))


def _noun_after(text: str, end: int, lang: str, open_: bool, bare: bool = False) -> dict[str, Any] | None:
    """What "N<counter>の<noun phrase>" (ja) counts: the phrase's head (its last noun, once act
    nouns such as 登録 or 承認 are set aside) if known; after an `open` counter (件, つ) an
    unknown head counts `other` things (15件の案件相談). After a `bare` の (12のJCMプロジェクト)
    the phrase starts right at `end`."""
    data = lexicon(lang, "counts")
    link = end if bare else (m.end() if (m := _LINK.match(text, end)) else None)
    run = _NOUN_RUN.match(text, link) if link is not None else None
    if not run:
        return None
    phrase = re.split(alternation(data["phrase_stops"]) or "(?!)", run.group())[0]
    head = re.sub(rf"(?:{alternation(data['act_nouns']) or '(?!)'})+$", "", phrase)
    for form, group in _by_form(lang, "nouns_after", False).items():
        if head.endswith(form):
            return group
    return {"unit": "other", "what": head} if open_ and _NOUN_CHAR.search(head) and len(head) > 1 else None


def _noun_before(text: str, at: int, lang: str, group: dict[str, Any]) -> dict[str, Any] | None:
    """What a counter counts when a known noun (`nouns_after`) stands before the numeral, past a
    topic mark, a label's colon or a total word (`noun_before_gap`): a counter that counts only a
    named thing (ja つ, 本, 点: 方法論２本, 文書３０本超, 配布資料：計６点) takes any such noun; one
    with a unit of its own only the things (`what`) its `before` lists (件: 方法論3件 counts
    methodologies, not projects; 各国3件, 日本企業3件 stay projects), and not past a topic mark:
    the topic of such a count may be its agent (会議は3件を承認). Act nouns and 件数 ending the
    phrase are set aside (方法論承認件数：3件). None for any other word there (JCM関連は４本)."""
    data = lexicon(lang, "counts")
    m = _noun_before_regex(data["noun_before_gap"]).search(text, max(0, at - 30), at)
    if not m or (group["unit"] is not None and (not group.get("before") or m.group("topic"))):
        return None
    phrase = re.split(alternation(data["phrase_stops"]) or "(?!)", m.group(1))[-1]
    head = re.sub(rf"(?:件数|数|{alternation(data['act_nouns']) or '(?!)'})+$", "", phrase)
    found = next((g for form, g in _by_form(lang, "nouns_after", False).items() if head.endswith(form)), None)
    return found if found and (group["unit"] is None or found["what"] in group["before"]) else None


def _whole_of(text: str, at: int, lang: str, found: list) -> tuple | None:
    """The count a part stands in when a subset word (`subset_before`: このうち, うち) opens the
    sentence or clause of a counter that counts only a named thing and has none (計３２本の協力
    文書が交わされた。このうちJCM関連は４本): the last count found before it in its sentence or the
    one before, whose things the part counts too when the counter may count them (its `wholes`)."""
    start = sentence_span(text, at)[0]
    if not _subset_regex(lang).search(text, start, at):
        return None
    lo = sentence_span(text, max(0, start - 1))[0]
    before = [f for f in found if lo <= f[0] and f[1] <= at]
    return before[-1] if before else None


@cache
def _subset_regex(lang: str) -> re.Pattern:
    """A subset word opening a sentence or clause (このうち, 、うち), not inside a word (国内)."""
    words = alternation(lexicon(lang, "counts")["subset_before"]) or "(?!)"
    return re.compile(rf"(?:^|(?<=[\s、,。(（]))(?:{words})")


@cache
def _noun_before_regex(gap: str) -> re.Pattern:
    """A written noun phrase, then `gap`, ending where the numeral starts."""
    return re.compile(rf"({_NOUN_RUN.pattern})(?:{gap})\Z")


def _window(text: str, spans: list[tuple[int, int]], k: int) -> str:
    """The text of count k's sentence from its clause start up to the count after it."""
    lo, hi = sentence_span(text, spans[k][0])
    hi = min([hi] + [s for s, e in spans[k + 1 :] if s >= spans[k][1]])
    return text[_clause_start(text, spans, k) : hi]


def _own_predicate(text: str, spans: list[tuple[int, int]], k: int, lang: str) -> str:
    """Count k's window (`_window`) cut after the count at a coordinating word when the issuance
    words stand only after it: that is another predicate ("approved 5 new projects and decided
    to issue credits for 3 projects": the 5 are no issuances), while "the issuance of credits
    from 2 projects in Laos and Peru was approved" keeps its decision. Spaced languages only:
    a Japanese coordinator (と) is also part of many words (こと)."""
    window = _window(text, spans, k)
    if not spaced(lang):
        return window
    data = lexicon(lang, "counts")
    at = spans[k][1] - _clause_start(text, spans, k)
    words = bounded(alternation(data["coordinators"]) or "(?!)", lang)
    # not a coordinator joining two names (in Viet Nam and Laos for credit issuance): one of a predicate
    cut = next((c for c in re.compile(words, re.I).finditer(window, at) if not _joins_names(window, c)), None)
    return window[: cut.start()] if cut and not _any(data["issuance_words"], window[: cut.start()], lang) else window


def _joins_names(text: str, coordinator: re.Match) -> bool:
    """Whether the words on both sides of a coordinator start with a capital letter (two names:
    Viet Nam and Laos, Việt Nam và Lào); "4 new projects and ADB decided" joins no names."""
    after = _WORD_AFTER.match(text, coordinator.end())
    before = _WORD_BEFORE.search(text, 0, coordinator.start())
    return bool(after and before) and after.group(1).isupper() and before.group(1)[0].isupper()


def _clause_start(text: str, spans: list[tuple[int, int]], k: int) -> int:
    """Where count k's clause starts: its sentence start, a clause mark or the count before it."""
    lo = sentence_span(text, spans[k][0])[0]
    marks = [m.end() for m in _CLAUSE_END.finditer(text, lo, spans[k][0])]
    return max([lo] + marks + [e for s, e in spans[:k] if e <= spans[k][0]])


def _qualifier(data: dict[str, Any], before: str | None, after: str | None) -> str | None:
    """The qualifier (approx, more_than, ...) of the words before or after the numeral."""
    lower = {k.lower(): v for k, v in data["qualifiers_before"].items()}
    return lower.get((before or "").lower()) or data["qualifiers_after"].get(after or "")


def find(text: str, lang: str, bounds: frozenset[int] = frozenset()) -> list[Count]:
    """Counts in `text`; with token `bounds` (ja), a counter must end on a token boundary."""
    data = lexicon(lang, "counts")
    folded = fold(text)
    forms = _by_form(lang, "counters", False) if data["counters"] else _by_form(lang, "nouns", True)
    found: list[tuple[int, int, int, dict[str, Any], str, str | None]] = []
    for m in _regex(lang).finditer(folded):
        num = m.group("num")
        value = parse_number(num, lang)
        if not value or value != int(value) or (lang == "ja" and not _KANJI_DIGIT.search(num)):
            continue
        if (bounds and m.end("noun") not in bounds) or _skip(folded, m, value, lang):
            continue
        if m.groupdict().get("restated") and int(m.group("restated")) != value:
            continue  # a number restated in digits must be the same number
        noun = m.group("noun")
        group = forms[noun if data["counters"] else " ".join(noun.split()).lower()] if noun else {"bare": True}
        if data["counters"] and (group.get("bare") or noun.startswith("の")) \
                and re.search(r"[A-Za-z]\Z", folded[: m.start("num")]):
            continue  # COP29の参加国, G20の国々: a number glued to letters is part of a name
        if (m.groupdict().get("mods") or "").split()[:1] and m.group("mods").split()[0] in _months(lang):
            continue  # the survey on 5 March counted residents: the numeral is a date's day
        hyphen = _hyphened(folded, m, data)
        if hyphen is False:
            continue  # a one-day workshop, a 10-year plan: the number is the first word's
        if group.get("agree") and group["one"] != (value == 1) and not (hyphen and group["one"]):
            continue  # (a 29-country partnership: a compound takes the singular for any number)
        what = group.get("what") or (m.groupdict().get("mods") or "") + noun
        after = _noun_after(folded, m.end(), lang, bool(group.get("open")), bool(group.get("bare"))) \
            if data["counters"] else None
        end = m.end()
        if after:
            group, what = after, after["what"]
            if group is not None and m.group("noun") in ("", "の"):  # the count spans its noun phrase
                run = _NOUN_RUN.match(folded, m.end())
                end = run.end() if run else end
        elif group.get("bare"):
            continue
        elif before := _noun_before(folded, m.start(), lang, group):
            group, what = before, before["what"]  # 方法論２本, 方法論3件: the noun stands before
        elif group["unit"] is None and (whole := _whole_of(folded, m.start(), lang, found)) \
                and whole[3]["unit"] in group.get("wholes", ()):
            group, what = whole[3], whole[4]  # 計32本の文書…このうちJCM関連は4本: a part of the whole
        if group["unit"] is not None:
            qualifier = _qualifier(data, m.group("qb"), m.groupdict().get("qa") or m.groupdict().get("qm"))
            found.append((m.start(), end, int(value), group, what.strip(), qualifier))
    found = _repeated(folded, lang, found)
    found = sorted(found + _range_starts(folded, lang, found), key=lambda f: f[0])
    found = sorted(found + _totals(folded, lang, found), key=lambda f: f[0])
    found = sorted(found + _elided(folded, lang, found), key=lambda f: f[0])
    spans = [(f[0], f[1]) for f in found]
    counts = [_refine(folded, lang, spans, k, *f) for k, f in enumerate(found)]
    return _coordinated(folded, lang, [f[3] for f in found], counts)


def _coordinated(text: str, lang: str, groups: list[dict[str, Any]], counts: list[Count]) -> list[Count]:
    """Counts of businesses joined by "and" or a list comma share the verb after the last
    (12 Japanese firms and 8 local firms attended · 日本企業15社、タイ企業20社が参加): all attend;
    so do businesses joined to a count of people who attend (約100社、200名が参加)."""
    out = list(counts)
    words = lexicon(lang, "counts")["attendance_words"]
    for k in range(len(out) - 2, -1, -1):
        attending, gap = groups[k].get("attending"), text[out[k].end : out[k + 1].start]
        if attending and out[k].unit != attending and out[k + 1].unit == attending and _coordination(gap, lang) \
                and (groups[k + 1].get("attending") == attending or _any(words, _rest_of_clause(text, out[k + 1].end), lang)):
            out[k] = replace(out[k], unit=attending)
    for k in range(1, len(out)):  # …and the count joined after one that attends by the words before it
        attending, gap = groups[k].get("attending"), text[out[k - 1].end : out[k].start]
        if attending and out[k].unit != attending and out[k - 1].unit == attending \
                and groups[k - 1].get("attending") == attending and _coordination(gap, lang):
            out[k] = replace(out[k], unit=attending)  # sự tham gia của 50 doanh nghiệp Việt Nam và 30 …
    return out


def _rest_of_clause(text: str, at: int) -> str:
    """The text from offset `at` to the next clause mark or the end of its sentence, lower-cased."""
    mark = _CLAUSE_END.search(text, at)
    return text[at : min(sentence_span(text, at)[1], mark.start() if mark else len(text))].lower()


_KANA = script("ja", "hiragana")


def _coordination(gap: str, lang: str) -> bool:
    """True when `gap` only joins two noun phrases: short, a list comma or a coordinating word
    of the language, and besides it no digit, sentence mark or word of a verb's kind (a
    lower-case word where words are spaced, kana where they are not: "exhibited, and", "が出展し、")."""
    words = bounded(alternation(lexicon(lang, "counts")["coordinators"]) or "(?!)", lang)
    rest = re.sub(words, " ", gap, flags=re.IGNORECASE)
    joined = rest != gap or "," in gap or "、" in gap
    if len(gap) > COORDINATION_REACH or not joined or re.search(r"[\d.;:!?。；：]", rest):
        return False
    if spaced(lang):  # a word starting with a small letter (str.islower: Ấ, Ả, Ơ are capitals too)
        return not any(w[0].islower() for w in re.findall(r"(?<!\w)\w+", rest))
    return not _KANA.search(rest)


def _repeated(text: str, lang: str, found: list) -> list[tuple[int, int, int, dict[str, Any], str, str | None]]:
    """Counts of an act done N times, whose verb says what the times count (met 10 times, họp 10
    lần: meetings; issued 45 times, 45回発行: credit issuances): a count already read at the
    numeral (45回, a meeting by its counter) takes the act's unit, else the times are a new count."""
    data = lexicon(lang, "counts")
    out = list(found)
    for group, regex in _repeat_regexes(lang):
        for m in regex.finditer(text):
            value = group.get("words", {}).get(m.group("num").lower()) or parse_number(m.group("num"), lang)
            if not value or value != int(value) or value in YEARS or _skip(text, m, value, lang):
                continue
            at = [k for k, f in enumerate(out) if f[0] <= m.start("num") < f[1]]
            if at:
                out[at[0]] = (*out[at[0]][:3], group, group["what"], out[at[0]][5])
            else:
                start = m.start("qb") if m.group("qb") else m.start("num")
                out.append((start, m.end("noun"), int(value), group, group["what"], _qualifier(data, m.group("qb"), None)))
    return sorted(out, key=lambda f: f[0])


@cache
def _repeat_regexes(lang: str) -> tuple[tuple[dict[str, Any], re.Pattern], ...]:
    """(group, compiled pattern) of the language's `repeated_acts`: {qb} is an optional
    qualifier before the numeral, {num} the numeral; the pattern names the times word `noun`
    (a word that is its own numeral, twice, takes its value from the act's `words`)."""
    data = lexicon(lang, "counts")
    qb = rf"(?:(?P<qb>{alternation(data['qualifiers_before']) or '(?!)'})\s*)?"
    num = f"(?P<num>{numeral_pattern(lang)})"
    return tuple((act, re.compile(act["pattern"].format(qb=qb, num=num), re.IGNORECASE))
                 for act in data["repeated_acts"])


def _range_starts(text: str, lang: str, found: list) -> list[tuple[int, int, int, dict[str, Any], str, None]]:
    """The lower end of a range of counts (3～5件, 3-5 projects, từ 3 đến 5 dự án), as both ends
    of a date range are dates, or a part before its whole (17 of the 250 projects): a count of
    the same things, spanning both numbers; "X out of Y" only of projects or when Y was counted before."""
    out = []
    for start, end, value, group, what, _ in found:
        m = _range_start(text, lang, start)
        low = parse_number(m.group("num"), lang) if m else None
        if m and m.groupdict().get("part") and low == 1:
            continue  # one of the 31 partner countries: a member, not a count
        if m and m.groupdict().get("out") and group["unit"] not in _OUT_OF_UNITS and not any(
                f[2] == value and f[3]["unit"] == group["unit"] and f[1] <= m.start() for f in found):
            continue  # eight out of ten people agree, ranked 8 out of 10 countries: a proportion or a rank
        if m and low and low == int(low) and low < value and low not in YEARS and not re.search(r"[\d.,]\Z", text[: m.start()]):
            out.append((m.start("num"), end, int(low), group, what, None))
    return out


def _range_start(text: str, lang: str, at: int) -> re.Match | None:
    """The lower end of a range (3～ of 3～5件) or the part (17 of the) before the numeral at `at`."""
    return _range_regex(lang).search(text, max(0, at - 40), at)


@cache
def _range_regex(lang: str) -> re.Pattern:
    num = f"(?P<num>{numeral_pattern(lang)})"
    return re.compile(r"(?:%s)\Z" % lexicon(lang, "counts")["range_before"].format(num=num))


def _totals(text: str, lang: str, found: list) -> list[tuple[int, int, int, dict[str, Any], str, None]]:
    """Counts stated as a total with the noun before the number ("the number of partner
    countries reached 30"); a number already read as a count is left alone."""
    forms = _by_form(lang, "nouns", True)
    out = []
    for regex in _total_regexes(lang):
        for m in regex.finditer(text):
            value = parse_number(m.group("num"), lang)
            taken = any(s <= m.start("num") < e for s, e, *_ in found + out)  # read by a pattern before
            if value and value == int(value) and not taken and value not in YEARS:
                group = forms[m.group("noun").lower()]
                out.append((m.start("verb"), m.end("num"), int(value), group, m.group("noun"), None))
    return out


def _elided(text: str, lang: str, found: list) -> list[tuple[int, int, int, dict[str, Any], str, None]]:
    """Bare numbers whose noun is left out after "with", "up from", "compared with" (…agreements
    with 14 countries, while Singapore had agreements with nine · 31 countries, up from 17):
    counts of the things of the count before them in the same or the previous sentence, or,
    with none, of the last counted noun of their sentence (The latest projects, one in Kenya)."""
    out: list[tuple[int, int, int, dict[str, Any], str, None]] = []
    for m in (m for regex in _elided_regexes(lang) for m in regex.finditer(text)):
        value = parse_number(m.group("num"), lang)
        taken = any(s <= m.start("num") < e for s, e, *_ in found + out)
        lo = sentence_span(text, max(0, sentence_span(text, m.start())[0] - 2))[0]
        hosted = _hosted_by_country(text, m.start("num"), lang)  # its noun may be the sentence before's
        before = [f[3:5] for f in found if lo <= f[0] and f[1] <= m.start()] \
            or _nouns_before(text, lang, m.start(), lo if hosted else None)
        if hosted or _placed_in_country(text, m.end("num"), lang):
            before = [b for b in before if b[0]["unit"] != "country"]  # 50 in Viet Nam, Viet Nam hosts 50
        if value and value == int(value) and not taken and value not in YEARS and before:
            group, what = before[-1]
            out.append((m.start("num"), m.end("num"), int(value), group, what, None))
    return out


def _placed_in_country(text: str, at: int, lang: str) -> bool:
    """Whether a country is named as the place right after offset `at` (" in Viet Nam"): what
    the number there counts are things in a country, not countries ("10 in Asia" may be)."""
    place = _gap_regex(lang, "place_after", r"").match(text, at)
    return bool(place) and _country_edge(text, place.end() - 1, start=True)


def _hosted_by_country(text: str, at: int, lang: str) -> bool:
    """Whether a country stands right before the number at `at` as the host of what it counts
    ("Viet Nam hosts 50", "Việt Nam có 50"): things in that country, not countries."""
    host = _gap_regex(lang, "host_gap", r"\Z").search(text, max(0, at - 40), at)
    return bool(host) and _country_edge(text, host.start(), start=False)


@cache
def _gap_regex(lang: str, key: str, tail: str) -> re.Pattern:
    """The language's `key` pattern of counts.yaml, compiled (with `tail` after it)."""
    return re.compile(rf"(?:{lexicon(lang, 'counts')[key]}){tail}")


def _country_edge(text: str, at: int, start: bool) -> bool:
    """Whether a country's name starts at offset `at` (`start`) or ends there, read in the
    40 characters on that side."""
    lo, hi = (at, at + 40) if start else (max(0, at - 40), at)
    return any(h.value and (h.start == 0 if start else h.end == hi - lo) for h in country_matcher().find(text[lo:hi]))


def _nouns_before(text: str, lang: str, at: int, lo: int | None = None) -> list[tuple[dict[str, Any], str]]:
    """(group, form) of the plural counted nouns before offset `at` in its sentence (or from `lo`)."""
    forms, regex = _plural_nouns(lang)
    if not forms:
        return []
    lo = sentence_span(text, at)[0] if lo is None else lo
    return [(forms[m.group().lower()], m.group()) for m in regex.finditer(text, lo, at)]


@cache
def _total_regexes(lang: str) -> tuple[re.Pattern, ...]:
    """The compiled `total_patterns` of the language ("the number of <noun> reached <num>")."""
    data = lexicon(lang, "counts")
    if not data["total_patterns"] or not data["nouns"]:
        return ()
    noun = f"(?P<noun>{alternation(_by_form(lang, 'nouns', True))})"
    num = f"(?P<num>{numeral_pattern(lang)})"
    return tuple(re.compile(p.format(noun=noun, num=num), re.IGNORECASE) for p in data["total_patterns"])


@cache
def _elided_regexes(lang: str) -> tuple[re.Pattern, ...]:
    """The compiled `elided_after` patterns of the language ("with <num>", "up from <num>")."""
    num = f"(?P<num>{numeral_pattern(lang)})"
    return tuple(re.compile(p.format(num=num), re.IGNORECASE) for p in lexicon(lang, "counts")["elided_after"])


@cache
def _plural_nouns(lang: str) -> tuple[dict[str, dict[str, Any]], re.Pattern]:
    """The plural counted nouns (form → group) and the regex that finds them as whole words."""
    forms = {f: g for f, g in _by_form(lang, "nouns", True).items() if not g["one"]}
    return forms, re.compile(rf"(?<!\w)(?:{alternation(forms) or '(?!)'})(?!\w)", re.IGNORECASE)


def _refine(text: str, lang: str, spans: list[tuple[int, int]], k: int, start: int, end: int, value: int,
            group: dict[str, Any], what: str, qualifier: str | None) -> Count:
    """The count with its unit read in context: projects whose credit issuance is decided count
    issuances; businesses attending count participants."""
    data = lexicon(lang, "counts")
    unit, around = group["unit"], _own_predicate(text, spans, k, lang).lower()
    issued_for = re.search(rf"(?:{data['issuance_before']})$", text[:start], re.I) or re.match(
        data["issuance_after"], text[end:], re.I)
    decided = _any(data["issuance_words"], around, lang) and _any(data["decision_words"], around, lang)
    if unit == "project" and (decided or issued_for):
        unit, what = "credit_issuance", "credit issuances"
    if group.get("delegated") and _any(data["delegation_words"], text[_clause_start(text, spans, k) : start], lang):
        unit = group["delegated"]  # a delegation of 12 members: its people
    if group.get("attending") and (_attends(text[end : _window_end(text, spans, k)], data, lang)
                                   or re.search(rf"(?:{data['attendance_before']})\Z", text[max(0, start - 40) : start], re.I)):
        unit = group["attending"]  # 40 companies attended · with the participation of 40 companies
    return Count(start, end, value, unit, what, qualifier, ownable=bool(group.get("members")))


def _attends(after: str, data: dict[str, Any], lang: str) -> bool:
    """Whether the text after a count of businesses says they attend (40 companies attended): an
    attendance word not followed by what they join as members (`joining`: tham gia dự án JCM,
    tham gia với vai trò đối tác, took part in JCM projects), which keeps them things."""
    joining = re.compile(data["joining"], re.I)
    return any(not joining.match(after, m.end()) for m in _starts(tuple(data["attendance_words"]), spaced(lang)).finditer(after))


def _any(words: list[str], text: str, lang: str) -> bool:
    """Whether `text` holds one of `words`; in a spaced language only where a word begins (a
    delegation's "mission" is not in "emissions"), its endings free (attend, attends)."""
    return _starts(tuple(words), spaced(lang)).search(text) is not None


@cache
def _starts(words: tuple[str, ...], at_word: bool) -> re.Pattern:
    return re.compile(("(?<!\\w)" if at_word else "") + f"(?:{alternation(words) or '(?!)'})", re.I)


def _window_end(text: str, spans: list[tuple[int, int]], k: int) -> int:
    """Where count k's clause ends (a clause mark, the next count or the sentence end)."""
    mark = _CLAUSE_END.search(text, spans[k][1])
    ends = [sentence_span(text, spans[k][0])[1]] + [s for s, _ in spans[k + 1 :] if s >= spans[k][1]][:1]  # past a range's upper end
    return min(ends + ([mark.start()] if mark else []))


def parse_count(text: str, lang: str) -> tuple[int | float, str, str | None] | None:
    """(value, unit, qualifier) of a single table cell: '48件', '29ヵ国', '12 dự án'."""
    found = find(text, lang)
    return (found[0].value, found[0].unit, found[0].qualifier) if found else None


def _listed(seg: Segment, ctx: Context, found: list[Count]) -> list[Count]:
    """Bare numbers after countries in a comparison or list that follows a count or a counted
    noun of the same sentence ("Indonesia leads with 22 projects, followed by Mongolia (23)",
    "projects by country: Chile 8, Kenya 6"): counts of the same things."""
    pattern = re.compile(lexicon(seg.lang, "counts")["listed_after_country"] or "(?!)")
    out = []
    for country in ctx.here(CountryMention):
        m = pattern.match(seg.text, country.end)
        sentence = sentence_span(seg.text, country.start)
        before = [(c.unit, c.what) for c in found if sentence[0] <= c.start and c.end <= country.start]
        before = before or [(g["unit"], form) for g, form in _nouns_before(fold(seg.text), seg.lang, country.start)]
        taken = m and any(c.start <= m.start("num") < c.end for c in found)
        if m and before and not taken and int(m.group("num")) not in YEARS:
            unit, what = before[-1]
            out.append(Count(m.start("num"), m.end("num"), int(m.group("num")), unit, what, None))
    return out


_CELL_MARK = re.compile(r"[ \t]*[|｜][ \t]*")


def _fact_box_row(seg: Segment) -> tuple[Segment, tuple[int, int]] | None:
    """A table row of two cells, a counted noun as the label and its number (Participants | 120,
    Số đại biểu | 150, 参加者数 | 120), as the labelled line it stands for (Participants: 120),
    with the span of its cell mark; None for other rows (they are the tables extractor's)."""
    marks = list(_CELL_MARK.finditer(seg.text))
    if len(marks) != 1:
        return None
    s, e = marks[0].span()
    return replace(seg, text=seg.text[:s] + ":" + " " * (e - s - 1) + seg.text[e:], kind="paragraph"), (s, e)


@extractor("counts", CountMention)
def find_counts(seg: Segment, ctx: Context) -> Iterator[CountMention]:
    """Counts of projects, countries, issuances, meetings, participants, documents and others.

    ja: オンライン参加7か国 → 7 country · 正副2通 → 2 document · 第5回 → (ordinal, not a count)
    vi: 15 dự án → 15 project · en: Two of the projects … in Kenya → 2 project, subject KEN
    """
    original, cell = seg.text, None
    if seg.kind == "table_row":  # only a fact box's row, read as its labelled line
        if (row := _fact_box_row(seg)) is None:
            return
        seg, cell = row
    found = find(seg.text, seg.lang, frozenset() if spaced(seg.lang) else seg.bounds)
    if cell:  # a count spanning the row's label and its number
        found = [c for c in found if c.start < cell[0] and c.end > cell[1]]
    else:
        found = sorted(found + _listed(seg, ctx, found), key=lambda c: c.start)
    spans = [(c.start, c.end) for c in found]
    for k, (c, subject) in enumerate(zip(found, subjects(seg, ctx, found))):
        lo, hi = sentence_span(seg.text, c.start)
        near = seg.text[_clause_start(seg.text, spans, k) : _window_end(seg.text, spans, k)]
        measured = qualify(c.unit, seg.text[lo:hi], seg.lang, near=near)
        yield CountMention(
            start=c.start, end=c.end, surface=original[c.start : c.end], rule="counts",
            value=c.value, unit=c.unit, what=c.what, qualifier=c.qualifier,  # type: ignore[arg-type]
            subject=subject, measure=measured.measure, period=measured.period, as_of=measured.as_of,
        )


def restatements(found: Iterable[tuple[Segment, Mention]]) -> set[int]:
    """The ids of the subjectless running-text counts that restate a count some other mention of
    the document gives a subject: the same words again without one (a title, a later sentence,
    "…the 3 projects") are that fact again, no second count, when they refer back to it (the
    words of `restated_before` or `restated_after` next to them: the 3 projects, この3件) or state
    the same act (its measure, `other` too) or name no partner country in their sentence (no
    subject for want of one). Another act with the same words whose sentence names partners is
    another fact (Mongolia registered 5 projects … the Joint Committee of Japan and Thailand
    approved 5 projects: joint). Table cells are left alone (a bare 6). Mentions carry document offsets; decided
    over the whole document, so the pipeline applies it after every extractor ran."""
    found = list(found)
    counts = [(seg, m) for seg, m in found if isinstance(m, CountMention) and m.rule == "counts"]
    partners = [m for _, m in found if isinstance(m, CountryMention)]
    said: dict[tuple, set[str]] = {}
    for _, m in counts:
        if m.subject:
            said.setdefault((m.surface.strip(), m.value, m.unit), set()).add(m.measure or OTHER)
    out = set()
    for seg, m in counts:
        measures = said.get((m.surface.strip(), m.value, m.unit))
        if m.subject or measures is None:
            continue
        if (m.measure or OTHER) in measures or _refers_back(seg, m) or not _names_partner(seg, m, partners):
            out.add(id(m))
    return out


def _names_partner(seg: Segment, m: Mention, countries: list[CountryMention]) -> bool:
    """Whether the sentence of a count (document offsets) names a partner country (not the home
    party): its count is then subjectless for a reason of its own (joint, several countries)."""
    home = lexicon(seg.lang, "counts")["home"]
    lo, hi = sentence_span(seg.source, m.start - seg.offset)
    return any(c.iso3 not in home and lo <= c.start - seg.offset < hi for c in countries)


def _refers_back(seg: Segment, m: Mention) -> bool:
    """Whether the words next to a count (document offsets) refer back to one named before."""
    data = lexicon(seg.lang, "counts")
    start, end = m.start - seg.offset, m.end - seg.offset
    return bool(re.search(data["restated_before"], seg.source[max(0, start - 40) : start], re.I)
                or re.match(data["restated_after"], seg.source[end : end + 40], re.I))
