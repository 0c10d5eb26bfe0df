"""Incremental resolution: after documents are changed, removed, added or fail, rebuilding only
the groups they touch gives the same store as rebuilding every entity from the facts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline import store
from pipeline.entities import entity_rows
from pipeline.ingest import ingest
from pipeline.process import Processed
from pipeline.resolve import resolve, resolution_version
from schemas.records import AgreementMention, CountMention, DateMention, EventMention
from tests.synthetic_store import DOCS, processed


def _snapshot(db: Path) -> dict[str, set]:
    """The resolved rows, keyed by what they say (entity keys, fact and document ids), not by
    their own row ids; a conflict as the set of its value rows, not its number."""
    with sqlite3.connect(db) as con:
        q = lambda sql: set(con.execute(sql).fetchall())  # noqa: E731
        conflicts: dict[int, set] = {}
        for n, *row in con.execute("select conflict, topic, subject, attribute, value, document_id, "
                                   "mention_id, as_of from conflicts"):
            conflicts.setdefault(n, set()).add(tuple(row))
        return {
            "documents": q("select doc, published, published_from from documents"),
            "agreements": q("select key, kind, parties, date, place, n_sources, n_documents from agreements"),
            "agreement_parties": q("select a.key, p.party, p.nation from agreement_parties p "
                                   "join agreements a on a.id = p.agreement_id"),
            "agreement_sources": q("select a.key, s.fact_id, s.document_id, s.parties, s.date, s.place, "
                                   "s.as_of from agreement_sources s join agreements a on a.id = s.agreement_id"),
            "events": q("select key, kind, ordinal, date, place, parties, parties_from, n_sources, "
                        "n_documents from events"),
            "event_parties": q("select e.key, p.party, p.nation from event_parties p join events e "
                               "on e.id = p.event_id"),
            "event_sources": q("select e.key, s.fact_id, s.document_id, s.parties, s.date, s.place, s.as_of "
                               "from event_sources s join events e on e.id = s.event_id"),
            "conflicts": {frozenset(rows) for rows in conflicts.values()},
            "marks": q("select key from meta where key like 'unresolved:%'"),
        }


def _from_scratch(db: Path, tmp: Path) -> dict[str, set]:
    """The snapshot of a copy of `db` whose entities are all rebuilt."""
    copy = tmp / f"scratch-{db.stem}.sqlite"
    copy.unlink(missing_ok=True)
    with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    engine, Session = store.open_store(f"sqlite:///{copy}")
    with Session.begin() as session:
        resolve(session)
    engine.dispose()
    return _snapshot(copy)


def _resolve_changes(Session) -> bool:
    with Session.begin() as session:
        return store.resolve_if_changed(session, resolve, resolution_version())


def test_rebuilding_the_touched_groups_equals_rebuilding_all(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    engine, Session = store.open_store(f"sqlite:///{db}")
    docs = {doc_id: (lang, paragraphs) for doc_id, lang, paragraphs in DOCS}

    def write(doc_id: str, lang: str, paragraphs) -> None:
        with Session.begin() as session:
            store.write(session, processed(doc_id, lang, paragraphs), "test")

    with Session.begin() as session:
        store.seed_entities(session, entity_rows())
    for doc_id, (lang, paragraphs) in docs.items():
        write(doc_id, lang, paragraphs)
    assert _resolve_changes(Session)  # the first resolution rebuilds everything
    assert _snapshot(db) == _from_scratch(db, tmp_path)
    assert not _resolve_changes(Session)  # nothing changed: nothing to do

    # a changed document: its memorandum a month later (a date conflict), its count a new value
    write("en/news.txt", "en", [
        ("Posted on 18 November 2025", [(DateMention, "18 November 2025", dict(value="2025-11-18",
                                                                             precision="day"))]),
        ("As of 10 November 2025, the number of JCM partner countries had reached 29.", [
            (CountMention, "29", dict(value=29, unit="country", what="partner countries",
                                      measure="partner_countries", as_of="2025-11-10"))]),
        ("Japan and Viet Nam signed a Memorandum of Cooperation in Osaka on 5 February 2026.", [
            (AgreementMention, "Memorandum of Cooperation", dict(kind="moc", parties=("JPN", "VNM"),
                                                                 date="2026-02-05", place="Osaka"))]),
    ])
    assert _resolve_changes(Session)
    assert _snapshot(db) == _from_scratch(db, tmp_path)

    # a document rewritten without its agreements, meeting and count: only its old version
    # names the groups they were in
    write("ja/press.txt", "ja", docs["ja/press.txt"][1][:1])
    assert _resolve_changes(Session)
    assert _snapshot(db) == _from_scratch(db, tmp_path)

    with Session.begin() as session:  # a removed document, and one that now fails to load
        store.remove(session, ["vi/tin.txt"])
        store.write(session, Processed(doc_id="en/table.txt", path="en/table.txt", sha256="0" * 64, size=0,
                                       status="failed", stage="load", error="unreadable"), "test")
    assert _resolve_changes(Session)
    after = _snapshot(db)
    assert after == _from_scratch(db, tmp_path)
    assert not any(key.startswith("bilateral_document JPN-THA") for key, *_ in after["agreements"])

    # two writes before one resolution (a run killed before it resolved), and new documents
    write("vi/tin.txt", *docs["vi/tin.txt"])
    write("en/news.txt", *docs["en/news.txt"])
    write("en/seminar.txt", "en", [
        ("The 1st and an unnumbered seminar on measurement were held on 3 March 2025.", [
            (EventMention, "1st", dict(kind="seminar", ordinal=1, date="2025-03-03")),
            (EventMention, "seminar", dict(kind="seminar", date="2025-03-03"))])])
    assert _resolve_changes(Session)
    assert _snapshot(db) == _from_scratch(db, tmp_path)
    engine.dispose()


def test_a_changed_file_reingested_resolves_as_from_scratch(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "cl.txt").write_text("Japan and Chile signed the bilateral document on 26 May 2015.\n")
    (docs / "ke.txt").write_text("Japan and Kenya signed the bilateral document on 12 June 2015.\n")
    (docs / "cl2.txt").write_text("Published: 2 June 2015.\nJapan and Chile signed the bilateral "
                                  "document in May 2015.\n")
    db = tmp_path / "s.sqlite"
    ingest([docs], f"sqlite:///{db}", progress=False, workers=0)
    (docs / "cl.txt").write_text("Japan and Chile signed the bilateral document on 27 June 2015.\n")
    (docs / "ke.txt").unlink()
    ingest([docs], f"sqlite:///{db}", progress=False, workers=0, prune=True)
    after = _snapshot(db)
    assert after == _from_scratch(db, tmp_path)
    assert len(after["conflicts"]) == 1  # 26 May (as stored before) is gone, 27 June disagrees with May
