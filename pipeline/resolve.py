"""Resolution across documents and languages: one entity per real agreement and event, every
source kept, every disagreement recorded instead of overwritten.

Everything here is rebuilt from the fact tables (delete, then insert, in the caller's
transaction), so re-running it is idempotent and it never drifts from the facts. After an
ingest only the groups the changed documents touch are rebuilt (pipeline/resolve_scope.py:
agreements of a kind, events of a series, counts of a measure, subject and period), which
gives the same entities as rebuilding all of them (clustering never looks across groups).

- **As-of dates.** Each document's publication date (`documents.published`, and in
  `published_from` what states it): a labelled date or a dateline of its text
  (`extractors.entities.published.publication_of`), else its metadata's date (`meta`), else null.
- **Agreements** of one kind merge when their parties name the same countries (an organization
  counts as its country, so [MOEJ, MAE_VN] and [JPN, VNM] agree; one side may be missing) and
  their dates are compatible at the precision each source gives (2013, 2013-07, 2013-07-02).
  Dates that differ but lie within a month of each other are one agreement with a date
  conflict; a JCM bilateral document exists once per pair of parties, whatever the dates say.
- **Events** merge the same way on (kind, ordinal, parties, date). Parties are the extracted
  ones, else the countries and organizations named in the event's sentence. An ordinal names
  one meeting of a series, so numbered meetings up to a year apart are one with a conflict.
- **Conflicts**: an entity whose sources give incompatible dates or different places, and
  counts of one measure, subject and period (extractors/entities/measures.py) with different values:
  a per-period figure (FY2025, a call round) whatever its as-of dates, a running total only
  between sources whose as-of dates overlap.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from importlib import resources

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from pipeline.resolve_merge import (
    Cluster,
    Policy,
    Source,
    best_date,
    best_parties,
    cluster,
    date_conflict,
    document_count,
    places_of,
    supported,
)
from pipeline.resolve_scope import NO_ORDINAL, Scope, count_key, event_series, stored_scopes
from pipeline.resolve_sources import agreement_sources, event_sources, nation, publication_dates
from schemas.db import (
    RESOLVED_TABLES,
    AgreementEntity,
    AgreementParty,
    AgreementSource,
    ConflictValue,
    DocumentRow,
    EntityRow,
    EventEntity,
    EventParty,
    EventSource,
    FactCount,
    in_chunks,
)
from schemas.precision import gap_days

# Kinds of which one pair of parties signs a single instrument (FORMAT.md: "the JCM's
# founding document with a partner country"), so differing dates are a conflict, not two.
ONCE_PER_PARTIES = {"bilateral_document"}
NEAR_DAYS = 31  # differing dates this close name the same agreement
EVENT_NEAR_DAYS = 2  # an unnumbered meeting one day off (a resolved "yesterday") is the same
SERIES_DAYS = 400  # the n-th meeting of a series is one meeting within about a year
CODE = ["resolve.py", "resolve_merge.py", "resolve_sources.py", "resolve_scope.py"]


def resolution_version() -> str:
    """A hash of the code that resolves: when it changes, every group is rebuilt."""
    h = hashlib.sha256()
    for name in CODE:
        h.update(resources.files("pipeline").joinpath(name).read_bytes())
    h.update(resources.files("schemas").joinpath("precision.py").read_bytes())
    return h.hexdigest()[:16]


# --- writing --------------------------------------------------------------------------------


class _Conflicts:
    """Numbers disagreements (from `first` on) and collects their value rows."""

    def __init__(self, first: int) -> None:
        self.rows: list[dict] = []
        self.n = first - 1

    def add(self, topic: str, subject: str, attribute: str,
            values: list[tuple[str, int, int, str | None]]) -> None:
        """One disagreement: (value, document id, mention id, as-of) per source."""
        self.n += 1
        self.rows += [dict(conflict=self.n, topic=topic, subject=subject, attribute=attribute, value=v,
                           document_id=d, mention_id=m, as_of=a) for v, d, m, a in values]

    def entity(self, topic: str, key: str, c: Cluster) -> None:
        if clash := date_conflict(c):
            self.add(topic, key, "date", [(s.date, s.document_id, s.mention_id, s.as_of)
                                          for s in clash])
        places = places_of(c)
        if len({p.casefold() for p in places}) > 1:
            self.add(topic, key, "place", [(p, s.document_id, s.mention_id, s.as_of)
                                           for p, ss in places.items() for s in ss])


def _unique_key(base: str, taken: set[str]) -> str:
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base} ({n})"
    taken.add(key)
    return key


def _policy(kind: str, ordinal: int | None, topic: str) -> Policy:
    if topic == "agreement":
        return Policy(None if kind in ONCE_PER_PARTIES else NEAR_DAYS, True)
    if ordinal is not None and kind != "other":
        return Policy(SERIES_DAYS, True)
    return Policy(EVENT_NEAR_DAYS, False, places_must_agree=True)


def _insert_entity(session: Session, model: type, row: dict) -> int:
    return session.scalar(insert(model.__table__).values(**row).returning(model.__table__.c.id))


def _write_agreements(session: Session, sources: list[Source], conflicts: _Conflicts,
                      countries: set[str]) -> None:
    by_kind: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        by_kind[s.kind].append(s)
    taken: set[str] = set()
    parties_rows, source_rows = [], []
    for kind in sorted(by_kind):
        for c in cluster(by_kind[kind], _policy(kind, None, "agreement")):
            parties, _ = best_parties(c)
            day = best_date(c)
            key = _unique_key(f"{kind} {'-'.join(parties) or '?'} {day or 'undated'}", taken)
            places = places_of(c)
            entity = _insert_entity(session, AgreementEntity, dict(
                key=key, kind=kind, parties=";".join(parties), date=day, place=supported(places),
                n_sources=len(c.sources), n_documents=document_count(c.sources)))
            parties_rows += [dict(agreement_id=entity, party=p, nation=nation(p, countries)) for p in parties]
            source_rows += [dict(agreement_id=entity, fact_id=s.fact_id, document_id=s.document_id,
                                 parties=";".join(s.parties), date=s.date, place=s.place, as_of=s.as_of)
                            for s in c.sources]
            conflicts.entity("agreement", key, c)
    _insert_all(session, AgreementParty, parties_rows)
    _insert_all(session, AgreementSource, source_rows)


def _write_events(session: Session, sources: list[Source], conflicts: _Conflicts,
                  countries: set[str]) -> None:
    by_series: dict[tuple[str, int], list[Source]] = defaultdict(list)
    for s in sources:
        by_series[event_series(s.kind, s.ordinal)].append(s)
    taken: set[str] = set()
    parties_rows, source_rows = [], []
    for kind, ordinal in sorted(by_series):
        number = None if ordinal == NO_ORDINAL else ordinal
        for c in cluster(by_series[(kind, ordinal)], _policy(kind, number, "event")):
            parties, guessed = best_parties(c)
            day = best_date(c)
            label = " ".join(x for x in (kind, number and f"#{number}", "-".join(parties),
                                         day or "undated") if x)
            key = _unique_key(label, taken)
            entity = _insert_entity(session, EventEntity, dict(
                key=key, kind=kind, ordinal=number, date=day, place=supported(places_of(c)),
                parties=";".join(parties) or None,
                parties_from=("sentence" if guessed else "extracted") if parties else None,
                n_sources=len(c.sources), n_documents=document_count(c.sources)))
            parties_rows += [dict(event_id=entity, party=p, nation=nation(p, countries)) for p in parties]
            source_rows += [dict(event_id=entity, fact_id=s.fact_id, document_id=s.document_id,
                                 parties=";".join(s.parties) or None, date=s.date, place=s.place,
                                 as_of=s.as_of) for s in c.sources]
            conflicts.entity("event", key, c)
    _insert_all(session, EventParty, parties_rows)
    _insert_all(session, EventSource, source_rows)


def _insert_all(session: Session, model: type, rows: list[dict]) -> None:
    if rows:
        session.execute(insert(model.__table__), rows)


def _count_conflicts(session: Session, keys: set[str] | None, conflicts: _Conflicts) -> None:
    """Counts of one measure, subject and period (of `keys`, else all) that differ: per-period
    figures (FY2025, a call round) of the same period whatever their dates, running totals only
    when their as-of dates (stated, else the publication date) overlap. A document counts only
    when it gives one exact value; `other` counts are never compared, and without a subject only
    partner countries are (the scheme as a whole): "15 projects" alone is about its own context."""
    query = (select(FactCount.value, FactCount.measure, FactCount.subject, FactCount.period,
                    FactCount.as_of, FactCount.document_id, FactCount.mention_id, DocumentRow.published)
             .join(DocumentRow, DocumentRow.id == FactCount.document_id)
             .where(or_(FactCount.qualifier.is_(None), FactCount.qualifier == ""), FactCount.measure != "other",
                    or_(FactCount.subject.is_not(None), FactCount.measure == "partner_countries"))
             .order_by(FactCount.id))
    if keys is not None:  # rows that may have these keys (measures and subjects are single words)
        words = {w for k in keys for w in k.split(" ")}
        query = query.where(FactCount.measure.in_(words),
                            or_(FactCount.subject.is_(None), FactCount.subject.in_(words)))
    given: dict[tuple, dict[tuple, list[tuple[float, int]]]] = defaultdict(lambda: defaultdict(list))
    for value, measure, subject, period, stated, doc, mention, published in session.connection().execute(query):
        when = stated or published
        if period is None and not when:
            continue
        if keys is not None and count_key(measure, subject, period) not in keys:
            continue
        given[(measure, subject or "", period or "")][(doc, when)].append((value, mention))
    for (measure, subject, period), sources in sorted(given.items()):
        stated = sorted((when or "", doc, vals[0][0], vals[0][1]) for (doc, when), vals in sources.items()
                        if len({v for v, _ in vals}) == 1)
        key = count_key(measure, subject, period)
        for group in _same_moment(stated, bool(period)):
            if len({g[2] for g in group}) > 1:
                conflicts.add("count", key, "value", [(f"{v:g}", d, m, a or None) for a, d, v, m in group])


def _same_moment(stated: list[tuple], per_period: bool) -> list[list[tuple]]:
    """Groups of (as_of, doc, value, mention) that speak of one moment: all of a per-period
    figure's sources, or running totals whose as-of dates overlap (sorted by as-of date)."""
    if per_period:
        return [stated]
    groups: list[list[tuple]] = []
    for item in stated:
        if groups and gap_days(groups[-1][-1][0], item[0]) == 0:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


# --- what to rebuild ------------------------------------------------------------------------


def _publish(session: Session, doc_ids: list[int] | None) -> None:
    """Store the publication (as-of) date of these documents (else of all), one executemany."""
    rows = [dict(id=d, published=published, published_from=source)
            for d, (published, source) in publication_dates(session, doc_ids).items()]
    if rows:
        session.execute(update(DocumentRow), rows)


def _series_of(model: type, series: set[tuple[str, int]]):
    return or_(*(and_(model.kind == kind, model.ordinal.is_(None) if ordinal == NO_ORDINAL
                      else model.ordinal == ordinal) for kind, ordinal in sorted(series)))


def _forget(session: Session, scope: Scope) -> None:
    """Delete the resolved rows of the groups in `scope`: entities, their parties, sources
    and conflicts."""
    groups = [(AgreementEntity, AgreementParty.agreement_id, AgreementSource.agreement_id, "agreement",
               AgreementEntity.kind.in_(scope.agreements) if scope.agreements else None),
              (EventEntity, EventParty.event_id, EventSource.event_id, "event",
               _series_of(EventEntity, scope.series()) if scope.events else None)]
    for model, party_of, source_of, topic, where in groups:
        if where is None:
            continue
        session.execute(delete(ConflictValue).where(
            ConflictValue.topic == topic, ConflictValue.subject.in_(select(model.key).where(where))))
        for column in (party_of, source_of):
            session.execute(delete(column.class_).where(column.in_(select(model.id).where(where))))
        session.execute(delete(model).where(where))
    keys = sorted(scope.counts)
    for chunk in in_chunks(keys):
        session.execute(delete(ConflictValue).where(ConflictValue.topic == "count", ConflictValue.subject.in_(chunk)))


def resolve(session: Session, changed: dict[str, Scope] | None = None) -> dict[str, int]:
    """Rebuild publication dates, agreement and event entities and conflicts from the facts:
    all of them, or (`changed`: the marks of pipeline/resolve_scope.py, document name → the
    groups its old version was in) those of the changed documents and of the groups they
    touch, now or before. The numbers of entities and conflicts in the store."""
    if changed is None:
        for table in RESOLVED_TABLES:
            session.execute(delete(table))
        _publish(session, None)
        scope = None
    else:
        names = sorted(changed)
        ids = [i for chunk in in_chunks(names)
               for i in session.scalars(select(DocumentRow.id).where(DocumentRow.doc.in_(chunk)))]
        _publish(session, ids)
        scope = Scope()
        for touched in (*changed.values(), *stored_scopes(session, names).values()):
            scope.update(touched)
        _forget(session, scope)
    countries = set(session.scalars(select(EntityRow.id).where(EntityRow.kind == "country")))
    conflicts = _Conflicts(session.scalar(select(func.coalesce(func.max(ConflictValue.conflict), 0))) + 1)
    if scope is None or scope.agreements:
        _write_agreements(session, agreement_sources(session, scope and scope.agreements, countries),
                          conflicts, countries)
    if scope is None or scope.events:
        _write_events(session, event_sources(session, scope and scope.series(), countries), conflicts,
                      countries)
    if scope is None or scope.counts:
        _count_conflicts(session, scope and scope.counts, conflicts)
    _insert_all(session, ConflictValue, conflicts.rows)
    return {"agreements": session.scalar(select(func.count()).select_from(AgreementEntity)),
            "events": session.scalar(select(func.count()).select_from(EventEntity)),
            "conflicts": session.scalar(select(func.count(func.distinct(ConflictValue.conflict))))}
