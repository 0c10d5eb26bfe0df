"""Runs the registered extractors over a document's segments and collects typed mentions.

Extractors run one after another over all segments (extractor-major), so a relation
extractor sees every entity found anywhere in the document. A failing extractor is logged
and recorded; the others still run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
import logging
import re

from extractors import in_run_order
from extractors.base import Context, ExtractorSpec, Segment
from extractors.entities.counts import restatements
from pipeline.langid import block_lang
from pipeline.segment import make_segment
from schemas.records import Mention

log = logging.getLogger(__name__)


@dataclasses.dataclass(slots=True)
class Extraction:
    """The mentions of one document (document offsets) and the extractor failures."""

    mentions: list[tuple[Segment, str, Mention]]  # (segment, extractor name, mention)
    errors: list[str]
    segments: list[Segment]


def run(segments: list[Segment], tables=(), doc_lang: str = "") -> Extraction:
    """Apply every registered extractor to every segment whose language it declares."""
    ctx = Context(segments=segments, tables=list(tables), doc_lang=doc_lang)
    errors: list[str] = []
    made_by: dict[int, str] = {}  # id(mention) -> extractor name
    for spec in in_run_order():
        for i, found in _apply(spec, ctx, errors):
            seg = segments[i]
            kept = [m for m in found if seg.text[m.start : m.end] == m.surface]
            if len(kept) < len(found):
                errors.append(f"{spec.name} on block {seg.block}: dropped mentions off their text")
            made_by.update((id(m), spec.name) for m in kept)
            ctx.found.setdefault(i, []).extend(kept)
    mentions = []
    for i, found in sorted(ctx.found.items()):
        seg = segments[i]
        for m in found:
            start, end = seg.to_source(m.start, m.end)
            shifted = dataclasses.replace(
                m, start=start + seg.offset, end=end + seg.offset, surface=seg.source[start:end]
            )
            mentions.append((seg, made_by.get(id(m), ""), shifted))
    restated = restatements((seg, m) for seg, _, m in mentions)
    mentions = [found for found in mentions if id(found[2]) not in restated]
    return Extraction(mentions=mentions, errors=errors, segments=segments)


def _apply(spec: ExtractorSpec, ctx: Context, errors: list[str]) -> Iterator[tuple[int, list[Mention]]]:
    """(segment index, mentions) of one extractor, for the segments in its languages.

    A failure is logged and recorded, and costs only that extractor's output for the
    segment (or, for a per-document extractor, the document)."""
    langs = {i for i, seg in enumerate(ctx.segments) if seg.lang in spec.langs}
    try:
        if spec.per_document:
            ctx.index = -1
            for i, found in spec.func(ctx).items():
                if i in langs:
                    yield i, list(found)
            return
    except Exception as exc:  # one extractor's bug must not lose the document
        log.exception("extractor %s failed", spec.name)
        errors.append(f"{spec.name}: {type(exc).__name__}: {exc}")
        return
    for i in sorted(langs):
        ctx.index = i
        seg = ctx.segments[i]
        try:
            yield i, list(spec.func(seg, ctx))
        except Exception as exc:  # one extractor's bug must not lose the document
            log.exception("extractor %s failed on block %d", spec.name, seg.block)
            errors.append(f"{spec.name} on block {seg.block}: {type(exc).__name__}: {exc}")


_PARAGRAPHS = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def extract_text(text: str, lang: str | None = None) -> list[Mention]:
    """Mentions in a plain string, one segment per paragraph (for tests and quick checks)."""
    segments = [
        make_segment(m.group(), lang or block_lang(m.group()), offset=m.start(), block=i)
        for i, m in enumerate(_PARAGRAPHS.finditer(text))
    ]
    return [m for _, _, m in run(segments).mentions]
