"""The commands that only read the store (stats, search, export, plot, serve): they never create
or change a store, refuse a missing, empty or mistyped one with one line and exit 1, read a
read-only file or mount, and say in one line what to do about a bad URL or a missing driver."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.synthetic_store import build_store


def _commands(out: Path) -> list[list[str]]:
    return [["stats"], ["search", "政策対話"], ["export", "facts", "-o", str(out / "f.jsonl")],
            ["export", "graphml", "-o", str(out / "g.graphml")], ["plot", "graph", "-o", str(out / "g.png")],
            ["serve", "--port", "0"]]


def _ids(commands: list[list[str]]) -> list[str]:
    return [" ".join(c[:2]) for c in commands]


COMMANDS = _commands(Path("OUT"))


def _run(args: list[str], db: str, out: Path) -> tuple[int, str]:
    args = [str(out / Path(a).name) if a.startswith("OUT") else a for a in args]
    result = CliRunner().invoke(cli, [*args, "--db", db])
    return result.exit_code, result.output


@pytest.mark.parametrize("args", COMMANDS, ids=_ids(COMMANDS))
def test_a_missing_store_is_refused_and_not_created(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "data" / "jcmkg.sqlite"
    code, output = _run(args, f"sqlite:///{db}", tmp_path)
    assert code == 1 and output.count("\n") == 1
    assert output.startswith(f"Error: no store at {db}: run `jcmkg ingest FOLDER")
    assert not db.parent.exists() and not list(tmp_path.glob("[fg].*"))


@pytest.mark.parametrize("args", COMMANDS, ids=_ids(COMMANDS))
@pytest.mark.parametrize(("content", "reason"), [(b"", "is not a jcmkg store (it has no documents table)"),
                                                 (b"doc\tlang\nja/a.txt\tja\n", "file is not a database")],
                         ids=["empty", "mistyped"])
def test_an_empty_or_mistyped_store_is_refused_and_left_alone(args: list[str], content: bytes, reason: str,
                                                              tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    db.write_bytes(content)
    code, output = _run(args, f"sqlite:///{db}", tmp_path)
    assert code == 1 and output.count("\n") == 1 and reason in output, output
    assert db.read_bytes() == content and sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite"]


BAD_URLS = [
    ("notaurl", "--db 'notaurl' is not a database URL; use sqlite:///"),
    ("mysql://analyst:secret@localhost/jcmkg", "its driver (MySQLdb) is not installed; install it, or use"),
    ("nosuchdb://localhost/x", "SQLAlchemy knows no database 'nosuchdb'"),
]
IN_MEMORY = ("sqlite://", "is an in-memory database: there is nothing to read")  # fine to ingest into


@pytest.mark.parametrize(("args", "url", "says"), [
    *((args, url, says) for args in (["stats"], ["search", "x"]) for url, says in [*BAD_URLS, IN_MEMORY]),
    *((["ingest", "."], url, says) for url, says in BAD_URLS),
])
def test_a_bad_url_or_missing_driver_is_one_line_naming_the_fix(args: list[str], url: str, says: str) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", url])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and says in result.output, result.output
    assert "secret" not in result.output


def test_serve_needs_a_sqlite_store() -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", "postgresql+psycopg://u@localhost/x"])
    assert result.exit_code == 1 and "Datasette reads SQLite files only" in result.output


def _can_mount_read_only() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs unshare and mount (a private read-only mount)")
@pytest.mark.parametrize("wal", [False, True], ids=["checkpointed", "with-wal-files"])
def test_a_store_on_a_read_only_mount_is_read(tmp_path: Path, wal: bool) -> None:
    """Read immutable when nothing is pending, through the -wal/-shm files when they are there."""
    src, store_dir, out = tmp_path / "src", tmp_path / "ro", tmp_path / "out"
    for d in (src, store_dir, out):
        d.mkdir()
    build_store(f"sqlite:///{src / 'store.sqlite'}")
    if not wal:
        con = sqlite3.connect(src / "store.sqlite")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
    for f in src.iterdir():
        if wal or f.name == "store.sqlite":
            shutil.copy(f, store_dir / f.name)
    assert (store_dir / "store.sqlite-wal").exists() == wal
    db = f"sqlite:///{store_dir / 'store.sqlite'}"
    before = sorted(p.name for p in store_dir.iterdir())
    jcmkg = [sys.executable, "-m", "pipeline"]
    script = " && ".join([
        f"mount --bind {store_dir} {store_dir}", f"mount -o remount,bind,ro {store_dir}",
        f"! touch {store_dir}/probe 2>/dev/null",  # the mount really is read-only
        *(" ".join([*jcmkg, *args, "--db", db]) for args in _commands(out)[:-1]),
    ])
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "[政策対話]" in done.stdout and "ok ja" in " ".join(done.stdout.split())
    assert (out / "f.jsonl").stat().st_size and (out / "g.graphml").stat().st_size and (out / "g.png").stat().st_size
    assert sorted(p.name for p in store_dir.iterdir()) == before
