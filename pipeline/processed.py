"""What processing one input file gives the store: a plain record, importable without loading
any segmenter or model (an unchanged re-run needs it, and nothing else of the pipeline)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.base import Segment
    from schemas.records import Document, Mention


@dataclasses.dataclass(slots=True)
class Processed:
    """Everything the store needs about one input file."""

    doc_id: str  # path relative to the ingested root, with "/" separators
    path: str
    sha256: str
    size: int
    status: str = "ok"  # ok | empty | failed
    stage: str = ""  # where it failed
    error: str = ""
    lang: str = ""
    document: Document | None = None
    segments: list[Segment] = dataclasses.field(default_factory=list)
    words: list[list[str]] = dataclasses.field(default_factory=list)  # per segment
    mentions: list[tuple[Segment, str, Mention]] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)
    timings: dict[str, float] = dataclasses.field(default_factory=dict)
