"""The pure per-document function: file → loaded, language-tagged, segmented, extracted.

Nothing here touches the database, so the same function runs in a process pool, under
Dask/Ray, or in a test. Failures become a status and a one-line error, never an exception.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections.abc import Callable
from pathlib import Path

from pipeline import extract
from pipeline.langid import block_lang, main_lang
from pipeline.limits import Limits, TimeLimitExceeded, split_long_blocks, time_limit
from pipeline.readfile import shown
from pipeline.load import EmptyDocument, LoadError, load, read_input
from pipeline.processed import Processed
from pipeline.segment import segment_block

log = logging.getLogger(__name__)

STAGES = ("load", "langid", "segment", "extract")


def process(path: Path, doc_id: str, sha256: str = "", size: int = 0,
            limits: Limits = Limits(), on_stage: Callable[[str], None] | None = None) -> Processed:
    """Load, tag languages, segment and extract one file within `limits`. Never raises for
    bad input: a failure is a status, the stage it happened in and a one-line error.

    The file is read once; `sha256` and `size` are those of the bytes actually processed (the
    values given, from an earlier look at the file, stand only if it cannot be read).
    `on_stage(name)` is called as each stage starts (an isolating parent watches it)."""
    out = Processed(doc_id=doc_id, path=shown(str(path)), sha256=sha256, size=size)
    stages = _Stages(on_stage)
    stages.append("load")
    try:
        with time_limit(limits.max_seconds):
            _steps(out, path, limits, stages)
    except TimeLimitExceeded:
        _fail(out, "failed", "limits", f"stopped after {limits.max_seconds:g} s in {stages[-1]} "
              "(the time limit per document)")
    except EmptyDocument as exc:
        _fail(out, "empty", exc.stage, str(exc))
    except LoadError as exc:
        _fail(out, "failed", exc.stage, str(exc))
    except MemoryError:  # over the worker's memory limit (RLIMIT_AS): this document only
        _fail(out, "failed", stages[-1], "out of memory (the memory limit per worker process)")
    except Exception as exc:  # a bug or a pathological input: record it, keep the run going
        log.exception("%s failed at %s", doc_id, stages[-1])
        _fail(out, "failed", stages[-1], f"{type(exc).__name__}: {exc}")
    return out


class _Stages(list):
    """The stages entered so far; `[-1]` names the running one. Tells `on_stage` of each."""

    def __init__(self, on_stage: Callable[[str], None] | None):
        super().__init__()
        self.on_stage = on_stage

    def append(self, stage: str) -> None:
        super().append(stage)
        if self.on_stage is not None:
            self.on_stage(stage)


def warm_up() -> None:
    """Load the language-id model, the three segmenters and the extractors' data once, before
    any document's time limit runs: no document should pay (or fail) for start-up time."""
    samples = [("日本は2021年に署名した。", "ja"), ("Việt Nam đã ký năm 2021.", "vi"),
               ("Japan signed in 2021.", "en")]
    segments = [segment_block(text, lang, offset=0, block=i)[0]
                for i, (text, lang) in enumerate(samples)]
    block_lang("Japan signed.")  # unaccented Latin asks the langid model
    extract.run(segments)


def _fail(out: Processed, status: str, stage: str, error: str) -> None:
    """Mark `out` as not stored beyond its documents row; the error is cut to one line."""
    line = error.strip().splitlines()[0] if error.strip() else "unknown error"
    out.status, out.stage, out.error = status, stage, line[:300]
    out.document, out.segments, out.words, out.mentions = None, [], [], []


def _steps(out: Processed, path: Path, limits: Limits, stages: list[str]) -> None:
    """The stages in order; `stages[-1]` names the one running (for the error message)."""
    t0 = time.perf_counter()
    max_bytes = limits.max_bytes or 2**62
    data = read_input(path, max_bytes)
    out.sha256, out.size = hashlib.sha256(data).hexdigest(), len(data)
    doc = load(path, max_pages=limits.max_pages or 2**31, max_bytes=max_bytes, data=data,
               ocr_dpi=limits.ocr_dpi)
    doc.blocks = split_long_blocks(doc.blocks, doc.text)
    out.timings["load"] = time.perf_counter() - t0

    stages.append("langid")
    t0 = time.perf_counter()
    # A block without letters (a date line, a row of numbers) is read in the document's language.
    langs = [block_lang(doc.text[b.start : b.end], default="") for b in doc.blocks]
    out.lang = main_lang([(lang, b.end - b.start) for lang, b in zip(langs, doc.blocks) if lang])
    doc.blocks = [dataclasses.replace(b, lang=lang or out.lang) for lang, b in zip(langs, doc.blocks)]
    out.timings["langid"] = time.perf_counter() - t0

    stages.append("segment")
    t0 = time.perf_counter()
    for b in doc.blocks:
        seg, words = segment_block(
            doc.text[b.start : b.end], b.lang, offset=b.start, block=b.index, page=b.page,
            kind=b.kind,
        )
        out.segments.append(seg)
        out.words.append(words)
    out.timings["segment"] = time.perf_counter() - t0

    stages.append("extract")
    t0 = time.perf_counter()
    result = extract.run(out.segments, doc.tables, out.lang)
    out.mentions = result.mentions
    out.warnings += result.errors + doc.warnings
    out.timings["extract"] = time.perf_counter() - t0
    out.document = doc
