"""Counts: numeral + counter or counted noun, unit, qualifier and subject; ordinals are not counts."""

from __future__ import annotations

import pytest

from extractors.counts import parse_count
from pipeline.extract import extract_text
from schemas.records import CountMention


def counts(text: str, lang: str) -> list[tuple]:
    return [
        (m.value, m.unit, m.qualifier)
        for m in extract_text(text, lang) if isinstance(m, CountMention)
    ]


# fmt: off
CASES = [
    ("ja", "これまでに25か国と署名し、うち12カ国で事業を行う。", [(25, "country", None), (12, "country", None)]),
    ("ja", "今年度は36件を採択した。", [(36, "project", None)]),
    ("ja", "会合には約150名が参加し、会合は計4回開かれた。", [(150, "participant", "approx"), (4, "meeting", None)]),
    ("ja", "協定書は英語の正本3通を作成した。", [(3, "document", None)]),
    ("ja", "15機関が参加し、2カ所に設備を導入した。", [(15, "other", None), (2, "other", None)]),
    ("ja", "5件の方法論承認と2件のプロジェクト登録が行われた。", [(5, "other", None), (2, "project", None)]),
    ("ja", "3事業からのクレジット発行を決定した。", [(3, "credit_issuance", None)]),
    ("ja", "2つの省令を定める。", [(2, "document", None)]),
    ("ja", "パートナー国は二十か国以上となった。", [(20, "country", "at_least")]),
    ("vi", "Ủy ban đã phê duyệt 6 dự án và 3 gói tín dụng.", [(6, "project", None), (3, "credit_issuance", None)]),
    ("vi", "Hơn 200 đại biểu từ 12 quốc gia tham dự.", [(200, "participant", "more_than"), (12, "country", None)]),
    ("en", "Officials from 25 partner countries and 40 organizations attended.", [(25, "country", None), (40, "other", None)]),
    ("en", "More than 120 projects and about 60 participants; twelve new MoUs were signed.",
     [(120, "project", "more_than"), (60, "participant", "approx"), (12, "document", None)]),
    ("en", "Only two participating countries remain.", [(2, "country", None)]),
]
NEGATIVE = [
    ("ja", "第5回合同委員会で、同国は12カ国目の署名国となった。"),
    ("ja", "1．概要 2．成果 これまでの3年間、両国は協力した。"),
    ("ja", "年間3万tCO2を削減し、出力は40MW、4,500kWhとなる。数十カ国が関心を示した。"),
    ("vi", "Kỳ họp lần thứ 5 giữa 2 nước; hai nước đã ký; công suất 300 tấn/ngày, 8 ha."),
    ("vi", "Tải về (45 trang) | Lượt xem: 1520"),
    ("en", "The 5th meeting, COP28 and Session 2 marked the first project; the two countries agreed."),
    ("en", "A 991 kWp solar PV project and 12 MW of capacity, in 2013 projects were few."),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_counts_values(lang, text, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize("lang,text", NEGATIVE)
def test_counts_not_counts(lang, text):
    assert counts(text, lang) == []


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ja", "日本の協力相手国であるタイでは、これまでに14件のプロジェクトが進んでいる。", "THA"),
        ("ja", "日・タイ間で合意した8件の事業。", None),
        ("vi", "Việt Nam và Nhật Bản đã thống nhất 6 dự án.", None),
        ("vi", "Indonesia hiện có 7 dự án JCM.", "IDN"),
        ("en", "Four of the projects are in Kenya while the fifth is in Chile.", "KEN"),
        ("en", "Thailand and Japan identified 30 projects.", None),
    ],
)
def test_counts_subject(lang, text, expected):
    (m,) = [m for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert m.subject == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ja", "48件", (48, "project", None)),
        ("ja", "29ヵ国", (29, "country", None)),
        ("ja", "２９ヵ国", (29, "country", None)),
        ("vi", "12 dự án", (12, "project", None)),
        ("en", "7 projects", (7, "project", None)),
        ("ja", "2013年7月", None),
    ],
)
def test_counts_parse_count_cell(lang, text, expected):
    assert parse_count(text, lang) == expected
