"""How text is written, for every stage that needs to know: the start of the language layer.

Today it owns one rule, the one loaders and table readers share: a line break inside Japanese
text is a wrapped line, not a space ("2013年8\\n月" is one date), while any other run of white
space is one space.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_WRAP_JOIN = re.compile(
    r"(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])\s*\n\s*(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef\d])"
    r"|(?<=\d)\s*\n\s*(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])"
)


def flatten(s: str) -> str:
    """One-line text of a cell or HTML block: runs of whitespace become one space, except that a
    line break inside Japanese text (a wrapped word, "2013年8\\n月") disappears."""
    return _SPACE.sub(" ", _WRAP_JOIN.sub("", s)).strip()
