"""Batch ingest: find files, skip what is unchanged, process the rest, store each in its own
transaction, and count what happened.

A document is keyed by its path relative to the folder given on the command line. It is
skipped when its bytes (sha256) and the pipeline version are those already stored; the
same bytes under a second name are stored once and the second name marked `duplicate`.
A crash loses at most the document being written; the next run picks up the rest.
"""

from __future__ import annotations

import hashlib
import logging
import time
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from tqdm import tqdm

from pipeline import store
from pipeline.discover import discover
from pipeline.entities import entity_rows
from pipeline.limits import Limits
from pipeline.load.ocr import version_tag
from pipeline.processed import Processed
from pipeline.reader import open_reader
from pipeline.readfile import fingerprint, reason, shown
from pipeline.resolve import resolution_version, resolve
from pipeline.run_summary import Stamps, Summary, count
from pipeline.store_lock import writer_lock
from schemas.db import BlockRow, DocumentRow, MentionRow

if TYPE_CHECKING:
    from pipeline.isolate import Job

log = logging.getLogger(__name__)

# The files whose content decides what a document's rows hold (see pipeline_version).
EXTRACTION_CODE = [
    ("extractors", "*"), ("schemas", "*.py"), ("pipeline.load", "*.py"),
    ("pipeline", "langid.py"), ("pipeline", "segment.py"), ("pipeline", "words.py"), ("pipeline", "extract.py"),
    ("pipeline", "process.py"), ("pipeline", "store.py"),
    ("pipeline", "limits.py"), ("pipeline", "readfile.py"),
]


def pipeline_version() -> str:
    """A hash of the code and language data that decide what is extracted.

    Changing an extractor, a data file or a loader changes it, so the next run re-does
    every document instead of trusting facts made by older code."""
    h = hashlib.sha256()
    for package, pattern in EXTRACTION_CODE:
        root = Path(str(resources.files(package)))
        for path in sorted(root.rglob(pattern)):
            if path.suffix in {".py", ".yaml", ".tsv", ".json"} and "__pycache__" not in path.parts:
                h.update(path.relative_to(root.parent).as_posix().encode())
                h.update(path.read_bytes())
    h.update(version_tag().encode())  # the OCR this machine does (none, or Tesseract's version)
    return h.hexdigest()[:16]


def ingest(
    paths: list[Path],
    url: str = store.DEFAULT_URL,
    workers: int = 1,
    force: bool = False,
    progress: bool = True,
    limits: Limits = Limits(),
    executor: str = "processes",
    scheduler: str | None = None,
    prune: bool = False,
) -> Summary:
    """Ingest every supported file under `paths` into the store at `url`.

    Every file found gets a row in `documents` (ok, empty, failed or duplicate) and a count
    in the summary; one bad file never stops the run. Documents whose files are gone are
    listed (removed with `prune`). A second ingest on the same SQLite file waits for this
    one (see store_lock.writer_lock). `executor="dask"` processes and writes the documents on a
    Dask cluster (`scheduler`'s, else a local one of `workers` processes)."""
    with writer_lock(url):
        return _ingest(paths, url, workers, force, progress, limits, executor, scheduler, prune)


def _ingest(paths: list[Path], url: str, workers: int, force: bool, progress: bool,
            limits: Limits, executor: str, scheduler: str | None, prune: bool) -> Summary:
    started = time.perf_counter()
    summary = Summary()
    stamps = Stamps(pipeline_version(), limits)
    engine, Session = store.open_store(url)
    with Session.begin() as session:
        store.seed_entities(session, entity_rows())

    todo: list[Job] = []
    duplicates: list[tuple[Path, str, str, int, str]] = []
    unread: list[Processed] = []  # refused files and files that cannot be read
    refused: list[tuple[Path, str, str]] = []
    found: list[tuple[Path, str, str, int]] = []
    for path, doc in discover(paths, refused):
        try:
            found.append((path, doc, *fingerprint(path)))
        except OSError as exc:  # a dangling link, no permission, a file gone or replaced meanwhile
            unread.append(_unread(path, doc, "read", reason(exc)))
    unread += [_unread(path, doc, "discover", why) for path, doc, why in refused]
    with Session() as session:
        names = [doc for _, doc, _, _ in found] + [u.doc_id for u in unread]
        rows = store.known(session, names)
        gone = store.gone(session, set(names), paths)
        stuck = store.in_progress(session)
    if gone:
        summary.gone = gone
        if prune:
            with Session.begin() as session:
                store.remove(session, gone)
            summary.pruned = gone
    unread += _run_killers(found, stuck, force)
    failing = {u.doc_id for u in unread}
    with Session() as session:
        redo = {doc for _, doc, sha, _ in found
                if force or doc in stuck or not stamps.same(rows[doc], sha)}
        freed = redo | set(gone)
        stored = store.same_bytes(session, [sha for _, doc, sha, _ in found if doc in redo
                                            or rows[doc] is not None and rows[doc].status == "duplicate"])
        first_by_hash: dict[str, str] = {}
        for path, doc, sha, size in found:
            row = rows[doc]
            if doc in failing:
                continue
            if doc not in redo and not (row.status == "duplicate" and row.duplicate_of in freed):
                _skip(summary, doc, row)
                continue
            original = first_by_hash.get(sha) or next(
                (d for d in stored.get(sha, ()) if d != doc and d not in freed), None)
            if original:
                duplicates.append((path, doc, sha, size, original))
            else:
                first_by_hash[sha] = doc
                todo.append((path, doc, sha, size, limits))
    for done in unread:
        row = rows[done.doc_id]
        if (not force and stamps.same(row, done.sha256)
                and (row.stage, row.error) == (done.stage, done.error)):
            _skip(summary, done.doc_id, row)
            continue
        with Session.begin() as session:
            store.write(session, done, stamps.of(done))
            store.clear_in_progress(session, done.doc_id)
        count(summary, done)

    for path, doc, sha, size, original in duplicates:
        with Session.begin() as session:
            store.write(session, Processed(doc_id=doc, path=shown(str(path)), sha256=sha, size=size),
                        stamps.of(None), duplicate=original)
        summary.status["duplicate"] += 1

    if executor == "dask":
        from pipeline.dask_executor import run_on_dask

        for tally in run_on_dask(todo, url, stamps, scheduler, workers, progress):
            count(summary, tally)
        todo = []  # all done on the cluster: nothing left for the local pool below

    def started_job(job: Job) -> None:  # marked, so a job that kills the whole run is known
        with Session.begin() as session:
            store.mark_in_progress(session, job[1], stuck.get(job[1], 0))

    expected = {doc: sha for _, doc, sha, _, _ in todo}
    bar = tqdm(total=len(todo), unit="doc", desc="ingest", disable=not progress or not todo)
    if todo:  # the pool, and the segmenters and models it imports, only when there is work
        _run_pool(todo, workers, limits, started_job, Session, stamps, expected, summary, bar)
    bar.close()
    with Session.begin() as session:  # entities across documents, rebuilt where documents changed
        store.resolve_if_changed(session, resolve, resolution_version())
    store.checkpoint(engine)
    engine.dispose()
    summary.seconds = time.perf_counter() - started
    return summary


def _run_pool(todo: list[Job], workers: int, limits: Limits, started_job, Session, stamps: Stamps,
              expected: dict[str, str], summary: Summary, bar: tqdm) -> None:
    """Process `todo` in the worker pool and write each document as it comes back."""
    from pipeline.isolate import InlinePool, WorkerPool

    pool_of = (lambda: WorkerPool(workers, limits, on_start=started_job)) if workers > 0 else InlinePool
    with pool_of() as pool:  # workers=0: in this process, not isolated (profiling)
        for done in pool.map(todo):
            with Session.begin() as session:
                original = None
                if done.status == "ok" and done.sha256 != expected[done.doc_id]:  # changed meanwhile
                    original = next((d for d in store.same_bytes(session, [done.sha256]).get(done.sha256, ())
                                     if d != done.doc_id), None)
                store.write(session, done, stamps.of(done), duplicate=original)
                store.clear_in_progress(session, done.doc_id)
            if original:
                summary.status["duplicate"] += 1
            else:
                count(summary, done)
            bar.set_postfix_str(done.doc_id[-40:], refresh=False)
            bar.update()


def _unread(path: Path, doc: str, stage: str, error: str) -> Processed:
    return Processed(doc_id=doc, path=shown(str(path)), sha256="", size=0, status="failed",
                     stage=stage, error=error)


def _run_killers(found: list[tuple[Path, str, str, int]], stuck: dict[str, int],
                 force: bool) -> list[Processed]:
    """Documents that were being processed when two runs died (`stuck`: document → runs that
    died with it in progress): failed, not tried a third time (unless forced). One death is
    forgiven: it may have been a kill, Ctrl-C or a reboot rather than the document."""
    out = []
    for path, doc, sha, size in found:
        if not force and stuck.get(doc, 0) >= 2:
            out.append(Processed(doc_id=doc, path=shown(str(path)), sha256=sha, size=size,
                                 status="failed", stage="run",
                                 error="two runs stopped while this document was being processed "
                                 "(killed, or out of memory?): skipped; --force tries it again"))
    return out


def _skip(summary: Summary, doc: str, row: DocumentRow) -> None:
    """Count an unchanged document under its stored status; stored failures stay listed."""
    summary.status["skipped"] += 1
    summary.unchanged[row.status] += 1
    if row.status == "failed":
        summary.failures.append((doc, row.stage or "", f"{row.error} (unchanged since an earlier run)"))


def stats(url: str) -> dict[str, list[tuple]]:
    """Documents by status and language, blocks by language, mentions by field."""
    engine, Session = open_reader(url)
    with Session() as s:
        out = {
            "documents": s.execute(
                select(DocumentRow.status, DocumentRow.lang, func.count())
                .group_by(DocumentRow.status, DocumentRow.lang).order_by(DocumentRow.status)
            ).all(),
            "blocks": s.execute(
                select(BlockRow.lang, func.count()).group_by(BlockRow.lang).order_by(BlockRow.lang)
            ).all(),
            "facts": s.execute(
                select(MentionRow.field, func.count()).group_by(MentionRow.field)
                .order_by(MentionRow.field)
            ).all(),
        }
    engine.dispose()
    return out
