"""Finding the input files under the paths given, without ever stopping or hanging on one.

Only regular files are documents: FIFOs, sockets and devices are listed as refused (opening a
FIFO would block the run forever), and so are links that loop or lead outside the folder
given. Every refused file is reported with a one-line reason instead of raising, so one odd
entry never stops the run. Names are relative to the folder given, with "/" separators and
undecodable bytes escaped (`readfile.shown`).
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from pipeline.readfile import kind_of, shown

log = logging.getLogger(__name__)

SUFFIXES = {".txt", ".md", ".html", ".htm", ".xhtml", ".pdf", ".docx"}


def discover(paths: list[Path], refused: list[tuple[Path, str, str]] | None = None,
             ) -> Iterator[tuple[Path, str]]:
    """(file, document name) for every supported file under `paths`, recursively, sorted.

    Hidden files and a folder's README (its documentation, not a source) are skipped. Links
    outside the folder given, link loops and files that are not regular files are added to
    `refused` as (path, document name, reason) so the caller can record them (logged when
    `refused` is None). A dangling link is yielded: reading it fails with a clear reason."""
    def refuse(path: Path, doc: str, why: str) -> None:
        if refused is None:
            log.warning("skipping %s: %s", shown(str(path)), why)
        else:
            refused.append((path, doc, why))

    for given in paths:
        if not given.is_dir():
            if (why := _refusal(given, None)) is None:
                yield given, shown(given.name)
            else:
                refuse(given, shown(given.name), why)
            continue
        root = given.resolve()
        for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            folder, inside = Path(dirpath), os.path.relpath(dirpath, given)  # once per folder: paths are slow
            for name in sorted(filenames):
                stem, suffix = os.path.splitext(name)
                if name.startswith(".") or suffix.lower() not in SUFFIXES or stem.upper() == "README":
                    continue
                path = folder / name
                doc = shown(name if inside == "." else f"{inside}/{name}")
                if (why := _refusal(path, root)) is None:
                    yield path, doc
                else:
                    refuse(path, doc, why)


def _refusal(path: Path, root: Path | None) -> str | None:
    """Why `path` is not a document to read (None if it is one, or a dangling link)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None  # a dangling link or a file gone meanwhile: the read stage says so
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "link loop (a link that leads back to itself): not followed"
        return None  # permission and the like: the read stage says so
    if root is not None and os.path.islink(path):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: Python < 3.13 on a loop
            return "link loop (a link that leads back to itself): not followed"
        if not target.is_relative_to(root):
            return f"link to {shown(str(target))}, outside the ingested folder: not followed"
    if not stat.S_ISREG(mode):
        return f"{kind_of(mode)}, not a regular file: skipped"
    return None
