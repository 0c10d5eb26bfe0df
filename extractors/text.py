"""How text is written, for every stage that needs to know: the start of the language layer.

Today it owns two rules that loaders and table readers share: characters that are never text
(controls and invisible format characters) are dropped, and a line break inside Japanese text is a
wrapped line, not a space ("2013年8\\n月" is one date), while any other run of white space is one space.
"""

from __future__ import annotations

import re

# C0/C1 controls other than tab and newlines, and the format characters (Unicode category Cf:
# soft hyphen, zero-width spaces and joiners, bidi marks and isolates, word joiner, BOM, tags).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_SPACE = re.compile(r"\s+")
_WRAP_JOIN = re.compile(
    r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])\s*\n\s*(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef\d])"
    r"|(?<=\d)\s*\n\s*(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])"
)


def drop_invisible(s: str) -> str:
    """`s` without controls and format characters: they would split words and hide text from
    language id and the extractors, and a file holding them is text all the same."""
    return _INVISIBLE.sub("", s)


def flatten(s: str) -> str:
    """One-line text of a cell or HTML block: runs of whitespace become one space, except that a
    line break inside Japanese text (a wrapped word, "2013年8\\n月") disappears."""
    return _SPACE.sub(" ", _WRAP_JOIN.sub("", drop_invisible(s))).strip()
