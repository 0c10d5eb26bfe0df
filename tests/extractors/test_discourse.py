"""The document view: sentences, and the date, place and parties a mention in a sentence has.

Real text through the real segmenters and entity extractors (countries, organizations, dates).
"""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.base import REGISTRY, Context
from extractors.relations.discourse import (
    View,
    agree,
    bare_date,
    clause_date,
    date_rank,
    document_view,
    full_date,
    month_day,
    own_date,
    regex,
)
from extractors.relations.parties import sides
from pipeline.segment import make_segment


def view_of(text: str, lang: str) -> View:
    """The view of a document whose paragraphs are its blocks, after the entity extractors."""
    segments = [
        make_segment(m.group(), lang, offset=m.start(), block=i)
        for i, m in enumerate(re.finditer(r"[^\n]+(?:\n[^\n]+)*", text))
    ]
    ctx = Context(segments=segments, doc_lang=lang)
    for name in ("countries", "organizations", "dates", "date_years"):
        for i, seg in enumerate(segments):
            ctx.index = i
            ctx.found.setdefault(i, []).extend(REGISTRY[name].func(seg, ctx))
    return document_view(ctx)


def date_at(view: View, word: str, which=own_date) -> str | None:
    """The date `which` gives a mention of `word` (the first unit holding it)."""
    u = next(k for k, unit in enumerate(view.units) if word in unit.text)
    start = view.units[u].text.index(word)
    found = which(view, u, (start, start + len(word)))
    return found.value if found else None


@pytest.mark.parametrize(("lang", "text", "units"), [
    ("vi", "Hội thảo diễn ra tại TP. Hồ Chí Minh với 80 đại biểu. Các bên thống nhất kế hoạch.", 2),
    ("en", "1. The committee met in Bangkok. Ref. No. 12 was noted by Mr. Sato.", 2),
    ("ja", "会合が開催された。（以下「会合」という。）両省は合意した。", 2),
])
def test_sentences_do_not_end_at_abbreviations_or_item_numbers(lang, text, units):
    assert len(view_of(text, lang).units) == units


def test_a_title_line_does_not_run_on_into_the_next_sentence():
    """Hard-wrapped lines (one block each) run on; a title ending such as …について does not."""
    title = "日本国環境省とタイ王国天然資源環境省との間の第4回日本・タイ合同委員会の結果について"
    body = ["両省は本日バンコクにおいて会合を開き、廃棄物管理及び気候変動対策の協力の進展を確認し"] * 6
    view = view_of("\n\n".join([title, *body]), "ja")
    assert view.units[0].text == title
    assert len(view.units) == 2  # the body lines are one wrapped sentence


@pytest.mark.parametrize(("lang", "text", "word", "value"), [
    # a long sentence with one date: the date opens it, the mention is far after a comma
    ("ja", "令和6年5月14日（火）、タイ王国バンコク市において、二国間クレジット制度に関する第4回日本・タイ合同委員会が開催されました。",
     "合同委員会", "2024-05-14"),
    ("vi", "Ngày 9/4/2024, tại Viêng Chăn, đại diện hai nước đã tham dự cuộc họp lần thứ 3 của Ủy ban hỗn hợp.",
     "Ủy ban hỗn hợp", "2024-04-09"),
    ("en", "On 12 June 2024, after a long preparation, delegates from both countries attended the forum.",
     "forum", "2024-06-12"),
])
def test_a_mention_takes_the_only_date_of_its_sentence(lang, text, word, value):
    assert date_at(view_of(text, lang), word) == value


@pytest.mark.parametrize(("lang", "text", "word", "value"), [
    ("vi", "Viêng Chăn, 10/04/2024 – Sáng 9/4, hai bên đã ký kết bản ghi nhớ.", "bản ghi nhớ", "2024-04-09"),
    ("en", "JAKARTA, 3 May 2024 - On 2 May, the two ministers opened the forum.", "forum", "2024-05-02"),
])
def test_a_dateline_is_not_the_sentence_date(lang, text, word, value):
    assert date_at(view_of(text, lang), word) == value


def test_the_date_in_the_mentions_own_clause_wins_over_a_nearer_one():
    text = ("The ministers adopted the plan in Hanoi on 6 May 2024, during the visit of the "
            "Minister of Japan to Viet Nam from 5 to 7 May 2024.")
    view = view_of(text, "en")
    assert date_at(view, "visit") == "2024-05-05"
    assert date_at(view, "plan") == "2024-05-06"


def test_a_period_is_not_a_series_start_but_since_is():
    view = view_of("Trade has grown since 2015. The fair ran from 3 to 6 March 2024.", "en")
    assert date_at(view, "Trade") is None
    assert date_at(view, "fair") == "2024-03-03"


def test_a_japanese_date_after_the_mention_in_another_clause_is_not_its_date():
    view = view_of("省令は本日公布され、令和6年4月1日から施行される。", "ja")
    assert date_at(view, "省令") is None
    assert date_at(view, "省令", clause_date) is None


def test_a_line_holding_only_a_date_is_a_bare_date():
    view = view_of("令和6年5月20日\n\n会合の概要", "ja")
    assert bare_date(view, 0).value == "2024-05-20"
    assert bare_date(view, 1) is None


@pytest.mark.parametrize(("lang", "text", "date", "place"), [
    ("ja", "第3回日本・タイ環境政策対話 議事要旨\n\n1．日時：2024年5月14日（火）10時～12時\n\n2．場所：バンコク市内ホテル",
     "2024-05-14", "Bangkok"),
    ("en", "Summary of the 4th Joint Committee\n\nDate: 14 May 2024, 10:00-12:00\n\nVenue: Jakarta, Indonesia",
     "2024-05-14", "Jakarta"),
    ("vi", "Báo cáo tóm tắt hội thảo\n\nThời gian: ngày 14/5/2024\n\nĐịa điểm: Hà Nội", "2024-05-14", "Hanoi"),
])
def test_header_fields_give_a_date_and_a_place(lang, text, date, place):
    header = view_of(text, lang).header
    assert (header[1].value, header[2]) == (date, place)


def test_parties_are_ministries_and_the_states_no_ministry_stands_for():
    assert sides(["MOEJ"], ["JPN", "PHL"]) == ("MOEJ", "PHL")
    assert sides(["MOEJ", "MONRE"], ["JPN", "VNM"]) == ("MOEJ", "MONRE")
    assert sides([], ["VNM", "JPN"]) == ("JPN", "VNM")


@pytest.mark.parametrize(("lang", "text", "word", "value"), [
    ("ja", "令和7年11月21日\n\n11月18日から20日まで、東京で政策対話が開催された。", "政策対話", "2025-11-18"),
    ("en", "The forum ran from 18 to 20 November 2025 in Tokyo.", "forum", "2025-11-18"),
])
def test_a_period_is_not_a_target(lang, text, word, value):
    """"18日から20日まで" ends in まで like a target ("2050年まで") but names one period."""
    assert date_at(view_of(text, lang), word) == value


@pytest.mark.parametrize(("lang", "text", "word"), [
    ("vi", "Thông tư số 12/2025/TT-BNNMT có hiệu lực từ ngày 1/10/2025.", "Thông tư"),
    ("en", "The decree takes effect from 1 October 2025.", "decree"),
    ("ja", "省令は2025年10月1日から施行する。", "省令"),
])
def test_an_entry_into_force_is_not_a_mentions_date(lang, text, word):
    assert date_at(view_of(text, lang), word) is None


def test_a_line_holding_only_a_date_does_not_run_on_into_the_title():
    lines = ["2025年12月10日", "第3回合同委員会の結果について"] + ["両省は協力の進展を確認し"] * 6
    view = view_of("\n\n".join(lines), "ja")
    assert view.units[0].text == "2025年12月10日"


def test_a_space_in_a_pattern_matches_a_wrapped_line():
    assert regex("khảo sát thực địa", "vi").search("đoàn sẽ khảo sát thực\nđịa tại nhà máy")
    assert regex("(?<!đăng )ký", "vi").search("đăng ký") is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_a_yearless_day_agrees_with_its_full_date_and_month(day):
    full = day.isoformat()
    yearless = "--" + full[5:]
    assert agree(yearless, full) and agree(full, full[:7]) and agree(full[:4], full)
    assert month_day(full) == month_day(yearless) == yearless
    assert date_rank(full) > date_rank(yearless) > date_rank(None)
    other = (day.replace(day=1) if day.day != 1 else day.replace(day=2)).isoformat()
    assert not agree(yearless, other) and not agree(full, other)


def test_a_yearless_day_takes_the_year_the_document_gives_it_elsewhere():
    view = view_of("Posted on 10 December 2025\n\nOn 8 December, the ministers met in Hanoi.", "en")
    assert full_date(view, "--12-08") == "2025-12-08"
    assert full_date(view, "--03-01") == "--03-01"
