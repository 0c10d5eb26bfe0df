"""Shared fixtures: the shared gold sets (beside the repository) and throwaway stores."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The read-only shared folder with the seed and dev corpora and their gold."""
    if not (SHARED / "gold" / "FORMAT.md").exists():
        pytest.skip("../shared (seed and dev gold) is not beside the repository")
    return SHARED


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole session (bench/pgserver.py); it fails, not
    skips, when PostgreSQL is not installed: scripts/system-deps.sh installs it."""
    from bench.pgserver import running_server

    with running_server() as server:
        yield server


@pytest.fixture
def pg_url(pg_server, request) -> str:
    """A fresh, empty database on the session's PostgreSQL server."""
    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    return pg_server.create_database(f"{name}_{id(request) % 100000}")
