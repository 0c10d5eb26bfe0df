"""Pictures of the resolved store (matplotlib, Agg backend, PNG written atomically).

- `plot_graph`: the cooperation network: countries and organizations joined by
  `cooperates_with`, edge width = shared agreements and events, labelled with ISO3 codes and
  organization ids (ASCII, so no CJK font is needed).
- `plot_timeline`: agreements and meetings over time, one row per partner country.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from pipeline.atomic import atomic_target  # noqa: E402
from pipeline.graph import cooperation  # noqa: E402
from schemas.precision import precision  # noqa: E402
from schemas.records import JCM_HOME  # noqa: E402
from schemas.db import (  # noqa: E402
    AgreementEntity,
    AgreementParty,
    EntityRow,
    EventEntity,
    EventParty,
)

COLORS = {"country": "#4c72b0", "organization": "#dd8452"}
MARKERS = {"agreement": "s", "event": "o"}


def _save(fig, path: Path) -> None:
    with atomic_target(path) as tmp:
        fig.savefig(tmp, format="png", dpi=120, bbox_inches="tight")
    plt.close(fig)


def plot_graph(session: Session, path: Path) -> nx.Graph:
    """Draw the cooperation network into `path` (PNG); returns the graph drawn."""
    g = cooperation(session)
    fig, ax = plt.subplots(figsize=(12, 10))
    ax.set_axis_off()
    if not g:
        ax.text(0.5, 0.5, "no cooperation ties in the store", ha="center", transform=ax.transAxes)
        _save(fig, path)
        return g
    pos = nx.kamada_kawai_layout(g, weight=None)
    strength = dict(g.degree(weight="weight"))
    nx.draw_networkx_edges(
        g, pos, ax=ax, alpha=0.5, edge_color=["#c44e52" if d["n_events"] else "#8c8c8c"
                                              for *_, d in g.edges(data=True)],
        width=[0.8 + 1.2 * d["weight"] ** 0.5 for *_, d in g.edges(data=True)],
    )
    nx.draw_networkx_nodes(
        g, pos, ax=ax, node_size=[120 + 60 * strength[n] for n in g],
        node_color=[COLORS.get(g.nodes[n].get("type"), "#999999") for n in g],
        edgecolors="white",
    )
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=8, font_weight="bold")
    for label, color in COLORS.items():
        ax.scatter([], [], c=color, label=label)
    ax.plot([], [], c="#8c8c8c", label="agreements only")
    ax.plot([], [], c="#c44e52", label="with meetings/events")
    ax.legend(loc="lower left", frameon=False)
    ax.set_title(f"Cooperation network: {g.number_of_nodes()} parties, {g.number_of_edges()} ties "
                 "(width = shared agreements and events)")
    _save(fig, path)
    return g


def _midpoint(value: str) -> date | None:
    """The middle of the period an ISO value of any precision covers (None if yearless)."""
    parts = value.split("-")
    if value.startswith("--") or not parts[0].isdigit():
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return date(year, 7, 1)
    if len(parts) == 2:
        return date(year, int(parts[1]), 15)
    return date(year, int(parts[1]), int(parts[2]))


def timeline_rows(session: Session) -> dict[str, list[tuple[date, str, str, int]]]:
    """Per partner country: (date, agreement|event, kind, precision) of each dated entity."""
    rows: dict[str, list[tuple[date, str, str, int]]] = defaultdict(list)
    for what, entity, party, fk in (("agreement", AgreementEntity, AgreementParty,
                                     AgreementParty.agreement_id),
                                    ("event", EventEntity, EventParty, EventParty.event_id)):
        q = select(entity.date, entity.kind, party.nation).join(party, fk == entity.id).where(
            entity.date.is_not(None), party.nation.is_not(None), party.nation != JCM_HOME)
        for value, kind, nation in session.execute(q).unique():
            when = _midpoint(value)
            if when:
                rows[nation].append((when, what, kind, precision(value)))
    return {n: sorted(set(v)) for n, v in rows.items()}


def plot_timeline(session: Session, path: Path) -> dict[str, list]:
    """Draw agreements and meetings over time per partner country into `path` (PNG)."""
    rows = timeline_rows(session)
    names = dict(session.execute(select(EntityRow.id, EntityRow.name_en)).all())
    order = sorted(rows, key=lambda n: (min(r[0] for r in rows[n]), n))
    kinds = sorted({(r[1], r[2]) for v in rows.values() for r in v})
    cmap = plt.get_cmap("tab20")
    style = {k: (MARKERS[k[0]], cmap(i % 20)) for i, k in enumerate(kinds)}
    fig, ax = plt.subplots(figsize=(12, max(3, 0.32 * len(order) + 1.5)))
    for y, nation in enumerate(order):
        ax.axhline(y, color="#eeeeee", lw=0.8, zorder=0)
        for when, what, kind, prec in rows[nation]:
            marker, color = style[(what, kind)]
            ax.scatter(when, y, marker=marker, s=60, zorder=2, edgecolors=color,
                       facecolors=color if prec >= 2 else "none", linewidths=1.5)
    for (what, kind), (marker, color) in style.items():
        ax.scatter([], [], marker=marker, color=color, label=f"{what}: {kind}")
    ax.scatter([], [], marker="o", facecolors="none", edgecolors="k", label="(hollow: year only)")
    ax.set_yticks(range(len(order)), [f"{names.get(n) or n} ({n})" for n in order], fontsize=8)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    ax.set_title(f"Agreements and meetings with {JCM_HOME} per partner country")
    ax.grid(axis="x", color="#dddddd")
    _save(fig, path)
    return rows
