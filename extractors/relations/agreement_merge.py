"""One agreement per instrument in a document (extractors.relations.agreements): parties taken from the
context become the ministries that sign in the document, and repeated mentions of one instrument
fold into one fact (one signed and later renewed stays two; an MoU and the bilateral document it
created are two).

    "…MOEJ and MONRE signed an MoC…" then "the MoC was signed in 2013" → one MoC (MOEJ, MONRE), 2013
"""

from __future__ import annotations

from dataclasses import replace

from extractors.relations.agreement_candidate import Candidate
from extractors.relations.discourse import View, agree, date_rank, regex, words
from extractors.relations.parties import as_countries, org_country, unit_parties
from schemas.records import JCM_HOME


def _same(a: Candidate, b: Candidate) -> bool:
    """One instrument mentioned twice: same kind, compatible parties and own dates. Laws must also
    share their noun (法律 / 省令, Luật / Thông tư) and their issuer."""
    if _restated(a, b):  # …unless each has a date of its own sentence, and they differ
        return not (a.strong and b.strong and not agree(a.date, b.date))
    if a.kind != b.kind:
        return False
    if a.kind == "legal_act" == b.kind and a.noun == b.noun and (a.anaphoric or b.anaphoric):
        return True  # "Thông tư này": the circular the document names
    if a.kind == "legal_act" and (a.noun != b.noun or (a.parties and b.parties and a.parties != b.parties)):
        return False
    if a.kind == "legal_act" and a.number is not None and b.number is not None and a.number != b.number:
        return False  # Decree 119 and Decree 6: two acts
    if a.strong and b.strong and not agree(a.date, b.date):
        return False  # a date borrowed from the context yields to one tied to the instrument
    if any(x.fresh and y.strong for x, y in ((a, b), (b, a))) and a.date and b.date and not agree(a.date, b.date):
        return False  # "signed a MoU" on another day than "the MoU signed in 2020": a new one
    if a.parties and b.parties and a.parties != b.parties:
        if a.org_level and b.org_level:
            return False
        return as_countries(a.parties) == as_countries(b.parties)
    return True


GENERIC = "document"  # the noun of a generic instrument word ("văn bản hợp tác", "協力文書", "cooperation document")


def _restated(a: Candidate, b: Candidate) -> bool:
    """A generic word for an instrument ("the second cooperation document the two sides have
    signed") names no new one: it is the instrument the document names between the same sides
    (one on the JCM is the founding document, a kind of its own)."""
    generic = a if a.noun == GENERIC else b
    return (a.noun == GENERIC) != (b.noun == GENERIC) and generic.kind == "other" and bool(a.parties) and (
        as_countries(a.parties) == as_countries(b.parties))


def refine(view: View, cands: list[Candidate]) -> list[Candidate]:
    """Parties taken from the context, or none, become the ministries that sign in the document's
    own sentences (or, failing that, a pair of ministries it names) when they stand for the same
    countries: a MOEJ-MONRE page's "the MoC was signed" is a MOEJ-MONRE MoC. An instrument signed
    "with" one ministry gets the document's ministry of the other side, and a state beside a
    ministry, or one of "the two ministries", becomes the document's ministry of that state."""
    known = [c.parties for c in cands if c.org_level and c.local]
    for u in range(len(view.units)):
        pair = tuple(sorted(set(unit_parties(view, u)[0])))
        known += [pair] if len(pair) >= 2 else []
    named = [tuple(unit_parties(view, u)[0]) for u in range(len(view.units))]
    out = []
    for c in cands:
        if c.kind in ("legal_act", "bilateral_document"):
            pass
        elif not c.local:
            image = set(c.parties)
            same = next((p for p in known if not image or as_countries(p) == image), None)
            same = same or next((p for p in known if len(image) > 2 and as_countries(p) < as_countries(c.parties)), None)
            c = replace(c, parties=same, org_level=True) if same else c
        elif c.org_level and len(as_countries(c.parties)) == 1:
            home = as_countries(c.parties)
            other = next((o for p in known for o in p if org_country().get(o, next(iter(home))) not in home), None)
            c = replace(c, parties=tuple(sorted({*c.parties, other}))) if other else c
        elif c.org_level or regex(words(view.units[c.unit].lang)["both_ministries"], view.units[c.unit].lang).search(
                view.units[c.unit].text):
            c = replace(c, parties=_ministries(c.parties, named))
        if c.memo and c.kind in c.memo:
            c = replace(c, kind=memo_kind(c))
        out.append(c)
    return out


def memo_kind(c: Candidate) -> str:
    """A memorandum whose name does not say which it is ("bản ghi nhớ", "覚書", "memorandum") is
    a memorandum of cooperation when Japan's government signs it (its name for its own
    memoranda) and an MoU between other bodies (a bank and a department, two cities)."""
    with_japan, without = c.memo
    return with_japan if JCM_HOME in as_countries(c.parties) else without


def _ministries(parties: tuple[str, ...], known: list[tuple[str, ...]]) -> tuple[str, ...]:
    """A state beside a ministry, or one of "the two ministries", stands for its own ministry
    when the document names exactly one ("MONRE and Japan" on a MOEJ-MONRE page → MOEJ, MONRE)."""
    out = []
    for p in parties:
        mine = {o for pair in known for o in pair if org_country().get(o) == p}
        out.append(mine.pop() if p not in org_country() and len(mine) == 1 else p)
    return tuple(sorted(set(out)))


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Fold repeated mentions into the first one, keeping the most specific arguments."""
    merged: list[Candidate] = []
    for c in cands:
        for i, m in enumerate(merged):
            if _same(m, c):
                merged[i] = _better(m, c)
                break
        else:
            merged.append(c)
    return merged


def _better(a: Candidate, b: Candidate) -> Candidate:
    if a.anaphoric != b.anaphoric:  # the act as named, not as referred back to
        return b if a.anaphoric else a
    if _restated(a, b):  # the specific word's instrument, as it is
        return b if a.noun == GENERIC else a
    date_from = max((a, b), key=lambda c: (c.strong, date_rank(c.date)))
    parties = a.parties if (a.org_level or not b.org_level) and a.parties else b.parties or a.parties
    return replace(
        a, parties=parties, org_level=a.org_level or b.org_level, date=date_from.date,
        strong=date_from.strong, place=a.place or b.place,
    )
