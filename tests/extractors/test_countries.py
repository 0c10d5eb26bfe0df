"""Country mentions: gazetteer forms, compounds, and what is not a country, per language."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.base import Context
from extractors.entities.countries import find_countries
from extractors.entities.forms import fold
from pipeline.segment import make_segment


def countries(lang: str, text: str) -> list[tuple[str, str]]:
    seg = make_segment(text, lang)
    found = list(find_countries(seg, Context(segments=[seg])))
    assert all(seg.text[m.start : m.end] == m.surface for m in found)
    return [(m.surface, m.iso3) for m in found]


# fmt: off
CASES = [
    ("ja", "日本とベトナムは協力する。", [("日本", "JPN"), ("ベトナム", "VNM")]),
    ("ja", "ベトナム社会主義共和国及び日本国の代表", [("ベトナム社会主義共和国", "VNM"), ("日本国", "JPN")]),
    ("ja", "モンゴル国、タイ王国、キルギス共和国", [("モンゴル国", "MNG"), ("タイ王国", "THA"), ("キルギス共和国", "KGZ")]),
    ("ja", "旧称グルジア、現在のジョージア", [("グルジア", "GEO"), ("ジョージア", "GEO")]),
    ("ja", "アラブ首長国連邦とタンザニア連合共和国", [("アラブ首長国連邦", "ARE"), ("タンザニア連合共和国", "TZA")]),
    ("ja", "日越の環境協力を進める。", [("日", "JPN"), ("越", "VNM")]),
    ("ja", "第3回日・ラオス政策対話", [("日", "JPN"), ("ラオス", "LAO")]),
    ("ja", "日ASEAN行動計画と日 ASEAN 会合", [("日", "JPN"), ("日", "JPN")]),
    ("ja", "日モンゴル協力", [("日", "JPN"), ("モンゴル", "MNG")]),
    ("ja", "日米豪印の首脳", [("日", "JPN"), ("米", "USA"), ("豪", "AUS"), ("印", "IND")]),
    ("ja", "毎日の中間報告を本日提出した。", []),
    ("ja", "12日ベトナムを訪れた。", [("ベトナム", "VNM")]),
    ("ja", "日中は気温が高い。", []),
    ("ja", "我が国はアジア及び中南米の国々と協力する。", []),
    ("ja", "日本人研修生がタイ語を学ぶ。", []),
    ("ja", "インド洋の島々", []),
    ("vi", "Việt Nam và Nhật Bản đã ký kết.", [("Việt Nam", "VNM"), ("Nhật Bản", "JPN")]),
    ("vi", "Cộng hòa Xã hội Chủ nghĩa Việt Nam và Lào", [("Cộng hòa Xã hội Chủ nghĩa Việt Nam", "VNM"), ("Lào", "LAO")]),
    ("vi", "Quan hệ hợp tác Việt – Nhật ngày càng sâu rộng.", [("Việt", "VNM"), ("Nhật", "JPN")]),
    ("vi", "Ông Nguyễn Văn Nga và bà Trần Thị Mỹ phát biểu.", []),
    ("vi", "Hôm Chủ Nhật, người Nhật tham gia hội thảo.", []),
    ("vi", "Viet Nam va Nhat Ban", [("Viet Nam", "VNM"), ("Nhat Ban", "JPN")]),
    ("vi", "Hội nghị tại Hà Nội với các nước Mỹ Latinh", []),
    ("en", "Japan and Viet Nam signed; Lao PDR joined later.", [("Japan", "JPN"), ("Viet Nam", "VNM"), ("Lao PDR", "LAO")]),
    ("en", "The Japanese government and Korean firms met Indonesian officials.", []),
    ("en", "PT Superintending Company of Indonesia was designated.", [("Indonesia", "IDN")]),
    ("en", "A loan of US$15m for a plant near Hanoi in the Asia-Pacific region.", []),
    ("en", "Talks on the South China Sea with the UK and the UAE", [("UK", "GBR"), ("UAE", "ARE")]),
]
# fmt: on


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_countries_found(lang, text, expected):
    assert countries(lang, text) == expected


def test_countries_offsets_point_into_the_segment():
    text = "会議には日本国とベトナムが参加した。"
    seg = make_segment(text, "ja")
    found = list(find_countries(seg, Context(segments=[seg])))
    assert [(m.start, m.end) for m in found] == [(4, 7), (8, 12)]


@given(st.text())
def test_fold_keeps_length_and_is_idempotent(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded


@pytest.mark.parametrize(("raw", "folded"), [("ＡＳＥＡＮ", "ASEAN"), ("Cộng hoà", "Cộng hòa"), ("Uỷ ban", "Ủy ban")])
def test_fold_examples(raw, folded):
    assert fold(raw) == folded
