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
