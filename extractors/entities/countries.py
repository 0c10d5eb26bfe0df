"""Country mentions → ISO 3166-1 alpha-3, in Japanese, Vietnamese and English.

The gazetteer is built once from pycountry (English names and their ja / vi translations)
plus `data/country_aliases.tsv` (short, official, old and unaccented forms; exclusions; and
"block" forms such as インド洋 or South China Sea that stop a shorter country match inside them).
The longest match wins. Japanese matches must cover whole tokens, so 日 in 毎日 or 中 in 中間
never match; one-character forms count only in compounds (日越, 日・ベトナム, 日ASEAN), as the
per-language `countries.yaml` says. Vietnamese one-syllable names (Lào, Mỹ, Nga) must be a
whole pyvi word and not part of a person's name ("Nguyễn Thị Nga").

Examples: ja 日越環境政策対話 → JPN, VNM · vi Việt Nam và Nhật Bản → VNM, JPN ·
en PT Surya Energi of Indonesia → IDN (but "Japanese government" → nothing).

"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from functools import cache

import pycountry

from extractors.base import Context, Segment, extractor
from extractors.entities.forms import LATIN, Forms, Hit, is_latin, longest
from extractors.lexicon import gazetteer, lexicon
from schemas.records import CountryMention

# --- the country gazetteer ------------------------------------------------------------------


def _split_parens(name: str) -> list[str]:
    """"大韓民国 (韓国)" → both names; inverted names ("Korea, Republic of") are left out."""
    if ", " in name or "、" in name:
        return []
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    return [m.group(1), m.group(2)] if m else [name]


@cache
def country_forms() -> tuple[dict[str, str | None], frozenset[str]]:
    """All country forms → ISO3 (None = block form), and the Vietnamese one-word forms."""
    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in ("ja", "vi")
    }
    by_lang: dict[str, dict[str, str | None]] = {"en": {}, "ja": {}, "vi": {}}
    for country in pycountry.countries:
        names = [getattr(country, a, None) for a in ("name", "official_name", "common_name")]
        for name in filter(None, names):
            by_lang["en"].update(dict.fromkeys(_split_parens(name), country.alpha_3))
            for lang, tr in translations.items():
                by_lang[lang].update(dict.fromkeys(_split_parens(tr.gettext(name)), country.alpha_3))
    rows = gazetteer("country_aliases")
    for row in rows:
        if row["type"] != "exclude":
            by_lang[row["lang"]][row["form"]] = None if row["type"] == "block" else row["iso3"]
    for row in rows:
        if row["type"] == "exclude":
            by_lang[row["lang"]].pop(row["form"], None)
    forms = {f: v for lang in ("vi", "ja", "en") for f, v in by_lang[lang].items() if f}
    vi_short = {f for f in by_lang["vi"] if " " not in f and f not in by_lang["en"]}
    for form, value in list(forms.items()):
        if " " not in form and is_latin(form[0]):
            forms.setdefault(form.upper(), value)
    return forms, frozenset(vi_short | {f.upper() for f in vi_short})


@cache
def country_matcher() -> Forms:
    """Multi-word Latin forms ignore case ("Viet nam"); one-word forms keep it ("China" ≠ "china")."""
    forms, _ = country_forms()
    return Forms(forms, ignore_case=lambda f: " " in f and is_latin(f[0]))


# --- rules around a match -------------------------------------------------------------------

WINDOW = 60  # characters looked at on each side of a match
_WORD_BEFORE = re.compile(f"([{LATIN}]+) $")
_WORD_AFTER = re.compile(f"^ ([{LATIN}]+)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n(\"“–-])\s*$")


def _names_person(text: str, hit: Hit, rules: dict) -> bool:
    """A one-syllable Vietnamese name inside a personal name or after "người" / "tiếng"."""
    before, after = text[max(0, hit.start - WINDOW) : hit.start], text[hit.end : hit.end + WINDOW]
    nxt, prev = _WORD_AFTER.match(after), _WORD_BEFORE.search(before)
    if nxt and nxt.group(1)[0].isupper():
        return True
    if prev and prev.group(1)[0].isupper() and not _SENTENCE_START.search(before[: prev.start()]):
        return True
    lowered = before.lower().rstrip()
    return any(
        lowered.endswith(w) and (len(lowered) == len(w) or not is_latin(lowered[-len(w) - 1]))
        for w in rules.get("demonym_before", [])
    )


def _accept(seg: Segment, hit: Hit, rules: dict, vi_short: frozenset[str]) -> bool:
    """Token-boundary, demonym and personal-name checks for one gazetteer hit."""
    text = seg.text
    if not is_latin(hit.form[0]):
        if not seg.aligned(hit.start, hit.end):
            return False
        for tok in lexicon("ja", "countries").get("demonym_tokens", []):
            end = hit.end + len(tok)
            if text.startswith(tok, hit.end) and (not seg.bounds or end in seg.bounds):
                return False
        return True
    if hit.form in vi_short:
        return (not seg.bounds or seg.lang != "vi" or seg.aligned(hit.start, hit.end)) and not (
            _names_person(text, hit, rules)
        )
    return True


@cache
def _compound_regex(lang: str) -> tuple[re.Pattern, re.Pattern] | None:
    """Two or more one-character (ja) or one-syllable (vi, dashed) country forms in a row, and
    one such form (to cut the chain into its parts)."""
    rules = lexicon(lang, "countries")
    heads = rules.get("compound_heads") or {}
    if not heads:
        return None
    head = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    if rules.get("compound_needs_dash"):
        chain = f"(?<![{LATIN}])(?:{head})(?:\\s*[-–—]\\s*(?:{head}))+(?![{LATIN}])"
    else:
        chain = f"(?:{head})(?:[{re.escape(rules.get('compound_separators', ''))}]?(?:{head}))+"
    return re.compile(chain), re.compile(head)


def _compounds(seg: Segment, rules: dict) -> Iterator[Hit]:
    """Each part of a compound such as 日越 / 日米豪印 / Việt – Nhật."""
    regexes = _compound_regex(seg.lang)
    if regexes is None:
        return
    heads, text = rules["compound_heads"], seg.text
    anchor = rules.get("compound_anchor", "")
    for m in regexes[0].finditer(text):
        chain = m.group()
        if anchor and not chain.startswith(anchor) or not _free_compound(seg, m.start(), m.end(), rules):
            continue
        for p in regexes[1].finditer(chain):
            yield Hit(m.start() + p.start(), m.start() + p.end(), heads[p.group()], p.group())


def _free_compound(seg: Segment, start: int, end: int, rules: dict) -> bool:
    """A compound starts a token, is not part of a date or verb, and its ambiguous forms have context."""
    text = seg.text
    if start and text[start - 1] in rules.get("not_after", ""):
        return False
    if end < len(text) and text[end] in rules.get("not_before", ""):
        return False
    if seg.bounds and start not in seg.bounds:
        return False
    needs = (rules.get("ambiguous_compounds") or {}).get(text[start:end])
    return needs is None or any(text.startswith(w, end) for w in needs)


def _anchor_before(seg: Segment, hits: list[Hit], rules: dict) -> Iterator[Hit]:
    """日 right before a country or group name (日・ベトナム, 日ASEAN): Japan in a compound."""
    anchor = rules.get("compound_anchor", "")
    heads = rules.get("compound_heads") or {}
    if not anchor or anchor not in heads:
        return
    text = seg.text
    starts = [h.start for h in hits]
    for group in rules.get("compound_partners", []):
        starts += [m.start() for m in re.finditer(re.escape(group), text)]
    seps = rules.get("compound_separators", "")
    for start in starts:
        at = start - 1
        if at >= 1 and text[at] in seps and text[at - 1] == anchor:
            at -= 1
        if at >= 0 and text[at] == anchor and _free_compound(seg, at, at + 1, rules):
            yield Hit(at, at + 1, heads[anchor], anchor)


def country_hits(seg: Segment) -> list[Hit]:
    """Every country named in one segment: gazetteer hits plus compound parts."""
    rules = lexicon(seg.lang, "countries")
    _, vi_short = country_forms()
    hits = country_matcher().find(seg.text, lambda h: _accept(seg, h, rules, vi_short))
    extra = list(_compounds(seg, rules))
    extra += _anchor_before(seg, hits + extra, rules)
    return longest(hits + extra)


@extractor("countries", CountryMention)
def find_countries(seg: Segment, ctx: Context) -> Iterator[CountryMention]:
    """Countries named in the segment, with their ISO3 code (see the module docstring)."""
    for h in country_hits(seg):
        yield CountryMention(start=h.start, end=h.end, surface=h.form, iso3=h.value, rule="gazetteer")
