"""Counts in constructions real pages use: numbers whose noun is left out (a list of places or
modes, a running total), a host country's "local" things, the home party as a topic, rankings,
and numbers that are article numbers, not counts."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_text
from schemas.records import CountMention


def found(text: str, lang: str) -> list[tuple]:
    return [(m.value, m.unit, m.subject) for m in extract_text(text, lang) if isinstance(m, CountMention)]


# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    # a list of places: each number counts the things of the first, in the country after it
    ("en", "Two projects were adopted in Chile and three in Thailand.",
     [(2, "project", "CHL"), (3, "project", "THA")]),
    ("en", "The newest projects, two in Chile and one in Kenya, were announced.",
     [(2, "project", "CHL"), (1, "project", "KEN")]),
    ("vi", "Năm nay có bốn dự án tại Thái Lan và hai tại Campuchia.",
     [(4, "project", "THA"), (2, "project", "KHM")]),
    # a list of modes
    ("en", "Some 30 delegates joined in person and 12 online.", [(30, "participant", None), (12, "participant", None)]),
    ("vi", "Có 25 đại biểu dự trực tiếp và 10 trực tuyến.", [(25, "participant", None), (10, "participant", None)]),
    # a running total and a ranking with the noun left out
    ("en", "The committee approved four projects, bringing the total to nine.",
     [(4, "project", None), (9, "project", None)]),
    ("en", "Chile follows with 8 projects, Kenya with 6 and Mexico with 5.",
     [(8, "project", "CHL"), (6, "project", "KEN"), (5, "project", "MEX")]),
])
def test_counts_with_the_noun_left_out(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # separated by a semicolon, each number takes the country of its own half
    ("en", "In Chile, 8 projects; in Kenya, 6 projects.", [(8, "project", "CHL"), (6, "project", "KEN")]),
    # local things are the host country's, named in the sentence or earlier in the document
    ("ja", "ケニアで説明会を開き、現地企業12社が出席した。", [(12, "participant", "KEN")]),
    ("ja", "ケニアで説明会を開いた。\n\n当日は現地企業12社をはじめ多くの関係者が集まった。", [(12, "other", "KEN")]),
    ("en", "The workshop in Chile drew 15 local companies.", [(15, "other", "CHL")]),
    # the home party as the topic does not own the projects; its side of a meeting is its own
    ("ja", "タイとの合同委員会を受けて、日本政府は3件のプロジェクトを支援した。", [(3, "project", None)]),
    ("ja", "日本側8名、タイ側10名が出席した。", [(8, "participant", "JPN"), (10, "participant", "THA")]),
])
def test_counts_subject_constructions(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Selected projects by country: Chile 8, Kenya 6 and Mexico 5.",
     [(8, "project", "CHL"), (6, "project", "KEN"), (5, "project", "MEX")]),
    ("en", "- Chile: 8 projects\n- Kenya: 6 projects", [(8, "project", "CHL"), (6, "project", "KEN")]),
    ("vi", "Chile có 8 dự án, Kenya 6 dự án và Mexico 5 dự án.",
     [(8, "project", "CHL"), (6, "project", "KEN"), (5, "project", "MEX")]),
    ("vi", "Chile (8 dự án), Kenya (6), Mexico (5)", [(8, "project", "CHL"), (6, "project", "KEN"), (5, "project", "MEX")]),
])
def test_counts_in_a_list_of_countries(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("vi", "Hai bên thảo luận việc thực hiện Điều 6 Thỏa thuận Paris."),
    ("en", "He met the ministers of three countries, and one from Chile spoke."),
])
def test_counts_article_numbers_and_pronouns_are_not_counts(lang, text):
    assert [c for c in found(text, lang) if c[0] != 3] == []
# fmt: on
