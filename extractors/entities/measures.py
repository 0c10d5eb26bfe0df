"""What a count measures, for when, and over which period: so only like is compared with like.

Every count gets a `measure` from the closed vocabulary of `data/measures.tsv` (registered
projects, projects with credits issued, projects selected for subsidy, partner countries, …,
`other`), read from the cue words of its sentence or its table column (`data/<lang>/measures.yaml`);
its `as_of` date when the text states one (2024年10月時点, tính đến ngày…, as of …; for a table,
in its header, caption or the lines just above it); and, for a per-period figure, its `period`:
a Japanese fiscal year (令和7年度, FY2025, năm tài chính 2025 → 2025-04/2026-03), a call round
(第2次公募, the first call, đợt 2 → "round 2") or a calendar year (in 2023 → 2023). A running
total (累計, so far, lũy kế) has no period. Without a stated as-of date, the document's
publication date stands in (pipeline/resolve.py and the views).

    ja: 令和3年度の第2次採択分として19件 → selected_projects, 2021-04/2022-03 round 2
    vi: tính đến ngày 30/6/2025, 12 dự án đã được đăng ký → registered_projects, as of 2025-06-30
    en: 29 partner countries as of October 2024 → partner_countries, as of 2024-10
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractors.entities.dates import find as find_dates
from extractors.entities.dates import iso
from extractors.lexicon import gazetteer, lexicon
from extractors.entities.numbers import fold

OTHER = "other"


@dataclass(frozen=True, slots=True)
class Measured:
    """A count's measure, its period (None: a running total or unknown) and stated as-of date."""

    measure: str
    period: str | None
    as_of: str | None


@cache
def vocabulary() -> dict[str, dict[str, str]]:
    """Measure id → its row of data/measures.tsv (units, kind, names in en/ja/vi)."""
    return {r["id"]: r for r in gazetteer("measures")}


@cache
def _data(lang: str) -> dict[str, Any]:
    data = dict(lexicon(lang, "measures"))
    for key in ("as_of_after", "as_of_before", "fiscal_year", "round", "calendar_year"):
        data[key] = re.compile(data[key])
    return data


def _has(text: str, words: list[str]) -> bool:
    low = text.casefold()
    return any(w.casefold() in low for w in words)


def measure_of(unit: str, text: str, lang: str, what: str | None = None) -> str:
    """The measure of a count of `unit` whose sentence (or column header) is `text`; a table
    column name (`what`: registered, issuing, total_…) decides first."""
    data = _data(lang)
    name = (what or "").removeprefix("total_")
    if name in data["table_whats"]:
        return data["table_whats"][name]
    return _cued(unit, text, lang) or data["unit_measures"].get(unit, OTHER)


def _cued(unit: str, text: str, lang: str) -> str | None:
    """The measure of the first cue for `unit` that stands in `text`, if any."""
    return next((cue["measure"] for cue in _data(lang)["cues"]
                 if cue["unit"] == unit and _has(text, cue["words"])), None)


def as_of_in(text: str, lang: str) -> str | None:
    """The date `text` states figures for (…時点, tính đến ngày…, as of …), ISO cut to its
    precision; the last one if several."""
    data = _data(lang)
    found = None
    for f in find_dates(text, lang):
        if f.pattern.kind != "date" or f.dates[0][0] is None:
            continue
        if data["as_of_after"].match(text, f.end) or data["as_of_before"].search(text[: f.start]):
            found = iso(f.dates[-1])
    return found[0] if found else None


def _fiscal(m: re.Match, lang: str) -> tuple[int, int] | None:
    """First and last fiscal year a fiscal-year match names."""
    g = m.groupdict()
    if g.get("era"):
        eras = lexicon("ja", "dates")["eras"]
        first = 1 if g["ey"] in lexicon("ja", "dates")["first_year"] else int(g["ey"])
        year = eras[g["era"]] + first - 1
    elif g.get("y"):
        year = int(g["y"])
    else:
        return None
    return year, int(g["y2"]) if g.get("y2") else year


def period_in(text: str, lang: str) -> str | None:
    """The period `text` gives its figures: fiscal years as an ISO interval (Japanese fiscal
    years run April to March), a call round, else a calendar year; None if none or a running
    total (累計, so far)."""
    data = _data(lang)
    folded = fold(text)
    if _has(folded, data["cumulative"]):
        return None
    parts = []
    fy = data["fiscal_year"].search(folded)
    years = _fiscal(fy, lang) if fy else None
    if years:
        parts.append(f"{years[0]}-04/{years[1] + 1}-03")
    elif cy := data["calendar_year"].search(folded):
        parts.append(cy.group("y"))
    if rd := data["round"].search(folded):
        n = rd.group("n") or str(data["ordinals"].get((rd.groupdict().get("word") or "").lower(), ""))
        if n:
            parts.append(f"round {int(n)}")
    return " ".join(parts) or None


def qualify(unit: str, sentence: str, lang: str, what: str | None = None,
            as_of_text: str = "", near: str = "") -> Measured:
    """Measure, period and as-of date of a count of `unit` read in its `sentence` (or a table's
    header text); a cue in `near` (the count's own clause) comes first, so "17 registered, of
    which 8 issued credits" measures each apart.
    `as_of_text` is where else an as-of date may be stated (a table's caption and the lines
    above it). Cumulative measures have no period."""
    measure = (not what and near and _cued(unit, near, lang)) or measure_of(unit, sentence, lang, what)
    period = period_in(sentence, lang) if vocabulary()[measure]["kind"] == "period" or measure == OTHER else None
    return Measured(measure, period, as_of_in(sentence, lang) or as_of_in(as_of_text, lang))
