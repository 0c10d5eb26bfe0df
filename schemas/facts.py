"""The facts.jsonl format of FORMAT.md: one line per document, built from typed mentions.

The same shape is used by hand-made gold sets and by the pipeline's export, so one scorer
compares any export with any gold file. Lists are deduplicated the way FORMAT.md asks
(a country once, a date once per value, ...) and keep the first surface seen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from schemas.records import (
    FIELDS,
    AgreementMention,
    CountMention,
    CountryMention,
    DateMention,
    EventMention,
    Mention,
    MoneyMention,
    OrgMention,
)


def fact_entry(m: Mention) -> dict[str, Any]:
    """The FORMAT.md object of one mention (field order as in FORMAT.md)."""
    if isinstance(m, CountryMention):
        return {"surface": m.surface, "iso3": m.iso3}
    if isinstance(m, DateMention):
        return {"surface": m.surface, "value": m.value, "precision": m.precision}
    if isinstance(m, CountMention):
        return {"surface": m.surface, "value": m.value, "unit": m.unit, "subject": m.subject,
                "what": m.what, "measure": m.measure, "period": m.period, "as_of": m.as_of}
    if isinstance(m, MoneyMention):
        return {"surface": m.surface, "value": m.value, "currency": m.currency, "approx": m.approx}
    if isinstance(m, OrgMention):
        return {"surface": m.surface, "id": m.id}
    if isinstance(m, AgreementMention):
        return {"surface": m.surface, "kind": m.kind, "parties": sorted(m.parties),
                "date": m.date, "place": m.place}
    if isinstance(m, EventMention):
        return {"surface": m.surface, "kind": m.kind, "ordinal": m.ordinal, "date": m.date,
                "place": m.place}
    raise TypeError(f"not a fact mention: {type(m).__name__}")


def _identity(entry: dict[str, Any]) -> str:
    """What makes two entries of one field the same fact: everything but the surface.

    Null-id organizations keep their surface, since the surface is all they have."""
    if "id" in entry and entry["id"] is None:
        return json.dumps(entry, sort_keys=True, ensure_ascii=False)
    return json.dumps({k: v for k, v in entry.items() if k != "surface"}, sort_keys=True,
                      ensure_ascii=False)


def facts_line(doc: str, lang: str, mentions: Iterable[Mention]) -> dict[str, Any]:
    """One facts.jsonl object for a document, from its mentions in text order."""
    line: dict[str, Any] = {"doc": doc, "lang": lang, **{f: [] for f in FIELDS}}
    seen: set[tuple[str, str]] = set()
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        entry = fact_entry(m)
        ident = (m.FIELD, _identity(entry))
        if ident not in seen:
            seen.add(ident)
            line[m.FIELD].append(entry)
    return line


def read_jsonl(path) -> list[dict[str, Any]]:
    """The objects of a JSON-lines file, skipping blank lines."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dumps(line: dict[str, Any]) -> str:
    """One stable JSON line (keys in FORMAT order, non-ASCII kept readable)."""
    return json.dumps(line, ensure_ascii=False)
