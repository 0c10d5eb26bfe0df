"""Additive schema upgrades: a store made by an older jcmkg gets the nullable columns added since.

`create_all` makes missing tables but never touches an existing one, so a column added to a
model (e.g. `fact_counts.measure`) would be missing from an old store and every query naming it
would fail. New columns are nullable, so adding them keeps every stored row valid; the next
ingest fills them (a changed pipeline version re-extracts every document).
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

from schemas.db import Base


def add_missing_columns(conn: Connection) -> list[str]:
    """Add to existing tables the nullable columns the models have and the store lacks, inside
    the caller's transaction (which holds the schema lock); returns them as 'table.column'."""
    have = inspect(conn)
    added = []
    for table in Base.metadata.sorted_tables:
        if not have.has_table(table.name):
            continue
        stored = {c["name"] for c in have.get_columns(table.name)}
        for column in table.columns:
            if column.name in stored or not column.nullable:
                continue
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))
            added.append(f"{table.name}.{column.name}")
    return added
