"""Search by words: the query is cut by the same segmenter as the stored text."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import cli
from pipeline.search import fts_phrase, match_query, query_words, search, terms_query
from pipeline.segment import tokenize
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


@pytest.mark.parametrize(("query", "loaded", "not_loaded"), [
    ("二国間クレジット", {"fugashi"}, {"spacy", "pyvi", "langid"}),
    ("tín chỉ chung", set(), {"fugashi", "spacy", "pyvi", "langid"}),
    ("joint committee", set(), {"fugashi", "spacy", "pyvi", "langid"}),
    ("5km of pipes aren't", {"spacy"}, {"fugashi", "pyvi", "langid"}),
])
def test_a_query_loads_only_the_segmenter_it_needs(query: str, loaded: set[str], not_loaded: set[str]) -> None:
    code = ("import sys; from pipeline.search import query_words; query_words(sys.argv[1]); "
            "print(' '.join(sorted(m for m in sys.modules if '.' not in m)))")
    done = subprocess.run([sys.executable, "-c", code, query], capture_output=True, text=True, check=True)
    modules = set(done.stdout.split())
    assert loaded <= modules and not (not_loaded & modules)


def fts_terms(words: list[str]) -> list[str]:
    """The terms FTS5's unicode61 tokenizer makes of `words` joined by spaces, in order."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61')")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    con.execute("INSERT INTO t VALUES (?)", (" ".join(words),))
    return [w for (w,) in con.execute("SELECT term FROM v ORDER BY offset")]


# Our own sentences. vi: punctuation, numbers, multi-syllable words; en: hyphens, abbreviations,
# possessives, clitics, units.
SENTENCES = [
    ("vi", "Cơ chế tín chỉ chung (JCM) giúp giảm phát thải khí nhà kính."),
    ("vi", "Ngày 22/1/2026, Bộ Nông nghiệp và Môi trường ký biên bản hợp tác tại Tokyo."),
    ("vi", "Dự án điện mặt trời áp mái đã được đăng ký, với tổng vốn 1,5 triệu USD."),
    ("en", "The Joint Committee's co-chairs met at 10 a.m. in the U.S. embassy."),
    ("en", "Japan and Kenya don't plan a 5km pipeline; they cannot agree on CO2 targets."),
    ("en", "Registered projects: solar rooftops, e-mobility and waste-to-energy."),
]


@pytest.mark.parametrize(("lang", "sentence"), SENTENCES)
def test_a_query_reaches_fts_as_the_same_terms_as_the_segmented_text(lang: str, sentence: str) -> None:
    """pyvi only joins syllables and parts punctuation, and spaCy's English rules cut inside a
    word only at clitics and units: FTS5's unicode61 makes the same terms of the raw query
    (why search loads neither pyvi nor, for most English, spaCy)."""
    stored = [t.text for t in tokenize(sentence, lang)]
    assert fts_terms(query_words(sentence)) == fts_terms(stored)


def test_search_box_terms_are_each_cut_like_the_text() -> None:
    assert terms_query("二国間クレジット") == '"二 国 間 クレジット"'
    assert terms_query('tín chỉ "joint committee"') == '"tín" "chỉ" "joint committee"'
    assert terms_query("") == '""' and match_query("。") == '""'  # match nothing rather than fail
