"""Parties of a relation (agreements): which ministries and states a sentence names as the sides.

Ministries are organization ids (also from signatory titles such as "Bộ trưởng Bộ Tài nguyên và
Môi trường" or "環境大臣"); states are ISO3 codes, or bodies that sign like states (ASEAN, ADB).
A side named by a body without an id is represented by its country. Words: `party_titles` and
`party_groups` in `data/<lang>/discourse.yaml`.

    en: MOEJ and the Philippines' DENR → (MOEJ, PHL) · ja: 日本国環境大臣とベトナム天然資源環境大臣 → (MOEJ, MONRE)
"""

from __future__ import annotations

from functools import cache

from extractors.discourse import Span, View, regex, words
from extractors.lexicon import gazetteer
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
                (orgs if title["party"] in org_country() else states).append(title["party"])
    if issuer and (orgs or states):
        return orgs, states
    for _, _, m in view.found(u, OrgMention, (lo, hi)):
        if m.id in org_country():
            orgs.append(m.id)
        elif m.id in lex["party_groups"]:
            states.append(m.id)
    states += [m.iso3 for _, _, m in view.found(u, CountryMention, (lo, hi))]
    return orgs, states


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
