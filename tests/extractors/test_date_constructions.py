"""Dates in forms real pages use beyond the common ones: capitalised headings, lists of years
(each year a date of its own), fiscal-year ranges within an era, a span of months in one year,
day-first numeric dates with dots or dashes, and dates in kanji numerals (tategaki, formal notices)."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_text
from schemas.records import DateMention


def spans(text: str, lang: str) -> list[tuple[str, str]]:
    return sorted((m.value, m.surface) for m in extract_text(text, lang) if isinstance(m, DateMention))


# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    ("en", "ANNUAL REVIEW | NOVEMBER 2025", {"2025-11"}),
    ("en", "Signed on 4 APRIL 2023 in Tokyo.", {"2023-04-04"}),
    ("vi", "Hà Nội, Ngày 15 Tháng 6 Năm 2023", {"2023-06-15"}),
    ("vi", "BÁO CÁO THÁNG 6 NĂM 2023", {"2023-06"}),
    ("ja", "令和4～6年度の事業計画", {"2022", "2024"}),
    ("ja", "令和4・5年度に実施した。", {"2022", "2023"}),
    ("ja", "2023年4～6月期の実績", {"2023-04", "2023-06"}),
    ("en", "Minutes of 21.09.2023 and of 05-10-2023.", {"2023-09-21", "2023-10-05"}),
    ("ja", "二〇二二年十月七日、両国は覚書に署名した。", {"2022-10-07"}),
    ("ja", "令和五年十二月二十日付けの通知", {"2023-12-20"}),
    ("ja", "二〇一九年三月の会合、二〇二一年の報告", {"2019-03", "2021"}),
    ("ja", "第十一回会合と十三件の案件", set()),
    # a year and month with a slash (a table's 年/月 column); not a span of two years (2018/19)
    ("ja", "運転開始：2021/11、完工：2023/04", {"2021-11", "2023-04"}),
    ("ja", "2018/19年の冬季と2015/16シーズン", set()),
    ("ja", "運転開始：2021/11/5", {"2021-11-05"}),
    # a version number, a ratio: no month
    ("ja", "Windows 2019/10 版を使用した。", set()),
    ("ja", "比率は2020/12で計算した。", set()),
    # a two-digit fiscal year of news (26年度 = 2026年度), unless the document names an era
    ("ja", "補助金は26年度に倍増し、29年度まで続く。", {"2026", "2029"}),
    ("ja", "平成26年度に始まった事業は、28年度に拡大した。", {"2014"}),
    ("ja", "過去12年度分の実績と第15年度の報告", set()),
    # both ends of 24年度～26年度; 12年度 may be Heisei 12 (2000): no year
    ("ja", "補助事業は24年度～26年度に実施する。", {"2024", "2026"}),
    ("ja", "12年度の実績を報告する。", set()),
    # a citation's year in brackets; not a bracketed count
    ("ja", "国立環境研究所（2021）の推計によれば", {"2021"}),
    ("ja", "参加者（2000人）が集まった", set()),
])
def test_dates_in_headings_ranges_and_numeric_forms(lang, text, expected):
    assert {v for v, _ in spans(text, lang)} == expected


@pytest.mark.parametrize("lang,text,expected", [
    # fiscal years in the forms of forms and tables: era initials, FY in Japanese text, "fiscal 2024"
    ("ja", "H27年度からR6年度までの実績", {"2015", "2024"}),
    ("ja", "FY2024の予算で支援した。", {"2024"}),
    ("ja", "UNFCCC4年の報告", set()),  # a Latin letter before the initial: not an era
    ("ja", "署名日：H25.7.2、改定日：R6/4/1", {"2013-07-02", "2024-04-01"}),
    ("en", "Updated 2024 Jul 2 by the secretariat.", {"2024-07-02"}),
    ("en", "Targets for end-2026 were set at the Berlin 2025 summit.", {"2026"}),  # "in" inside Berlin is no word
    ("en", "Data from Berlin 2023 and 2024 were compared in 2022 and 2021.", {"2022", "2021"}),
    ("ja", "説明会は7/2（火）、予算の1/3を充てる。", {"--07-02"}),
    ("en", "Results for fiscal 2024 were published.", {"2024"}),
    # seasons and quarters name their year
    ("en", "The plant opens in spring 2026, and Q3 2025 saw the final tests.", {"2025", "2026"}),
    ("vi", "Dự án hoàn thành trong quý III/2025, sớm hơn quý 4 năm 2026.", {"2025", "2026"}),
    # a year in brackets after what happened in it
    ("en", "The Paris Agreement (2015) set the goal.", {"2015"}),
    ("vi", "Thỏa thuận Paris (2015) đặt mục tiêu.", {"2015"}),
    # spaces around the slashes
    ("vi", "Ngày 5 / 12 / 2025, hai bên đã họp.", {"2025-12-05"}),
    # the year in both calendars, the other one in brackets: one date
    ("ja", "2025年（令和7年）3月31日時点の集計", {"2025-03-31"}),
    ("ja", "令和6（2024）年10月に公表した。", {"2024-10"}),
    # a span of years after a preposition, and a fiscal year named after its year
    ("en", "Projects selected during 2013–2025 and in the 2026 fiscal year.", {"2013", "2025", "2026"}),
])
def test_dates_fiscal_seasonal_bracketed_and_spaced_forms(lang, text, expected):
    assert {v for v, _ in spans(text, lang)} == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a list of three days names each of them
    ("en", "Talks were held on 8, 9 and 10 July 2024.", {"2024-07-08", "2024-07-09", "2024-07-10"}),
    ("ja", "令和6年7月8日（月）、9日（火）及び10日（水）に開催", {"2024-07-08", "2024-07-09", "2024-07-10"}),
    ("vi", "Trong các ngày 8, 9 và 10/7/2024, hai bên đã họp.", {"2024-07-08", "2024-07-09", "2024-07-10"}),
    # a range whose first day has no 日 of its own
    ("ja", "2024年7月8〜10日に開催した。", {"2024-07-08", "2024-07-10"}),
    ("ja", "2024年7月8・9日の会合", {"2024-07-08", "2024-07-09"}),
    # weekdays inside a range that spans two months
    ("en", "The fair runs from 30 June (Mon) to 2 July (Wed) 2025.", {"2025-06-30", "2025-07-02"}),
    ("en", "Monday 30 June to Wednesday 2 July 2025", {"2025-06-30", "2025-07-02"}),
    # a span of months names both, across a new year when the month goes down
    ("en", "The call ran from April to June 2024.", {"2024-04", "2024-06"}),
    ("en", "Trials ran November–February 2025.", {"2024-11", "2025-02"}),
    ("vi", "Trong tháng 4-6/2024, dự án đã vận hành.", {"2024-04", "2024-06"}),
    ("vi", "Mùng 4/6, hai bên đã họp.", {"--06-04"}),
])
def test_dates_lists_of_three_days_and_ranges_with_one_day_mark(lang, text, expected):
    assert {v for v, _ in spans(text, lang)} == expected


@pytest.mark.parametrize("lang,text,expected", [
    # OCR reads a dash between numbers as the kanji 一
    ("ja", "令和7年度の公募は2026一2028年度分を対象とする。", {"2025", "2026", "2028"}),
    # a hyphen glued to the day word, and a year wrapped onto the next line of a PDF
    ("vi", "Chiều-14/3, hai bên đã họp.", {"--03-14"}),
    ("vi", "Hôm 14/3, hai bên đã họp.", {"--03-14"}),
    # a dateline whose 日 OCR lost, and multi-word year prefixes wrapped across lines
    ("ja", "会合の報告\n\n2023年11月20\n\n会合には多くの関係者が集まった。", {"2023-11-20"}),
    ("vi", "Dự án được hỗ trợ trong năm tài\nchính 2022.", {"2022"}),
    ("en", "It was selected for the financial\nyear 2022.", {"2022"}),
    ("en", "The fund has financed projects since\n2014, mostly in Asia.", {"2014"}),
])
def test_dates_read_through_ocr_and_pdf_line_breaks(lang, text, expected):
    assert {v for v, _ in spans(text, lang)} == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The two meetings took place in 2021 and 2022.", [("2021", "in 2021"), ("2022", "2022")]),
    ("vi", "Hội nghị được tổ chức vào năm 2021 và 2022.", [("2021", "năm 2021"), ("2022", "2022")]),
    ("ja", "2021、2022年に開催した。", [("2021", "2021"), ("2022", "2022年")]),
])
def test_dates_a_list_of_years_names_each_year_on_its_own(lang, text, expected):
    assert spans(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("en", "In 2021, 2000 people came and we may meet."),
    ("ja", "令和4年、3年後に見直す。"),
    ("ja", "令和4年から10年間の計画"),
])
def test_dates_lists_need_a_list_word_and_a_later_year(lang, text):
    assert {v for v, _ in spans(text, lang)} <= {"2021", "2022"}


@pytest.mark.parametrize("lang,text,expected", [
    # a year used as a modifier after a determiner or a possessive
    ("en", "The ministry revised the 2035 target and Viet Nam's 2050 pathway.", {"2035", "2050"}),
    ("en", "Its 2030 NDC was submitted.", {"2030"}),
    ("en", "The 1500 delegates and the 2000 participants came.", set()),  # counts, not years
    # each year of a list of three or more
    ("en", "Reports came out in 2019, 2020 and 2022.", {"2019", "2020", "2022"}),
    ("vi", "Hội nghị họp vào các năm 2018, 2020 và 2022.", {"2018", "2020", "2022"}),
    # Vietnamese years without "năm" after a preposition or a goal word
    ("vi", "Kể từ 2015, hai bên hợp tác; mục tiêu 2045 là trung hòa.", {"2015", "2045"}),
    ("vi", "Số đại biểu tăng từ 2000 lên 2400 người.", set()),  # numbers of people
    # a day-month-year with dashes and a month name, as forms write it
    ("en", "Valid from 7-Feb-2025 onwards.", {"2025-02-07"}),
    # the short 同5日 of a release: the 5th of the month named before (not 同10日間, a duration)
    ("ja", "2025年6月2日に署名し、同9日に発効した。", {"2025-06-02", "2025-06-09"}),
    ("ja", "2025年6月2日から同10日間の日程で", {"2025-06-02"}),
    # a fraction in brackets is no day; a bracketed day closes its bracket
    ("vi", "Khoảng (1/3 số dự án) đã hoàn thành; hội nghị (20/9) đã kết thúc.", {"--09-20"}),
    # Vietnamese month names written as words after "tháng"
    ("vi", "Hội nghị diễn ra ngày 9 tháng Tư năm 2025, sau đợt họp tháng Mười Hai năm 2024.", {"2025-04-09", "2024-12"}),
])
def test_dates_attributive_years_year_lists_and_dashed_days(lang, text, expected):
    assert {v for v, _ in spans(text, lang)} == expected
# fmt: on


@pytest.mark.parametrize("lang,text,expected", [
    # a version number is no date, though it reads as an era date or a dotted one
    ("ja", "ソフトは ver R1.2.3 に更新し、署名日：R6.4.1 とした。", {"2024-04-01"}),
    ("ja", "バージョン 2024.10.1 を公開した。", set()),
    ("en", "Release notes for version 2023.10.1, issued 2023.11.2; moreover 2023.12.4 too.",
     {"2023-11-02", "2023-12-04"}),
    # a number of people or a capacity after of/around/by is a quantity, not a year
    ("en", "A total of 2000 people and around 2030 households took part, by 2030 tonnes of 2024 MW.", set()),
    ("en", "The plan runs up to 2050; in 2025 the ministers met.", {"2050", "2025"}),
    # a number glued to a name (COP28, G20) is no day of the month after it
    ("en", "The COP28 December talks and the G20 October summit ended on 5 December 2023.", {"2023-12-05"}),
    # a span of years without a word before it names both years, in Vietnamese as in English
    ("vi", "Giai đoạn 1 (2021-2025) và giai đoạn 2 2026–2030.", {"2021", "2025", "2026", "2030"}),
    ("vi", "Hotline 1900-1234, mã 2021-2025A.", set()),
    # a year in a document number with its issuer between (環境省告示第10号) is no date
    ("ja", "令和7年環境省告示第10号と令和6年環境省令第3号は、令和7年の報告にある。", {"2025"}),
    ("vi", "Chỉ thị 13/2019 và Công văn 5/2024 dẫn chiếu Luật năm 2020.", {"2020"}),
    # a span of years without from/between, and a year named by both its years (2018/2019)
    ("en", "Projects for 2021 to 2030 cover the 2018/2019 season.", {"2021", "2030", "2018", "2019"}),
    ("vi", "Niên vụ 2023/2024 đạt kết quả tốt; số 2019/2020 là số hiệu.", {"2023", "2024"}),
    # a decade is no calendar year
    ("ja", "2020年代後半に1990年代の水準へ戻し、2030年に達成する。", {"2030"}),
    ("ja", "二〇二〇年代に入り、二〇二四年に合意した。", {"2024"}),
    ("vi", "Từ những năm 1990 đến năm 2013, hai nước hợp tác.", {"2013"}),
    # an Indian fiscal year is no month (FY2011-12 is not December 2011)
    ("en", "The FY2011-12 budget and the 2024-05 report.", {"2011", "2024-05"}),
])
def test_dates_versions_and_quantities_are_not_years(lang, text, expected):
    assert {v for v, _ in spans(text, lang)} == expected
