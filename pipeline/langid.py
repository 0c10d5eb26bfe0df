"""Language of a block (ja / vi / en): script rules first, langid.py restricted to the three
languages for short or ambiguous text, and the document's main language by character share."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from extractors.text import script

_KANA = script("ja", "kana", "kana_extra")
_HAN = script("ja", "kanji", "kanji_extra")
_VI = script("vi", "letters", flags=re.IGNORECASE)  # letters only Vietnamese uses among our three
_LATIN = script("en", "latin")


@cache
def _identifier():
    from langid.langid import LanguageIdentifier, model

    ident = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    ident.set_languages(["ja", "vi", "en"])
    return ident


def script_lang(text: str) -> str | None:
    """ja if kana (or mostly kanji), vi if Vietnamese letters, None when the letters do not
    decide (unaccented Latin, digits, symbols). Needs no model."""
    text = unicodedata.normalize("NFC", text)
    kana, han = len(_KANA.findall(text)), len(_HAN.findall(text))
    vi, latin = len(_VI.findall(text)), len(_LATIN.findall(text))
    if kana or (han and han >= vi):
        return "ja"
    if vi and vi * 40 >= latin:  # a few accented letters in a long English text are names
        return "vi"
    return None


def block_lang(text: str, default: str = "en") -> str:
    """ja if kana (or mostly kanji), vi if Vietnamese letters, en for other Latin text."""
    lang = script_lang(text)
    if lang:
        return lang
    text = unicodedata.normalize("NFC", text)
    if _LATIN.search(text):  # unaccented Latin: English, or Vietnamese typed without tone marks
        return _identifier().classify(text)[0]
    return default


def main_lang(spans: list[tuple[str, int]]) -> str:
    """The language with the largest character share among (lang, n_chars) pairs."""
    share: Counter[str] = Counter()
    for lang, n in spans:
        share[lang] += n
    return share.most_common(1)[0][0] if share else "en"
