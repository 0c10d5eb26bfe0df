"""Table rows → facts, through the whole pipeline (load → text tables → segments → extractors)."""

from pathlib import Path

import pytest

from pipeline.process import process
from schemas.records import AgreementMention, CountMention, EventMention, MoneyMention

# fmt: off
PARTNERS_JA = (
    "二国間クレジット制度(JCM)のパートナー国\n"
    "JCMパートナー国との署名状況は次のとおりです。\n"
    "国名 | 署名時期 | JCM登録済み |\n"
    "クレジット発行中 |\n"
    "設備補助 | 合計 |\n"
    "---|---|---|---|---|---|\n"
    "フィリピン | 2017年1月 | 2件 | 1件 | 3件 | 3件 |\n"
    "チリ | 2015年5月 | 4件 | 4件 | | |\n"
    "ケニア | 2013年6月 | | | | |\n"
    "合計 | 3ヵ国 | 2件 | 1件 | 7件 | 7件 |\n"
)
PARTNERS_EN = (
    "Partner countries of the Joint Crediting Mechanism (as of March 2025)\n"
    "Country | Signing date | Registered | Issuing | Equipment subsidy | Loan | Total |\n"
    "---|---|---|---|---|---|---|\n"
    "Kenya | June 2013 | 2 projects | 1 project | 4 projects | 1 project | 5 projects |\n"
    "Chile | May 2015 | 3 projects | 6 projects | 6 projects | | |\n"
    "Peru | January 2016 | | | | | |\n"
    "Total | 3 countries | 5 projects | 1 project | 10 projects | 1 project | 11 projects |\n"
)
PROVINCES_VI = (
    "Danh sách các nước đối tác JCM của Nhật Bản tại châu Á\n"
    "Quốc gia | Ngày ký | Số dự án | Tổng |\n"
    "---|---|---|---|\n"
    "Thái Lan | tháng 11/2015 | 6 | 6 |\n"
    "Mông Cổ | tháng 1/2013 | 3 | 3 |\n"
    "Lào | tháng 8/2013 | | |\n"
    "Tổng cộng | 3 nước | 9 | 9 |\n"
)
AMBIGUOUS_EN = (
    "JCM projects by country\n"
    "Country | Signing date | Model projects | Other projects | Total |\n"
    "---|---|---|---|---|\n"
    "Kenya | June 2013 | 4 projects | 1 project | 5 projects |\n"
    "Chile | May 2015 | 2 projects | 2 projects | |\n"
)
MEETINGS_JA = (
    "日本・モンゴル環境政策対話の開催実績\n"
    "回 | 開催年 | 開催地 |\n"
    "---|---|---|\n"
    "第1回 | 2016年 | ウランバートル |\n"
    "第2回 | 2018年 | 東京 |\n"
)
# fmt: on


def table_facts(tmp_path: Path, text: str, name: str = "doc.txt") -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = process(path, name)
    assert done.status == "ok", done.error
    return [m for _, _, m in done.mentions if m.rule.startswith("tables:")]


def counts(facts: list) -> set[tuple]:
    return {(m.value, m.unit, m.subject, m.what) for m in facts if isinstance(m, CountMention)}


def agreements(facts: list) -> set[tuple]:
    return {(m.kind, m.parties, m.date) for m in facts if isinstance(m, AgreementMention)}


def test_tables_ja_partner_rows_give_counts_and_signings(tmp_path):
    facts = table_facts(tmp_path, PARTNERS_JA)
    assert counts(facts) == {
        (2, "project", "PHL", "registered"), (1, "project", "PHL", "issuing"),
        (3, "project", "PHL", "equipment_subsidy"), (3, "project", "PHL", "total"),
        # チリ's 4件 4件 were shifted left: the totals row puts them under 設備補助 and 合計.
        (4, "project", "CHL", "equipment_subsidy"), (4, "project", "CHL", "total"),
        (3, "country", None, "partner_countries"), (2, "project", None, "total_registered"),
        (1, "project", None, "total_issuing"), (7, "project", None, "total_equipment_subsidy"),
        (7, "project", None, "total"),
    }
    # ケニア has no counts but still a signing month; JCM in the caption makes Japan the partner.
    assert agreements(facts) == {
        ("bilateral_document", ("JPN", "PHL"), "2017-01"),
        ("bilateral_document", ("CHL", "JPN"), "2015-05"),
        ("bilateral_document", ("JPN", "KEN"), "2013-06"),
    }
    text = PARTNERS_JA
    assert all(text[m.start : m.end] == m.surface for m in facts)
    assert {m.surface for m in facts if isinstance(m, AgreementMention)} >= {"ケニア | 2013年6月"}


def test_tables_en_shifted_row_gives_the_repaired_columns(tmp_path):
    facts = table_facts(tmp_path, PARTNERS_EN)
    chile = {(v, w) for v, _, s, w in counts(facts) if s == "CHL"}
    assert chile == {(3, "registered"), (6, "equipment_subsidy"), (6, "total")}
    assert (3, "country", None, "partner_countries") in counts(facts)
    # The Loan column is not one of the known measures, so its cells are not facts.
    assert (1, "project", "KEN", "Loan") not in counts(facts)
    assert ("bilateral_document", ("JPN", "PER"), "2016-01") in agreements(facts)


def test_tables_vi_bare_numbers_count_what_the_header_names(tmp_path):
    facts = table_facts(tmp_path, PROVINCES_VI)
    assert counts(facts) == {
        (6, "project", "THA", "Số dự án"), (6, "project", "THA", "total"),
        (3, "project", "MNG", "Số dự án"), (3, "project", "MNG", "total"),
        (3, "country", None, "partner_countries"), (9, "project", None, "total_Số dự án"),
        (9, "project", None, "total"),
    }
    assert agreements(facts) == {
        ("bilateral_document", ("JPN", "THA"), "2015-11"),
        ("bilateral_document", ("JPN", "MNG"), "2013-01"),
        ("bilateral_document", ("JPN", "LAO"), "2013-08"),
    }


def test_tables_ambiguous_cell_is_not_a_fact(tmp_path):
    facts = table_facts(tmp_path, AMBIGUOUS_EN)
    chile = {(v, w) for v, _, s, w in counts(facts) if s == "CHL"}
    assert chile == {(2, "total")}


def test_tables_meeting_table_gives_one_event_per_row(tmp_path):
    facts = table_facts(tmp_path, MEETINGS_JA)
    events = {(m.kind, m.ordinal, m.date, m.place) for m in facts if isinstance(m, EventMention)}
    assert events == {
        ("policy_dialogue", 1, "2016", "Ulaanbaatar"),
        ("policy_dialogue", 2, "2018", "Tokyo"),
    }


@pytest.mark.parametrize("text", [
    "A plain paragraph with 5 projects in Kenya.\n",
    "| Outcome of the Joint Committee |\n12 Jun 26 |\n",
])
def test_tables_text_without_a_table_gives_no_table_facts(tmp_path, text):
    assert table_facts(tmp_path, text) == []


# fmt: off
PROVINCES_HTML_VI = """<html><head><meta charset="utf-8"></head><body>
<p>Bảng 4. Số dự án JCM tại Việt Nam theo ngành và tỉnh</p>
<table>
<tr><th rowspan="2">Ngành</th><th rowspan="2">Tỉnh</th><th colspan="2">Số dự án</th></tr>
<tr><th>Được phê duyệt</th><th>Đã đăng ký</th></tr>
<tr><td rowspan="2">Điện mặt trời</td><td>Long An</td><td>4</td><td>2</td></tr>
<tr><td>Tây Ninh</td><td>3</td><td></td></tr>
<tr><td colspan="2">Tổng cộng</td><td>7</td><td>2</td></tr>
</table></body></html>"""
MONEY_EN = (
    "Proposed JCM projects in Thailand\n"
    "| Project | Province | Investment (USD million) | Reduction (tCO2/year) |\n"
    "|---|---|---|---|\n"
    "| Chiller upgrade | Rayong | 4.5 | 1,200 |\n"
    "| Biomass boiler | Saraburi | 11 | 9,800 |\n"
)
YEARS_JA = (
    "表5 国別・年度別の採択件数\n"
    "| 国名 | 2023年度 | 2024年度 |\n"
    "|---|---|---|\n"
    "| タイ | 3 | 5 |\n"
    "| パラオ | 1 | 2 |\n"
)
# fmt: on


def test_tables_vi_html_province_rows_count_for_the_caption_country(tmp_path):
    facts = table_facts(tmp_path, PROVINCES_HTML_VI, "provinces.html")
    # Rows are provinces, so every count (the totals row's too) is Viet Nam's; the colspan header
    # names the unit (Số dự án) of both sub-columns, neither of which is dropped.
    assert counts(facts) == {
        (4, "project", "VNM", "Được phê duyệt"), (2, "project", "VNM", "registered"),
        (3, "project", "VNM", "Được phê duyệt"),
        (7, "project", "VNM", "total_Được phê duyệt"), (2, "project", "VNM", "total_registered"),
    }


def test_tables_en_money_column_gives_amounts_and_tonnes_give_nothing(tmp_path):
    facts = table_facts(tmp_path, MONEY_EN)
    money = {(round(m.value), m.currency, m.surface) for m in facts if isinstance(m, MoneyMention)}
    assert money == {(4_500_000, "USD", "4.5"), (11_000_000, "USD", "11")}
    assert counts(facts) == set()


def test_tables_ja_year_columns_count_what_the_caption_names(tmp_path):
    facts = table_facts(tmp_path, YEARS_JA)
    assert counts(facts) == {
        (3, "project", "THA", "2023年度"), (5, "project", "THA", "2024年度"),
        (1, "project", "PLW", "2023年度"), (2, "project", "PLW", "2024年度"),
    }


def test_tables_en_unruled_pdf_header_wider_than_its_numbers(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "partners.pdf"
    c = Canvas(str(path), pagesize=A4)
    top = A4[1] - 72
    c.drawString(72, top, "Partner countries of the Joint Crediting Mechanism (JCM)")
    # Labels start left of the right-aligned numbers and run past them into the next column.
    labels = [(80, "Country"), (190, "Signed"), (280, "Registered"), (350, "Issuing credits"),
              (440, "Model projects")]
    for x, text in labels:
        c.drawString(x, top - 40, text)
    rows = [("Kenya", "Jun 2013", "2", "1", "4"), ("Lao PDR", "Aug 2013", "3", "", "6"),
            ("Chile", "May 2015", "11", "5", "17"), ("Total (3 countries)", "", "16", "6", "27")]
    for i, row in enumerate(rows):
        y = top - 58 - 18 * i
        c.drawString(80, y, row[0])
        c.drawString(190, y, row[1])
        for right, value in zip((334, 425, 510), row[2:]):
            c.drawRightString(right, y, value)
    c.save()
    done = process(path, "partners.pdf")
    (table,) = done.document.tables
    assert [c.text for c in table.row(0)] == [t for _, t in labels]
    facts = [m for _, _, m in done.mentions if m.rule.startswith("tables:")]
    assert {(v, w) for v, _, s, w in counts(facts) if s == "LAO"} == {
        (3, "registered"), (6, "equipment_subsidy")}
    assert (3, "country", None, "partner_countries") in counts(facts)
    assert ("bilateral_document", ("JPN", "LAO"), "2013-08") in agreements(facts)


# --- tab-separated, whitespace-aligned and one-cell-per-line tables ---------------------------

# fmt: off
TSV_PARTNERS_JA = (
    "JCMパートナー国との署名状況\n"
    "二国間クレジット制度（JCM）の署名国と案件数は次のとおりです。\n"
    "国名\t署名時期\tJCM登録済み\tクレジット発行中\t合計\n"
    "モンゴル\t2013年1月\t3件\t2件\t5件\n"
    "バングラデシュ\t2013年3月\t－\t－\t1件\n"
    "パラオ\t2015年8月\t2件\t\t2件\n"
    "合計\t3か国\t5件\t2件\t8件\n"
)
ALIGNED_PARTNERS_VI = (
    "Tình hình hợp tác JCM với các nước đối tác\n"
    "Quốc gia      Ngày ký          Số dự án       Tổng số\n"
    "                               đã đăng ký     dự án\n"
    "Mông Cổ       tháng 1/2013            3           5\n"
    "Lào           tháng 8/2013            -           2\n"
    "Tổng cộng     2 nước                  3           7\n"
)
ALIGNED_MEETINGS_EN = (
    "Table 3. Record of the Japan–Philippines Joint Committee\n"
    "  No.      Date of            Venue\n"
    "           meeting\n"
    "  1st      14 March 2017      Manila\n"
    "  2nd      6 June 2019        Tokyo\n"
    "  3rd      2 August 2022      Manila\n"
)
LINES_DIALOGUE_JA = (
    "日本・タイ環境政策対話の開催状況\n"
    "回\n開催年\n開催地\n概要\n"
    "第1回\n(2016年)\nバンコク\n大気汚染対策と気候変動について意見を交換した。\n"
    "第2回\n(2018年)\n東京\n廃棄物管理の協力を確認した。\n"
    "第3回\n(2021年)\nオンライン\nJCMの今後の進め方を議論した。\n"
)
LINES_DIALOGUE_VI = (
    "Các phiên Đối thoại chính sách môi trường Việt Nam – Nhật Bản\n"
    "Lần\nThời gian\nĐịa điểm\nNội dung chính\n"
    "Lần thứ 1\n2014\nHà Nội\nHai bên trao đổi về biến đổi khí hậu.\n"
    "Lần thứ hai\n2015\nTokyo\nHai bên thống nhất tăng cường hợp tác.\n"
)
# fmt: on


def events(facts: list) -> set[tuple]:
    return {(m.kind, m.ordinal, m.date, m.place) for m in facts if isinstance(m, EventMention)}


def test_tables_ja_tab_separated_partner_list_gives_counts_and_signings(tmp_path):
    facts = table_facts(tmp_path, TSV_PARTNERS_JA)
    # The "－" cells of バングラデシュ are empty, not counts.
    assert counts(facts) == {
        (3, "project", "MNG", "registered"), (2, "project", "MNG", "issuing"),
        (5, "project", "MNG", "total"), (1, "project", "BGD", "total"),
        (2, "project", "PLW", "registered"), (2, "project", "PLW", "total"),
        (3, "country", None, "partner_countries"), (5, "project", None, "total_registered"),
        (2, "project", None, "total_issuing"), (8, "project", None, "total"),
    }
    assert agreements(facts) == {
        ("bilateral_document", ("JPN", "MNG"), "2013-01"),
        ("bilateral_document", ("BGD", "JPN"), "2013-03"),
        ("bilateral_document", ("JPN", "PLW"), "2015-08"),
    }
    assert all(TSV_PARTNERS_JA[m.start : m.end] == m.surface for m in facts)


def test_tables_vi_aligned_header_over_two_lines_names_its_column(tmp_path):
    facts = table_facts(tmp_path, ALIGNED_PARTNERS_VI)
    # "Số dự án / đã đăng ký" reads as one header: registered projects.
    assert counts(facts) == {
        (3, "project", "MNG", "registered"), (5, "project", "MNG", "total"),
        (2, "project", "LAO", "total"),
        (3, "project", None, "total_registered"), (7, "project", None, "total"),
    }
    assert ("bilateral_document", ("JPN", "LAO"), "2013-08") in agreements(facts)


def test_tables_en_aligned_meeting_table_gives_one_event_per_row(tmp_path):
    facts = table_facts(tmp_path, ALIGNED_MEETINGS_EN)
    assert events(facts) == {
        ("joint_committee", 1, "2017-03-14", "Manila"),
        ("joint_committee", 2, "2019-06-06", "Tokyo"),
        ("joint_committee", 3, "2022-08-02", "Manila"),
    }


def test_tables_ja_one_cell_per_line_dialogues_are_events_once(tmp_path):
    path = tmp_path / "dialogue.txt"
    path.write_text(LINES_DIALOGUE_JA, encoding="utf-8")
    done = process(path, "dialogue.txt")
    facts = [m for _, _, m in done.mentions]
    assert {e for e in events(facts) if e[1] is not None} == {
        ("policy_dialogue", 1, "2016", "Bangkok"),
        ("policy_dialogue", 2, "2018", "Tokyo"),
        ("policy_dialogue", 3, "2021", "online"),
    }
    assert all(LINES_DIALOGUE_JA[m.start : m.end] == m.surface for m in facts)


def test_tables_vi_one_cell_per_line_ordinals_in_words(tmp_path):
    facts = table_facts(tmp_path, LINES_DIALOGUE_VI)
    assert events(facts) == {
        ("policy_dialogue", 1, "2014", "Hanoi"), ("policy_dialogue", 2, "2015", "Tokyo")}


def test_tables_prose_with_tabs_stays_prose(tmp_path):
    text = ("Japan and Kenya\tsigned the bilateral document in June 2013.\n"
            "Since then\t5 projects have been registered in Kenya.\n"
            "Officials\tmet again in Nairobi in 2019.\n")
    path = tmp_path / "prose.txt"
    path.write_text(text, encoding="utf-8")
    done = process(path, "prose.txt")
    assert done.document.tables == []
    assert all(b.kind != "table_row" for b in done.document.blocks)


def test_tables_year_columns_read_the_same_from_pipes_and_tabs(tmp_path):
    tabs = "表5 国別・年度別の採択件数\n\t2023年度\t2024年度\nタイ\t3\t5\nパラオ\t1\t2\n"
    assert counts(table_facts(tmp_path, tabs, "tabs.txt")) == counts(table_facts(tmp_path, YEARS_JA))


@pytest.mark.parametrize(("text", "expected"), [
    ("| Date | Event | Venue |\n| --- | --- | --- |\n| 12 Jan 2026 | 2nd Joint Committee | Dhaka |\n"
     "| 3 Mar 2026 | JCM Seminar | Chittagong |\n",
     {("joint_committee", 2, "2026-01-12"), ("seminar", None, "2026-03-03")}),
    ("| STT | Thời gian | Sự kiện |\n| --- | --- | --- |\n| 1 | 14/3/2025 | Hội nghị Ủy ban hỗn hợp lần thứ 8 |\n"
     "| 2 | 22/8/2025 | Hội thảo JCM tại Cần Thơ |\n",
     {("joint_committee", 8, "2025-03-14"), ("seminar", None, "2025-08-22")}),
])
def test_tables_an_event_name_column_gives_each_row_its_kind_and_ordinal(tmp_path, text, expected):
    """A schedule of different meetings: the event cell names each row's kind and ordinal (no venue needed)."""
    facts = table_facts(tmp_path, text)
    assert {(m.kind, m.ordinal, m.date) for m in facts if isinstance(m, EventMention)} == expected
