"""Resolution across documents and languages: date compatibility, publication dates, merge
rules, conflicts and idempotence."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pipeline import store
from pipeline.resolve import resolve
from pipeline.resolve_merge import Policy, Source, best_date, cluster, date_conflict
from extractors.entities.published import DatedSpot
from pipeline.resolve_sources import publication_date
from schemas.precision import compatible, gap_days, precision, refines
from tests.synthetic_store import build_store

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@given(days)
def test_a_day_is_compatible_with_its_month_and_year(d: date) -> None:
    day, month, year = d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]
    assert compatible(day, month) and compatible(month, year) and compatible(day, year)
    assert compatible(day, f"--{day[5:]}") and refines(day, month) and not refines(month, day)
    assert [precision(v) for v in (day, month, year)] == [3, 2, 1]
    assert gap_days(day, year) == 0


@given(days, st.integers(min_value=1, max_value=400))
def test_different_days_are_incompatible_and_their_gap_is_known(d: date, n: int) -> None:
    a, b = d.isoformat(), (d + timedelta(days=n)).isoformat()
    assert not compatible(a, b) and gap_days(a, b) == n == gap_days(b, a)


def test_compatibility_by_example() -> None:
    assert compatible("2013", "2013-07-02") and compatible("2013-07", "2013-07-02")
    assert compatible(None, "2013") and not compatible("2013-07", "2013-08")
    assert not compatible("--01-22", "2026-01-23") and gap_days("--01-22", "2026-01-22") is None


def _spot(value: str, text: str, block: int = 5, lang: str = "en") -> DatedSpot:
    start = text.index(value) if value in text else 0
    return DatedSpot(value, block, start, start + len(value), text, lang)


def test_publication_date_next_to_a_cue_wins() -> None:
    spots = [_spot("2013-07", "signed in 2013-07", 1),
             DatedSpot("2025-11-20", 9, 11, 21, "Ngày đăng: 20/11/2025 lúc 8h", "vi"),
             _spot("2026-01-22", "the meeting on 2026-01-22", 0)]
    assert publication_date(spots) == ("2025-11-20", "label")
    ja = DatedSpot("2025-12-26", 30, 0, 11, "2025年12月26日 公開", "ja")
    assert publication_date([ja, _spot("2026-01-01", "2026-01-01 starts", 0)]) == ("2025-12-26", "label")


def test_publication_date_is_a_dateline_else_none_never_a_date_the_text_names() -> None:
    dateline = _spot("2025-09-03", "Manila, 2025-09-03", 1)
    body = _spot("2025-09-04", "The visit runs from 2025-09-02 to 2025-09-04 and covers many sites.", 2)
    assert publication_date([dateline, body]) == ("2025-09-03", "dateline")
    assert publication_date([body]) is None
    late = [_spot("2014", "in 2014", 10), _spot("2019-06", "in 2019-06", 11), _spot("2050", "by 2050", 12)]
    assert publication_date(late) is None
    assert publication_date([]) is None


def _src(n: int, kind: str, parties: tuple[str, ...], day: str | None, doc: int,
         nations: tuple[str, ...] = (), place: str | None = None, as_of: str | None = None) -> Source:
    return Source(n, n, doc, kind, parties, day, place, as_of, frozenset(nations or parties))


AGREEMENT = Policy(near_days=31, undated_joins_only_fit=True)


def test_precision_compatible_dates_from_three_languages_are_one_agreement() -> None:
    sources = [_src(1, "moc", ("JPN", "VNM"), "2021", 1), _src(2, "moc", ("JPN", "VNM"), "2021-10", 2),
               _src(3, "moc", ("JPN", "VNM"), "2021-10-14", 3), _src(4, "moc", ("JPN", "VNM"), None, 4)]
    [one] = cluster(sources, AGREEMENT)
    assert best_date(one) == "2021-10-14" and len(one.sources) == 4 and not date_conflict(one)


def test_ministries_and_their_countries_name_the_same_agreement() -> None:
    ja = _src(1, "moc", ("MAE_VN", "MOEJ"), "2026-01-22", 1, nations=("VNM", "JPN"))
    en = _src(2, "moc", ("JPN", "VNM"), "2026-01-22", 2)
    vi = _src(3, "moc", ("MAE_VN", "MOEJ"), "2026-01-23", 3, nations=("VNM", "JPN"))
    [one] = cluster([ja, en, vi], AGREEMENT)
    assert best_date(one) == "2026-01-22"
    assert {s.date for s in date_conflict(one)} == {"2026-01-22", "2026-01-23"}


def test_distinct_agreements_and_other_partners_stay_apart() -> None:
    sources = [_src(1, "moc", ("MOEJ", "MONRE"), "2013-12", 1, nations=("JPN", "VNM")),
               _src(2, "moc", ("MOEJ", "MONRE"), "2024", 1, nations=("JPN", "VNM")),
               _src(3, "moc", ("JPN", "THA"), "2024", 2)]
    assert len(cluster(sources, AGREEMENT)) == 3


def test_a_bilateral_document_is_one_per_pair_whatever_the_dates() -> None:
    once = Policy(near_days=None, undated_joins_only_fit=True)
    sources = [_src(1, "bilateral_document", ("JPN", "VNM"), "2013-07", 1, as_of="2025-11-10"),
               _src(2, "bilateral_document", ("JPN", "VNM"), "2013-07", 2, as_of="2025-10-20"),
               _src(3, "bilateral_document", ("JPN", "VNM"), "2013-08", 3, as_of="2025-07-15")]
    [one] = cluster(sources, once)
    assert best_date(one) == "2013-07" and {s.fact_id for s in date_conflict(one)} == {1, 2, 3}


def test_coarser_dates_back_the_precise_date_they_contain() -> None:
    once = Policy(near_days=None, undated_joins_only_fit=True)
    pair = ("IDN", "JPN")
    sources = [_src(1, "bilateral_document", pair, "2013-08-26", 1, as_of="2025-10-06"),
               _src(2, "bilateral_document", pair, "2013-08", 2, as_of="2025-07-15"),
               _src(3, "bilateral_document", pair, "2013", 3),
               _src(4, "bilateral_document", pair, "2025-10", 4, as_of="2025-11-01")]
    [one] = cluster(sources, once)
    assert best_date(one) == "2013-08-26"  # three documents against the latest one's lone date
    alone = [sources[0], sources[3]]
    assert best_date(cluster(alone, once)[0]) == "2025-10"  # one against one: the later as-of wins


def test_unnumbered_events_in_other_places_stay_apart() -> None:
    policy = Policy(near_days=2, undated_joins_only_fit=False, places_must_agree=True)
    sources = [_src(1, "seminar", (), "2025-11-05", 1, place="Ho Chi Minh City"),
               _src(2, "seminar", (), "2025-11-06", 2),
               _src(3, "seminar", (), "2025-11-05", 3, place="Da Nang"),
               _src(4, "seminar", (), None, 4)]
    clusters = cluster(sources, policy)
    assert sorted(len(c.sources) for c in clusters) == [1, 1, 2]


def test_resolution_rebuilds_the_same_entities_on_every_run(db_url: str) -> None:
    build_store(db_url)
    db = db_url.removeprefix("sqlite:///")

    def snapshot() -> tuple:
        with sqlite3.connect(db) as con:
            return tuple(con.execute(f"select * from {t} order by 1").fetchall()
                         for t in ("agreements", "agreement_sources", "events", "conflicts"))

    before = snapshot()
    _, Session = store.open_store(db_url)
    with Session.begin() as session:
        assert resolve(session) == {"agreements": 5, "events": 1, "conflicts": 2}
    assert snapshot() == before
