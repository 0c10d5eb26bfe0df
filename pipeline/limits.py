"""Bounds that protect the machine from one document: file size, pages, time, block length.

A document over a limit is recorded as failed at stage "limits" with the limit in its error,
and the run goes on. The defaults fit a 24 GiB laptop running a few workers: real press
releases, plans and minutes are far below them.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from extractors.text import SENTENCE_END, chars
from schemas.records import Block

MAX_BLOCK_CHARS = 10_000  # longer blocks are cut at sentence ends before segmentation
MAX_SENTENCE_CHARS = 1_000  # ... and longer runs without a sentence end at a soft boundary
_SPACE = re.compile(r"\s")
_CLAUSE = re.compile(r"[、，,;；:：)）」』]")
_HIRAGANA = chars("ja", "hiragana")
_WORD_EDGE = re.compile(rf"[{_HIRAGANA}](?=[^{_HIRAGANA}])")  # hiragana, then kanji, katakana, ...


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document limits; 0 switches a limit off."""

    max_bytes: int = 200 * 2**20  # file size, and the unpacked size of a DOCX
    max_pages: int = 2000
    max_seconds: float = 600.0  # wall time of load + langid + segment + extract
    max_memory: int = 8 * 2**30  # address space of a worker process (RLIMIT_AS)
    ocr_dpi: int = 300  # resolution scanned pages are OCR'd at (time and memory grow with its square)

    def key(self) -> str:
        """The limits in one string: a document failed under other limits is tried again."""
        return f"b{self.max_bytes}p{self.max_pages}s{self.max_seconds:g}m{self.max_memory}o{self.ocr_dpi}"


class TimeLimitExceeded(BaseException):
    """Raised when a document runs past its time limit.

    A BaseException, like KeyboardInterrupt, so that the `except Exception` around each
    extractor (and inside libraries) does not swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in this thread after `seconds` (SIGALRM timer).

    Works in the main thread of the ingest process and of each pool worker; elsewhere (or
    with 0) there is no limit. A call stuck inside C code is interrupted when it returns."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum, _frame):
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def split_long_blocks(blocks: list[Block], text: str, max_chars: int = MAX_BLOCK_CHARS,
                      max_sentence: int = MAX_SENTENCE_CHARS) -> list[Block]:
    """Blocks no longer than `max_chars` and without a sentence longer than `max_sentence`,
    renumbered, with their offsets into `text` kept.

    A longer block is cut after its last sentence end (else whitespace) inside the limit; a run
    of text with no sentence end (a megabyte-long line with no 。) is cut at a soft boundary:
    whitespace, a comma, else where hiragana (a particle, an ending) meets the next word. So
    every block an extractor sees is bounded, and extraction time grows linearly with the
    document whatever its punctuation."""
    out: list[Block] = []
    for block in blocks:
        start = block.start
        while (cut := _next_cut(text, start, block.end, max_chars, max_sentence)) is not None:
            end = cut
            while end > start + 1 and text[end - 1].isspace():
                end -= 1
            out.append(replace(block, index=len(out), start=start, end=end))
            start = cut
            while start < block.end and text[start].isspace():
                start += 1
        if start < block.end:
            out.append(replace(block, index=len(out), start=start))
    return out


def _next_cut(text: str, start: int, end: int, max_chars: int, max_sentence: int) -> int | None:
    """Where the piece that starts at `start` ends; None when the rest of the block is one."""
    if end - start <= min(max_chars, max_sentence):
        return None
    window = min(end, start + max_chars)
    run_start = start
    for m in [*SENTENCE_END.finditer(text, start, window), None]:
        run_end = m.end() if m else window
        if run_end - run_start > max_sentence:  # a sentence too long to hand to the extractors
            return run_start if run_start > start else _soft_cut(text, start, start + max_sentence)
        run_start = run_end
    return None if window == end else _cut(text, start, window)


def _soft_cut(text: str, start: int, limit: int) -> int:
    """The last soft boundary in the second half of text[start:limit]; `limit` if none."""
    window = text[start:limit]
    for pattern in (_SPACE, _CLAUSE, _WORD_EDGE):
        ends = [m.end() for m in pattern.finditer(window) if m.end() > len(window) // 2]
        if ends:
            return start + ends[-1]
    return limit


def _cut(text: str, start: int, limit: int) -> int:
    """The end of the last sentence (else the last whitespace) in text[start:limit]; `limit`
    when there is neither. Never returns `start` itself, so every piece is non-empty."""
    window = text[start:limit]
    for pattern in (SENTENCE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(window) if m.end() > len(window) // 2]
        if ends:
            return start + ends[-1]
    return limit
