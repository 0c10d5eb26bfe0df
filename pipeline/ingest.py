"""Batch ingest: find files, skip what is unchanged, process the rest, store each in its own
transaction, and count what happened.

A document is keyed by its path relative to the folder given on the command line. It is
skipped when its bytes (sha256) and the pipeline version are those already stored; the
same bytes under a second name are stored once and the second name marked `duplicate`.
A crash loses at most the document being written; the next run picks up the rest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path

from sqlalchemy import func, select
from tqdm import tqdm

from pipeline import store
from pipeline.entities import entity_rows
from pipeline.limits import Limits
from pipeline.load_ocr import version_tag
from pipeline.process import Processed, file_sha256, process, warm_up
from pipeline.resolve import resolve
from schemas.db import BlockRow, DocumentRow, MentionRow

log = logging.getLogger(__name__)

# The files whose content decides what a document's rows hold (see pipeline_version).
EXTRACTION_CODE = [
    ("extractors", "*"), ("schemas", "*.py"), ("pipeline", "load*.py"), ("pipeline", "decode.py"),
    ("pipeline", "langid.py"), ("pipeline", "segment.py"), ("pipeline", "extract.py"),
    ("pipeline", "process.py"), ("pipeline", "text_tables.py"), ("pipeline", "store.py"),
    ("pipeline", "limits.py"),
]
SUFFIXES = {".txt", ".md", ".html", ".htm", ".xhtml", ".pdf", ".docx"}


@dataclasses.dataclass
class Summary:
    """What one ingest run did."""

    status: Counter[str] = dataclasses.field(default_factory=Counter)
    blocks_by_lang: Counter[str] = dataclasses.field(default_factory=Counter)
    facts_by_field: Counter[str] = dataclasses.field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    unchanged: Counter[str] = dataclasses.field(default_factory=Counter)  # skipped, by stored status
    chars: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        """Documents that are failed in the store after this run (new or unchanged)."""
        return self.status["failed"] + self.unchanged["failed"]


def pipeline_version() -> str:
    """A hash of the code and language data that decide what is extracted.

    Changing an extractor, a data file or a loader changes it, so the next run re-does
    every document instead of trusting facts made by older code."""
    h = hashlib.sha256()
    for package, pattern in EXTRACTION_CODE:
        root = Path(str(resources.files(package)))
        for path in sorted(root.rglob(pattern)):
            if path.suffix in {".py", ".yaml", ".tsv"} and "__pycache__" not in path.parts:
                h.update(path.relative_to(root.parent).as_posix().encode())
                h.update(path.read_bytes())
    h.update(version_tag().encode())  # the OCR this machine does (none, or Tesseract's version)
    return h.hexdigest()[:16]


def discover(paths: list[Path], refused: list[tuple[Path, str, str]] | None = None,
             ) -> Iterator[tuple[Path, str]]:
    """(file, document name) for every supported file under `paths`, recursively, sorted.

    Hidden files, a folder's README (its documentation, not a source) and links that lead
    outside the folder given are skipped; those links are added to `refused` as (link,
    document name, reason) so the caller can record them."""
    for given in paths:
        if given.is_file():
            yield given, given.name
            continue
        root = given.resolve()
        for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = Path(dirpath) / name
                if (name.startswith(".") or path.suffix.lower() not in SUFFIXES
                        or path.stem.upper() == "README"):
                    continue
                if path.is_symlink() and not path.resolve().is_relative_to(root):
                    if refused is None:
                        log.warning("skipping %s: link points outside %s", path, given)
                    else:
                        refused.append((path, path.relative_to(given).as_posix(),
                                        f"link to {path.resolve()}, outside the ingested folder: "
                                        "not followed"))
                    continue
                yield path, path.relative_to(given).as_posix()


def _process_job(job: tuple[Path, str, str, int, Limits]) -> Processed:
    return process(*job)


def ingest(
    paths: list[Path],
    url: str = store.DEFAULT_URL,
    workers: int = 1,
    force: bool = False,
    progress: bool = True,
    limits: Limits = Limits(),
) -> Summary:
    """Ingest every supported file under `paths` into the store at `url`.

    Every file found gets a row in `documents` (ok, empty, failed or duplicate) and a count
    in the summary; one bad file never stops the run. A second ingest on the same SQLite
    file waits for this one (see store.writer_lock)."""
    with store.writer_lock(url):
        return _ingest(paths, url, workers, force, progress, limits)


def _ingest(paths: list[Path], url: str, workers: int, force: bool, progress: bool,
            limits: Limits) -> Summary:
    started = time.perf_counter()
    summary = Summary()
    version = pipeline_version()
    engine, Session = store.open_store(url)
    with Session.begin() as session:
        store.seed_entities(session, entity_rows())

    todo: list[tuple[Path, str, str, int, Limits]] = []
    duplicates: list[tuple[Path, str, str, int, str]] = []
    unread: list[Processed] = []  # refused links and files that cannot be read
    refused: list[tuple[Path, str, str]] = []
    found: list[tuple[Path, str, str, int]] = []
    for path, doc in discover(paths, refused):
        try:
            found.append((path, doc, *file_sha256(path)))
        except OSError as exc:  # a dangling link, no permission, a file gone meanwhile
            unread.append(Processed(doc_id=doc, path=str(path), sha256="", size=0, status="failed",
                                    stage="read", error=f"cannot read the file: {exc.strerror or exc}"))
    unread += [Processed(doc_id=doc, path=str(path), sha256="", size=0, status="failed",
                         stage="discover", error=reason) for path, doc, reason in refused]
    with Session() as session:
        names = [doc for _, doc, _, _ in found] + [u.doc_id for u in unread]
        rows = store.known(session, names)
        redo = {doc for _, doc, sha, _ in found if force or not _same(rows[doc], sha, version)
                or rows[doc].stage == "ocr"}  # scans not read (OCR was off): tried again
        first_by_hash: dict[str, str] = {}
        for path, doc, sha, size in found:
            row = rows[doc]
            if doc not in redo and not (row.status == "duplicate" and row.duplicate_of in redo):
                _skip(summary, doc, row)
                continue
            original = first_by_hash.get(sha) or next(
                (d for d in store.same_bytes(session, sha) if d != doc and d not in redo), None)
            if original:
                duplicates.append((path, doc, sha, size, original))
            else:
                first_by_hash[sha] = doc
                todo.append((path, doc, sha, size, limits))
    for done in unread:
        row = rows[done.doc_id]
        if not force and _same(row, "", version) and (row.stage, row.error) == (done.stage, done.error):
            _skip(summary, done.doc_id, row)
            continue
        with Session.begin() as session:
            store.write(session, done, version)
        _count(summary, done)

    for path, doc, sha, size, original in duplicates:
        with Session.begin() as session:
            store.write(session, Processed(doc_id=doc, path=str(path), sha256=sha, size=size),
                        version, duplicate=original)
        summary.status["duplicate"] += 1

    bar = tqdm(total=len(todo), unit="doc", desc="ingest", disable=not progress or not todo)
    if todo and workers == 1:
        warm_up()
    with ProcessPoolExecutor(workers, initializer=warm_up) if workers > 1 else _Inline() as pool:
        for done in pool.map(_process_job, todo):
            with Session.begin() as session:
                store.write(session, done, version)
            _count(summary, done)
            bar.set_postfix_str(done.doc_id[-40:], refresh=False)
            bar.update()
    bar.close()
    with Session.begin() as session:  # entities across documents, rebuilt from all facts
        store.resolve_if_changed(session, resolve)
    engine.dispose()
    summary.seconds = time.perf_counter() - started
    return summary


def _same(row: DocumentRow | None, sha: str, version: str) -> bool:
    """True when the store holds these bytes, processed by this pipeline version."""
    return row is not None and row.sha256 == sha and row.pipeline_version == version


def _skip(summary: Summary, doc: str, row: DocumentRow) -> None:
    """Count an unchanged document under its stored status; stored failures stay listed."""
    summary.status["skipped"] += 1
    summary.unchanged[row.status] += 1
    if row.status == "failed":
        summary.failures.append((doc, row.stage or "", f"{row.error} (unchanged since an earlier run)"))


def _count(summary: Summary, done: Processed) -> None:
    summary.status[done.status] += 1
    if done.status == "failed":
        summary.failures.append((done.doc_id, done.stage, done.error))
        log.error("%s: failed at %s: %s", done.doc_id, done.stage, done.error)
    for seg in done.segments:
        summary.blocks_by_lang[seg.lang] += 1
    for _, _, m in done.mentions:
        summary.facts_by_field[m.FIELD] += 1
    if done.document:
        summary.chars += len(done.document.text)


class _Inline:
    """A stand-in for a process pool that runs jobs in this process (one worker)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    @staticmethod
    def map(fn, jobs):
        return map(fn, jobs)


def stats(url: str) -> dict[str, list[tuple]]:
    """Documents by status and language, blocks by language, mentions by field."""
    engine, Session = store.open_store(url)
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
