"""Which date an agreement has: the options every relation weighs (extractors.relations.relation_dates),
with what the grammar says of each date of the instrument's own sentence and what the document
says of it elsewhere.

- `verb_clause`: the date stands in the signing verb's own clause (no clause break, no other
  instrument between them): "signed the MoC on 4 March", "3月4日に覚書に署名".
- `period`: the date opens a period ("from 22 to 25 November", "22日から25日まで"): a visit or
  a conference lasts several days, an instrument is signed on one, which the period does not say.
- `taken`: the date is tied, in another sentence, to another instrument (or, for one introduced
  as new, to any earlier one): a list of earlier signings dates those, not this one.

    "2011年に署名し、2015年に更新した。今般、4度目の覚書に署名" → the 4th MoC is not 2015

A release's title run on into its date line ("…協力覚書の署名について令和6年2月20日") dates the
release, not the signing its body dates (`release_date`).
"""

from __future__ import annotations

import re

from extractors.relations import relation_dates
from extractors.relations.discourse import CLAUSE_BREAK, FRAME, Span, View, dates, is_period, is_target
from extractors.relations.relation_features import OPENING, flags
from extractors.relations.relation_model import Features
from schemas.records import DateMention


def options(view: View, c, cands: list, first: str | None) -> list[relation_dates.Option]:
    """The options of relation_dates, each dated one with the agreement's own grammar features."""
    out = []
    if _aim(view):
        first = None
    for value, here, f in relation_dates.options(view, c, cands, first):
        if value is not None:
            f = f | _grammar(view, c, value, cands) | flags(taken=_taken(c, cands, value))
        if not f.get("period"):
            out.append((value, here, f))
    if c.features.get("renewal") and c.date:  # a renewal is dated by its own clause; the others are the first signing's
        out = [o for o in out if o[0] == c.date]
    return out


def _aim(view: View) -> bool:
    """The document's first date is a target ("30 partners by 2025", "2030年までに"): it has no
    date line of its own, and that year dates no signing."""
    for u in range(len(view.units)):
        if found := view.found(u, DateMention):
            return is_target(view, u, found[0][0], found[0][1])
    return False


def _grammar(view: View, c, value: str, cands: list) -> Features:
    """Where the date of `value` stands in the candidate's own sentence, relative to its verb, and
    whether it (there or in the sentence before) opens a period."""
    u, text = c.unit, view.units[c.unit].text
    spans = [(s, e) for s, e, m in dates(view, u) if m.value == value]
    before = [(s, e) for s, e, m in dates(view, u - 1) if m.value == value] if u > 0 else []
    others = [o.span for o in cands if o.unit == u and o.span != c.span]
    return flags(verb_clause=any(_tied(text, s, c.verb, others) for s in spans),
                 period=any(is_period(view, u, s) for s in spans) or any(is_period(view, u - 1, s) for s in before))


def _tied(text: str, date: Span, verb: Span | None, others: list[Span]) -> bool:
    if verb is None:
        return False
    lo, hi = (date[1], verb[0]) if date[1] <= verb[0] else (verb[1], date[0])
    return lo <= hi and not CLAUSE_BREAK.search(text[lo:hi]) and not any(lo <= o[0] < hi for o in others)


def _taken(c, cands: list, value: str) -> bool:
    return any(o.strong and o.date == value and o.unit != c.unit
               and (c.fresh or o.kind != c.kind or set(o.parties) != set(c.parties)) for o in cands)


SENTENCE_MARK = re.compile(r"[。！？]|[.!?](?:\s|$)")  # a mark that ends a sentence, anywhere in a unit


def release_date(view: View, u: int) -> str | None:
    """The date that closes an opening title unit (nothing after it, no sentence end in the unit):
    the release's own date line joined to its title, which names no instrument's day."""
    found = dates(view, u) if u < OPENING else []
    if not found:
        return None
    s, e, m = found[-1]
    text = view.units[u].text
    return None if FRAME.sub("", text[e:]) or SENTENCE_MARK.search(text) else m.value
