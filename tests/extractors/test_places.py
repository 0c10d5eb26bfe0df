"""Places for events and agreements: English names from ja / vi / en forms."""

import pytest

from extractors.entities.places import find_places
from pipeline.segment import make_segment


# fmt: off
CASES = [
    ("ja", "第8回会合はハノイ(対面)とオンラインで開催された。", [("ハノイ", "Hanoi"), ("オンライン", "online")]),
    ("ja", "東京都で署名され、ウェブ開催の会議も行った。", [("東京都", "Tokyo"), ("ウェブ開催", "online")]),
    ("ja", "パリ協定に基づきマレーシアと協力する。", []),
    ("vi", "Hội nghị tổ chức trực tuyến và tại Hà Nội, Đà Nẵng.", [("trực tuyến", "online"), ("Hà Nội", "Hanoi"), ("Đà Nẵng", "Da Nang")]),
    ("vi", "Thành phố Hồ Chí Minh và Hải Phòng", [("Thành phố Hồ Chí Minh", "Ho Chi Minh City"), ("Hải Phòng", "Hai Phong")]),
    ("en", "COP30 in Belém followed COP29 in Baku and COP26 in Glasgow.", [("Belém", "Belem"), ("Baku", "Baku"), ("Glasgow", "Glasgow")]),
    ("en", "The meeting was held virtually; the Paris Agreement applies.", [("virtually", "online")]),
    ("en", "Signed in Ulaanbaatar and Quezon City", [("Ulaanbaatar", "Ulaanbaatar"), ("Quezon City", "Quezon City")]),
]
# fmt: on


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_places_found(lang, text, expected):
    assert [(text[s:e], name) for s, e, name in find_places(text, lang)] == expected


def test_places_respect_token_bounds():
    seg = make_segment("京都議定書の採択地は京都市の国際会館。", "ja")
    assert [name for _, _, name in find_places(seg.text, "ja", seg.bounds)] == ["Kyoto"]
