"""Loads the language data files under extractors/data once and builds matchers from them.

Layout: `data/<lang>/<name>.yaml` holds one extractor's words and patterns for one language
(the same keys in all three languages); `data/*.tsv` are gazetteers with a header row and `#` comment lines.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

DATA = resources.files("extractors") / "data"


@cache
def lexicon(lang: str, name: str) -> dict[str, Any]:
    """The YAML data `name` of one language: `data/<lang>/<name>.yaml`."""
    with (DATA / lang / f"{name}.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


@cache
def gazetteer(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `data/<name>.tsv` as dicts keyed by the header row; `#` lines are comments."""
    with (DATA / f"{name}.tsv").open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t"))


def alternation(forms: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation of literal forms, longest first so the longest form wins."""
    return _alternation(frozenset(forms))


@cache
def _alternation(forms: frozenset[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)) if f)
