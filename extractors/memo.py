"""Remembering a pure text function's answers for the last few texts it was given.

Several extractors ask the same question of the same segment (the date, year and measure
extractors all want the dates it holds); the answer is computed once per segment."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


def recent(func: Callable[..., list[T]]) -> Callable[..., list[T]]:
    """`func` (hashable arguments, a list of immutable items) with its last 32 answers kept;
    each caller gets its own list."""
    cached = lru_cache(maxsize=32)(lambda *args: tuple(func(*args)))
    return wraps(func)(lambda *args: list(cached(*args)))
