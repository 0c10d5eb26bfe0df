"""Writes processed documents into the store, one short transaction per document.

`open_store(url)` makes the engine (SQLite: WAL, busy timeout, foreign keys, an FTS5 index
over block words kept in sync by triggers) and creates the schema. `write(session, done)`
replaces one document's rows; it never commits: the caller owns the transaction.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, Row, bindparam, create_engine, delete, event, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from pipeline import postgres, resolve_scope
from pipeline.reader import DEFAULT_URL
from pipeline.load.ocr import LOW_CONFIDENCE, mean_confidence
from pipeline.migrate import add_missing_columns
from pipeline.views import create_views
from schemas.db import (
    MetaRow,
    FACT_TABLES,
    Base,
    BlockRow,
    DocumentRow,
    EntityRow,
    FactAgreementParty,
    MentionRow,
    TableCellRow,
    TableRow,
    in_chunks,
)
from schemas.facts import fact_entry
from schemas.records import (
    AgreementMention, CountMention, CountryMention, Document, EventMention, Mention, OrgMention,
)

if TYPE_CHECKING:  # the writer's input; importing it would load every loader and segmenter
    from pipeline.processed import Processed


log = logging.getLogger(__name__)

_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS blocks_fts USING fts5("
    "tokens, content=\"blocks\", content_rowid=\"id\", tokenize=\"unicode61\")",  # Datasette reads "blocks"
    "CREATE TRIGGER IF NOT EXISTS blocks_fts_ai AFTER INSERT ON blocks BEGIN "
    "INSERT INTO blocks_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER IF NOT EXISTS blocks_fts_ad AFTER DELETE ON blocks BEGIN "
    "INSERT INTO blocks_fts(blocks_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END",
]


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.close()


def open_store(url: str = DEFAULT_URL) -> tuple[Engine, sessionmaker[Session]]:
    """Engine and session factory for `url`, with the schema created (and the folder made)."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    with engine.begin() as conn:  # one creator at a time, however many processes open the store
        advisory_lock(conn, "schema")
        Base.metadata.create_all(conn)
        add_missing_columns(conn)  # a store made by an older jcmkg gets the columns added since
        for ddl in _FTS if engine.dialect.name == "sqlite" else postgres.SCHEMA:
            conn.execute(text(ddl))
        create_views(conn)
    return engine, sessionmaker(engine, expire_on_commit=False)


def advisory_lock(conn: Connection | Session, name: str, shared: bool = False, *also: str) -> None:
    """Hold the lock `name` until the end of the current transaction, when several processes
    write one PostgreSQL store: schema creation, entities, one document (exclusive); documents
    hold "resolve" shared, so the resolution (which takes it exclusive) never meets a write.

    SQLite needs nothing: it lets one transaction write at a time, and ingests wait for each
    other on the lock file (store_lock.writer_lock). Names in `also` are then taken exclusive,
    in the same statement."""
    dialect = conn.dialect if isinstance(conn, Connection) else conn.get_bind().dialect
    if dialect.name == "postgresql":
        conn.execute(postgres.lock_statement(shared, len(also)), postgres.lock_keys(name, *also))


def seed_entities(session: Session, rows: list[dict[str, str]]) -> None:
    """Insert or refresh the canonical entities (countries, organizations).

    The stored ones are read in one query; only new or changed rows are written."""
    advisory_lock(session, "entities")
    stored = {e.id: e for e in session.scalars(select(EntityRow))}
    for row in rows:
        entity = stored.get(row["id"])
        if entity is None:
            session.add(stored.setdefault(row["id"], EntityRow(**row)))
            continue
        for key, value in row.items():
            if getattr(entity, key) != value:
                setattr(entity, key, value)


KNOWN = (DocumentRow.doc, DocumentRow.sha256, DocumentRow.pipeline_version, DocumentRow.status,
         DocumentRow.stage, DocumentRow.error, DocumentRow.duplicate_of)


def known(session: Session, docs: list[str]) -> dict[str, Row | None]:
    """What a re-run compares of each stored document (the columns of KNOWN; None where there
    is none), in few queries of plain rows (ORM objects cost more than the comparison)."""
    rows: dict[str, Row | None] = dict.fromkeys(docs)
    for chunk in in_chunks(docs):
        rows.update((r.doc, r) for r in session.execute(select(*KNOWN).where(DocumentRow.doc.in_(chunk))))
    return rows


def same_bytes(session: Session, hashes: list[str]) -> dict[str, list[str]]:
    """For each of these sha256 that stored documents (status ok) have, their names in name
    order; in few queries, however many documents a run checks."""
    out: dict[str, list[str]] = {}
    wanted = sorted(set(hashes))
    for chunk in in_chunks(wanted):
        for sha, doc in session.execute(
                select(DocumentRow.sha256, DocumentRow.doc).where(
                    DocumentRow.sha256.in_(chunk), DocumentRow.status == "ok")
                .order_by(DocumentRow.doc)):
            out.setdefault(sha, []).append(doc)
    return out


def _fact_columns(m: Mention) -> dict:
    entry = fact_entry(m)
    if "id" in entry:
        entry["org_id"] = entry.pop("id")
    if isinstance(m, (AgreementMention, EventMention)):
        entry["parties"] = ";".join(sorted(m.parties))
    if hasattr(m, "qualifier"):
        entry["qualifier"] = m.qualifier
    return entry


# A document's rows (those of every table cascade). Statements that every write runs are built
# once: building and looking one up in SQLAlchemy's cache costs more than SQLite running it.
_FORGET = delete(DocumentRow.__table__).where(DocumentRow.doc == bindparam("doc"))


def write(session: Session, done: Processed, version: str, duplicate: str | None = None) -> None:
    """Replace everything stored for `done.doc_id` with what `done` holds.

    Each table gets one statement (an executemany on SQLite, postgres.insert_rows on
    PostgreSQL), not one ORM flush or one INSERT ... RETURNING per row: a document costs a few
    statements, however many rows it has."""
    name, counts = done.doc_id, _row_counts(done, duplicate)
    pipelined = session.get_bind().dialect.name == "postgresql"
    if pipelined:  # a writer of this name waits; the old version's groups and the new ids: one round trip
        _, old_rows, id_rows = postgres.read_together(session, [
            (postgres.lock_statement(True, 1), postgres.lock_keys("resolve", f"document:{name}")),
            (resolve_scope.OF_ONE_DOCUMENT, {"doc": name}),
            (postgres.NEXT_IDS, postgres.next_ids_params({t.__tablename__: n for t, n in counts.items()}))])
        old, ids = resolve_scope.scopes_of([name], old_rows), _Ids(drawn=postgres.drawn_ids(id_rows))
    else:  # SQLite: the DELETE takes the write lock before _Ids reads max(id)
        old = resolve_scope.scopes_of([name], session.execute(resolve_scope.OF_ONE_DOCUMENT, {"doc": name}))
        session.execute(_FORGET, {"doc": name})
        ids = _Ids.after_max(session)
    if done.document is not None and not duplicate:
        _ensure_entities(session, [m for _, _, m in done.mentions])
    with postgres.pipeline(session):  # nothing read from here: one round trip
        if pipelined:
            session.execute(_FORGET, {"doc": name})
        resolve_scope.add_marks(session, old)  # its entities are rebuilt at the next resolution
        _write_rows(session, done, version, duplicate, ids)


def _write_rows(session: Session, done: Processed, version: str, duplicate: str | None, ids: _Ids) -> None:
    """The INSERTs of `write`: the document's row, then (unless it is a duplicate or was not
    read) its blocks, tables, cells, mentions and facts, one executemany per table."""
    doc = done.document
    (doc_id,) = _insert(session, DocumentRow, [dict(
        doc=done.doc_id, path=done.path, sha256=done.sha256, size=done.size,
        media_type=doc.media_type if doc else None, encoding=doc.encoding if doc else None,
        lang=done.lang or None, title=doc.title if doc else None,
        published=doc.published or None if doc else None,
        published_from="meta" if doc and doc.published else None,
        n_pages=len(doc.pages) if doc and doc.pages else None,
        n_chars=len(doc.text) if doc else None,
        status="duplicate" if duplicate else done.status, stage=done.stage or None,
        error=done.error or None, warnings="\n".join(done.warnings) or None,
        duplicate_of=duplicate, pipeline_version=version,
        seconds=round(sum(done.timings.values()), 4), text=doc.text if doc else None,
    )], ids)
    if doc is None or duplicate:
        return
    _insert(session, BlockRow, [
        dict(document_id=doc_id, idx=seg.block, kind=seg.kind, lang=seg.lang, page=seg.page,
             start=seg.offset, end=seg.offset + len(seg.source), text=seg.source, tokens=" ".join(words),
             **ocr_columns(doc, seg.offset, seg.offset + len(seg.source), low=True))
        for seg, words in zip(done.segments, done.words, strict=True)
    ], ids)
    table_ids = _insert(session, TableRow, [
        dict(document_id=doc_id, idx=t.index, page=t.page, n_rows=t.n_rows, n_cols=t.n_cols,
             header_rows=t.header_rows, caption=t.caption or None, source=t.source or None)
        for t in doc.tables
    ], ids)
    _insert(session, TableCellRow, [
        dict(document_id=doc_id, table_id=table_id, row=c.row, col=c.col, header=c.header,
             header_path=t.header_of(c.col) or None, text=c.text, start=c.start, end=c.end,
             note=c.note or None)
        for table_id, t in zip(table_ids, doc.tables, strict=True) for c in t.cells
    ], ids)
    mention_ids = _insert(session, MentionRow, [
        dict(document_id=doc_id, field=m.FIELD, block_idx=seg.block, start=m.start, end=m.end,
             page=seg.page, lang=seg.lang, surface=m.surface, extractor=name, rule=m.rule or None,
             norm=_norm(m), **ocr_columns(doc, m.start, m.end))
        for seg, name, m in done.mentions
    ], ids)
    by_field: dict[str, list[tuple[int, Mention]]] = {}
    for mention_id, (_, _, m) in zip(mention_ids, done.mentions, strict=True):
        by_field.setdefault(m.FIELD, []).append((mention_id, m))
    for field, found in by_field.items():
        fact_ids = _insert(session, FACT_TABLES[field], [
            dict(document_id=doc_id, mention_id=mention_id, **_fact_columns(m))
            for mention_id, m in found
        ], ids)
        _insert(session, FactAgreementParty, [
            dict(agreement_id=fact_id, party=p)
            for fact_id, (_, m) in zip(fact_ids, found, strict=True)
            if isinstance(m, AgreementMention) for p in m.parties
        ], ids)


def ocr_columns(doc: Document, start: int, end: int, low: bool = False) -> dict:
    """ocr_conf and ocr_boxes (and ocr_low with `low`) of a span: its OCR words' boxes and
    mean confidence; None for text that was not scanned."""
    words = doc.ocr_in(start, end)
    conf = round(mean_confidence(words), 1) if words else None
    out = dict(ocr_conf=conf, ocr_boxes=[[*w.box, round(w.conf)] for w in words] if words else None)
    if low:
        out["ocr_low"] = None if conf is None else conf < LOW_CONFIDENCE
    return out


def _ensure_entities(session: Session, mentions: list[Mention]) -> None:
    """Add a bare `entities` row for each country, organization, party or subject id the
    mentions name that is not there yet, so the foreign keys to `entities` hold (ingest seeds
    the named ones first; this covers ids no gazetteer row gives a name)."""
    ids = set()
    for m in mentions:
        ids.update((m.iso3,) if isinstance(m, CountryMention) else (m.id,) if isinstance(m, OrgMention)
                   else (m.subject,) if isinstance(m, CountMention)
                   else m.parties if isinstance(m, (AgreementMention, EventMention)) else ())
    ids.discard(None)
    seen = session.connection().info.setdefault("jcmkg_entities", set())  # ids found stored before
    ids -= seen  # entities are never deleted: an id once seen stored stays there

    def missing() -> list[str]:
        stored = set(session.scalars(select(EntityRow.id).where(EntityRow.id.in_(ids)))) if ids else set()
        seen.update(stored)
        return sorted(ids - stored)

    if not missing():
        return
    advisory_lock(session, "entities")  # concurrent PostgreSQL writers: the first adds an id, the rest see it
    if new := missing():
        import pycountry

        session.execute(insert(EntityRow.__table__), [
            {"id": i, "kind": "country" if pycountry.countries.get(alpha_3=i) else "organization"} for i in new])


def _norm(m: Mention) -> dict:
    """The mention's fields as JSON-ready values (its records are flat: str, numbers, tuples)."""
    return {f.name: list(v) if isinstance(v := getattr(m, f.name), tuple) else v
            for f in dataclasses.fields(m)}


def _row_counts(done: Processed, duplicate: str | None) -> dict[type, int]:
    """How many rows `write` inserts into each table for `done`."""
    counts: dict[type, int] = dict.fromkeys(_Ids.TABLES, 0)
    counts[DocumentRow] = 1
    if done.document is None or duplicate:
        return counts
    counts[BlockRow] = len(done.segments)
    counts[TableRow] = len(done.document.tables)
    counts[TableCellRow] = sum(len(t.cells) for t in done.document.tables)
    counts[MentionRow] = len(done.mentions)
    for _, _, m in done.mentions:
        counts[FACT_TABLES[m.FIELD]] += 1
        if isinstance(m, AgreementMention):
            counts[FactAgreementParty] += len(m.parties)
    return counts


class _Ids:
    """Ids for the rows `write` inserts, given by us because asking for them back (RETURNING in
    parameter order) makes SQLAlchemy send one INSERT per row.

    PostgreSQL: `drawn` from each table's sequence (all the document needs, in one query),
    since several writers insert at once. SQLite: max + 1 of each table (`after_max`)."""

    TABLES = [DocumentRow, BlockRow, TableRow, TableCellRow, MentionRow, FactAgreementParty,
              *FACT_TABLES.values()]
    MAXIMA = select(*(select(func.max(t.id)).scalar_subquery() for t in TABLES))  # built once, not per document

    def __init__(self, drawn: dict[str, list[int]] | None = None, first: dict[type, int] | None = None) -> None:
        self.drawn, self.next = drawn, first or {}

    @classmethod
    def after_max(cls, session: Session) -> _Ids:
        """Ids following each table's largest, read in one query. Safe only once the transaction
        holds SQLite's write lock (`write` has deleted first), so no other writer reads them too."""
        maxima = session.execute(cls.MAXIMA).one()
        return cls(first={t: (m or 0) + 1 for t, m in zip(cls.TABLES, maxima, strict=True)})

    def take(self, model: type, n: int) -> list[int]:
        if self.drawn is not None:
            drawn = self.drawn[model.__tablename__]
            ids = drawn[:n]
            del drawn[:n]
            return ids
        first = self.next[model]
        self.next[model] = first + n
        return list(range(first, first + n))


def _insert(session: Session, model: type, rows: list[dict], ids: _Ids) -> list[int]:
    """Insert `rows` into `model`'s table in one executemany; their ids, in row order."""
    if not rows:
        return []
    row_ids = ids.take(model, len(rows))
    for row_id, row in zip(row_ids, rows, strict=True):
        row["id"] = row_id
    if ids.drawn is not None and len(rows) > 1:  # PostgreSQL: one statement, not one per row
        postgres.insert_rows(session, model.__table__, rows)
    else:
        session.execute(insert(model.__table__), rows)
    return row_ids


def resolve_if_changed(session: Session, resolve: Callable[..., object], version: str) -> bool:
    """Run `resolve` on the documents written or removed since the last resolution (the marks
    of pipeline/resolve_scope.py), on all of them when the resolution code (`version`) is not
    the one that last resolved this store; nothing when neither changed.

    Marks are written with the documents and deleted with this resolution's results, so a run
    killed between its last write and the resolution leaves them for the next run."""
    advisory_lock(session, "resolve")  # alone: no document is written meanwhile
    changed, marks = resolve_scope.pending(session)
    row = session.get(MetaRow, "resolved_by")
    full = row is None or row.value != version
    if not full and not changed:
        return False
    resolve(session, None if full else changed)
    resolve_scope.clear(session, marks)
    session.merge(MetaRow(key="resolved_by", value=version))
    return True


def gone(session: Session, seen: set[str], paths: list[Path]) -> list[str]:
    """Stored documents under `paths` that this run did not find and whose files no longer
    exist (deleted or moved away): their facts are stale."""
    roots = [os.path.abspath(p) for p in paths]
    out = []
    for doc, path in session.execute(select(DocumentRow.doc, DocumentRow.path)):
        if doc in seen or not path:
            continue
        full = os.path.abspath(path)
        inside = any(full == r or full.startswith(r.rstrip(os.sep) + os.sep) for r in roots)
        if inside and not os.path.lexists(path):
            out.append(doc)
    return sorted(out)


def remove(session: Session, docs: list[str]) -> None:
    """Delete these documents and everything stored for them (rows cascade)."""
    resolve_scope.mark_changed(session, docs)
    for chunk in in_chunks(docs):
        session.execute(delete(DocumentRow).where(DocumentRow.doc.in_(chunk)))


_IN_PROGRESS = "in_progress:"


def mark_in_progress(session: Session, doc: str, deaths: int) -> None:
    """Note that `doc` is being processed (by a run that `deaths` earlier runs died with)."""
    session.merge(MetaRow(key=_IN_PROGRESS + doc, value=str(deaths)))


def clear_in_progress(session: Session, doc: str) -> None:
    session.execute(delete(MetaRow).where(MetaRow.key == _IN_PROGRESS + doc))


def in_progress(session: Session) -> dict[str, int]:
    """Documents left marked in progress by runs that died: document → runs that died with it."""
    rows = session.execute(select(MetaRow.key, MetaRow.value).where(MetaRow.key.startswith(_IN_PROGRESS, autoescape=True)))
    return {key.removeprefix(_IN_PROGRESS): int(value) + 1 for key, value in rows}


def checkpoint(engine: Engine) -> None:
    """Move SQLite's write-ahead log into the database file and empty it, so that the `.sqlite`
    file alone is complete (a copy of it without its `-wal` file is not missing data)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
