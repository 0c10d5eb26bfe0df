"""Read-only access to an existing store, for the commands that only read it (stats, search,
export, plot, serve).

`open_reader(url)` never creates or changes anything: a SQLite file is opened with
`mode=ro` (or `immutable=1` when the file or its folder cannot be written, e.g. a read-only
mount, and no write-ahead log is pending), and a store that is missing, empty or not a database, a URL that does not parse and a
driver that is not installed each raise `StoreError` with one line saying what to do.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///data/jcmkg.sqlite"
DRIVERS = "sqlite:///path/to/jcmkg.sqlite or postgresql+psycopg://user@host/dbname"


class StoreError(Exception):
    """A store that cannot be read; the message is one line naming the fix."""


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL of `url`, or StoreError when it is not one."""
    try:
        return make_url(url)
    except ArgumentError:
        raise StoreError(f"--db {url!r} is not a database URL; use {DRIVERS}") from None


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases); StoreError for an in-memory one."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:" or parsed.database.startswith("file::memory:"):
        raise StoreError(f"--db {url} is an in-memory database: there is nothing to read; use {DRIVERS}")
    return Path(parsed.database)


def immutable(path: Path) -> bool:
    """Whether to open `path` as immutable: when SQLite may not write beside it (a read-only
    file, folder or mount), so cannot make the -shm file a WAL reader needs, and there is no
    -wal file whose changes immutable reading would miss (with -wal and -shm there, a
    read-only reader reads both)."""
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    sidecars = all(Path(f"{path}{s}").exists() for s in ("-wal", "-shm"))
    return not writable and not sidecars


def _engine(url: str) -> tuple[Engine, str]:
    """An engine that only reads, and how to name the store in a message."""
    path = sqlite_path(url)
    if path is not None:
        if not path.is_file():
            raise StoreError(f"no store at {path}: run `jcmkg ingest FOLDER --db {url}` first, "
                             "or give the store's URL with --db")
        mode = "immutable=1" if immutable(path) else "mode=ro"
        return create_engine(f"sqlite:///file:{quote(str(path.resolve()))}?{mode}&uri=true"), str(path)
    parsed = parse_url(url)
    shown = parsed.render_as_string(hide_password=True)
    try:
        return create_engine(url), shown
    except NoSuchModuleError:
        raise StoreError(f"--db {shown}: SQLAlchemy knows no database {parsed.get_backend_name()!r}; "
                         f"use {DRIVERS}") from None
    except ModuleNotFoundError as e:
        raise StoreError(f"--db {shown}: its driver ({e.name}) is not installed; install it, "
                         f"or use {DRIVERS} (psycopg 3 is installed)") from None


def check_url(url: str) -> None:
    """StoreError unless `url` parses and its driver is installed (nothing is opened)."""
    if sqlite_path(url) is None:
        _engine(url)[0].dispose()


def open_reader(url: str) -> tuple[Engine, sessionmaker[Session]]:
    """Engine and session factory that read the jcmkg store at `url`, which must exist."""
    engine, where = _engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("documents"):
                raise StoreError(f"{where} is not a jcmkg store (it has no documents table): "
                                 "run `jcmkg ingest FOLDER --db URL` to make one")
    except DBAPIError as e:
        engine.dispose()
        reason = str(e.orig).splitlines()[0] if e.orig is not None else type(e).__name__
        raise StoreError(f"cannot read {where}: {reason}") from None
    except StoreError:
        engine.dispose()
        raise
    return engine, sessionmaker(engine, expire_on_commit=False)
