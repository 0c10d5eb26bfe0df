"""Display names of countries and organizations (extractors/data/entity_names.tsv) and the
foreign keys that carry them to every party, subject and country code in the store."""

from __future__ import annotations

import re
import sqlite3

import pycountry
import pytest

from pipeline.entities import curated_names, entity_rows
from tests.synthetic_store import build_store
from tests.test_corpora_gold import ORG_IDS

# The partner countries of the JCM (ISO3), from the partner lists of the ministries.
PARTNERS = ("MNG BGD ETH KEN MDV VNM LAO IDN CRI PLW KHM MEX SAU CHL MMR THA PHL SEN TUN AZE MDA GEO LKA "
            "UZB PNG ARE KGZ KAZ UKR TZA").split()


def test_every_partner_country_and_format_organization_has_three_curated_names() -> None:
    curated = curated_names()
    for entity in [*PARTNERS, "JPN", *sorted(ORG_IDS)]:
        row = curated[entity]
        assert all(row[f"name_{lang}"] for lang in ("en", "ja", "vi")), entity
    for entity, row in curated.items():
        if row["kind"] == "country":
            assert pycountry.countries.get(alpha_3=entity), entity
        else:
            assert entity in ORG_IDS, entity


@pytest.mark.parametrize(("entity", "lang", "name"), [
    ("BGD", "vi", "Bangladesh"), ("PHL", "vi", "Philippines"), ("IDN", "vi", "Indonesia"),
    ("GEO", "ja", "ジョージア"), ("KGZ", "ja", "キルギス"), ("JPN", "vi", "Nhật Bản"),
])
def test_current_names_replace_archaic_ones(entity: str, lang: str, name: str) -> None:
    rows = {r["id"]: r for r in entity_rows()}
    assert rows[entity][f"name_{lang}"] == name


def test_no_vietnamese_name_of_a_partner_is_a_syllable_by_syllable_transcription() -> None:
    rows = {r["id"]: r for r in entity_rows()}
    assert [e for e in PARTNERS if re.search(r"\w-\w", rows[e]["name_vi"])] == []


def test_codes_have_foreign_keys_to_entities_and_views_show_the_names(db_url: str) -> None:
    build_store(db_url)
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    fks = {(table, row[3]) for (table,) in con.execute("select name from sqlite_master where type = 'table'")
           for row in con.execute(f"pragma foreign_key_list({table})") if row[2] == "entities"}
    assert fks == {("fact_countries", "iso3"), ("fact_organizations", "org_id"), ("fact_counts", "subject"),
                   ("fact_agreement_parties", "party"), ("agreement_parties", "party"),
                   ("event_parties", "party")}
    assert con.execute("pragma foreign_key_check").fetchall() == []
    names = dict(((iso3, lang), name) for iso3, *row in con.execute(
        "select iso3, name_en, name_ja, name_vi from v_partner_countries")
        for lang, name in zip(("en", "ja", "vi"), row, strict=True))
    assert names[("THA", "ja")] == "タイ" and names[("THA", "vi")] == "Thái Lan"
    con.close()
