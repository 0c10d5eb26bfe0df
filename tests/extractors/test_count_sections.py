"""Counts read through the whole pipeline (blocks, headings, Japanese line unwrapping): a heading
that is one country's name labels the counts of the section under it, and a label ending with 数
("number of") is no vague prefix of the number after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.process import process
from schemas.records import CountMention


def counts(tmp_path: Path, text: str) -> list[tuple]:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    done = process(path, path.name)
    return [(m.value, m.unit, m.subject) for _, _, m in done.mentions if isinstance(m, CountMention)]


# fmt: off
@pytest.mark.parametrize("text,expected", [
    ("■ラオス\n登録案件：6件\n■カンボジア\n登録案件：9件\n", [(6, "project", "LAO"), (9, "project", "KHM")]),
    ("Kenya\nRegistered projects: 3\n\nChile\nRegistered projects: 5\n", [(3, "project", "KEN"), (5, "project", "CHL")]),
    ("ラオス\nJCMプロジェクト\n登録件数　6件\n", [(6, "project", "LAO")]),
    # a heading that says more than a country's name is no section label
    ("Chile and the JCM\n\nThe JCM now counts 310 projects.\n", [(310, "project", None)]),
    ("Japan\n\nThe JCM now counts 310 projects.\n", [(310, "project", None)]),  # the home party owns nothing
])
def test_counts_under_a_country_heading(tmp_path, text, expected):
    assert counts(tmp_path, text) == expected
@pytest.mark.parametrize("text,expected", [
    # a country labelling its line owns the count further on that line, not the next line's
    ("ラオス：登録済み案件 6件\nカンボジア：登録済み案件 9件\n", [(6, "project", "LAO"), (9, "project", "KHM")]),
    ("Laos: a total of 6 projects\nCambodia: a total of 9 projects\n", [(6, "project", "LAO"), (9, "project", "KHM")]),
    ("Lào: tổng cộng 6 dự án\nCampuchia: tổng cộng 9 dự án\n", [(6, "project", "LAO"), (9, "project", "KHM")]),
])
def test_counts_on_country_labelled_lines(tmp_path, text, expected):
    assert counts(tmp_path, text) == expected
# fmt: on


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Workshop on the scheme\n\nItem | Detail |\n---|---|\nVenue | Lima |\nParticipants | 85 |\n\nIt closed at noon.\n",
     {(85, "participant")}),
    ("vi", "Hội thảo\n\nNội dung | Số lượng |\n---|---|\nSố đại biểu | 85 |\nĐịa điểm | Lima |\n\nKết thúc.\n",
     {(85, "participant")}),
    # a row of three cells is the tables extractor's, not a fact box
    ("en", "Rounds\n\nYear | Participants | Venue |\n---|---|---|\n2024 | 85 | Lima |\n\nEnd.\n", set()),
])
def test_a_two_cell_table_row_is_a_labelled_line(tmp_path, lang, text, expected):
    """A two-cell row, a counted noun and its number (Participants | 85), is read as the line
    'Participants: 85' it stands for."""
    path = tmp_path / f"box_{lang}.txt"
    path.write_text(text, encoding="utf-8")
    done = process(path, path.name)
    assert {(m.value, m.unit) for _, _, m in done.mentions if isinstance(m, CountMention) and m.rule == "counts"} == expected
