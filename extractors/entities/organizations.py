"""Organization mentions → FORMAT.md ids (MOEJ, MONRE, ADB, JCM_JC …), or a null id for others.

Named bodies come from `data/organizations.tsv` (longest match; Japanese matches cover whole
tokens). Other bodies are found by the name patterns of `data/<lang>/organizations.yaml`
(…省 / …機構 / 株式会社…, "Bộ …" / "Cục …" / "Sở …", "Ministry of …" / "… Bank" / "PT …") and get
a null id. Three rules follow NOTES.md:
- a body named only inside a person's title (環境省地球環境局長, Bộ trưởng Bộ Tài nguyên và Môi
  trường, "Deputy Director of the … Department under the Ministry …") is not listed;
- a national body qualified by another country (タイ天然資源環境省, "Ministry of … of Thailand")
  is that country's body, so it gets a null id;
- a joint committee is JCM_JC only in JCM context (not 廃棄物管理・3R 合同委員会).

Examples: ja 環境省と経済産業省 → MOEJ, METI · vi Bộ Tài nguyên và Môi trường → MONRE ·
en the Environment Ministry announced → MOEJ.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from extractors.base import Context, Segment, extractor
from extractors.entities.forms import LATIN, Forms, Hit, is_latin, longest
from extractors.lexicon import alternation, gazetteer, lexicon
from schemas.records import CountryMention, OrgMention

NO_ID = "-"
WINDOW = 80  # characters looked at around a name for a title or a qualifying country
SENTENCE = 300  # the longest stretch of a sentence searched for a committee's field words


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate organization: [start, end), its id ("-" = none) and how it was found."""

    start: int
    end: int
    id: str
    rule: str


@cache
def org_table() -> tuple[Forms, dict[str, str]]:
    """The name matcher over organizations.tsv, and the country of each national body."""
    rows = gazetteer("organizations")
    forms = {row["form"]: row["id"] for row in rows}
    countries = {row["id"]: row["country"] for row in rows if row.get("country")}
    return Forms(forms, ignore_case=lambda f: is_latin(f[0]) and not f.isupper()), countries


# --- name patterns (null-id organizations) ---------------------------------------------------


def _ja_names(text: str, rules: dict) -> Iterator[tuple[int, int]]:
    """Runs of name characters that end in an organization suffix or carry a company form."""
    run = f"[{rules['name_chars']}]"
    suffixes, companies = alternation(rules["suffixes"]), alternation(rules["company_forms"])
    pattern = (
        f"(?<!{run})(?:(?:{companies})[ 　]?{run}+|{run}+?[ 　]?(?:{companies})|{run}*?(?:{suffixes}))"
        f"(?!{run})"
    )
    strip = re.compile(rules["strip_prefix"])
    for m in re.finditer(pattern, text):
        start = m.start() + strip.match(m.group()).end()
        if start < m.end():
            yield start, m.end()


def _tokens(seg: Segment) -> list[tuple[int, int]]:
    """Word spans from the segment's token bounds (whitespace words when none are known)."""
    if not seg.bounds:
        return [m.span() for m in re.finditer(r"\S+", seg.text)]
    edges = sorted(seg.bounds)
    return [(a, b) for a, b in zip(edges, edges[1:]) if seg.text[a:b].strip() == seg.text[a:b]]


def _capitalized(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _opens_name(rest: str, heads: list[str]) -> bool:
    """The next word continues a name: capitalized and not the head of another organization."""
    return _capitalized(rest) and not rest.startswith(tuple(heads))


def _vi_names(seg: Segment, rules: dict) -> Iterator[tuple[int, int]]:
    """A head word (Bộ, Cục, Sở, Ủy ban nhân dân …) and the capitalized words that follow it."""
    text, toks = seg.text, _tokens(seg)
    heads = sorted(rules["heads"], key=len, reverse=True)
    any_head = tuple(heads) + tuple(h.upper() for h in heads)  # one C-level test per token first
    inner, standalone = set(rules["inner_words"]), set(rules["standalone"])
    i = 0
    while i < len(toks):
        start = toks[i][0]
        head = next((h for h in heads if text.startswith(h, start) or text.startswith(h.upper(), start)),
                    None) if text.startswith(any_head, start) else None
        if head is None or (start and is_latin(text[start - 1])):
            i += 1
            continue
        j = next((k for k in range(i, len(toks)) if toks[k][0] >= start + len(head)), len(toks))
        end, k = start + len(head), j
        while k < len(toks):
            word = text[toks[k][0] : toks[k][1]]
            if k == j and word in rules["not_after_head"]:
                break
            if k > j and any(text.startswith(h, toks[k][0]) for h in heads):
                break
            if _capitalized(word) and re.fullmatch(r"\s*", text[end : toks[k][0]]):
                end, k = toks[k][1], k + 1
            elif word in inner and k + 1 < len(toks) and _opens_name(text[toks[k + 1][0] :], heads):
                end, k = toks[k][1], k + 1
            else:
                break
        abbr = re.match(r" ?\([A-ZĐ&\-]{2,}\)", text[end:])
        end += abbr.end() if abbr else 0
        if end > start + len(head) or head in standalone:
            yield start, end
        i = max(k, i + 1)


_EN_WORD = r"[A-Z0-9][\w&.'’-]*"


def _en_names(text: str, rules: dict) -> Iterator[tuple[int, int, bool]]:
    """Capitalized runs that open with a head or close with a suffix word; True = after a title."""
    inner, after_comma = alternation(rules["inner_words"]), alternation(rules["after_comma"])
    run = re.compile(f"{_EN_WORD}(?:(?:\\s+(?:(?:{inner})\\s+)*|,\\s+(?=(?:{after_comma})\\b)){_EN_WORD})*")
    heads, suffixes = tuple(rules["heads"]), set(rules["suffix_words"])
    titles = sorted(rules["title_before"], key=len, reverse=True)
    for m in run.finditer(text):
        name, titled = m.group(), False
        for t in titles:
            at = name.rfind(t + " ")
            if at == 0 or at > 0 and name[at - 1] == " ":
                name, titled = name[at + len(t) + 1 :], True
                break
        name = re.sub(r"^(?:the|of|and)\s+", "", name)
        start = m.end() - len(name)
        if name and (name.startswith(heads) or name.split()[-1] in suffixes):
            yield start, m.end(), titled
    for pattern in rules.get("patterns") or []:
        for m in re.finditer(pattern, text):
            yield m.start(), m.end(), False


def _name_spans(seg: Segment, rules: dict) -> list[tuple[int, int, bool]]:
    if seg.lang == "ja":
        return [(s, e, False) for s, e in _ja_names(seg.text, rules)]
    if seg.lang == "vi":
        return [(s, e, False) for s, e in _vi_names(seg, rules)]
    return list(_en_names(seg.text, rules))


# --- rules ------------------------------------------------------------------------------------


def _titled(seg: Segment, start: int, end: int, rules: dict) -> bool:
    """The organization is only named inside a person's title (before or after it)."""
    text = seg.text
    if seg.lang == "ja":
        rest = re.compile(f"[{rules['name_chars']}]*").match(text, end).group()
        return bool(rest) and (text[start:end] + rest).endswith(tuple(rules["title_after"]))
    before = text[max(0, start - WINDOW) : start].rstrip().lower()
    if any(before.endswith(t.lower()) and not is_latin(before[-len(t) - 1 : -len(t)] or " ")
           for t in rules["title_before"]):
        return True
    return any(re.compile(f" {re.escape(t)}(?![{LATIN}])").match(text, end) for t in rules["title_after"])


def _within(spans: Sequence, starts: list[int], lo: int, hi: int) -> Sequence:
    """The spans (sorted by start, `starts` their starts) that start in [lo, hi]."""
    return spans[bisect_left(starts, lo) : bisect_right(starts, hi)]


def _foreign(seg: Segment, span: Span, outer: tuple[int, int], countries: Sequence[CountryMention],
             home: dict[str, str], rules: dict, others: Sequence[Hit] = ()) -> bool:
    """A national body qualified by another country: inside its name run, or right beside it.

    In a run that names several bodies ("the Ministry of X, Japan and the Ministry of Y of
    Viet Nam"), a country qualifies only the body it is not separated from by another one."""
    own = home.get(span.id)
    if not own:
        return False
    before, after = re.compile(rules["qualifier_before"]), re.compile(rules["qualifier_after"])
    text = seg.text
    for c in countries:
        between = text[min(span.end, c.end) : max(span.start, c.start)]
        apart = bool(re.search(rules["conjunction"], between)) or any(
            min(span.end, c.end) <= o.start and o.end <= max(span.start, c.start) for o in others)
        inside = (outer[0] <= c.start and c.end <= outer[1] and not (span.start <= c.start < span.end)
                  and not apart)
        beside = (c.end <= span.start and before.match(text[c.end : span.start])) or (
            c.start >= span.end and after.match(text[span.end : c.start])
        )
        if (inside or beside) and c.iso3 != own:
            return True
    return False


def _field_of_committee(seg: Segment, span: Span, rules: dict, doc_is_jcm: Callable[[], bool]) -> bool:
    """A joint committee is the JCM's: the nearest field word in its sentence, else the document."""
    text, ends = seg.text, rules["sentence_end"]
    lo = max([text.rfind(ch, max(0, span.start - SENTENCE), span.start) for ch in ends]
             + [span.start - SENTENCE - 1, -1]) + 1
    his = [i for i in (text.find(ch, span.end, span.end + SENTENCE) for ch in ends) if i >= 0]
    hi = min(his + [span.end + SENTENCE, len(text)])
    words = [(w, True) for w in rules["jcm_words"]] + [(w, False) for w in rules["other_field_words"]]
    best: tuple[int, bool] | None = None
    for word, jcm in words:
        for m in re.finditer(re.escape(word), text[lo:hi], re.IGNORECASE if is_latin(word[0]) else 0):
            a, b = lo + m.start(), lo + m.end()
            dist = max(span.start - b, a - span.end, 0)
            if best is None or (dist, not jcm) < (best[0], not best[1]):
                best = (dist, jcm)
    return best[1] if best is not None else doc_is_jcm()


def org_spans(seg: Segment, ctx: Context) -> list[Span]:
    """Organizations of one segment with their ids ("-" = none), titles already removed."""
    rules = lexicon(seg.lang, "organizations")
    forms, home = org_table()
    named = forms.find(seg.text, lambda h: is_latin(h.form[0]) or seg.aligned(h.start, h.end))
    countries = sorted(ctx.here(CountryMention), key=lambda c: c.start)
    country_starts = [c.start for c in countries]
    named_starts = [h.start for h in named]
    out: list[Span] = []
    run_of: dict[Hit, tuple[int, int, bool]] = {}
    outer_of: dict[Span, tuple[int, int]] = {}
    for start, end, titled in sorted(_name_spans(seg, rules)):
        inner = [h for h in _within(named, named_starts, start, end) if h.end <= end]
        if not inner:
            out.append(Span(start, end, NO_ID, "pattern:title" if titled else "pattern"))
        elif seg.lang == "ja" and len(inner) == 1 and inner[0].end < end:
            out.append(Span(inner[0].end, end, NO_ID, "pattern"))
        for h in inner:
            run_of.setdefault(h, (start, end, titled))
    for h in named:
        start, end, titled = run_of.get(h, (h.start, h.end, False))
        span = Span(h.start, h.end, h.value or NO_ID, "table:title" if titled else "table")
        outer_of[span] = (start, end)
        out.append(span)
    doc_is_jcm = cache(lambda: any(w.lower() in s.text.lower() for s in ctx.segments for w in rules["jcm_words"]))
    result, prev_titled_end = [], None
    chain = re.compile(rules["chain_links"])
    for span in longest(out):
        titled = span.rule.endswith(":title") or _titled(seg, span.start, span.end, rules)
        if not titled and prev_titled_end is not None and chain.match(seg.text[prev_titled_end : span.start]):
            titled = True
        prev_titled_end = span.end if titled else None
        if titled:
            continue
        ident = span.id
        lo, hi = outer_of.get(span, (span.start, span.end))
        near = _within(countries, country_starts, lo - WINDOW, hi + WINDOW)
        others = [h for h in _within(named, named_starts, lo, hi) if (h.start, h.end) != (span.start, span.end)]
        if span.rule.startswith("table") and _foreign(seg, span, (lo, hi), near, home, rules, others):
            ident = NO_ID
        if ident == "JCM_JC" and not _field_of_committee(seg, span, rules, doc_is_jcm):
            ident = NO_ID
        result.append(Span(span.start, span.end, ident, span.rule))
    return result


@extractor("organizations", OrgMention)
def find_organizations(seg: Segment, ctx: Context) -> Iterator[OrgMention]:
    """Organizations named in the segment, with their FORMAT.md id or a null id."""
    for s in org_spans(seg, ctx):
        yield OrgMention(
            start=s.start, end=s.end, surface=seg.text[s.start : s.end],
            id=None if s.id == NO_ID else s.id, rule=s.rule,
        )
