"""The language data files agree with each other: a kind holds the same keys in ja, vi and en, or
the keys data/keys.yaml requires for the way the language is written (spaced or not)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from extractors.lexicon import lexicon
from extractors.text import LANGS, spaced

DATA = Path(__file__).resolve().parents[1] / "extractors" / "data"
SCHEMA = yaml.safe_load((DATA / "keys.yaml").read_text(encoding="utf-8"))
KINDS = sorted({p.stem for p in DATA.glob("*/*.yaml")})


def expected_keys(kind: str, lang: str) -> tuple[set[str], set[str]]:
    """(required, allowed) keys of data/<lang>/<kind>.yaml by data/keys.yaml."""
    rules = SCHEMA[kind]
    required = {*rules.get("all", []), *rules.get("spaced" if spaced(lang) else "unspaced", []),
                *rules.get(lang, [])}
    return required, required | set(rules.get("optional", []))


def test_every_kind_exists_in_every_language() -> None:
    for kind in KINDS:
        assert all((DATA / lang / f"{kind}.yaml").exists() for lang in LANGS), kind


@pytest.mark.parametrize("kind", KINDS)
def test_a_kind_holds_the_keys_its_languages_need(kind: str) -> None:
    keys = {lang: set(lexicon(lang, kind)) for lang in LANGS}
    if kind not in SCHEMA:
        assert keys["ja"] == keys["vi"] == keys["en"], kind
        return
    for lang in LANGS:
        required, allowed = expected_keys(kind, lang)
        assert required <= keys[lang], (kind, lang, sorted(required - keys[lang]))
        assert keys[lang] <= allowed, (kind, lang, sorted(keys[lang] - allowed))


def test_the_schema_names_only_kinds_and_languages_that_exist() -> None:
    assert set(SCHEMA) <= set(KINDS)
    for rules in SCHEMA.values():
        assert set(rules) <= {"all", "spaced", "unspaced", "optional", *LANGS}


def test_a_missing_key_is_caught() -> None:
    required, _ = expected_keys("organizations", "ja")
    assert "name_chars" in required and "heads" not in required
    required, _ = expected_keys("organizations", "en")
    assert "heads" in required and "name_chars" not in required


@pytest.mark.parametrize("lang", LANGS)
def test_every_script_class_compiles(lang: str) -> None:
    for name, body in lexicon(lang, "language")["scripts"].items():
        assert re.compile(f"[{body}]").pattern, (lang, name)
