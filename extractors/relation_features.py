"""Features every relation candidate (agreement, event) shares: its language and kind, where its
sentence stands (a title line, a list or heading line, a pseudo-table row), how dated it is, and
how crowded its sentence is (many countries or many triggers mark a list, not one new fact).

The decision-specific signals (signing verb, irrealis words, holding word...) are added by each
relation extractor; the models (extractors.relation_model) weigh them all.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.discourse import View
from extractors.relation_model import Features, Model, bucket
from extractors.text import spaced
from schemas.records import CountryMention, DateMention

OPENING = 3  # sentences that may hold a document's title


def precision(value: str | None) -> str:
    """none / year / month / day / yearless (a day without its year)."""
    if not value:
        return "none"
    if value.startswith("--"):
        return "yearless"
    return {4: "year", 7: "month"}.get(len(value), "day")


def shared(view: View, u: int, kind: str, date: str | None, triggers: int) -> Features:
    """The features of a candidate in unit `u` that do not depend on the relation."""
    unit = view.units[u]
    countries = {m.iso3 for _, _, m in view.found(u, CountryMention)}
    out: Features = {f"lang={unit.lang}": 1.0, f"kind={kind}": 1.0, f"date={precision(date)}": 1.0}
    out |= bucket("countries", len(countries), 4) | bucket("triggers", triggers, 3)
    out["line"] = float(unit.bare)
    out["opening"] = float(u < OPENING)
    out["row"] = float(u in view.rows)
    out["short"] = float(len(re.findall(r"\w+", unit.text)) <= 12 if spaced(unit.lang) else len(unit.text) <= 30)
    return out


def flags(**signals: object) -> Features:
    """Boolean signals as 0/1 features."""
    return {k: float(bool(v)) for k, v in signals.items()}


def first_date(view: View) -> str | None:
    """The document's first date (often its own: a dateline, a publication line)."""
    for u in range(len(view.units)):
        found = view.found(u, DateMention)
        if found:
            return found[0][2].value
    return None


def date_features(features: Features, date: str | None, strong: bool, first: str | None) -> Features:
    """What the date model weighs besides the candidate's features: whether the date was found in
    the mention's own sentence or borrowed from the context, and whether it is the document's
    own first date (the release's day rather than the instrument's or meeting's)."""
    return features | flags(context_date=not strong, doc_date=date is not None and date == first)


def decide(view: View, cands: list, judge: Model, dater: Model) -> list:
    """The candidates `judge` takes for real facts; each keeps its date where `dater` takes the
    date for the fact's own (else the date is left open, as the gold does for a COP's)."""
    first = first_date(view)
    out = []
    for c in cands:
        if not judge.accepts(c.features):
            continue
        if c.date and not dater.accepts(date_features(c.features, c.date, c.strong, first)):
            c = replace(c, date=None, strong=False)
        out.append(c)
    return out
