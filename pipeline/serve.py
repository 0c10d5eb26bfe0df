"""`jcmkg serve`: the store in Datasette, read-only, with the metadata of pipeline/datasette.yaml.

The metadata gives every table, view and column a title or description, default facets (kept
only where the column exists, so a view added later gets its facets when it appears), the
label column of `entities` (so party and country codes show their names through foreign
keys), the full-text index of `blocks`, and canned queries for the analyst's questions. The
plugin in pipeline/datasette_plugin.py segments search queries.
"""

from __future__ import annotations

import asyncio
import copy
from functools import cache
from importlib import resources

import yaml
from sqlalchemy import Engine, inspect

from pipeline.reader import StoreError, immutable, open_reader, sqlite_path


@cache
def _spec() -> dict:
    with (resources.files("pipeline") / "datasette.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def store_columns(engine: Engine) -> dict[str, list[str]]:
    """Every table and view of the store with its columns (FTS5 shadow tables left out)."""
    insp = inspect(engine)
    names = [*insp.get_table_names(), *insp.get_view_names()]
    return {n: [c["name"] for c in insp.get_columns(n)] for n in names
            if not n.startswith("blocks_fts_")}


def metadata(database: str, columns: dict[str, list[str]]) -> dict:
    """Datasette metadata for the store named `database` whose tables have these columns."""
    spec = copy.deepcopy(_spec())
    shared = spec.pop("columns")
    tables = {}
    for name, cols in columns.items():
        table = spec["tables"].get(name, {})
        table["columns"] = {c: table.get("columns", {}).get(c) or shared.get(c) for c in cols}
        table["facets"] = [f for f in table.get("facets", []) if f in cols]
        tables[name] = table
    tables["blocks"].update(fts_table="blocks_fts", fts_pk="id")  # also for stores made before
    return {"title": spec["title"], "description": spec["description"],
            "databases": {database: {"tables": tables, "queries": spec["queries"]}}}


def serve(url: str, host: str, port: int) -> None:
    """Run Datasette on the SQLite store at `url` until interrupted."""
    import uvicorn
    from datasette.app import Datasette

    path = sqlite_path(url)
    if path is None:
        raise StoreError(f"--db {url}: jcmkg serve reads a SQLite store (Datasette reads SQLite files only)")
    engine, _ = open_reader(url)
    try:
        meta = metadata(path.stem, store_columns(engine))
    finally:
        engine.dispose()
    fixed = immutable(path)
    ds = Datasette([] if fixed else [str(path)], immutables=[str(path)] if fixed else [],
                   metadata=meta, settings={"default_page_size": 50, "sql_time_limit_ms": 5000})
    asyncio.run(ds.invoke_startup())
    print(f"jcmkg serve: {path} on http://{host}:{port}/{path.stem} (Ctrl-C stops)", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
