"""Who a count is about: the country or organization its sentence attributes it to.

Principles, each with its words and patterns in `data/<lang>/counts.yaml`:

1. Counts of countries and of member bodies belong to an international body named as their
   owner in a sentence that names no country (ADB supports 9 countries), or, for a membership
   sentence, just before it (…パートナーシップ… 40カ国が参加表明); otherwise they have no
   subject ("Japan signed with seven ASEAN member states": Japan's count, not ASEAN's), unless a
   non-home country of the count's clause owns its agreements with them (Switzerland had
   agreements with 14 countries).
2. A country marked as the place, the owner or the side of the counted things is the subject:
   ベトナムでは16件 · 23件がモンゴルで登録 · 37 dự án của nhà đầu tư Nhật Bản · cả nước có
   16 dự án · Kenya now hosts five projects · X's 12 projects · 日本側14名. The nearest such
   anchor in the count's clause wins, else one in a clause of the sentence that holds no other
   count (so in a comparison each number takes the country next to it). Two countries named
   together (日越間では, Japan and Mongolia have) anchor "no single subject".
   "The said country" (同国, nước này, the country) is the non-home country named before it.
3. A subset (うち8件, trong đó 14 dự án, of which 3, 7 of which), or a number compared with the count before
   it (31 countries, up from 17), has the subject of that count.
4. Participants take only a side anchor of their own clause (日本側から14名), or one spelling out
   the whole text from an earlier clause (日本側からは環境省、外務省等30名); otherwise none.
5. A count a joint committee approves in its clause is joint: only a country stated as the place
   of the counted things themselves (two new projects in Kenya) is its subject.
6. Otherwise the one country other than the home party in the clause, sentence or paragraph
   up to the sentence (a country named only later is about what follows),
   leaving out countries anchored to other counts; none when two parties are named jointly.
7. A count whose own clause says it is scheme-wide or per country in general (JCM全体, 各国,
   each country), or whose sentence has the scheme as its owner before it with no country
   between (JCMでは…, the JCM now has, JCM hiện có), has no subject; one right after an international body it runs with or is
   funded through (ADB連携11件) is that body's.
8. "Local" things (現地企業10社, 10 local firms, doanh nghiệp địa phương) are the host country's:
   the one non-home country of the clause, sentence or paragraph, else of the document so far.
9. People and bodies with a nationality in their own noun phrase are that country's: 12 Japanese
   companies (a demonym), 30 doanh nghiệp Nhật Bản (the name after the noun), 日本企業12社.
10. A count whose segment names no country, under a heading that is one country's name alone
   (■タイ⏎登録案件：12件), is that country's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any, Protocol

from extractors.base import Context, Segment
from extractors.entities.dates import sentence_span
from extractors.lexicon import alternation, lexicon
from extractors.entities.numbers import numeral_pattern
from extractors.text import bounded, spaced, whole_words
from schemas.records import CountryMention, OrgMention

_LIST_COMMAS = ("、", ",", "，")  # the only thing between two countries of a list
SUBJECT_GAP = 25  # two countries closer than this with "and" between them are named jointly
NATIONAL_UNITS = ("participant", "other")  # people and bodies have a nationality; projects take their host's
HEADING_REACH = 3  # segments below a country's own heading (■タイ) that it labels
LOCAL_REACH = 6  # a "local" word this close before a count (現地企業10社), in it or right after it marks it
Span = tuple[int, int]
_LABEL = re.compile(r"[^\n:：。.、]{1,20}[:：]")  # a line's label: "ベトナム：", "Chile:"
# a line opening a list item or a label ("タイ：…", "Chile: …") opens a clause (a wrapped line does not)
_LIST_ITEM = r"\n(?=[ \t]*[-•・*+▪◦]|[^\n:：。.]{1,20}[:：])"


class Counted(Protocol):
    """What a subject is decided from: a count's span, unit and whether a body may own it."""

    start: int
    end: int
    unit: str
    ownable: bool


@dataclass(frozen=True, slots=True)
class Party:
    """A country as it stands in the text, or countries named together (iso3 None)."""

    start: int
    end: int
    iso3: str | None


@cache
def _data(lang: str) -> dict[str, Any]:
    """counts.yaml with its patterns compiled."""
    data = dict(lexicon(lang, "counts"))
    flags = re.IGNORECASE if spaced(lang) else 0
    for key in ("anchors", "country_anchors", "committee_anchors"):
        data[key + "_re"] = [
            {k: re.compile(v, flags) if k in ("pre", "post", "gap") else v for k, v in a.items()}
            for a in data[key]
        ]
    committee = alternation(data["committee_words"]) or "(?!)"
    data["committee_re"] = re.compile(bounded(committee, lang), flags)
    punct = re.escape(data["clause_marks"])
    words = alternation(data["clause_breaks"]) or "(?!)"
    data["clause_re"] = re.compile(rf"[{punct}]|{_LIST_ITEM}|{bounded(words, lang)}", flags)
    data["subset_re"] = re.compile(rf"(?:{alternation(data['subset_before']) or '(?!)'})[^\d、。,;]{{0,8}}$", flags)
    data["joint_re"] = re.compile(bounded(alternation(data["joint_phrases"]) or "(?!)", lang))
    data["region_re"] = re.compile(bounded(alternation(data["regions"]) or "(?!)", lang))
    data["subset_word_re"] = re.compile(bounded(alternation(data["subset_before"]) or "(?!)", lang), flags)
    data["subset_after_re"] = re.compile(rf"\s*(?:{alternation(data['subset_after']) or '(?!)'})(?!\w)", flags)
    data["parallel_re"] = re.compile(rf"(?:{alternation(data['parallel_before']) or '(?!)'})\s*$", flags)
    data["member_re"] = re.compile(alternation(data["membership_words"]) or "(?!)", flags)
    anaphors = alternation(data["anaphors"]) or "(?!)"
    data["anaphor_re"] = re.compile(bounded(anaphors, lang), flags)
    data["owner_gap_re"] = re.compile(data["owner_count_gap"], flags)
    demonyms = alternation(data["demonyms"]) or "(?!)"
    data["demonym_re"] = re.compile(bounded(demonyms, lang))
    local = alternation(data["local_words"]) or "(?!)"
    data["local_re"] = re.compile(bounded(local, lang), flags)
    data["topic_re"] = re.compile("|".join(data["scheme_topics"]) or "(?!)", flags)
    wide = alternation(data["scheme_wide"]) or "(?!)"
    data["scheme_re"] = re.compile(bounded(wide, lang), flags)
    data["running_re"] = re.compile(data["running_total"], flags)
    data["home_total_re"] = re.compile(data["home_total"], flags)
    # any white space between its words: a PDF may wrap the line inside it (trên cả⏎nước)
    whole = (alternation(data["whole_country"]) or "(?!)").replace(r"\ ", r"\s+")
    data["whole_re"] = re.compile(whole_words(whole), flags)
    return data


def parties(text: str, countries: Sequence[CountryMention], lang: str, earlier: str | None = None) -> list[Party]:
    """Country mentions, and "the whole country" phrases, with countries named together
    (日越, 日・タイ, Japan and Mongolia) merged into one joint party; "the said country" with no
    country before it in `text` stands for `earlier` (that of the blocks before)."""
    data = _data(lang)
    found = [(c.start, c.end, c.iso3) for c in countries]
    found += [(m.start(), m.end(), data["whole_country_iso3"]) for m in data["whole_re"].finditer(text)]
    found += [(m.start(), m.end(), iso3) for m in data["anaphor_re"].finditer(text)
              if (iso3 := _antecedent(text, countries, m.start(), lang)
                  or (earlier if not any(c.end <= m.start() for c in countries) else None))]
    out: list[Party] = []
    for start, end, iso3 in sorted(found):
        last = out[-1] if out else None
        if last and start >= last.end and _together(text[last.end : start], lang):
            out[-1] = Party(last.start, end, last.iso3 if last.iso3 == iso3 else None)
        else:
            out.append(Party(start, end, iso3))
    return out


def _earlier_antecedent(seg: Segment, ctx: Context) -> str | None:
    """The country "the said country" at the start of a block stands for: the last non-home
    country of the blocks before (anaphor_last), or the only one of the nearest block naming any."""
    data = _data(seg.lang)
    if not data["anaphor_re"].search(seg.text):
        return None
    for i in range(ctx.index - 1, -1, -1):
        named = [m for m in ctx.found.get(i, []) if isinstance(m, CountryMention) and m.iso3 not in data["home"]]
        if named:
            isos = {m.iso3 for m in named}
            return max(named, key=lambda m: m.start).iso3 if data["anaphor_last"] else (isos.pop() if len(isos) == 1 else None)
    return None


def _antecedent(text: str, countries: Sequence[CountryMention], at: int, lang: str) -> str | None:
    """The country "the said country" (同国, nước này, the country) at `at` stands for: the last
    non-home country named before it, or, unless the language's `anaphor_last` allows the last of
    several, the only one named in the sentence that names the last."""
    data = _data(lang)
    before = [c for c in countries if c.end <= at and c.iso3 not in data["home"]]
    if not before:
        return None
    if data["anaphor_last"]:
        return before[-1].iso3
    lo = sentence_span(text, before[-1].start)[0]
    isos = {c.iso3 for c in before if c.start >= lo}
    return isos.pop() if len(isos) == 1 else None


def _together(gap: str, lang: str) -> bool:
    """Whether two countries with `gap` between them are named together: nothing between them
    (ja 日越) or a list comma alone (タイ、ベトナム、インドネシアにおいて), or a joint word (・, と,
    and, và) in a short gap that holds no other number and does not end with a place word (tại,
    in) of its own."""
    if not spaced(lang) and not gap.strip() or gap.strip() in _LIST_COMMAS:
        return True
    if len(gap) > SUBJECT_GAP or re.search(r"\d|[。！？]|[.!?](?:\s|$)", gap) or _numeral(lang).search(gap):
        return False
    if any(a["pre"].search(gap) for a in _data(lang)["anchors_re"] if a["kind"] == "place" and "pre" in a):
        return False  # "…hai tại Việt Nam và một tại Indonesia": the second country is a place of its own
    words = alternation(_data(lang)["joint_words"])
    return bool(re.search(bounded(words, lang), gap))


@cache
def _numeral(lang: str) -> re.Pattern:
    """A numeral of the language (digits, kanji, number words): a gap holding one ("Kenya and
    two in Ethiopia") names two counts' countries, not one joint party."""
    return re.compile(numeral_pattern(lang))


def clauses(text: str, sentence: Span, lang: str, breaks: Sequence[int] = ()) -> list[Span]:
    """The clauses of a sentence: cut at clause marks (、 , ; brackets), list items, clause-opening
    words and `breaks` (line breaks the segmenter took out before a labelled line)."""
    lo, hi = sentence
    marks = [m.start() for m in _data(lang)["clause_re"].finditer(text, lo, hi)]
    cuts = sorted({lo, hi, *marks, *(b for b in breaks if lo < b < hi)})
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def label_breaks(seg: Segment) -> list[int]:
    """Offsets in `seg.text` where the segmenter took a line break out (Japanese unwrapping)
    before a labelled line (…47件⏎ベトナム：…): the line is an item of its own, not a wrapped word."""
    if not seg.index_map:
        return []
    at = seg.index_map
    return [i for i in range(1, len(at)) if at[i] - at[i - 1] > 1
            and "\n" in seg.raw[at[i - 1] + 1 : at[i]] and _LABEL.match(seg.text, i)]


def _anchor(text: str, party: Party, count: Counted, clause: Span, lang: str, key: str = "anchors",
            tight: bool = False) -> str | None:
    """The kind of anchor (place, owner, side) that ties `party` to `count`, if any, by the
    anchors of `key` in the language's data; `tight`: only anchors that spell out the whole
    text between them (a `gap`), which may then span clause marks."""
    before = party.end <= count.start
    gap = text[party.end : count.start] if before else text[count.end : party.start]
    data = _data(lang)
    for a in data[key + "_re"]:
        if tight and "gap" not in a:
            continue
        if a.get("side") and a["side"] != ("before" if before else "after"):
            continue
        if party.iso3 in data["home"] and count.unit not in a.get("home", (count.unit,)):
            continue
        if count.unit not in a.get("units", (count.unit,)):
            continue
        if "gap" in a and not a["gap"].search(gap):
            continue
        if "pre" in a and not a["pre"].search(text[clause[0] : party.start]):
            continue
        if "post" in a and not a["post"].match(text, party.end):
            continue
        return a["kind"]
    return None


def _nearest(text: str, count: Counted, pool: list[Party], clause: Span, kinds: set[str], lang: str,
             key: str = "anchors", tight: bool = False) -> Party | None:
    """The party tied to the count by an anchor of `kinds`: one placed right after the count
    ("two in Ethiopia") first, else the nearest."""
    tied = [p for p in pool if _anchor(text, p, count, clause, lang, key, tight) in kinds]
    return min(tied, key=lambda p: (not _placed_after(text, p, count, lang),
                                    min(abs(p.end - count.start), abs(p.start - count.end))), default=None)


def _placed_after(text: str, party: Party, count: Counted, lang: str) -> bool:
    """True when nothing but a place word stands between the count and the party after it
    ("three in the Philippines", "hai tại Lào")."""
    gap = text[count.end : party.start]
    at = party.start - len(gap.lstrip())
    return party.start >= count.end and any(
        "pre" in a and a["kind"] == "place" and a["pre"].match(text, at, party.start)
        for a in _data(lang)["anchors_re"])


def _owner(seg: Segment, ctx: Context, sentence: Span) -> str | None:
    """The international body that owns a count of countries or members (principle 1)."""
    data = _data(seg.lang)
    orgs = [m for m in ctx.here(OrgMention) if isinstance(m, OrgMention) and m.id in data["owners"]]
    ids = {m.id for m in orgs if sentence[0] <= m.start < sentence[1]}
    if not ids and data["member_re"].search(seg.text, *sentence):
        ids = {m.id for m in orgs if m.end <= sentence[0]}
        ids |= {m.id for d, m in ctx.near(OrgMention, 1) if d < 0 and isinstance(m, OrgMention) and m.id in data["owners"]}
    return ids.pop() if len(ids) == 1 else None


def _owning_body(seg: Segment, ctx: Context, count: Counted, every: list[Party], own: Span) -> str | None:
    """An international body named right before the count as the one it runs with or funds it
    through (ADB連携11件): the count is that body's, unless a partner country stands from the
    body to the end of the count's clause, in the body's own words (ADB's Mongolia Resident
    Mission has financed 5 projects) or as the place of the things (ADB co-financed 5 projects
    in Viet Nam): the count is then that country's (a funder owns no project)."""
    data = _data(seg.lang)
    for m in ctx.here(OrgMention):
        if isinstance(m, OrgMention) and m.id in data["owners"] and m.end <= count.start \
                and data["owner_gap_re"].search(seg.text[m.end : count.start]):
            if any(m.end <= p.start < own[1] and p.iso3 and p.iso3 not in data["home"] for p in every):
                return None
            return m.id
    return None


def _scheme_topic(text: str, count: Counted, every: list[Party], sentence: Span, own: Span, lang: str) -> bool:
    """Principle 7: the scheme itself (JCMでは, the JCM now has, JCM hiện có) owns the count, with
    no country named from it to the end of the count's clause (the JCM has 16 projects in Kenya)."""
    topics = list(_data(lang)["topic_re"].finditer(text, sentence[0], count.start))
    return bool(topics) and not any(topics[-1].start() <= p.start < own[1] for p in every)


def _nationality(text: str, count: Counted, lang: str) -> str | None:
    """Principle 9: the one country whose nationality word stands in the count's own noun
    phrase (12 Japanese companies, 15 Thai officials)."""
    data = _data(lang)
    isos = {data["demonyms"][m.group()] for m in data["demonym_re"].finditer(text, count.start, count.end)}
    return isos.pop() if len(isos) == 1 else None


def _fallback(seg: Segment, pool: list[Party], spans: list[Span]) -> str | None:
    """Principle 5: the one non-home country of the clause, sentence or paragraph."""
    data = _data(seg.lang)
    for lo, hi in spans:
        here = [p for p in pool if lo <= p.start < hi]
        if any(p.iso3 is None for p in here) or data["joint_re"].search(seg.text, lo, hi):  # not "the JC" in "the JCM"
            return None
        isos = {p.iso3 for p in here} - set(data["home"])
        if len(isos) == 1:
            return isos.pop()
        if isos:
            return None
    return None


def _space(text: str, at: int) -> int:
    """The length of the white space at offset `at`."""
    return len(text[at:]) - len(text[at:].lstrip())


def _local(seg: Segment, ctx: Context, every: list[Party], spans: list[Span]) -> str | None:
    """Principle 8: the country of "local" things (現地企業10社, 10 local firms): the one
    non-home country of the clause, sentence or paragraph, else of the document so far."""
    if found := _fallback(seg, every, spans):
        return found
    isos = {m.iso3 for d, m in ctx.near(CountryMention, ctx.index) if d < 0 and isinstance(m, CountryMention)}
    isos -= set(_data(seg.lang)["home"])
    return isos.pop() if len(isos) == 1 else None


def subjects(seg: Segment, ctx: Context, counts: Sequence[Counted]) -> list[str | None]:
    """The subject of each count of a segment (counts in text order)."""
    every = parties(seg.text, [c for c in ctx.here(CountryMention) if isinstance(c, CountryMention)], seg.lang,
                    _earlier_antecedent(seg, ctx))
    out: list[str | None] = []
    breaks = label_breaks(seg) if counts else []
    for k, count in enumerate(counts):
        sentence = sentence_span(seg.text, count.start)
        others = [c for c in counts if c is not count and sentence[0] <= c.start < sentence[1]]
        prior = out[-1] if k and counts[k - 1] in others else None
        out.append(_subject(seg, ctx, count, others, every, sentence, prior, breaks))
    return out


def _subject(seg: Segment, ctx: Context, count: Counted, others: list[Counted], every: list[Party],
             sentence: Span, prior: str | None, breaks: list[int]) -> str | None:
    text, lang, data = seg.text, seg.lang, _data(seg.lang)
    named = any(sentence[0] <= p.start < sentence[1] for p in every)
    parts = clauses(text, sentence, lang, breaks)
    own = next((p for p in parts if p[0] <= count.start < p[1]), sentence)
    lead = text[own[0] : count.start]
    if prior is not None and (data["subset_re"].search(lead) or data["parallel_re"].search(lead)
                              or data["subset_after_re"].match(text, count.end)
                              or _later_part(text, count, others, own, data, every)):
        # …unless the part is placed in a country of its own (14 projects, four of which are in Peru)
        after = data["subset_after_re"].match(text, count.end)  # 7 of which | are in Peru: the clause after
        span = next((p for p in parts if after and p[0] <= after.end() < p[1]), own) if after else own
        placed = _nearest(text, count, [p for p in every if count.end <= p.start < span[1]], span, {"place"}, lang)
        return placed.iso3 if placed and placed.iso3 else prior
    # a part named after the count (250件のうちベトナムで50件, 250 projects, including 50 in Viet Nam)
    # is the part's: the whole takes no country from the words after the subset word
    part = data["subset_word_re"].search(text, count.end, sentence[1])
    if part and data["subset_after_re"].match(text, count.end):
        part = None  # the count is itself the part (9 of which are in Kenya)
    every = [p for p in every if not (part and part.start() <= p.start < sentence[1])]
    if data["scheme_re"].search(text, *own) or _scheme_topic(text, count, every, sentence, own, lang):
        return None
    if parts and parts[0] != own and parts[0][1] <= count.start and data["scheme_re"].search(text, *parts[0]) \
            and not any(parts[0][0] <= p.start < count.start for p in every):
        return None  # "Worldwide, 250 projects …": a scheme-wide word opening the sentence
    if data["local_re"].search(text, max(own[0], count.start - LOCAL_REACH), count.end) \
            or data["local_re"].match(text, count.end + _space(text, count.end)):
        return _local(seg, ctx, every, [own, sentence, (0, sentence[1])])
    if count.unit in NATIONAL_UNITS and (iso3 := _nationality(text, count, lang)):
        return iso3
    if org := _owning_body(seg, ctx, count, every, own):
        return org
    if count.unit == "country" or count.ownable:
        if not named and (org := _owner(seg, ctx, sentence)):
            return org
        if count.unit == "country":
            pool = [p for p in every if own[0] <= p.start < own[1] and p.iso3 not in data["home"]]
            party = _nearest(text, count, pool, own, {"owner"}, lang, "country_anchors")
            return party.iso3 if party else None
    if data["committee_re"].search(lead):
        pool = [p for p in every if own[0] <= p.start < own[1]]
        party = _nearest(text, count, pool, own, {"place"}, lang, "committee_anchors")
        return party.iso3 if party else None
    busy = {p: [c for c in others if p[0] <= c.start < p[1]] for p in parts if p != own}
    kinds = {"side"} if count.unit == "participant" else {"place", "owner", "side"}
    at = parts.index(own) if own in parts else 0  # nearer clauses first, the one before on a tie
    free = [p for _, p in sorted(((abs(i - at), i > at), p) for i, p in enumerate(parts) if p != own and not busy[p])]
    spans = [own] if count.unit == "participant" else [own] + free
    for span in spans:
        pool = [p for p in every if span[0] <= p.start < span[1]]
        if count.unit == "participant":
            pool = [p for p in pool if not _follows_other(p, count, others, span)]
        party = _nearest(text, count, pool, span, kinds, lang)
        if party:
            return party.iso3
    if count.unit == "participant":  # 日本側からは環境省、外務省等30名: a side whose list holds clause marks
        party = _nearest(text, count, [p for p in every if sentence[0] <= p.start < own[0]], sentence, kinds, lang,
                         tight=True)
        return party.iso3 if party else None
    if data["region_re"].search(text, *own) and not any(own[0] <= p.start < own[1] for p in every):
        return None  # 15 projects hosted in Asia and the Pacific: a region's, not the country of the sentence before
    busy[own] = [c for c in others if own[0] <= c.start < own[1]]  # タイ3件…インドネシア1件の計6件
    owned = {p for span, cs in busy.items() for p in every if span[0] <= p.start < span[1]
             and any(_anchor(text, p, c, span, lang) for c in cs)}
    # a country the sentence gives to another count is not this one's, named earlier either
    # (17 projects (4 in Indonesia) under a heading naming Indonesia: the 17 are not Indonesia's)
    given = {p.iso3 for p in owned}
    # a running total since a start (Since 2013, 250 projects …), or the home party's own so far,
    # with no other country in its sentence is no host's named in the sentences before
    here = {p.iso3 for p in every if sentence[0] <= p.start < sentence[1]}
    running = not here - set(data["home"]) and (data["running_re"].search(text, *sentence) or (
        here and data["home_total_re"].search(text, *sentence)))
    spans = [own, sentence] if running else [own, sentence, (0, sentence[1])]
    found = _fallback(seg, [p for p in every if p not in owned and p.iso3 not in given], spans)
    return found or (None if every else _heading_country(ctx, data["home"]))


def _follows_other(party: Party, count: Counted, others: list[Counted], span: Span) -> bool:
    """Whether `party` stands between another count of its clause and this one: it then names
    the side of the people before it ("35 officials from Mongolia and 19 delegates from seven
    other countries": the 19 are not Mongolia's)."""
    return party.end <= count.start and any(span[0] <= c.start and c.end <= party.start for c in others)


def _later_part(text: str, count: Counted, others: list[Counted], own: Span, data: dict[str, Any],
                every: list[Party]) -> bool:
    """Principle 3 for a second part: the count's clause opens with a subset word and holds a
    count before it (trong đó 14 dự án đã đăng ký và 6 dự án đã cấp tín chỉ): both are parts of
    the whole before the subset word. Not a count of countries: "Among them were 35 officials
    from Mongolia and 19 delegates from seven other countries" counts no part of Mongolia; nor
    one whose clause names a country of its own (the 19 are not Mongolia's either)."""
    if count.unit == "country" or any(own[0] <= p.start < own[1] for p in every):
        return False
    opens_with_subset = data["subset_word_re"].match(text, own[0] + _space(text, own[0]))
    return bool(opens_with_subset) and any(own[0] <= c.start < count.start for c in others)


def _heading_country(ctx: Context, home: list[str]) -> str | None:
    """Principle 10: the country of the nearest heading above (within HEADING_REACH segments)
    when that heading is the country's name alone (■タイ, "Viet Nam"): a section label."""
    for i in range(ctx.index - 1, max(-1, ctx.index - 1 - HEADING_REACH), -1):
        heading = ctx.segments[i]
        if heading.kind != "heading":
            continue
        named = [m for m in ctx.found.get(i, []) if isinstance(m, CountryMention)]
        rest = heading.text
        for m in sorted(named, key=lambda m: -m.start):
            rest = rest[: m.start] + rest[m.end :]
        isos = {m.iso3 for m in named}
        return isos.pop() if len(isos) == 1 and not (isos & set(home)) and not re.search(r"[^\W_]", rest) else None
    return None
