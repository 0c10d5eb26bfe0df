"""The language layer: each language's writing rules come from data/<lang>/language.yaml."""

from __future__ import annotations

import re

from extractors.text import SENTENCE_END, bounded, fold, script, spaced, unwrap, unwraps


def test_word_spacing_decides_whether_patterns_match_whole_words() -> None:
    assert not spaced("ja") and spaced("vi") and spaced("en")
    assert spaced("xx")  # a language without rules is written like English
    assert re.search(bounded("plan", "en"), "the planet") is None
    assert re.search(bounded("plan", "en"), "a plan, agreed") is not None
    assert re.search(bounded("計画", "ja"), "実施計画書") is not None


def test_only_japanese_lines_are_unwrapped() -> None:
    assert unwraps("ja") and not unwraps("vi") and not unwraps("en") and not unwraps("xx")
    assert unwrap("脱炭\n素化", "ja") == ("脱炭素化", (0, 1, 3, 4))
    assert unwrap("a low-\ncarbon plan", "en") == ("a low-\ncarbon plan", ())


def test_on_a_laid_out_page_every_wrap_is_undone() -> None:
    # the page's width broke these lines: a digit and its counter word join, other breaks are spaces
    assert unwrap("6月12\n日に開催", "ja") == ("6月12\n日に開催", ())
    assert unwrap("6月12\n日に開催", "ja", laid_out=True) == ("6月12日に開催", (0, 1, 2, 3, 5, 6, 7, 8))
    assert unwrap("held on\n12 June", "en", laid_out=True) == ("held on 12 June", ())
    assert unwrap("Japan and\nViet Nam", "ja", laid_out=True) == ("Japan and Viet Nam", ())


def test_script_classes_tell_the_scripts_apart() -> None:
    assert script("ja", "kana").findall("カメラとpen") == ["カ", "メ", "ラ", "と"]
    assert script("ja", "kanji").findall("東京タワー") == ["東", "京"]
    assert len(script("vi", "letters", flags=re.IGNORECASE).findall("Đà Nẵng is big")) == 3


def test_sentence_ends_and_full_width_folding() -> None:
    ends = [m.group() for m in SENTENCE_END.finditer("会議。次に! Mr. X left.\nA 1.5 t")]
    assert ends == ["。", "!", ".", ".", "\n"]  # not the point of 1.5
    text = "２０２４年１，２００．５"
    assert fold(text) == "2024年1,200.5" and len(fold(text)) == len(text)
