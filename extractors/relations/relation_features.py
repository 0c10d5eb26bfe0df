"""Features every relation candidate (agreement, event) shares: its language and kind, where its
sentence stands (a title line, a list or heading line, a pseudo-table row), how dated it is, and
how crowded its sentence is (many countries or many triggers mark a list, not one new fact).

The decision-specific signals (signing verb, irrealis words, holding word...) are added by each
relation extractor; the models (extractors.relations.relation_model) weigh them all.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.relations.discourse import View
from extractors.relations.relation_dates import choose, first_date, options, precision
from extractors.relations.relation_model import Features, Model, bucket
from extractors.text import spaced
from schemas.records import CountryMention

OPENING = 3  # sentences that may hold a document's title


def shared(view: View, u: int, kind: str, date: str | None, triggers: int) -> Features:
    """The features of a candidate in unit `u` that do not depend on the relation."""
    unit = view.units[u]
    countries = {m.iso3 for _, _, m in view.found(u, CountryMention)}
    out: Features = {f"lang={unit.lang}": 1.0, f"kind={kind}": 1.0, f"date={precision(date)}": 1.0}
    out |= bucket("countries", len(countries), 4) | bucket("triggers", triggers, 3)
    out["line"] = float(unit.bare)
    out["opening"] = float(u < OPENING)
    out["row"] = float(u in view.rows)
    out["short"] = float(short(view, u))
    return out


def short(view: View, u: int) -> bool:
    """A unit of a dozen words at most (30 letters in Japanese): a title, a caption, a list line."""
    unit = view.units[u]
    return len(re.findall(r"\w+", unit.text)) <= 12 if spaced(unit.lang) else len(unit.text) <= 30


def flags(**signals: object) -> Features:
    """Boolean signals as 0/1 features."""
    return {k: float(bool(v)) for k, v in signals.items()}


def decide(view: View, cands: list, judge: Model, dater: Model, reach=options) -> list:
    """The candidates `judge` takes for real facts, each with the date `dater` prefers among those
    `reach` gives it, or none (extractors.relations.relation_dates)."""
    first = first_date(view)
    out = []
    for c in cands:
        if not judge.accepts(c.features):
            continue
        value, here, _ = choose(dater, reach(view, c, cands, first))
        strong = c.strong if value == c.date else here and value is not None
        out.append(replace(c, date=value, strong=strong))
    return out
