"""Which date and place an event candidate (extractors.relations.events) has: the rules that give it
one before the model (extractors.relations.relation_model) decides whether it keeps it.

The date in the event's clause, else its sentence's (unless the sentence reports another event),
else a row's, the next line's, the date opening the section under a heading that names it, or, for a
held meeting, a ceremony or a visit, the narrative's; a meeting summary's header fields date the
event the document is about. An event another is held
during ("on the sidelines of COP30") is not dated by that one's sentence. A Japanese topic or subject
("…合同委員会は、", "…フォーラムが…、") takes the date of its predicate clause; a relative clause after a mention
("COP30, which opened on November 10") gives the mention its own date, which the event held
during it does not take. Coordinated ordinals of a plural head ("the first and second meetings
… in 2023 and 2024") pair with the dates in order when as many. A date that stamps a publication
("【掲載日】…", "press release of 12 November") dates no event; the sentence's date is not the
event's across a semicolon or with an instrument between them (that one takes it).

    ja: 2023年5月10日及び11日の第4回日本・モンゴル環境政策対話 → 2023-05-10
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.relations import relation_dates
from extractors.relations.discourse import (
    Span, View, bare_date, clause_date, dates, near_date, own_date, place_near, usable,
)
from extractors.relations.relation_features import short
from extractors.relations.sentences import regex, words
from extractors.relations.event_candidate import Candidate
from extractors.lexicon import lexicon
from extractors.memo import per_document
from extractors.text import spaced
from schemas.records import AgreementMention, DateMention


STAMP_REACH = 60  # letters before a date that may hold its publication or status word ("thông cáo báo chí của … ngày")
@per_document
def stampless(view: View) -> View:
    """The document as the event rules read it: without the dates that stamp a publication or a
    status ("【掲載日】2019.12.17", "2025年1月2日付", "press release of 12 November", "as of March
    2024"), which date no meeting, though a title's or a header's clause may hold them; and without
    periods over several years ("2026年から2030年までの5年間", "giai đoạn 2026 – 2028"), a term or a
    plan: a meeting lasts days."""
    out = []
    for u, unit in enumerate(view.units):
        lex = lexicon(unit.lang, "events")
        before, after = regex(lex["stamp_before"], unit.lang), regex(lex["stamp_after"], "ja")
        years: dict[Span, set[str]] = {}
        for s, e, m in view.found(u, DateMention):
            years.setdefault((s, e), set()).add(m.value[:4])
        stamped = {span for span, ys in years.items() if len(ys) > 1 and not any(y.startswith("--") for y in ys)}
        for s, e, _ in view.found(u, DateMention):
            head = unit.text[max(0, s - STAMP_REACH) : s]
            lead = re.match(r"\D*", unit.text[s:e]).group()  # a surface may hold its own word ("ngày 12/11")
            if before.search(head) or before.search(head + lead) or after.match(unit.text[e : e + 12]):
                stamped.add((s, e))
        out.append([x for x in view.mentions[u] if not (isinstance(x[2], DateMention) and x[:2] in stamped)])
    return replace(view, mentions=out)


NARRATIVE_REACH = 2  # sentences back a held meeting, a visit or talks may take the narrative's date (5-fold CV: 1-3 tried)


def clause(text: str, pos: int, lang: str) -> Span:
    return _parted(regex(lexicon(lang, "events")["clause_break"], "ja"), text, pos, pos)


def _parted(brk: re.Pattern, text: str, start: int, end: int) -> Span:
    """The part of `text` holding start..end between the `brk` marks around it."""
    lo = max((m.end() for m in brk.finditer(text, 0, start)), default=0)
    nxt = brk.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def relative(text: str, lang: str, c: Candidate) -> bool:
    """Whether the mention's sentence, up to the end of its clause, tells its day relative to
    another ("the day before the forum", "昨日", "Recently, … held"): such a day is no date, so the
    narrative's date is not the event's either."""
    hi = clause(text, c.span[0], lang)[1]
    return bool(regex(lexicon(lang, "events")["relative"], lang).search(text, 0, max(hi, c.span[1])))


def predicate(unit_text: str, lang: str, c: Candidate, others: list[Span] = ()) -> Span | None:
    """The clause holding the predicate of a topic- or subject-marked mention, when it says the
    event was held: Japanese puts the predicate last, so in "第11回合同委員会は、2月20日から21日まで
    ジャカルタで開催され、…" and "フォーラムが…主催のもと、9月23日に…で開催された" the 、 after the
    marker does not part the event from its predicate's date and place. The predicate is the first
    clause after the mention's own that ends in a holding word (開催され、, not 実施するための), no
    other event being named before it (that one would be its subject)."""
    lex = lexicon(lang, "events")
    topic = regex(lex["topic_after"], "ja").match(unit_text[c.span[1] :])
    if topic is None or c.host:
        return None
    lo, hi = clause(unit_text, c.span[1], lang)
    if regex(lex["holding"], lang).search(unit_text, lo, hi):  # held in its own clause: read as such already
        return None
    held_end = regex(lex["held_end"], lang)
    while hi < len(unit_text) and unit_text[hi] != "。":
        lo, hi = clause(unit_text, hi + 1, lang)
        held = held_end.search(unit_text[: hi + 1], lo)
        if any(c.span[1] <= o[0] < (held.start() if held else hi) for o in others):
            return None
        if held:
            return lo, hi
    return None


def dated(view: View, c: Candidate, found: list[Candidate]) -> Candidate:
    """The date and place of one candidate: the date in its clause; else its sentence's, unless
    the sentence reports another event (SB62 in "第5回会合を、SB62の期間にあわせて開催"); else the
    next line's bare date for a named or held meeting, or the context's (NARRATIVE_REACH sentences back at most) for a kind whose mention
    says it happened (a ceremony, a visit). An event another one is held during takes only a
    date written before it in Japanese ("10日に開幕したCOP30の際に")."""
    instruments = view.spans(c.unit, AgreementMention)  # an instrument between the mention and a date takes it
    others = [o.span for o in found if o is not c] + instruments
    if c.host:  # its sentence dates the event held during it, save a date on its far side (ja)
        far = words(view.units[c.unit].lang)["date_side"] == "before"
        stated = _relative_date(view, c)
        c.stated = stated.value if stated else None
        date = stated or (clause_date(view, c.unit, c.span, (0, c.span[0]), others) if far else None)
        c.tied = c.strong = date is not None
        c.date, c.place, c.taken = date.value if date else None, place_near(view, c.unit, c.span), date
        return c
    stated = _relative_date(view, c)
    c.stated = stated.value if stated else None
    date = stated or clause_date(view, c.unit, c.span, others=others)
    date = _untaken(view, c, found, date)
    if date is None and c.predicate:
        date = clause_date(view, c.unit, (c.predicate[0], c.predicate[0]), c.predicate, others)
    if date is None and c.predicate:  # a bare clause between topic and predicate: "…合同委員会は、9月3日、…で開催された"
        date = own_date(view, c.unit, (c.predicate[1], c.predicate[1]), (c.span[1], c.predicate[1]), others)
    c.tied, c.place = date is not None, place_near(view, c.unit, c.span)
    if date is None and (c.main or not any(o.main for o in found if o is not c and not o.refers)):
        date = _untaken(view, c, found, own_date(view, c.unit, c.span, _independent(view, c), instruments))
    c.strong = date is not None
    if date is None and c.unit in view.rows:
        date = view.rows[c.unit][0]
    if date is None and (c.ordinal is not None or c.name or c.main):
        date = bare_date(view, c.unit + 1)
    if date is None and (c.ordinal is not None or c.name or c.main or c.evident) and _heading(view, c.unit):
        date = _opening_date(view, c.unit + 1)
    if date is None and (c.main or c.evident) and not relative(view.units[c.unit].text, view.units[c.unit].lang, c):
        date, place = near_date(view, c.unit, NARRATIVE_REACH)
        c.place = c.place or place
    c.date = date.value if date else None
    return c


_SENTENCE_END = re.compile(r"[.。!?！？]\s*$")


def _heading(view: View, u: int) -> bool:
    """A line by itself that is a title: a dozen words at most, or up to twice as many with no full
    stop at its end (a Vietnamese event's name runs to many syllables: "Đối thoại chính sách môi
    trường Việt Nam – Nhật Bản lần thứ 10")."""
    unit = view.units[u]
    if not unit.bare:
        return False
    if short(view, u):
        return True
    size = len(re.findall(r"\w+", unit.text)) if spaced(unit.lang) else len(unit.text) / 2.5
    return size <= 24 and not _SENTENCE_END.search(unit.text)


def _opening_date(view: View, u: int) -> DateMention | None:
    """The date that opens unit `u` ("令和7年6月27日(金)、…で署名された", "On 4 May, …"): under a
    heading that names an event ("(3)署名式"), the section's first sentence tells when it was."""
    if not 0 <= u < len(view.units):
        return None
    unit = view.units[u]
    found = [d for d in dates(view, u) if usable(view, u, d[0], d[1])]
    head = found[0] if found else None
    lead = regex(lexicon(unit.lang, "events")["date_lead"], unit.lang)  # "On", "Ngày", "Vào"
    if head is None or re.sub(r"\W", "", lead.sub("", unit.text[: head[0]])):
        return None
    return head[2]


_SEMICOLON = re.compile(r"[;；]")


def _independent(view: View, c: Candidate) -> Span:
    """The independent clause of the sentence that holds the mention: a semicolon parts clauses
    with their own subject and time ("…signed the MoC on 2 July 2013; the JC has since registered
    16 projects": the JC is not dated 2013-07-02)."""
    return _parted(_SEMICOLON, view.units[c.unit].text, *c.span)


def _untaken(view: View, c: Candidate, found: list[Candidate], date: DateMention | None) -> DateMention | None:
    """A date a host event of the sentence took as its own ("11月10日に開幕したCOP30の際に会談")
    is not the date of the event held during it: that one's is the sentence's other date."""
    taken = [h.taken for h in found if h.host and h.taken is not None]
    if date is None or not any(t is date for t in taken):
        return date
    at = next(x for x in view.found(c.unit, DateMention) if x[2] is date)
    for window in ((0, at[0]), (at[1], len(view.units[c.unit].text))):
        if (other := own_date(view, c.unit, c.span, window)) is not None and not any(t is other for t in taken):
            return other
    return None


def _relative_date(view: View, c: Candidate) -> DateMention | None:
    """The date a relative clause right after the mention gives it: "COP30, which opened on
    November 10 and runs until November 21" → 11-10; "hội nghị…, khai mạc ngày 10/11" → 10/11."""
    unit = view.units[c.unit]
    opened = regex(lexicon(unit.lang, "events")["opened_after"], "ja").match(unit.text[c.span[1] :])
    if opened is None:
        return None
    lo = c.span[1] + opened.end()
    found = [d for d in dates(view, c.unit, (lo, clause(unit.text, lo, unit.lang)[1]))
             if usable(view, c.unit, d[0], d[1])]
    return found[0][2] if found else None


def about(view: View, cands: list[Candidate]) -> list[Candidate]:
    """A meeting summary's header date and place belong to the event the document is about:
    the one its title names (before the header), else the first one after the header."""
    if view.header is None or not cands:
        return cands
    u, date, place = view.header
    target = next((c for c in cands if c.unit < u), None) or next((c for c in cands if c.unit > u), None)
    if target is not None and not target.strong:
        target.date, target.strong, target.place = date.value, True, place or target.place
    return cands


def split_series(view: View, c: Candidate) -> list[Candidate]:
    """A plural head with coordinated ordinals is one event per ordinal ("the first and second
    meetings … were held in 2023 and 2024", "第1回及び第2回合同委員会はそれぞれ2023年と2024年に"):
    the dates of the sentence after (else before) the mention pair with the ordinals in order when
    they are as many; otherwise each takes the mention's date."""
    if not c.series:
        return [c]
    text, more = view.units[c.unit].text, regex(lexicon(view.units[c.unit].lang, "events")["year_and"], "ja")
    found: list[tuple[int, int, str]] = []
    named = dates(view, c.unit)
    starts = {s for s, _, _ in named}
    for s, e, d in named:
        if usable(view, c.unit, s, e):
            found.append((s, e, d.value))
            while len(found[-1][2]) == 4 and (m := more.match(text[found[-1][1] :])) \
                    and not starts & set(range(found[-1][1], found[-1][1] + m.end())):  # not a date found
                found.append((found[-1][1], found[-1][1] + m.end(), m.group(1)))  # "in 2023 and 2024"
    after = [d[2] for d in found if d[0] >= c.span[1]]
    before = [d[2] for d in found if d[1] <= c.span[0]]
    paired = next((ds for ds in (after, before) if len(ds) == len(c.series)), None)
    return [replace(c, ordinal=o, series=(), date=paired[k] if paired else c.date,
                    strong=c.strong or paired is not None) for k, o in enumerate(c.series)]


LOCAL_REACH = 12  # letters between a local-time word and the day it marks


def local_days(view: View) -> set[str]:
    """The dates the document gives as a local day ("9日(現地時間8日)", "8 December, local time")."""
    out = set()
    for u, unit in enumerate(view.units):
        lex = lexicon(unit.lang, "events")
        before, after = regex(lex["local_before"], unit.lang), regex(lex["local_after"], unit.lang)
        for s, e, m in view.found(u, DateMention):
            head = s + re.match(r"\D*", unit.text[s:e]).end()  # a mention may start with its local-time word
            if before.search(unit.text[max(0, s - LOCAL_REACH) : head]) or after.search(unit.text[e : e + LOCAL_REACH]):
                out.add(m.value)
    return out


def options(view: View, c: Candidate, cands: list[Candidate], first: str | None,
            local: set[str] | None = None) -> list[relation_dates.Option]:
    """The date options of an event (extractors.relations.relation_dates) with what marks a date as
    a meeting's or not: the local day of a meeting abroad; the document's own dateline (a post's
    date, on its own line or far from the mention) rather than a date the text ties to it."""
    local = local_days(view) if local is None else local  # `local`: the document's, read once by the caller
    view = stampless(view)
    out = []
    for value, here, f in relation_dates.options(view, c, cands, first):
        if value is not None:
            f = f | {"local": float(value in local and not c.name), "posted": float(value == first and not here)}
        out.append((value, here, f))
    return out
