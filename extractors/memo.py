"""Remembering a pure function's answers: for the last few texts it was given, or for the last
document.

Several extractors ask the same question of the same segment (the date, year and measure
extractors all want the dates it holds); the answer is computed once per segment. Others ask
a question of the whole document from each of its segments (its own date, its title's year);
that answer is computed once per document."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")
D = TypeVar("D")


def recent(func: Callable[..., list[T]]) -> Callable[..., list[T]]:
    """`func` (hashable arguments, a list of immutable items) with its last 32 answers kept;
    each caller gets its own list."""
    cached = lru_cache(maxsize=32)(lambda *args: tuple(func(*args)))
    return wraps(func)(lambda *args: list(cached(*args)))


def per_document(func: Callable[[D], T]) -> Callable[[D], T]:
    """`func` of a document object (a Context, a View) with its answer kept for the last object
    it was given, by identity: each segment of a document asks, the first computes. The object
    must not change in what `func` reads once the first segment asks."""
    slot: list = [None, None]

    @wraps(func)
    def remembered(doc: D) -> T:
        if slot[0] is not doc:
            slot[:] = [doc, func(doc)]
        return slot[1]

    return remembered
