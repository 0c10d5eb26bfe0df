"""Canonical entities for the store: every ISO country with its names in en/ja/vi (pycountry
and its bundled translations) and the organizations of extractors/data/organizations.tsv."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from extractors.lexicon import gazetteer


@cache
def _translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def entity_rows() -> list[dict[str, str | None]]:
    """Rows for the `entities` table: countries first, then organizations."""
    rows: list[dict[str, str | None]] = [
        {"id": c.alpha_3, "kind": "country", "name_en": c.name,
         "name_ja": _translation("ja").gettext(c.name), "name_vi": _translation("vi").gettext(c.name)}
        for c in pycountry.countries
    ]
    orgs: dict[str, dict[str, str | None]] = {}
    for row in gazetteer("organizations"):
        if row["id"] == "-":  # a known body without an id: not a canonical entity
            continue
        org = orgs.setdefault(row["id"], {"id": row["id"], "kind": "organization",
                                          "name_en": None, "name_ja": None, "name_vi": None})
        org[f"name_{row['lang']}"] = org[f"name_{row['lang']}"] or row["form"]
    return rows + list(orgs.values())
