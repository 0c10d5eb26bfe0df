"""`documents.published` is the date a document states as its own (a label, a dateline, a meta
tag, a PDF's metadata) with `published_from` saying which; when nothing states one it is null,
never the first date the text happens to name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from pipeline.load import load
from tests.test_load import canvas

# Written by reading the head of each seed and dev page: the date it gives itself, and how.
EXPECTED = {
    "seeds/000_ff4e351e0f353a45.txt": (None, None),  # a speech: years in the text, no date of its own
    "seeds/001_87f84146ae41c30c.txt": (None, None),  # a joint plan: dates of other documents only
    "seeds/002_cc208e7fd80133a3.txt": (None, None),  # a programme page: "…時点" is the table's date
    "seeds/003_8985a77eb798b76a.txt": (None, None),  # a page of past meetings, undated itself
    "seeds/004_4f9ca7c49c47b972.txt": ("2025-06-30", "dateline"),  # press release date under its label line
    "dev/d01_ja.txt": ("2023-07-05", "dateline"),
    "dev/d02_ja.txt": ("2018-03-19", "dateline"),
    "dev/d03_ja.txt": (None, None),
    "dev/d04_ja.txt": ("2022-11-29", "label"),  # 【掲載日】
    "dev/d05_ja.txt": ("2024-12-27", "dateline"),
    "dev/d06_ja.txt": (None, None),  # "本日公布" names no date
    "dev/d07_ja.txt": (None, None),  # a yearless day only
    "dev/d08_vi.txt": (None, None),
    "dev/d09_vi.txt": ("2024-10-04", "dateline"),  # a date glued to its source tag under the title
    "dev/d10_vi.txt": (None, None),
    "dev/d11_vi.txt": ("2015-04-06", "dateline"),  # the circular's own place-and-date line
    "dev/d12_vi.txt": ("2018-08-17", "dateline"),  # byline, time, date
    "dev/d13_vi.txt": (None, None),
    "dev/d14_vi.txt": ("2014-09-25", "label"),  # Đăng ngày
    "dev/d15_en.txt": (None, None),
    "dev/d16_en.txt": (None, None),
    "dev/d17_en.txt": (None, None),  # a table of decisions, each with its own date
    "dev/d18_en.txt": ("2016-01-25", "dateline"),
    "dev/d19_en.txt": (None, None),
    "dev/d20_en.txt": (None, None),
}


def test_seed_and_dev_pages_are_dated_only_by_what_states_it(shared: Path, db_url: str) -> None:
    ingest([shared / "corpus" / "seeds", shared / "corpus" / "dev"], db_url, progress=False)
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as con:
        rows = {doc: (published, source) for doc, published, source in con.execute(
            "select doc, published, published_from from documents")}
    assert {k: rows.get(Path(k).name) for k in EXPECTED} == EXPECTED


def test_a_meta_tag_dates_a_page_whose_text_does_not(tmp_path: Path, db_url: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta property="article:published_time" content="2025-06-03T09:00:00+09:00">'
        "<title>JCM seminar</title></head><body><p>Japan and Mongolia held a JCM seminar "
        "in Ulaanbaatar to review 5 registered projects.</p></body></html>", encoding="utf-8")
    labelled = tmp_path / "labelled.html"
    labelled.write_text(
        '<html><head><meta name="date" content="2025-06-01"></head><body>'
        "<p>Published: 4 June 2025</p><p>Japan and Kenya met in Nairobi.</p></body></html>",
        encoding="utf-8")
    assert load(page).published == "2025-06-03"
    ingest([tmp_path], db_url, progress=False)
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as con:
        rows = dict((d, (p, s)) for d, p, s in con.execute("select doc, published, published_from from documents"))
    assert rows == {"page.html": ("2025-06-03", "meta"), "labelled.html": ("2025-06-04", "label")}


@pytest.mark.parametrize(("invariant", "creator", "dated"), [
    (0, "Writer", True), (1, "Writer", False),  # a fixed stamp (reportlab's invariant mode) dates nothing
    (0, "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0", False),  # a browser's print time neither
])
def test_a_pdf_creation_date_dates_it_unless_it_is_a_fixed_stamp_or_a_print(tmp_path: Path, invariant: int,
                                                                            creator: str, dated: bool) -> None:
    from datetime import date

    c, top = canvas(tmp_path / "note.pdf", invariant=invariant)
    c.setCreator(creator)
    c.drawString(72, top - 60, "Notes of the JCM working group on registered projects.")
    c.save()
    published = load(tmp_path / "note.pdf").published
    assert published == (date.today().isoformat() if dated else "")
