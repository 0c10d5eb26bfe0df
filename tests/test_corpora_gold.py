"""Validates corpora/gold.jsonl, the hand-made gold of the project's own sample corpus.

Checks the FORMAT.md contract line by line (keys and their order, vocabularies, ISO codes,
organization ids, date precision, sorted parties, agreement/event dates listed in `dates`)
and that every surface is evidence in its document: an exact substring of a .txt file's
decoded NFC text, and a substring (whitespace folded) of an HTML page's visible text or a
PDF's pypdfium2 text.
"""

from __future__ import annotations

import calendar
import json
import re
import typing
import unicodedata
from pathlib import Path

import pycountry
import pypdfium2
import pytest
from bs4 import BeautifulSoup

from schemas.records import AgreementKind, CountUnit, EventKind

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
GOLD = CORPUS / "gold.jsonl"
BLIND = CORPUS / "blind" / "gold.jsonl"
KEYS = ["doc", "lang", "countries", "dates", "counts", "money", "organizations", "agreements", "events"]
ITEM_KEYS = {
    "countries": ["surface", "iso3"],
    "dates": ["surface", "value", "precision"],
    "counts": ["surface", "value", "unit", "subject", "what"],
    "money": ["surface", "value", "currency", "approx"],
    "organizations": ["surface", "id"],
    "agreements": ["surface", "kind", "parties", "date", "place"],
    "events": ["surface", "kind", "ordinal", "date", "place"],
}
# The organization id table of FORMAT.md (the contract).
ORG_IDS = {
    "MOEJ", "METI", "MAFF", "FORESTRY_AGENCY", "MOFA_JP", "MONRE", "MAE_VN", "DCC_VN", "ADB",
    "UNIDO", "EBRD", "JCMA", "A6IP", "UNFCCC", "ASEAN", "JCM_JC",
}
DATE_FORMS = {"day": r"(\d{4}|-)-\d\d-\d\d", "month": r"\d{4}-\d\d", "year": r"\d{4}"}


def _lines() -> list[dict]:
    """The gold lines of corpora/gold.jsonl and of the blind set (corpora/blind/gold.jsonl)."""
    return [json.loads(x) for gold in (GOLD, BLIND) for x in gold.read_text(encoding="utf-8").splitlines()
            if x.strip()]


def _decode_txt(data: bytes) -> str:
    """UTF-16 by BOM, else the first legacy encoding that decodes strictly."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    for enc in ("utf-8", "shift_jis", "cp1258"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise AssertionError("undecodable text file")


def _html_text(data: bytes) -> str:
    m = re.search(rb'<meta[^>]+charset="?([\w-]+)', data[:2048], re.I)
    soup = BeautifulSoup(data.decode(m.group(1).decode() if m else "utf-8"), "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    return soup.get_text(" ")


def _pdf_text(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def _text(path: Path) -> tuple[str, bool]:
    """The document's text as read, and whether whitespace must be folded to compare."""
    data = path.read_bytes()
    if path.suffix == ".txt":
        return unicodedata.normalize("NFC", _decode_txt(data)), False
    raw = _html_text(data) if path.suffix == ".html" else _pdf_text(path)
    return unicodedata.normalize("NFC", raw), True


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _valid_date(value: str, precision: str) -> bool:
    if not re.fullmatch(DATE_FORMS[precision], value):
        return False
    if precision == "year":
        return True
    parts = value.lstrip("-").split("-")
    month = int(parts[-2] if precision == "day" else parts[1])
    if not 1 <= month <= 12:
        return False
    if precision == "month":
        return True
    year = 2000 if value.startswith("--") else int(parts[0])  # 2000 is leap: allows --02-29
    return 1 <= int(parts[-1]) <= calendar.monthrange(year, month)[1]


def _is_iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


GOLD_LINES = _lines()


def test_gold_covers_every_document_once():
    docs = [d["doc"] for d in GOLD_LINES]
    files = sorted(
        str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*") if p.suffix in {".txt", ".html", ".pdf"}
    )
    assert sorted(docs) == files
    for lang in ("ja", "vi", "en"):
        assert sum(d["lang"] == lang for d in GOLD_LINES) >= 6


@pytest.mark.parametrize("line", GOLD_LINES, ids=[d["doc"] for d in GOLD_LINES])
def test_gold_line_follows_format(line: dict):
    assert list(line) == KEYS
    assert line["lang"] in ("ja", "vi", "en")
    for field, keys in ITEM_KEYS.items():
        for item in line[field]:
            assert list(item) == keys, (field, item)
            assert isinstance(item["surface"], str) and item["surface"].strip()
    isos = [c["iso3"] for c in line["countries"]]
    assert len(isos) == len(set(isos)) and all(_is_iso3(c) for c in isos)
    values = [d["value"] for d in line["dates"]]
    assert len(values) == len(set(values))
    assert all(_valid_date(d["value"], d["precision"]) for d in line["dates"]), line["dates"]
    units = typing.get_args(CountUnit)
    for c in line["counts"]:
        assert isinstance(c["value"], int) and c["value"] >= 0 and c["unit"] in units
        assert c["subject"] is None or c["subject"] in ORG_IDS or _is_iso3(c["subject"])
    for m in line["money"]:
        assert isinstance(m["value"], (int, float)) and m["value"] > 0
        assert pycountry.currencies.get(alpha_3=m["currency"]) and isinstance(m["approx"], bool)
    ids = [o["id"] for o in line["organizations"] if o["id"] is not None]
    assert len(ids) == len(set(ids)) and set(ids) <= ORG_IDS
    for a in line["agreements"]:
        assert a["kind"] in typing.get_args(AgreementKind)
        assert a["parties"] and a["parties"] == sorted(a["parties"])
        assert all(p in ORG_IDS or _is_iso3(p) for p in a["parties"])
    for e in line["events"]:
        assert e["kind"] in typing.get_args(EventKind)
        assert e["ordinal"] is None or (isinstance(e["ordinal"], int) and e["ordinal"] > 0)
    for fact in line["agreements"] + line["events"]:
        assert fact["date"] is None or fact["date"] in values, fact
        assert fact["place"] is None or isinstance(fact["place"], str)


@pytest.mark.parametrize("line", GOLD_LINES, ids=[d["doc"] for d in GOLD_LINES])
def test_surfaces_are_in_the_document(line: dict):
    text, fold = _text(CORPUS / line["doc"])
    hay = _fold(text) if fold else text
    missing = [
        item["surface"]
        for field in ITEM_KEYS
        for item in line[field]
        if (_fold(item["surface"]) if fold else item["surface"]) not in hay
    ]
    assert not missing
