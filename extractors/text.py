"""How each language is written, for every stage that needs to know: the language layer.

One place answers, from `data/<lang>/language.yaml`: which characters belong to a script (kana,
kanji, the letters only Vietnamese uses), whether words are separated by spaces (then a pattern
must match whole words, and lengths count words), whether a line break inside the text is a
wrapped line, which characters end a sentence, and which full-width forms fold to ASCII.
Loaders, language id, segmenters, extractors and resolution ask here instead of deciding again.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.lexicon import lexicon

LANGS = ("ja", "vi", "en")

# C0/C1 controls other than tab and newlines, and the format characters (Unicode category Cf:
# soft hyphen, zero-width spaces and joiners, bidi marks and isolates, word joiner, BOM, tags).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_SPACE = re.compile(r"\s+")


@cache
def language(lang: str) -> dict:
    """The writing rules of `lang` (data/<lang>/language.yaml)."""
    return lexicon(lang, "language")


def chars(lang: str, *names: str) -> str:
    """The body of a regex character class: the named script classes of `lang` together."""
    scripts = language(lang)["scripts"]
    return "".join(scripts[name] for name in names)


@cache
def script(lang: str, *names: str, flags: int = 0) -> re.Pattern:
    """One character of the named script classes of `lang` (kana, kanji, letters, ...)."""
    return re.compile(f"[{chars(lang, *names)}]", flags)


def spaced(lang: str) -> bool:
    """Whether words of `lang` are separated by spaces (vi, en: yes; ja: no). A language we hold
    no rules for is written like English."""
    return lang not in LANGS or language(lang)["word_spacing"]


def spellings(pattern: str, lang: str) -> str:
    """`pattern` also matching the other spelling of each pair `lang` writes two ways (its
    `spelling_variants`: Vietnamese "thỏa thuận" and "thoả thuận"). Not for character classes."""
    found = _variants(lang)
    if found is None:
        return pattern
    table, letters = found
    return letters.sub(lambda m: f"(?:{m.group()}|{table[m.group().lower()]})", pattern)


@cache
def _variants(lang: str) -> tuple[dict[str, str], re.Pattern] | None:
    pairs = language(lang)["spelling_variants"] if lang in LANGS else None
    if not pairs:
        return None
    table = pairs | {b: a for a, b in pairs.items()}
    return table, re.compile("|".join(map(re.escape, table)), re.IGNORECASE)


def word_ends_at(text: str, end: int, words: tuple[str, ...]) -> bool:
    """True when one of `words` ends at `end` as a whole word ("ver", not the end of "over")."""
    return any(text.endswith(w, 0, end) and not (w[0].isalnum() and text[end - len(w) - 1 : end - len(w)].isalnum())
               for w in words)


def whole_words(pattern: str) -> str:
    """`pattern` matching only where no letter or digit touches it on either side."""
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def bounded(pattern: str, lang: str) -> str:
    """`pattern` matching whole words only, where words are separated by spaces; as it is otherwise."""
    return whole_words(pattern) if spaced(lang) else pattern


def unwraps(lang: str) -> bool:
    """Whether a line break between two letters of `lang` is a wrapped line rather than a space."""
    return lang in LANGS and language(lang)["unwrap_lines"]


def _sentence_end() -> re.Pattern:
    marks = "".join(dict.fromkeys("".join(language(lang)["sentence_end"] for lang in LANGS)))
    return re.compile(rf"[{re.escape(marks)}\n]|\.(?=\s)")


# A sentence ends at a mark that ends one wherever it stands (。！？!?), at a full stop before a
# space, and at a line break.
SENTENCE_END = _sentence_end()


def _fold_table() -> dict[int, int]:
    pairs = [(language(lang)["fold_from"], language(lang)["fold_to"]) for lang in LANGS]
    return str.maketrans("".join(f for f, _ in pairs), "".join(t for _, t in pairs))


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Full-width digits and number punctuation → ASCII, one character for one character."""
    return text.translate(_FOLD)


def drop_invisible(s: str) -> str:
    """`s` without controls and format characters: they would split words and hide text from
    language id and the extractors, and a file holding them is text all the same."""
    return _INVISIBLE.sub("", s)


# A line break (with the blanks around it) inside Japanese text: in a cell, an HTML block or a
# PDF page's block it is a wrapped word ("2013年8\n月"), also next to CJK punctuation and between
# a digit and a CJK letter.
_CELL_CJK = chars("ja", "symbols", "kana", "kanji", "kanji_extra", "full_width")
_WRAP_JOIN = re.compile(
    rf"(?<=[{_CELL_CJK}])\s*\n\s*(?=[{_CELL_CJK}\d])|(?<=\d)\s*\n\s*(?=[{_CELL_CJK}])"
)


def flatten(s: str) -> str:
    """One-line text of a cell or HTML block: runs of whitespace become one space, except that a
    line break inside Japanese text (a wrapped word, "2013年8\\n月") disappears."""
    return _SPACE.sub(" ", _WRAP_JOIN.sub("", drop_invisible(s))).strip()


# A line break (with the blanks around it) between two CJK letters: the line was wrapped inside a
# word or sentence ("カーボンニュー\n\nトラル").
_LETTERS = chars("ja", "iteration", "kana", "kanji", "kanji_extra", "full_width_letters")
_WRAP = re.compile(rf"(?<=[{_LETTERS}])[ \t\u3000]*\n[\s\u3000]*(?=[{_LETTERS}])")


def unwrap(text: str, lang: str, *, laid_out: bool = False) -> tuple[str, tuple[int, ...]]:
    """A block of wrapped lines read as one: in a language that `unwraps` (Japanese) the line
    breaks between two letters are taken out ("カーボンニュー\nトラル"). On a laid-out page (PDF,
    scan) the page's width broke every line, not the writer: there a break next to a digit or CJK
    punctuation goes too ("6月12\n日"), and every other line break is a space, so that a wrap ends
    no sentence. Returns the text and where each of its characters stood in `text` (empty when
    none was taken out: the two are then aligned one to one)."""
    if "\n" not in text:
        return text, ()
    kept, index_map, pos = [], [], 0
    if unwraps(lang):
        for m in (_WRAP_JOIN if laid_out else _WRAP).finditer(text):
            kept.append(text[pos : m.start()])
            index_map.extend(range(pos, m.start()))
            pos = m.end()
    kept.append(text[pos:])
    if pos:
        index_map.extend(range(pos, len(text)))
    joined = "".join(kept)
    return joined.replace("\n", " ") if laid_out else joined, tuple(index_map)
