"""`jcmkg serve`: the store in Datasette, driven by a real headless browser (Debian chromium via
Playwright), and the metadata that describes every table, view and column."""

from __future__ import annotations

import json
import shutil
import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import cli
from pipeline.serve import metadata, store_columns
from scripts.screenshot import CHROMIUM, chromium, serving
from tests.synthetic_store import build_store

# Our own sentences: one document per language, each with the words the analyst will type.
DOCS = {
    "ja/seido.txt": "二国間クレジット制度は、日本と相手国が排出削減を進める仕組みである。"
                    "日本とカンボジアは2014年4月11日に二国間文書に署名した。\n",
    "vi/co_che.txt": "Cơ chế tín chỉ chung giúp hai nước cùng giảm phát thải.\n"
                     "Nhật Bản và Campuchia ký văn bản hợp tác song phương ngày 11/4/2014.\n",
    "en/meeting.txt": "The third Joint Committee of Japan and Kenya met in Nairobi on 5 March 2025.\n"
                      "Japan and Kenya signed the bilateral document on 12 June 2013.\n",
}
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("corpus")
    for name, text in DOCS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'analyst.sqlite'}"
    result = CliRunner().invoke(cli, ["ingest", str(root), "--db", url, "-q"])
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture(scope="module")
def served(corpus_store: str):
    """The base URL of `jcmkg serve` on the corpus store (database name: analyst)."""
    with serving(corpus_store) as base:
        yield base


def test_every_table_view_and_canned_query_page_answers(served: str, corpus_store: str) -> None:
    engine, _ = store.open_store(corpus_store)
    meta = metadata("analyst", store_columns(engine))["databases"]["analyst"]
    pages = [f"/analyst/{t}.json?_facet_size=3" for t in meta["tables"]]
    params = urllib.parse.urlencode({"q": "tín chỉ", "country": "KHM", "party": "KHM", "doc": "ja/seido.txt"})
    pages += [f"/analyst/{q}.json?{params}" for q in meta["queries"]]
    for page in pages:
        with urllib.request.urlopen(served + page, timeout=60) as response:
            body = json.load(response)
        assert response.status == 200 and body.get("ok", True), page
    with urllib.request.urlopen(f"{served}/analyst/meetings_with.json?party=KEN&_shape=array", timeout=60) as r:
        assert "joint_committee" in [row["kind"] for row in json.load(r)]


def test_every_table_view_and_column_is_described(db_url: str) -> None:
    build_store(db_url)
    engine, _ = store.open_store(db_url)
    columns = store_columns(engine)
    meta = metadata("store", columns)["databases"]["store"]
    assert {"documents", "blocks", "entities", "v_partner_countries", "v_events"} <= set(columns)
    for name, cols in columns.items():
        table = meta["tables"][name]
        assert table.get("description"), name
        assert all(table["columns"][c] for c in cols), (name, [c for c in cols if not table["columns"][c]])
        assert set(table["facets"]) <= set(cols)
    assert meta["tables"]["v_events"]["facets"] == ["kind", "year"]
    assert meta["tables"]["entities"]["label_column"] == "name_en"
    assert {"search", "partners", "projects_per_partner", "meetings_with", "conflicts",
            "document_facts"} <= set(meta["queries"])


def test_canned_queries_run_on_a_store(db_url: str) -> None:
    """Every canned query is valid SQL over the store (the search functions come from the plugin)."""
    from pipeline.datasette_plugin import prepare_connection

    build_store(db_url)
    engine, _ = store.open_store(db_url)
    queries = metadata("store", store_columns(engine))["databases"]["store"]["queries"]
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    prepare_connection(con)
    params = {"q": "二国間文書", "country": "VNM", "party": "vnm", "doc": "ja/press.txt"}
    rows = {name: con.execute(q["sql"], params).fetchall() for name, q in queries.items()}
    assert [r[0] for r in rows["search"]] == ["ja/press.txt"] and "[二国間文書]" in rows["search"][0][4]
    assert ("VNM", "Viet Nam", "ベトナム", "Việt Nam", "2013-07", 3) in rows["partners"]
    assert [r[1] for r in rows["meetings_with"]] == ["policy_dialogue"]
    assert {r[0] for r in rows["document_facts"]} >= {"agreements", "countries", "dates"}
    con.close()


def test_serve_refuses_a_missing_store_without_creating_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.sqlite"
    result = CliRunner().invoke(cli, ["serve", "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "no store at" in result.output
    assert not missing.exists()


@pytest.mark.skipif(not Path(CHROMIUM).exists() or not shutil.which("chromium"),
                    reason="Debian chromium is not installed (scripts/system-deps.sh installs it)")
def test_analyst_searches_in_three_languages_and_sees_country_names(served: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    base = served
    with sync_playwright() as p:
        browser = chromium(p)
        page = browser.new_page()
        for query, doc in (("二国間クレジット", "ja/seido.txt"), ("tín chỉ", "vi/co_che.txt"),
                           ("joint committee", "en/meeting.txt")):
            page.goto(f"{base}/analyst/search")
            page.fill("input[name=q]", query)
            page.locator("form input[type=submit]").first.click()
            page.wait_for_load_state()
            rows = page.locator("table.rows-and-columns tbody tr").all_inner_texts()
            assert rows and all(doc in r for r in rows), (query, rows)

        page.goto(f"{base}/analyst/blocks")  # the table's own search box
        page.fill("input[name=_search]", "二国間クレジット")
        page.locator("form input[type=submit]").first.click()
        page.wait_for_load_state()
        assert "二国間クレジット制度" in page.inner_text("table.rows-and-columns")
        assert "ja/seido.txt" in page.inner_text("table.rows-and-columns")  # document label through its key

        page.goto(f"{base}/analyst/v_partner_countries")
        table = page.inner_text("table.rows-and-columns")
        for name in ("Cambodia", "カンボジア", "Campuchia", "Kenya", "ケニア"):
            assert name in table, name
        shot = tmp_path / "partners.png"
        page.locator("table.rows-and-columns").screenshot(path=str(shot))
        browser.close()
    assert shot.read_bytes().startswith(PNG) and shot.stat().st_size > 5_000
