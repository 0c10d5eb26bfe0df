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


# Tests that take seconds each or start services (PostgreSQL, Dask, Chromium, Tesseract, worker
# processes, whole-corpus ingests): marked `slow`, so `make test-quick` (-m "not slow") is a fast
# loop. `make test` still runs everything. Whole modules by name, single tests by node id.
SLOW_MODULES = {
    "test_accuracy", "test_bench", "test_concurrency", "test_corpora_gold", "test_crash_safety", "test_measures_store",
    "test_ocr",
    "test_readme", "test_relation_models", "test_reliability", "test_scaleout", "test_serve",
}
SLOW_TESTS = {
    "test_bad_filesystem.py::test_a_2m_character_line_is_processed_in_time_linear_in_its_length",
    "test_bad_filesystem.py::test_fifos_sockets_devices_loops_and_bad_names_are_listed_and_the_run_goes_on",
    "test_stale_rows.py::test_failed_documents_are_retried_when_the_limits_are_raised",
    "test_read_commands.py::test_a_store_on_a_read_only_mount_is_read",
    "test_isolate.py::test_a_worker_stuck_past_the_time_limit_is_killed_and_replaced",
    "test_store_errors.py::test_a_full_disk_is_one_line_and_keeps_what_was_stored",
    "test_published.py::test_seed_and_dev_pages_are_dated_only_by_what_states_it",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: seconds per test or a service started; skipped by make test-quick")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = f"{item.path.name}::{item.originalname}"
        if item.path.stem in SLOW_MODULES or name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
