"""The cooperation graph, built from the store: who signed what with whom, when, from where.

Nodes: countries (ISO3), organizations (ids), agreements and events. Edges: `party_to`
(party → agreement), `participated_in` (party → event) and a projected `cooperates_with`
between two parties (number of shared agreements/events, first and last date, sources).
The same agreement named in several documents is one node: same kind and parties, and
dates that agree at the precision each source gives (2013, 2013-07 and 2013-07-02 agree).
GraphML holds scalars only, so lists are joined with ";" and None is left out.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.atomic import atomic_target
from schemas.db import DocumentRow, EntityRow, FactAgreement, FactEvent


def dates_agree(a: str | None, b: str | None) -> bool:
    """True when two ISO dates of any precision can name the same day (one is a prefix)."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


@dataclass
class Merged:
    """One agreement or event with every source that names it."""

    kind: str
    parties: tuple[str, ...]
    date: str | None
    ordinal: int | None = None
    place: str | None = None
    sources: set[str] = field(default_factory=set)
    surfaces: set[str] = field(default_factory=set)

    def absorb(self, date: str | None, place: str | None, doc: str, surface: str) -> None:
        if date and (not self.date or len(date) > len(self.date)):
            self.date = date  # keep the most precise date
        self.place = self.place or place
        self.sources.add(doc)
        self.surfaces.add(surface)


def merge(rows: list[tuple], with_ordinal: bool) -> list[Merged]:
    """Group (kind, parties, date, ordinal, place, doc, surface) rows into entities."""
    merged: list[Merged] = []
    for kind, parties, date, ordinal, place, doc, surface in rows:
        parties = tuple(p for p in (parties or "").split(";") if p)
        for m in merged:
            if (m.kind, m.parties) == (kind, parties) and dates_agree(m.date, date) and (
                not with_ordinal or m.ordinal == ordinal
            ) and (date or m.date or doc in m.sources):
                m.absorb(date, place, doc, surface)
                break
        else:
            m = Merged(kind=kind, parties=parties, date=date, ordinal=ordinal, place=place)
            m.absorb(date, place, doc, surface)
            merged.append(m)
    return merged


def _attrs(**kw) -> dict:
    """GraphML-safe attributes: no None, lists joined, everything else scalar."""
    out = {}
    for k, v in kw.items():
        if v is None:
            continue
        out[k] = ";".join(sorted(map(str, v))) if isinstance(v, (set, list, tuple)) else v
    return out


def build(session: Session) -> nx.MultiDiGraph:
    """The cooperation graph of everything in the store."""
    names = {e.id: (e.kind, e.name_en or e.id) for e in session.scalars(select(EntityRow))}
    agreements = merge(
        session.execute(
            select(FactAgreement.kind, FactAgreement.parties, FactAgreement.date, None,
                   FactAgreement.place, DocumentRow.doc, FactAgreement.surface)
            .join(DocumentRow).order_by(DocumentRow.doc, FactAgreement.id)
        ).all(),
        with_ordinal=False,
    )
    events = merge(
        session.execute(
            select(FactEvent.kind, FactEvent.parties, FactEvent.date, FactEvent.ordinal,
                   FactEvent.place, DocumentRow.doc, FactEvent.surface)
            .join(DocumentRow).order_by(DocumentRow.doc, FactEvent.id)
        ).all(),
        with_ordinal=True,
    )
    g = nx.MultiDiGraph()
    links: dict[tuple[str, str], list[Merged]] = defaultdict(list)
    for prefix, relation, items in (("agreement", "party_to", agreements),
                                    ("event", "participated_in", events)):
        for n, m in enumerate(items, 1):
            node = f"{prefix}:{n}"
            label = " ".join(str(x) for x in (m.ordinal and f"#{m.ordinal}", m.kind, m.date) if x)
            g.add_node(node, **_attrs(type=prefix, kind=m.kind, label=label, date=m.date,
                                      ordinal=m.ordinal, place=m.place, parties=m.parties,
                                      sources=m.sources, n_sources=len(m.sources),
                                      surface=sorted(m.surfaces)[0]))
            for party in m.parties:
                kind, name = names.get(party, ("organization", party))
                g.add_node(party, **_attrs(type=kind, label=name))
                g.add_edge(party, node, key=relation, **_attrs(relation=relation, date=m.date))
            for a, b in itertools.combinations(sorted(m.parties), 2):
                links[(a, b)].append(m)
    for (a, b), items in links.items():
        dates = sorted(d for d in (m.date for m in items) if d)
        g.add_edge(a, b, key="cooperates_with", **_attrs(
            relation="cooperates_with", weight=len(items),
            n_agreements=sum(1 for m in items if m in agreements), n_events=sum(1 for m in items if m in events),
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            sources=set().union(*(m.sources for m in items)),
        ))
    return g


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    """Write GraphML through a temporary file and a rename: never a half-written file."""
    with atomic_target(path) as tmp:
        nx.write_graphml(g, tmp)
