"""What resolution reads from the fact tables: each document's as-of (publication) date, and
the agreement and event facts as sources, with the parties of an event taken from its sentence
when none were extracted."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.entities.dates import RESOLVED
from extractors.entities.published import DatedSpot, publication_of
from extractors.lexicon import gazetteer
from extractors.text import SENTENCE_END
from pipeline.resolve_merge import Source
from pipeline.resolve_scope import event_series
from schemas.db import BlockRow, DocumentRow, FactAgreement, FactDate, FactEvent, MentionRow, in_chunks

MAX_SENTENCE_PARTIES = 4  # a sentence naming more countries is a list, not the participants


def publication_date(spots: list[DatedSpot]) -> tuple[str, str] | None:
    """A document's publication date as it states it (`publication_of`: a labelled date or a
    dateline) and what states it; None when the text does not (never a date it merely names)."""
    if stated := publication_of(spots):
        return "{:04d}-{:02d}-{:02d}".format(*stated[0]), stated[1]
    return None


def publication_dates(session: Session, doc_ids: list[int] | None = None
                      ) -> dict[int, tuple[str | None, str | None]]:
    """(published, published_from) per document (of `doc_ids`, else every one): what its text
    states, else the date its metadata gave at load time (`meta`), else nothing."""
    dated = (select(MentionRow.document_id, FactDate.value, MentionRow.block_idx, MentionRow.start,
                    MentionRow.end, BlockRow.start, BlockRow.text, BlockRow.lang, MentionRow.rule)
             .join(MentionRow, MentionRow.id == FactDate.mention_id)
             .join(BlockRow, (BlockRow.document_id == MentionRow.document_id)
                   & (BlockRow.idx == MentionRow.block_idx))
             .order_by(FactDate.id))
    docs = select(DocumentRow.id, DocumentRow.published, DocumentRow.published_from).where(DocumentRow.status == "ok")
    rows = _chunked(session, dated, FactDate.document_id, doc_ids)
    spots: dict[int, list[DatedSpot]] = defaultdict(list)
    for doc_id, value, block, start, end, bstart, text, lang, rule in rows:
        spots[doc_id].append(DatedSpot(value, block, start - bstart, end - bstart, text, lang,
                                       rule == RESOLVED))
    docs = _chunked(session, docs, DocumentRow.id, doc_ids)
    out: dict[int, tuple[str | None, str | None]] = {}
    for d, published, source in docs:
        meta = (published, source) if source == "meta" else (None, None)
        out[d] = publication_date(spots.get(d, [])) or meta
    return out


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


def _chunked(session: Session, query, column, ids: list[int] | None) -> list:
    """The rows of `query`, restricted to `column IN ids` (in chunks) unless `ids` is None."""
    if ids is None:
        return session.execute(query).all()
    return [row for chunk in in_chunks(ids) for row in session.execute(query.where(column.in_(chunk)))]


def _in_document_order(session: Session, model: type, *where) -> list:
    """The rows of a fact table (those matching `where`) by document name, then in their
    document's order, with the document's as-of date (its resolved publication date): the same
    order in every store, however many writers wrote the documents in whatever order."""
    rows = session.execute(select(model.__table__, DocumentRow.doc, DocumentRow.published.label("as_of"))
                           .join(DocumentRow, DocumentRow.id == model.document_id).where(*where)).all()
    return sorted(rows, key=lambda r: (r.doc, r.id))


def agreement_sources(session: Session, kinds: set[str] | None, countries: set[str]) -> list[Source]:
    """The agreement facts (of `kinds`, else all) as sources, in document order."""
    where = () if kinds is None else (FactAgreement.kind.in_(kinds),)
    out = []
    for r in _in_document_order(session, FactAgreement, *where):
        parties = _split(r.parties)
        out.append(Source(r.id, r.mention_id, r.document_id, r.kind, parties, r.date, r.place,
                          r.as_of, _nations(parties, countries)))
    return out


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` around [start, end): from the last stop before it to the next."""
    lo = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    nxt = SENTENCE_END.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def _sentence_parties(session: Session, fact_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """For these event facts, the countries and national bodies named in each one's sentence
    (nothing when the sentence names more than a few: then it is a list). International bodies
    are left out: a sentence about a Joint Committee or a COP names them as the venue."""
    events = _chunked(session, select(FactEvent.id, MentionRow.document_id, MentionRow.block_idx,
                                      MentionRow.start, MentionRow.end, BlockRow.start, BlockRow.text)
                      .join(MentionRow, MentionRow.id == FactEvent.mention_id)
                      .join(BlockRow, (BlockRow.document_id == MentionRow.document_id)
                            & (BlockRow.idx == MentionRow.block_idx)), FactEvent.id, fact_ids)
    named: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    for doc, block, start, norm in _chunked(
        session, select(MentionRow.document_id, MentionRow.block_idx, MentionRow.start, MentionRow.norm)
        .where(MentionRow.field.in_(("countries", "organizations"))),
        MentionRow.document_id, sorted({doc for _, doc, *_ in events})
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


def event_sources(session: Session, series: set[tuple[str, int]] | None,
                  countries: set[str]) -> list[Source]:
    """The event facts (of `series`, else all) as sources, in document order; an event without
    extracted parties gets those its sentence names."""
    where = () if series is None else (FactEvent.kind.in_({k for k, _ in series}),)
    rows = [r for r in _in_document_order(session, FactEvent, *where)
            if series is None or event_series(r.kind, r.ordinal) in series]
    inferred = _sentence_parties(session, [r.id for r in rows if not _split(r.parties)])
    out = []
    for r in rows:
        parties, guessed = _split(r.parties), False
        if not parties and inferred.get(r.id):
            parties, guessed = inferred[r.id], True
        out.append(Source(r.id, r.mention_id, r.document_id, r.kind, parties, r.date, r.place,
                          r.as_of, _nations(parties, countries), r.ordinal, guessed))
    return out
