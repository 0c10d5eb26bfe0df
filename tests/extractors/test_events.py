"""Events end to end: real sentences through every extractor, asserting the facts' keys.

`events` is what ingest gives (the learned models decide); `rule_events` is what the rules find
before the models weigh them (every candidate kept with its date): the tests of how a date, an
ordinal or a kind is found use it, as the models only accept a candidate or leave its date open."""

from unittest.mock import patch

import pytest

from extractors.relations import events as events_module
from extractors.relations.relation_model import Model
from pipeline.extract import extract_text
from schemas.records import EventMention

KEEP_ALL = Model({}, 30.0)


def events(text: str, lang: str) -> set[tuple]:
    return {
        (m.kind, m.ordinal, m.date, m.place)
        for m in extract_text(text, lang)
        if isinstance(m, EventMention)
    }


def rule_events(text: str, lang: str) -> set[tuple]:
    with patch.object(events_module, "model", lambda name: KEEP_ALL):
        return events(text, lang)


# fmt: off
POSITIVE = [
    ("ja", "2023年9月12日、ハノイにおいて第9回日本・ベトナム環境政策対話を開催しました。",
     ("policy_dialogue", 9, "2023-09-12", "Hanoi")),
    ("ja", "2022年10月5日の第4回日本・ラオス合同委員会で方法論が承認された。",
     ("joint_committee", 4, "2022-10-05", None)),
    ("vi", "Ngày 3/6/2024, cuộc họp lần thứ 11 của Ủy ban Hỗn hợp JCM đã được tổ chức tại Hà Nội.",
     ("joint_committee", 11, "2024-06-03", "Hanoi")),
    ("vi", "Phát biểu tại Diễn đàn “Hợp tác khí hậu Việt Nam – Nhật Bản”, ngày 15/3/2024, Đại sứ cho biết.",
     ("forum", None, "2024-03-15", None)),
    ("en", "The 12th Joint Committee was held in Jakarta on 14 February 2025.",
     ("joint_committee", 12, "2025-02-14", "Jakarta")),
    ("en", "The minister attended COP28, which opened in Dubai.",
     ("conference", 28, None, "Dubai")),
]

NEGATIVE = [
    ("ja", "合同作業部会は定期的に会合を開き、計画の実施について議論する。"),
    ("ja", "JCMに係る規則は合同委員会で採択される。"),
    ("vi", "Họ cũng đã tổ chức các khóa đào tạo và hội thảo về rác thải nhựa."),
    ("vi", "Các cuộc thảo luận định kỳ giữa hai bên sẽ được tổ chức hằng năm."),
    ("en", "| Decision by the Joint Committee (Electronic Decision) |\n05 Mar 25 |"),
    ("en", "Negotiations will continue with ministerial meetings and other sessions."),
]
# fmt: on


@pytest.mark.parametrize(("lang", "text", "expected"), POSITIVE)
def test_events_found_with_arguments(lang, text, expected):
    assert events(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text"), NEGATIVE)
def test_events_not_events(lang, text):
    assert events(text, lang) == set()


def test_events_ordinal_belongs_to_the_meeting_it_modifies():
    text = "2023年5月、ハノイで第9回日本・ベトナム環境政策対話に向けた準備会合を開催した。"
    assert events(text, "ja") == {("other", None, "2023-05", "Hanoi")}


def test_events_parts_of_a_larger_event_are_not_listed():
    text = "両省は2022年12月に第3回日本・ベトナム環境ウィークの一部としてセミナーを開催した。"
    assert events(text, "ja") == {("other", 3, "2022-12", None)}


def test_events_multi_day_event_gets_its_start_day():
    text = "2019年7月2日及び3日の第5回日本・ベトナム環境政策対話で合意された。"
    assert events(text, "ja") == {("policy_dialogue", 5, "2019-07-02", None)}


def test_events_repeated_mentions_are_one_fact():
    text = (
        "第3回日本・フィリピン合同委員会の開催\n\n"
        "5月20日、マニラにおいて第3回日本・フィリピン合同委員会が開催されました。\n\n"
        "合同委員会では、3件のプロジェクトが登録されました。"
    )
    assert events(text, "ja") == {("joint_committee", 3, "--05-20", "Manila")}


def test_events_ceremony_takes_the_date_of_its_context():
    text = (
        "Ngày 20/3/2023, hai bộ trưởng đã gặp nhau tại Tokyo.\n\n"
        "Hai bộ trưởng tại lễ ký kết."
    )
    assert events(text, "vi") == {("ceremony", None, "2023-03-20", "Tokyo")}


def test_events_pseudo_table_rows_date_their_meetings():
    lines = [
        "開催年 開催地 概要", "第1回", "(2016年)", "東京 意見交換を行った。",
        "第1回 日本・タイ環境政策対話の結果について", "第2回", "(2018年)",
        "バンコク 協力の進展を確認した。", "第2回 日本・タイ環境政策対話の結果について",
    ]
    text = "\n\n".join(lines)  # one block per line, as the loader gives a page's table rows
    assert events(text, "ja") == {
        ("policy_dialogue", 1, "2016", "Tokyo"),
        ("policy_dialogue", 2, "2018", "Bangkok"),
    }


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "2021年11月に英国グラスゴーで開催された国連気候変動枠組条約第26回締約国会議(COP26)に出席した。",
     ("conference", 26, "2021-11", "Glasgow")),
    # the sentence's only date, far from the meeting noun, at the start of a long sentence
    ("ja", "令和6年5月14日（火）、タイ王国バンコク市において、二国間クレジット制度（JCM）に関する第4回日本・タイ合同委員会（以下「合同委員会」という。）が開催されました。",
     ("joint_committee", 4, "2024-05-14", "Bangkok")),
    ("vi", "Ngày 9/4/2024, tại Viêng Chăn, với sự tham dự của đại diện hai Bộ, cuộc họp lần thứ 3 của Ủy ban hỗn hợp JCM đã diễn ra.",
     ("joint_committee", 3, "2024-04-09", "Vientiane")),
    ("en", "The delegates gathered for COP29, held in Baku, Azerbaijan, from 11 to 22 November 2024.",
     ("conference", 29, "2024-11-11", "Baku")),
])
def test_events_take_the_date_of_their_own_sentence(lang, text, expected):
    assert rule_events(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", ("第3回日本・タイ環境政策対話 議事要旨\n\n令和6年5月20日 環境省\n\n1．日時：2024年5月14日（火）10時～12時\n\n"
           "2．場所：バンコク市内ホテル\n\n3．概要\n\n両省は協力の進展を確認した。"),
     ("policy_dialogue", 3, "2024-05-14", "Bangkok")),
    ("en", ("SUMMARY OF THE 4TH MEETING OF THE JAPAN-MONGOLIA JOINT COMMITTEE\n\nDate: 14 May 2024, 10:00-12:00\n\n"
           "Venue: Ulaanbaatar, Mongolia\n\nThe Joint Committee approved two methodologies."),
     ("joint_committee", 4, "2024-05-14", "Ulaanbaatar")),
    ("vi", ("Báo cáo tóm tắt Hội thảo “Thúc đẩy JCM tại miền Bắc”\n\nThời gian: ngày 14/5/2024\n\nĐịa điểm: Hà Nội\n\n"
           "Các doanh nghiệp đã giới thiệu dự án."),
     ("seminar", None, "2024-05-14", "Hanoi")),
])
def test_events_header_fields_date_the_meeting_the_summary_is_about(lang, text, expected):
    assert rule_events(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", ("The ministers adopted the plan in Hanoi on 6 May 2024, on the occasion of the visit of the "
           "Minister of Japan to Viet Nam from 5 to 7 May 2024."),
     ("visit", None, "2024-05-05", "Hanoi")),
    ("en", "The committee was briefed on 20 May 2024. On May 21, members made a site visit to a plant in Rayong.",
     ("visit", None, "2024-05-21", "Rayong")),
    ("ja", "2024年5月20日に合同委員会が開催された。翌日の5月21日、両国の代表団はバンコク近郊の工場を訪問した。",
     ("visit", None, "2024-05-21", None)),
])
def test_events_a_visit_takes_the_date_nearest_it_in_its_sentence(lang, text, expected):
    assert expected[:3] in {e[:3] for e in events(text, lang)}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("vi", "Viêng Chăn, 10/04/2024 – Sáng 9/4, tại Viêng Chăn, hai bên đã tổ chức Diễn đàn Hợp tác khí hậu.",
     ("forum", None, "2024-04-09", "Vientiane")),  # the year comes from the dateline
    ("en", "JAKARTA, 3 May 2024 - On 2 May, the two ministers opened a forum on carbon markets in Jakarta.",
     ("forum", None, "2024-05-02", "Jakarta")),
])
def test_events_a_news_dateline_is_not_the_event_date(lang, text, expected):
    assert events(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", ("On 14 May 2024, the two ministers signed a memorandum in Tokyo.\n\n"
           "The signing took place on the occasion of the 5th Japan–Lao PDR Environmental Policy Dialogue."),
     ("policy_dialogue", 5, "2024-05-14", "Tokyo")),
    ("vi", "Ngày 14/5/2024, hai bộ trưởng đã gặp nhau tại Tokyo.\n\nLễ ký kết diễn ra trước phiên họp chính.",
     ("ceremony", None, "2024-05-14", "Tokyo")),
    ("ja", ("環境省は、5月14日に東京において第5回日本・ラオス環境政策対話を開催しました。\n\n"
           "対話に先立って行われた署名式では、両大臣が協力覚書に署名しました。"),
     ("ceremony", None, "--05-14", "Tokyo")),
])
def test_events_held_events_ceremonies_and_visits_take_the_narrative_date(lang, text, expected):
    assert expected in events(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Officials also discussed a possible fourth Environment Week, without fixing dates."),
    ("en", "Both sides intend to convene the 7th meeting of the Joint Committee at an early date."),
    ("vi", "Cuộc họp lần thứ 13 của Ủy ban hỗn hợp sẽ được tổ chức tại Tokyo."),
    ("ja", "次回の第10回合同委員会の日程は外交ルートを通じて調整する。"),
    ("ja", "各国の合同委員会事務局及び日本政府指定JCM実施機構の連絡先はウェブサイトで公開されている。"),
    ("en", "Table 3: Joint Committee meetings and outcomes in 2024"),
])
def test_events_planned_undated_meetings_and_bodies_are_not_events(lang, text):
    assert events(text, lang) == set()


# fmt: off
@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a yearless day in a header field or a sentence takes the year the document gives it
    ("ja", ("2025年12月10日\n\n第3回日本・モンゴル合同委員会の結果について\n\n1．日時：12月8日（月）10時～12時\n\n"
           "2．場所：ウランバートル\n\n3．概要\n\n委員会は方法論を承認した。"),
     ("joint_committee", 3, "2025-12-08")),
    ("vi", "Hà Nội, ngày 10/12/2025\n\nNgày 8/12, Hội thảo về thị trường các-bon đã được tổ chức tại Hà Nội.",
     ("seminar", None, "2025-12-08")),
    ("en", ("10 December 2025\n\nSummary of the Third Joint Committee\n\nDate: 8 December, 10:00-12:00\n\n"
           "Venue: Hanoi\n\nThe Joint Committee approved two methodologies."),
     ("joint_committee", 3, "2025-12-08")),
])
def test_events_a_yearless_day_yields_to_its_resolved_date(lang, text, expected):
    assert {e[:3] for e in events(text, lang)} == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The Third Joint Committee between Japan and Cambodia was held in Phnom Penh on 5 March 2025.",
     ("joint_committee", 3)),
    ("en", "The first meeting of the Joint Working Group took place in Tokyo on 2 June 2025.", ("working_group", 1)),
    ("en", "The 11th Policy Dialogue was held on 3 July 2025.", ("policy_dialogue", 11)),
    ("vi", "Ngày 5/3/2025, phiên họp thứ ba của Ủy ban hỗn hợp đã diễn ra tại Hà Nội.", ("joint_committee", 3)),
    ("vi", "Ngày 5/3/2025, cuộc họp lần thứ nhất của Nhóm công tác chung đã diễn ra tại Hà Nội.", ("working_group", 1)),
    ("vi", "Ngày 5/3/2025, Ủy ban hỗn hợp lần thứ mười một đã họp tại Viêng Chăn.", ("joint_committee", 11)),
    ("ja", "2025年3月5日、第三回日本・カンボジア合同委員会がプノンペンで開催された。", ("joint_committee", 3)),
    ("ja", "2025年3月5日、第十一回日本・ベトナム環境政策対話が東京で開催された。", ("policy_dialogue", 11)),
])
def test_events_ordinal_words_and_kanji_ordinals(lang, text, expected):
    assert {e[:2] for e in events(text, lang)} == {expected}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Joint Committee met for the first meeting in five years on 8 December 2025 in Tokyo."),
    ("vi", "Ngày 8/12/2025, Ủy ban hỗn hợp đã họp lần thứ nhất sau 5 năm tại Hà Nội."),
])
def test_events_first_in_n_years_is_no_place_in_the_series(lang, text):
    assert {e[:2] for e in events(text, lang)} == {("joint_committee", None)}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("vi", "Ngày 5/3/2025, Hội nghị nhóm công tác JCM lần thứ 2 đã được tổ chức tại Hà Nội.", ("working_group", 2)),
    ("vi", "Ngày 5/3/2025, Hội nghị Ủy ban hỗn hợp JCM lần thứ hai đã được tổ chức tại Hà Nội.", ("joint_committee", 2)),
    ("en", "On 5 March 2025, the meeting of the Joint Working Group was held in Hanoi.", ("working_group", None)),
    ("ja", "2025年3月5日、ハノイにおいて日越合同作業部会会合が開催された。", ("working_group", None)),
])
def test_events_kind_comes_from_the_body_not_the_meeting_noun(lang, text, expected):
    found = {e[:2] for e in events(text, lang)}
    assert expected in found and not any(k == "conference" for k, _ in found)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The next JC is scheduled for early 2026."),
    ("en", "The fourth Joint Committee is expected to take place in Ulaanbaatar in March 2026."),
    ("ja", "第4回合同委員会は来年開催予定である。"),
    ("ja", "第4回合同委員会は2026年3月に東京で開催される予定である。"),
    ("vi", "Kỳ họp tiếp theo của Ủy ban hỗn hợp dự kiến tổ chức vào năm 2026."),
    ("vi", "Hai bên có kế hoạch tổ chức Hội nghị Ủy ban hỗn hợp lần thứ tư vào tháng 3/2026."),
])
def test_events_planned_meetings_with_a_date_are_not_events(lang, text):
    assert events(text, lang) == set()


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "2025年12月8日、両大臣は東京で二国間会談を行った。", ("other", None, "2025-12-08", "Tokyo")),
    ("vi", "Ngày 8/12/2025, hai Bộ trưởng đã có cuộc hội đàm tại Hà Nội.", ("other", None, "2025-12-08", "Hanoi")),
    ("en", "On 8 December 2025, the two ministers held bilateral talks in Tokyo.", ("other", None, "2025-12-08", "Tokyo")),
    ("en", "On 9 December 2025, officials held working-level consultations in Tokyo.",
     ("other", None, "2025-12-09", "Tokyo")),
    ("en", "On 9 December 2025, the Ambassador paid a courtesy call on the Minister.", ("other", None, "2025-12-09", None)),
    ("ja", "2025年12月9日、代表団はバンコク近郊の工場の現地視察を行った。", ("visit", None, "2025-12-09", "Bangkok")),
    ("vi", "Ngày 9/12/2025, đoàn đã khảo sát thực địa tại nhà máy ở Bình Dương.", ("visit", None, "2025-12-09", None)),
    ("en", "On 9 December 2025, the delegation made a site visit to a solar plant.", ("visit", None, "2025-12-09", None)),
])
def test_events_dated_talks_are_other_and_site_visits_are_visits(lang, text, expected):
    assert events(text, lang) == {expected}


def test_events_an_undated_survey_activity_is_not_a_visit():
    text = "Ngày 4/10/2025, hai bên đã họp.\n\nNhật Bản tài trợ máy móc phục vụ khảo sát và đo đạc chất lượng nước."
    assert {e[0] for e in events(text, "vi")} <= {"other"}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The 5th Policy Dialogue was held in Tokyo from 18 to 20 November 2025.", ("policy_dialogue", 5, "2025-11-18")),
    ("vi", "Hội thảo được tổ chức tại Hà Nội ngày 18-20/11/2025.", ("seminar", None, "2025-11-18")),
    ("ja", "令和7年11月21日\n\n11月18日から20日まで、東京で第5回日本・タイ環境政策対話が開催された。",
     ("policy_dialogue", 5, "2025-11-18")),
])
def test_events_a_period_dates_the_event_by_its_first_day(lang, text, expected):
    assert {e[:3] for e in events(text, lang)} == {expected}
# fmt: on


# --- round 3: ceremonies, sidelines and anaphors, enumerations, bracketed arguments -----------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "2025年11月5日\n\n【ウランバートル＝共同】モンゴルの首都郊外で3日、日本の技術による発電所の稼働式典が開かれた。",
     ("ceremony", None, "2025-11-03", "Ulaanbaatar")),
    ("vi", "Ngày 5/11/2025\n\nNgày 3/11, lễ khánh thành nhà máy điện mặt trời đã được tổ chức tại Đà Nẵng.",
     ("ceremony", None, "2025-11-03", "Da Nang")),
    ("en", "Published: 20 November 2025\n\nAn inauguration ceremony was held on November 18 in Da Nang.",
     ("ceremony", None, "2025-11-18", "Da Nang")),
])
def test_events_a_ceremony_takes_its_sentence_date_not_the_publication_date(lang, text, expected):
    assert events(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Published: 20 November 2025\n\nJapan and Viet Nam held a bilateral meeting on November 13 on the sidelines "
           "of COP30 in Belem. The conference, which opened on November 10 and runs until November 21, gathers "
           "nearly 200 countries.",
     {("other", None, "2025-11-13"), ("conference", 30, "2025-11-10")}),
    ("ja", "2025年11月20日\n\n両国の閣僚は13日、COP30の際に会談を行った。会議は10日に開幕し、21日まで続く。",
     {("other", None, "2025-11-13"), ("conference", 30, "2025-11-10")}),
    ("vi", "Ngày 20/11/2025\n\nNgày 13/11, bên lề COP30 tại Belem, hai Bộ trưởng đã có cuộc hội đàm. "
           "Hội nghị diễn ra từ ngày 10/11 đến ngày 21/11.",
     {("other", None, "2025-11-13"), ("conference", 30, "2025-11-10")}),
])
def test_events_a_host_event_takes_the_date_its_own_mention_gives(lang, text, expected):
    assert {e[:3] for e in rule_events(text, lang)} == expected


def test_events_an_anaphor_without_an_event_before_is_no_event():
    assert events("The meeting was long. The session ended late.", "en") == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The first Joint Committee was held in 2023 and the second in 2024."),
    ("ja", "日本とモンゴルの合同委員会について、第1回は2023年、第2回は2024年に開催された。"),
    ("vi", "Ủy ban hỗn hợp JCM đã họp lần thứ nhất năm 2023, lần thứ hai năm 2024."),
])
def test_events_an_enumeration_of_meetings_gives_one_event_per_ordinal(lang, text):
    assert {e[:3] for e in rule_events(text, lang)} == {("joint_committee", 1, "2023"), ("joint_committee", 2, "2024")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The first Joint Committee was held in 2023, the first in Asia to adopt such rules.", ("joint_committee", 1, "2023")),
    ("The MoU first signed in 2019 was renewed at the 3rd Joint Committee in 2024.", ("joint_committee", 3, "2024")),
])
def test_events_an_ordinal_that_counts_no_meeting_is_no_event(text, expected):
    assert {e[:3] for e in events(text, "en")} == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "第11回合同委員会（2025年2月20日開催）では、新たな方法論が承認された。", ("joint_committee", 11, "2025-02-20", None)),
    ("en", "Two methodologies were approved at the 4th JC (March 2024, Ulaanbaatar).",
     ("joint_committee", 4, "2024-03", "Ulaanbaatar")),
    ("vi", "Kỳ họp thứ 3 (Hà Nội, 24/11/2025) của Ủy ban hỗn hợp đã thông qua hai phương pháp luận.",
     ("joint_committee", 3, "2025-11-24", "Hanoi")),
])
def test_events_a_bracketed_date_and_place_after_the_name_are_the_events(lang, text, expected):
    assert events(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The first and second meetings of the Joint Committee were held in 2023 and 2024."),
    ("en", "The 1st and 2nd JC meetings took place in 2023 and 2024, respectively."),
    ("vi", "Các phiên họp thứ nhất và thứ hai của Ủy ban hỗn hợp được tổ chức vào năm 2023 và 2024."),
    ("ja", "第1回及び第2回合同委員会はそれぞれ2023年と2024年に開催された。"),
])
def test_events_coordinated_ordinals_pair_with_their_dates_in_order(lang, text):
    assert {e[:3] for e in events(text, lang)} == {("joint_committee", 1, "2023"), ("joint_committee", 2, "2024")}


def test_events_coordinated_ordinals_share_the_date_when_the_counts_differ():
    text = "The first and second meetings of the Joint Committee were held in Ulaanbaatar in 2023."
    assert {e[:3] for e in events(text, "en")} == {("joint_committee", 1, "2023"), ("joint_committee", 2, "2023")}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "On January 28, 2025, JC members visited a registered project site in Gampaha.", ("visit", None, "2025-01-28")),
    ("en", "The delegation visited the waste-to-energy plant in Hanoi on 5 March 2024.", ("visit", None, "2024-03-05")),
    ("vi", "Ngày 28/1/2025, đoàn đã đến thăm nhà máy xử lý chất thải tại Hà Nội.", ("visit", None, "2025-01-28")),
    ("ja", "2025年1月28日、委員らは登録プロジェクトの現場を視察した。", ("visit", None, "2025-01-28")),
])
def test_events_a_visit_told_by_its_verb_is_a_visit(lang, text, expected):
    assert expected in {e[:3] for e in events(text, lang)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The delegation will visit the solar plant on 5 March 2024."),
    ("en", "On 5 March 2024, many users visited the website of the ministry."),
    ("vi", "Ngày 5/3/2024, đoàn sẽ đến thăm nhà máy điện mặt trời."),
])
def test_events_a_planned_visit_or_a_visit_to_no_site_is_no_event(lang, text):
    assert events(text, lang) == set()


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "第11回日本・インドネシア合同委員会は、2025年2月20日から21日までジャカルタで開催され、方法論が承認された。",
     ("joint_committee", 11, "2025-02-20", "Jakarta")),
    ("ja", "第3回日本・タイ環境政策対話は、オンラインで2024年3月5日に開催された。",
     ("policy_dialogue", 3, "2024-03-05", "online")),
])
def test_events_a_topic_takes_the_date_of_its_predicate_clause(lang, text, expected):
    assert events(text, lang) == {expected}


def test_events_a_subject_takes_the_date_of_its_predicate_after_a_comma():
    """Japanese puts the predicate last: the 、 after an adverbial phrase does not part a が-marked
    meeting from the date and place of its 開催された."""
    text = "日本・タイ環境フォーラムが両国の環境省の共催により、2024年6月12日にバンコクで開催された。"
    assert events(text, "ja") == {("forum", None, "2024-06-12", "Bangkok")}


def test_events_a_predicate_after_another_meeting_is_that_ones():
    """When another meeting is named before the predicate, it is the predicate's subject: the first
    noun does not take its date."""
    text = "セミナーが両国の専門家を招き、合同委員会が2024年6月12日にバンコクで開催された。"
    assert ("seminar", None, None, "Bangkok") in rule_events(text, "ja")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "As of 30 September 2025, the Joint Committee had registered 14 projects."),
    ("vi", "Tính đến ngày 30/9/2025, Ủy ban hỗn hợp đã đăng ký 14 dự án."),
])
def test_events_an_as_of_day_dates_no_meeting(lang, text):
    """An "as of" day dates a state (projects registered so far), not a happening. (Japanese 時点
    is left out: "立ち上げ時点" is the time of the launch it names.)"""
    assert rule_events(text, lang) == {("joint_committee", None, None, None)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "COP30 is being held in Belem, Brazil. Japanese and Brazilian officials met on November 13, 2025 on the "
           "sidelines of the two-week conference, which opened on November 10 and runs until November 21."),
    ("en", "Officials met on November 13, 2025 on the sidelines of COP30, which opened on November 10 and runs until November 21."),
    ("vi", "COP30 đang diễn ra tại Belem. Ngày 13/11/2025, hai bộ trưởng đã có cuộc gặp song phương bên lề hội nghị "
           "kéo dài hai tuần, khai mạc ngày 10/11 và kéo dài đến ngày 21/11."),
    ("ja", "COP30がベレンで開催されている。2025年11月13日、両国の大臣は、11月10日に開幕したCOP30の際に会談を行った。"),
    ("ja", "COP30がベレンで開催されている。2025年11月13日、両大臣は、11月10日に開幕した同会議の際に会談を行った。"),
])
def test_events_a_relative_clause_dates_the_host_and_the_sentence_dates_the_side_meeting(lang, text):
    assert {e[:3] for e in rule_events(text, lang)} == {("conference", 30, "2025-11-10"), ("other", None, "2025-11-13")}


def test_events_a_definite_mention_with_modifiers_refers_back_to_the_named_event():
    text = ("The 3rd ASEAN-Japan Environment Ministerial Meeting took place in Jakarta. "
            "The annual summit, which opened on 12 October 2024, adopted a joint statement.")
    assert {e[:3] for e in rule_events(text, "en")} == {("conference", 3, "2024-10-12")}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "環境省は、2024年3月5日(現地時間4日)、ハノイで第9回合同委員会を開催した。",
     ("joint_committee", 9, "2024-03-04", "Hanoi")),
    ("ja", "環境省は、2024年3月5日(火)、ハノイで第9回合同委員会を開催した。",  # a weekday is no local day
     ("joint_committee", 9, "2024-03-05", "Hanoi")),
])
def test_events_a_meeting_abroad_takes_its_local_day(lang, text, expected):
    assert rule_events(text, lang) == {expected}


# --- round 8: hosts named with a venue, publication stamps, an instrument's own date ------------

@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a closing bracket or quote between the session and the marker, and a word broken by a space (a wrapped PDF line)
    ("ja", "政府は、2030年5月8日、ナイロビで開催中の「第45回締約国会議(COP45)」のサイ ドイベントとして、植林セミナーを開催した。",
     {("conference", 45, None), ("seminar", None, "2030-05-08")}),
    ("ja", "2030年5月8日、ナイロビで開催中の第45回締約国会議(COP45)の日本パビリオンで、第3回JCMパートナー国会合を開催した。",
     {("conference", 45, None), ("partnership_meeting", 3, "2030-05-08")}),
    ("en", "On 8 May 2030 the ministry held a seminar on forest carbon at the COP45 Japan Pavilion in Nairobi.",
     {("conference", 45, None), ("seminar", None, "2030-05-08")}),
])
def test_events_a_session_named_as_the_venue_of_another_event_is_not_dated_by_it(lang, text, expected):
    """The session holding a side event or a pavilion (COP45 above) is its host: the sentence's
    date is the side meeting's, not the session's."""
    assert {e[:3] for e in rule_events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "【掲載日】2030.06.02 【情報源】環境省/2030.06.01 発表\n第2回日本・ケニア合同委員会を開催した。",
     {("joint_committee", 2, None)}),
    ("ja", "農林水産省・環境省 同時発表 令和12年6月1日 第2回日本・ケニア合同委員会を開催しました",
     {("joint_committee", 2, None)}),
    ("vi", "Ủy ban hỗn hợp JCM lần thứ hai đã được tổ chức, theo thông cáo báo chí của Bộ Môi trường Kenya ngày 1/6/2030.",
     {("joint_committee", 2, None)}),
    ("en", "The second Joint Committee was held in Nairobi, a press release dated 1 June 2030 said.",
     {("joint_committee", 2, None)}),
    ("en", "The second Joint Committee adopted decisions published up to 1 June 2030.",
     {("joint_committee", 2, None)}),
])
def test_events_a_publication_stamp_dates_no_meeting(lang, text, expected):
    """A date that stamps a publication (posted on, 発表, press release of) is no meeting's date,
    though it stands in the meeting's clause or sentence."""
    assert {e[:3] for e in rule_events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Hai bên đánh giá cao đối thoại này, dựa trên Bản ghi nhớ hợp tác giữa Bộ Tài nguyên và Môi trường và "
           "Bộ Môi trường Nhật Bản ký năm 2029."),
    ("en", "Both sides praised the policy dialogue, which builds on the Memorandum of Cooperation between the "
           "Ministry of the Environment, Japan and Kenya signed in 2029."),
])
def test_events_a_date_an_instrument_stands_between_is_the_instruments(lang, text):
    """An instrument named between a meeting and its sentence's only date takes that date: the
    dialogue here has none."""
    assert {e[:3] for e in rule_events(text, lang)} == {("policy_dialogue", None, None)}


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Kenya và Nhật Bản ký văn bản hợp tác về JCM ngày 5/3/2029; đến nay Ủy ban hỗn hợp đã đăng ký 12 dự án."),
    ("en", "Kenya and Japan signed the bilateral document on 5 March 2029; the Joint Committee has since registered 12 projects."),
])
def test_events_a_date_across_a_semicolon_belongs_to_the_other_clause(lang, text):
    """A semicolon parts independent clauses, each with its own subject and time: the date of the
    signing is not the committee's."""
    assert {e[:3] for e in rule_events(text, lang)} == {("joint_committee", None, None)}


def test_events_a_definite_mention_far_after_a_named_meeting_is_no_new_meeting():
    """"The JC" long after the document named its meeting is that meeting (or its body), not one
    of its own: its sentence's date (a monitoring period here) dates nothing."""
    text = ("Outcome of the 4th Joint Committee\nThe 4th Joint Committee was held in Nairobi on 5 March 2029.\n"
            "Two projects were registered.\nThe guidelines were revised.\nCredits were notified.\n"
            "The JC decided to notify credits for the monitoring period ending 31 December 2028.")
    assert {e[:3] for e in rule_events(text, "en")} == {("joint_committee", 4, "2029-03-05")}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "2029年4月9日、“Workshop on Forest Carbon Credits”がナイロビにて開催されました。",
     ("seminar", None, "2029-04-09", "Nairobi")),
    ("en", "The 7th meeting of the Intergovernmental Commission on Trade and Investment was held in Nairobi on 9 April 2029.",
     ("other", 7, "2029-04-09", "Nairobi")),
    ("vi", "Ngày 9/4/2029, đoàn công tác của Bộ Môi trường Nhật Bản đã tới thăm và làm việc với tỉnh Quảng Ninh.",
     ("visit", None, "2029-04-09", None)),
])
def test_events_english_titles_in_japanese_commission_sessions_and_delegations(lang, text, expected):
    """A Japanese page may quote an event's English title; the numbered meeting of a named
    commission or council is an event; a delegation that comes to visit is a visit."""
    assert rule_events(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "2029年4月9日、ナイロビで開催中のCOP44のサイドイベントとして、「森林炭素パートナー国会合」を開催した。",
     {("conference", 44, None), ("partnership_meeting", None, "2029-04-09")}),
    ("en", "On 9 April 2029 Japan held the JCM partner countries' meeting as a side event of COP44 in Nairobi.",
     {("conference", 44, None), ("partnership_meeting", None, "2029-04-09")}),
])
def test_events_a_meeting_noun_naming_the_role_of_another_event_is_no_event(lang, text, expected):
    """"As a side event" says what the partners' meeting was: one event, not a seminar beside it."""
    assert {e[:3] for e in rule_events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "(2)署名式\n\n令和11年4月9日(月)、ナイロビの大使公邸で両国の大臣により協力覚書が署名されました。",
     ("ceremony", None, "2029-04-09", None)),
    ("en", "Signing ceremony\n\nOn 9 April 2029, the ministers signed the memorandum at the embassy in Nairobi.",
     ("ceremony", None, "2029-04-09", None)),
    ("vi", "Lễ ký kết\n\nNgày 9/4/2029, hai bộ trưởng đã ký bản ghi nhớ tại Nairobi.",
     ("ceremony", None, "2029-04-09", None)),
])
def test_events_a_heading_naming_an_event_takes_the_date_opening_its_section(lang, text, expected):
    """A heading that names a ceremony is dated by the date that opens the section under it."""
    assert rule_events(text, lang) == {expected}


def test_events_visit_as_a_verb_with_its_object_is_no_visit():
    """"Visit Japan" (a menu item, an imperative) is the verb: the noun takes "to" ("a visit to Japan")."""
    assert rule_events("Home   Press Room   About Us   Visit Japan", "en") == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenya and Japan met on 12 November 2029 on the sidelines of COP34. The conference, which opened on "
           "November 10 and runs until November 21, gathers delegates from 190 countries."),
    ("vi", "Ngày 12/11/2029, Kenya và Nhật Bản đã có cuộc hội đàm bên lề COP34. Hội nghị diễn ra từ ngày 10/11 "
           "đến ngày 21/11."),
])
def test_events_the_date_a_session_s_own_relative_clause_states_is_kept(lang, text):
    """The learned date model rarely sees a session's own date (the gold sets date side meetings, not
    COPs): the day its own clause states ("which opened on November 10") stays its date."""
    assert ("conference", 34, "2029-11-10") in {e[:3] for e in events(text, lang)}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "本覚書は2030年から2034年までの5年間を対象とする。署名に先立ち、両大臣は会談を行った。",
     {("other", None, None)}),
    ("vi", "Hai bên thống nhất danh mục dự án để trình Ủy ban hỗn hợp JCM xem xét trong giai đoạn 2030 – 2032.",
     {("joint_committee", None, None)}),
])
def test_events_a_period_over_several_years_dates_no_meeting(lang, text, expected):
    """A term or a plan over several years is no meeting's date (a meeting lasts days)."""
    assert {e[:3] for e in rule_events(text, lang)} == expected


def test_events_a_definite_mention_far_after_a_named_one_with_its_own_date_is_a_new_meeting():
    text = ("Japan and Kenya held the 3rd Joint Committee in Nairobi on 2 February 2023. It approved two "
            "methodologies. Officials reviewed the registry. Several companies presented projects. A workshop "
            "on finance followed. The sides agreed on next steps.\n\n"
            "The joint committee was held again in Tokyo on 5 May 2024.")
    found = {e[:3] for e in events(text, "en")}
    assert {("joint_committee", 3, "2023-02-02"), ("joint_committee", None, "2024-05-05")} <= found


# --- round s9: constructions of sources the corpus has few of (minutes, wire news, provincial papers) ---

@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The 6th Joint Committee meeting, originally scheduled for 15 April 2026, has been postponed."),
    ("en", "The forum planned for March 2026 was cancelled because of the storm."),
    ("ja", "2026年3月に予定されていた第6回合同委員会は延期された。"),
    ("ja", "第6回合同委員会は中止となった。"),
    ("ja", "第5回日本・ケニア合同委員会を、令和8年3月12日にナイロビで開催する予定です。"),
    ("vi", "Hội nghị Ủy ban hỗn hợp lần thứ 9, dự kiến vào tháng 3/2026, đã bị hoãn."),
    ("vi", "Phiên họp thứ 6 của Ủy ban hỗn hợp đã phải tạm hoãn do dịch bệnh."),
])
def test_events_a_meeting_called_off_or_only_planned_past_its_clause_is_no_event(lang, text):
    """Postponed, cancelled or still to be held, though the sentence says so only after a comma."""
    assert rule_events(text, lang) == set()


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The Japan–Philippines Joint Committee convened its third meeting in Manila on 9 July 2025.",
     ("joint_committee", 3, "2025-07-09")),
    ("en", "The Joint Committee held its 3rd meeting in Manila on 9 July 2025.", ("joint_committee", 3, "2025-07-09")),
    ("ja", "日本・フィリピン合同委員会は、2025年7月9日、マニラで第3回会合を開催した。", ("joint_committee", 3, "2025-07-09")),
    ("ja", "2025年7月9日、日本・フィリピン合同委員会の第3回会合がマニラで開催された。", ("joint_committee", 3, "2025-07-09")),
    ("en", "Minutes of the Fifth Meeting of the Japan–Mongolia Joint Committee\n\nDate: 22–23 January 2026\n\n"
           "Venue: Ulaanbaatar (hybrid)\n\nThe Committee approved one methodology.", ("joint_committee", 5, "2026-01-22")),
])
def test_events_an_ordinal_of_a_bare_session_noun_numbers_the_body(lang, text, expected):
    """"its third meeting", "第3回会合", "the Fifth Meeting of the … Joint Committee": the body's Nth session."""
    assert {e[:3] for e in events(text, lang)} == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "第十二回日本・モンゴル合同委員会は、令和7年9月3日、ウランバートルで開催された。", ("joint_committee", 12, "2025-09-03")),
    ("ja", "第三回日越環境ウィークは、令和7年12月にハノイで催された。", ("other", 3, "2025-12")),
])
def test_events_a_japanese_topic_takes_the_date_of_a_bare_clause_before_its_predicate(lang, text, expected):
    """"…は、9月3日、…で開催された": the date clause between topic and predicate is the predicate's;
    開かれ, 催され, 執り行われ are holding verbs as 開催 is."""
    assert {e[:3] for e in events(text, lang)} == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "From 4 to 6 August 2025, a delegation from the Ministry of the Environment of Japan visited Phnom Penh "
           "to discuss new projects.", {("visit", None, "2025-08-04")}),
    ("vi", "Từ ngày 10 đến 14/6/2025, đoàn công tác của Bộ Môi trường Nhật Bản đã sang thăm và làm việc tại Việt Nam.",
     {("visit", None, "2025-06-10")}),
    ("vi", "Hà Nội, ngày 6/11/2025\n\nNgày 4/11, Bộ trưởng Bộ Nông nghiệp và Môi trường đã tiếp Đại sứ Nhật Bản tại trụ sở Bộ.",
     {("other", None, "2025-11-04")}),
    ("vi", "Sáng ngày 22/4/2025, Bộ Nông nghiệp và Môi trường phối hợp với Đại sứ quán Nhật Bản tổ chức Lễ kỷ niệm "
           "10 năm hợp tác JCM.", {("ceremony", None, "2025-04-22")}),
    ("vi", "Trước đó, vào tháng 10/2024, hai bên đã tổ chức Hội thảo tham vấn về cơ chế tín chỉ chung.",
     {("seminar", None, "2024-10")}),
    ("en", "The 4th Japan–Chile Joint Committee met in Santiago on 2 September 2025 and registered one project.",
     {("joint_committee", 4, "2025-09-02")}),
    ("en", "Japan hosted the 12th JCM Partner Countries' High-Level Meeting in Tokyo on 20 October 2025.",
     {("partnership_meeting", 12, "2025-10-20")}),
])
def test_events_visits_and_receptions_told_by_their_verbs_and_names_that_hold_another_noun(lang, text, expected):
    """A delegation visiting a named place, a minister receiving an ambassador, an anniversary ceremony;
    "Hội thảo tham vấn" is one seminar and "the Joint Committee met" one committee meeting."""
    assert {e[:3] for e in events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("vi", "Đối thoại chính sách môi trường Việt Nam – Nhật Bản lần thứ 10\n\nNgày 5/12/2025, tại Tokyo, hai bên đã rà "
           "soát kết quả hợp tác.", {("policy_dialogue", 10, "2025-12-05")}),
    ("en", "- 20 November: partner countries' meeting at COP30 in Belém (2025)",
     {("partnership_meeting", None, "2025-11-20"), ("conference", 30, None)}),
    ("vi", "Ngày 20/11/2025, cuộc họp các nước đối tác JCM được tổ chức tại Hội nghị COP30 ở Belém.",
     {("partnership_meeting", None, "2025-11-20"), ("conference", 30, None)}),
    ("ja", "第9回日本・カンボジア合同委員会（書面開催）において、1件のプロジェクトが登録された。", set()),
    ("ja", "令和7年度JCM事業説明会\n\n開催日：令和7年4月15日（火）\n\n会場：オンライン\n\n概要：公募の内容について説明した。",
     {("seminar", None, "2025-04-15")}),
    ("vi", "Đoàn công tác Bộ Môi trường Nhật Bản thăm và làm việc tại tỉnh Bắc Ninh ngày 12/5/2025.",
     {("visit", None, "2025-05-12")}),
])
def test_events_headings_hosts_written_sessions_and_briefings(lang, text, expected):
    """A long Vietnamese title line is a heading its section's opening date dates; a meeting held at a
    COP leaves the COP undated; a session held in writing (書面開催) is no meeting; 説明会 is a seminar."""
    assert {e[:3] for e in events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "BANGKOK, Feb 3 (Kyodo) -- Thailand and Japan on Tuesday opened the 8th Joint Committee under the JCM in Bangkok.",
     {("joint_committee", 8, None)}),
    ("en", "In March 2025, Vice-Minister Sato led a delegation to Indonesia to discuss JCM projects.",
     {("visit", None, "2025-03")}),
    ("ja", "第8回日本・インドネシア合同委員会が、3月10日にジャカルタで開催されます。", set()),
    ("ja", "環境省は、3月5日（水）にJCMウェビナーをオンラインで開催します。", set()),
    ("vi", "Dự kiến trong tháng 12/2025, Ủy ban hỗn hợp sẽ họp phiên thứ 5.", set()),
    ("vi", "Lễ trao giấy chứng nhận tín chỉ JCM đầu tiên diễn ra ngày 8/8/2025 tại TP.HCM.", {("ceremony", None, "2025-08-08")}),
])
def test_events_wire_datelines_announcements_and_delegations(lang, text, expected):
    """A wire dateline (BANGKOK, Feb 3 (Kyodo) --) files the story and dates no meeting; 開催します / 開催されます
    and a sentence opening on 'Dự kiến' announce meetings to come; 'led a delegation to' is a visit."""
    assert {e[:3] for e in events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The kick-off meeting of the JCM project was held in Ulaanbaatar on 2 July 2025.", {("other", None, "2025-07-02")}),
    ("ja", "2025年7月2日、ウランバートルにおいてJCMプロジェクトのキックオフ会合を開催した。", {("other", None, "2025-07-02")}),
    ("vi", "Cuộc họp khởi động dự án JCM diễn ra ngày 2/7/2025 tại Ulaanbaatar.", {("other", None, "2025-07-02")}),
])
def test_events_a_project_s_kick_off_meeting_is_an_event(lang, text, expected):
    """A project's or a programme's opening meeting (kick-off, キックオフ会合, cuộc họp khởi động) is kind other."""
    assert {e[:3] for e in events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Highlights\n\n- Japan–Mongolia Joint Committee (3rd), 12–13 May 2025, Ulaanbaatar: two projects registered.",
     {("joint_committee", 3, "2025-05-12")}),
    ("ja", "2025年5月12日、日本・モンゴル合同委員会（第3回）がウランバートルで開催された。", {("joint_committee", 3, "2025-05-12")}),
    ("vi", "Ngày 12/5/2025, Ủy ban hỗn hợp JCM (lần thứ 3) đã họp tại Ulaanbaatar.", {("joint_committee", 3, "2025-05-12")}),
])
def test_events_an_ordinal_in_brackets_after_the_meeting_noun_is_its_own(lang, text, expected):
    """"Joint Committee (3rd)", "合同委員会（第3回）", "Ủy ban hỗn hợp JCM (lần thứ 3)": the bracket numbers the noun before it."""
    assert {e[:3] for e in events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The 6th Joint Committee, originally scheduled for March, was held in Tokyo on 5 April 2025.",
     {("joint_committee", 6, "2025-04-05")}),
    ("en", "The forum, which had been postponed because of the typhoon, was held in Manila on 9 September 2025.",
     {("forum", None, "2025-09-09")}),
    ("ja", "第6回合同委員会は、台風のため延期されたが、2025年9月9日にマニラで開催された。", {("joint_committee", 6, "2025-09-09")}),
])
def test_events_a_meeting_postponed_and_then_held_is_an_event(lang, text, expected):
    """A postponement the same sentence says was followed by the meeting does not call it off."""
    assert {e[:3] for e in events(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The 3rd Joint Committee was held in Tokyo on 5 May 2025, where both sides noted that the start of the "
           "project was postponed to 2026."),
    ("ja", "2025年5月5日、東京で第3回合同委員会が開催され、プロジェクトの開始時期の延期が合意された。"),
    ("ja", "2025年5月5日、ハノイで第3回合同委員会を開催し、今後も定期的にセミナーを実施します。"),
    ("vi", "Ngày 5/5/2025, Ủy ban hỗn hợp lần thứ 3 đã được tổ chức tại Hà Nội, hai bên thống nhất rằng thời hạn "
           "của dự án bị hoãn đến năm 2026."),
    ("vi", "Theo kế hoạch, ngày 5/5/2025, Ủy ban hỗn hợp lần thứ 3 đã được tổ chức tại Hà Nội."),
])
def test_events_a_meeting_held_in_its_own_clause_is_not_called_off_by_what_follows(lang, text):
    """What the sentence postpones or plans after a meeting held in its own clause is something else."""
    assert {e[:3] for e in events(text, lang)} == {("joint_committee", 3, "2025-05-05")}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The Joint Committee, held in Hanoi on 12 June 2025, recalled the first meeting with local stakeholders in 2019.",
     {("joint_committee", None, "2025-06-12")}),
    ("ja", "2025年5月5日、合同委員会がハノイで開催され、両国は第1回会合以来の成果を確認した。",
     {("joint_committee", None, "2025-05-05")}),
])
def test_events_a_session_recalled_in_another_clause_does_not_number_the_body(lang, text, expected):
    assert {e[:3] for e in events(text, lang)} == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("On 5 May 2025, more than 3,000 users visited JCM Portal to download the guidelines.", set()),
    ("The Japanese delegation to COP30 included officials from MOEJ and METI.", {("conference", 30, None)}),
])
def test_events_a_website_visited_or_a_delegation_to_a_conference_is_no_visit(text, expected):
    assert {e[:3] for e in events(text, "en")} == expected
