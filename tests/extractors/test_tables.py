"""Table rows → facts, through the whole pipeline (load → text tables → segments → extractors)."""

from pathlib import Path

import pytest

from pipeline.process import process
from schemas.records import AgreementMention, CountMention, EventMention

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
    "| Decision by the Joint Committee |\n01 May 26 |\n",
])
def test_tables_text_without_a_table_gives_no_table_facts(tmp_path, text):
    assert table_facts(tmp_path, text) == []
