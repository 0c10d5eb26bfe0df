"""The unit every stage passes: a block of text in one language with its token boundaries, made by
the segmenter (pipeline/segment.py), read by every extractor, mapped back to document offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A block of text in one language, with the token boundaries its segmenter found."""

    text: str
    lang: str
    offset: int = 0  # where `text` starts in the document text
    block: int = 0
    page: int | None = None
    kind: str = "paragraph"
    bounds: frozenset[int] = frozenset()  # token start/end offsets in `text`; empty = any
    # When `text` is the block unwrapped (a wrapped Japanese word joined, a PDF page's line
    # breaks made spaces), `raw` is the block as it stands in the document and `index_map[i]` is
    # where text[i] stands in it (empty when nothing was taken out: the two align one to one).
    raw: str = ""
    index_map: tuple[int, ...] = ()

    @property
    def source(self) -> str:
        """The block's text as it stands in the document."""
        return self.raw or self.text

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in `text` → offsets in the document's block text (`source`)."""
        if not self.index_map:
            return start, end
        return self.index_map[start], self.index_map[end - 1] + 1 if end > start else self.index_map[start]

    def aligned(self, start: int, end: int) -> bool:
        """True when [start, end) starts and ends on token boundaries (or none are known)."""
        if not self.bounds:
            return True
        return start in self.bounds and end in self.bounds
