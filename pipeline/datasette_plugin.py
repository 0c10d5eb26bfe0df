"""The Datasette plugin of jcmkg (entry point `jcmkg` in pyproject.toml): SQL functions that cut
a search query like the stored text was cut, so unsegmented Japanese and Vietnamese find their
blocks in Datasette too.

- `jcmkg_match(q)`: the FTS5 phrase of q's words (the canned "search" query);
- `jcmkg_snippet(text, q, fallback)`: the hit in the block's own text, marked [like this];
- `escape_fts(q)`: replaces Datasette's own, which the table search box (`?_search=`) calls:
  each space-separated term is cut into words (二国間クレジット → 二 国 間 クレジット) instead
  of being searched as one token. It runs last (`trylast`) so that it wins over the built-in.

Segmenters load on the first query that needs them (pipeline/search.py).
"""

from __future__ import annotations

from datasette import hookimpl


@hookimpl(trylast=True)
def prepare_connection(conn) -> None:
    from pipeline.search import hit_snippet, match_query, terms_query

    conn.create_function("jcmkg_match", 1, match_query)
    conn.create_function("jcmkg_snippet", 3, hit_snippet)
    conn.create_function("escape_fts", 1, terms_query)
