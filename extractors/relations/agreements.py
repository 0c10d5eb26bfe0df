"""Agreements: signed or adopted instruments (MoC, joint plan, joint statement, law...) with
their parties, date and place.

A trigger is an instrument noun (協力覚書, Bản ghi nhớ, Joint Statement) or a JCM founding phrase
("ký kết cơ chế JCM", "signed up to the JCM"). Every trigger is a candidate with its arguments
and features (a signing verb and its distance, parties linked in its clause, a date tied to it,
its line or list position); a learned model (extractors.relations.relation_model, `make train`) decides
which are agreements and which keep their date. Planned and generic references are no
candidates. Arguments come from the sentence, then its neighbours (extractors.relations.discourse).
A JCM founding document binds Japan and one partner country; one that names no partner is generic.
Repeated mentions of one instrument in a document are merged into one fact; one signed and later
renewed is two. A legal act is dated by its issue, never by its entry into force; a legal
document's own act (its title alone on a line under the header) takes the header's date and issuer.

    ja: 2021年11月24日に東京で共同協力計画に署名した → joint_plan, 2021-11-24, Tokyo
    vi: hai quốc gia đã ký kết cơ chế JCM vào năm 2013 → bilateral_document [JPN, VNM], 2013
    en: Indonesia and Japan signed a Mutual Recognition Arrangement → other [IDN, JPN]
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import NamedTuple

from extractors.relations.agreement_candidate import Candidate
from extractors.relations.agreement_dates import SENTENCE_MARK, options as date_options, release_date
from extractors.relations.agreement_merge import memo_kind, merge, refine
from extractors.base import Context, extractor
from extractors.relations.discourse import (
    placed,
    CLAUSE_BREAK,
    FRAME,
    Span,
    View,
    agree,
    clause_date,
    dates,
    document_view,
    full_date,
    is_period,
    near_date,
    own_date,
    place_near,
    regex,
    usable,
    words,
)
from extractors.lexicon import lexicon
from extractors.relations.relation_features import decide, flags, shared, short
from extractors.relations.relation_dates import date_by
from extractors.relations.relation_model import Features, Model, bucket, model
from extractors.relations.parties import OPEN_BRACKET, as_countries, org_country, referred_sides, sides, unit_parties
from extractors.text import spaced
from schemas.records import JCM_HOME, AgreementMention, CountryMention, DateMention, OrgMention

_CLOSE = re.compile(r"\s*[)）]")


@cache
def _instruments(lang: str) -> list[tuple[re.Pattern, str, bool, str, str | None]]:
    lex = lexicon(lang, "agreements")
    return [
        (regex(i["pattern"], lang), i["kind"], bool(i.get("jcm")), i.get("noun", i["kind"]), i.get("without_japan"))
        for i in lex["instruments"]
    ]


class Trigger(NamedTuple):
    span: Span
    kind: str
    founding: bool = False  # a JCM founding phrase ("signed up to the JCM")
    jcm: bool = False  # a JCM topic in its clause makes it the JCM's bilateral document
    noun: str = ""  # the class of instrument word (law, ordinance, circular...)
    without_japan: str | None = None  # its kind when no side is Japan's government (a memorandum: MoU)


def _triggers(view: View, u: int) -> list[Trigger]:
    """Instrument nouns and founding phrases of one unit; a noun chained to the next one of the
    same kind by a few letters ("…に関する法律の一部を改正する法律") is its modifier and is dropped;
    a noun followed by an abbreviation in brackets ("Bản ghi nhớ (MoU)") is one instrument of
    the abbreviation's kind, which is more specific than the native noun's default."""
    unit, lex = view.units[u], lexicon(view.units[u].lang, "agreements")
    excluded = [m.span() for m in regex(lex["excluded"], unit.lang).finditer(unit.text)]
    excluded += [m.span() for m in regex(lex["alias"], unit.lang).finditer(unit.text)]
    found: list[Trigger] = []
    taken: set[int] = set()
    for pattern in lex["founding"]:
        for m in regex(pattern, unit.lang).finditer(unit.text):
            found.append(Trigger(m.span(), "bilateral_document", founding=True))
            taken.update(range(*m.span()))
    for pattern, kind, jcm, noun, without_japan in _instruments(unit.lang):
        for m in pattern.finditer(unit.text):
            s, e = m.span()
            if taken & set(range(s, e)) or any(a <= s < b or a < e <= b for a, b in excluded):
                continue
            if view.aligned(u, s, e):
                found.append(Trigger((s, e), kind, jcm=jcm, noun=noun, without_japan=without_japan))
                taken.update(range(s, e))
    found.sort()
    kept = []
    for t in found:
        gap = unit.text[kept[-1].span[1] : t.span[0]] if kept else ""
        if kept and OPEN_BRACKET.fullmatch(gap) and _CLOSE.match(unit.text, t.span[1]):
            # Bản ghi nhớ (MoU), 覚書（MoC）: the abbreviation in brackets names the kind
            kept[-1] = t._replace(span=(kept[-1].span[0], _CLOSE.match(unit.text, t.span[1]).end()))
            continue
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
    for rank, forms in enumerate(reversed(verbs)):  # laws: the promulgation first
        for m in regex(forms, lang).finditer(unit_text):
            lo, hi = sorted((m.start(), span[0]))
            if any(lo < o[0] < hi for o in others if o != span):
                continue
            if m.start() >= span[0] and m.end() <= span[1]:
                continue
            dist = abs(m.start() - span[1]) if m.start() >= span[1] else abs(span[0] - m.end())
            if best is None or (-rank, dist) < best[0]:
                best = ((-rank, dist), m.span())
    return best[1] if best else None


def _signals(unit_text: str, lang: str, span: Span, verb: Span | None) -> tuple[bool, bool]:
    """Irrealis words around the trigger and its verb (planned, hoped-for, draft), and a quantity
    or plural marker right before it (a generic reference). The gold sets hold too few such
    mentions to learn from (4 irrealis, no generic one in 82 documents), so they are no candidates."""
    lex = lexicon(lang, "agreements")
    lo = min(span[0], verb[0]) if verb else span[0]
    hi = max(span[1], verb[1]) if verb else span[1]
    # the window is searched in place: a lookbehind sees the words before it ("the first country to sign")
    irrealis = bool(regex(lex["irrealis"], lang).search(unit_text, max(0, lo - 20), hi + 12))
    after = unit_text[span[1] : hi + 10] if lang == "ja" else ""  # 〜を締結する17か国
    before = unit_text[max(0, span[0] - 25) : span[0]].rsplit("\n", 1)[-1]  # not across a line break
    return irrealis, bool(regex(lex["generic"], lang).search(before + after))


def _tense(unit_text: str, lang: str, verb: Span | None) -> dict[str, bool]:
    """The signing verb's tense as its language marks it: a past ending or auxiliary (した,
    đã ký, has signed) or a plain non-past (署名する。 is a plan in Japanese)."""
    if verb is None:
        return {"past": False, "nonpast": False}
    lex = lexicon(lang, "agreements")
    around = f"{unit_text[max(0, verb[0] - 12) : verb[0]]}<{unit_text[verb[0] : verb[1]]}>{unit_text[verb[1] : verb[1] + 8]}"
    # not regex(): its whole-word bounds fail on the markers (the "<" of "đã <ký>", the "ed>" of "sign<ed>");
    # the patterns hold their own \b
    return {"past": bool(re.search(lex["past"], around, re.IGNORECASE)),
            "nonpast": bool(re.search(lex["nonpast"], around, re.IGNORECASE))}


def _fresh(view: View, u: int, span: Span) -> bool:
    """An indefinite article or an ordinal right before the instrument word introduces a new
    instrument ("signed a MoU", "4度目の覚書") rather than naming one already mentioned."""
    unit = view.units[u]
    before = unit.text[max(0, span[0] - 16) : span[0]]
    return bool(regex(lexicon(unit.lang, "agreements")["introduces"], unit.lang).search(before))


def _near(unit_text: str, lang: str, span: Span, verb: Span | None) -> bool:
    """The signing verb is within a few words of the trigger."""
    if verb is None:
        return False
    gap = unit_text[min(span[1], verb[1]) : max(span[0], verb[0])]
    return len(re.findall(r"\w+", gap)) <= 4 if spaced(lang) else len(gap) <= 12


class Reading(NamedTuple):
    """One trigger as its own sentence tells it. Read once per document: the instrument words a
    document uses (`_document_nouns`) and each candidate both need it."""

    trigger: Trigger
    verb: Span | None
    clause: Span
    irrealis: bool
    generic: bool
    tense: dict[str, bool]
    jcm_topic: bool
    renewal: bool


def _readings(view: View, u: int) -> list[Reading]:
    unit = view.units[u]
    triggers = _triggers(view, u)
    spans = [t.span for t in triggers]
    out = []
    for t in triggers:
        verb = _verb(unit.text, unit.lang, t.span, spans, t.kind == "legal_act")
        clause = _clause(view, u, t.span, spans)
        out.append(Reading(t, verb, clause, *_signals(unit.text, unit.lang, t.span, verb),
                           _tense(unit.text, unit.lang, verb),
                           _jcm_topic(view, u, t.span, clause, alone=len(triggers) == 1 and verb is not None),
                           _renewal(view, u, t.span)))
    return out


def candidates(view: View) -> list[Candidate]:
    """Every instrument mention with its own arguments and the features the model decides on,
    in document order (high recall: nothing is dropped here but founding documents with no partner)."""
    out: list[Candidate] = []
    readings = [_readings(view, u) for u in range(len(view.units))]
    founders, planned = _document_nouns(view, readings)
    titled = _jcm_title(view)
    for u, unit in enumerate(view.units):
        lex = lexicon(unit.lang, "agreements")
        spans = [r.trigger.span for r in readings[u]]
        self_ref = regex(lex["self_nouns"], unit.lang).search(unit.text)
        if not readings[u] and self_ref and (v := _verb(unit.text, unit.lang, self_ref.span(), [], False)):
            if (own := _own_instrument(view)) and not any(_signals(unit.text, unit.lang, self_ref.span(), v)):
                c = _argue(view, u, self_ref.span(), own, v, spans)
                out.append(replace(c, features=_features(view, c, 1, self_ref=True, verb=True, near=True)))
            continue
        for r in readings[u]:
            span, kind, founding, jcm, noun, without_japan = r.trigger
            verb, clause = r.verb, r.clause
            if r.irrealis or r.generic:
                continue
            own_kind = kind
            listed_beside = any(o.jcm_topic for o in readings[u] if o is not r)  # "① the JCM MoC, ② the MoC on waste"
            if jcm and (r.jcm_topic or ((noun in founders or titled) and not listed_beside)) and not r.renewal \
                    and not _company(view, u, clause):
                kind = "bilateral_document"
            cand = replace(_argue(view, u, span, kind, verb, spans), noun=noun, fresh=_fresh(view, u, span))
            if kind == "bilateral_document" and _with_group(cand, unit.lang):
                kind = own_kind
                cand = replace(cand, kind=kind)
            if kind != "bilateral_document" and without_japan:
                cand = replace(cand, memo=(kind, without_japan))
                kind = memo_kind(cand)
                cand = replace(cand, kind=kind)
            if kind != "legal_act" and noun in planned and not r.tense["past"] and (r.tense["nonpast"] or not _dated(view, cand)):
                continue  # a headline's tenseless "署名", "theo thỏa thuận này": the plan the text tells of
            if kind == "legal_act" and _this(view, u, span):
                cand = replace(cand, anaphoric=True)
            if kind == "legal_act" and (number := re.search(r"\d+", unit.text[span[0] : span[1]])
                                         or _act_number(unit.lang).match(unit.text, span[1])):
                cand = replace(cand, number=int(number.group(number.lastindex or 0)))
            own_act = _own_act(view, u, span) if kind == "legal_act" else None
            if own_act:
                cand = replace(cand, date=own_act[0], parties=own_act[1] or cand.parties, strong=True)
            linked = bool(cand.parties) and bool(
                regex(lex["party_link"], unit.lang).search(unit.text[clause[0] : clause[1]])
            ) and any(unit_parties(view, u, clause))
            signals = dict(verb=verb, near=_near(unit.text, unit.lang, span, verb), founding=founding,
                           **r.tense,
                           jcm_topic=r.jcm_topic, linked=linked, fresh=cand.fresh, planned_elsewhere=noun in planned,
                           listed=_listed(view, u, span), own_act=own_act)
            for k, c in enumerate([cand] + _renewed(view, u, cand, verb, spans) + _each_date(view, u, cand, verb)):
                split = _split_partners(view, c) if c.kind == "bilateral_document" else [c]
                for one in split:
                    out.append(replace(one, features=_features(view, one, len(spans), renewal=k > 0,
                                                               partners=len(split), **signals)))
    return _named_laws(view, out)


@cache
def _act_number(lang: str) -> re.Pattern:
    """A legal act's number right after its noun (Decree No. 12, Nghị định số 12, 省令第12号)."""
    return re.compile(lexicon(lang, "agreements")["act_number"], re.IGNORECASE)


@cache
def _list_gap(lang: str) -> re.Pattern:
    """What follows a comma between two names of one list ("A, B and C"): nothing or an "and"."""
    return re.compile(rf"\s*(?:{lexicon(lang, 'agreements')['list_and']})?\s*", re.IGNORECASE)


def _dated(view: View, cand: Candidate) -> bool:
    """The instrument has a date of its own in its sentence (not the release's date its title runs on into)."""
    return cand.strong and cand.date != release_date(view, cand.unit)


def _this(view: View, u: int, span: Span) -> bool:
    """A demonstrative by the instrument word ("Thông tư này", "this decree", "本省令") refers back."""
    unit, lex = view.units[u], lexicon(view.units[u].lang, "agreements")
    return bool(regex(lex["this_before"], unit.lang).search(unit.text[max(0, span[0] - 12) : span[0]])
                or regex(lex["this_after"], unit.lang).match(unit.text[span[1] : span[1] + 8]))


def _company(view: View, u: int, clause: Span) -> bool:
    """A company signs in the instrument's clause ("the ministry and Japan's X company signed an
    agreement"): a business contract, never the JCM's founding document between governments."""
    unit = view.units[u]
    return bool(regex(lexicon(unit.lang, "agreements")["company"], unit.lang).search(unit.text[clause[0] : clause[1]]))


def _with_group(cand: Candidate, lang: str) -> bool:
    """A group that signs like a state (ADB) is one side and a partner state's body the other:
    the instrument binds the two of them, so it is not the JCM's founding document with Japan,
    whatever its topic ("the DCC and ADB signed an MoU on carbon markets, including the JCM with
    Japan"). Japan with a group ("with 7 ASEAN members") stays a generic founding document."""
    groups = set(words(lang)["party_groups"])
    partners = as_countries(tuple(p for p in cand.parties if p not in groups)) - {JCM_HOME}
    return bool(groups & set(cand.parties)) and bool(partners)


def _named_laws(view: View, cands: list[Candidate]) -> list[Candidate]:
    """A law named again without its state ("環境保護法の改正") is the one named with it earlier or
    later ("ベトナム国環境保護法"): it takes that one's issuer rather than the language's default."""
    def name(c: Candidate) -> str:
        return view.units[c.unit].text[c.span[0] : c.span[1]].lower()

    named = [(name(c), c.parties) for c in cands if c.kind == "legal_act" and c.local]
    out = []
    for c in cands:
        if c.kind == "legal_act" and not c.local and len(name(c)) >= 3:
            same = {p for n, p in named if n != name(c) and (n.endswith(name(c)) or name(c).endswith(n))}
            c = replace(c, parties=same.pop()) if len(same) == 1 else c
        out.append(c)
    return out


def _jcm_topic(view: View, u: int, span: Span, clause: Span, alone: bool = False) -> bool:
    """The JCM is named in the trigger's clause, or in its sentence when it is the sentence's only
    instrument and signed there ("2013年に締結された協定に基づき…JCMプロジェクト"): a JCM-able
    instrument there is its founding document."""
    unit = view.units[u]
    topic = regex(lexicon(unit.lang, "agreements")["jcm_topic"], unit.lang)
    return bool(topic.search(unit.text[clause[0] : clause[1]]) or (alone and topic.search(unit.text)))


def _renewal(view: View, u: int, span: Span) -> bool:
    unit = view.units[u]
    return bool(regex(lexicon(unit.lang, "agreements")["renewal"], unit.lang).search(unit.text[span[0] : span[1] + 8]))


TITLE_LINES = 2  # the opening lines that may be the document's title


def _jcm_title(view: View) -> bool:
    """The document's title (a short line of its own in its opening) names the JCM: a JCM-able
    instrument it tells of is the JCM's founding document ("Laos joins the JCM" / "The two
    countries signed the MoC"), as when its own sentence names the JCM."""
    for u in range(min(TITLE_LINES, len(view.units))):
        unit = view.units[u]
        if unit.bare and short(view, u) and regex(lexicon(unit.lang, "agreements")["jcm_topic"], unit.lang).search(unit.text):
            return True
    return False



def _document_nouns(view: View, readings: list[list[Reading]]) -> tuple[set[str], set[str]]:
    """The instrument words (moc, mou...) the document uses for a JCM founding document (signed in
    a sentence naming the JCM, or so named in a title line), and those it uses for a planned one.
    A later "the MoC" / "この協力覚書" with no JCM in its own clause is the founding document, not a
    new MoC; "theo thỏa thuận này" after "muốn ký thỏa thuận" may be the planned one (a feature)."""
    founders, planned, done = set(), set(), set()
    for u, unit_readings in enumerate(readings):
        for r in unit_readings:
            if r.irrealis or r.tense["nonpast"]:
                planned.add(r.trigger.noun)
            elif r.tense["past"]:
                done.add(r.trigger.noun)
            named = r.verb is not None or view.units[u].bare  # signed, or a title line: not "under the MoU, … the JCM"
            if r.trigger.jcm and named and r.jcm_topic and not r.irrealis and not r.renewal:
                founders.add(r.trigger.noun)
    return founders, planned - done


def _features(view: View, c: Candidate, triggers: int, partners: int = 1, **signals: object) -> Features:
    """What the agreement model weighs: the trigger's signals, its arguments, its sentence."""
    out = shared(view, c.unit, c.kind, c.date, triggers) | flags(**signals)
    out |= flags(strong=c.strong, local=c.local, org_level=c.org_level, place=c.place)
    out |= bucket("parties", len(c.parties), 3) | bucket("partners", partners, 3)
    return out | _side_features(view, c)


def _side_features(view: View, c: Candidate) -> Features:
    """Whether its parties are the sides its sentence names: the first state named besides Japan
    is one of them (a host country or a place's country comes later), and none is missing from
    the sentence (taken from the context)."""
    named = [m.iso3 for _, _, m in sorted(view.found(c.unit, CountryMention), key=lambda x: x[0])]
    here = set(named) | {org_country().get(m.id) for _, _, m in view.found(c.unit, OrgMention)}
    others = [n for n in named if n != JCM_HOME]
    states = as_countries(c.parties)
    return flags(first_side=bool(others) and others[0] in states, side_elsewhere=bool(states - here))


OPENING = 16  # units a legal document's header (issuer, number, place and date) may take


def _own_act(view: View, u: int, span: Span) -> tuple[str, tuple[str, ...]] | None:
    """A legal act whose title stands alone on a line in the document's opening ("THÔNG TƯ",
    "DECREE") is the document's own act: dated by the header's first date ("Hà Nội, ngày 15
    tháng 8 năm 2025"), issued by the body its header names (a ministry, a code such as TT-BNNMT)."""
    text = view.units[u].text
    start, end = text.rfind("\n", 0, span[0]) + 1, (text.find("\n", span[1]) + 1 or len(text) + 1) - 1
    if u >= OPENING or FRAME.sub("", text[start : span[0]] + text[span[1] : end]):
        return None
    header = [(v, None) for v in range(u)] + [(u, (0, start))]
    date = next((d[2] for v, w in header for d in dates(view, v, w) if usable(view, v, d[0], d[1])), None)
    if date is None:
        return None
    orgs, states = [], []
    for v, w in header:
        more = unit_parties(view, v, w, issuer=True)
        orgs, states = orgs + more[0], states + more[1]
    return date.value, sides(orgs, states)


def _renewed(view: View, u: int, cand: Candidate, verb: Span | None, spans: list[Span]) -> list[Candidate]:
    """An instrument signed once and renewed later in the same sentence is two dated facts:
    "signed an MoU in 2019 and renewed it on 4 December 2025", "2019年に署名された覚書は、
    2025年12月4日に更新された". The renewal's date is the one in its clause on the side the
    language puts it (after the verb, or before it in Japanese)."""
    unit, lex = view.units[u], lexicon(view.units[u].lang, "agreements")
    out: list[Candidate] = []
    for m in regex(lex["renewal"], unit.lang).finditer(unit.text):
        lo, hi = sorted((m.start(), cand.span[0]))
        if verb is None or m.span() == verb or any(lo < o[0] < hi for o in spans if o != cand.span):
            continue
        before = words(unit.lang)["date_side"] == "before"
        window = (max(cand.span[1], verb[1]), m.start()) if before else (m.end(), len(unit.text))
        date = clause_date(view, u, m.span(), window)
        for value in _coordinated(view, u, date.value, m.span(), window) if date else []:
            if cand.date and not agree(value, cand.date) and not any(agree(value, o.date) for o in out):
                out.append(replace(cand, span=m.span() if cand.span[0] > m.start() else cand.span, date=value, strong=True))
    return out


def _each_date(view: View, u: int, cand: Candidate, verb: Span | None) -> list[Candidate]:
    """A renewal with several dates ("同覚書を2018年及び2022年に更新") is one fact per date: the
    candidate keeps the first, copies take the others."""
    unit = view.units[u]
    if not (cand.date and verb and regex(lexicon(unit.lang, "agreements")["renewal"], unit.lang).fullmatch(
            unit.text[verb[0] : verb[1]])):
        return []
    return [replace(cand, date=v, strong=True) for v in _coordinated(view, u, cand.date, verb) if not agree(v, cand.date)]


def _coordinated(view: View, u: int, value: str, anchor: Span, window: Span | None = None) -> list[str]:
    """The date (the one of that value nearest the anchor) and those joined to it by "and" or a
    comma ("renewed in 2015, 2018 and 2022", "2018年及び2022年に更新"): each is one renewal."""
    unit = view.units[u]
    joint = regex(lexicon(unit.lang, "agreements")["coordinator"], unit.lang)
    found = [d for d in dates(view, u, window) if usable(view, u, d[0], d[1])]
    near = [i for i, d in enumerate(found) if d[2].value == value]
    if not near:
        return [value]
    at = min(near, key=lambda i: min(abs(found[i][0] - anchor[1]), abs(anchor[0] - found[i][1])))
    lo = hi = at
    while lo > 0 and joint.fullmatch(unit.text[found[lo - 1][1] : found[lo][0]]):
        lo -= 1
    while hi + 1 < len(found) and joint.fullmatch(unit.text[found[hi][1] : found[hi + 1][0]]):
        hi += 1
    return [d[2].value for d in found[lo : hi + 1]]


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


def _clause(view: View, u: int, span: Span, spans: list[Span]) -> Span:
    """Where the trigger's own modifiers are: up to the neighbouring triggers (before it in ja),
    from the last clause break that is not inside a name ("the Ministry of the Environment, Japan")."""
    unit = view.units[u]
    inside = [(s, e) for s, e, _ in view.mentions[u]]
    lo = max([s[1] for s in spans if s[1] <= span[0]], default=0)
    lo = max([lo] + [m.end() for m in CLAUSE_BREAK.finditer(unit.text, 0, span[0])
                     if not any(s <= m.start() < e for s, e in inside)])
    hi = min([s[0] for s in spans if s[0] >= span[1]], default=len(unit.text))
    hi = min([hi] + [m.start() for m in CLAUSE_BREAK.finditer(unit.text, span[1], hi)  # its clause ends at a break
                     if not any(s <= m.start() < e for s, e in inside)  # not one inside a name
                     and not any(_list_gap(unit.lang).fullmatch(unit.text, m.end(), s) for s, _ in inside if s >= m.end())])  # nor a list's
    return (lo, span[1]) if lexicon(unit.lang, "agreements")["scope_side"] == "before" else (lo, hi)


def _argue(view: View, u: int, span: Span, kind: str, verb: Span | None, spans: list[Span]) -> Candidate:
    """Parties, date and place of one trigger: its clause, the sides "the two sides" refers back
    to, its sentence, then the context."""
    unit, lex = view.units[u], lexicon(view.units[u].lang, "agreements")
    anchor = verb or span
    legal = kind == "legal_act"
    date, strong = own_date(view, u, anchor), True
    if date is not None and _term(view, u, date.value):  # its term: the sentence's one other date, if any, is the signing's
        other = {d[2].value: d[2] for d in dates(view, u) if usable(view, u, d[0], d[1]) and not is_period(view, u, d[:2])}
        date = next(iter(other.values())) if len(other) == 1 else None
    if date is not None and _across(view, u, span, date.value, spans):
        date = None
    told = _signing_told(view, u) if date is None and verb and not legal else None
    if told is not None:
        date, strong = told, False
    elif date is None and verb and not legal:
        date, strong = near_date(view, u)[0], u in view.rows  # a row dates what it holds
    clause = _clause(view, u, span, spans)
    orgs, countries = unit_parties(view, u, clause, issuer=legal)
    local = bool(orgs or countries)
    named = bool(orgs) or len(set(countries)) >= 2  # its own sides, not a country it mentions
    if not named and not legal and (referred := referred_sides(view, u)):
        orgs, countries, local = referred[1], referred[2], referred[0] == u  # "the two sides"
    if not legal and len(sides(orgs, countries)) == 1:  # an instrument binds two sides: the other is in its sentence
        more = unit_parties(view, u)
        orgs, countries = orgs + more[0], countries + more[1]
    if not (orgs or countries):
        orgs, countries = unit_parties(view, u, None, issuer=legal)
        local = bool(orgs or countries)
    same_block = u > 0 and view.units[u - 1].pieces[-1][0] == unit.pieces[0][0]
    context = [[u - 1]] if same_block else []
    for window in context if legal else [[u - 1], _following(view, u), [u - 2], [u - 3], [u - 4]]:
        have = as_countries(sides(orgs, countries))
        if len(have) >= 2 or (have and (legal or not orgs)):  # a ministry alone looks for its counterpart
            break
        for v in (v for v in window if 0 <= v < len(view.units)):  # the sides, or a ministry of the other side, nearby
            more = unit_parties(view, v)
            orgs += [o for o in more[0] if org_country()[o] not in have]
            countries += [s for s in more[1] if not have]
    if not legal and orgs and len(as_countries(sides(orgs, countries))) == 1:
        orgs, countries = _counterpart(view, u, orgs, countries)
    parties = sides(orgs, countries)
    if not parties and legal and len(named := {m.iso3 for _, _, m in view.found(u, CountryMention)}) == 1:
        parties = tuple(named)  # "carbon trading in Indonesia rests on Decision No. 98": the state it is in issued it
    if not parties and kind == "legal_act" and lex["home_country"]:
        parties = (lex["home_country"],)
    if legal and not orgs and lex["home_country"] in parties and len(parties) > 1:
        parties = (lex["home_country"],)  # one state issues a law: the language's own when it is among those named
    return Candidate(
        unit=u, span=span, kind=kind, parties=parties, date=date.value if date else None,
        strong=strong and date is not None, place=place_near(view, u, anchor), org_level=bool(orgs),
        local=local, verb=verb,
    )


def _signing_told(view: View, u: int) -> DateMention | None:
    """The date of the next sentence when it tells of the signing itself and names no instrument
    of its own ("…signed three documents: … . The signing took place in Vientiane on 7 August 2013")."""
    v = u + 1
    if v >= len(view.units) or _triggers(view, v):
        return None
    unit = view.units[v]
    if not regex(lexicon(unit.lang, "agreements")["signing"], unit.lang).search(unit.text):
        return None
    found = [m for s, e, m in dates(view, v) if usable(view, v, s, e) and not is_period(view, v, (s, e))]
    return found[0] if len(found) == 1 else None


def _counterpart(view: View, u: int, orgs: list[str], countries: list[str]) -> tuple[list[str], list[str]]:
    """A ministry that signs with a counterpart its sentence does not name signs with the one the
    document named beside it before, however far back ("MOEJ signed an MoC with Mongolia's
    ministry in 2011" … "the MoC was signed by MOEJ's vice-minister and the ministry's secretary")."""
    for v in range(u - 1, -1, -1):
        more_orgs, more_states = unit_parties(view, v)
        if not set(orgs) & set(more_orgs):
            continue
        home = as_countries(tuple(orgs))
        other = [p for p in sides(more_orgs, more_states) if org_country().get(p, p) not in home]
        if other:
            return orgs + [o for o in other if o in org_country()], countries + [s for s in other if s not in org_country()]
    return orgs, countries


def _term(view: View, u: int, value: str) -> bool:
    """The date opens a period ("giai đoạn 2021 - 2030", "for 2025-2029"): the instrument's term,
    never the day it was signed."""
    return any(is_period(view, u, (s, e)) for s, e, m in dates(view, u) if m.value == value)


def _across(view: View, u: int, span: Span, value: str, spans: list[Span]) -> bool:
    """The date is in another instrument's clause and a clause break away from this one: that
    one's ("Decree 119 of 9 June 2025, amending Decree 6 of 2022": 9 June is not the second's)."""
    text = view.units[u].text

    def tied(a: Span, b: Span) -> bool:
        return not CLAUSE_BREAK.search(text[min(a[1], b[1]) : max(a[0], b[0])])

    where = [(s, e) for s, e, m in dates(view, u) if m.value == value]
    return bool(where) and all(not tied((s, e), span) and any(tied((s, e), o) for o in spans if o != span)
                               for s, e in where)


def _following(view: View, u: int) -> list[int]:
    """The next unit and the short lines after it (a signature block: title, name, title, name)."""
    out = [u + 1]
    while len(out) < 6 and out[-1] + 1 < len(view.units):
        nxt = view.units[out[-1] + 1]
        if not (nxt.bare and len(nxt.text.strip()) <= 30):
            break
        out.append(out[-1] + 1)
    return out


LIST = 3  # partners of one mention that make it a list of signatories


def _split_partners(view: View, cand: Candidate) -> list[Candidate]:
    """A JCM founding document binds Japan and one partner state (ministries stand for their
    states, a group such as ASEAN is none): one fact per partner; none when no partner is
    named (a generic reference such as "with 7 ASEAN members"), nor when its own sentence
    names none and several come from the sentences nearby (after "Kenya, Ethiopia and Peru
    joined early", "signing the document took them years" is no one's document). In a list of
    partners, the date right by a partner's name is its own ("Kenya (12 June), Ethiopia (27 May)")."""
    lang = view.units[cand.unit].lang
    partners = sorted(as_countries(cand.parties) - {JCM_HOME} - set(words(lang)["party_groups"]))
    if len(partners) > 1 and not cand.local:
        return []
    out = []
    for p in partners:
        own = date_by(view, cand.unit, p) if len(partners) > 1 else None
        if own is None and cand.date is None and len(partners) >= LIST:
            continue  # a signatory known only from an undated list is no agreement (TRAIN-NOTES.md)
        dated = dict(date=own, strong=True) if own else {}
        out.append(replace(cand, parties=tuple(sorted({JCM_HOME, p})), org_level=False, **dated))
    return out


def _own_instrument(view: View) -> str | None:
    """The kind of the instrument a document is about: the first instrument noun in its opening."""
    for u in range(min(4, len(view.units))):
        triggers = _triggers(view, u)
        if triggers:
            return triggers[-1].kind
    return None


@extractor("agreements", AgreementMention, per_document=True)
def find_agreements(ctx: Context) -> dict[int, list[AgreementMention]]:
    """Agreements of the whole document, merged across its sentences, by the segment holding them."""
    view = document_view(ctx)
    return mentions(ctx, view, decode(view, candidates(view), model("agreements"), model("agreements_dates")))


def decode(view: View, cands: list[Candidate], judge: Model, dater: Model) -> list[Candidate]:
    """The accepted candidates, their parties refined by the document, repeated mentions merged;
    an instrument between parties (all but a law) needs two sides, so one with a single side is none."""
    decided = [replace(c, strong=False) if c.date and c.date == release_date(view, c.unit) else c
               for c in decide(view, cands, judge, dater, date_options)]  # a body's signing day wins
    decided = [replace(c, fresh=False) if _headline(view, c.unit) else c for c in decided]
    merged = merge(refine(view, decided))
    return [c for c in merged if c.kind == "legal_act" or len(c.parties) >= 2]


def _headline(view: View, u: int) -> bool:
    """A short line of its own in the opening, with no sentence end: a headline. Its "a MoC"
    ("Japan and Ghana sign a MoC on the JCM") is the instrument the body tells of, not a new one."""
    unit = view.units[u]
    return u < HEADLINE_UNITS and unit.bare and short(view, u) and not SENTENCE_MARK.search(unit.text.strip())


HEADLINE_UNITS = 4  # the opening units that may hold a release's headline (after a label and a date line)


def mentions(ctx: Context, view: View, cands: list[Candidate]) -> dict[int, list[AgreementMention]]:
    """The agreements as mentions of the segments holding them."""
    out: dict[int, list[AgreementMention]] = {}
    for c, seg, s, e in placed(view, cands):
        text = ctx.segments[seg].text
        out.setdefault(seg, []).append(AgreementMention(
            start=s, end=e, surface=text[s:e], rule=f"agreement:{c.kind}", kind=c.kind,
            parties=c.parties, date=full_date(view, c.date), place=c.place,
        ))
    return out
