"""Which date an accepted relation fact (agreement, event) has: a learned choice among options.

The rules give each candidate one date (its clause's, its sentence's, a row's, the context's);
the gold often wants another one in reach, or none. So every date in reach is an option — each
date of the mention's own sentence, the previous sentence's, the next line's bare date, its
pseudo-table row's, the meeting summary's header date, the document's first date, the rules'
own pick — and so is "no date". Each option is described by where it stands relative to the
mention (before / after, words between, a clause break or another trigger between, same or
neighbouring sentence), what it is (precision, a target or series start, the document's own
date) and, for "no date" and the rules' pick, the candidate's own features; a logistic model
(`agreements_dates`, `events_dates`) scores each and the best one wins.

    "覚書は2019年に署名され、2025年12月4日に更新された" → the renewal's candidate takes 2025-12-04
    "…on the sidelines of COP30 (10-21 November)" → the COP's own date or none, as learned
"""

from __future__ import annotations

import re

from extractors.relations.discourse import CLAUSE_BREAK, Span, View, agree, bare_date, dates, usable
from extractors.relations.relation_model import Features, Model, bucket
from extractors.text import spaced
from schemas.records import JCM_HOME, CountryMention, DateMention, OrgMention

BY = 4  # letters between a name and a date right by it

Option = tuple[str | None, bool, Features]  # value, from the mention's own sentence, features


def precision(value: str | None) -> str:
    """none / year / month / day / yearless (a day without its year)."""
    if not value:
        return "none"
    if value.startswith("--"):
        return "yearless"
    return {4: "year", 7: "month"}.get(len(value), "day")


def first_date(view: View) -> str | None:
    """The document's first date (often its own: a dateline, a publication line)."""
    for u in range(len(view.units)):
        found = view.found(u, DateMention)
        if found:
            return found[0][2].value
    return None


def _between(view: View, u: int, s: int, e: int, anchor: Span) -> str:
    text = view.units[u].text
    return text[e : anchor[0]] if e <= anchor[0] else text[anchor[1] : s]


def _distance(text: str, lang: str) -> int:
    return len(re.findall(r"\w+", text)) if spaced(lang) else len(re.sub(r"\s", "", text)) // 4


def _sides(view: View, u: int, parties: tuple[str, ...]) -> tuple[list[Span], list[Span]]:
    """Where the unit names the candidate's parties other than the home state, and other states."""
    mine, other = [], []
    for s, e, m in view.found(u, CountryMention) + view.found(u, OrgMention):
        name = m.iso3 if isinstance(m, CountryMention) else m.id
        if name in parties and name != JCM_HOME:
            mine.append((s, e))
        elif isinstance(m, CountryMention) and name != JCM_HOME:
            other.append((s, e))
    return mine, other


def _by(mine: list[Span], other: list[Span], s: int, e: int) -> tuple[bool, bool]:
    """Whether the state named nearest the date, right by it, is a party or another state
    ("Kenya (12 June), Ethiopia (5 May)", "6月12日にケニアと")."""
    gaps = [(max(a - e, s - b), k) for k, spans in enumerate((mine, other)) for a, b in spans]
    gap, k = min(gaps, default=(BY + 1, 0))
    return gap <= BY and k == 0, gap <= BY and k == 1


def date_by(view: View, u: int, party: str) -> str | None:
    """The date written right by a name of `party` in unit `u`, no other state's name being
    nearer to it: a list's own day for each partner ("ケニア(6月12日)", "Kenya (12 June)")."""
    mine, other = _sides(view, u, (party,))
    return next((m.value for s, e, m in dates(view, u) if usable(view, u, s, e) and _by(mine, other, s, e)[0]), None)


def _own(view: View, u: int, anchor: Span, others: list[Span], parties: tuple[str, ...]) -> list[tuple[str, Features]]:
    """The dates of the mention's sentence, nearest first, with where they stand."""
    lang = view.units[u].lang
    mine, other = _sides(view, u, parties)
    found = [d for d in dates(view, u) if usable(view, u, d[0], d[1])]
    ranked = sorted(found, key=lambda d: len(_between(view, u, d[0], d[1], anchor)))
    out = []
    for rank, (s, e, m) in enumerate(ranked):
        gap = _between(view, u, s, e, anchor)
        lo, hi = sorted((s, anchor[0]))
        f: Features = {"here": 1.0, "before": float(e <= anchor[0]), "clause": float(not CLAUSE_BREAK.search(gap)),
                       "crossed": float(any(lo < o[0] < hi for o in others if o != anchor))}
        f |= bucket("words", _distance(gap, lang), 12 if spaced(lang) else 8) | bucket("nearest", rank, 3)
        by_party, by_other = _by(mine, other, s, e)
        f |= {"by_party": float(by_party), "by_other_state": float(by_other)}
        out.append((m.value, f | bucket("dates_here", len(found), 4)))
    return out


def options(view: View, c, cands: list, first: str | None) -> list[Option]:
    """Every date the fact of candidate `c` (an agreement or event candidate: unit, span, kind,
    date, features) may have, and none; the rules' own pick first. A legal act's date is its
    issue's, which its header or enacting verb gives (the rules): its only options are that date and none."""
    u, anchor, rule = c.unit, c.span, c.date
    others = [o.span for o in cands if o.unit == u and o is not c]  # other triggers take their own dates
    found: list[tuple[str, bool, Features]] = [(v, True, f) for v, f in _own(view, u, anchor, others, getattr(c, "parties", ()))]
    if u > 0:
        found += [(m.value, False, {"previous": 1.0}) for s, e, m in dates(view, u - 1) if usable(view, u - 1, s, e)]
    if (nxt := bare_date(view, u + 1)) is not None:
        found.append((nxt.value, False, {"next_line": 1.0}))
    if u in view.rows and view.rows[u][0] is not None:
        found.append((view.rows[u][0].value, False, {"row_date": 1.0}))
    if view.header is not None and view.header[1] is not None:
        found.append((view.header[1].value, view.header[0] == u, {"header": 1.0}))
    if first:
        found.append((first, False, {"far": 1.0}))
    if rule:
        found.insert(0, (rule, False, {"context": 1.0}) if all(v != rule for v, _, _ in found) else (rule, False, {}))
    if c.kind == "legal_act":
        found = [x for x in found if x[0] == rule]
    merged: dict[str, Option] = {}
    for value, here, f in found:  # one option per value, with every reason it is in reach
        old = merged.get(value, (value, False, {}))
        both = old[2] | {k: max(v, old[2].get(k, 0.0)) for k, v in f.items()}
        merged[value] = (value, old[1] or here, both)
    out: list[Option] = []
    for value, here, f in merged.values():
        f = f | {f"prec={precision(value)}": 1.0, "doc_date": float(value == first)}
        if rule and agree(value, rule):
            f |= {"rule": 1.0, "rule_same": float(value == rule)} | {f"rule:{k}": v for k, v in c.features.items()}
        out.append((value, here, f))
    none = (None, False, {"none": 1.0} | {f"none:{k}": v for k, v in c.features.items()})
    return out[:1] + [none] + out[1:] if rule else [none] + out


def choose(judge: Model, opts: list[Option]) -> Option:
    """The option the model scores highest (the first one on a tie: the rules' pick, else no date)."""
    return max(opts, key=lambda o: judge.probability(o[2]))
