"""Writes processed documents into the store, one short transaction per document.

`open_store(url)` makes the engine (SQLite: WAL, busy timeout, foreign keys, an FTS5 index
over block words kept in sync by triggers) and creates the schema. `write(session, done)`
replaces one document's rows; it never commits: the caller owns the transaction.
"""

from __future__ import annotations

import dataclasses
import fcntl
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from pipeline.process import Processed
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
)
from schemas.facts import fact_entry
from pipeline.load_ocr import LOW_CONFIDENCE, mean_confidence
from schemas.records import AgreementMention, Document, EventMention, Mention

DEFAULT_URL = "sqlite:///data/jcmkg.sqlite"

log = logging.getLogger(__name__)

_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS blocks_fts USING fts5("
    "tokens, content='blocks', content_rowid='id', tokenize='unicode61')",
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
    Base.metadata.create_all(engine)
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            for ddl in _FTS:
                conn.execute(text(ddl))
            create_views(conn)
    return engine, sessionmaker(engine, expire_on_commit=False)


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for other dialects and in-memory databases."""
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:"):
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


@contextmanager
def writer_lock(url: str) -> Iterator[None]:
    """Hold `<db>.lock` (an advisory flock) while writing a SQLite store.

    A second ingest on the same file says so and waits for the first to finish, instead of
    doing the same work twice or meeting it half-way. The lock dies with its process, so a
    killed run never leaves the store locked; the file only holds the owner's pid."""
    path = sqlite_file(url)
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "a+", encoding="utf-8") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            owner = f.read().strip() or "?"
            log.warning("another jcmkg ingest (pid %s) is writing to %s; waiting for it to finish",
                        owner, path)
            fcntl.flock(f, fcntl.LOCK_EX)
            log.warning("the other ingest finished; going on")
        f.seek(0)
        f.truncate()
        f.write(f"{os.getpid()}\n")
        f.flush()
        yield


def seed_entities(session: Session, rows: list[dict[str, str]]) -> None:
    """Insert or refresh the canonical entities (countries, organizations).

    The stored ones are read in one query; only new or changed rows are written."""
    stored = {e.id: e for e in session.scalars(select(EntityRow))}
    for row in rows:
        entity = stored.get(row["id"])
        if entity is None:
            session.add(stored.setdefault(row["id"], EntityRow(**row)))
            continue
        for key, value in row.items():
            if getattr(entity, key) != value:
                setattr(entity, key, value)


def known(session: Session, docs: list[str]) -> dict[str, DocumentRow | None]:
    """The stored row of each document name (None where there is none), in few queries."""
    rows: dict[str, DocumentRow | None] = dict.fromkeys(docs)
    for i in range(0, len(docs), 500):
        chunk = docs[i : i + 500]
        rows.update((r.doc, r) for r in session.scalars(select(DocumentRow).where(DocumentRow.doc.in_(chunk))))
    return rows


def same_bytes(session: Session, sha256: str) -> list[str]:
    """Names of the stored documents (status ok) with these bytes, in name order."""
    return list(session.scalars(
        select(DocumentRow.doc).where(DocumentRow.sha256 == sha256, DocumentRow.status == "ok")
        .order_by(DocumentRow.doc)
    ))


def _fact_columns(m: Mention) -> dict:
    entry = fact_entry(m)
    if "id" in entry:
        entry["org_id"] = entry.pop("id")
    if isinstance(m, (AgreementMention, EventMention)):
        entry["parties"] = ";".join(sorted(m.parties))
    if hasattr(m, "qualifier"):
        entry["qualifier"] = m.qualifier
    return entry


def write(session: Session, done: Processed, version: str, duplicate: str | None = None) -> None:
    """Replace everything stored for `done.doc_id` with what `done` holds.

    Each table gets one executemany (Core), not one ORM flush or one INSERT ... RETURNING
    per row: a document costs a few statements, however many rows it has."""
    session.execute(delete(DocumentRow).where(DocumentRow.doc == done.doc_id))
    doc, ids = done.document, _next_ids(session)
    (doc_id,) = _insert(session, DocumentRow, [dict(
        doc=done.doc_id, path=done.path, sha256=done.sha256, size=done.size,
        media_type=doc.media_type if doc else None, encoding=doc.encoding if doc else None,
        lang=done.lang or None, title=doc.title if doc else None,
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


def _norm(m: Mention) -> dict:
    """The mention's fields as JSON-ready values (its records are flat: str, numbers, tuples)."""
    return {f.name: list(v) if isinstance(v := getattr(m, f.name), tuple) else v
            for f in dataclasses.fields(m)}


def _next_ids(session: Session) -> dict[type, int]:
    """The id SQLite would give the next row of each table `write` fills (max + 1), in one query.

    `write` gives ids itself because asking for them back (RETURNING in parameter order)
    makes SQLAlchemy send one INSERT per row. Safe: `write` has already deleted, so its
    transaction holds SQLite's write lock."""
    tables = [DocumentRow, BlockRow, TableRow, TableCellRow, MentionRow, FactAgreementParty,
              *FACT_TABLES.values()]
    maxima = session.execute(select(*(select(func.max(t.id)).scalar_subquery() for t in tables))).one()
    return {t: (m or 0) + 1 for t, m in zip(tables, maxima, strict=True)}


def _insert(session: Session, model: type, rows: list[dict], next_ids: dict[type, int]) -> list[int]:
    """Insert `rows` into `model`'s table in one executemany; their ids, from `next_ids`."""
    if not rows:
        return []
    first = next_ids[model]
    next_ids[model] = first + len(rows)
    for row_id, row in enumerate(rows, first):
        row["id"] = row_id
    session.execute(insert(model.__table__), rows)
    return list(range(first, first + len(rows)))


def resolve_if_changed(session: Session, resolve: Callable[[Session], None]) -> bool:
    """Run `resolve` unless the documents are exactly as they were at the last resolution.

    The state is the number of document rows and their largest id (every write replaces a
    row, so its id grows); a run killed between its last write and the resolution leaves the
    old state behind, and the next run resolves even if it writes nothing."""
    count, last = session.execute(select(func.count(), func.max(DocumentRow.id))).one()
    state = f"{count}:{last}"
    row = session.get(MetaRow, "resolved_documents")
    if row is not None and row.value == state:
        return False
    resolve(session)
    session.merge(MetaRow(key="resolved_documents", value=state))
    return True
