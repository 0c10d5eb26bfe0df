"""Writes processed documents into the store, one short transaction per document.

`open_store(url)` makes the engine (SQLite: WAL, busy timeout, foreign keys, an FTS5 index
over block words kept in sync by triggers) and creates the schema. `write(session, done)`
replaces one document's rows; it never commits: the caller owns the transaction.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, select, text
from sqlalchemy.orm import Session, sessionmaker

from pipeline.process import Processed
from schemas.db import (
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
from schemas.records import AgreementMention, EventMention, Mention

DEFAULT_URL = "sqlite:///data/jcmkg.sqlite"

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
    return engine, sessionmaker(engine, expire_on_commit=False)


def seed_entities(session: Session, rows: list[dict[str, str]]) -> None:
    """Insert or refresh the canonical entities (countries, organizations)."""
    for row in rows:
        session.merge(EntityRow(**row))


def known(session: Session, doc: str) -> DocumentRow | None:
    return session.scalar(select(DocumentRow).where(DocumentRow.doc == doc))


def duplicate_of(session: Session, sha256: str, doc: str) -> str | None:
    """The name of an already stored document with the same bytes, if any."""
    return session.scalar(
        select(DocumentRow.doc).where(
            DocumentRow.sha256 == sha256, DocumentRow.doc != doc, DocumentRow.status == "ok"
        ).limit(1)
    )


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
    """Replace everything stored for `done.doc_id` with what `done` holds."""
    session.execute(delete(DocumentRow).where(DocumentRow.doc == done.doc_id))
    doc = done.document
    row = DocumentRow(
        doc=done.doc_id, path=done.path, sha256=done.sha256, size=done.size,
        media_type=doc.media_type if doc else None, encoding=doc.encoding if doc else None,
        lang=done.lang or None, title=doc.title if doc else None,
        n_pages=len(doc.pages) if doc and doc.pages else None,
        n_chars=len(doc.text) if doc else None,
        status="duplicate" if duplicate else done.status, stage=done.stage or None,
        error=done.error or None, warnings="\n".join(done.warnings) or None,
        duplicate_of=duplicate, pipeline_version=version,
        seconds=round(sum(done.timings.values()), 4), text=doc.text if doc else None,
    )
    session.add(row)
    session.flush()
    if doc is None or duplicate:
        return
    session.add_all(
        BlockRow(
            document_id=row.id, idx=seg.block, kind=seg.kind, lang=seg.lang, page=seg.page,
            start=seg.offset, end=seg.offset + len(seg.text), text=seg.text, tokens=" ".join(words),
        )
        for seg, words in zip(done.segments, done.words, strict=True)
    )
    for t in doc.tables:
        trow = TableRow(document_id=row.id, idx=t.index, page=t.page, n_rows=t.n_rows,
                        n_cols=t.n_cols, header_rows=t.header_rows, caption=t.caption or None,
                        source=t.source or None)
        session.add(trow)
        session.flush()
        session.add_all(
            TableCellRow(document_id=row.id, table_id=trow.id, row=c.row, col=c.col,
                         header=c.header, header_path=t.header_of(c.col) or None, text=c.text,
                         start=c.start, end=c.end, note=c.note or None)
            for c in t.cells
        )
    for seg, name, m in done.mentions:
        mrow = MentionRow(
            document_id=row.id, field=m.FIELD, block_idx=seg.block, start=m.start, end=m.end,
            page=seg.page, lang=seg.lang, surface=m.surface, extractor=name,
            rule=m.rule or None, norm=json.loads(json.dumps(dataclasses.asdict(m))),
        )
        session.add(mrow)
        session.flush()
        fact = FACT_TABLES[m.FIELD](document_id=row.id, mention_id=mrow.id, **_fact_columns(m))
        session.add(fact)
        if isinstance(m, AgreementMention):
            session.flush()
            session.add_all(FactAgreementParty(agreement_id=fact.id, party=p) for p in m.parties)
