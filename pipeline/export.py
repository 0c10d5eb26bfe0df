"""Exports from the store: facts.jsonl in FORMAT.md's shape, one line per document.

Lines are rebuilt from the stored mentions (the store is the single source), in document
order, so an export of the store scores exactly like the extraction that filled it. Counts
carry FORMAT.md's keys plus `measure`, `period` and `as_of` (the date the text states, else
the document's publication date); scorers ignore the extra keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.atomic import atomic_target
from schemas.db import DocumentRow, MentionRow
from schemas.facts import dumps, facts_line
from schemas.records import MENTION_TYPES, Mention

_TYPES = {t.FIELD: t for t in MENTION_TYPES}


def mention_from_row(row: MentionRow) -> Mention:
    """The typed mention stored in a `mentions` row."""
    fields = dict(row.norm)
    for name in ("parties",):
        if name in fields:
            fields[name] = tuple(fields[name])
    return _TYPES[row.field](**fields)


def fact_lines(session: Session) -> Iterator[dict]:
    """One FORMAT.md object per successfully ingested document, ordered by name.

    The order is total and the same in every store: names sorted here (not by the database's
    collation), mentions by offset, then in the order they were extracted (their ids)."""
    docs = sorted(session.execute(
        select(DocumentRow.doc, DocumentRow.id, DocumentRow.lang, DocumentRow.published)
        .where(DocumentRow.status == "ok")
    ).all())
    for name, doc_id, lang, published in docs:
        rows = session.scalars(
            select(MentionRow).where(MentionRow.document_id == doc_id)
            .order_by(MentionRow.start, MentionRow.id)
        )
        line = facts_line(name, lang or "", [mention_from_row(r) for r in rows])
        for count in line["counts"]:  # a count the text does not date is as of its publication
            count["as_of"] = count.get("as_of") or published
        yield line


def export_facts(session: Session, path: Path) -> int:
    """Write facts.jsonl atomically; returns the number of documents written."""
    n = 0
    with atomic_target(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
        for line in fact_lines(session):
            f.write(dumps(line) + "\n")
            n += 1
    return n
