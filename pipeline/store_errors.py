"""One-line explanations of what the disk or the store refused: disk full, read-only database
or folder, a database path through a file. The command line prints them instead of a
traceback and exits non-zero; every document stored before the error stays stored."""

from __future__ import annotations

import errno

from sqlalchemy.exc import DBAPIError

_SQLITE = (  # message of sqlite3 → what it means for the user
    ("database or disk is full", "the disk (or the database's size limit) is full"),
    ("readonly database", "the database is read-only (file, folder or file system)"),
    ("unable to open database file", "the database file cannot be opened or created "
     "(missing or read-only folder?)"),
    ("disk i/o error", "a disk I/O error (failing disk, or a file system that went away)"),
    ("file is not a database", "that file is not a SQLite database"),
    ("database disk image is malformed", "the database file is damaged"),
)
_OS = {
    errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied",
    errno.EPERM: "permission denied", errno.ENOTDIR: "a file is in the way of a folder",
    errno.EEXIST: "a file is in the way of a folder", errno.ENOENT: "no such file or folder",
}


def explain(exc: BaseException) -> str | None:
    """One line saying what went wrong with the store or the output files; None if `exc` is
    not such an error (a bug, which should keep its traceback)."""
    if isinstance(exc, DBAPIError):
        message = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        for needle, meaning in _SQLITE:
            if needle in message.lower():
                return f"{meaning} ({message})"
        return f"the database refused: {message}" if message else None
    if isinstance(exc, OSError) and exc.errno in _OS:
        where = f" {exc.filename}" if exc.filename else ""
        return f"cannot write{where}: {_OS[exc.errno]}"
    return None
