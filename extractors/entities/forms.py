"""The literal-form matcher shared by the gazetteer extractors (countries, organizations, places).

`fold` gives a same-length view of a text for matching (full-width ASCII to ASCII, the old and
new Vietnamese tone placements unified), so match offsets are offsets into the original text.
`Forms` finds literal forms longest-first; Latin forms stop at Latin-letter boundaries.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

LATIN = "A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff"
_LATIN = re.compile(f"[{LATIN}]")

# --- folding: a same-length view of the text for matching -----------------------------------

_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xD0: 0x110, 0x2019: 0x27}
_TONE_PAIR = re.compile(
    "(?<![qQ])([oOuU])([\u00c0-\u00c3\u00c8-\u00c9\u00d9-\u00dd\u00e0-\u00e3\u00e8-\u00e9\u00f9-\u00fd"
    f"\u1ea0-\u1ef9])(?![{LATIN}])"
)


def _tone_first(m: re.Match) -> str:
    """"hoà" → "hòa", "Uỷ" → "Ủy": the old and new Vietnamese tone placements fold together."""
    first, second = m.group(1), m.group(2)
    base, *marks = unicodedata.normalize("NFD", second)
    pairs = {"o": "ae", "u": "y"}
    if len(marks) != 1 or base.lower() not in pairs[first.lower()]:
        return m.group()
    return unicodedata.normalize("NFC", first + marks[0]) + base


def fold(text: str) -> str:
    """Full-width ASCII to ASCII, Vietnamese tone placement unified; same length as `text`."""
    return _TONE_PAIR.sub(_tone_first, text.translate(_WIDTH))


def _lower(text: str) -> str:
    """Lower case without changing the length (a few letters lower to two characters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def is_latin(char: str) -> bool:
    return bool(_LATIN.match(char))


# --- the literal-form matcher ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """One form found in a text: [start, end), the value it names (None for a block form)."""

    start: int
    end: int
    value: str | None
    form: str


class Forms:
    """Literal forms → values, found longest-first. Latin forms stop at Latin-letter boundaries."""

    def __init__(self, forms: Mapping[str, str | None], ignore_case: Callable[[str], bool]):
        self.index: dict[str, list[tuple[str, bool, str | None]]] = {}
        for form, value in forms.items():
            form = fold(form)
            ci = ignore_case(form)
            key = _lower(form[0])
            self.index.setdefault(key, []).append((_lower(form) if ci else form, ci, value))
        for cands in self.index.values():
            cands.sort(key=lambda c: -len(c[0]))
        # Per key, the candidates grouped by length (longest first) with the set of their texts:
        # a length none of whose forms is at a position is passed over with one set lookup.
        self.by_length = {key: _by_length(cands) for key, cands in self.index.items()}
        # Per key, the first two characters of its forms (None when a form is one character):
        # most positions hold none of them and are passed over before the length groups.
        self.pairs = {key: None if any(len(c[0]) < 2 for c in cands) else frozenset(c[0][:2] for c in cands)
                      for key, cands in self.index.items()}
        # Where a form may start: a key character, and for Latin keys only at a word start.
        latin = "".join(re.escape(k) for k in self.index if is_latin(k))
        other = "".join(re.escape(k) for k in self.index if not is_latin(k))
        starts = [f"(?<![{LATIN}])[{latin}]" if latin else "", f"[{other}]" if other else ""]
        self.starts = re.compile("|".join(p for p in starts if p) or "(?!)")

    def find(self, text: str, valid: Callable[[Hit], bool] = lambda h: True) -> list[Hit]:
        """Non-overlapping hits, longest first; `valid` may reject a hit (e.g. off token bounds)."""
        folded = fold(text).replace("\n", " ")  # a name wrapped over two lines is still one name
        lowered = _lower(folded)
        hits = []
        for start in self.starts.finditer(lowered):
            i = start.start()
            pairs = self.pairs[lowered[i]]
            if pairs is not None and lowered[i : i + 2] not in pairs and folded[i : i + 2] not in pairs:
                continue
            for form, ci, value in _candidates(self.by_length[lowered[i]], lowered, folded, i):
                end = i + len(form)
                if not (lowered if ci else folded).startswith(form, i):
                    continue
                if is_latin(form[-1]) and end < len(text) and is_latin(folded[end]):
                    continue
                hit = Hit(i, end, value, text[i:end])
                if valid(hit):
                    hits.append(hit)
                    break
        return [h for h in longest(hits) if h.value is not None]


Candidate = tuple[str, bool, "str | None"]


def _by_length(cands: list[Candidate]) -> list[tuple[int, frozenset[str], list[Candidate]]]:
    """`cands` (longest first) as (length, their texts, them in order) groups, longest first."""
    groups: dict[int, list[Candidate]] = {}
    for cand in cands:
        groups.setdefault(len(cand[0]), []).append(cand)
    return [(n, frozenset(c[0] for c in group), group) for n, group in groups.items()]


def _candidates(groups: list[tuple[int, frozenset[str], list[Candidate]]], lowered: str,
                folded: str, i: int) -> Iterator[Candidate]:
    """The candidates of `groups` that may start at `i`, in the index's order (longest first):
    only the groups whose texts hold the folded or lowered text of their length there."""
    for n, texts, group in groups:
        if lowered[i : i + n] in texts or folded[i : i + n] in texts:
            yield from group


class Spanned(Protocol):
    start: int
    end: int


S = TypeVar("S", bound=Spanned)


def longest(spans: Iterable[S]) -> list[S]:
    """Keep the longest of overlapping spans (the earlier one on a tie), in text order."""
    kept: list[S] = []
    # The kept spans' (start, end), sorted: they do not overlap, so their ends rise with their
    # starts, and a span overlaps one of them iff it overlaps the last that starts before its end.
    edges: list[tuple[int, int]] = []
    for h in sorted(spans, key=lambda h: (h.start - h.end, h.start)):
        before = bisect_left(edges, (h.end, -1))
        if before == 0 or edges[before - 1][1] <= h.start:
            insort(edges, (h.start, h.end))
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)
