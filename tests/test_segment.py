"""Segmenters reproduce their input exactly, split Japanese into words, keep long lines alive."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment import make_segment, tokenize
from pipeline.words import FUGASHI_CHUNK

SAMPLES = [
    ("ja", "2021 年 11 月 24 日に、日越の協力覚書を東京で署名した。\n\n次の段落　です"),
    ("ja", "環境省は、ＪＣＭパートナー国２９か国との間で二国間文書に署名している。"),
    ("vi", "Việt Nam và Nhật Bản đã ký kết Bản ghi nhớ hợp tác,  ngày 22/7/2025.\nDòng hai"),
    ("vi", "Bộ Tài nguyên và Môi trường tổ chức Hội nghị lần thứ 5 tại Hà Nội."),
    ("en", "Japan and Viet Nam signed the MoC on 14 Oct 2021 in Tokyo.\n\nNext paragraph."),
]


@pytest.mark.parametrize(("lang", "text"), SAMPLES)
def test_tokens_reproduce_the_text(lang: str, text: str) -> None:
    doc = tokenize(text, lang)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text


def test_japanese_is_split_into_words() -> None:
    words = [t.text for t in tokenize("日本国環境省とベトナム天然資源環境省が署名した。", "ja")]
    assert "署名" in words and "ベトナム" in words and "日本" in words


def test_vietnamese_words_join_syllables() -> None:
    words = [t.text for t in tokenize("Việt Nam và Nhật Bản đã ký kết", "vi")]
    assert "Việt Nam" in words and "Nhật Bản" in words and "ký kết" in words


def test_segment_bounds_reject_partial_words() -> None:
    seg = make_segment("毎日の会議", "ja")
    assert seg.aligned(0, 2) and not seg.aligned(0, 1)


def test_a_japanese_line_longer_than_a_fugashi_chunk_is_tagged() -> None:
    text = "日本とベトナムは協力する。" * (FUGASHI_CHUNK // 10)
    doc = tokenize(text, "ja")
    assert doc.text == text and len(doc) > len(text) // 5


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("日本ベトナム協力 \n\u3000ăêđ Việt Nam 2021年ab.,")),
               max_size=60), st.sampled_from(["ja", "vi", "en"]))
def test_any_text_round_trips(text: str, lang: str) -> None:
    assert tokenize(text, lang).text == text


def test_japanese_wrapped_mid_word_is_matched_whole_and_mapped_back() -> None:
    from pipeline.extract import run
    from pipeline.segment import segment_block

    text = "両国はカーボンニュー\n\nトラルに向けて国連気\n\n候変動枠組条約の下で協力する。\nSecond line"
    seg, words = segment_block(text, "ja")
    assert "\n" not in seg.text.split("。")[0] and seg.source == text
    orgs = [m for _, name, m in run([seg]).mentions if name == "organizations"]
    assert [(m.id, m.surface) for m in orgs] == [("UNFCCC", "国連気\n\n候変動枠組条約")]
    assert text[orgs[0].start : orgs[0].end] == orgs[0].surface


def test_unwrap_keeps_breaks_that_are_not_inside_japanese() -> None:
    from extractors.text import unwrap

    assert unwrap("日本。\nJapan\nand Viet Nam", "ja") == ("日本。\nJapan\nand Viet Nam", ())
    joined, index_map = unwrap("協\n力", "ja")
    assert joined == "協力" and index_map == (0, 2)


@pytest.mark.parametrize(("text", "lang", "surface"), [
    ("Hai bên đã tổ chức đối thoại chính sách lần thứ 3 vào ngày\n15 tháng 3 năm 2024 tại Hà Nội.", "vi",
     "ngày\n15 tháng 3 năm 2024"),
    ("両国は2024年6月12\n日に東京で第3回合同委員会を開催した。", "ja", "2024年6月12\n日"),
    ("The two sides held the third Joint Committee on 12\nJune 2024 in Tokyo.", "en", "12\nJune 2024"),
])
def test_a_wrap_on_a_pdf_page_ends_no_sentence(text: str, lang: str, surface: str) -> None:
    # On a page (PDF, scan) the width broke the line, so the meeting keeps the date after the
    # break; in a text file the writer's line break ends the sentence as before.
    from pipeline.extract import run
    from pipeline.segment import segment_block

    for page, dated in ((1, "2024-03-15" if lang == "vi" else "2024-06-12"), (None, None)):
        seg, _ = segment_block(text, lang, page=page)
        found = [(name, m) for _, name, m in run([seg]).mentions]
        assert [m.surface for name, m in found if name == "dates"] == [surface]  # the document's own text
        assert [m.date for name, m in found if name == "events"] == [dated]


def test_table_rows_keep_their_line_breaks() -> None:
    from pipeline.segment import segment_block

    seg, _ = segment_block("第1回\n東京\n廃棄物管理", "ja", kind="table_row")
    assert seg.text == "第1回\n東京\n廃棄物管理" and not seg.index_map
