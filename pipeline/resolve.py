"""Resolution across documents and languages: one entity per real agreement and event, every
source kept, every disagreement recorded instead of overwritten.

Everything here is rebuilt from the fact tables on each run (delete, then insert, in the
caller's transaction), so re-running it is idempotent and it never drifts from the facts.

- **As-of dates.** Each document's publication date (`documents.published`, and in
  `published_from` what states it): a labelled date or a dateline of its text
  (`extractors.dates.publication_of`), else its metadata's date (`meta`), else null.
- **Agreements** of one kind merge when their parties name the same countries (an organization
  counts as its country, so [MOEJ, MAE_VN] and [JPN, VNM] agree; one side may be missing) and
  their dates are compatible at the precision each source gives (2013, 2013-07, 2013-07-02).
  Dates that differ but lie within a month of each other are one agreement with a date
  conflict; a JCM bilateral document exists once per pair of parties, whatever the dates say.
- **Events** merge the same way on (kind, ordinal, parties, date). Parties are the extracted
  ones, else the countries and organizations named in the event's sentence. An ordinal names
  one meeting of a series, so numbered meetings up to a year apart are one with a conflict.
- **Conflicts**: an entity whose sources give incompatible dates or different places, and
  counts of one measure, subject and period (extractors/measures.py) with different values:
  a per-period figure (FY2025, a call round) whatever its as-of dates, a running total only
  between sources whose as-of dates overlap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from extractors.dates import RESOLVED, DatedSpot, publication_of
from extractors.lexicon import gazetteer
from extractors.text import SENTENCE_END
from schemas.db import (
    RESOLVED_TABLES,
    AgreementEntity,
    AgreementParty,
    AgreementSource,
    BlockRow,
    ConflictValue,
    DocumentRow,
    EntityRow,
    EventEntity,
    EventParty,
    EventSource,
    FactAgreement,
    FactCount,
    FactDate,
    FactEvent,
    MentionRow,
)

# Kinds of which one pair of parties signs a single instrument (FORMAT.md: "the JCM's
# founding document with a partner country"), so differing dates are a conflict, not two.
ONCE_PER_PARTIES = {"bilateral_document"}
NEAR_DAYS = 31  # differing dates this close name the same agreement
EVENT_NEAR_DAYS = 2  # an unnumbered meeting one day off (a resolved "yesterday") is the same
SERIES_DAYS = 400  # the n-th meeting of a series is one meeting within about a year
MAX_SENTENCE_PARTIES = 4  # a sentence naming more countries is a list, not the participants


# --- dates of any precision -----------------------------------------------------------------


def _parts(value: str) -> tuple[str | None, str | None, str | None]:
    """(year, month, day) of an ISO value cut to precision, or of a yearless "--MM-DD"."""
    if value.startswith("--"):
        return None, value[2:4], value[5:7]
    year, month, day = (value.split("-") + [None, None])[:3]
    return year, month, day


def compatible(a: str | None, b: str | None) -> bool:
    """True when two dates can name the same day: every part both give is equal."""
    if not a or not b:
        return True
    return all(x is None or y is None or x == y for x, y in zip(_parts(a), _parts(b)))


def precision(value: str | None) -> int:
    """3 day, 2 month, 1 year or yearless day, 0 none: the order in which sources are placed."""
    if not value:
        return 0
    year, month, day = _parts(value)
    return 1 if year is None else 1 + (month is not None) + (day is not None)


def refines(a: str, b: str) -> bool:
    """True when `a` says everything `b` says and more (2013-07-02 refines 2013-07)."""
    pa, pb = _parts(a), _parts(b)
    return a != b and compatible(a, b) and all(x is not None for x, y in zip(pa, pb) if y is not None)


def _interval(value: str) -> tuple[date, date] | None:
    """First and last day a dated value covers; None for a yearless or invalid value."""
    year, month, day = _parts(value)
    try:
        if year is None:
            return None
        if day:
            d = date(int(year), int(month), int(day))
            return d, d
        if month:
            lo = date(int(year), int(month), 1)
            return lo, (lo + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


def gap_days(a: str, b: str) -> int | None:
    """Days between two dated values (0 when they overlap); None if either has no year."""
    ia, ib = _interval(a), _interval(b)
    if not ia or not ib:
        return None
    return max(0, (ib[0] - ia[1]).days, (ia[0] - ib[1]).days)


# --- as-of dates ----------------------------------------------------------------------------


def publication_date(spots: list[DatedSpot]) -> tuple[str, str] | None:
    """A document's publication date as it states it (`publication_of`: a labelled date or a
    dateline) and what states it; None when the text does not (never a date it merely names)."""
    if stated := publication_of(spots):
        return "{:04d}-{:02d}-{:02d}".format(*stated[0]), stated[1]
    return None


def _publication_dates(session: Session) -> dict[int, tuple[str | None, str | None]]:
    """(published, published_from) per document: what its text states, else the date its
    metadata gave at load time (`meta`), else nothing."""
    rows = session.execute(
        select(MentionRow.document_id, FactDate.value, MentionRow.block_idx, MentionRow.start,
               MentionRow.end, BlockRow.start, BlockRow.text, BlockRow.lang, MentionRow.rule)
        .join(MentionRow, MentionRow.id == FactDate.mention_id)
        .join(BlockRow, (BlockRow.document_id == MentionRow.document_id)
              & (BlockRow.idx == MentionRow.block_idx))
        .order_by(FactDate.id)
    ).all()
    spots: dict[int, list[DatedSpot]] = defaultdict(list)
    for doc_id, value, block, start, end, bstart, text, lang, rule in rows:
        spots[doc_id].append(DatedSpot(value, block, start - bstart, end - bstart, text, lang,
                                       rule == RESOLVED))
    docs = session.execute(select(DocumentRow.id, DocumentRow.published, DocumentRow.published_from)
                           .where(DocumentRow.status == "ok")).all()
    out: dict[int, tuple[str | None, str | None]] = {}
    for d, published, source in docs:
        meta = (published, source) if source == "meta" else (None, None)
        out[d] = publication_date(spots.get(d, [])) or meta
    return out


# --- sources and their merging --------------------------------------------------------------


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
    """Sources found to name one real agreement or event."""

    sources: list[Source] = field(default_factory=list)

    @property
    def nations(self) -> frozenset[str]:
        return frozenset().union(*(s.nations for s in self.sources))

    @property
    def dates(self) -> set[str]:
        """The distinct dates the sources give (pairwise checks stay small however many repeat)."""
        return {s.date for s in self.sources if s.date}


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
    return not s.place or all(not t.place or t.place.casefold() == s.place.casefold()
                              for t in c.sources)


def _target(fits: list[Cluster], s: Source, policy: Policy) -> Cluster | None:
    """The cluster `s` belongs to among those whose parties fit, or None for a new one."""
    if not s.date:
        if policy.undated_joins_only_fit and len(fits) == 1:
            return fits[0]
        same = [c for c in fits if any(t.document_id == s.document_id
                                       or (s.place and t.place == s.place) for t in c.sources)]
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
            target.sources.append(s)
    return clusters


def _docs(sources: list[Source]) -> int:
    return len({s.document_id for s in sources})


def _supported(values: dict[str, list[Source]]) -> str | None:
    """The value most documents give; ties go to the most recent as-of date, then the first."""
    if not values:
        return None
    return min(values, key=lambda v: (-_docs(values[v]),
                                      "" if not (a := [s.as_of for s in values[v] if s.as_of])
                                      else _negate(max(a)), v))


def _negate(iso: str) -> str:
    """A key that sorts later ISO dates first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in iso)


def best_date(c: Cluster) -> str | None:
    """The best-supported of the most precise dates (a year-bearing one before a yearless one)."""
    dates = c.dates
    maximal = {d for d in dates if not any(refines(e, d) for e in dates)}
    dated = {d for d in maximal if not d.startswith("--")} or maximal
    return _supported({d: [s for s in c.sources if s.date == d] for d in dated})


def date_conflict(c: Cluster) -> list[Source]:
    """Sources whose most precise dates contradict another source's date (empty if none)."""
    dates = c.dates
    maximal = {d for d in dates if not any(refines(e, d) for e in dates)}
    clashing = {d for d in maximal if any(not compatible(d, e) for e in dates)}
    return [s for s in c.sources if s.date in clashing]


def _places(c: Cluster) -> dict[str, list[Source]]:
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
    return min(options, key=lambda o: (o[1], -_docs(options[o]), -len(o[0]),
                                       -sum(p not in nations for p in o[0]), o[0]))


# --- loading sources ------------------------------------------------------------------------


@cache
def _org_countries() -> dict[str, str]:
    return {r["id"]: r["country"] for r in gazetteer("organizations")
            if r["id"] != "-" and r.get("country")}


def nation(party: str, countries: set[str]) -> str | None:
    """The country a party stands for: itself, an organization's country, or None."""
    return party if party in countries else _org_countries().get(party)


def _nations(parties: tuple[str, ...], countries: set[str]) -> frozenset[str]:
    return frozenset(n for p in parties if (n := nation(p, countries)))


def _split(parties: str | None) -> tuple[str, ...]:
    return tuple(sorted(p for p in (parties or "").split(";") if p))


def _in_document_order(session: Session, model: type) -> list:
    """The rows of a fact table by document name, then in their document's order: the same order
    in every store, however many writers wrote the documents in whatever order."""
    rows = session.execute(select(model, DocumentRow.doc).join(DocumentRow, DocumentRow.id == model.document_id))
    return [r for r, _ in sorted(rows, key=lambda pair: (pair[1], pair[0].id))]


def _agreement_sources(session: Session, as_of: dict[int, str | None],
                       countries: set[str]) -> list[Source]:
    rows = _in_document_order(session, FactAgreement)
    return [Source(r.id, r.mention_id, r.document_id, r.kind, _split(r.parties), r.date, r.place,
                   as_of.get(r.document_id), _nations(_split(r.parties), countries)) for r in rows]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` around [start, end): from the last stop before it to the next."""
    lo = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    nxt = SENTENCE_END.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def _sentence_parties(session: Session) -> dict[int, tuple[str, ...]]:
    """For each event fact, the countries and national bodies named in its sentence (nothing
    when the sentence names more than a few: then it is a list). International bodies are
    left out: a sentence about a Joint Committee or a COP names them as the venue."""
    events = session.execute(
        select(FactEvent.id, MentionRow.document_id, MentionRow.block_idx, MentionRow.start,
               MentionRow.end, BlockRow.start, BlockRow.text)
        .join(MentionRow, MentionRow.id == FactEvent.mention_id)
        .join(BlockRow, (BlockRow.document_id == MentionRow.document_id)
              & (BlockRow.idx == MentionRow.block_idx))
    ).all()
    named: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    for doc, block, start, norm in session.execute(
        select(MentionRow.document_id, MentionRow.block_idx, MentionRow.start, MentionRow.norm)
        .where(MentionRow.field.in_(("countries", "organizations")))
    ):
        party = norm.get("iso3") or norm.get("id")
        if party and (norm.get("iso3") or party in _org_countries()):
            named[(doc, block)].append((start, party))
    out = {}
    for fact_id, doc, block, start, end, bstart, text in events:
        lo, hi = sentence_bounds(text, start - bstart, end - bstart)
        parties = {p for pos, p in named[(doc, block)] if lo <= pos - bstart < hi}
        out[fact_id] = tuple(sorted(parties)) if len(parties) <= MAX_SENTENCE_PARTIES else ()
    return out


def _event_sources(session: Session, as_of: dict[int, str | None],
                   countries: set[str]) -> list[Source]:
    inferred = _sentence_parties(session)
    out = []
    for r in _in_document_order(session, FactEvent):
        parties, guessed = _split(r.parties), False
        if not parties and inferred.get(r.id):
            parties, guessed = inferred[r.id], True
        out.append(Source(r.id, r.mention_id, r.document_id, r.kind, parties, r.date, r.place,
                          as_of.get(r.document_id), _nations(parties, countries), r.ordinal,
                          guessed))
    return out


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
        places = _places(c)
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
            places = _places(c)
            row = AgreementEntity(key=key, kind=kind, parties=";".join(parties), date=day,
                                  place=_supported(places), n_sources=len(c.sources),
                                  n_documents=_docs(c.sources))
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
                              place=_supported(_places(c)), parties=";".join(parties) or None,
                              parties_from=("sentence" if guessed else "extracted") if parties
                              else None, n_sources=len(c.sources), n_documents=_docs(c.sources))
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
    stated = _publication_dates(session)
    for doc_id, (published, source) in stated.items():
        session.execute(update(DocumentRow).where(DocumentRow.id == doc_id)
                        .values(published=published, published_from=source))
    as_of = {doc_id: published for doc_id, (published, _) in stated.items()}
    countries = set(session.scalars(select(EntityRow.id).where(EntityRow.kind == "country")))
    conflicts = _Conflicts()
    n_agreements = _write_agreements(session, _agreement_sources(session, as_of, countries),
                                     conflicts, countries)
    n_events = _write_events(session, _event_sources(session, as_of, countries), conflicts,
                             countries)
    _count_conflicts(session, as_of, conflicts)
    session.add_all(conflicts.rows)
    session.flush()
    return {"agreements": n_agreements, "events": n_events, "conflicts": conflicts.n}

