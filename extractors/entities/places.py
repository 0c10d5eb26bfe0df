"""Place names (cities, venues, "online") for the agreement and event extractors.

Not a registered extractor: FORMAT.md has no places field, but an agreement or event carries
its `place` in English. `find_places` looks the forms of `data/places.tsv` up in a text,
longest first (パリ協定 is not Paris), and gives each its English name.

Examples: ja ハノイで開催 → Hanoi · vi tại Hà Nội → Hanoi · en held virtually → online.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.entities.forms import Forms, is_latin
from extractors.lexicon import gazetteer

BLOCK = "-"
_KATAKANA = re.compile("[ァ-ヴー]")


@cache
def place_matcher() -> Forms:
    """Multi-word Latin forms ignore case ("ha noi"); one-word forms keep it ("Male" ≠ "male")."""
    forms = {r["form"]: (None if r["place_en"] == BLOCK else r["place_en"]) for r in gazetteer("places")}
    return Forms(forms, ignore_case=lambda f: " " in f and is_latin(f[0]))


def find_places(text: str, lang: str, bounds: frozenset[int] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, English name) of each place in `text`.

    The forms of all languages are tried whatever `lang` is (Japanese pages write "Bonn",
    English ones "Hà Nội"). `bounds` are token boundaries (a Segment's `bounds`); when given, a
    non-Latin form must start and end on them. Without them a katakana form must not touch other
    katakana, so マレ in マレーシア is not Malé.
    """

    def whole(hit) -> bool:
        if is_latin(hit.form[0]):
            return True
        if bounds:
            return hit.start in bounds and hit.end in bounds
        around = text[hit.start - 1 : hit.start] + text[hit.end : hit.end + 1]
        return not (_KATAKANA.match(hit.form[0]) and _KATAKANA.search(around))

    return [(h.start, h.end, h.value) for h in place_matcher().find(text, whole)]
