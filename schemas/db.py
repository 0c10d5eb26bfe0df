"""The relational store (SQLAlchemy 2.0 typed models): documents, their layout, mentions, facts.

Every row that comes from a document hangs off `documents` with ON DELETE CASCADE, so
re-ingesting a changed file replaces its rows with one DELETE. Table and column names are
meant to be typed by hand in sqlite3 or Datasette.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

SCHEMA_VERSION = 1
IN_CHUNK = 500  # values bound to one IN (...): well below SQLite's limit of host parameters


def in_chunks(values: Sequence) -> Iterator[Sequence]:
    """`values` in slices of IN_CHUNK, for queries that bind them to IN (...)."""
    for i in range(0, len(values), IN_CHUNK):
        yield values[i : i + IN_CHUNK]


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def _now() -> datetime:
    return datetime.now(UTC)


class DocumentRow(Base):
    """One input file and what became of it (status ok | empty | failed | duplicate)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc: Mapped[str] = mapped_column(String, unique=True, comment="path relative to the ingested folder")
    path: Mapped[str] = mapped_column(String)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str | None] = mapped_column(String)
    encoding: Mapped[str | None] = mapped_column(String)
    lang: Mapped[str | None] = mapped_column(String(2))
    title: Mapped[str | None] = mapped_column(String)
    n_pages: Mapped[int | None] = mapped_column(Integer)
    n_chars: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String, index=True)
    stage: Mapped[str | None] = mapped_column(String, comment="the stage that failed")
    error: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(String)
    published: Mapped[str | None] = mapped_column(String, comment="ISO date, if known")
    published_from: Mapped[str | None] = mapped_column(
        String, comment="what states `published`: label | dateline | meta (null: nothing does)")
    pipeline_version: Mapped[str] = mapped_column(String)
    seconds: Mapped[float | None] = mapped_column(Float)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    text: Mapped[str | None] = mapped_column(Text)

    blocks: Mapped[list[BlockRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class _OfDocument:
    """Columns of every row that belongs to one document."""

    @declared_attr
    def document_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class BlockRow(_OfDocument, Base):
    """A paragraph, heading, list item or table row, with its language and words."""

    __tablename__ = "blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    idx: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)
    lang: Mapped[str] = mapped_column(String(2))
    page: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    tokens: Mapped[str] = mapped_column(Text, comment="words separated by spaces (FTS5 input)")
    ocr_conf: Mapped[float | None] = mapped_column(Float, comment="mean OCR confidence 0-100; null: not a scan")
    ocr_low: Mapped[bool | None] = mapped_column(Boolean, comment="OCR confidence under 60: check the page")
    ocr_boxes: Mapped[list | None] = mapped_column(JSON(none_as_null=True), comment="[x, y, w, h, conf] per word, PDF points from top-left")


class TableRow(_OfDocument, Base):
    """A table as the loader saw it (its cells are in table_cells)."""

    __tablename__ = "doc_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    idx: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    n_rows: Mapped[int] = mapped_column(Integer)
    n_cols: Mapped[int] = mapped_column(Integer)
    header_rows: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String)


class TableCellRow(_OfDocument, Base):
    __tablename__ = "table_cells"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("doc_tables.id", ondelete="CASCADE"), index=True)
    row: Mapped[int] = mapped_column(Integer)
    col: Mapped[int] = mapped_column(Integer)
    header: Mapped[bool] = mapped_column(Boolean)
    header_path: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String, comment="repaired / ambiguous")


class MentionRow(_OfDocument, Base):
    """Where a fact was found: offsets, page, language, extractor and rule, and its values."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    field: Mapped[str] = mapped_column(String, index=True, comment="countries, dates, ...")
    block_idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(2))
    surface: Mapped[str] = mapped_column(Text)
    extractor: Mapped[str] = mapped_column(String)
    rule: Mapped[str | None] = mapped_column(String)
    norm: Mapped[dict] = mapped_column(JSON, comment="the normalized fields")
    ocr_conf: Mapped[float | None] = mapped_column(Float, comment="mean OCR confidence 0-100; null: not a scan")
    ocr_boxes: Mapped[list | None] = mapped_column(JSON(none_as_null=True), comment="[x, y, w, h, conf] per word, PDF points from top-left")


class _Fact(_OfDocument):
    """Columns of every fact table: its document and its evidence mention."""

    @declared_attr
    def mention_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), index=True)

    id: Mapped[int] = mapped_column(primary_key=True)
    surface: Mapped[str] = mapped_column(Text)


class FactCountry(_Fact, Base):
    __tablename__ = "fact_countries"
    iso3: Mapped[str] = mapped_column(String(3), ForeignKey("entities.id"), index=True)


class FactDate(_Fact, Base):
    __tablename__ = "fact_dates"
    value: Mapped[str] = mapped_column(String, index=True)
    precision: Mapped[str] = mapped_column(String)


class FactCount(_Fact, Base):
    __tablename__ = "fact_counts"
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String)
    subject: Mapped[str | None] = mapped_column(String, ForeignKey("entities.id"), index=True)
    what: Mapped[str | None] = mapped_column(String)
    qualifier: Mapped[str | None] = mapped_column(String)
    measure: Mapped[str | None] = mapped_column(String, index=True, comment="data/measures.tsv id")
    period: Mapped[str | None] = mapped_column(String, comment="2025-04/2026-03 (FY2025), 2023, … round 2")
    as_of: Mapped[str | None] = mapped_column(String, comment="the date the text states it for")


class FactMoney(_Fact, Base):
    __tablename__ = "fact_money"
    value: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3))
    approx: Mapped[bool] = mapped_column(Boolean)


class FactOrganization(_Fact, Base):
    __tablename__ = "fact_organizations"
    org_id: Mapped[str | None] = mapped_column(String, ForeignKey("entities.id"), index=True)


class FactAgreement(_Fact, Base):
    __tablename__ = "fact_agreements"
    kind: Mapped[str] = mapped_column(String)
    parties: Mapped[str] = mapped_column(String, comment="sorted ids joined by ';'")
    date: Mapped[str | None] = mapped_column(String)
    place: Mapped[str | None] = mapped_column(String)


class FactAgreementParty(Base):
    __tablename__ = "fact_agreement_parties"
    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("fact_agreements.id", ondelete="CASCADE"), index=True)
    party: Mapped[str] = mapped_column(String, ForeignKey("entities.id"), index=True)


class FactEvent(_Fact, Base):
    __tablename__ = "fact_events"
    kind: Mapped[str] = mapped_column(String)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String)
    place: Mapped[str | None] = mapped_column(String)
    parties: Mapped[str | None] = mapped_column(String, comment="sorted ids joined by ';'")


class MetaRow(Base):
    """Bookkeeping of the store itself (e.g. which state of `documents` was last resolved)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(String)


class EntityRow(Base):
    """Canonical countries (ISO3) and organizations (FORMAT.md ids) with names in ja/vi/en."""

    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String, comment="country | organization")
    name_en: Mapped[str | None] = mapped_column(String)
    name_ja: Mapped[str | None] = mapped_column(String)
    name_vi: Mapped[str | None] = mapped_column(String)


FACT_TABLES: dict[str, type[_Fact]] = {
    "countries": FactCountry,
    "dates": FactDate,
    "counts": FactCount,
    "money": FactMoney,
    "organizations": FactOrganization,
    "agreements": FactAgreement,
    "events": FactEvent,
}

Index("ix_mentions_doc_start", MentionRow.document_id, MentionRow.start)


# --- resolved entities (rebuilt from the fact tables by pipeline/resolve.py on every ingest) --


class AgreementEntity(Base):
    """One real agreement, however many documents and languages name it."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True, comment="readable id: kind parties date")
    kind: Mapped[str] = mapped_column(String, index=True)
    parties: Mapped[str] = mapped_column(String, comment="sorted ids joined by ';'")
    date: Mapped[str | None] = mapped_column(String, comment="the best-supported date")
    place: Mapped[str | None] = mapped_column(String)
    n_sources: Mapped[int] = mapped_column(Integer)
    n_documents: Mapped[int] = mapped_column(Integer)


class _Party:
    """Columns of a party of a resolved agreement or event."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)

    @declared_attr
    def party(cls) -> Mapped[str]:
        return mapped_column(String, ForeignKey("entities.id"), index=True)

    nation: Mapped[str | None] = mapped_column(String, index=True, comment="the country it stands for")


class _Source(_OfDocument):
    """Columns of a source of a resolved agreement or event: the values that source gives."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    date: Mapped[str | None] = mapped_column(String)
    place: Mapped[str | None] = mapped_column(String)
    as_of: Mapped[str | None] = mapped_column(String, comment="the source document's publication date")


class AgreementParty(_Party, Base):
    __tablename__ = "agreement_parties"

    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)


class AgreementSource(_Source, Base):
    """One fact that names an agreement, with the values that source gives and its as-of date."""

    __tablename__ = "agreement_sources"

    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("fact_agreements.id", ondelete="CASCADE"), index=True)
    parties: Mapped[str] = mapped_column(String)


class EventEntity(Base):
    """One real meeting or other happening, however many documents and languages name it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True, comment="readable id: kind ordinal date")
    kind: Mapped[str] = mapped_column(String, index=True)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String)
    place: Mapped[str | None] = mapped_column(String)
    parties: Mapped[str | None] = mapped_column(String, comment="sorted ids joined by ';'")
    parties_from: Mapped[str | None] = mapped_column(String, comment="extracted | sentence")
    n_sources: Mapped[int] = mapped_column(Integer)
    n_documents: Mapped[int] = mapped_column(Integer)


class EventParty(_Party, Base):
    __tablename__ = "event_parties"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)


class EventSource(_Source, Base):
    """One fact that names an event, with the values that source gives and its as-of date."""

    __tablename__ = "event_sources"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("fact_events.id", ondelete="CASCADE"), index=True)
    parties: Mapped[str | None] = mapped_column(String)


class ConflictValue(Base):
    """One value of a disagreement: sources that name the same thing with different values."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    conflict: Mapped[int] = mapped_column(Integer, index=True, comment="rows of one disagreement share it")
    topic: Mapped[str] = mapped_column(String, comment="agreement | event | count")
    subject: Mapped[str] = mapped_column(String, comment="agreement/event key, or unit subject what")
    attribute: Mapped[str] = mapped_column(String, comment="date | place | value")
    value: Mapped[str] = mapped_column(String)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"))
    as_of: Mapped[str | None] = mapped_column(String)


RESOLVED_TABLES = (ConflictValue, EventSource, EventParty, EventEntity, AgreementSource,
                   AgreementParty, AgreementEntity)
