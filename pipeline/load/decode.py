"""Bytes to text: BOM, declared HTML charset, strict UTF-8, BOM-less UTF-16, then the legacy
encodings of our languages (CP932 / EUC-JP for Japanese, Windows-1258 for Vietnamese), with
charset_normalizer as a last opinion. Never raises on bad bytes: the fallback decodes with
replacement characters and says so in `warnings`. The result is NFC (Windows-1258 writes tone
marks as combining characters, which NFC composes)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

from extractors.text import script

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings tried in order when UTF-8 fails; each is judged by how plausible its text is.
LEGACY = ("cp932", "euc_jp", "cp1258")
# What browsers do with these labels (WHATWG): the superset wins.
_SUPERSETS = {
    "shift_jis": "cp932", "ms932": "cp932", "euc_jp": "euc_jp", "latin_1": "cp1252",
    "ascii": "cp1252", "iso8859_1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
}
_META = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_KANA = script("ja", "kana")
_KANJI = script("ja", "kanji")
_VI_LETTER = script("vi", "letters", flags=re.IGNORECASE)
_COMMON = re.compile(r"[\u2010-\u2027\u00a0\u00b0\u00b7\u00d7\u3000-\u303f\uff01-\uff5e]")


class Decoded(NamedTuple):
    """Decoded text (NFC), the encoding used, and what went wrong on the way (if anything)."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, *, html: bool = False) -> Decoded:
    """Decode `data`; with `html`, a valid `<meta charset>` that decodes cleanly is honoured."""
    for bom, name in _BOMS:
        if data.startswith(bom):  # trust the BOM; bad bytes after it become U+FFFD
            decoded = _done(data[len(bom):], name, errors="replace")
            if "\ufffd" in decoded.text:
                return decoded._replace(warnings=("undecodable bytes replaced",))
            return decoded
    if html and (declared := declared_charset(data)):
        try:
            return _done(data, declared, errors="strict")
        except UnicodeDecodeError:
            pass  # a wrong declaration: detect instead
    if b"\x1b$B" in data[:4096] or b"\x1b$@" in data[:4096]:  # ISO-2022-JP escapes
        try:
            return _done(data, "iso2022_jp")
        except UnicodeDecodeError:
            pass
    nul_heavy = data[:4000].count(0) > len(data[:4000]) // 10  # NUL is valid UTF-8, rare in text
    if nul_heavy and (utf16 := _utf16_without_bom(data)) is not None:
        return utf16
    try:
        return _done(data, "utf-8", errors="strict")
    except UnicodeDecodeError:
        pass
    if not nul_heavy and (utf16 := _utf16_without_bom(data)) is not None:
        return utf16
    best = max((_legacy(data, name) for name in LEGACY), key=lambda c: c[0])
    if best[0] > 0.5:
        return Decoded(best[1], best[2])
    return _fallback(data)


def declared_charset(data: bytes) -> str | None:
    """The encoding a `<meta charset>` / `http-equiv` in the first 4 KB names, if Python knows it."""
    match = _META.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name.replace("-", "_")
    except LookupError:
        return None
    if name in ("utf_16", "utf_16_le", "utf_16_be"):  # a page that says so in ASCII is not
        return None
    return _SUPERSETS.get(name, name)


def _done(data: bytes, encoding: str, errors: str = "strict") -> Decoded:
    text = data.decode(encoding, errors=errors)
    return Decoded(unicodedata.normalize("NFC", text), encoding)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 (either byte order) when it decodes strictly to plausible text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8000]
    best = None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        score = _utf16_score(text)
        if score > 0.9 and (best is None or score > best[0]):
            best = (score, name)
    if best is None:
        return None
    return _done(data, best[1], errors="replace")


def _utf16_score(text: str) -> float:
    """Share of characters a ja/vi/en text is made of (ASCII, kana, kanji with kana, Vietnamese)."""
    plain = sum(1 for c in text if " " <= c <= "~" or c in "\t\r\n")
    rest = "".join(c for c in text if ord(c) > 0x7F)
    known = plain + len(_VI_LETTER.findall(rest)) + len(_COMMON.findall(rest))
    kana = len(_KANA.findall(rest))
    if kana >= 0.1 * len(rest):
        known += kana + sum(1 for c in rest if 0x4E00 <= ord(c) <= 0x9FFF)
    return known / max(1, len(text))


def _legacy(data: bytes, encoding: str) -> tuple[float, str, str]:
    """(plausibility 0..1, text, encoding) of a strict decode; plausibility 0 if it fails."""
    try:
        text = unicodedata.normalize("NFC", data.decode(encoding))
    except UnicodeDecodeError:
        return 0.0, "", encoding
    return plausibility(text, "vi" if encoding == "cp1258" else "ja"), text, encoding


def plausibility(text: str, lang: str) -> float:
    """Share of the non-ASCII characters that belong to the language's usual repertoire.

    Japanese prose is full of kana (particles, okurigana); a wrong Japanese decode of other
    bytes gives kanji soup or half-width katakana. Vietnamese needs its letters (after NFC).
    """
    rest = [c for c in text if ord(c) > 0x7F]
    if not rest:
        return 1.0
    rest_text = "".join(rest)
    common = len(_COMMON.findall(rest_text))
    if lang == "ja":
        kana = len(_KANA.findall(rest_text))
        han = len(_KANJI.findall(rest_text))
        if kana < 0.15 * len(rest):
            return 0.0
        return (kana + han + common) / len(rest)
    return (len(_VI_LETTER.findall(rest_text)) + common) / len(rest)


def _fallback(data: bytes) -> Decoded:
    """charset_normalizer among sensible encodings, else UTF-8 with replacement characters."""
    from charset_normalizer import from_bytes

    candidates = [*LEGACY, "utf-8", "cp1252", "gb18030", "big5", "euc_kr", "iso2022_jp"]
    match = from_bytes(data[:200_000], cp_isolation=candidates).best()
    if match is not None:
        text = data.decode(match.encoding, errors="replace")
        warn = ("undecodable bytes replaced",) if "\ufffd" in text else ()
        return Decoded(unicodedata.normalize("NFC", text), match.encoding, warn)
    text = data.decode("utf-8", errors="replace")
    return Decoded(
        unicodedata.normalize("NFC", text), "utf-8", ("encoding unknown: decoded as UTF-8 with replacement",)
    )
