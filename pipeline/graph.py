"""The cooperation graph, built from the resolved store (pipeline/resolve.py): who signed what
with whom, who met whom, when, according to which documents. Two graphs, for Gephi,
Cytoscape or igraph:

- `build`: directed, bipartite. Nodes are countries (ISO3), organizations (ids), agreements
  and events; edges `party_to` (party → agreement) and `participated_in` (party → event; an
  event's parties are the extracted ones, else those named in its sentence). An agreement or
  event with no known party has no edge and is left out unless asked for.
- `cooperation`: undirected. Two parties that stand for different countries are tied by
  the number of agreements and events they share, first and last date, source documents.

Agreement and event labels name their parties ("JPN–VNM bilateral document 2013-07-02",
"8th JPN–VNM policy dialogue 2024-01-12"). GraphML holds scalars only, so lists are joined
with ";", dates are ISO strings, None is left out, and every edge gets a unique id.
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
from schemas.records import JCM_HOME
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


def ordinal_en(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def entity_label(kind: str, date: str | None, parties: list[tuple[str, str | None]],
                 ordinal: int | None = None) -> str:
    """"8th JPN–VNM policy dialogue 2024-01-12": ordinal, parties (Japan's side first), kind, date."""
    names = sorted({p for p, _ in parties}, key=lambda p: (dict(parties)[p] != JCM_HOME, p))
    bits = [ordinal_en(ordinal) if ordinal else None, "–".join(names) or None, kind.replace("_", " "), date]
    return " ".join(b for b in bits if b)


def _collect(session: Session, isolated: bool) -> tuple[nx.MultiDiGraph, dict[tuple[str, str], _Tie]]:
    """The bipartite graph and the ties between parties that stand for different countries."""
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
            if not parties[row.id] and not isolated:
                continue
            node = f"{prefix}:{row.key}"
            ordinal = getattr(row, "ordinal", None)
            g.add_node(node, **_attrs(
                type=prefix, kind=row.kind, label=entity_label(row.kind, row.date, parties[row.id], ordinal),
                date=row.date, place=row.place, ordinal=ordinal, parties=row.parties,
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
    return g, ties


def build(session: Session, isolated: bool = False) -> nx.MultiDiGraph:
    """Parties → the agreements and events they are party to (with `isolated`, also those
    without a known party)."""
    return _collect(session, isolated)[0]


def cooperation(session: Session) -> nx.Graph:
    """Parties tied by what they did together (undirected; weight = shared agreements and events)."""
    g, ties = _collect(session, isolated=False)
    out = nx.Graph()
    for (a, b), tie in ties.items():
        dates = sorted(tie.dates)
        out.add_node(a, **g.nodes[a])
        out.add_node(b, **g.nodes[b])
        out.add_edge(a, b, **_attrs(
            relation="cooperates_with", weight=tie.agreements + tie.events,
            n_agreements=tie.agreements, n_events=tie.events,
            first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
            sources=tie.sources,
        ))
    return out


def write_graphml(g: nx.Graph, path: Path) -> None:
    """Write GraphML, each edge with the unique id "source relation target", through a
    temporary file and a rename: never a half-written file."""
    out = nx.MultiDiGraph() if g.is_directed() else nx.MultiGraph()
    out.add_nodes_from(g.nodes(data=True))
    for u, v, d in g.edges(data=True):
        out.add_edge(u, v, key=f"{u} {d.get('relation', 'to')} {v}", **d)
    with atomic_target(path) as tmp:
        nx.write_graphml(out, tmp)
