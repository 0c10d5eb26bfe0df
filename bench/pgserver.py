"""A throwaway PostgreSQL server for the tests and the benchmark: `initdb` + `pg_ctl` into a temporary
folder, listening on a free localhost port (and a unix socket inside that folder).

The server refuses to run as root, so when we are root the folder is given to the `postgres`
user and the binaries run under `runuser -u postgres --`. Databases sort text byte by byte
(collation C, as SQLite does) and know Unicode letter case (ctype C.UTF-8, for search).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

BIN_GLOB = "/usr/lib/postgresql/*/bin"
LOCALE = "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"


def bin_dir() -> Path:
    """The newest installed PostgreSQL's binaries; a clear error when there is none."""
    found = sorted(glob.glob(f"{BIN_GLOB}/initdb"))
    on_path = shutil.which("initdb")
    if found:
        return Path(found[-1]).parent
    if on_path:
        return Path(on_path).parent
    raise RuntimeError("PostgreSQL is not installed (no initdb): run scripts/system-deps.sh "
                       "(Debian package `postgresql`)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running throwaway server: `url(name)` for a fresh database on it."""

    def __init__(self, root: Path, port: int, user: str) -> None:
        self.root, self.port, self.user = root, port, user

    def create_database(self, name: str) -> str:
        """Create database `name` and return its SQLAlchemy URL."""
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING UTF8 {LOCALE}")
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{name}"

    def _dsn(self, db: str) -> str:
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={db}"


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def running_server(durable: bool = False) -> Iterator[Server]:
    """Start a server in a temporary folder; stop it and remove the folder at the end.

    Not `durable` (tests): no fsync at all. `durable` (benchmark): commits are written but not
    flushed one by one (synchronous_commit=off), like SQLite's WAL with synchronous=NORMAL."""
    bindir = bin_dir()
    root = Path(tempfile.mkdtemp(prefix="jcmkg-pg-"))
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER") or "postgres"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()
    try:
        subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", user,
                                        "-A", "trust", "-E", "UTF8", "--lc-collate=C", "--lc-ctype=C.UTF-8"]),
                       check=True, capture_output=True, text=True)
        sync = "-c synchronous_commit=off" if durable else "-c fsync=off"
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 {sync} -c max_connections=60"
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
                                        "-l", str(root / "server.log"), "-w", "start"]),
                       check=True, capture_output=True, text=True)
        try:
            yield Server(root, port, user)
        finally:
            subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                            "-w", "stop"]), capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr.strip()} {log.strip()}") from exc
    finally:
        shutil.rmtree(root, ignore_errors=True)
