"""The words of a text as the ja and vi segmenters cut them, without spaCy.

`pipeline/segment.py` wraps these in spaCy tokenizers for extraction; search cuts a query
with the same functions, so a query loads only its own language's segmenter (fugashi in
about a tenth of a second) and never spaCy.
"""

from __future__ import annotations

import re
from functools import cache

FUGASHI_CHUNK = 20_000  # characters per fugashi call; far below the ~1M crash size
_PIECES = re.compile(r"[^\n]{1,%d}|\n+" % FUGASHI_CHUNK)


@cache
def _fugashi():
    import fugashi

    return fugashi.Tagger()


@cache
def _pyvi():
    from pyvi import ViTokenizer

    return ViTokenizer.tokenize


def ja_words(text: str) -> list[str]:
    """Japanese words from fugashi + unidic-lite, tagged line by line in chunks (fugashi crashes
    on strings of about a million characters)."""
    tagger = _fugashi()
    return [w.surface for piece in _PIECES.findall(text) for w in tagger(piece)]


def vi_words(text: str) -> list[str]:
    """Vietnamese words from pyvi, line by line, multi-syllable words with their spaces back."""
    tokenize = _pyvi()
    return [w.replace("_", " ") for line in text.splitlines() for w in tokenize(line).split()]
