"""Resolution across documents and languages: one entity per real agreement and event, every
source kept, every disagreement recorded instead of overwritten.

Everything here is rebuilt from the fact tables on each run (delete, then insert, in the
caller's transaction), so re-running it is idempotent and it never drifts from the facts.

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

from collections import defaultdict

from sqlalchemy import delete, select, update
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
)
from schemas.precision import gap_days

# Kinds of which one pair of parties signs a single instrument (FORMAT.md: "the JCM's
# founding document with a partner country"), so differing dates are a conflict, not two.
ONCE_PER_PARTIES = {"bilateral_document"}
NEAR_DAYS = 31  # differing dates this close name the same agreement
EVENT_NEAR_DAYS = 2  # an unnumbered meeting one day off (a resolved "yesterday") is the same
SERIES_DAYS = 400  # the n-th meeting of a series is one meeting within about a year


# --- writing --------------------------------------------------------------------------------


class _Conflicts:
    """Numbers disagreements and collects their value rows."""

    def __init__(self) -> None:
        self.rows: list[ConflictValue] = []
        self.n = 0

    def add(self, topic: str, subject: str, attribute: str,
            values: list[tuple[str, int, int, str | None]]) -> None:
        """One disagreement: (value, document id, mention id, as-of) per source."""
        self.n += 1
        self.rows += [ConflictValue(conflict=self.n, topic=topic, subject=subject,
                                    attribute=attribute, value=v, document_id=d, mention_id=m,
                                    as_of=a) for v, d, m, a in values]

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


def _write_agreements(session: Session, sources: list[Source], conflicts: _Conflicts,
                      countries: set[str]) -> int:
    by_kind: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        by_kind[s.kind].append(s)
    taken: set[str] = set()
    n = 0
    for kind in sorted(by_kind):
        for c in cluster(by_kind[kind], _policy(kind, None, "agreement")):
            parties, _ = best_parties(c)
            day = best_date(c)
            key = _unique_key(f"{kind} {'-'.join(parties) or '?'} {day or 'undated'}", taken)
            places = places_of(c)
            row = AgreementEntity(key=key, kind=kind, parties=";".join(parties), date=day,
                                  place=supported(places), n_sources=len(c.sources),
                                  n_documents=document_count(c.sources))
            session.add(row)
            session.flush()
            session.add_all(AgreementParty(agreement_id=row.id, party=p, nation=nation(p, countries))
                            for p in parties)
            session.add_all(AgreementSource(agreement_id=row.id, fact_id=s.fact_id,
                                            document_id=s.document_id, parties=";".join(s.parties),
                                            date=s.date, place=s.place, as_of=s.as_of)
                            for s in c.sources)
            conflicts.entity("agreement", key, c)
            n += 1
    return n


def _write_events(session: Session, sources: list[Source], conflicts: _Conflicts,
                  countries: set[str]) -> int:
    by_series: dict[tuple[str, int], list[Source]] = defaultdict(list)
    for s in sources:
        by_series[(s.kind, s.ordinal if s.ordinal is not None else -1)].append(s)
    taken: set[str] = set()
    n = 0
    for kind, ordinal in sorted(by_series):
        number = None if ordinal == -1 else ordinal
        for c in cluster(by_series[(kind, ordinal)], _policy(kind, number, "event")):
            parties, guessed = best_parties(c)
            day = best_date(c)
            label = " ".join(x for x in (kind, number and f"#{number}", "-".join(parties),
                                         day or "undated") if x)
            key = _unique_key(label, taken)
            row = EventEntity(key=key, kind=kind, ordinal=number, date=day,
                              place=supported(places_of(c)), parties=";".join(parties) or None,
                              parties_from=("sentence" if guessed else "extracted") if parties
                              else None, n_sources=len(c.sources), n_documents=document_count(c.sources))
            session.add(row)
            session.flush()
            session.add_all(EventParty(event_id=row.id, party=p, nation=nation(p, countries))
                            for p in parties)
            session.add_all(EventSource(event_id=row.id, fact_id=s.fact_id,
                                        document_id=s.document_id,
                                        parties=";".join(s.parties) or None, date=s.date,
                                        place=s.place, as_of=s.as_of) for s in c.sources)
            conflicts.entity("event", key, c)
            n += 1
    return n


def _count_conflicts(session: Session, as_of: dict[int, str | None], conflicts: _Conflicts) -> None:
    """Counts of one measure, subject and period that differ: per-period figures (FY2025, a
    call round) of the same period whatever their dates, running totals only when their as-of
    dates (stated, else the publication date) overlap. A document counts only when it gives
    one exact value; `other` counts are never compared, and without a subject only partner
    countries are (the scheme as a whole): "15 projects" alone is about its own context."""
    rows = session.execute(
        select(FactCount.value, FactCount.measure, FactCount.subject, FactCount.period,
               FactCount.as_of, FactCount.qualifier, FactCount.document_id, FactCount.mention_id)
        .order_by(FactCount.id)
    ).all()
    given: dict[tuple, dict[tuple, list[tuple[float, int]]]] = defaultdict(lambda: defaultdict(list))
    for value, measure, subject, period, stated, qualifier, doc, mention in rows:
        when = stated or as_of.get(doc)
        if qualifier or measure in (None, "other") or not (subject or measure == "partner_countries"):
            continue
        if period is None and not when:
            continue
        given[(measure, subject or "", period or "")][(doc, when)].append((value, mention))
    for (measure, subject, period), sources in sorted(given.items()):
        stated = sorted((when or "", doc, vals[0][0], vals[0][1]) for (doc, when), vals in sources.items()
                        if len({v for v, _ in vals}) == 1)
        key = " ".join(x for x in (measure, subject, period) if x)
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


def resolve(session: Session) -> dict[str, int]:
    """Rebuild publication dates, agreement and event entities and conflicts from the facts."""
    for table in RESOLVED_TABLES:
        session.execute(delete(table))
    stated = publication_dates(session)
    for doc_id, (published, source) in stated.items():
        session.execute(update(DocumentRow).where(DocumentRow.id == doc_id)
                        .values(published=published, published_from=source))
    as_of = {doc_id: published for doc_id, (published, _) in stated.items()}
    countries = set(session.scalars(select(EntityRow.id).where(EntityRow.kind == "country")))
    conflicts = _Conflicts()
    n_agreements = _write_agreements(session, agreement_sources(session, as_of, countries),
                                     conflicts, countries)
    n_events = _write_events(session, event_sources(session, as_of, countries), conflicts,
                             countries)
    _count_conflicts(session, as_of, conflicts)
    session.add_all(conflicts.rows)
    session.flush()
    return {"agreements": n_agreements, "events": n_events, "conflicts": conflicts.n}

