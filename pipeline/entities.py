"""Canonical entities for the store: every ISO country with its names in en/ja/vi and the
organizations of extractors/data/organizations.tsv.

Display names come from the curated extractors/data/entity_names.tsv (current names: ジョージア,
not グルジア; Bangladesh, not a transcription); for a country it does not list, the first
`short` form of country_aliases.tsv in that language, else pycountry's name and translations;
for an organization, its first gazetteer form per language."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from extractors.lexicon import gazetteer

NAME_COLUMNS = ("name_en", "name_ja", "name_vi")


@cache
def _translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def curated_names() -> dict[str, dict[str, str]]:
    """id → the curated row of extractors/data/entity_names.tsv (id, kind, name_en, name_ja, name_vi)."""
    return {row["id"]: row for row in gazetteer("entity_names")}


def _short_forms() -> dict[str, dict[str, str]]:
    """iso3 → the first `short` form per language of extractors/data/country_aliases.tsv."""
    out: dict[str, dict[str, str]] = {}
    for row in gazetteer("country_aliases"):
        if row["type"] == "short":
            out.setdefault(row["iso3"], {}).setdefault(f"name_{row['lang']}", row["form"])
    return out


def entity_rows() -> list[dict[str, str | None]]:
    """Rows for the `entities` table: countries first, then organizations."""
    short = _short_forms()
    rows: list[dict[str, str | None]] = [
        {"id": c.alpha_3, "kind": "country", "name_en": c.name,
         "name_ja": _translation("ja").gettext(c.name), "name_vi": _translation("vi").gettext(c.name),
         **short.get(c.alpha_3, {})}
        for c in pycountry.countries
    ]
    orgs: dict[str, dict[str, str | None]] = {}
    for row in gazetteer("organizations"):
        if row["id"] == "-":  # a known body without an id: not a canonical entity
            continue
        org = orgs.setdefault(row["id"], {"id": row["id"], "kind": "organization",
                                          "name_en": None, "name_ja": None, "name_vi": None})
        org[f"name_{row['lang']}"] = org[f"name_{row['lang']}"] or row["form"]
    curated = curated_names()
    out = rows + list(orgs.values())
    for row in out:
        row.update({k: v for k, v in curated.get(row["id"], {}).items() if k in NAME_COLUMNS and v})
    return out
