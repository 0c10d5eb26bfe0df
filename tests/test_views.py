"""The analyst views over a resolved store: one row per agreement and event, partner countries
with their signing month, conflicts with both sources and as-of dates, every fact located."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline import store
from pipeline.ingest import ingest
from pipeline.views import VIEWS
from tests.synthetic_store import build_store


@pytest.fixture
def con(db_url: str):
    build_store(db_url)
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    con.row_factory = sqlite3.Row
    yield con
    con.close()


def test_an_agreement_named_in_three_languages_is_one_row(con) -> None:
    rows = con.execute("select * from v_agreements where kind = 'bilateral_document' "
                       "and parties = 'JPN;VNM'").fetchall()
    assert len(rows) == 1
    row = rows[0]
    assert row["date"] == "2013-07" and row["n_documents"] == 3 and row["has_conflict"] == 1
    assert set(row["languages"].split(",")) == {"ja", "vi", "en"}
    assert row["party_names"] == "Japan; Viet Nam"
    keys = [tuple(r) for r in con.execute("select kind, parties, date from v_agreements")]
    assert len(keys) == len(set(keys)) == 5


def test_partner_countries_carry_their_signing_month_and_sources(con) -> None:
    rows = {r["iso3"]: r for r in con.execute("select * from v_partner_countries")}
    assert set(rows) == {"VNM", "THA"}  # Japan is the home side, not a partner
    assert (rows["VNM"]["agreement_date"], rows["THA"]["agreement_date"]) == ("2013-07", "2015-11")
    assert rows["VNM"]["name_ja"] == "ベトナム" and rows["VNM"]["n_agreements"] == 4
    assert set(rows["VNM"]["agreement_sources"].split(",")) == {"ja/press.txt", "vi/tin.txt",
                                                                "en/table.txt"}


def test_conflicts_show_each_value_with_its_source_and_as_of_date(con) -> None:
    rows = con.execute("select topic, attribute, value, as_of, doc from v_conflicts "
                       "order by conflict, as_of, doc").fetchall()
    assert [tuple(r) for r in rows] == [
        ("agreement", "date", "2013-08", "2025-07-15", "en/table.txt"),
        ("agreement", "date", "2013-07", "2025-11-10", "ja/press.txt"),
        ("count", "value", "30", "2025-11-10", "en/news.txt"),
        ("count", "value", "31", "2025-11-10", "ja/press.txt"),
    ]


def test_events_timeline_merges_the_meeting_and_finds_its_parties_in_the_sentence(con) -> None:
    [row] = con.execute("select * from v_events").fetchall()
    assert (row["kind"], row["ordinal"], row["date"], row["place"]) == ("policy_dialogue", 9,
                                                                         "2026-01-22", "Tokyo")
    assert (row["parties"], row["parties_from"], row["n_documents"]) == ("JPN;VNM", "sentence", 2)


def test_every_fact_is_located_with_a_readable_value(con) -> None:
    n_mentions = con.execute("select count(*) from mentions").fetchone()[0]
    assert con.execute("select count(*) from v_facts").fetchone()[0] == n_mentions
    row = con.execute("select * from v_facts where surface = '31か国'").fetchone()
    assert (row["doc"], row["field"], row["value"], row["published"]) == (
        "ja/press.txt", "counts", "31 country what=countries", "2025-11-10")
    assert con.execute("select value from v_facts where field = 'agreements' and doc = 'en/news.txt'"
                       ).fetchone()[0] == "moc [JPN;VNM] 2026-01-22 @Tokyo"


def test_views_are_replaced_only_when_their_definition_changes(db_url: str) -> None:
    store.open_store(db_url)
    db = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(db) as con:
        con.execute("drop view v_events")
        con.execute("create view v_events as select 1 as stale")
        before = con.execute("select name, sql from sqlite_master where type = 'view' "
                             "and name <> 'v_events' order by name").fetchall()
    store.open_store(db_url)
    with sqlite3.connect(db) as con:
        assert "stale" not in con.execute("select sql from sqlite_master where name = 'v_events'"
                                          ).fetchone()[0]
        assert con.execute("select name, sql from sqlite_master where type = 'view' and name <> "
                           "'v_events' order by name").fetchall() == before
        assert {r[0] for r in con.execute("select name from sqlite_master where type = 'view'")} == set(VIEWS)


def test_ingest_resolves_real_text_from_two_languages(tmp_path: Path, db_url: str) -> None:
    """End to end through the extractors: one agreement with a Japanese and a Vietnamese source."""
    root = tmp_path / "docs"
    root.mkdir()
    (root / "ja.txt").write_text(
        "日本とベトナムは2013年7月に二国間クレジット制度に関する二国間文書に署名した。\n", encoding="utf-8")
    (root / "vi.txt").write_text(
        "Tháng 7/2013, Nhật Bản và Việt Nam đã ký tham gia cơ chế JCM, mở đường cho các dự án mới.\n",
        encoding="utf-8")
    ingest([root], db_url, progress=False)
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as con:
        rows = con.execute("select parties, date, languages from v_agreements "
                           "where kind = 'bilateral_document'").fetchall()
    assert [(p, d, set(langs.split(","))) for p, d, langs in rows] == [("JPN;VNM", "2013-07", {"ja", "vi"})]


def test_a_partner_is_one_row_when_a_yearless_source_contradicts_the_dated_one(tmp_path: Path, db_url: str) -> None:
    """A partner has one bilateral document: a source dating it by a day without a year that
    does not fit the dated sources stays a separate agreement, but not a second partner row."""
    root = tmp_path / "docs"
    root.mkdir()
    (root / "a.txt").write_text("日本とタイは2015年11月19日にJCMに関する二国間文書に署名した。\n", encoding="utf-8")
    (root / "b.txt").write_text("日本とタイは11月25日にJCMに関する二国間文書に署名した。\n", encoding="utf-8")
    (root / "c.txt").write_text("Japan and Thailand signed the JCM bilateral document on 19 November 2015.\n",
                                encoding="utf-8")
    ingest([root], db_url, progress=False)
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as con:
        dates = {d for (d,) in con.execute("select date from v_agreements where kind = 'bilateral_document'")}
        rows = con.execute("select iso3, agreement_date from v_partner_countries").fetchall()
    assert dates == {"2015-11-19", "--11-25"}
    assert rows == [("THA", "2015-11-19")]
