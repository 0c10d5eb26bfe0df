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
