"""One event per happening in a document (extractors.relations.events): a definite mention refers back to
the event named before it, and repeated mentions of one event fold into one fact.

    "…on the sidelines of COP30. The conference, which opened on November 10, …" → COP30 on 11-10
"""

from __future__ import annotations

from dataclasses import replace

from extractors.relations.discourse import agree, date_rank
from extractors.relations.event_candidate import Candidate


REACH = 3  # sentences back a definite mention ("the conference") may refer


def refer(cands: list[Candidate], anaphors: list[Candidate]) -> list[Candidate]:
    """A definite mention refers to the nearest named or numbered event of its kind (any kind,
    for a noun that only refers) in the sentences before it, and dates it when the event has
    no date of its own: "…on the sidelines of COP30. The conference, which opened on
    November 10, …" → COP30 on 11-10. Without such an event in reach it stands as a mention of its
    own, unless the document named an event of its kind before ("The JC decided…" in the outcome
    of the 4th JC) and the mention is not held on a date of its own ("the JC was held again on
    5 May"): then it is that one, too far to date it."""
    for a in anaphors:
        target = next((c for c in reversed(cands) if 0 < a.unit - c.unit <= REACH
                       and (c.ordinal is not None or c.name) and (a.refers or c.kind == a.kind)), None)
        if target is None:
            named_before = any(c.unit < a.unit and (c.ordinal is not None or c.name) and c.kind == a.kind for c in cands)
            if not (a.refers or (named_before and not (a.main and a.strong))):  # "the conference" may name one of its own; "会議は" only refers back
                cands.append(a)
            continue
        if a.date and not (target.strong and target.date):
            target.date, target.strong, target.stated = a.date, a.strong, a.stated
        target.place = target.place or a.place
    return sorted(cands, key=lambda c: (c.unit, c.span))


def _same(a: Candidate, b: Candidate) -> bool:
    """One event mentioned twice: same kind, no conflicting ordinal or name, and dates that agree
    (a date borrowed from the context yields to one tied to the event)."""
    if a.kind != b.kind or (a.ordinal is not None and b.ordinal is not None and a.ordinal != b.ordinal):
        return False
    if a.name and b.name and a.name != b.name:
        return False
    if not (a.date and b.date) or agree(a.date, b.date):
        return True
    return a.ordinal == b.ordinal and (a.ordinal is not None or a.strong != b.strong)


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Fold repeated mentions into one fact each, again until no two facts are one event (a fold
    may give a fact the ordinal or date that makes it one with a fact kept apart before). The
    fold keeps the date of the mention that is strong, dated, and surest, in that order."""
    merged: list[Candidate] = []
    for c in cands:
        for i, m in enumerate(merged):
            if _same(m, c):
                best = max((m, c), key=lambda x: (x.strong, x.date is not None, x.sure, date_rank(x.date)))
                merged[i] = replace(
                    m, ordinal=m.ordinal if m.ordinal is not None else c.ordinal, date=best.date,
                    name=m.name or c.name, strong=best.strong, sure=best.sure, place=m.place or c.place,
                )
                break
        else:
            merged.append(c)
    return merged if len(merged) == len(cands) else merge(merged)
