"""The lock file of a SQLite store: one ingest writes it at a time, a second one waits."""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for other dialects and in-memory databases."""
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:"):
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


@contextmanager
def writer_lock(url: str) -> Iterator[None]:
    """Hold `<db>.lock` (an advisory flock) while writing a SQLite store.

    A second ingest on the same file says so and waits for the first to finish, instead of
    doing the same work twice or meeting it half-way. The lock dies with its process, so a
    killed run never leaves the store locked; the file only holds the owner's pid."""
    path = sqlite_file(url)
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "a+", encoding="utf-8") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            owner = f.read().strip() or "?"
            log.warning("another jcmkg ingest (pid %s) is writing to %s; waiting for it to finish",
                        owner, path)
            fcntl.flock(f, fcntl.LOCK_EX)
            log.warning("the other ingest finished; going on")
        f.seek(0)
        f.truncate()
        f.write(f"{os.getpid()}\n")
        f.flush()
        yield
