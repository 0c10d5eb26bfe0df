"""Money: amount, scale and currency to whole units; approx markers; vague amounts are not money."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_text
from schemas.records import MoneyMention


def money(text: str, lang: str) -> list[tuple]:
    return [(m.value, m.currency, m.approx) for m in extract_text(text, lang) if isinstance(m, MoneyMention)]


# fmt: off
CASES = [
    ("ja", "事業費は約35億円を見込む。", [(3_500_000_000, "JPY", True)]),
    ("ja", "補助額は2,500万円で、総額は1億2,000万円となる。", [(25_000_000, "JPY", False), (120_000_000, "JPY", False)]),
    ("ja", "基金に300万ドルと50万米ドルを拠出した。", [(3_000_000, "USD", False), (500_000, "USD", False)]),
    ("ja", "予算は80億円程度とする。", [(8_000_000_000, "JPY", True)]),
    ("ja", "投資額は３億円。", [(300_000_000, "JPY", False)]),
    ("vi", "Tổng vốn đầu tư gần 12 tỷ USD cho các dự án.", [(12_000_000_000, "USD", True)]),
    ("vi", "Nhật Bản tài trợ 5 tỷ yên (tương đương 35 triệu USD).", [(5_000_000_000, "JPY", False), (35_000_000, "USD", False)]),
    ("vi", "Kinh phí khoảng 750 triệu đồng.", [(750_000_000, "VND", True)]),
    ("vi", "Khoản vay lên tới 40 triệu USD.", [(40_000_000, "USD", False)]),
    ("en", "The bank approved a US$25m loan and $120 million in grants.", [(25_000_000, "USD", False), (120_000_000, "USD", False)]),
    ("en", "Investment of USD 2.5 billion and 40 million US dollars.", [(2_500_000_000, "USD", False), (40_000_000, "USD", False)]),
    ("en", "The fund holds nearly €8 million.", [(8_000_000, "EUR", True)]),
    ("en", "Japan pledged 3 billion yen.", [(3_000_000_000, "JPY", False)]),
]
NEGATIVE = [
    ("ja", "数億円規模の投資と数十億円の需要、2億t程度の削減量、関東一円に広がる。"),
    ("vi", "Nguồn vốn lên đến hàng triệu USD và 500 tấn rác mỗi ngày."),
    ("en", "Millions of dollars were spent to cut 2 million tonnes of CO2."),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_money_amounts(lang, text, expected):
    assert money(text, lang) == expected


@pytest.mark.parametrize("lang,text", NEGATIVE)
def test_money_not_amounts(lang, text):
    assert money(text, lang) == []


def test_money_surface_includes_the_approximator():
    text = "総額は約20億円となる。"
    (m,) = [m for m in extract_text(text, "ja") if isinstance(m, MoneyMention)]
    assert m.surface == text[m.start : m.end] == "約20億円"
