"""The extractor contract: what an extractor is given (a Segment and a Context) and the registry.
`Segment`, which every stage passes, is a record type: it lives in schemas/segment.py.

An extractor is a plain function `f(seg, ctx) -> Iterable[Mention]` registered with
`@extractor(...)`. Mention offsets it yields are relative to `seg.text`; the pipeline shifts
them to document offsets. Extractors run in registration order, so relation extractors
(agreements, events, counts' subjects) can read what entity extractors found in `ctx`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from schemas.records import DateMention, Mention, Table
from schemas.segment import Segment


@dataclass(slots=True, kw_only=True)
class Context:
    """What an extractor may know beyond its segment: the other segments and earlier finds."""

    segments: list[Segment] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    found: dict[int, list[Mention]] = field(default_factory=dict)  # segment index -> mentions
    index: int = 0  # index of the current segment in `segments`
    doc_lang: str = ""

    def here(self, kind: type[Mention] | None = None) -> list[Mention]:
        """Mentions already found in the current segment (of one type, if given)."""
        found = self.found.get(self.index, [])
        return [m for m in found if kind is None or isinstance(m, kind)]

    def near(self, kind: type[Mention], window: int = 1) -> list[tuple[int, Mention]]:
        """Mentions of `kind` in the segments within `window` of the current one, with distance."""
        out = []
        for i in range(max(0, self.index - window), min(len(self.segments), self.index + window + 1)):
            out += [(i - self.index, m) for m in self.found.get(i, []) if isinstance(m, kind)]
        return out

    def doc_dates(self) -> list[DateMention]:
        """Every date found so far in the document, in text order."""
        return [m for i in sorted(self.found) for m in self.found[i] if isinstance(m, DateMention)]


ExtractorFunc = Callable[[Segment, Context], Iterable[Mention]]
# A document extractor reads the whole document at once: segment index -> its mentions.
DocumentExtractorFunc = Callable[[Context], Mapping[int, Iterable[Mention]]]


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    name: str
    produces: type[Mention]
    langs: tuple[str, ...]
    func: ExtractorFunc | DocumentExtractorFunc
    per_document: bool = False  # func(ctx) once per document instead of func(seg, ctx) per segment


class RegistryError(ValueError):
    """An extractor was registered twice."""


REGISTRY: dict[str, ExtractorSpec] = {}


def extractor(name: str, produces: type[Mention], langs: tuple[str, ...] = ("ja", "vi", "en"),
              per_document: bool = False):
    """Register `func` under `name`; the registration order is the run order.

    With `per_document`, `func(ctx)` reads the whole document once (e.g. to merge the
    mentions of one agreement across sentences) and returns each segment's mentions."""

    def register(func):
        if name in REGISTRY:
            raise RegistryError(f"extractor {name!r} is registered twice")
        REGISTRY[name] = ExtractorSpec(name, produces, langs, func, per_document)
        return func

    return register
