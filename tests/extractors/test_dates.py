"""Dates: ISO values cut to precision, ranges and lists, eras, yearless days and non-dates."""

from __future__ import annotations

import pytest

from extractors.dates import parse_date
from pipeline.extract import extract_text
from schemas.records import DateMention


def values(text: str, lang: str) -> set[str]:
    return {m.value for m in extract_text(text, lang) if isinstance(m, DateMention)}


# fmt: off
CASES = [
    ("ja", "両国は2019年3月12日に協力文書に署名した。", {"2019-03-12"}),
    ("ja", "覚書は 2018 年 9 月\n 3 日に更新された。", {"2018-09-03"}),
    ("ja", "２０２２年１２月５日に開催。", {"2022-12-05"}),
    ("ja", "平成27年度の事業と令和2年の報告、令和元年5月の会合。", {"2015", "2020", "2019-05"}),
    ("ja", "2022年6月下旬に公表し、2023年1月頃に開始する。", {"2022-06", "2023-01"}),
    ("ja", "2022年から2026年にかけて協力する。", {"2022", "2026"}),
    ("ja", "2026〜2028年度の補助事業を公募する。", {"2026", "2028"}),
    ("ja", "2019年7月10日及び11日に会合を開いた。", {"2019-07-10", "2019-07-11"}),
    ("ja", "2040年度までに削減する。", {"2040"}),
    ("ja", "【掲載日】2023.02.14 発表", {"2023-02-14"}),
    ("vi", "Ngày 12/3/2024, hai bên đã họp tại Hà Nội.", {"2024-03-12"}),
    ("vi", "Quyết định ký ngày 05 tháng\n11 năm 2019 tại Hà Nội.", {"2019-11-05"}),
    ("vi", "Cuộc họp diễn ra vào tháng 9/2023 và tháng 3 năm 2024.", {"2023-09", "2024-03"}),
    ("vi", "Hai nước thiết lập quan hệ năm 2016.", {"2016"}),
    ("vi", "Hạn chót là 09-06-2021.", {"2021-06-09"}),
    ("en", "The plan was signed on March 3, 2022 in Tokyo.", {"2022-03-03"}),
    ("en", "It entered into force on 1st April 2023 and was revised on 9 Feb 2024.", {"2023-04-01", "2024-02-09"}),
    ("en", "Decision adopted | 15 Mar 25 |", {"2025-03-15"}),
    ("en", "The talks of November 2022 began in 2015 under FY2016 and fiscal year 2018 budgets.",
     {"2022-11", "2015", "2016", "2018"}),
    ("en", "Workshops were held on 7 and 8 July 2021.", {"2021-07-07", "2021-07-08"}),
    ("en", "Posted 2023.05.30 by the secretariat.", {"2023-05-30"}),
]
NEGATIVE = [
    ("ja", "会議は9:00-12:00に行い、これまでの3年間の協力を振り返った。"),
    ("ja", "本日、令和5年法律第12号が公布された。"),
    ("ja", "問い合わせ先 03-1234-5678"),
    ("vi", "Thông tư số 12/2019/TT-BTNMT quy định trong 5 năm tới và trong năm nay."),
    ("vi", "Lượt xem: 2024 | Điện thoại: 024.3825.1234"),
    ("en", "The project runs for 3 years, starting yesterday, version 2.10.3."),
    ("en", "See https://example.org/news/2023/04/05/item for details."),
    ("en", "The plant treats 2000 tonnes of waste per day."),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_dates_values(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize("lang,text", NEGATIVE)
def test_dates_not_dates(lang, text):
    assert values(text, lang) == set()


def test_dates_offsets_point_at_the_surface():
    text = "会合は2021年5月20日に開かれた。"
    (m,) = [m for m in extract_text(text, "ja") if isinstance(m, DateMention)]
    assert text[m.start : m.end] == m.surface == "2021年5月20日"
    assert m.precision == "day"


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # the document's own date resolves a later yearless day
        ("ja", "令和4年3月2日\n\n2月20日、東京で会合が開催された。", {"2022-03-02", "--02-20", "2022-02-20"}),
        ("vi", "Cập nhật 10/05/2022\n\nSáng 8/5, hai bên đã họp.", {"2022-05-10", "--05-08", "2022-05-08"}),
        # a year in the same sentence resolves it; 同年 takes the last year named
        ("ja", "2024〜2026年度は、3月1日から4月30日まで公募する。",
         {"2024", "2026", "--03-01", "--04-30", "2024-03-01", "2024-04-30"}),
        ("ja", "令和3年の国会で成立し、同年5月12日に公布された。", {"2021", "2021-05-12"}),
        # no year anywhere: only the yearless value
        ("en", "Ministers met in Jakarta on September 5.", {"--09-05"}),
        ("vi", "Ngày 3/9, hai bộ trưởng đã ký kế hoạch.", {"--09-03"}),
        # a yearless month is kept only with a year in its sentence
        ("en", "In May, the fund approved it for fiscal year 2022.", {"2022-05", "2022"}),
        ("en", "In May, the fund approved it.", set()),
    ],
)
def test_dates_yearless(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ja", "2013年7月", ("2013-07", "month")),
        ("ja", "令和2年10月1日", ("2020-10-01", "day")),
        ("vi", "tháng 7/2013", ("2013-07", "month")),
        ("en", "July 2013", ("2013-07", "month")),
        ("en", " 2019 ", ("2019", "year")),
        ("ja", "48件", None),
    ],
)
def test_dates_parse_date_cell(lang, text, expected):
    assert parse_date(text, lang) == expected
