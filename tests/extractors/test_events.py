"""Events end to end: real sentences through every extractor, asserting the facts' keys."""

import pytest

from pipeline.extract import extract_text
from schemas.records import EventMention


def events(text: str, lang: str) -> set[tuple]:
    return {
        (m.kind, m.ordinal, m.date, m.place)
        for m in extract_text(text, lang)
        if isinstance(m, EventMention)
    }


# fmt: off
POSITIVE = [
    ("ja", "2023年9月12日、ハノイにおいて第9回日本・ベトナム環境政策対話を開催しました。",
     ("policy_dialogue", 9, "2023-09-12", "Hanoi")),
    ("ja", "2022年10月5日の第4回日本・ラオス合同委員会で方法論が承認された。",
     ("joint_committee", 4, "2022-10-05", None)),
    ("ja", "2021年11月に英国グラスゴーで開催された国連気候変動枠組条約第26回締約国会議(COP26)に出席した。",
     ("conference", 26, "2021-11", "Glasgow")),
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
