"""Full-text search over the stored blocks, by words rather than characters.

The FTS5 index holds each block's words as the segmenters cut them (fugashi for Japanese,
pyvi for Vietnamese, spaCy's rules for English), joined by spaces. A query is cut the same
way and searched as one FTS5 phrase: 政策対話 finds 政策 対話 in that order, and
"môi trường" finds the two syllables together, while 策 alone finds nothing.

Only the segmenter the query needs is loaded (no langid model): its language is read from
its letters (`script_lang`). Vietnamese needs none: pyvi only joins syllables into words and
parts punctuation from them, and FTS5's unicode61 tokenizer splits the stored words back
into syllables at the same spaces and punctuation, so the phrase of a raw Vietnamese query
is the phrase of its pyvi words. English needs spaCy only for an apostrophe or a digit (see
`_SPACY_SPLITS`); the one kind of word it still cuts differently is a fused form spaCy
splits (cannot → can not).

On PostgreSQL the same words are matched as a phrase of a 'simple' tsvector (pipeline/postgres.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from pipeline.langid import script_lang
from pipeline.postgres import TSVECTOR
from pipeline.words import ja_words

WINDOW = 40  # characters of context on each side of a hit
_WORD = re.compile(r"\w", re.UNICODE)
# Where spaCy's English rules cut inside what FTS5 sees as one word: clitics (don't → do n't)
# and units after numbers (5km → 5 km). English without an apostrophe or a digit is cut by
# FTS5 at the same places as by spaCy, so it needs no segmenter.
_SPACY_SPLITS = re.compile(r"['’\d]")


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str
    page: int | None
    block: int
    lang: str
    snippet: str


def query_words(query: str, lang: str | None = None) -> list[str]:
    """The words of `query` as the segmenter of `lang` (else of the language its letters say)
    cuts them, punctuation dropped."""
    lang = lang or script_lang(query) or "en"
    if lang == "ja":
        words = ja_words(query)
    elif lang == "vi" or not _SPACY_SPLITS.search(query):
        words = re.findall(r"\w+", query)
    else:
        from pipeline.segment import tokenize  # spaCy's English rules (clitics, units)

        words = [t.text for t in tokenize(query, "en")]
    return [w for w in words if _WORD.search(w)]


def match_query(query: str) -> str:
    """The FTS5 MATCH expression of `query`: its words as one phrase (matching nothing when it
    has none)."""
    return fts_phrase(query_words(query or ""))


_TERMS = re.compile(r'"[^"]*"?|[^\s"]+')


def terms_query(query: str) -> str:
    """The FTS5 MATCH expression of a search box: every space-separated term (or "quoted
    phrase") must occur, each cut like the text (二国間クレジット is the phrase 二 国 間 クレジット).
    Datasette's own escape_fts does the same without cutting."""
    phrases = [fts_phrase(words) for t in _TERMS.findall(query or "") if (words := query_words(t.strip('"')))]
    return " ".join(phrases) or fts_phrase([])


def hit_snippet(block_text: str, query: str, fallback: str) -> str:
    """The hit of `query` in a block's own text with context, marked [like this]; `fallback`
    (FTS5's snippet) when the words cannot be found verbatim."""
    return _snippet(block_text, query_words(query or ""), fallback)


def fts_phrase(words: list[str]) -> str:
    """An FTS5 phrase query of `words` (quotes doubled, so no word is read as syntax)."""
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def _snippet(block_text: str, words: list[str], fts_snippet: str) -> str:
    """The hit in the block's own text with WINDOW characters around it, marked [like this];
    FTS5's snippet of the word list when the words cannot be found verbatim (accents, case)."""
    pattern = r"\s*".join(re.escape(w) for w in words)
    m = re.search(pattern, block_text, re.IGNORECASE)
    if not m:
        return fts_snippet
    lo, hi = max(0, m.start() - WINDOW), min(len(block_text), m.end() + WINDOW)
    out = (block_text[lo : m.start()] + "[" + m.group() + "]" + block_text[m.end() : hi])
    out = " ".join(out.split())
    return ("…" if lo else "") + out + ("…" if hi < len(block_text) else "")


def search(session: Session, query: str, lang: str | None = None, limit: int = 20) -> list[Hit]:
    """Blocks whose words contain the words of `query` in order, best match first."""
    words = query_words(query, lang)
    if not words:
        return []
    rows = _hits(session, words, lang, limit)
    return [Hit(doc, page, idx, blang, _snippet(body, words, snip))
            for doc, page, idx, blang, body, snip in rows]


def _hits(session: Session, words: list[str], lang: str | None, limit: int) -> list[tuple]:
    """(doc, page, block idx, lang, text, the database's snippet) of the blocks holding `words`
    as a phrase, best first: the one dialect-specific query of search.

    SQLite: the FTS5 index, ranked by bm25. PostgreSQL: the GIN index over
    to_tsvector('simple', tokens), ranked by ts_rank_cd. Ties go by document and block, so
    both list the same blocks in a stable order."""
    if session.get_bind().dialect.name == "postgresql":
        return session.execute(
            text(
                "SELECT d.doc, b.page, b.idx, b.lang, b.text, "
                "ts_headline('simple', b.tokens, q, 'StartSel=[, StopSel=], MaxWords=12, MinWords=6') "
                "FROM blocks b JOIN documents d ON d.id = b.document_id, "
                "phraseto_tsquery('simple', :q) q "
                f"WHERE {TSVECTOR} @@ q AND (CAST(:lang AS text) IS NULL OR b.lang = :lang) "
                f"ORDER BY ts_rank_cd({TSVECTOR}, q) DESC, d.doc, b.idx LIMIT :limit"
            ),
            {"q": " ".join(words), "lang": lang, "limit": limit},
        ).all()
    return session.execute(
        text(
            "SELECT d.doc, b.page, b.idx, b.lang, b.text, "
            "snippet(blocks_fts, 0, '[', ']', '…', 12) "
            "FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid "
            "JOIN documents d ON d.id = b.document_id "
            "WHERE blocks_fts MATCH :q AND (:lang IS NULL OR b.lang = :lang) "
            "ORDER BY bm25(blocks_fts), d.doc, b.idx LIMIT :limit"
        ),
        {"q": fts_phrase(words), "lang": lang, "limit": limit},
    ).all()
