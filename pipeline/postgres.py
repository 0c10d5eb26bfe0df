"""What a PostgreSQL store needs beyond the portable schema: the full-text index over block
words, the SQLite functions the views use, lock keys and row ids drawn from sequences, and
what keeps a document's write at two round trips (`read_together`, then `pipeline` with one
`insert_rows` per table).

Views are written once, in the SQL both databases understand; `group_concat` (SQLite's, also
MySQL's) is the one aggregate PostgreSQL lacks, so it is defined here with SQLite's meaning:
values joined by ',' or by the separator given, NULLs skipped, in input order.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from sqlalchemy import JSON, Compiled, Executable, Float, Table, TextClause, text
from sqlalchemy.dialects.postgresql import psycopg as _psycopg
from sqlalchemy.orm import Session

# Search: the segmented words of a block (`blocks.tokens`, words joined by spaces) as a
# tsvector of the 'simple' configuration (lower-cased, no stemming, no stop words), so a
# query segmented the same way matches word for word in any of the three languages.
TSVECTOR = "to_tsvector('simple', tokens)"
_DIALECT = _psycopg.dialect()  # compiles the statements of `read_together`

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


@functools.cache
def lock_statement(shared: bool = False, also: int = 0) -> TextClause:
    """A SELECT taking one lock (shared or exclusive), then `also` more (exclusive), in order,
    each held until the end of the transaction; their keys are bound by `lock_keys`."""
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    calls = [f"{function}(:k0)", *(f"pg_advisory_xact_lock(:k{i})" for i in range(1, also + 1))]
    return text("SELECT " + ", ".join(calls))


def lock_keys(*names: str) -> dict[str, int]:
    return {f"k{i}": lock_key(n) for i, n in enumerate(names)}


# `counts[table]` fresh ids from the sequence of each table's id (rows: table, id), bound by
# `next_ids_params`. Concurrent writers draw from the same sequences, so they never meet on a
# primary key.
NEXT_IDS = text("WITH c AS MATERIALIZED (SELECT t, n, CAST(pg_get_serial_sequence(t, 'id') AS regclass) AS s "
                "FROM unnest(CAST(:tables AS text[]), CAST(:counts AS integer[])) AS u(t, n)) "
                "SELECT c.t, nextval(c.s) FROM c, generate_series(1, c.n)")  # each sequence looked up once


def next_ids_params(counts: dict[str, int]) -> dict[str, list]:
    wanted = {t: n for t, n in counts.items() if n}
    return {"tables": list(wanted), "counts": list(wanted.values())}


def drawn_ids(rows: list[tuple[str, int]]) -> dict[str, list[int]]:
    """The rows of NEXT_IDS: each table's ids, increasing."""
    out: dict[str, list[int]] = {}
    for table, row_id in rows:
        out.setdefault(table, []).append(row_id)
    return {t: sorted(ids) for t, ids in out.items()}


def read_together(session: Session, statements: list[tuple[Executable, dict]]) -> list[list[tuple]]:
    """The rows of each (statement, parameters), all sent in one round trip (psycopg's pipeline
    mode). The server runs them one after another in the session's transaction, each with the
    effects of those before it (a lock taken before a read), as separate `execute` calls would;
    the client waits for the network once instead of once per statement. Statements are
    compiled once each, so pass the same statement objects (module constants) every time."""
    driver = _driver(session)
    with driver.pipeline():
        cursors = [driver.execute(str(c := _compiled(s)), c.construct_params(params)) for s, params in statements]
        return [cursor.fetchall() for cursor in cursors]


def _driver(session: Session):
    """The psycopg connection under the session's transaction."""
    return session.connection().connection.driver_connection


@functools.cache
def _compiled(statement: Executable) -> Compiled:
    return statement.compile(dialect=_DIALECT)


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table` as one statement: each column sent
    as one array and turned back into rows by unnest(), so the server plans and runs one INSERT
    for all of them instead of one per row (psycopg's executemany), the cost that made a
    document's write on PostgreSQL twice SQLite's."""
    columns = tuple(rows[0])
    sql, converters = _unnest_insert(table, columns)
    values = [[row[c] for row in rows] for c in columns]
    for i, convert in converters.items():
        values[i] = [None if v is None else convert(v) for v in values[i]]
    _driver(session).execute(sql, values)


@functools.cache
def _unnest_insert(table: Table, columns: tuple[str, ...]) -> tuple[str, dict[int, Callable]]:
    """The statement of `insert_rows` for these columns, and how to convert the values of those
    whose array needs one element type (a float column given an int) or is sent as text (JSON)."""
    if defaulted := [c.name for c in table.c if c.default is not None and c.name not in columns]:
        raise ValueError(f"insert_rows does not apply Python-side defaults: give {table.name}.{defaulted}")
    quote = _DIALECT.identifier_preparer.quote
    types = [table.c[c].type for c in columns]
    arrays = ", ".join(f"CAST(%b AS {t.compile(_DIALECT)}[])" for t in types)  # %b: binary, no escaping
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"SELECT * FROM unnest({arrays})")
    converters = {i: json.dumps if isinstance(t, JSON) else float
                  for i, t in enumerate(types) if isinstance(t, (JSON, Float))}
    return sql, converters


def pipeline(session: Session) -> AbstractContextManager:
    """On PostgreSQL, psycopg's pipeline mode until the block ends: the statements inside are
    sent without waiting for each one's answer (one round trip for all of them, errors raised
    at the end of the block). Only for statements whose results nobody reads (a DELETE, INSERTs with
    their ids given); elsewhere nothing changes."""
    if session.get_bind().dialect.name != "postgresql":
        return nullcontext()
    return _driver(session).pipeline()
