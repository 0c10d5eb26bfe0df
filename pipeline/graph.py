"""The cooperation graph, built from the resolved store (pipeline/resolve.py): who signed what
with whom, who met whom, when, according to which documents.

Nodes: countries (ISO3), organizations (ids), agreements and events (their resolved keys).
Edges: `party_to` (party → agreement), `participated_in` (party → event; an event's parties
are the extracted ones, else those named in its sentence) and a projected `cooperates_with`
between two parties that stand for different countries (number of shared agreements and
events, first and last date, source documents). GraphML holds scalars only, so lists are
joined with ";", dates are ISO strings and None is left out.
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
from schemas.db import (
    AgreementEntity,
    AgreementParty,
    AgreementSource,
    DocumentRow,
    EntityRow,
    EventEntity,
    EventParty,
    EventSource,
)


def _attrs(**kw) -> dict:
    """GraphML-safe attributes: no None, lists joined, everything else scalar."""
    out = {}
    for k, v in kw.items():
        if v is None or v == "":
            continue
        out[k] = ";".join(sorted(map(str, v))) if isinstance(v, (set, list, tuple, frozenset)) else v
    return out


@dataclass
class _Tie:
    """What two parties did together."""

    agreements: int = 0
    events: int = 0
    dates: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)


def _sources(session: Session, model, fk) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for owner, doc in session.execute(select(fk, DocumentRow.doc).join(DocumentRow,
                                                                       DocumentRow.id == model.document_id)):
        out[owner].add(doc)
    return out


def _parties(session: Session, model, fk) -> dict[int, list[tuple[str, str | None]]]:
    out: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for owner, party, nation in session.execute(select(fk, model.party, model.nation).order_by(model.id)):
        out[owner].append((party, nation))
    return out


def build(session: Session) -> nx.MultiDiGraph:
    """The cooperation graph of everything resolved in the store."""
    entities = {e.id: e for e in session.scalars(select(EntityRow))}
    g = nx.MultiDiGraph()
    ties: dict[tuple[str, str], _Tie] = defaultdict(_Tie)

    def party_node(party: str, nation: str | None) -> None:
        e = entities.get(party)
        g.add_node(party, **_attrs(type=e.kind if e else "organization",
                                   label=(e.name_en if e else None) or party,
                                   name_ja=e.name_ja if e else None, name_vi=e.name_vi if e else None,
                                   country=nation))

    tables = (
        ("agreement", "party_to", AgreementEntity, AgreementParty, AgreementParty.agreement_id,
         AgreementSource, AgreementSource.agreement_id),
        ("event", "participated_in", EventEntity, EventParty, EventParty.event_id,
         EventSource, EventSource.event_id),
    )
    for prefix, relation, entity, party_model, party_fk, source_model, source_fk in tables:
        sources = _sources(session, source_model, source_fk)
        parties = _parties(session, party_model, party_fk)
        for row in session.scalars(select(entity).order_by(entity.id)):
            node = f"{prefix}:{row.key}"
            label = " ".join(str(x) for x in (getattr(row, "ordinal", None) and f"#{row.ordinal}",
                                              row.kind, row.date) if x)
            g.add_node(node, **_attrs(
                type=prefix, kind=row.kind, label=label, date=row.date, place=row.place,
                ordinal=getattr(row, "ordinal", None), parties=row.parties,
                parties_from=getattr(row, "parties_from", None), sources=sources[row.id],
                n_sources=row.n_sources, n_documents=row.n_documents,
            ))
            for party, nation in parties[row.id]:
                party_node(party, nation)
                g.add_edge(party, node, key=relation, **_attrs(relation=relation, date=row.date))
            for (a, na), (b, nb) in itertools.combinations(sorted(parties[row.id]), 2):
                if na and na == nb:
                    continue  # a ministry and its own country
                tie = ties[(a, b)]
                setattr(tie, f"{prefix}s", getattr(tie, f"{prefix}s") + 1)
                tie.dates += [row.date] if row.date else []
                tie.sources |= sources[row.id]
    for (a, b), tie in ties.items():
        dates = sorted(tie.dates)
        g.add_edge(a, b, key="cooperates_with", **_attrs(
            relation="cooperates_with", weight=tie.agreements + tie.events,
            n_agreements=tie.agreements, n_events=tie.events,
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            sources=tie.sources,
        ))
    return g


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    """Write GraphML through a temporary file and a rename: never a half-written file."""
    with atomic_target(path) as tmp:
        nx.write_graphml(g, tmp)
