"""A small store with hand-chosen facts, written by the real store writer and resolved.

The texts are this project's own sentences; the facts are given (not extracted) so the tests
of resolution, views, search, graph and pictures do not move when an extractor changes.
Blocks are cut by the real segmenters, so the FTS index holds real ja/vi words.
"""

from __future__ import annotations

from typing import Any

from pipeline import store
from pipeline.entities import entity_rows
from pipeline.process import Processed
from pipeline.resolve import resolve
from pipeline.segment import segment_block
from schemas.records import (
    AgreementMention,
    Block,
    CountMention,
    CountryMention,
    DateMention,
    Document,
    EventMention,
    Mention,
    OrgMention,
)

Fact = tuple[type[Mention], str, dict[str, Any]]  # type, surface, fields

DOCS: list[tuple[str, str, list[tuple[str, list[Fact]]]]] = [
    ("ja/press.txt", "ja", [
        ("報道発表 令和7年11月10日 環境省", [(DateMention, "令和7年11月10日", dict(value="2025-11-10", precision="day")),
                                    (OrgMention, "環境省", dict(id="MOEJ"))]),
        ("日本とベトナムは2013年7月に二国間文書に署名した。", [
            (CountryMention, "日本", dict(iso3="JPN")), (CountryMention, "ベトナム", dict(iso3="VNM")),
            (DateMention, "2013年7月", dict(value="2013-07", precision="month")),
            (AgreementMention, "二国間文書", dict(kind="bilateral_document", parties=("JPN", "VNM"),
                                             date="2013-07"))]),
        ("JCMのパートナー国は31か国となった。", [
            (CountMention, "31か国", dict(value=31, unit="country", what="countries",
                                          measure="partner_countries"))]),
        ("第9回日本・ベトナム環境政策対話が東京で開催され、環境省と農業環境省が協力覚書に署名した。", [
            (CountryMention, "日本", dict(iso3="JPN")), (CountryMention, "ベトナム", dict(iso3="VNM")),
            (EventMention, "第9回日本・ベトナム環境政策対話", dict(kind="policy_dialogue", ordinal=9,
                                                      place="Tokyo")),
            (AgreementMention, "協力覚書", dict(kind="moc", parties=("MAE_VN", "MOEJ"),
                                            date="2026-01-22", place="Tokyo"))]),
        ("環境省は2013年12月と2024年に天然資源環境省と協力覚書を結んでいる。", [
            (AgreementMention, "協力覚書", dict(kind="moc", parties=("MOEJ", "MONRE"), date="2013-12")),
            (AgreementMention, "協力覚書", dict(kind="moc", parties=("MOEJ", "MONRE"), date="2024"))]),
    ]),
    ("vi/tin.txt", "vi", [
        ("Ngày đăng: 20/11/2025", [(DateMention, "20/11/2025", dict(value="2025-11-20", precision="day"))]),
        ("Việt Nam và Nhật Bản ký văn kiện hợp tác song phương về JCM năm 2013.", [
            (CountryMention, "Việt Nam", dict(iso3="VNM")), (CountryMention, "Nhật Bản", dict(iso3="JPN")),
            (AgreementMention, "văn kiện hợp tác song phương", dict(kind="bilateral_document",
                                                                    parties=("JPN", "VNM"), date="2013"))]),
        ("Đối thoại chính sách môi trường Việt Nam – Nhật Bản lần thứ 9 diễn ra ngày 22/1/2026 tại Tokyo.", [
            (CountryMention, "Việt Nam", dict(iso3="VNM")), (CountryMention, "Nhật Bản", dict(iso3="JPN")),
            (EventMention, "Đối thoại chính sách môi trường Việt Nam – Nhật Bản lần thứ 9",
             dict(kind="policy_dialogue", ordinal=9, date="2026-01-22", place="Tokyo"))]),
    ]),
    ("en/table.txt", "en", [
        ("Published: 15 July 2025.", [(DateMention, "15 July 2025", dict(value="2025-07-15", precision="day"))]),
        ("Viet Nam | Aug 2013", [
            (CountryMention, "Viet Nam", dict(iso3="VNM")),
            (AgreementMention, "Viet Nam | Aug 2013", dict(kind="bilateral_document", parties=("JPN", "VNM"),
                                                           date="2013-08"))]),
        ("Thailand | Nov 2015", [
            (CountryMention, "Thailand", dict(iso3="THA")),
            (AgreementMention, "Thailand | Nov 2015", dict(kind="bilateral_document", parties=("JPN", "THA"),
                                                           date="2015-11"))]),
    ]),
    ("en/news.txt", "en", [
        ("Posted on 18 November 2025", [(DateMention, "18 November 2025", dict(value="2025-11-18",
                                                                             precision="day"))]),
        ("As of 10 November 2025, the number of JCM partner countries had reached 30.", [
            (CountMention, "30", dict(value=30, unit="country", what="partner countries",
                                      measure="partner_countries", as_of="2025-11-10"))]),
        ("Japan and Viet Nam signed a Memorandum of Cooperation in Tokyo on 22 January 2026.", [
            (CountryMention, "Japan", dict(iso3="JPN")), (CountryMention, "Viet Nam", dict(iso3="VNM")),
            (AgreementMention, "Memorandum of Cooperation", dict(kind="moc", parties=("JPN", "VNM"),
                                                                 date="2026-01-22", place="Tokyo"))]),
    ]),
]


def processed(doc_id: str, lang: str, paragraphs: list[tuple[str, list[Fact]]]) -> Processed:
    """A processed document: one segment per paragraph, facts placed at their surfaces."""
    text, blocks = "", []
    out = Processed(doc_id=doc_id, path=doc_id, sha256=doc_id.ljust(64, "0")[:64], size=0, lang=lang)
    for index, (para, facts) in enumerate(paragraphs):
        start = len(text)
        text += para + "\n"
        seg, words = segment_block(para, lang, offset=start, block=index)
        out.segments.append(seg)
        out.words.append(words)
        for kind, surface, fields in facts:
            at = start + para.index(surface)
            out.mentions.append((seg, "test", kind(start=at, end=at + len(surface), surface=surface,
                                                   **fields)))
        blocks.append((index, start, start + len(para)))
    out.document = Document(path=doc_id, media_type="text/plain", text=text,
                            blocks=[Block(index=i, start=s, end=e, lang=lang) for i, s, e in blocks])
    return out


def build_store(url: str) -> None:
    """Write DOCS into the store at `url` and resolve them."""
    _, Session = store.open_store(url)
    with Session.begin() as session:
        store.seed_entities(session, entity_rows())
        for doc_id, lang, paragraphs in DOCS:
            store.write(session, processed(doc_id, lang, paragraphs), "test")
    with Session.begin() as session:
        resolve(session)
