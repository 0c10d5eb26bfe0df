"""Pipe tables found in plain text and repaired: clean, wrapped header, shifted rows, ambiguity."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.relations.table_cells import number, shape
from pipeline.load.text_tables import find_text_tables
from schemas.records import Table

# fmt: off
CLEAN_EN = (
    "Partner countries of the mechanism\n"
    "| Country | Signing date | Registered projects | Total projects |\n"
    "|---|---|---|---|\n"
    "| Kenya | June 2013 | 2 | 5 |\n"
    "| Chile | May 2015 |  | 3 |\n"
    "\nMore text follows.\n"
)
WRAPPED_HEADER_JA = (
    "パートナー国の一覧\n"
    "国名 | 署名時期 | JCM登録済み |\n"
    "クレジット発行中 |\n"
    "設備補助 | 合計 |\n"
    "---|---|---|---|---|---|\n"
    "フィリピン | 2017年1月 | 2件 | 1件 | 3件 | 3件 |\n"
)
SHIFTED_EN = (
    "JCM partner countries (as of March 2025)\n"
    "Country | Signing date | Registered | Issuing | Subsidy | Loan | Total |\n"
    "---|---|---|---|---|---|---|\n"
    "Kenya | June 2013 | 2 | 1 | 4 | 1 | 5 |\n"
    "Chile | May 2015 | 3 | 6 | 6 | | |\n"
    "Peru | January 2016 | | | | | |\n"
    "Total | 3 countries | 5 | 1 | 10 | 1 | 11 |\n"
)
AMBIGUOUS_VI = (
    "Các dự án JCM theo quốc gia\n"
    "Quốc gia | Ngày ký | Dự án mẫu | Dự án khác | Tổng |\n"
    "---|---|---|---|---|\n"
    "Kenya | tháng 6/2013 | 4 | 1 | 5 |\n"
    "Chile | tháng 5/2015 | 2 | 2 | | \n"
)
SUBHEADER_JA = (
    "国名 | 署名時期 | 支援事業の件数 | | |\n"
    "---|---|---|---|---|\n"
    "設備補助 | 研修 | 合計 | | |\n"
    "タイ | 2015年11月 | 6件 | 1件 | 7件 |\n"
    "ラオス | 2013年8月 | 2件 | 2件 | |\n"
    "合計 | 2ヵ国 | 8件 | 1件 | 9件 |\n"
)
# fmt: on


def grid(table: Table) -> list[list[tuple[int, str, str]]]:
    """Rows as (col, text, note) triples."""
    return [[(c.col, c.text, c.note) for c in table.row(r)] for r in range(table.n_rows)]


@pytest.mark.parametrize("text", [CLEAN_EN, WRAPPED_HEADER_JA, SHIFTED_EN, AMBIGUOUS_VI, SUBHEADER_JA])
def test_text_tables_offsets_point_at_cell_text(text):
    (table,) = find_text_tables(text)
    assert table.source == "text-pipe"
    for cell in table.cells:
        assert text[cell.start : cell.end] == cell.text


def test_text_tables_clean_pipe_table_keeps_its_empty_cells_in_place():
    (table,) = find_text_tables(CLEAN_EN)
    assert (table.n_rows, table.n_cols, table.header_rows) == (3, 4, 1)
    assert table.caption == "Partner countries of the mechanism"
    assert grid(table) == [
        [(0, "Country", ""), (1, "Signing date", ""), (2, "Registered projects", ""),
         (3, "Total projects", "")],
        [(0, "Kenya", ""), (1, "June 2013", ""), (2, "2", ""), (3, "5", "")],
        [(0, "Chile", ""), (1, "May 2015", ""), (3, "3", "")],
    ]
    assert all(c.header for c in table.row(0)) and not any(c.header for c in table.row(1))


def test_text_tables_header_over_several_lines_is_one_row():
    (table,) = find_text_tables(WRAPPED_HEADER_JA)
    assert table.n_cols == 6 and table.header_rows == 1
    assert [c.text for c in table.row(0)] == ["国名", "署名時期", "JCM登録済み", "クレジット発行中",
                                              "設備補助", "合計"]
    assert [c.col for c in table.row(1)] == [0, 1, 2, 3, 4, 5]


def test_text_tables_shifted_row_is_repaired_by_row_and_column_totals():
    (table,) = find_text_tables(SHIFTED_EN)
    # Chile's 3 is registered (col 2 sums to 5 only so), 6 subsidy (col 4 sums to 10), 6 the total.
    assert grid(table)[2] == [
        (0, "Chile", ""), (1, "May 2015", ""), (2, "3", ""),
        (4, "6", "repaired: shifted from col 3"), (6, "6", "repaired: shifted from col 4"),
    ]
    assert grid(table)[3] == [(0, "Peru", ""), (1, "January 2016", "")]
    assert [c.text for c in table.row(4)] == ["Total", "3 countries", "5", "1", "10", "1", "11"]


def test_text_tables_undecidable_cell_is_kept_and_marked_ambiguous():
    (table,) = find_text_tables(AMBIGUOUS_VI)
    # 2 + 2 = 4 cannot be 'Tổng' unless the second 2 is; the first could be either part.
    assert grid(table)[2] == [
        (0, "Chile", ""), (1, "tháng 5/2015", ""), (2, "2", "ambiguous: col 2|3"),
        (4, "2", "repaired: shifted from col 3"),
    ]


def test_text_tables_subheader_row_goes_under_the_spanning_header():
    (table,) = find_text_tables(SUBHEADER_JA)
    assert table.header_rows == 2
    assert [(c.col, c.text) for c in table.row(1)] == [(2, "設備補助"), (3, "研修"), (4, "合計")]
    assert table.header_of(4) == "支援事業の件数 / 合計"
    # ラオス: 2 + 2 ≠ nothing, so the total moved; the totals row decides 研修 (1 = タイ's 1 only).
    assert grid(table)[3] == [
        (0, "ラオス", ""), (1, "2013年8月", ""), (2, "2件", ""),
        (4, "2件", "repaired: shifted from col 3"),
    ]


@pytest.mark.parametrize("text", [
    "| Outcome of the Joint Committee |\n12 Jun 26 |\n|\nDesignation\n|\n",
    "A sentence with a | pipe in it.\nAnother line.\n",
    "",
])
def test_text_tables_single_cell_lines_are_not_tables(text):
    assert find_text_tables(text) == []


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(["件", "ヵ国", " projects", " dự án", ""]))
def test_text_tables_number_cells_read_back_their_value(value, counter):
    cell = f"{value:,}{counter}"
    assert number(cell, "en") == value
    assert shape(cell) in ("num", "date")  # 2013件 looks like a year; the column shape decides


@given(st.integers(min_value=1900, max_value=2099), st.integers(min_value=1, max_value=12))
def test_text_tables_month_cells_are_dates(year, month):
    for cell in (f"{year}年{month}月", f"tháng {month}/{year}", f"{month:02d}/{year}"):
        assert shape(cell) == "date"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab 12|-\n件年合計", max_size=120))
def test_text_tables_any_text_gives_cells_that_point_at_their_text(text):
    for table in find_text_tables(text):
        for cell in table.cells:
            assert text[cell.start : cell.end] == cell.text and 0 <= cell.col < table.n_cols


# fmt: off
WRAPPED_CELLS_JA = (
    "表3 地域別の案件数\n"
    "| 国名 | 2022\n"
    "年度 | 2023年度 | 合計\n"
    " |\n"
    "|---|---|---|---|\n"
    "| タイ | 3 | 4 | 7 | |\n"
    "| インド | 2 | 2 |\n"
    "| 合計 | 3 | 6 | 9 |\n"
)
NO_TOTAL_COLUMN_EN = (
    "| Partner | Meetings\n"
    "held | Credit\n"
    "issuances |\n"
    "|---|---|---|\n"
    "| Kenya | 2 | 1 |\n"
    "| Chile | 3 |\n"
    "| Total | 2 | 4 |\n"
)
TOTAL_NOT_A_SUM_VI = (
    "| Quốc gia | Đã đăng ký | Đã cấp tín chỉ | Tổng số dự án\n"
    "được hỗ trợ |\n"
    "|---|---|---|---|\n"
    "| Lào | 2 | 1 | 9 |\n"
    "| Mông Cổ | 4 | 7 | |\n"
    "| Tổng cộng | 6 | 1 | 16 |\n"
)
# fmt: on


def test_text_tables_cell_wrapped_over_lines_is_one_cell():
    (table,) = find_text_tables(WRAPPED_CELLS_JA)
    assert [c.text for c in table.row(0)] == ["国名", "2022\n年度", "2023年度", "合計"]
    # インド's 2 | 2 was shifted left: the 2022 column sums to 3 only with it under 2023年度.
    assert grid(table)[2] == [
        (0, "インド", ""), (2, "2", "repaired: shifted from col 1"),
        (3, "2", "repaired: shifted from col 2"),
    ]


def test_text_tables_totals_row_repairs_a_table_without_a_total_column():
    (table,) = find_text_tables(NO_TOTAL_COLUMN_EN)
    assert table.header_of(2) == "Credit\nissuances"
    assert grid(table)[2] == [(0, "Chile", ""), (2, "3", "repaired: shifted from col 1")]


def test_text_tables_total_column_a_full_row_contradicts_is_no_constraint():
    (table,) = find_text_tables(TOTAL_NOT_A_SUM_VI)
    # Lào's full row shows 9 ≠ 2 + 1, so Mông Cổ's 4 | 7 is placed by the column sums alone.
    assert grid(table)[2] == [(0, "Mông Cổ", ""), (1, "4", ""), (3, "7", "repaired: shifted from col 2")]


# --- tab-separated, whitespace-aligned and one-cell-per-line tables ---------------------------

# fmt: off
TSV_JA = (
    "二国間クレジット制度（JCM）パートナー国一覧\n"
    "国名\t署名時期\tJCM登録済み\tクレジット発行中\t合計\n"
    "モンゴル\t2013年1月\t3件\t2件\t5件\n"
    "バングラデシュ\t2013年3月\t－\t－\t1件\n"
    "パラオ\t2015年8月\t2件\t\t2件\n"
    "合計\t3か国\t5件\t2件\t8件\n"
    "\n（注）件数は2025年3月末時点。\n"
)
TSV_SUBHEADER_VI = (
    "Bảng 1. Các nước đối tác JCM tại châu Á\n"
    "Quốc gia\tNgày ký\tSố dự án\t\t\n"
    "\t\tĐã đăng ký\tĐã cấp tín chỉ\tTổng\n"
    "Mông Cổ\ttháng 1/2013\t3\t2\t5\n"
    "Lào\ttháng 8/2013\t2\tN/A\t2\n"
    "Tổng cộng\t2 nước\t5\t2\t7\n"
)
ALIGNED_EN = (
    "Table 2. Record of the Japan–Mongolia Joint Committee\n"
    "  No.      Date of         Venue\n"
    "           meeting\n"
    "  1st      March 2014      Ulaanbaatar\n"
    "  2nd      May 2015        Tokyo\n"
    "  3rd      June 2017       Ulaanbaatar\n"
    "\nThe fourth meeting is planned for next year.\n"
)
ALIGNED_VI = (
    "Tình hình hợp tác JCM với các nước đối tác\n"
    "Quốc gia      Ngày ký          Số dự án       Tổng số\n"
    "                               đã đăng ký     dự án\n"
    "Mông Cổ       tháng 1/2013            3           5\n"
    "Lào           tháng 8/2013            -           2\n"
    "Tổng cộng     2 nước                  3           7\n"
)
FULLWIDTH_JA = (
    "日本・タイ合同委員会の開催実績\n"
    "回　開催年月　開催地\n"
    "第1回　2015年11月　バンコク\n"
    "第2回　2017年2月　東京\n"
    "第3回　2019年6月　バンコク\n"
)
LINES_JA = (
    "日本・モンゴル環境政策対話の開催状況\n"
    "回\n開催年\n開催地\n概要\n"
    "第1回\n(2016年)\nウランバートル\n大気汚染対策と気候変動について意見を交換した。\n"
    "第2回\n(2018年)\n東京\n廃棄物管理の協力を確認した。\n"
    "第3回\n(2021年)\nオンライン\nJCMの今後の進め方を議論した。\n"
    "\n以上\n"
)
LINES_EN = (
    "Meetings of the Japan–Kenya policy dialogue\n"
    "Session    Date    Venue\n"
    "1st\n12 March 2015\nNairobi\n"
    "2nd\n4 June 2017\nTokyo\n"
)
# fmt: on


def cells(table: Table) -> list[list[tuple[int, str]]]:
    return [[(c.col, c.text) for c in table.row(r)] for r in range(table.n_rows)]


@pytest.mark.parametrize("text, source", [
    (TSV_JA, "text-tsv"), (TSV_SUBHEADER_VI, "text-tsv"), (ALIGNED_EN, "text-aligned"),
    (ALIGNED_VI, "text-aligned"), (FULLWIDTH_JA, "text-aligned"), (LINES_JA, "text-lines"),
    (LINES_EN, "text-lines"),
])
def test_text_tables_other_forms_are_found_with_exact_offsets(text, source):
    (table,) = find_text_tables(text)
    assert table.source == source
    for cell in table.cells:
        assert text[cell.start : cell.end] == cell.text


def test_text_tables_tab_separated_placeholders_are_empty_cells():
    (table,) = find_text_tables(TSV_JA)
    assert table.caption == "二国間クレジット制度（JCM）パートナー国一覧"
    assert (table.n_rows, table.n_cols, table.header_rows) == (5, 5, 1)
    assert cells(table)[2] == [(0, "バングラデシュ"), (1, "2013年3月"), (4, "1件")]
    assert cells(table)[3] == [(0, "パラオ"), (1, "2015年8月"), (2, "2件"), (4, "2件")]


def test_text_tables_tab_separated_subheader_goes_under_its_span():
    (table,) = find_text_tables(TSV_SUBHEADER_VI)
    assert table.header_rows == 2
    assert table.header_of(3) == "Số dự án / Đã cấp tín chỉ"
    assert cells(table)[3] == [(0, "Lào"), (1, "tháng 8/2013"), (2, "2"), (4, "2")]


def test_text_tables_aligned_header_wrapped_over_two_lines():
    (table,) = find_text_tables(ALIGNED_VI)
    assert table.header_rows == 2
    assert [(c.col, c.text, c.note) for c in table.row(1)] == [
        (2, "đã đăng ký", "wrapped header"), (3, "dự án", "wrapped header")]
    # Right-aligned numbers go to the column they sit under; the dash is an empty cell.
    assert cells(table)[3] == [(0, "Lào"), (1, "tháng 8/2013"), (3, "2")]


def test_text_tables_aligned_last_row_without_line_break():
    # A file that ends on the table's last row (no final newline) has the same table.
    text = "Dự án theo nước\nQuốc gia      Số dự án\nLào                  4\nMông Cổ              6\nTổng cộng           10"
    (table,) = find_text_tables(text)
    assert cells(table)[3] == [(0, "Tổng cộng"), (1, "10")]
    assert [cells(t) for t in find_text_tables(text + "\n")] == [cells(table)]
    # …but a header and one row are still no table, ended or not
    assert find_text_tables("Quốc gia      Số dự án\nLào                  4") == []


def test_text_tables_fullwidth_spaces_separate_cells_of_unaligned_lines():
    (table,) = find_text_tables(FULLWIDTH_JA)
    assert cells(table)[2] == [(0, "第2回"), (1, "2017年2月"), (2, "東京")]


def test_text_tables_one_cell_per_line_rows_are_cut_at_their_keys():
    (table,) = find_text_tables(LINES_JA)
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert [c.text for c in table.row(0)] == ["回", "開催年", "開催地", "概要"]
    assert cells(table)[3][:3] == [(0, "第3回"), (1, "(2021年)"), (2, "オンライン")]
    (table,) = find_text_tables(LINES_EN)
    assert cells(table)[2] == [(0, "2nd"), (1, "4 June 2017"), (2, "Tokyo")]


# fmt: off
NOT_TABLES = [
    # prose with tabs and with double spaces after sentences (a PDF text dump)
    ("The ministry\tannounced on 3 May 2024 that 5 projects were registered.\n"
    "In 2015\tthe second meeting was held in Tokyo with 40 participants.\n"
    "Both sides\tagreed to continue the work in 2016.\n"),
    ("The Joint Committee met in Hanoi.  It registered 3 projects in 2024.\n"
    "Both sides welcomed the progress.  The next meeting is set for 2025.\n"
    "Officials from 12 agencies attended.  A site visit followed on 5 March.\n"),
    # an address block
    ("お問い合わせ先\n環境省　地球環境局　国際連携課\n〒100-8975　東京都千代田区霞が関1-2-2\n"
    "TEL　03-3581-3351（代表）\nFAX　03-3581-3348\n"),
    # a menu and an archive list
    "ホーム\n報道発表\n政策分野\n2025年\n2024年\n2023年\n2022年\n",
    # a news list: dates then headlines, under two short lines
    ("ホーム\n新着情報\n2025年3月4日\n第9回合同委員会を開催しました\n2025年2月1日\n"
    "JCMセミナーを開催しました\n2025年1月10日\n報告書を公表しました\n"),
    ("お知らせ\n2025年3月4日　　第9回合同委員会を開催しました\n2025年2月1日　　セミナーを開催しました\n"
    "2025年1月10日　　報告書を公表しました\n"),
    # a meeting list whose rows carry extra link lines and photo captions
    ("開催年 開催地 会議概要\n第1回\n(2016年)\nウランバートル 大気汚染について意見を交換した。\n"
    "第1回の結果について\n第2回\n(2018年)\n東京 協力を確認した。\n写真\n代表団\n写真\n会場の様子\n"
    "第2回の結果について\n第3回\n(2021年)\nオンライン 議論した。\n第3回の結果について\n"),
    # numbered items in prose
    "第1回\n2014年にハノイで開催された。\n第2回\n2015年に東京で開催された。\n",
]
# fmt: on


@pytest.mark.parametrize("text", NOT_TABLES)
def test_text_tables_prose_lists_and_addresses_are_not_tables(text):
    assert find_text_tables(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab 1\t\u3000\n-件年第回国", max_size=160))
def test_text_tables_any_spaced_text_gives_cells_that_point_at_their_text(text):
    for table in find_text_tables(text):
        for cell in table.cells:
            assert text[cell.start : cell.end] == cell.text and 0 <= cell.col < table.n_cols
