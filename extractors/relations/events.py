"""Events: meetings and other dated happenings (dialogues, joint committees, COPs, visits,
ceremonies, seminars) with their ordinal, date and place.

A trigger is a meeting noun (政策対話, Ủy ban hỗn hợp, Joint Committee) or a session name (COP26).
Every trigger is a candidate with features (an ordinal or a name, a holding word in its clause
(開催, tổ chức, held), a date in its clause, recurring, generic or part-of words); a learned model
(extractors.relations.relation_model, `make train`) decides which are events and which keep their date.
Electronic decisions and planned meetings (dated or not) are no candidates. A generic meeting noun (hội nghị, conference)
yields to the body its noun phrase names; dated talks are `other`; ordinals may be words
(third, lần thứ ba) or kanji (第三回). Dates (extractors.relations.discourse): the date in the event's clause, else its
sentence's (unless the sentence reports another event), else a row's, the next line's, or, for
a held meeting, a ceremony or a visit, the narrative's; a meeting summary's header fields date
the event the document is about. One event mentioned twice in a document is one fact. An event
another is held during ("on the sidelines of COP30") is not dated by that one's sentence; a
definite mention in a later sentence ("The conference, which opened on…", "同会議", "Hội nghị")
refers back and dates it. An enumeration names its meeting noun once ("the first JC in 2023 and
the second in 2024"): one event per ordinal, and so do coordinated ordinals of a plural head
("the first and second meetings … in 2023 and 2024", dates paired in order when as many). A
visit may be told by its verb ("visited the plant", "đã đến thăm nhà máy"). A Japanese topic or subject
("…合同委員会は、", "…フォーラムが…、") takes the date of its predicate clause; a relative clause after a mention
("COP30, which opened on November 10") gives the mention its own date, which the event held
during it does not take.

    ja: 2023年5月10日及び11日の第4回日本・モンゴル環境政策対話 → policy_dialogue 4, 2023-05-10
    vi: ngày 24/11, hai bên đã tổ chức đối thoại lần thứ 7 tại Tokyo → policy_dialogue 7, --11-24
    en: the third Ministerial Meeting held in Manila on March 3 → conference 3, --03-03
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from extractors.base import Context, extractor
from extractors.relations.event_candidate import Candidate
from extractors.relations.event_dates import (
    about, clause, dated, local_days, options, predicate, split_series, stampless,
)
from extractors.relations.event_merge import merge, refer
from extractors.relations.discourse import (
    placed,
    FRAME,
    Span,
    View,
    document_view,
    full_date,
    regex,
)
from extractors.lexicon import alternation, lexicon
from extractors.entities.numbers import parse_number
from extractors.text import spaced
from extractors.relations.relation_dates import first_date
from extractors.relations.relation_features import decide, flags, shared
from extractors.relations.relation_model import Features, Model, model
from schemas.records import EventMention


@cache
def _kinds(lang: str) -> list[tuple[re.Pattern, Candidate]]:
    """Each trigger pattern with the candidate it makes (kind and flags; unit and span unset)."""
    lex = lexicon(lang, "events")
    return [
        (regex(k["pattern"], lang), Candidate(-1, (0, 0), k["kind"], head=bool(k.get("head")),
                                              generic=bool(k.get("generic")), evident=bool(k.get("evident")),
                                              refers=bool(k.get("refers"))))
        for k in lex["kinds"]
    ]


@cache
def _ordinal_patterns(lang: str) -> list[re.Pattern]:
    """The ordinal patterns, their {words} standing for the language's ordinal words."""
    lex = lexicon(lang, "events")
    words = alternation(lex["ordinal_words"]) or "(?!)"
    return [regex(p.replace("{words}", words), lang) for p in lex["ordinals"]]


@cache
def _ordinal_and(lang: str) -> re.Pattern:
    """A further ordinal coordinated with one before it ("and second", "及び第2回", "và thứ hai");
    its last group is the number."""
    lex = lexicon(lang, "events")
    return re.compile(lex["ordinal_and"].replace("{words}", alternation(lex["ordinal_words"]) or "(?!)"),
                      re.IGNORECASE)


def _coordinated(text: str, lang: str, end: int) -> tuple[list[int], int]:
    """The ordinals coordinated after the one ending at `end`, and where the last one ends."""
    values: list[int] = []
    while (m := _ordinal_and(lang).match(text[end:])) and (value := _number(m.group(m.lastindex), lang)) is not None:
        values.append(value)
        end += m.end()
    return values, end


def _number(text: str, lang: str) -> int | None:
    """An ordinal's value: digits, an ordinal word (third, thứ ba) or a kanji numeral (第十一回)."""
    words = lexicon(lang, "events")["ordinal_words"]
    value = words.get(text.lower()) or parse_number(text, lang)
    return int(value) if isinstance(value, int) or (isinstance(value, float) and value.is_integer()) else None


def _triggers(view: View, u: int) -> list[Candidate]:
    """Meeting nouns and session names of one unit, longest first, one per span; a noun right
    next to another of the same kind ("締約国会議（COP26）") is the same mention, unless only one
    of them refers back ("同会議の際に会談")."""
    unit = view.units[u]
    lex = lexicon(unit.lang, "events")
    found: list[Candidate] = []
    taken: set[int] = set()
    for pattern in lex["named"]:
        for m in regex(pattern, unit.lang).finditer(unit.text):
            ordinal = int(m.group(1)) if m.groups() and m.group(1) else None
            name = re.sub(r"\s", "", m.group()).upper()
            found.append(Candidate(u, m.span(), "conference", ordinal, name=name))
            taken.update(range(*m.span()))
    for pattern, made in _kinds(unit.lang):
        for m in pattern.finditer(unit.text):
            if not taken & set(range(*m.span())) and view.aligned(u, *m.span()):
                found.append(_titled(unit.text, replace(made, unit=u, span=m.span()), lex))
                taken.update(range(*m.span()))
    found.sort(key=lambda c: c.span)
    found = _named_bodies(unit.text, unit.lang, found)
    out: list[Candidate] = []
    for cand in found:
        if out and out[-1].kind == cand.kind and out[-1].refers == cand.refers:
            gap = unit.text[out[-1].span[1] : cand.span[0]]
            if len(gap) <= 3 and not re.search(r"[。、,;]", gap):
                prev = out[-1]
                prev.span = (prev.span[0], cand.span[1])
                prev.ordinal, prev.name = prev.ordinal or cand.ordinal, prev.name or cand.name
                continue
        out.append(cand)
    return out


_CLOSE = re.compile(r"[」』”\"’]")


def _titled(text: str, c: Candidate, lex: dict) -> Candidate:
    """A meeting noun followed by its title in quotes or after a colon is a named event; a quoted
    title becomes part of its span."""
    opener = regex(lex["title_after"], "ja").search(text[c.span[1] :])
    if opener:
        close = _CLOSE.search(text, c.span[1] + opener.end(), c.span[1] + opener.end() + 200)
        end = close.end() if close else c.span[1]
        c.name, c.span = re.sub(r"\s+", " ", text[c.span[0] : end]), (c.span[0], end)
    return c


def _named_bodies(text: str, lang: str, found: list[Candidate]) -> list[Candidate]:
    """A generic meeting noun whose noun phrase names a specific body is that body's meeting:
    "Hội nghị nhóm công tác JCM" and "合同作業部会会合" are working groups, not conferences."""
    gap = regex(lexicon(lang, "events")["np_gap"], "ja")
    out = []
    for g in found:
        if not g.generic:
            out.append(g)
            continue
        body = next((c for c in found if not (c.generic or c.head or c.refers) and gap.search(
            text[g.span[1] : c.span[0]] if c.span[0] >= g.span[1] else text[c.span[1] : g.span[0]]
            if c.span[1] <= g.span[0] else "-")), None)
        if body is None:
            out.append(g)
        else:
            body.span = (min(body.span[0], g.span[0]), max(body.span[1], g.span[1]))
    return out


def _drop_modifiers(text: str, lang: str, found: list[Candidate]) -> list[Candidate]:
    """A dependent event ("第8回政策対話に向けた準備会合", "launch of the Partnership") replaces
    the event it depends on, which is only its modifier (with its ordinal)."""
    side = lexicon(lang, "events")["ordinal_side"]
    drop = set()
    for i, cand in enumerate(found):
        j = i - 1 if side == "before" else i + 1
        if cand.head and 0 <= j < len(found):
            lo, hi = (found[j].span[1], cand.span[0]) if j < i else (cand.span[1], found[j].span[0])
            if 0 <= hi - lo <= 40 and not re.search(r"[。、,;.]", text[lo:hi]):
                drop.add(j)
    return [c for k, c in enumerate(found) if k not in drop]


def _roles(text: str, lang: str, found: list[Candidate]) -> list[Candidate]:
    """A meeting noun that only names the role of another event of the sentence is no event of its
    own: "COP22のサイドイベントとして、「JCMパートナー国会合」を開催", "held the partners' meeting as
    a side event of COP22". The other event stands on the side of the role word."""
    lex = lexicon(lang, "events")
    after, before = regex(lex["role_after"], "ja"), regex(lex["role_before"], lang)
    out = []
    for c in found:
        later = after.match(text, c.span[1]) and any(o.span[0] >= c.span[1] for o in found if o is not c)
        earlier = before.search(text[max(0, c.span[0] - 30) : c.span[0]]) and any(
            o.span[1] <= c.span[0] for o in found if o is not c)
        if not (later or earlier):
            out.append(c)
    return out


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_OPENED, _SHUT = re.compile(r"[(（]\s*$"), re.compile(r"\s*[)）]")
_NAME_TAIL = re.compile(r"\s*(?:[A-Z]{2,6}\s*)?")  # what may end a name before its bracket: "Ủy ban hỗn hợp JCM (lần thứ 3)"


def _between(cands: list[Candidate], lo: int, hi: int) -> bool:
    """Whether another meeting noun stands between an ordinal and a noun: the ordinal is that
    one's ("第22回締約国会議(COP22)のサイドイベント": 22 is the COP's, not the side event's)."""
    return any(lo <= c.span[0] and c.span[1] <= hi for c in cands)


def _ordinals(view: View, u: int, cands: list[Candidate]) -> list[tuple[int, Span]]:
    """Give each ordinal to the nearest meeting noun it can modify (one noun per ordinal), across
    a bracketed date or place ("Kỳ họp thứ 3 (Hà Nội, 24/11/2025) của Ủy ban…"); return the
    ordinals left without a noun, with their spans."""
    unit, lex = view.units[u], lexicon(view.units[u].lang, "events")
    gap_ok, series = regex(lex["ordinal_gap"], "ja"), regex(lex["not_ordinal_after"], "ja")
    left: list[tuple[int, Span]] = []

    def gap(a: int, b: int) -> bool:
        return bool(gap_ok.search(_BRACKETED.sub("", unit.text[a:b])))

    for pattern in _ordinal_patterns(unit.lang):
        for m in pattern.finditer(unit.text):
            value = _number(m.group(1), unit.lang)
            more, end = _coordinated(unit.text, unit.lang, m.end())
            if series.search(unit.text[end:]) or any(c.span[0] < m.start() < c.span[1] and c.series for c in cands):
                continue  # "the first meeting in five years" counts no series; "及び第2回" is coordinated
            options = []
            opened = _OPENED.search(unit.text, 0, m.start())
            for c in cands:
                if c.span[0] <= m.start() and end <= c.span[1]:
                    options.append((0, c))
                elif opened and _SHUT.match(unit.text, end) and _NAME_TAIL.fullmatch(unit.text, c.span[1], opened.start()):
                    options.append((0, c))  # the noun's ordinal in brackets after it: "Joint Committee (3rd)", "合同委員会（第3回）"
                elif c.span[0] >= end and gap(end, c.span[0]) and not _between(cands, end, c.span[0]):
                    options.append((c.span[0] - end, c))
                elif lex["ordinal_side"] == "both" and c.span[1] <= m.start() and gap(c.span[1], m.start()) \
                        and not _between(cands, c.span[1], m.start()):
                    options.append((m.start() - c.span[1], c))
            free = [o for o in options if o[1].ordinal is None]
            if free and value is not None:
                target = min(free, key=lambda o: o[0])[1]
                target.ordinal = value
                target.series = (value, *more) if more else ()
                target.span = (min(target.span[0], m.start()), max(target.span[1], end))
            elif not options and value is not None:
                left.append((value, m.span()))
    return left


def _sessions(unit_text: str, lang: str, found: list[Candidate], left: list[tuple[int, Span]]
              ) -> list[tuple[int, Span]]:
    """An ordinal of a bare session noun ("held its third meeting", "第3回会合を開催") numbers the one
    body of the sentence that has no ordinal ("The Joint Committee held its third meeting",
    "合同委員会は…第3回会合を開催した"); return the ordinals still left."""
    lex = lexicon(lang, "events")
    session, holding = regex(lex["session_after"], "ja"), regex(lex["holding"], lang)
    bodies = [c for c in found if not (c.generic or c.head or c.refers or c.evident or c.name)]
    out = []
    for value, span in left:
        free = [c for c in bodies if c.ordinal is None]
        # the session is the body's when its clause holds it, or the body is named after it (the
        # Fifth Meeting of the … Joint Committee): "recalled the first meeting with …" is another
        said = free and (holding.search(unit_text, *clause(unit_text, span[0], lang)) or free[0].span[0] > span[1])
        if session.match(unit_text, span[1]) and len(bodies) == 1 and said:
            free[0].ordinal = value
        else:
            out.append((value, span))
    return out


def _elliptic(unit_text: str, lang: str, found: list[Candidate], left: list[tuple[int, Span]]) -> list[Candidate]:
    """An enumeration whose meeting noun is named once: "the first Joint Committee was held in
    2023 and the second in 2024", "合同委員会は、第1回は2023年、第2回は2024年に開催". Each ordinal
    without a noun, followed by its date or a particle (not a noun of its own), is a meeting of
    the one kind the sentence names; it needs a second ordinal in the sentence."""
    kinds = {c.kind for c in found if not (c.head or c.refers)}
    ordinals = len(left) + sum(c.ordinal is not None for c in found)
    if len(kinds) != 1 or ordinals < 2:
        return []
    after = regex(lexicon(lang, "events")["elliptic_after"], "ja")
    kind = kinds.pop()
    return [Candidate(found[0].unit, span, kind, value, elliptic=True) for value, span in left
            if after.match(unit_text, span[1]) and not any(c.span[0] <= span[0] < c.span[1] for c in found)]


def _unreal(unit_text: str, lang: str, c: Candidate) -> bool:
    """An electronic decision, or a planned meeting, dated or not ("the next JC is scheduled for
    2026"), or one its sentence calls off past its clause ("…, originally scheduled for April, has
    been postponed", "…は、延期された") — unless its own clause says it was held, when what is
    called off later is something else ("…was held on 5 May, where the start was postponed"): no
    candidate, as the gold sets hold too few of them to learn from (3 in 82 documents)."""
    lex = lexicon(lang, "events")
    lo, hi = clause(unit_text, c.span[0], lang)
    return bool(regex(lex["electronic"], lang).search(unit_text)
                or regex(lex["planned_before"], lang).search(unit_text, lo, c.span[0])
                or regex(lex["planned_after"], lang).search(unit_text[c.span[1] : hi])
                or regex(lex["unheld_after"], lang).match(unit_text[c.span[1] : hi if c.main else None])
                or regex(lex["unheld_before"], lang).match(unit_text[: c.span[0]]))


def _signals(unit_text: str, lang: str, c: Candidate, cands: list[Candidate]) -> dict[str, bool]:
    """What speaks against a real, held meeting, as features: a recurring one with no date of its
    own; a generic plural; a part of another event in the sentence."""
    lex = lexicon(lang, "events")
    lo, hi = clause(unit_text, c.span[0], lang)
    part = regex(lex["part_of"], lang)
    if lex["part_of_side"] == "after":
        part_of = part.search(unit_text[max(0, c.span[0] - 14) : c.span[0]])
    else:
        part_of = part.search(unit_text[c.span[1] : c.span[1] + 20])
    return {
        "recurring": not c.tied and bool(regex(lex["recurring"], lang).search(unit_text[lo : max(hi, c.span[1] + 12)])),
        "generic": bool(regex(lex["generic"], lang).search(unit_text[max(0, c.span[0] - 30) : c.span[0]])),
        "part_of": len(cands) > 1 and bool(part_of),
    }


def _holding(unit_text: str, lang: str, c: Candidate, found: list[Candidate]) -> None:
    """Whether the sentence reports the event: a holding word in its clause (開催, held), or,
    for a dependent event, it is the object of the sentence's verb (の立ち上げを宣言). An event
    another one is held during ("on the sidelines of COP30", "COP30の際に", "bên lề COP30") is
    not reported; a definite unnamed mention ("the conference", "同会議") refers back."""
    lex = lexicon(lang, "events")
    lo, hi = clause(unit_text, c.span[0], lang)
    before, after = unit_text[max(0, c.span[0] - 50) : c.span[0]], unit_text[c.span[1] :]
    joined = after if spaced(lang) else re.sub(r"\s+", "", after[:80])  # a space inside a Japanese word is a wrap ("サイ ドイベント")
    c.host = bool(regex(lex["host_before"], lang).search(before) or regex(lex["host_after"], "ja").match(joined))
    c.anaphor = c.refers or (c.ordinal is None and not c.name and (c.host or bool(
        regex(lex["anaphor_before"], lang).search(before) or regex(lex["anaphor_after"], "ja").match(after))))
    c.main = not c.host and (regex(lex["holding"], lang).search(unit_text, lo, hi) is not None or (
        c.head and bool(regex(lex["argument_after"], "ja").search(unit_text[c.span[1] :]))
    ))
    c.predicate = predicate(unit_text, lang, c, [o.span for o in found if o is not c])
    c.main = c.main or c.predicate is not None


def _row_heads(view: View, cands: list[Candidate]) -> list[Candidate]:
    """A pseudo-table row opened by an ordinal alone ("第5回") is that meeting of the series the
    row describes: the kind of the same ordinal further down the row, else the document's usual kind."""
    out = []
    usual = Counter(c.kind for c in cands if c.ordinal is not None).most_common(1)
    for u, unit in enumerate(view.units):
        if u not in view.rows or not unit.bare:
            continue
        for pattern in _ordinal_patterns(unit.lang):
            m = pattern.fullmatch(FRAME.sub("", unit.text))
            if not m or (value := _number(m.group(1), unit.lang)) is None:
                continue
            block = [v for v in range(u + 1, len(view.units)) if view.rows.get(v) == view.rows[u]]
            same = [c for c in cands if c.unit in block and c.ordinal == value]
            kind = same[0].kind if same else (usual[0][0] if usual else None)
            if kind:
                span = (len(unit.text) - len(unit.text.lstrip()), len(unit.text.rstrip()))
                date = view.rows[u][0]
                row = Candidate(u, span, kind, value, date=date.value if date else None,
                                strong=date is not None, place=view.rows[u][1])
                row.features = _features(view, row, [row], row_head=True)
                out.append(row)
    return out


def _features(view: View, c: Candidate, found: list[Candidate], **signals: bool) -> Features:
    """What the event model weighs: the mention's own marks (ordinal, name, holding word, a date
    in its clause), what speaks against it, and its sentence."""
    out = shared(view, c.unit, c.kind, c.date, len(found)) | flags(**signals)
    return out | flags(
        ordinal=c.ordinal is not None, name=c.name, main=c.main, tied=c.tied, strong=c.strong,
        evident=c.evident, elliptic=c.elliptic, refers=c.refers, anaphor=c.anaphor, host=c.host,
        head=c.head, generic_noun=c.generic, place=c.place, series=c.series,
    )


def candidates(view: View) -> list[Candidate]:
    """Every meeting mention with its arguments and features, in document order; a definite
    mention that refers back to an event named before only dates that one."""
    view = stampless(view)
    cands: list[Candidate] = []
    anaphors: list[Candidate] = []
    for u, unit in enumerate(view.units):
        found = _triggers(view, u)
        left = _sessions(unit.text, unit.lang, found, _ordinals(view, u, found))
        found = _roles(unit.text, unit.lang, _drop_modifiers(unit.text, unit.lang, found))
        found = sorted(found + _elliptic(unit.text, unit.lang, found, left), key=lambda c: c.span)
        for c in found:
            _holding(unit.text, unit.lang, c, found)
        for c in sorted(found, key=lambda c: not c.host):  # a host first: its own date is not the others'
            c = dated(view, c, found)
            if _unreal(unit.text, unit.lang, c):
                continue
            signals = _signals(unit.text, unit.lang, c, found)
            c.features = _features(view, c, found, **signals)
            if not c.anaphor:
                cands += split_series(view, c)
            elif not any(signals.values()):
                anaphors.append(c)
    cands = refer(cands, anaphors)
    return sorted(cands + _row_heads(view, cands), key=lambda c: (c.unit, c.span))


def decode(view: View, cands: list[Candidate], judge: Model, dater: Model) -> list[Candidate]:
    """The accepted candidates, the document's own meeting dated by its header, repeated mentions
    merged (the mention whose date the date model is surest of dates the event). A date the event's
    own relative clause states ("COP30, which opened on November 10") is its date, whatever the
    date model prefers: the gold sets hold too few of them to learn it."""
    first, local = first_date(view), local_days(view)
    offered = {id(c): options(view, c, cands, first, local) for c in cands}  # read once, weighed twice
    for c in cands:
        c.sure = max(dater.probability(f) for _, _, f in offered[id(c)])
    kept = decide(view, cands, judge, dater, reach=lambda _v, c, _cs, _f: offered[id(c)])
    return merge(about(view, [replace(c, date=c.stated, strong=True) if c.stated else c for c in kept]))


@extractor("events", EventMention, per_document=True)
def find_events(ctx: Context) -> dict[int, list[EventMention]]:
    """Events of the whole document, merged across its sentences, by the segment holding them."""
    view = document_view(ctx)
    return mentions(ctx, view, decode(view, candidates(view), model("events"), model("events_dates")))


def mentions(ctx: Context, view: View, cands: list[Candidate]) -> dict[int, list[EventMention]]:
    """The events as mentions of the segments holding them."""
    out: dict[int, list[EventMention]] = {}
    for c, seg, s, e in placed(view, cands):
        out.setdefault(seg, []).append(EventMention(
            start=s, end=e, surface=ctx.segments[seg].text[s:e], rule=f"event:{c.kind}",
            kind=c.kind, ordinal=c.ordinal, date=full_date(view, c.date), place=c.place,
        ))
    return out
