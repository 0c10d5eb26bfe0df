"""Agreements: signed or adopted instruments (MoC, joint plan, joint statement, law...) with
their parties, date and place.

A trigger is an instrument noun (協力覚書, Bản ghi nhớ, Joint Statement) or a JCM founding phrase
("ký kết cơ chế JCM", "signed up to the JCM"). It becomes an agreement when a signing verb governs
it, a date is tied to it, or its parties are named in it; planned, generic and multilateral
references are dropped. Arguments come from the sentence, then its neighbours (the unit view below).
Repeated mentions of one instrument in a document are merged into one fact.

    ja: 2021年11月24日に東京で共同協力計画に署名した → joint_plan, 2021-11-24, Tokyo
    vi: hai quốc gia đã ký kết cơ chế JCM vào năm 2013 → bilateral_document [JPN, VNM], 2013
    en: Indonesia and Japan signed a Mutual Recognition Arrangement → other [IDN, JPN]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import NamedTuple

from extractors.base import Context, Segment, extractor
from extractors.lexicon import lexicon
from schemas.records import (
    LANGS, AgreementMention, CountryMention, DateMention, Mention, OrgMention,
)


# --- the document as sentence units, and argument finders (shared with events.py) ----------

Span = tuple[int, int]
_CLAUSE_BREAK = re.compile(r"[、,;，；]")
FRAME = re.compile(r"[\s|()（）\[\]【】「」、,.:：;；・-]")
_PUNCT_END = re.compile(r"[。．.!?！？:：;；|」』)）]\s*$")


_compiled = cache(re.compile)


@cache
def regex(pattern: str, lang: str) -> re.Pattern:
    """A data pattern compiled for one language: whole words and any case outside Japanese."""
    if lang == "ja":
        return re.compile(pattern)
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


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
        """The segment and segment offsets of a unit span that lies inside one piece."""
        for seg, s, e, base in self.pieces:
            if base <= start and end <= base + e - s:
                return seg, s + start - base, s + end - base
        return None


@dataclass(slots=True)
class View:
    """Units of a document, the entity mentions inside each, and pseudo-table row arguments."""

    ctx: Context
    units: list[Unit]
    mentions: list[list[tuple[int, int, Mention]]]
    rows: dict[int, tuple[DateMention | None, str | None]] = field(default_factory=dict)

    def aligned(self, u: int, start: int, end: int) -> bool:
        where = self.units[u].seg_span(start, end)
        return where is not None and self.ctx.segments[where[0]].aligned(where[1], where[2])

    def found(self, u: int, kind: type, window: Span | None = None) -> list[tuple[int, int, Mention]]:
        lo, hi = window or (0, len(self.units[u].text))
        return [x for x in self.mentions[u] if isinstance(x[2], kind) and lo <= x[0] and x[1] <= hi]


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


_LINE_START = re.compile(r"\s*(?:[・•■●◆□\-–|\[(（]|\d+[.．)]|[a-zA-Z][.)]\s|[０-９]+[．.])")


def _opens(ctx: Context, line: tuple[int, int, int]) -> bool:
    """A line that starts something of its own (a list item, a table row head such as 第2回),
    so the line before does not run on into it."""
    seg = ctx.segments[line[0]]
    text = seg.text[line[1] : line[2]]
    head = regex(lexicon(seg.lang, "agreements")["row_head"], seg.lang)
    return bool(_LINE_START.match(text) or head.fullmatch(FRAME.sub("", text)))


def _inside(text: str) -> bool:
    """Whether the end of `text` is inside brackets: "(令和6年法律第56号。以下…)" is one sentence."""
    return sum(text.count(c) for c in "(（「") > sum(text.count(c) for c in ")）」")


def _units(ctx: Context) -> list[Unit]:
    lines = _lines(ctx)
    width = _wrapped(lines)
    units: list[Unit] = []
    carry: Unit | None = None
    for n, (seg, s, e) in enumerate(lines):
        if n and _opens(ctx, (seg, s, e)):
            carry = None
        lang = ctx.segments[seg].lang
        text = ctx.segments[seg].text
        ends = _compiled(lexicon(lang, "agreements")["sentence_end"])
        cuts = [s] + [s + m.end() for m in ends.finditer(text[s:e]) if not _inside(text[s : s + m.start()])]
        cuts = sorted(set(c for c in cuts if c < e)) + [e]
        for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
            if not text[a:b].strip():
                continue
            if k == 0 and carry is not None and carry.lang == lang:
                carry.add(seg, a, b, text[a:b])
                continue
            unit = Unit(lang=lang, bare=len(cuts) == 2)
            unit.add(seg, a, b, text[a:b])
            units.append(unit)
        last = units[-1] if units else None
        wraps = width and e - s >= width and not _PUNCT_END.search(text[s:e])
        carry = last if wraps else None
    return units


def _locate(ctx: Context, units: list[Unit]) -> list[list[tuple[int, int, Mention]]]:
    """Entity mentions of each unit at unit positions; a mention may run across wrapped lines."""
    out = []
    for unit in units:
        here = []
        for seg in dict.fromkeys(p[0] for p in unit.pieces):
            for m in ctx.found.get(seg, []):
                if isinstance(m, (CountryMention, OrgMention, DateMention)):
                    start, end = unit.position(seg, m.start), unit.position(seg, m.end, True)
                    if start is not None and end is not None:
                        here.append((start, end, m))
        out.append(sorted(here, key=lambda x: (x[0], x[1])))
    return out


_VIEW: list = [None, None]


def document_view(ctx: Context) -> View:
    """The view of the document `ctx` describes, built once (entity mentions are complete)."""
    if _VIEW[0] is not ctx:
        units = _units(ctx)
        view = View(ctx=ctx, units=units, mentions=_locate(ctx, units))
        view.rows = _rows(view)
        _VIEW[0], _VIEW[1] = ctx, view
    return _VIEW[1]


def find_places_in(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Places from extractors.places, or none while that module is not available."""
    try:
        from extractors.places import find_places
    except ImportError:
        return []
    return list(find_places(text, lang))


def _dates(view: View, u: int, window: Span | None = None) -> list[tuple[int, int, DateMention]]:
    """Date mentions of a unit, one per span: the one with a year and the finest precision."""
    best: list[tuple[int, int, DateMention]] = []
    for s, e, m in view.found(u, DateMention, window):
        rank = (not m.value.startswith("--"), len(m.value))
        if best and s < best[-1][1]:
            old = best[-1][2]
            if rank > (not old.value.startswith("--"), len(old.value)):
                best[-1] = (best[-1][0], max(e, best[-1][1]), m)
            continue
        best.append((s, e, m))
    return best


def bare_date(view: View, u: int) -> DateMention | None:
    """The date of a line that holds nothing else, such as "(2014年)" or "18 Dec 24 |"."""
    unit = view.units[u]
    dates = _dates(view, u)
    if not unit.bare or not dates:
        return None
    rest = unit.text
    for s, e, _ in reversed(dates):
        rest = rest[:s] + rest[e:]
    return dates[0][2] if len(FRAME.sub("", rest)) <= 1 else None


def usable(view: View, u: int, s: int, e: int) -> bool:
    """A date that is not a target ("2050年までに", "by 2050") or a series start ("since 2014")."""
    unit, lex = view.units[u], lexicon(view.units[u].lang, "agreements")
    after, before = unit.text[e : e + 20], unit.text[max(0, s - 50) : s]
    for key, text in (("target_after", after), ("series_after", after)):
        if re.search(lex[key], text):
            return False
    for key in ("target_before", "series_before"):
        if regex(lex[key], unit.lang).search(before):
            return False
    return True


def pick_date(view: View, u: int, anchor: Span, window: Span | None = None) -> DateMention | None:
    """The date of a sentence tied to `anchor` (a trigger or its verb): the nearest group of dates
    (the first of a range such as 24日及び25日), before it in Japanese, on either side elsewhere."""
    unit = view.units[u]
    dates = [d for d in _dates(view, u, window) if usable(view, u, d[0], d[1])]
    groups: list[list[tuple[int, int, DateMention]]] = []
    for d in dates:
        if groups and len(unit.text[groups[-1][-1][1] : d[0]].strip()) <= 4:
            groups[-1].append(d)
        else:
            groups.append([d])
    side = lexicon(unit.lang, "agreements")["date_side"]
    before = [g for g in groups if g[-1][1] <= anchor[0]]
    if side == "before":
        return before[-1][0][2] if before else None

    def distance(g: list) -> int:
        return anchor[0] - g[-1][1] if g[-1][1] <= anchor[0] else max(0, g[0][0] - anchor[1])

    return min(groups, key=distance)[0][2] if groups else None


def near_date(view: View, u: int, reach: int = 6) -> tuple[DateMention | None, str | None]:
    """A date and place from the context: the row's, else those of the nearest unit before
    that holds a usable date."""
    if u in view.rows:
        return view.rows[u]
    for back in range(u - 1, max(-1, u - reach - 1), -1):
        dates = [d for d in _dates(view, back) if usable(view, back, d[0], d[1])]
        if dates:
            return dates[-1][2], place_near(view, back, dates[-1][:2])
    return None, None


def place_near(view: View, u: int, anchor: Span) -> str | None:
    """The place named nearest the anchor in its sentence, else the row's place."""
    unit = view.units[u]
    places = find_places_in(unit.text, unit.lang)
    if places:
        return min(places, key=lambda p: abs(p[0] - anchor[0]))[2]
    return view.rows.get(u, (None, None))[1]


def unit_parties(
    view: View, u: int, window: Span | None, lang: str, issuer: bool = False
) -> tuple[list[str], list[str]]:
    """Ministries (org ids, also from signatory titles) and states (ISO3, or groups such as ASEAN)
    named in a window of a unit. With `issuer`, a title or code naming the issuer (TT-BTNMT,
    NĐ-CP) decides alone."""
    lex = lexicon(lang, "agreements")
    ministries, groups = lex["ministry_country"], set(lex["party_groups"])
    unit = view.units[u]
    lo, hi = window or (0, len(unit.text))
    orgs, states, taken = [], [], set()
    for title in lex["party_titles"]:
        for m in regex(title["pattern"], lang).finditer(unit.text, lo, hi):
            if not taken & set(range(*m.span())):
                taken.update(range(*m.span()))
                (orgs if title["party"] in ministries else states).append(title["party"])
    if issuer and (orgs or states):
        return orgs, states
    for s, e, m in view.found(u, OrgMention, (lo, hi)):
        if m.id in ministries:
            orgs.append(m.id)
        elif m.id in groups:
            states.append(m.id)
    states += [m.iso3 for _, _, m in view.found(u, CountryMention, (lo, hi))]
    return orgs, states


def _leading_place(view: View, u: int, at: int = 0) -> str | None:
    """The place that opens a unit (right after position `at`), as in "ハノイ 会議概要…"."""
    if u >= len(view.units):
        return None
    places = find_places_in(view.units[u].text, view.units[u].lang)
    return next((p[2] for p in places if 0 <= p[0] - at <= 3), None)


def _rows(view: View) -> dict[int, tuple[DateMention | None, str | None]]:
    """Pseudo-table rows (an ordinal alone on a line, then its date and place lines, then its text,
    or a line opening with a date and a place): every unit of a row gets the row's date and place.
    Needs two ordinal rows with their date lines in the document."""
    heads = []  # unit, date, place, ordinal row with a date line
    for u, unit in enumerate(view.units):
        row_head = regex(lexicon(unit.lang, "agreements")["row_head"], unit.lang)
        if unit.bare and row_head.fullmatch(FRAME.sub("", unit.text)):
            date = bare_date(view, u + 1) if u + 1 < len(view.units) else None
            heads.append((u, date, _leading_place(view, u + (2 if date else 1)), date is not None))
        elif unit.bare and (dates := _dates(view, u)) and not FRAME.sub("", unit.text[: dates[0][0]]):
            if place := _leading_place(view, u, dates[0][1]):
                heads.append((u, dates[0][2], place, False))
    if sum(h[3] for h in heads) < 2:
        return {}
    rows = {}
    for k, (u, date, place, _) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(view.units)
        rows.update({v: (date, place) for v in range(u, end)})
    return rows


def valid(seg: Segment, m: Mention) -> bool:
    """The mention's surface is the segment text at its offsets."""
    return 0 <= m.start < m.end <= len(seg.text) and seg.text[m.start : m.end] == m.surface


# --- agreements ----------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """An instrument mention with the arguments found so far."""

    unit: int
    span: Span
    kind: str
    parties: tuple[str, ...] = ()
    date: str | None = None
    strong: bool = False  # the date was tied to it in its own sentence
    place: str | None = None
    org_level: bool = False
    local: bool = True  # the parties are named in its own sentence
    noun: str = ""  # the instrument word as written, folded


@cache
def _instruments(lang: str) -> list[tuple[re.Pattern, str, bool, str]]:
    lex = lexicon(lang, "agreements")
    return [
        (regex(i["pattern"], lang), i["kind"], bool(i.get("jcm")), i.get("noun", i["kind"]))
        for i in lex["instruments"]
    ]


class Trigger(NamedTuple):
    span: Span
    kind: str
    founding: bool = False  # a JCM founding phrase ("signed up to the JCM")
    jcm: bool = False  # a JCM topic in its clause makes it the JCM's bilateral document
    noun: str = ""  # the class of instrument word (law, ordinance, circular...)


def _triggers(view: View, u: int) -> list[Trigger]:
    """Instrument nouns and founding phrases of one unit; a noun chained to the next one of the
    same kind by a few letters ("…に関する法律の一部を改正する法律") is its modifier and is dropped."""
    unit, lex = view.units[u], lexicon(view.units[u].lang, "agreements")
    excluded = [m.span() for m in regex(lex["excluded"], unit.lang).finditer(unit.text)]
    excluded += [m.span() for m in regex(lex["alias"], unit.lang).finditer(unit.text)]
    found: list[Trigger] = []
    taken: set[int] = set()
    for pattern in lex["founding"]:
        for m in regex(pattern, unit.lang).finditer(unit.text):
            found.append(Trigger(m.span(), "bilateral_document", founding=True))
            taken.update(range(*m.span()))
    for pattern, kind, jcm, noun in _instruments(unit.lang):
        for m in pattern.finditer(unit.text):
            s, e = m.span()
            if taken & set(range(s, e)) or any(a <= s < b or a < e <= b for a, b in excluded):
                continue
            if view.aligned(u, s, e):
                found.append(Trigger((s, e), kind, jcm=jcm, noun=noun))
                taken.update(range(s, e))
    found.sort()
    kept = []
    for t in found:
        gap = unit.text[kept[-1].span[1] : t.span[0]] if kept else ""
        if kept and kept[-1].kind == t.kind and len(gap) <= 12 and not re.search(r"[。、,;]", gap):
            if re.search(r"[(（「『“]", gap):  # 法律(令和6年法律第56号): a number, not a new act
                continue
            kept.pop()  # …に関する法律の一部を改正する法律: the first names what the second amends
        kept.append(t)
    return kept


def _verb(unit_text: str, lang: str, span: Span, others: list[Span], legal: bool) -> Span | None:
    """The signing verb nearest the trigger with no other trigger between; for laws the enacting
    verb listed first in the data (公布 before 施行) wins."""
    lex = lexicon(lang, "agreements")
    verbs = [lex["signing"]] + (lex["enacting"].split("|") if legal else [])
    best = None
    for rank, words in enumerate(reversed(verbs)):  # laws: the promulgation first
        for m in regex(words, lang).finditer(unit_text):
            lo, hi = sorted((m.start(), span[0]))
            if any(lo < o[0] < hi for o in others if o != span):
                continue
            if m.start() >= span[0] and m.end() <= span[1]:
                continue
            dist = abs(m.start() - span[1]) if m.start() >= span[1] else abs(span[0] - m.end())
            if best is None or (-rank, dist) < best[0]:
                best = ((-rank, dist), m.span())
    return best[1] if best else None


def _rejected(unit_text: str, lang: str, span: Span, verb: Span | None) -> bool:
    """Planned or generic references: irrealis words around the trigger and its verb, a
    quantity or plural marker right before it."""
    lex = lexicon(lang, "agreements")
    lo = min(span[0], verb[0]) if verb else span[0]
    hi = max(span[1], verb[1]) if verb else span[1]
    if regex(lex["irrealis"], lang).search(unit_text[max(0, lo - 20) : hi + 12]):
        return True
    after = unit_text[span[1] : hi + 10] if lang == "ja" else ""  # 〜を締結する17か国
    return bool(regex(lex["generic"], lang).search(unit_text[max(0, span[0] - 25) : span[0]] + after))


def _candidates(view: View) -> list[Candidate]:
    """Accepted instrument mentions with their own arguments, in document order."""
    out: list[Candidate] = []
    for u, unit in enumerate(view.units):
        lex = lexicon(unit.lang, "agreements")
        triggers = _triggers(view, u)
        spans = [t.span for t in triggers]
        self_ref = regex(lex["self_nouns"], unit.lang).search(unit.text)
        if not triggers and self_ref and (v := _verb(unit.text, unit.lang, self_ref.span(), [], False)):
            own = _own_instrument(view)
            if own and not _rejected(unit.text, unit.lang, self_ref.span(), v):
                out.append(_argue(view, u, self_ref.span(), own, v, spans))
            continue
        for span, kind, founding, jcm, noun in triggers:
            verb = _verb(unit.text, unit.lang, span, spans, kind == "legal_act")
            if _rejected(unit.text, unit.lang, span, verb):
                continue
            clause = _clause(unit.text, span, spans, lex["scope_side"])
            if jcm and regex(lex["jcm_topic"], unit.lang).search(unit.text[clause[0] : clause[1]]):
                if not regex(lex["renewal"], unit.lang).search(unit.text[span[0] : span[1] + 8]):
                    kind = "bilateral_document"
            cand = replace(_argue(view, u, span, kind, verb, spans), noun=noun)
            linked = bool(cand.parties) and bool(
                regex(lex["party_link"], unit.lang).search(unit.text[clause[0] : clause[1]])
            ) and _clause_parties(view, u, clause, unit.lang)
            if founding or verb or cand.strong or linked or _listed(view, u, span):
                out.extend(_split_partners(cand) if cand.kind == "bilateral_document" else [cand])
    return out


def _listed(view: View, u: int, span: Span) -> bool:
    """A list line that only names an instrument, under a sentence such as "以下の3つの省令を
    制定する" / "the following decrees were issued"."""
    unit = view.units[u]
    if not unit.bare or FRAME.sub("", unit.text[span[1] :]):
        return False
    for back in range(u - 1, max(-1, u - 8), -1):
        prev, lex = view.units[back], lexicon(view.units[back].lang, "agreements")
        verbs = regex(lex["signing"] + "|" + lex["enacting"], prev.lang)
        if regex(lex["list_intro"], prev.lang).search(prev.text) and verbs.search(prev.text):
            return True
        if not (prev.bare and _triggers(view, back)):
            return False
    return False


def _clause(text: str, span: Span, spans: list[Span], side: str) -> Span:
    """Where the trigger's own modifiers are: up to the neighbouring triggers (before it in ja)."""
    lo = max([s[1] for s in spans if s[1] <= span[0]], default=0)
    lo = max([lo] + [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, span[0])])
    hi = min([s[0] for s in spans if s[0] >= span[1]], default=len(text))
    return (lo, span[1]) if side == "before" else (lo, hi)


def _clause_parties(view: View, u: int, clause: Span, lang: str) -> bool:
    orgs, countries = unit_parties(view, u, clause, lang)
    return bool(orgs or countries)


def _argue(view: View, u: int, span: Span, kind: str, verb: Span | None, spans: list[Span]) -> Candidate:
    """Parties, date and place of one trigger: its clause, its sentence, then the context."""
    unit, lex = view.units[u], lexicon(view.units[u].lang, "agreements")
    anchor = verb or span
    legal = kind == "legal_act"
    date, strong = pick_date(view, u, anchor), True
    if date is None and verb and not legal:
        date, strong = near_date(view, u)[0], False
    clause = _clause(unit.text, span, spans, lex["scope_side"])
    orgs, countries = unit_parties(view, u, clause, unit.lang, issuer=legal)
    if not (orgs or countries):
        orgs, countries = unit_parties(view, u, None, unit.lang, issuer=legal)
    local = bool(orgs or countries)
    same_block = u > 0 and view.units[u - 1].pieces[-1][0] == unit.pieces[0][0]
    context = [[u - 1]] if same_block else []
    for window in context if legal else [[u - 1], _following(view, u), [u - 2], [u - 3], [u - 4]]:
        if orgs or countries:
            break
        for v in (v for v in window if 0 <= v < len(view.units)):
            more = unit_parties(view, v, None, unit.lang)
            orgs, countries = orgs + more[0], countries + more[1]
    parties = tuple(sorted(set(orgs or countries)))
    if not parties and kind == "legal_act" and lex["home_country"]:
        parties = (lex["home_country"],)
    return Candidate(
        unit=u, span=span, kind=kind, parties=parties, date=date.value if date else None,
        strong=strong and date is not None, place=place_near(view, u, anchor), org_level=bool(orgs),
        local=local,
    )


def _following(view: View, u: int) -> list[int]:
    """The next unit and the short lines after it (a signature block: title, name, title, name)."""
    out = [u + 1]
    while len(out) < 6 and out[-1] + 1 < len(view.units):
        nxt = view.units[out[-1] + 1]
        if not (nxt.bare and len(nxt.text.strip()) <= 30):
            break
        out.append(out[-1] + 1)
    return out


def _split_partners(cand: Candidate) -> list[Candidate]:
    """A JCM founding document binds Japan and one partner: one fact per partner country."""
    if cand.org_level:
        return [cand]
    partners = [p for p in cand.parties if p != "JPN"]
    if not partners:
        return [replace(cand, parties=("JPN",))] if cand.parties else [cand]
    return [replace(cand, parties=tuple(sorted({"JPN", p}))) for p in partners]


def _own_instrument(view: View) -> str | None:
    """The kind of the instrument a document is about: the first instrument noun in its opening."""
    for u in range(min(4, len(view.units))):
        triggers = _triggers(view, u)
        if triggers:
            return triggers[-1].kind
    return None


def _as_countries(parties: tuple[str, ...], lang: str) -> frozenset[str]:
    table = lexicon(lang, "agreements")["ministry_country"]
    return frozenset(table.get(p, p) for p in parties)


def _same(a: Candidate, b: Candidate, lang: str) -> bool:
    """One instrument mentioned twice: same kind, compatible parties and dates. Laws must also
    share their noun (法律 / 省令, Luật / Thông tư) and their issuer."""
    if a.kind != b.kind:
        return False
    if a.kind == "legal_act" and (a.noun != b.noun or (a.parties and b.parties and a.parties != b.parties)):
        return False
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    if a.parties and b.parties and a.parties != b.parties:
        if a.org_level and b.org_level:
            return False
        return _as_countries(a.parties, lang) == _as_countries(b.parties, lang)
    return True


def _refine(view: View, cands: list[Candidate], lang: str) -> list[Candidate]:
    """Parties taken from the context, or none, become the ministries that sign in the document's
    own sentences (or, failing that, a pair of ministries it names) when they stand for the same
    countries: a MOEJ-MONRE page's "the MoC was signed" is a MOEJ-MONRE MoC."""
    known = [c.parties for c in cands if c.org_level and c.local]
    for u, unit in enumerate(view.units):
        pair = tuple(sorted(set(unit_parties(view, u, None, unit.lang)[0])))
        known += [pair] if len(pair) >= 2 else []
    out = []
    for c in cands:
        if not c.local and c.kind not in ("legal_act", "bilateral_document"):
            image = set(c.parties)
            same = next((p for p in known if not image or _as_countries(p, lang) == image), None)
            c = replace(c, parties=same, org_level=True) if same else c
        out.append(c)
    return out


def _merge(cands: list[Candidate], lang: str) -> list[Candidate]:
    """Fold repeated mentions into the first one, keeping the most specific arguments."""
    merged: list[Candidate] = []
    for c in cands:
        for i, m in enumerate(merged):
            if _same(m, c, lang):
                merged[i] = _better(m, c)
                break
        else:
            merged.append(c)
    return merged


def _better(a: Candidate, b: Candidate) -> Candidate:
    def rank(c: Candidate) -> tuple:
        return (c.strong, c.date is not None and not c.date.startswith("--"), len(c.date or ""))

    date_from = max((a, b), key=rank)
    parties = a.parties if (a.org_level or not b.org_level) and a.parties else b.parties or a.parties
    return replace(
        a, parties=parties, org_level=a.org_level or b.org_level, date=date_from.date,
        strong=date_from.strong, place=a.place or b.place,
    )


def _mentions(ctx: Context) -> dict[int, list[AgreementMention]]:
    view = document_view(ctx)
    lang = ctx.doc_lang or "en"
    cands = _merge(_refine(view, _candidates(view), lang), lang)
    out: dict[int, list[AgreementMention]] = {}
    for c in cands:
        where = view.units[c.unit].seg_span(*c.span)
        if where is None:
            continue
        seg, s, e = where
        text = ctx.segments[seg].text
        out.setdefault(seg, []).append(AgreementMention(
            start=s, end=e, surface=text[s:e], rule=f"agreement:{c.kind}", kind=c.kind,
            parties=c.parties, date=c.date, place=c.place,
        ))
    return out


_DONE: list = [None, {}]


@extractor("agreements", AgreementMention)
def find_agreements(seg: Segment, ctx: Context) -> Iterator[AgreementMention]:
    """Agreements of the whole document, computed once and yielded in the segment holding them."""
    if _DONE[0] is not ctx:
        _DONE[0], _DONE[1] = ctx, _mentions(ctx)
    yield from (m for m in _DONE[1].get(ctx.index, []) if valid(seg, m))
