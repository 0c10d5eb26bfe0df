"""The document as sentences, and the argument finders shared by the relation extractors
(agreements, events): which date, place and parties a mention in a sentence has.

A unit is a sentence; lines hard-wrapped by a PDF are joined, so a unit may span segments.
Principles, each with its words in `data/<lang>/discourse.yaml` (parties: extractors.parties):

- A mention's date is its own sentence's: the date in its clause, else the sentence's only
  date, else the nearest one (before it in Japanese). Targets ("2050年までに", "by 2050"),
  series starts ("since 2014"), entries into force ("có hiệu lực từ ngày …") and a news
  dateline ("Hà Nội, 23/01/2026 – …") are not it. A day's resolved full date beats its
  yearless form everywhere (`dates`, `agree`, `date_rank`, `full_date`).
- A meeting summary's header fields (日時： / Date: / Thời gian:, 場所： / Venue: / Địa điểm:)
  are the date and place of the event the document is about.
- Pseudo-table rows (an ordinal alone on a line, its date line, its place) date what they hold.
- Parties are ministries (org ids, also from signatory titles) or states; a side named by a
  body without an id is represented by its country.

    ja: 令和7年10月16日、ハノイ市において第12回合同委員会が開催された → 2025-10-16, Hanoi
    vi: Hà Nội, 23/01/2026 – Chiều 22/1, tại Tokyo, … đã ký → --01-22 (the dateline is not it)
    en: Date: 4 March 2025 / Venue: Bangkok → the document's meeting: 2025-03-04, Bangkok
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from extractors.base import Context
from extractors.lexicon import lexicon
from extractors.places import find_places
from extractors.text import bounded, spaced
from schemas.records import LANGS, CountryMention, DateMention, Mention, OrgMention

Span = tuple[int, int]
Dated = tuple[int, int, DateMention]
FRAME = re.compile(r"[\s|()（）\[\]【】「」、,.:：;；・-]")
CLAUSE_BREAK = re.compile(r"[、,;，；。]")
_PUNCT_END = re.compile(r"[。．.!?！？:：;；|」』)）]\s*$")
_LINE_START = re.compile(r"\s*(?:[・•■●◆□\-–|\[(（]|\d+[.．)]|[a-zA-Z][.)]\s|[０-９]+[．.])")
_ITEM = re.compile(r"^\s*[0-9０-９]{1,2}$")  # "1." opening a list item is not a sentence
_DATELINE_DASH = re.compile(r"\s*[–—―-]\s")
_DATELINE_HEAD = 40  # letters a dateline's place may take before its date


@cache
def regex(pattern: str, lang: str) -> re.Pattern:
    """A data pattern compiled for one language: whole words and any case outside Japanese,
    where a space also matches a line break or several spaces (text wrapped by a PDF)."""
    if not spaced(lang):
        return re.compile(pattern)
    wrapped = re.sub(r"\(\?<[!=][^)]*\)|\\? ", lambda m: m.group() if m.group()[0] == "(" else r"\s+", pattern)
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


def _units(ctx: Context) -> list[Unit]:
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


@dataclass(slots=True)
class View:
    """Units of a document, the entity mentions inside each, pseudo-table rows and the header."""

    ctx: Context
    units: list[Unit]
    mentions: list[list[tuple[int, int, Mention]]]
    rows: dict[int, tuple[DateMention | None, str | None]] = field(default_factory=dict)
    header: tuple[int, DateMention | None, str | None] | None = None  # unit, date, place

    def aligned(self, u: int, start: int, end: int) -> bool:
        where = self.units[u].seg_span(start, end)
        return where is not None and self.ctx.segments[where[0]].aligned(where[1], where[2])

    def found(self, u: int, kind: type, window: Span | None = None) -> list[tuple[int, int, Mention]]:
        lo, hi = window or (0, len(self.units[u].text))
        return [x for x in self.mentions[u] if isinstance(x[2], kind) and lo <= x[0] and x[1] <= hi]

    def spans(self, u: int, kind: type) -> list[Span]:
        """Where mentions of `kind` found since the view was built (agreements, for events) are."""
        return [(s, e) for s, e, _ in _located(self.ctx, self.units[u], (kind,))]


def _located(ctx: Context, unit: Unit, kinds: tuple[type, ...]) -> list[tuple[int, int, Mention]]:
    """Mentions of `kinds` in a unit at unit positions; a mention may run across wrapped lines."""
    here = []
    for seg in dict.fromkeys(p[0] for p in unit.pieces):
        for m in ctx.found.get(seg, []):
            if isinstance(m, kinds):
                start, end = unit.position(seg, m.start), unit.position(seg, m.end, True)
                if start is not None and end is not None:
                    here.append((start, end, m))
    return sorted(here, key=lambda x: (x[0], x[1]))


_VIEW: list = [None, None]


def document_view(ctx: Context) -> View:
    """The view of the document `ctx` describes, built once (entity mentions are complete)."""
    if _VIEW[0] is not ctx:
        units = _units(ctx)
        kinds = (CountryMention, OrgMention, DateMention)
        view = View(ctx=ctx, units=units, mentions=[_located(ctx, unit, kinds) for unit in units])
        view.rows = _rows(view)
        view.header = _header(view)
        _VIEW[0], _VIEW[1] = ctx, view
    return _VIEW[1]


# --- dates ----------------------------------------------------------------------------------


def _dateline(text: str, s: int, e: int) -> bool:
    """A news dateline: a date opening the sentence after at most a place, then a dash."""
    head = text[:s].strip()
    return len(head) <= _DATELINE_HEAD and (not head or head.endswith(",")) and bool(
        _DATELINE_DASH.match(text, e)
    )


def month_day(value: str) -> str:
    """A day date without its year ("--12-08" for both "--12-08" and "2025-12-08"); others as they are."""
    return "--" + value[-5:] if len(value) == 10 or value.startswith("--") else value


def agree(a: str, b: str) -> bool:
    """Two dates that may name the same day: one is a cut of the other (2025-12 / 2025-12-08), or
    one is the other without its year (--12-08 / 2025-12-08)."""
    if a.startswith("--") != b.startswith("--"):
        return month_day(a) == month_day(b)
    return a.startswith(b) or b.startswith(a)


def date_rank(value: str | None) -> tuple[bool, bool, int]:
    """How much a date says: present, with its year, finest precision."""
    return value is not None, value is not None and not value.startswith("--"), len(value or "")


def full_date(view: View, value: str | None) -> str | None:
    """A yearless day with the year the document gives it elsewhere (the same day resolved in
    another sentence); as it is when the document resolves it to no year or to several."""
    if not value or not value.startswith("--"):
        return value
    years = {m.value for seg in view.ctx.found.values() for m in seg
             if isinstance(m, DateMention) and len(m.value) == 10 and m.value.endswith(value[1:])}
    return years.pop() if len(years) == 1 else value


def dates(view: View, u: int, window: Span | None = None) -> list[Dated]:
    """Date mentions of a unit, one per span (the one with a year and the finest precision),
    without a dateline."""
    text = view.units[u].text
    best: list[Dated] = []
    for s, e, m in view.found(u, DateMention, window):
        if best and s < best[-1][1]:
            if date_rank(m.value) > date_rank(best[-1][2].value):
                best[-1] = (best[-1][0], max(e, best[-1][1]), m)
            continue
        best.append((s, e, m))
    return [d for d in best if not _dateline(text, d[0], d[1])]


def usable(view: View, u: int, s: int, e: int) -> bool:
    """A date that is not a target ("2050年までに", "by 2050"), a series start ("since 2014") or
    an entry into force ("có hiệu lực từ ngày 1/10/2025"). A period ("from 2 to 4 May",
    "18日から20日まで") is one span with two values, neither a start nor a target."""
    unit, lex = view.units[u], words(view.units[u].lang)
    lead = re.match(r"\D*", unit.text[s:e]).group()  # a surface may hold its preposition ("since 2015")
    after, before = unit.text[e : e + 20], unit.text[max(0, s - 50) : s] + lead
    period = len({month_day(m.value) for a, b, m in view.found(u, DateMention) if (a, b) == (s, e)}) > 1
    effective = re.search(lex["effective_after"], after) or regex(lex["effective_before"], unit.lang).search(before)
    if period:
        return not effective
    series = re.search(lex["series_after"], after) or regex(lex["series_before"], unit.lang).search(before)
    target = re.search(lex["target_after"], after) or regex(lex["target_before"], unit.lang).search(before)
    return not (series or target or effective)


def _groups(view: View, u: int, window: Span | None = None) -> list[list[Dated]]:
    """Usable dates in runs that name one period (2020年8月24日及び25日, from 2 to 4 May)."""
    text = view.units[u].text
    groups: list[list[Dated]] = []
    for d in dates(view, u, window):
        if not usable(view, u, d[0], d[1]):
            continue
        if groups and len(text[groups[-1][-1][1] : d[0]].strip()) <= 4:
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


def _gap(text: str, group: list[Dated], anchor: Span) -> str:
    """The text between a date group and the anchor."""
    if group[-1][1] <= anchor[0]:
        return text[group[-1][1] : anchor[0]]
    return text[anchor[1] : group[0][0]]


def clause_date(
    view: View, u: int, anchor: Span, window: Span | None = None, others: list[Span] = ()
) -> DateMention | None:
    """The date written in the anchor's own clause (no comma or 、 between them) with none of
    the `others` (other events or instruments, which would take it) between, the nearest one
    (the first day of a period): "2021年12月に第2回…", "held in Jakarta on 14 May"."""
    text = view.units[u].text

    def free(g: list[Dated]) -> bool:
        lo, hi = sorted((g[0][0], anchor[0]))
        return not CLAUSE_BREAK.search(_gap(text, g, anchor)) and not any(lo < o[0] < hi for o in others)

    tied = [g for g in _groups(view, u, window) if free(g)]
    return min(tied, key=lambda g: len(_gap(text, g, anchor)))[0][2] if tied else None


def own_date(view: View, u: int, anchor: Span, window: Span | None = None) -> DateMention | None:
    """The date of a mention's own sentence: the date in its clause, else the sentence's only
    date, else the nearest one (where the language puts modifiers first, only dates before it
    count for these two)."""
    if tied := clause_date(view, u, anchor, window):
        return tied
    text, groups = view.units[u].text, _groups(view, u, window)
    if words(view.units[u].lang)["date_side"] == "before":
        groups = [g for g in groups if g[-1][1] <= anchor[0]]
    if len({g[0][2].value for g in groups}) == 1:
        return groups[0][0][2]
    return min(groups, key=lambda g: len(_gap(text, g, anchor)))[0][2] if groups else None


def bare_date(view: View, u: int) -> DateMention | None:
    """The date of a line that holds nothing else, such as "(2014年)" or "18 Dec 24 |"."""
    if not 0 <= u < len(view.units) or not view.units[u].bare:
        return None
    found = dates(view, u)
    rest = view.units[u].text
    for s, e, _ in reversed(found):
        rest = rest[:s] + rest[e:]
    return found[0][2] if found and len(FRAME.sub("", rest)) <= 1 else None


def near_date(view: View, u: int, reach: int = 6) -> tuple[DateMention | None, str | None]:
    """A date and place from the context: the row's, else those of the nearest sentence before
    that holds a usable date (a line holding only a date is the document's own date, not a
    happening's)."""
    if u in view.rows:
        return view.rows[u]
    for back in range(u - 1, max(-1, u - reach - 1), -1):
        if (groups := _groups(view, back)) and bare_date(view, back) is None:
            last = groups[-1][0]
            return last[2], place_near(view, back, last[:2])
    return None, None


def place_near(view: View, u: int, anchor: Span) -> str | None:
    """The place named nearest the anchor in its sentence, else the row's place."""
    unit = view.units[u]
    places = find_places(unit.text, unit.lang)
    if places:
        return min(places, key=lambda p: abs(p[0] - anchor[0]))[2]
    return view.rows.get(u, (None, None))[1]


# --- header fields and pseudo-table rows -----------------------------------------------------


def _header(view: View) -> tuple[int, DateMention | None, str | None] | None:
    """The first date field of a meeting summary's header (日時： / Date: / Thời gian:) and the
    place field near it (場所： / Venue: / Địa điểm:)."""
    for u, unit in enumerate(view.units):
        lex = words(unit.lang)
        field_ = regex(rf"(?:{lex['header_date']})\s*[:：]", unit.lang).search(unit.text)
        if not (unit.bare and field_ and len(FRAME.sub("", unit.text[: field_.start()])) <= 2):
            continue
        date = next((d[2] for d in dates(view, u, (field_.end(), len(unit.text)))), None)
        place = None
        for v in range(u, min(u + 3, len(view.units))):
            text = view.units[v].text
            if where := regex(rf"(?:{lex['header_place']})\s*[:：]", unit.lang).search(text):
                place = next((p[2] for p in find_places(text[where.end() :], unit.lang)), None)
                break
        return (u, date, place) if date else None
    return None


def _leading_place(view: View, u: int, at: int = 0) -> str | None:
    """The place that opens a unit (right after position `at`), as in "ハノイ 会議概要…"."""
    if u >= len(view.units):
        return None
    places = find_places(view.units[u].text, view.units[u].lang)
    return next((p[2] for p in places if 0 <= p[0] - at <= 3), None)


def _rows(view: View) -> dict[int, tuple[DateMention | None, str | None]]:
    """Pseudo-table rows (an ordinal alone on a line, then its date and place lines, then its text,
    or a line opening with a date and a place): every unit of a row gets the row's date and place.
    Needs two ordinal rows with their date lines in the document."""
    heads = []  # unit, date, place, ordinal row with a date line
    for u, unit in enumerate(view.units):
        row_head = regex(words(unit.lang)["row_head"], unit.lang)
        if unit.bare and row_head.fullmatch(FRAME.sub("", unit.text)):
            date = bare_date(view, u + 1)
            heads.append((u, date, _leading_place(view, u + (2 if date else 1)), date is not None))
        elif (
            unit.bare and (found := dates(view, u)) and not FRAME.sub("", unit.text[: found[0][0]])
            and (place := _leading_place(view, u, found[0][1]))
        ):
            heads.append((u, found[0][2], place, False))
    if sum(h[3] for h in heads) < 2:
        return {}
    rows = {}
    for k, (u, date, place, _) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(view.units)
        rows.update({v: (date, place) for v in range(u, end)})
    return rows
