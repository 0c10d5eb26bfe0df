"""What a PostgreSQL store needs beyond the portable schema: the full-text index over block
words, the SQLite functions the views use, lock keys and row ids drawn from sequences.

Views are written once, in the SQL both databases understand; `group_concat` (SQLite's, also
MySQL's) is the one aggregate PostgreSQL lacks, so it is defined here with SQLite's meaning:
values joined by ',' or by the separator given, NULLs skipped, in input order.
"""

from __future__ import annotations

import hashlib
from contextlib import AbstractContextManager, nullcontext

from sqlalchemy import text
from sqlalchemy.orm import Session

# Search: the segmented words of a block (`blocks.tokens`, words joined by spaces) as a
# tsvector of the 'simple' configuration (lower-cased, no stemming, no stop words), so a
# query segmented the same way matches word for word in any of the three languages.
TSVECTOR = "to_tsvector('simple', tokens)"

SCHEMA = [
    f"CREATE INDEX IF NOT EXISTS ix_blocks_tokens_fts ON blocks USING gin ({TSVECTOR})",
    """CREATE OR REPLACE FUNCTION jcmkg_concat(acc text, value text, sep text) RETURNS text
       LANGUAGE sql IMMUTABLE AS
       $$ SELECT CASE WHEN value IS NULL THEN acc WHEN acc IS NULL THEN value
                      ELSE acc || sep || value END $$""",
    """CREATE OR REPLACE FUNCTION jcmkg_concat(acc text, value text) RETURNS text
       LANGUAGE sql IMMUTABLE AS $$ SELECT jcmkg_concat(acc, value, ',') $$""",
    "CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = jcmkg_concat, STYPE = text)",
    "CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = jcmkg_concat, STYPE = text)",
]


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_xact_lock (the same in every process)."""
    return int.from_bytes(hashlib.sha256(f"jcmkg:{name}".encode()).digest()[:8], "big", signed=True)


def next_ids(session: Session, counts: dict[str, int]) -> dict[str, list[int]]:
    """`counts[table]` fresh ids from the sequence of each table's id, increasing, in one query.

    Concurrent writers draw from the same sequences, so they never meet on a primary key."""
    wanted = {t: n for t, n in counts.items() if n}
    if not wanted:
        return {}
    params = {f"t{i}": t for i, t in enumerate(wanted)} | {f"n{i}": n for i, n in enumerate(wanted.values())}
    values = ", ".join(f"(CAST(:t{i} AS text), CAST(:n{i} AS integer))" for i in range(len(wanted)))
    rows = session.execute(text(
        f"SELECT c.t, nextval(pg_get_serial_sequence(c.t, 'id')) FROM (VALUES {values}) AS c(t, n), "
        "generate_series(1, c.n)"), params).all()
    out: dict[str, list[int]] = {t: [] for t in wanted}
    for table, row_id in rows:
        out[table].append(row_id)
    return {t: sorted(ids) for t, ids in out.items()}


def pipeline(session: Session) -> AbstractContextManager:
    """On PostgreSQL, psycopg's pipeline mode until the block ends: the statements inside are
    sent without waiting for each one's answer (one round trip for all of them, errors raised
    at the end of the block). Only for statements whose results nobody reads (a DELETE, INSERTs with
    their ids given); elsewhere nothing changes."""
    if session.get_bind().dialect.name != "postgresql":
        return nullcontext()
    return session.connection().connection.driver_connection.pipeline()
