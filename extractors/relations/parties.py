"""Parties of a relation (agreements): which ministries and states a sentence names as the sides.

Ministries are organization ids (also from signatory titles such as "Bộ trưởng Bộ Tài nguyên và
Môi trường" or "環境大臣"); states are ISO3 codes, or bodies that sign like states (ASEAN, ADB).
A side named by a body without an id is represented by its country. A country that only says
where a place is ("in Manila, Philippines", "フィリピン・マニラで") is no side; "the two sides"
("hai bên", "両者") are the sides named just before. Words: `party_titles`, `title_country_before`, `title_country_after`, `party_groups`,
`place_country_before`, `place_country_after`, `place_country_end`, `located_before`,
`located_after`, `place_body_before`, `place_body_after`, `demonym_sides` and `both_sides` in
`data/<lang>/discourse.yaml`.

    en: MOEJ and the Philippines' DENR → (MOEJ, PHL) · ja: 日本国環境大臣とベトナム天然資源環境大臣 → (MOEJ, MONRE)
"""

from __future__ import annotations

import re
from functools import cache

from extractors.relations.discourse import Span, View, regex, words
from extractors.lexicon import gazetteer, lexicon
from extractors.entities.places import find_places
from schemas.records import CountryMention, OrgMention


@cache
def org_country() -> dict[str, str]:
    """Organization id → ISO3 of the state it belongs to (national bodies only)."""
    return {r["id"]: r["country"] for r in gazetteer("organizations") if r.get("country") and r["id"] != "-"}


def unit_parties(view: View, u: int, window: Span | None = None, issuer: bool = False) -> tuple[list[str], list[str]]:
    """Ministries (org ids, also from signatory titles) and states (ISO3, or groups such as
    ASEAN) named in a window of a unit. With `issuer`, a title or code naming the issuer
    (TT-BTNMT, NĐ-CP) decides alone."""
    unit = view.units[u]
    lex = words(unit.lang)
    lo, hi = window or (0, len(unit.text))
    orgs, states, taken = [], [], set()
    for title in lex["party_titles"]:
        for m in regex(title["pattern"], unit.lang).finditer(unit.text, lo, hi):
            if not taken & set(range(*m.span())):
                taken.update(range(*m.span()))
                party = _qualified(view, u, m.span(), title["party"])
                (orgs if party in org_country() else states).append(party)
    if issuer and (orgs or states):
        return orgs, states
    states += _demonym_sides(view, u, lo, hi, taken)
    found = view.found(u, OrgMention, (lo, hi))
    for i, (s, _, m) in enumerate(found):
        if i and _parent(unit.text, found[i - 1], (s, m)):
            continue  # "Cục Biến đổi khí hậu (Bộ Nông nghiệp và Môi trường)": the department signs
        if m.id in org_country():
            orgs.append(m.id)
        elif m.id in lex["party_groups"]:
            states.append(m.id)
    located = _place_countries(view, u)
    states += [m.iso3 for s, e, m in view.found(u, CountryMention, (lo, hi)) if (s, e) not in located]
    return orgs, states


def _demonym_sides(view: View, u: int, lo: int, hi: int, taken: set[int]) -> list[str]:
    """A side named by its nationality word and a word for a side ("his Indonesian counterpart",
    "the Vietnamese side", "the Kenyan Ministry of Environment"): that state."""
    unit = view.units[u]
    names = lexicon(unit.lang, "counts").get("demonyms") or {}
    if not names:
        return []
    folded = {k.lower(): v for k, v in names.items()}
    pattern = regex(rf"({'|'.join(map(re.escape, names))})\s+(?:{words(unit.lang)['demonym_sides']})", unit.lang)
    return [folded[m.group(1).lower()] for m in pattern.finditer(unit.text, lo, hi) if not taken & set(range(*m.span()))]


OPEN_BRACKET = re.compile(r"\s*[(（]\s*")  # an opening bracket with the spaces around it


def _parent(text: str, before: tuple, this: tuple) -> bool:
    """An organization in brackets right after a body of its own state names the body's parent
    ministry ("the Department of Climate Change (Ministry of Agriculture and Environment)",
    "気候変動局（農業環境省）"): it qualifies that body, which is the side."""
    _, end, prev = before
    start, m = this
    home = org_country().get(m.id)
    return bool(home) and org_country().get(prev.id) == home and bool(OPEN_BRACKET.fullmatch(text, end, start))


def _qualified(view: View, u: int, span: Span, party: str) -> str:
    """The party of a signatory title, or the state named right by it when that is another one:
    a ministry's title is shared by several states ("ラオスの天然資源環境大臣", "the Minister of
    Natural Resources and Environment of Laos" is Lao, not Viet Nam's MONRE). Gaps:
    `title_country_before` / `title_country_after`."""
    unit, lex = view.units[u], words(view.units[u].lang)
    before, after = _gap(lex["title_country_before"]), _gap(lex["title_country_after"])
    home = org_country().get(party, party)
    for s, e, m in view.found(u, CountryMention):
        if m.iso3 != home and ((e <= span[0] and before.fullmatch(unit.text, e, span[0]))
                               or (span[1] <= s and after.fullmatch(unit.text, span[1], s))):
            return m.iso3
    return party


def _place_countries(view: View, u: int) -> set[Span]:
    """Country mentions of a unit that name a place's country: right after the place ("Manila,
    Philippines", "Manila (Philippines)") or right before it ("フィリピン・マニラ", "the
    Philippine capital Manila"), the gap between them matching the language's pattern. A country
    that goes on as the subject of a clause ("In Tokyo, Japan and Chile signed", "In Tokyo, Japan
    signed") stays a side: only a country followed by a clause end, a date or a preposition is
    the place's. So is a country after a locative word ("in Egypt", "tại Ai Cập", "エジプトで開催")."""
    unit = view.units[u]
    countries = view.found(u, CountryMention)
    if not countries:  # most units: no country, so no place to look up
        return set()
    lex = words(unit.lang)
    after, before = _gap(lex["place_country_after"]), _gap(lex["place_country_before"])
    ends = _gap(lex["place_country_end"])
    places = find_places(unit.text, unit.lang)
    located_before, located_after = regex(lex["located_before"], unit.lang), regex(lex["located_after"], unit.lang)
    out = set()
    for s, e, _ in countries:
        if located_before.search(unit.text[max(0, s - 12) : s]) or located_after.search(unit.text[e : e + 8]):
            out.add((s, e))  # "at the COP in Egypt", "エジプトで開催": where, not who
            continue
        for ps, pe, _ in places:
            if _body(unit.text, unit.lang, ps, pe, located_before):
                continue  # "thành phố Hải Phòng (Việt Nam)", "ベトナム・ハイフォン市": a city that signs, its state a side
            if (pe <= s and after.fullmatch(unit.text, pe, s) and ends.match(unit.text, e)) or (
                e <= ps and before.fullmatch(unit.text, e, ps)
            ):
                out.add((s, e))
    return out


def _body(text: str, lang: str, ps: int, pe: int, located: re.Pattern) -> bool:
    """The place is named as a body (a city, a province: "Hai Phong City", "thành phố Hải Phòng",
    "ハイフォン市"), which acts and signs, rather than as where something is ("in the City of
    Bangkok", "tại thành phố Bangkok": a locative word before it)."""
    lex = words(lang)
    head = re.search(lex["place_body_before"] + "$", text[max(0, ps - 24) : ps])
    start = ps - len(head.group()) if head else ps
    if located.search(text[max(0, start - 12) : start]):
        return False
    return bool(head or re.match(lex["place_body_after"], text[pe : pe + 16]))


@cache
def _gap(pattern: str) -> re.Pattern:
    """A pattern for the letters between two names (no word boundaries, any case)."""
    return re.compile(pattern, re.IGNORECASE)


def referred_sides(view: View, u: int, reach: int = 4) -> tuple[int, list[str], list[str]] | None:
    """The sides "the two sides" / "hai bên" / "両者" in unit `u` refer back to: those named before
    it in its sentence, else in the nearest sentence before that names two sides (with the unit
    naming them). None without such a phrase or antecedent."""
    unit = view.units[u]
    phrase = regex(words(unit.lang)["both_sides"], unit.lang).search(unit.text)
    if phrase is None:
        return None
    for v, window in [(u, (0, phrase.start()))] + [(v, None) for v in range(u - 1, max(-1, u - 1 - reach), -1)]:
        orgs, states = unit_parties(view, v, window)
        if len(sides(orgs, states)) >= 2:
            return v, orgs, states
    return None


def sides(orgs: list[str], states: list[str]) -> tuple[str, ...]:
    """The parties: each ministry, and each state no named ministry stands for (a body without
    an id is represented by its country: MOEJ and the Philippines' DENR → MOEJ, PHL)."""
    if not orgs:
        return tuple(sorted(set(states)))
    covered = {org_country()[o] for o in orgs}
    return tuple(sorted(set(orgs) | {s for s in states if s not in covered}))


def as_countries(parties: tuple[str, ...]) -> frozenset[str]:
    """The states parties stand for (a ministry for its country)."""
    return frozenset(org_country().get(p, p) for p in parties)
