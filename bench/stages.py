"""Per-stage time of an in-process ingest: load, langid, segment and extract (from each
document's `Processed.timings`), each extractor (its registry function wrapped with a timer),
the store write and the cross-document resolve step. The wrappers live only while
`timed_stages()` is open, and only in this process (so: `ingest(..., workers=0)`)."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import pipeline.ingest
import pipeline.isolate
from extractors.base import REGISTRY
from pipeline import store

# Functions timed as a whole: (module, attribute, stage name).
TIMED = ((store, "write", "store"), (pipeline.ingest, "resolve", "resolve"))


@contextmanager
def timed_stages() -> Iterator[Counter[str]]:
    """Seconds per stage, summed over the documents ingested while open.

    Keys: the `process()` stages (load, langid, segment, extract), `extract:<name>` per
    extractor (part of extract), `store` and `resolve`."""
    seconds: Counter[str] = Counter()
    process = pipeline.isolate.process

    def timed_process(*args, **kw):
        done = process(*args, **kw)
        seconds.update(done.timings)
        return done

    with ExitStack() as undo:
        undo.enter_context(_replaced(pipeline.isolate, "process", timed_process))
        for module, attr, stage in TIMED:
            if hasattr(module, attr):  # resolve is newer than the rest; older trees lack it
                undo.enter_context(_replaced(module, attr, _timer(getattr(module, attr), stage, seconds)))
        specs = dict(REGISTRY)
        undo.callback(REGISTRY.update, specs)
        for name, spec in specs.items():
            REGISTRY[name] = dataclasses.replace(
                spec, func=_timer(spec.func, f"extract:{name}", seconds, drain=True))
        yield seconds


def _timer(func: Callable, stage: str, seconds: Counter[str], drain: bool = False) -> Callable:
    """`func` adding its run time to seconds[stage]; `drain` runs a generator to its end inside
    the timer (an extractor's work happens while it is iterated)."""

    def timed(*args, **kw):
        t0 = time.perf_counter()
        out = func(*args, **kw)
        if drain:  # a per-segment extractor yields; a per-document one returns a mapping
            out = dict(out) if isinstance(out, dict) else list(out)
        seconds[stage] += time.perf_counter() - t0
        return out

    return timed


@contextmanager
def _replaced(module, attr: str, value) -> Iterator[None]:
    original = getattr(module, attr)
    setattr(module, attr, value)
    try:
        yield
    finally:
        setattr(module, attr, original)
