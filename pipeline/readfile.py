"""Opening input files safely: regular files only, never blocking, names shown escaped.

A FIFO named `x.txt` blocks `open()` until a writer comes, and a device can be read forever;
so a file is opened without blocking and checked with `fstat` on the open descriptor (no race
between the check and the read) before a byte is read. File names that are not valid UTF-8
reach Python as surrogate escapes, which the store and the terminal cannot encode: `shown()`
gives the name with those bytes written as `\\xNN`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


class NotRegular(OSError):
    """The path is a FIFO, socket, device or folder, not a file to read."""


def shown(name: str) -> str:
    """`name` with undecodable bytes (surrogate escapes) written as \\xNN; valid names unchanged."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "not a regular file"


def open_regular(path: Path) -> BinaryIO:
    """Open `path` for reading if it is a regular file (after links); raise NotRegular otherwise.

    O_NONBLOCK makes opening a FIFO return at once; it is cleared again for the read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(f"{kind_of(mode)}, not a regular file: skipped")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def fingerprint(path: Path) -> tuple[str, int]:
    """sha256 and size of a regular file, read in chunks (memory stays bounded)."""
    h, size = hashlib.sha256(), 0
    with open_regular(path) as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def reason(exc: BaseException) -> str:
    """A one-line reason for a file that could not be opened or read."""
    if isinstance(exc, NotRegular):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read the file: {exc.strerror}"
    return f"cannot read the file: {exc}"
