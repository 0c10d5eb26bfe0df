"""What a re-resolution must redo: the groups of facts that changed documents touch.

Resolution clusters facts within groups (pipeline/resolve.py): agreements by kind, events by
series (kind, ordinal), counts by the conflict key (measure, subject, period). A document that
is written, replaced or removed touches the groups of its new facts and of the facts its old
version had. `store.write` and `store.remove` leave a mark per write of a document (in `meta`, in
the writer's transaction) holding the old version's groups, since its facts are deleted with it;
the next resolution redoes the groups of the marks and of the marked documents' new facts,
then deletes the marks. A run killed before resolving leaves its marks for the next one.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, String, bindparam, cast, delete, insert, literal, null, select, union_all
from sqlalchemy.orm import Session

from schemas.db import DocumentRow, FactAgreement, FactCount, FactEvent, MetaRow, in_chunks

_MARK = "unresolved:"
_NAME_AT = len(_MARK) + 33  # a mark's key: _MARK, 32 hex digits, ":", the document's name
NO_ORDINAL = -1  # the series of the unnumbered events of a kind


def count_key(measure: str, subject: str | None, period: str | None) -> str:
    """The subject of a count conflict: its measure, subject and period."""
    return " ".join(x for x in (measure, subject, period) if x)


def event_series(kind: str, ordinal: int | None) -> tuple[str, int]:
    return kind, NO_ORDINAL if ordinal is None else ordinal


@dataclass
class Scope:
    """Groups to re-resolve: agreement kinds, event series (kind, ordinal or -1), count keys."""

    agreements: set[str] = field(default_factory=set)
    events: set[tuple[str, int]] = field(default_factory=set)
    counts: set[str] = field(default_factory=set)

    def update(self, other: Scope) -> None:
        self.agreements |= other.agreements
        self.events |= other.events
        self.counts |= other.counts

    def series(self) -> set[tuple[str, int]]:
        """The event series to redo: an ordinal 0 is labelled like an unnumbered event
        (resolve.py), so the two series of a kind share their keys and are redone together."""
        out = set(self.events)
        for kind, ordinal in self.events:
            if ordinal in (0, NO_ORDINAL):
                out |= {(kind, 0), (kind, NO_ORDINAL)}
        return out

    def to_json(self) -> str:
        return json.dumps({"agreements": sorted(self.agreements), "events": sorted(self.events),
                           "counts": sorted(self.counts)})

    @classmethod
    def from_json(cls, text: str) -> Scope:
        data = json.loads(text or "{}")
        return cls(set(data.get("agreements", ())), {(k, o) for k, o in data.get("events", ())},
                   set(data.get("counts", ())))


def stored_scopes(session: Session, docs: list[str]) -> dict[str, Scope]:
    """The groups the stored facts of each of these documents (by name) belong to: one query
    per IN_CHUNK names."""
    out: dict[str, Scope] = {}
    for chunk in in_chunks(docs):
        out |= scopes_of(chunk, session.execute(scopes_query(DocumentRow.doc.in_(chunk))))
    return out


def scopes_query(documents: ColumnElement[bool]):
    """The rows `scopes_of` reads: (document, group, three labels) of each stored fact of the
    `documents` (a condition on DocumentRow)."""
    text = cast(null(), String)
    return union_all(
        _of(documents, FactAgreement, literal("agreement", String), FactAgreement.kind, text, text),
        _of(documents, FactEvent, literal("event", String), FactEvent.kind, cast(FactEvent.ordinal, String), text),
        _of(documents, FactCount, literal("count", String), FactCount.measure, FactCount.subject, FactCount.period)
        .where(FactCount.measure.is_not(None)))


def scopes_of(docs: list[str], rows) -> dict[str, Scope]:
    """The groups of each of `docs` from the rows of `scopes_query(docs)`."""
    out = {doc: Scope() for doc in docs}
    for doc, group, a, b, c in rows:
        scope = out[doc]
        if group == "agreement":
            scope.agreements.add(a)
        elif group == "event":
            scope.events.add(event_series(a, None if b is None else int(b)))
        else:
            scope.counts.add(count_key(a, b, c))
    return out


def _of(documents: ColumnElement[bool], model: type, *columns):
    """`columns` of the rows of `model` that belong to these documents, with their names."""
    return select(DocumentRow.doc, *columns).join(DocumentRow, DocumentRow.id == model.document_id).where(documents)


OF_ONE_DOCUMENT = scopes_query(DocumentRow.doc == bindparam("doc"))  # a constant: compiled once


def add_marks(session: Session, scopes: dict[str, Scope]) -> None:
    """Mark these documents unresolved, each with the groups of its old version. A mark is one
    new row (its key made unique), never a read and rewrite of an earlier one."""
    if scopes:
        session.execute(insert(MetaRow.__table__), [
            dict(key=f"{_MARK}{uuid.uuid4().hex}:{doc}", value=scope.to_json()) for doc, scope in scopes.items()])


def mark_changed(session: Session, docs: list[str]) -> None:
    """Before `docs` are replaced or removed: mark them unresolved, with their stored groups."""
    add_marks(session, stored_scopes(session, docs))


def pending(session: Session) -> tuple[dict[str, Scope], list[str]]:
    """The marked documents (name → the groups of their old versions) and the marks' keys."""
    changed: dict[str, Scope] = {}
    keys = []
    for key, value in session.execute(select(MetaRow.key, MetaRow.value)
                                      .where(MetaRow.key.startswith(_MARK, autoescape=True))):
        changed.setdefault(key[_NAME_AT:], Scope()).update(Scope.from_json(value))
        keys.append(key)
    return changed, keys


def clear(session: Session, keys: list[str]) -> None:
    for chunk in in_chunks(keys):
        session.execute(delete(MetaRow).where(MetaRow.key.in_(chunk)))
