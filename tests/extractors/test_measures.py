"""Counts carry what they measure, for which period and as of when (extractors/entities/measures.py),
read through the real extractors from sentences written for these tests."""

from __future__ import annotations

import pytest

from extractors.entities.measures import measure_of, period_in, qualify, vocabulary
from pipeline.extract import extract_text
from schemas.records import CountMention


def _counts(text: str, lang: str) -> list[tuple]:
    return [(m.value, m.measure, m.period, m.as_of) for m in extract_text(text, lang)
            if isinstance(m, CountMention)]


def test_the_vocabulary_is_closed_and_named_in_three_languages() -> None:
    vocab = vocabulary()
    assert {"partner_countries", "registered_projects", "issued_projects", "selected_projects",
            "supported_projects", "credit_issuances", "credits", "meetings_held", "participants",
            "documents_signed", "other"} <= set(vocab)
    assert all(row["name_en"] and row["name_ja"] and row["name_vi"] for row in vocab.values())
    assert {row["kind"] for row in vocab.values()} == {"cumulative", "period"}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "環境省は令和6年度の第3次公募で7件の設備補助事業を採択した。",
     [(7, "selected_projects", "2024-04/2025-03 round 3", None)]),
    ("ja", "2025年3月末時点で、タイでは14件のプロジェクトが登録されている。",
     [(14, "registered_projects", None, "2025-03")]),
    ("ja", "JCMのパートナー国は累計で31か国となった。", [(31, "partner_countries", None, None)]),
    ("vi", "Tính đến ngày 30/6/2025, Lào có 5 dự án đã được đăng ký theo JCM.",
     [(5, "registered_projects", None, "2025-06-30")]),
    ("vi", "Trong năm tài chính 2023, Nhật Bản đã lựa chọn 12 dự án để hỗ trợ.",
     [(12, "selected_projects", "2023-04/2024-03", None)]),
    ("en", "As of 31 March 2025, credits had been issued for 9 projects in Mongolia.",
     [(9, "issued_projects", None, "2025-03-31")]),
    ("en", "In the first call of FY2022, the ministry selected 6 model projects.",
     [(6, "selected_projects", "2022-04/2023-03 round 1", None)]),
    ("en", "About 120 participants joined the seminar in 2023.", [(120, "participants", "2023", None)]),
    ("vi", "Hiện Lào có 6 dự án đã được đăng ký, trong đó 2 dự án đã được cấp tín chỉ.",
     [(6, "registered_projects", None, None), (2, "issued_projects", None, None)]),
    ("ja", "カンボジアでは登録済みの案件は9件、発行済みの案件は3件である。",
     [(9, "registered_projects", None, None), (3, "issued_projects", None, None)]),
])
def test_counts_carry_measure_period_and_as_of(lang: str, text: str, expected: list[tuple]) -> None:
    assert _counts(text, lang) == expected


def test_a_running_total_has_no_period_and_a_fiscal_year_span_covers_every_year() -> None:
    assert period_in("これまでに累計で200件を採択した", "ja") is None
    assert period_in("2025〜2027年度の第1回採択案件", "ja") == "2025-04/2028-03 round 1"
    assert period_in("2013年度から2025年度までの採択案件", "ja") == "2013-04/2026-03"
    assert period_in("FY2021-2023", "en") == "2021-04/2024-03"


def test_a_table_column_name_decides_the_measure_and_the_text_above_dates_it() -> None:
    assert measure_of("project", "合計", "ja", "total_registered") == "registered_projects"
    assert measure_of("project", "Total", "en", "total") == "supported_projects"
    above = "Số dự án JCM theo quốc gia (tính đến tháng 6/2025)"
    assert qualify("project", "Số dự án đã đăng ký", "vi", "registered", above).as_of == "2025-06"
    assert qualify("project", "令和5年度 / 件数", "ja", "令和5年度").period == "2023-04/2024-03"


def test_a_count_without_cues_measures_other() -> None:
    assert measure_of("project", "3件のボイラーを導入した", "ja") == "other"
    assert measure_of("country", "ADB supports 9 countries in the region", "en") == "other"
