"""Merging sources: the facts that name one real agreement or event gathered into a cluster
(pipeline/resolve.py says how near their dates must be), and the cluster's best date, parties and
conflicts chosen from what its sources say."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from schemas.precision import compatible, gap_days, precision, refines


@dataclass(slots=True)
class Source:
    """One fact naming an agreement or event, with what it says and when its document spoke."""

    fact_id: int
    mention_id: int
    document_id: int
    kind: str
    parties: tuple[str, ...]
    date: str | None
    place: str | None
    as_of: str | None
    nations: frozenset[str]  # the countries the parties stand for (for matching)
    ordinal: int | None = None
    inferred: bool = False  # parties taken from the sentence, not extracted


@dataclass(slots=True)
class Cluster:
    """Sources found to name one real agreement or event. What clustering asks of it at every
    source is kept up to date by `add`: `nations` (all its sources' countries), `dates` (the
    distinct dates they give: pairwise checks stay small however many repeat), `documents`
    and `places` (as given, and casefolded)."""

    sources: list[Source] = field(default_factory=list)
    nations: frozenset[str] = field(init=False, default=frozenset())
    dates: set[str] = field(init=False, default_factory=set)
    documents: set[int] = field(init=False, default_factory=set)
    places: set[str] = field(init=False, default_factory=set)
    folded_places: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        sources, self.sources = self.sources, []
        for s in sources:
            self.add(s)

    def add(self, s: Source) -> None:
        self.sources.append(s)
        if not s.nations <= self.nations:
            self.nations |= s.nations
        if s.date:
            self.dates.add(s.date)
        self.documents.add(s.document_id)
        if s.place:
            self.places.add(s.place)
            self.folded_places.add(s.place.casefold())


@dataclass(frozen=True, slots=True)
class Policy:
    """How far apart dates may be and still name one thing (None: any distance), and whether
    an undated source joins the only candidate it fits."""

    near_days: int | None
    undated_joins_only_fit: bool
    places_must_agree: bool = False


def _nations_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or a <= b or b <= a


def _places_agree(c: Cluster, s: Source) -> bool:
    return not s.place or c.folded_places <= {s.place.casefold()}


def _target(fits: list[Cluster], s: Source, policy: Policy) -> Cluster | None:
    """The cluster `s` belongs to among those whose parties fit, or None for a new one."""
    if not s.date:
        if policy.undated_joins_only_fit and len(fits) == 1:
            return fits[0]
        same = [c for c in fits if s.document_id in c.documents or (s.place and s.place in c.places)]
        return same[0] if len(same) == 1 else None
    agreeing = [c for c in fits if any(compatible(s.date, d) for d in c.dates)]
    if agreeing:
        return max(agreeing, key=lambda c: len(c.sources))
    near = []
    for i, c in enumerate(fits):
        gaps = [g for d in c.dates if (g := gap_days(s.date, d)) is not None]
        if gaps and (policy.near_days is None or min(gaps) <= policy.near_days):
            near.append((min(gaps), -len(c.sources), i, c))
    return min(near)[-1] if near else None


def cluster(sources: list[Source], policy: Policy) -> list[Cluster]:
    """Group sources of one kind (and ordinal) into entities: the most precise dates first, so
    a year-only or undated mention joins an entity the precise ones already made. Ties keep
    the order of `sources` (by document name, then within the document), not of row ids,
    which depend on the order in which writers stored the documents."""
    clusters: list[Cluster] = []
    for s in sorted(sources, key=lambda s: (-precision(s.date), -len(s.nations))):
        fits = [c for c in clusters if _nations_agree(c.nations, s.nations)
                and (not policy.places_must_agree or _places_agree(c, s))]
        target = _target(fits, s, policy)
        if target is None:
            clusters.append(Cluster([s]))
        else:
            target.add(s)
    return clusters


def document_count(sources: list[Source]) -> int:
    return len({s.document_id for s in sources})


def supported(values: dict[str, list[Source]]) -> str | None:
    """The value most documents give; ties go to the most recent as-of date, then the first."""
    if not values:
        return None
    return min(values, key=lambda v: (-document_count(values[v]),
                                      "" if not (a := [s.as_of for s in values[v] if s.as_of])
                                      else _negate(max(a)), v))


def _negate(iso: str) -> str:
    """A key that sorts later ISO dates first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in iso)


def best_date(c: Cluster) -> str | None:
    """The best-supported of the most precise dates (a year-bearing one before a yearless one).
    A coarser date supports the precise ones it contains: 2013 and 2013-08 back 2013-08-26
    against a lone 2025-10."""
    dates = c.dates
    maximal = {d for d in dates if not any(refines(e, d) for e in dates)}
    dated = {d for d in maximal if not d.startswith("--")} or maximal
    return supported({d: [s for s in c.sources if s.date == d or (s.date and refines(d, s.date))]
                      for d in dated})


def date_conflict(c: Cluster) -> list[Source]:
    """Sources whose most precise dates contradict another source's date (empty if none)."""
    dates = c.dates
    maximal = {d for d in dates if not any(refines(e, d) for e in dates)}
    clashing = {d for d in maximal if any(not compatible(d, e) for e in dates)}
    return [s for s in c.sources if s.date in clashing]


def places_of(c: Cluster) -> dict[str, list[Source]]:
    out: dict[str, list[Source]] = defaultdict(list)
    for s in c.sources:
        if s.place:
            out[s.place].append(s)
    return out


def best_parties(c: Cluster) -> tuple[tuple[str, ...], bool]:
    """The party list most documents give: extracted before inferred, then the longer one, then
    the one naming organizations (a ministry says more than its country)."""
    options: dict[tuple[tuple[str, ...], bool], list[Source]] = defaultdict(list)
    for s in c.sources:
        if s.parties:
            options[(s.parties, s.inferred)].append(s)
    if not options:
        return (), False
    nations = c.nations
    return min(options, key=lambda o: (o[1], -document_count(options[o]), -len(o[0]),
                                       -sum(p not in nations for p in o[0]), o[0]))
