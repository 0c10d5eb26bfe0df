"""Number normalizers: full-width digits, kanji numerals, separators and scale words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kanjize import number2kanji

from extractors.entities.numbers import fold, numeral_pattern, parse_amount, parse_number, parse_word

# fmt: off
NUMBER_CASES = [
    ("ja", "２９", 29), ("ja", "二十九", 29), ("ja", "一〇", 10), ("ja", "2万1501", 21501),
    ("ja", "1,234", 1234), ("ja", "1.5", 1.5),
    ("vi", "1.234", 1234), ("vi", "4,8", 4.8), ("vi", "11.6", 11.6), ("vi", "1.234.567", 1234567),
    ("vi", "1.234,5", 1234.5), ("vi", "hai", 2),
    ("en", "1,234", 1234), ("en", "1,234.5", 1234.5), ("en", "ten", 10), ("en", "Two", 2),
    ("en", "2,5", None), ("en", "1,23", None),
]
AMOUNT_CASES = [
    ("ja", "114億", 11_400_000_000), ("ja", "5,000万", 50_000_000), ("ja", "1億2,000万", 120_000_000),
    ("ja", "5千万", 50_000_000), ("ja", "二十億", 2_000_000_000), ("ja", "３億", 300_000_000),
    ("vi", "20 tỷ", 20_000_000_000), ("vi", "2 triệu 500 nghìn", 2_500_000), ("vi", "1,5 tỷ", 1_500_000_000),
    ("en", "15m", 15_000_000), ("en", "1.2 billion", 1_200_000_000), ("en", "3bn", 3_000_000_000),
    ("en", "74 million", 74_000_000),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", NUMBER_CASES)
def test_numbers_parse_number(lang, text, expected):
    assert parse_number(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", AMOUNT_CASES)
def test_numbers_parse_amount(lang, text, expected):
    assert parse_amount(text, lang) == expected


@given(st.integers(min_value=1, max_value=10**15))
def test_numbers_kanji_round_trip(n):
    assert parse_number(number2kanji(n), "ja") == n


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_fullwidth_round_trip(n):
    wide = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert fold(wide) == str(n)
    assert parse_number(wide, "ja") == n


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_grouped_round_trip(n):
    assert parse_number(f"{n:,}", "en") == n
    assert parse_number(f"{n:,}".replace(",", "."), "vi") == n


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=9))
def test_numbers_vietnamese_decimal_comma(whole, tenth):
    assert parse_number(f"{whole},{tenth}", "vi") == pytest.approx(whole + tenth / 10)


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_numbers_man_oku_round_trip(oku, man):
    text = f"{oku}億{man}万" if man else f"{oku}億"
    assert parse_amount(text, "ja") == oku * 10**8 + man * 10**4


@given(st.text(alphabet="０１２３４５６７８９ａｂ，．年月", max_size=30))
def test_numbers_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [("vi", "mười hai", 12), ("vi", "hai mươi", 20), ("vi", "hai mươi mốt", 21), ("vi", "ba mươi lăm", 35),
     ("en", "twenty-one", 21), ("en", "Forty two", 42), ("en", "twelve", 12),
     ("vi", "hai trăm năm mươi", 250), ("vi", "một trăm linh hai", 102), ("vi", "ba trăm mười hai", 312),
     ("vi", "hai trăm", 200), ("vi", "hai trăm năm", None),  # also "two hundred years": not read
     ("en", "two hundred and fifty", 250), ("en", "Three Hundred twelve", 312), ("en", "one hundred and five", 105),
     ("en", "one hundred five", None)],
)
def test_compound_number_words(lang: str, text: str, value: int | None) -> None:
    assert parse_word(text, lang) == value


_VI_DIGITS = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _vi_spelled(n: int) -> str:
    """20..99 as Vietnamese writes it: hai mươi, hai mươi mốt, ba mươi lăm, chín mươi chín."""
    tens, unit = divmod(n, 10)
    word = {0: "", 1: "mốt", 5: "lăm"}.get(unit, _VI_DIGITS[unit])
    return f"{_VI_DIGITS[tens]} mươi {word}".strip()


@given(st.integers(min_value=20, max_value=99))
def test_numbers_vietnamese_tens_round_trip(n):
    assert parse_word(_vi_spelled(n), "vi") == n


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=20, max_value=99))
def test_numbers_vietnamese_hundreds_read_in_running_text(hundreds, rest):
    """'hai trăm năm mươi dự án' is one numeral of 250, found whole by the numeral regex."""
    spelled = f"{_VI_DIGITS[hundreds]} trăm {_vi_spelled(rest)}"
    found = re.findall(numeral_pattern("vi"), f"có {spelled} dự án")
    assert found == [spelled]
    assert parse_number(spelled, "vi") == hundreds * 100 + rest


@pytest.mark.parametrize(("text", "value"), [("a dozen", 12), ("half a dozen", 6), ("A Dozen", 12), ("dozens", None)])
def test_numbers_english_dozen(text: str, value: int | None) -> None:
    assert parse_word(text, "en") == value
