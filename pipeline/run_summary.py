"""What an ingest run reports and stamps, shared by every executor (this machine's worker pool,
a Dask cluster): the run's summary, one document's tally, and the version stored with a document."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter

from pipeline.limits import Limits
from pipeline.processed import Processed
from schemas.db import DocumentRow

log = logging.getLogger("pipeline.ingest")


@dataclasses.dataclass
class Summary:
    """What one ingest run did."""

    status: Counter[str] = dataclasses.field(default_factory=Counter)
    blocks_by_lang: Counter[str] = dataclasses.field(default_factory=Counter)
    facts_by_field: Counter[str] = dataclasses.field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    unchanged: Counter[str] = dataclasses.field(default_factory=Counter)  # skipped, by stored status
    gone: list[str] = dataclasses.field(default_factory=list)  # stored, but their files are gone
    pruned: list[str] = dataclasses.field(default_factory=list)  # ... and removed (--prune)
    chars: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        """Documents that are failed in the store after this run (new or unchanged)."""
        return self.status["failed"] + self.unchanged["failed"]


@dataclasses.dataclass
class Tally:
    """What one processed document adds to the summary: small, so a Dask worker sends it back
    instead of the whole document."""

    doc_id: str
    status: str
    stage: str = ""
    error: str = ""
    blocks_by_lang: Counter[str] = dataclasses.field(default_factory=Counter)
    facts_by_field: Counter[str] = dataclasses.field(default_factory=Counter)
    chars: int = 0

    @classmethod
    def of(cls, done: Processed) -> Tally:
        return cls(done.doc_id, done.status, done.stage, done.error,
                   Counter(seg.lang for seg in done.segments),
                   Counter(m.FIELD for _, _, m in done.mentions),
                   len(done.document.text) if done.document else 0)


def count(summary: Summary, done: Processed | Tally) -> None:
    """Add one document's outcome to the run's summary (failures are logged as they come)."""
    t = done if isinstance(done, Tally) else Tally.of(done)
    summary.status[t.status] += 1
    if t.status == "failed":
        summary.failures.append((t.doc_id, t.stage, t.error))
        log.error("%s: failed at %s: %s", t.doc_id, t.stage, t.error)
    summary.blocks_by_lang.update(t.blocks_by_lang)
    summary.facts_by_field.update(t.facts_by_field)
    summary.chars += t.chars


@dataclasses.dataclass(frozen=True)
class Stamps:
    """The pipeline version stored with each document. A failed one also records the limits it
    failed under, so raising a limit (or changing the code) gives it another try."""

    version: str
    limits: Limits

    def of(self, done: Processed | None) -> str:
        failed = done is not None and done.status == "failed"
        return f"{self.version}+{self.limits.key()}" if failed else self.version

    def same(self, row: DocumentRow | None, sha: str) -> bool:
        """True when the store holds these bytes, processed by this version (and limits)."""
        if row is None or row.sha256 != sha:
            return False
        failed = row.status == "failed"
        return row.pipeline_version == (f"{self.version}+{self.limits.key()}" if failed else self.version)
