"""The document as sentences (extractors.relations.sentences) with the entity mentions inside each, and
the argument finders shared by the relation extractors (agreements, events): which date, place
and parties a mention in a sentence has.

Principles, each with its words in `data/<lang>/discourse.yaml` (parties: extractors.relations.parties):

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from extractors.base import Context
from extractors.entities.places import find_places
from extractors.relations.sentences import CLAUSE_BREAK, FRAME, Unit, regex, units, words
from schemas.records import CountryMention, DateMention, Mention, OrgMention

Span = tuple[int, int]
Dated = tuple[int, int, DateMention]
_BRACKET = re.compile(r"\s*[(（]([^)）]{1,40})[)）]")
_DATELINE_DASH = re.compile(r"\s*[–—―-]\s")
_DATELINE_HEAD = 40  # letters a dateline's place may take before its date


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
        found_units = units(ctx)
        kinds = (CountryMention, OrgMention, DateMention)
        view = View(ctx=ctx, units=found_units, mentions=[_located(ctx, unit, kinds) for unit in found_units])
        view.rows = _rows(view)
        view.header = _header(view)
        _VIEW[0], _VIEW[1] = ctx, view
    return _VIEW[1]


# --- dates ----------------------------------------------------------------------------------


def placed(view: View, cands: Iterable) -> Iterator[tuple[Any, int, int, int]]:
    """Each relation candidate (with its `unit` and unit `span`) and the segment and segment
    offsets it lies at; one that crosses two segments has no place and is left out."""
    for c in cands:
        if (where := view.units[c.unit].seg_span(*c.span)) is not None:
            yield c, *where


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
    return [_local_day(text, view.units[u].lang, d, best) for d in best if not _dateline(text, d[0], d[1])]


def _local_day(text: str, lang: str, d: Dated, found: list[Dated]) -> Dated:
    """A date followed by its local day in brackets ("12月13日(現地時間12日)", "13 December (12
    December local time)") names the local day, the one a meeting held abroad has."""
    bracket = _BRACKET.match(text, d[1])
    if bracket is None or not regex(words(lang)["local_time"], lang).search(bracket.group(1)):
        return d
    lo, hi = bracket.span(1)
    local = next((x for x in found if lo <= x[0] and x[1] <= hi), None)
    return (d[0], d[1], local[2]) if local else d


def is_period(view: View, u: int, span: Span) -> bool:
    """Two values on one span: the date mention names a period (its first and last day)."""
    return len({month_day(m.value) for a, b, m in view.found(u, DateMention) if (a, b) == span}) > 1


def usable(view: View, u: int, s: int, e: int) -> bool:
    """A date that is not a target ("2050年までに", "by 2050"), a series start ("since 2014") or
    an entry into force ("có hiệu lực từ ngày 1/10/2025"). A period ("from 2 to 4 May",
    "18日から20日まで") is one span with two values, neither a start nor a target."""
    effective = _marked(view, u, s, e, "effective")
    if is_period(view, u, (s, e)):
        return not effective
    return not (_marked(view, u, s, e, "series") or is_target(view, u, s, e) or effective)


def is_target(view: View, u: int, s: int, e: int) -> bool:
    """The date at s:e of unit `u` is a target ("2050年までに", "by 2050")."""
    return _marked(view, u, s, e, "target")


def _marked(view: View, u: int, s: int, e: int, what: str) -> bool:
    """The date at s:e has a `what` word (discourse.yaml `<what>_before` / `<what>_after`) around it;
    the text before includes what the surface holds before its digits ("since 2015")."""
    unit, lex = view.units[u], words(view.units[u].lang)
    lead = re.match(r"\D*", unit.text[s:e]).group()
    return bool(re.search(lex[f"{what}_after"], unit.text[e : e + 20])
                or regex(lex[f"{what}_before"], unit.lang).search(unit.text[max(0, s - 50) : s] + lead))


def _groups(view: View, u: int, window: Span | None = None) -> list[list[Dated]]:
    """Usable dates in runs that name one period (2023年5月10日及び11日, from 2 to 4 May)."""
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


def own_date(
    view: View, u: int, anchor: Span, window: Span | None = None, others: list[Span] = ()
) -> DateMention | None:
    """The date of a mention's own sentence: the date in its clause, else the sentence's only
    date, else the nearest one (where the language puts modifiers first, only dates before it
    count for these two); none with one of the `others` between (that one takes it)."""
    if tied := clause_date(view, u, anchor, window, others):
        return tied
    text, groups = view.units[u].text, _groups(view, u, window)
    groups = [g for g in groups if not any(min(g[0][0], anchor[0]) < o[0] < max(g[0][0], anchor[0]) for o in others)]
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
