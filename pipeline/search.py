"""Full-text search over the stored blocks, by words rather than characters.

The FTS5 index holds each block's words as the segmenters cut them (fugashi for Japanese,
pyvi for Vietnamese), joined by spaces. A query is cut by the same segmenter, for the language
`block_lang` sees in it, and searched as one FTS5 phrase: 政策対話 finds 政策 対話 in that
order, and "môi trường" finds the two syllables together, while 策 alone finds nothing.
On PostgreSQL the same words are matched as a phrase of a 'simple' tsvector (pipeline/postgres.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from pipeline.langid import block_lang
from pipeline.postgres import TSVECTOR
from pipeline.segment import tokenize

WINDOW = 40  # characters of context on each side of a hit
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str
    page: int | None
    block: int
    lang: str
    snippet: str


def query_words(query: str) -> list[str]:
    """The words of `query` as the segmenter of its language cuts them (punctuation dropped)."""
    return [t.text for t in tokenize(query, block_lang(query)) if _WORD.search(t.text)]


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


def _hits(session: Session, words: list[str], lang: str | None, limit: int) -> list[tuple]:
    """(doc, page, block idx, lang, block text, the database's snippet) of the best blocks.

    SQLite: the FTS5 index, ranked by bm25. PostgreSQL: the GIN index over
    to_tsvector('simple', tokens), the words as one phrase, ranked by ts_rank_cd. Ties go by
    document and block, so both list the same blocks in a stable order."""
    if session.get_bind().dialect.name == "postgresql":
        return session.execute(
            text(
                "SELECT d.doc, b.page, b.idx, b.lang, b.text, "
                "ts_headline('simple', b.tokens, q, 'StartSel=[, StopSel=], MaxWords=12, MinWords=6') "
                f"FROM blocks b JOIN documents d ON d.id = b.document_id, "
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


def search(session: Session, query: str, lang: str | None = None, limit: int = 20) -> list[Hit]:
    """Blocks whose words contain the words of `query` in order, best match first."""
    words = query_words(query)
    if not words:
        return []
    return [Hit(doc, page, idx, blang, _snippet(body, words, snip))
            for doc, page, idx, blang, body, snip in _hits(session, words, lang, limit)]
