"""Language per block: script rules, the restricted fallback, the main language by share."""

from __future__ import annotations

import pytest

from pipeline.langid import block_lang, main_lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("日本国環境省とベトナム天然資源環境省", "ja"),
        ("環境省", "ja"),  # kanji only
        ("JCMパートナー国", "ja"),
        ("Bộ Tài nguyên và Môi trường", "vi"),
        ("Việt Nam", "vi"),
        ("The Joint Committee met in Hanoi on 15 August 2018.", "en"),
        ("Japan and Viet Nam signed the memorandum", "en"),
        ("Hội nghị JCM (Joint Crediting Mechanism) lần thứ 7 đã diễn ra", "vi"),
    ],
)
def test_block_lang(text: str, lang: str) -> None:
    assert block_lang(text) == lang


def test_mixed_document_main_language_is_the_largest_share() -> None:
    blocks = ["日本とベトナムは協力覚書に署名した。" * 3, "Việt Nam ký kết", "Japan signed"]
    assert main_lang([(block_lang(b), len(b)) for b in blocks]) == "ja"
