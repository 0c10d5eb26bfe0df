"""Search by words: the query is cut by the same segmenter as the stored text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import cli
from pipeline.search import fts_phrase, query_words, search
from tests.synthetic_store import build_store


@pytest.fixture
def session(db_url: str):
    build_store(db_url)
    _, Session = store.open_store(db_url)
    with Session() as s:
        yield s


def test_japanese_query_matches_words_not_characters(session) -> None:
    assert query_words("政策対話") == ["政策", "対話"]
    [hit] = search(session, "政策対話")
    assert (hit.doc, hit.block, hit.lang) == ("ja/press.txt", 3, "ja")
    assert "[政策対話]" in hit.snippet
    assert search(session, "策") == []  # a character inside a word is not a word


def test_vietnamese_query_matches_its_syllable_words_in_order(session) -> None:
    [hit] = search(session, "chính sách môi trường")
    assert hit.doc == "vi/tin.txt" and "[chính sách môi trường]" in hit.snippet
    assert search(session, "trường môi") == []


def test_language_filter_and_limit(session) -> None:
    assert {h.doc for h in search(session, "Viet Nam")} == {"en/table.txt", "en/news.txt"}
    assert search(session, "Viet Nam", lang="ja") == []
    assert len(search(session, "Viet Nam", limit=1)) == 1


def test_quotes_in_a_query_are_words_not_syntax() -> None:
    assert fts_phrase(['say"', "x"]) == '"say"" x"'


def test_cli_prints_document_and_snippet(db_url: str) -> None:
    build_store(db_url)
    out = CliRunner().invoke(cli, ["search", "二国間文書", "--db", db_url])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("ja/press.txt #1 [ja]") and "[二国間文書]" in out.output
