"""The extractor runner: registration, per-document extractors, failures kept to their extractor."""

from __future__ import annotations

import pytest

from extractors.base import REGISTRY, RegistryError, extractor
from pipeline.extract import run
from pipeline.segment import make_segment
from schemas.records import CountryMention


@pytest.fixture
def scratch_registry():
    """Extractors registered inside a test are removed after it."""
    before = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(before)


def test_a_name_registers_once(scratch_registry) -> None:
    with pytest.raises(RegistryError):
        extractor("countries", CountryMention)(lambda seg, ctx: [])


def test_a_failing_extractor_loses_only_its_own_output(scratch_registry) -> None:
    @extractor("boom", CountryMention)
    def boom(seg, ctx):
        raise ValueError("bad rule")

    result = run([make_segment("Japan and Viet Nam met.", "en")])
    assert {m.iso3 for _, _, m in result.mentions if isinstance(m, CountryMention)} == {"JPN", "VNM"}
    assert any("boom" in e and "bad rule" in e for e in result.errors)


def test_per_document_extractors_place_mentions_in_their_segments(scratch_registry) -> None:
    seen = []

    @extractor("whole", CountryMention, per_document=True)
    def whole(ctx):
        seen.append(len(ctx.segments))
        return {1: [CountryMention(start=0, end=5, surface="Japan", iso3="JPN", rule="test"),
                    CountryMention(start=0, end=5, surface="Korea", iso3="KOR", rule="test")]}

    segs = [make_segment("Nothing here.", "en", offset=0), make_segment("Japan signed.", "en", offset=14)]
    result = run(segs)
    mine = [(m.start, m.surface) for _, name, m in result.mentions if name == "whole"]
    assert seen == [2]  # called once for the document
    assert mine == [(14, "Japan")]  # shifted to document offsets; the off-text mention dropped
    assert any("off their text" in e for e in result.errors)
