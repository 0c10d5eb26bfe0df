"""Amounts of money → MoneyMention(value in whole units, ISO 4217 currency, approx).

An amount is a numeral with optional scale words (numbers.amount_pattern) next to a currency
form written before it (US$15m, USD 1.2 billion) or after it (114億円, 20 tỷ USD). Currency
forms and approximators (約, gần, about) are data: `data/<lang>/money.yaml`. Vague amounts
(数億円, hàng triệu USD, millions of dollars) have no numeral, or a vague word before it, so
they are not amounts; tonnes and other units have no currency, so they are not money either.

    ja: 約20億円 → 2000000000 JPY approx · 100万ドル → 1000000 USD
    vi: gần 20 tỷ USD → 20000000000 USD approx · 500 triệu đồng → 500000000 VND
    en: US$15m → 15000000 USD · about $74 million → 74000000 USD approx
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from extractors.base import Context, Segment, extractor
from extractors.lexicon import alternation, lexicon
from extractors.entities.numbers import amount_pattern, fold, parse_amount
from extractors.text import spaced
from schemas.records import MoneyMention


def _forms(table: dict[str, list[str]]) -> dict[str, str]:
    """Currency form → ISO code."""
    return {form: code for code, forms in table.items() for form in forms}


@cache
def _regex(lang: str) -> re.Pattern:
    """One regex for an amount with its currency and optional approximators in `lang`."""
    data = lexicon(lang, "money")
    left, right = (r"(?<![\w.,$])", r"(?!\w)") if spaced(lang) else ("", "")
    amount = amount_pattern(lang)
    before = alternation(_forms(data["currency_before"]))
    after = alternation(_forms(data["currency_after"]))
    approx_b = alternation(data["approx_before"]) or "(?!)"
    approx_a = alternation(data["approx_after"]) or "(?!)"
    return re.compile(
        rf"(?:{left}(?P<ab>(?i:{approx_b}))\s*)?"
        rf"(?:(?P<cb>{before})\s?(?P<a1>{amount})(?:\s*(?:{after}){right})?"
        rf"|{left}(?P<a2>{amount})\s*(?P<ca2>{after}){right})"
        rf"(?:\s*(?P<aa>{approx_a}))?"
    )


def _vague(text: str, start: int, lang: str) -> bool:
    """True when a vague word (数, hàng, several) stands right before the amount."""
    head = text[:start].rstrip()
    return head.endswith(tuple(lexicon(lang, "numbers")["vague_prefixes"]))


@extractor("money", MoneyMention)
def find_money(seg: Segment, ctx: Context) -> Iterator[MoneyMention]:
    """Amounts of money with their currency, value in whole units and approx flag.

    ja: 約114億円 → 11400000000 JPY, approx · vi: 20 tỷ yên (tương đương 18 triệu USD) → two
    amounts, neither approx · en: 15 million US dollars → 15000000 USD
    """
    data = lexicon(seg.lang, "money")
    before, after = _forms(data["currency_before"]), _forms(data["currency_after"])
    scale_words = lexicon(seg.lang, "numbers")["scales"]
    text = fold(seg.text)
    for m in _regex(seg.lang).finditer(text):
        amount = m.group("a1") or m.group("a2")
        amount_start = m.start("a1") if m.group("a1") else m.start("a2")
        if _vague(text, amount_start, seg.lang):
            continue
        if not re.search(r"\d", amount) and not any(w in amount for w in scale_words):
            continue  # a bare numeral word or kanji (関東一円) is not an amount
        value = parse_amount(amount, seg.lang)
        if not value:
            continue
        currency = before[m.group("cb")] if m.group("cb") else after[m.group("ca2")]
        yield MoneyMention(
            start=m.start(), end=m.end(), surface=seg.text[m.start() : m.end()], rule="money",
            value=value, currency=currency, approx=bool(m.group("ab") or m.group("aa")),
        )
