"""Dates: ISO values cut to precision, ranges and lists, eras, yearless days and months, the
document's own date, and non-dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.entities.dates import parse_date
from extractors.entities.published import DatedSpot, document_date_of
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
    # ranges: both ends; a year written once is both ends' (across New Year, the adjacent one)
    ("en", "The workshop ran from 28 November to 2 December 2025 in Da Nang.", {"2025-11-28", "2025-12-02"}),
    ("en", "Delegates met on Monday, 10 March 2025, and on November 3-4, 2025.",
     {"2025-03-10", "2025-11-03", "2025-11-04"}),
    ("vi", "Hội chợ diễn ra từ ngày 18 đến ngày 20/11/2025 tại TP.HCM.", {"2025-11-18", "2025-11-20"}),
    ("vi", "Đoàn công tác làm việc từ 30/12 đến 2/1/2026 tại Tokyo.", {"2025-12-30", "2026-01-02"}),
    ("vi", "Kế hoạch được ký ngày 5 và 6 tháng 8 năm 2024.", {"2024-08-05", "2024-08-06"}),
    ("ja", "2025年12月28日から1月4日まで窓口を閉じる。", {"2025-12-28", "2026-01-04"}),
    ("ja", "説明会は2026年2月5日（木・祝）に開く。", {"2026-02-05"}),
]
NEGATIVE = [
    ("ja", "会議は9:00-12:00に行い、これまでの3年間の協力を振り返った。"),
    ("ja", "本日、令和5年法律第12号が公布された。"),
    ("ja", "問い合わせ先 03-1234-5678"),
    ("vi", "Thông tư số 12/2019/TT-BTNMT quy định trong 5 năm tới và trong năm nay."),
    ("vi", "Lượt xem: 2024 | Điện thoại: 024.3825.1234"),
    ("en", "The project runs for 3 years, starting yesterday, version 2.10.3."),
    ("en", "See https://example.org/news/2023/04/05/item for details."),
    # an address without its scheme, and a file name, are no text to date
    ("en", "Source: env.go.jp/press/2023/04/05/release.html, file image_2024-05-12.png"),
    ("vi", "Nguồn: baotainguyenmoitruong.vn/2023/04/05/tin-jcm; tải về bao-cao_12-5-2024.pdf"),
    ("en", "The plant treats 2000 tonnes of waste per day."),
    ("en", "Sessions run 10:00-12:00 in rooms 10-12 of building 3."),
    ("vi", "Tỷ lệ hộ tham gia tăng từ 1/3 đến 2/3 trong giai đoạn này."),
    ("ja", "3日から5日間の研修を行う。"),
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
        # a yearless month is given only its resolved value: from a year in its sentence
        ("en", "In May, the fund approved it for fiscal year 2022.", {"2022-05", "2022"}),
        ("en", "In May, the fund approved it.", set()),
        # yearless ranges: both ends
        ("en", "Talks are set for 10–12 February in Hanoi.", {"--02-10", "--02-12"}),
        ("en", "Delegates gathered from 27 February to 3 March.", {"--02-27", "--03-03"}),
        ("en", "The mission arrived on Nov. 13, left on 15 November and wrote on October 2nd.",
         {"--11-13", "--11-15", "--10-02"}),
        ("vi", "Hội thảo 18–20/11 có 200 đại biểu tham dự.", {"--11-18", "--11-20"}),
        ("vi", "Đoàn làm việc từ ngày 29/6 đến 1/7 tại Nhật Bản.", {"--06-29", "--07-01"}),
        ("ja", "11月18日（火）～20日（木）に開催。", {"--11-18", "--11-20"}),
        # a range of days only: the month (and year) of the date named before
        ("ja", "2025年11月の会合は、18日から20日にかけて開いた。", {"2025-11", "2025-11-18", "2025-11-20"}),
        ("ja", "会合は3月2日に開かれ、同月9日に報告書が出た。", {"--03-02", "--03-09"}),
    ],
)
def test_dates_yearless(lang, text, expected):
    assert values(text, lang) == expected


# fmt: off
MENU = {"en": "Home\n\nAbout us\n\nNews\n\nContact\n\n",
        "vi": "Trang chủ\n\nGiới thiệu\n\nTin tức\n\nLiên hệ\n\n",
        "ja": "ホーム\n\n組織案内\n\n報道発表\n\nお問い合わせ\n\n"}
PAGES = [
    # a labelled date after menus and headings; "Updated" only without a publication label
    ("en", ("Cooperation on low-carbon cities\n\nPosted: 17 February 2026\n\n"
            "The agreement was signed on February 3 in Tokyo."), {"2026-02-17", "--02-03", "2026-02-03"}),
    ("en", "Published: 14 Nov 2025, 07:32 PM | Updated: 20 Nov 2025\n\nThe ministers met on November 13.",
     {"2025-11-14", "2025-11-20", "--11-13", "2025-11-13"}),
    ("en", "Last updated: 2 March 2026\n\nOfficials met on 27 February.",
     {"2026-03-02", "--02-27", "2026-02-27"}),
    ("vi", "Cập nhật lúc 10:30 ngày 05/01/2026\n\nNgày 28/12, đoàn công tác đã làm việc tại Hà Nội.",
     {"2026-01-05", "--12-28", "2025-12-28"}),
    ("vi", "Ngày đăng: 12/03/2026\n\nHội thảo 18–20/11 đã thu hút nhiều doanh nghiệp.",
     {"2026-03-12", "--11-18", "--11-20", "2025-11-18", "2025-11-20"}),
    ("ja", "公開日：2025年6月3日\n\n5月28日に東京で会合が開催されました。3月期の決算も公表された。",
     {"2025-06-03", "--05-28", "2025-05-28"}),
    ("ja", "2025年12月24日 公開\n\n12月18日（木）から19日（金）まで開催した。",
     {"2025-12-24", "--12-18", "--12-19", "2025-12-18", "2025-12-19"}),
    # a dateline; what is to come is the next such day
    ("en", "TOKYO, 18 November 2025 – Ministers agreed on 17 November to hold talks on January 20.",
     {"2025-11-18", "--11-17", "2025-11-17", "--01-20", "2026-01-20"}),
    ("vi", "Hà Nội, 23/01/2026 – Sáng 21/1, hai bên đã ký biên bản.", {"2026-01-23", "--01-21", "2026-01-21"}),
    # yearless months: the most recent one, the next one in a future sentence; never one that
    # recurs every year, nor one in a sentence that gives its year relatively (last year's
    # September, 来年3月): that is a relative date
    ("en", ("Posted on 5 January 2026 by the secretariat\n\nThe forum was held in Jakarta in December. "
            "It will meet again in March. Every year in April, the report is published."),
     {"2026-01-05", "2025-12", "2026-03"}),
    # ...of another year only within half a year of the page's date (March in a February page is
    # no month the page makes clear)
    ("en", "Posted: 17 February 2026\n\nThe forum was held in March. It met again in December.",
     {"2026-02-17", "2025-12"}),
    ("vi", ("Ngày đăng: 20/11/2025\n\nHội nghị năm ngoái diễn ra vào tháng 9. Dự kiến vào tháng 2 hai bên sẽ họp. "
            "Tháng 4 hàng năm, hai bên trao đổi số liệu."), {"2025-11-20", "2026-02"}),
    ("ja", ("報道発表資料 令和８年１月１５日\n\n昨年12月に署名した。2月に開催された会合を受け、今年3月に開催する予定。"
            "来年3月にも着工したい。毎年4月に公表する。"), {"2026-01-15", "2026-02", "2026-03"}),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", PAGES)
def test_dates_resolved_from_the_page_date(lang, text, expected):
    assert values(MENU[lang] + text, lang) == expected


def _spot(value: str, block: int, text: str, lang: str = "en", derived: bool = False) -> DatedSpot:
    y, m, d = value.split("-")
    surface = next(s for s in (f"{int(d)} {_EN_MONTHS[int(m) - 1]} {y}", f"{y}年{int(m)}月{int(d)}日",
                               f"{d}/{m}/{y}") if s in text)
    start = text.index(surface)
    return DatedSpot(value, block, start, start + len(surface), text, lang, derived)


_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]


def test_document_date_prefers_labels_then_datelines_then_the_first_blocks():
    body = _spot("2024-03-01", 1, "The fund was set up on 1 March 2024 to finance projects across the region.")
    label = _spot("2025-06-03", 30, "Posted on 3 June 2025 by the secretariat")
    updated = _spot("2025-06-09", 2, "Last updated: 9 June 2025")
    dateline = _spot("2025-05-30", 12, "Manila, 30 May 2025 – The ministers met.")
    assert document_date_of((body, updated, dateline, label)) == (2025, 6, 3)
    assert document_date_of((body, updated, dateline)) == (2025, 6, 9)
    assert document_date_of((body, dateline)) == (2025, 5, 30)
    assert document_date_of((body,)) == (2024, 3, 1)
    # beyond the first blocks, or resolved from another date: not the document's own date
    assert document_date_of((_spot("2024-03-01", 9, body.text),)) is None
    assert document_date_of((_spot("2025-06-03", 0, label.text, derived=True),)) is None


def test_document_date_a_date_alone_in_brackets_at_the_foot_is_the_page_date():
    # a news item dated at its foot, "（2024年3月5日）" as its own line, over a narrated date above
    told = _spot("2011-10-04", 0, "両国は2011年10月4日に協力文書に署名し、協力を続けてきた。", "ja")
    foot = _spot("2024-03-05", 3, "（2024年3月5日）", "ja")
    assert document_date_of((told, foot)) == (2024, 3, 5)
    # a bracketed date that goes on with words is no page date of its own
    aside = _spot("2024-03-05", 3, "（2024年3月5日に改定）", "ja")
    assert document_date_of((told, aside)) == (2011, 10, 4)


def test_document_date_labels_are_labels_not_prose():
    prose = _spot("2024-03-01", 0, "The report, published on 1 March 2024, shows that emissions fell "
                                   "sharply in the sector after the new rules took effect.")
    later = _spot("2025-01-10", 3, "Hà Nội, 10/01/2025 – Hai bên họp.", "vi")
    assert document_date_of((prose, later)) == (2025, 1, 10)
    ja = _spot("2025-12-09", 25, "【掲載日】2025年12月9日", "ja")
    vi = _spot("2026-03-12", 20, "Ngày đăng: 12/03/2026 | Lượt xem: 120", "vi")
    assert document_date_of((later, vi, ja)) == (2026, 3, 12)


@settings(max_examples=30, deadline=None)
@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
       st.integers(min_value=1, max_value=360))
def test_a_narrated_day_is_the_most_recent_one(published: date, back: int):
    """...and is given a year only in the page's year or, across a new year, up to half a year
    back: a day of the year before that the page's date does not make clear."""
    day = published - timedelta(days=back)
    page = f"Posted: {published.day} {_EN_MONTHS[published.month - 1]} {published.year}\n\n" \
           f"The ministers met on {_EN_MONTHS[day.month - 1]} {day.day}."
    resolved = values(page, "en") - {published.isoformat()}
    clear = day.year == published.year or back <= 183
    assert resolved == {day.strftime("--%m-%d")} | ({day.isoformat()} if clear else set())


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


# --- days named without their month (Japanese news) -------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # only resolved: the text names no month, so there is no --MM-DD (as for 現地時間8日)
    ("2025年11月5日\n\n【ハノイ＝共同】ハノイ市内で3日、新しい発電所の稼働式典が開かれた。",
     {"2025-11-05", "2025-11-03"}),
    ("2025年11月5日\n\n東京で28日に両国の会合が開かれた。", {"2025-11-05", "2025-10-28"}),
    ("2026年1月4日\n\n政府は30日午前、新たな方針を発表した。", {"2026-01-04", "2025-12-30"}),
    ("2025年11月5日\n\n同社は10日に新工場の式典を開催する予定だ。", {"2025-11-05", "2025-11-10"}),
    # the month of a yearless day named before it in the sentence: yearless as that day is
    ("2025年12月10日\n\n代表団は11月3日にハノイに到着し、5日に式典に出席した。",
     {"2025-12-10", "--11-03", "2025-11-03", "--11-05", "2025-11-05"}),
    ("2025年12月10日\n\n代表団は2025年11月3日にハノイに到着し、5日に式典に出席した。",
     {"2025-12-10", "2025-11-03", "2025-11-05"}),
])
def test_dates_a_day_alone_takes_the_month_of_the_news_date(text, expected):
    assert values(text, "ja") == expected


@pytest.mark.parametrize("text", [
    "2025年11月5日\n\n研修は3日間にわたり行われ、参加者は毎月3日に報告する。",
    "2025年11月5日\n\n処理能力は1日当たり200トンで、工期は2日目に入った。",
    "2025年11月5日\n\n第3日の会合と、1〜3日の日程が示された。",
    "2025年11月5日\n\n施設は1日に500トンを処理し、1日の発電量は週2日の点検日を除き一定だ。",
])
def test_dates_durations_and_recurring_days_are_not_news_days(text):
    assert values(text, "ja") == {"2025-11-05"}


def test_dates_a_day_alone_needs_the_document_date():
    assert values("ハノイ市内で3日、式典が開かれた。", "ja") == set()


@settings(max_examples=40, deadline=None)
@given(st.dates(date(2021, 1, 1), date(2027, 12, 31)), st.integers(1, 28))
def test_dates_a_news_day_is_the_latest_such_day_up_to_the_news_date(published, day):
    text = f"{published.year}年{published.month}月{published.day}日\n\n東京で{day}日、会議が開かれた。"
    when = published.replace(day=day) if day <= published.day else (published.replace(day=1) - timedelta(days=1)).replace(day=day)
    assert values(text, "ja") == {published.isoformat(), when.isoformat()}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the local day of a meeting dated in Japan time, in the month before across midnight
    ("ja", "2024年11月20日(現地時間19日)、バクーで会合を開いた。", {"2024-11-20", "2024-11-19"}),
    ("ja", "2025年3月1日（現地時間28日）に署名した。", {"2025-03-01", "2025-02-28"}),
    ("ja", "2023年5月10日 17:00 公表、2022-08-31 更新", {"2023-05-10", "2022-08-31"}),
    ("en", "Deadline: July 3 rd 2019; signed on 9, March 2021 (August FY2020).",
     {"2019-07-03", "2021-03-09", "2020-08"}),
    ("en", "Filed 25/03/2024 and 03/25/2023.", {"2024-03-25", "2023-03-25"}),
    ("en", "The report for 2022 was short.", {"2022"}),
    ("vi", "Thứ 5, 13/03/2025 - 09:10. Sáng 12-3, đoàn đến. Năm tài chính 2024 đã khép lại.",
     {"2025-03-13", "--03-12", "2025-03-12", "2024"}),
    ("vi", "Nghị định 08/2022/NĐ-CP và Thông tư 01/2022 được ban hành. Diện tích lúa vụ xuân 2024 tăng.",
     {"2024"}),
    # a target year beside a yearless day is not its year
    ("en", "On May 20th, the agency set a target of 40 projects by 2030.", {"--05-20", "2030"}),
    ("ja", "5月20日、2030年までに40件を目指すと発表した。", {"--05-20", "2030"}),
    ("ja", "9月5日、2030年の目標に向けて会合を開いた。", {"--09-05", "2030"}),
    # nor the end of a span of fiscal years (25年度にかけて, 2025年度まで)
    ("ja", "掲載日：2024年11月5日\n\n12月から25年度にかけて実施する。", {"2024-11-05", "2024-12", "2025"}),
    ("ja", "掲載日：2024年11月5日\n\n12月から2025年度まで実施する。", {"2024-11-05", "2024-12", "2025"}),
    ("en", "On September 5, the agency confirmed the 2030 target of 40 projects.", {"--09-05", "2030"}),
    ("vi", "Ngày 5/9, hai bên thống nhất mục tiêu 2050.", {"--09-05", "2050"}),
    # nor is a year the partnership started in (since 1992, kể từ năm 2013, 2013年以来)
    ("en", "On September 5, the two sides, partners since 1992, met in Baku.", {"--09-05", "1992"}),
    ("vi", "Ngày 5/9, hai bên đánh giá hợp tác kể từ năm 2013.", {"--09-05", "2013"}),
    ("ja", "2013年以来、両国は協力を続け、9月5日に会合を開いた。", {"--09-05", "2013"}),
])
def test_dates_local_days_numeric_forms_and_targets(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a page without a date of its own: its title line's year is the year of its yearless days
    ("ja", "出張報告（2023年秋）\n\n10/2（月）バンコク着。10/3（火）工場を視察。",
     {"2023", "--10-02", "2023-10-02", "--10-03", "2023-10-03"}),
    ("vi", "Lịch làm việc của Vụ Hợp tác quốc tế (tuần 41/2023)\n\n- Thứ 3 (10/10): Họp với JICA.",
     {"2023", "--10-10", "2023-10-10"}),
    ("en", "Site visits to Mongolia, autumn 2023\n\nWe reached Ulaanbaatar on 2 October.",
     {"2023", "--10-02", "2023-10-02"}),
    # a title's year closing its line after a comma; a range's weekdays are each of its own end
    ("en", "Agenda of the partner week, 2023\n\nTuesday, May 9 — Opening.\n\nWed 10 May: site visits.",
     {"2023", "--05-09", "2023-05-09", "--05-10", "2023-05-10"}),
    ("ja", "2023年 JCM研修のご案内\n\n・5月9日（火）～11日（木）東京",
     {"2023", "--05-09", "2023-05-09", "--05-11", "2023-05-11"}),
    ("en", "Totals were 1500, 2023", set()),
    # January to March of a fiscal year's title are in the next year; a weekday that belies
    # the title's year leaves the day without one
    ("ja", "2023年度 JCM研修日程表\n\n6/6（火）東京、2/7（水）大阪",
     {"2023", "--06-06", "2023-06-06", "--02-07", "2024-02-07"}),
    ("ja", "出張報告（2023年秋）\n\n10/2（月）バンコク着。10/4（月）工場を視察。",
     {"2023", "--10-02", "2023-10-02", "--10-04"}),
    # an English fiscal year has no fixed bounds (April to March in Japan, October to September in
    # the US): its days get no year from it; FY on a Japanese page is 年度, April to March
    ("en", "JCM Model Project call for proposals, FY2024\n\nApplications close on 14 February. "
           "Results are announced on 28 March.", {"2024", "--02-14", "--03-28"}),
    ("en", "Call for proposals, fiscal year 2024\n\nApplications open on 14 June.", {"2024", "--06-14"}),
    ("ja", "JCM設備補助事業 公募（FY2024）\n\n締切は2/14（金）、開始は6/6（木）。",
     {"2024", "--02-14", "2025-02-14", "--06-06", "2024-06-06"}),
    # not a target year of the title, nor a title with two years, nor a year below the title
    ("en", "Toward the 2030 target\n\nThe panel meets on 2 October.", {"2030", "--10-02"}),
    ("en", "Reviews of 2022 and 2023\n\nThe panel met on 2 October.", {"2022", "2023", "--10-02"}),
    ("en", "Notes from the field\n\nIn 2023 we planned a trip.\n\nWe left on 2 October.",
     {"2023", "--10-02"}),
    ("en", "Looking back at spring 2015\n\nIn 2024 the panel met again, on 2 October.",
     {"2015", "2024", "--10-02", "2024-10-02"}),
    ("en", "Looking back at spring 2015\n\nThe panel met again in 2024.\n\nIt met on 2 October.",
     {"2015", "2024", "--10-02"}),
    # what is to come under a title's year, or before the title's month, may be in the next year:
    # no year, unless a weekday beside the day fits the title's year
    ("en", "Annual Report, 2023\n\nThe next Joint Committee will meet on 12 February.", {"2023", "--02-12"}),
    ("en", "Annual Report, 2023\n\nThe Joint Committee met on 12 February.", {"2023", "--02-12", "2023-02-12"}),
    ("en", "Meeting notes (November 2024)\n\nThe next meeting is on 15 January.", {"2024-11", "--01-15"}),
    ("en", "Meeting notes (November 2024)\n\nWe met the partners on 15 November.",
     {"2024-11", "--11-15", "2024-11-15"}),
    ("ja", "2023年 JCM研修のご案内\n\n5月9日（火）に東京で開催します。", {"2023", "--05-09", "2023-05-09"}),
    ("ja", "2023年 JCM研修のご案内\n\n5月9日に東京で開催します。", {"2023", "--05-09"}),
    # the next day (翌N日) is the day after the last day named, in its month and year
    ("ja", "視察記録（2023年夏）\n\n7/31（月）到着。帰国は翌1日の早朝便。", {"2023", "--07-31", "2023-07-31", "2023-08-01"}),
    ("ja", "掲載日：2023年8月20日\n\n8月9日に署名し、翌10日に帰国した。",
     {"2023-08-20", "--08-09", "2023-08-09", "2023-08-10"}),
    # a 翌 day that is not the next one is a news day as before
    ("ja", "掲載日：2023年8月20日\n\n8月9日に署名し、翌15日に報告した。",
     {"2023-08-20", "--08-09", "2023-08-09", "--08-15", "2023-08-15"}),
])
def test_dates_a_title_year_dates_the_days_of_an_undated_page(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the weekday written beside a yearless day picks its year around the page's date, whatever
    # a past word further off says ("registered" is not when the forum is)
    ("vi", "Ngày đăng: 02/12/2025\n\nQuý vị đã đăng ký dự hội nghị, diễn ra vào Thứ Tư, ngày 10/12 tại Hà Nội.",
     {"2025-12-02", "--12-10", "2025-12-10"}),
    ("en", "Posted: 2 December 2025\n\nThe forum you were registered for is on Wednesday, December 10, in Hanoi.",
     {"2025-12-02", "--12-10", "2025-12-10"}),
    ("ja", "掲載日：2025年12月2日\n\n参加登録は締め切った、12月10日（水）の会合について。",
     {"2025-12-02", "--12-10", "2025-12-10"}),
    # a weekday that fits no year near the page's date changes nothing
    ("en", "Posted: 2 December 2025\n\nThe forum you were registered for is on Monday, December 10, in Hanoi.",
     {"2025-12-02", "--12-10"}),
    # an ordinal is no weekday (lần thứ 2: the second time; Hội nghị thứ 2: the second conference),
    # nor a name after a comma (Sun Group); a small-letter weekday after a word that leads a day is
    ("vi", "Lịch công tác (tuần 2/2025)\n\n- Hội nghị lần thứ 2 (ngày 7/1)", {"2025", "--01-07", "2025-01-07"}),
    ("vi", "Ngày đăng: 28/12/2025\n\nHội nghị lần thứ 2 (5/1) đã diễn ra tốt đẹp.",
     {"2025-12-28", "--01-05", "2025-01-05"}),
    ("vi", "Ngày đăng: 28/12/2025\n\nHội nghị thứ 2 (5/1) đã diễn ra tốt đẹp.",
     {"2025-12-28", "--01-05", "2025-01-05"}),
    ("vi", "Ngày đăng: 02/12/2025\n\nQuý vị đã đăng ký, hội nghị diễn ra sáng thứ 4 (10/12) tại Hà Nội.",
     {"2025-12-02", "--12-10", "2025-12-10"}),
    ("en", "Posted: 20 December 2025\n\nOn 4 January, Sun Group signed the deal.",
     {"2025-12-20", "--01-04", "2025-01-04"}),
    ("en", "Posted: 2 December 2025\n\nThe forum you were registered for is on December 10, Wednesday, in Hanoi.",
     {"2025-12-02", "--12-10", "2025-12-10"}),
])
def test_dates_a_weekday_beside_a_day_picks_its_year(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a week of a year names the year; a crop season over two years names both
    ("vi", "Báo cáo tuần 7/2025 của Cục.", {"2025"}),
    ("vi", "Vụ hè thu 2022 – 2023, năng suất tăng.", {"2022", "2023"}),
    ("vi", "Nhóm có 7/20 thành viên tham gia tuần này.", set()),
    # the coming month (tháng 9 tới) of a page's date; not "từ 5 tới 10"
    ("vi", "Ngày đăng: 12/03/2026\n\nHai bên nhất trí họp vào tháng 8 tới.", {"2026-03-12", "2026-08"}),
    ("vi", "Ngày đăng: 12/03/2026\n\nHai bên họp vào tháng 12, từ 5 tới 10 người.", {"2026-03-12", "2025-12"}),
    # "tới nay", "tới giờ" (until now) look back: the month is of the page's year, not the next
    ("vi", "Ngày đăng: 20/11/2024\n\nTừ tháng 3 tới nay, 10 dự án đã được cấp phép.", {"2024-11-20", "2024-03"}),
    ("vi", "Ngày đăng: 20/11/2024\n\nKể từ tháng 2 tới giờ có 5 dự án.", {"2024-11-20", "2024-02"}),
    ("vi", "Ngày đăng: 20/11/2024\n\nTừ tháng 3 tới hiện tại có 5 dự án.", {"2024-11-20", "2024-03"}),
    # a yearless month by its capitalised name; not "tháng năm" (months and years)
    ("vi", "Ngày đăng: 20/09/2025\n\nĐầu tháng Chín, đoàn đã sang Nhật Bản.", {"2025-09-20", "2025-09"}),
    ("vi", "Ngày đăng: 20/09/2025\n\nSau bao tháng năm chờ đợi, dự án đã xong.", {"2025-09-20"}),
    # two days after a day word, and a dateline's day after its agency tag
    ("vi", "Trong hai ngày 3, 4/6, đoàn đã làm việc tại Đà Nẵng.", {"--06-03", "--06-04"}),
    ("vi", "Có 3, 4/6 phần việc đã xong.", set()),
    ("vi", "Bangkok (TTXVN) 14/3 – Thái Lan công bố dự án mới.", {"--03-14"}),
    ("vi", "Tỷ lệ (TTXVN) đạt 1/3 số dự án.", set()),
    ("vi", "Đà Nẵng, 14/3 – Thành phố khai trương nhà máy.", {"--03-14"}),
    ("vi", "Tỷ lệ đạt 1, 1/3 – 2/3 số hộ.", set()),
    # a weekday before a bare day, and a line of a schedule; not an ordinal (lần thứ 2)
    ("vi", "Thứ Ba, 7/5: Làm việc với JICA.", {"--05-07"}),
    ("vi", "- 9/5: Họp với Bộ Môi trường Nhật Bản.", {"--05-09"}),
    ("vi", "Đây là lần thứ 2, 3/4 số dự án đã xong.", set()),
    # fractions in a list are no dateline nor schedule line: a dateline's place and what follows its
    # dash are capitalised, and a schedule's line starts with a capitalised word or a time
    ("vi", "Nhóm A, 3/4 – đạt yêu cầu.", set()),
    ("vi", "- 1/2: số dự án đã đăng ký", set()),
    ("vi", "Bangkok (TTXVN) 14/3 – nước này đạt 1/3 số dự án.", set()),
    ("vi", "- 9/5: 8h00 họp với Bộ Môi trường Nhật Bản.", {"--05-09"}),
])
def test_dates_vietnamese_weeks_seasons_coming_months_and_datelines(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Posted: 3 June 2025\n\nThe fair opened on June 1 and runs until June 9.",
     {"2025-06-03", "--06-01", "2025-06-01", "--06-09", "2025-06-09"}),
])
def test_dates_an_ongoing_event_ends_after_the_page_date(lang, text, expected):
    assert values(text, lang) == expected
