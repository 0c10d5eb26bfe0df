"""A document as sentences (units) for the relation extractors (extractors.relations.discourse): sentence
ends by language (`data/<lang>/discourse.yaml`), not inside brackets or after an abbreviation;
lines hard-wrapped by a PDF are joined, so a unit may span segments; a line that opens something
of its own (a list item, a header field, a row head) or holds only a date does not run on.

    "第6回政策対話を開催した。\n次回は…" → two units · "The Ministry of the Environment and\nMONRE signed…" (wrapped) → one
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from extractors.base import Context
from extractors.lexicon import lexicon
from extractors.text import bounded, spaced, spellings
from schemas.records import LANGS, DateMention

FRAME = re.compile(r"[\s|()（）\[\]【】「」、,.:：;；・-]")
CLAUSE_BREAK = re.compile(r"[、,;，；。]")
_PUNCT_END = re.compile(r"[。．.!?！？:：;；|」』)）]\s*$")
_LINE_START = re.compile(r"\s*(?:[・•■●◆□\-–|\[(（]|\d+[.．)]|[a-zA-Z][.)]\s|[０-９]+[．.])")
_ITEM = re.compile(r"^\s*[0-9０-９]{1,2}$")  # "1." opening a list item is not a sentence


@cache
def regex(pattern: str, lang: str) -> re.Pattern:
    """A data pattern compiled for one language: whole words and any case outside Japanese,
    where a space also matches a line break or several spaces (text wrapped by a PDF), and a word
    written two ways matches both (extractors.text.spellings)."""
    if not spaced(lang):
        return re.compile(pattern)
    wrapped = re.sub(r"\(\?<[!=][^)]*\)|\\? ", lambda m: m.group() if m.group()[0] == "(" else r"\s+", spellings(pattern, lang))
    return re.compile(bounded(wrapped, lang), re.IGNORECASE)


def words(lang: str) -> dict:
    """The sentence, date and party words of one language (data/<lang>/discourse.yaml)."""
    return lexicon(lang, "discourse")


# --- units --------------------------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    """A sentence; wrapped lines (PDF text) are joined, so it may span several segments."""

    lang: str
    text: str = ""
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)  # seg, start, end, base
    bare: bool = False  # the unit is a whole line by itself

    def add(self, seg: int, start: int, end: int, text: str) -> None:
        base = len(self.text) + (1 if self.text else 0)
        self.text += ("\n" if self.text else "") + text
        self.pieces.append((seg, start, end, base))

    def position(self, seg: int, offset: int, end: bool = False) -> int | None:
        """The unit position of a segment offset (an end offset may close a piece)."""
        for piece, s, e, base in self.pieces:
            if piece == seg and (s <= offset < e or (end and offset == e)):
                return base + offset - s
        return None

    def seg_span(self, start: int, end: int) -> tuple[int, int, int] | None:
        """The segment and segment offsets of a unit span; it may cross wrapped lines of one
        segment, not two segments."""
        def at(pos: int, closing: bool) -> tuple[int, int] | None:
            for seg, s, e, base in self.pieces:
                if base <= pos < base + e - s or (closing and pos == base + e - s):
                    return seg, s + pos - base
            return None

        a, b = at(start, False), at(end, True)
        return (a[0], a[1], b[1]) if a and b and a[0] == b[0] and a[1] < b[1] else None


def _lines(ctx: Context) -> list[tuple[int, int, int]]:
    """Non-empty lines (segment, start, end) of the prose segments; table rows are left to tables."""
    out = []
    for i, seg in enumerate(ctx.segments):
        if seg.kind == "table_row" or seg.lang not in LANGS:
            continue
        out += [(i, m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", seg.text)]
    return out


def _wrapped(lines: list[tuple[int, int, int]]) -> int:
    """The length from which a line without final punctuation continues on the next one, in
    hard-wrapped text (PDF output, lines of at most ~120 letters); 0 otherwise."""
    lengths = sorted(e - s for _, s, e in lines)
    if len(lengths) < 5:
        return 0
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    return int(p90 * 0.6) if p90 <= 120 else 0


def _opens(text: str, lang: str) -> bool:
    """A line that starts something of its own (a list item, a header field, a row head such as
    第2回, a title ending such as …について), so the line before does not run on into it."""
    lex = words(lang)
    return bool(
        _LINE_START.match(text) or regex(lex["row_head"], lang).fullmatch(FRAME.sub("", text))
        or regex(lex["header_date"] + "|" + lex["header_place"], lang).match(text.strip())
    )


def _closes(text: str, lang: str) -> bool:
    """A line that ends a title ("…の結果について", "… Report") or a sentence."""
    return bool(_PUNCT_END.search(text) or regex(words(lang)["title_end"], lang).search(text.rstrip()))


def _inside(text: str) -> bool:
    """Whether the end of `text` is inside brackets: "(令和6年法律第56号。以下…)" is one sentence."""
    return sum(text.count(c) for c in "(（「") > sum(text.count(c) for c in ")）」")


def _cuts(text: str, lang: str) -> list[int]:
    """Sentence ends in a line: not inside brackets, not after an abbreviation or item number."""
    lex = words(lang)
    ends, keep = re.compile(lex["sentence_end"]), re.compile(rf"(?:^|[\s(])(?:{lex['no_end_after']})$")
    return [m.end() for m in ends.finditer(text)
            if not (_inside(text[: m.start()]) or keep.search(text[: m.start()]) or _ITEM.match(text[: m.start()]))]


def _date_line(ctx: Context, seg: int, s: int, e: int) -> bool:
    """A line holding only a date (a release's own date above its title) does not run on."""
    rest = ctx.segments[seg].text[s:e]
    for m in ctx.found.get(seg, []):
        if isinstance(m, DateMention) and s <= m.start and m.end <= e:
            rest = rest.replace(m.surface, "")
    return rest != ctx.segments[seg].text[s:e] and len(FRAME.sub("", rest)) <= 1


def units(ctx: Context) -> list[Unit]:
    """The sentences of a document's prose segments, hard-wrapped lines joined."""
    lines = _lines(ctx)
    width = _wrapped(lines)
    units: list[Unit] = []
    carry: Unit | None = None
    for seg, s, e in lines:
        lang, text = ctx.segments[seg].lang, ctx.segments[seg].text
        if _opens(text[s:e], lang):
            carry = None
        cuts = sorted({s} | {s + c for c in _cuts(text[s:e], lang) if s + c < e}) + [e]
        for k, (a, b) in enumerate(pairwise(cuts)):
            if not text[a:b].strip():
                continue
            if k == 0 and carry is not None and carry.lang == lang:
                carry.add(seg, a, b, text[a:b])
                continue
            unit = Unit(lang=lang, bare=len(cuts) == 2)
            unit.add(seg, a, b, text[a:b])
            units.append(unit)
        wraps = width and e - s >= width and not _closes(text[s:e], lang) and not _date_line(ctx, seg, s, e)
        carry = units[-1] if wraps and units else None
    return units


# --- the document view ----------------------------------------------------------------------
