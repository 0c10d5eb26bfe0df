"""Plain records shared by every stage: documents, blocks, tables and typed fact mentions.

Offsets are `[start, end)` character offsets into one normalized (NFC) text. A document's
blocks and table cells point into `Document.text`; a mention points into the text of the
segment it was found in until the pipeline shifts it to document offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import ClassVar, Literal

Lang = Literal["ja", "vi", "en"]
LANGS: tuple[Lang, ...] = ("ja", "vi", "en")

BlockKind = Literal["paragraph", "heading", "list_item", "table_row", "table_cell"]
Precision = Literal["day", "month", "year"]
CountUnit = Literal[
    "project", "country", "credit_issuance", "meeting", "participant", "document", "other"
]
AgreementKind = Literal[
    "bilateral_document", "moc", "mou", "joint_plan", "joint_statement", "aide_memoire",
    "legal_act", "other",
]
JCM_HOME = "JPN"  # FORMAT.md: a bilateral_document (the JCM's founding document) binds Japan and one partner
EventKind = Literal[
    "policy_dialogue", "joint_committee", "working_group", "partnership_meeting", "forum",
    "conference", "visit", "ceremony", "seminar", "other",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A paragraph, heading, list item or table row of a document, with its language."""

    index: int
    start: int
    end: int
    kind: BlockKind = "paragraph"
    page: int | None = None
    lang: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """One table cell: its text span in the document and whether it is a header cell."""

    row: int
    col: int
    start: int
    end: int
    text: str
    header: bool = False
    note: str = ""  # e.g. "repaired: shifted from col 3", "ambiguous"


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A table kept as rows x columns. `header_rows` rows at the top are headers."""

    index: int
    page: int | None
    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    header_rows: int = 1
    caption: str = ""
    source: str = ""  # "pdf-ruled", "pdf-text", "html", "text-pipe"

    def row(self, r: int) -> list[Cell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)

    def header_of(self, col: int) -> str:
        """Header path of a column: the header cells above it joined with " / "."""
        parts = [c.text for c in self.cells if c.header and c.col == col and c.text.strip()]
        return " / ".join(dict.fromkeys(parts))


@dataclass(frozen=True, slots=True, kw_only=True)
class OcrBox:
    """A word read by OCR: its span in the text, its page, its box (x, y, w, h in PDF points
    from the page's top-left corner) and Tesseract's confidence (0-100)."""

    start: int
    end: int
    page: int
    box: tuple[float, float, float, float]
    conf: float


@dataclass(slots=True, kw_only=True)
class Document:
    """One loaded file: normalized text plus its layout (pages, blocks, tables)."""

    path: str
    media_type: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)  # [start, end) per page
    title: str = ""
    published: str = ""  # ISO date a meta tag or the PDF's metadata gives, if any
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    ocr: list[OcrBox] = field(default_factory=list)  # words of scanned pages, in text order

    def ocr_in(self, start: int, end: int) -> list[OcrBox]:
        """The OCR words that overlap [start, end) (none for text that was not scanned)."""
        if not self.ocr:
            return []
        first = bisect.bisect_right(self.ocr, start, key=lambda w: w.end)
        out = []
        for word in self.ocr[first:]:
            if word.start >= end:
                break
            out.append(word)
        return out

    def page_at(self, offset: int) -> int | None:
        for number, (start, end) in enumerate(self.pages, 1):
            if start <= offset < end:
                return number
        return None


# --- fact mentions -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """Where a fact was found. `rule` names the pattern or table rule that produced it."""

    FIELD: ClassVar[str] = ""
    start: int
    end: int
    surface: str
    rule: str = ""

    def key(self) -> tuple:
        """The scoring key of FORMAT.md for this kind of fact."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class CountryMention(Mention):
    FIELD: ClassVar[str] = "countries"
    iso3: str

    def key(self) -> tuple:
        return (self.iso3,)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention(Mention):
    FIELD: ClassVar[str] = "dates"
    value: str  # ISO 8601 cut to precision; "--MM-DD" for a day without year
    precision: Precision

    def key(self) -> tuple:
        return (self.value,)


@dataclass(frozen=True, slots=True, kw_only=True)
class CountMention(Mention):
    FIELD: ClassVar[str] = "counts"
    value: int | float
    unit: CountUnit
    subject: str | None = None
    what: str | None = None
    qualifier: str | None = None  # "approx", "more_than", "up_to", "at_least", ...
    measure: str | None = None  # one of data/measures.tsv (registered_projects, ...)
    period: str | None = None  # a per-period figure's period: 2025-04/2026-03 (FY2025), 2023, "… round 2"
    as_of: str | None = None  # the date the text or table states the figure for (…時点, as of …)

    def key(self) -> tuple:
        return (self.value, self.unit, self.subject)


@dataclass(frozen=True, slots=True, kw_only=True)
class MoneyMention(Mention):
    FIELD: ClassVar[str] = "money"
    value: int | float
    currency: str
    approx: bool = False

    def key(self) -> tuple:
        return (self.value, self.currency)


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgMention(Mention):
    FIELD: ClassVar[str] = "organizations"
    id: str | None = None

    def key(self) -> tuple:
        return (self.id,) if self.id else (None, self.surface)


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementMention(Mention):
    FIELD: ClassVar[str] = "agreements"
    kind: AgreementKind
    parties: tuple[str, ...] = ()
    date: str | None = None
    place: str | None = None

    def key(self) -> tuple:
        return (self.kind, tuple(sorted(self.parties)), self.date)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention(Mention):
    FIELD: ClassVar[str] = "events"
    kind: EventKind
    ordinal: int | None = None
    date: str | None = None
    place: str | None = None
    parties: tuple[str, ...] = ()

    def key(self) -> tuple:
        return (self.kind, self.ordinal, self.date)


MENTION_TYPES: tuple[type[Mention], ...] = (
    CountryMention, DateMention, CountMention, MoneyMention, OrgMention, AgreementMention,
    EventMention,
)
FIELDS: tuple[str, ...] = tuple(t.FIELD for t in MENTION_TYPES)
