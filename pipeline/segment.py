"""Word segmentation into spaCy Docs: fugashi (ja), pyvi (vi), spaCy's rules (en).

Every Doc reproduces its input exactly (`doc.text == text`), so token offsets are offsets
into the block. The ja and vi words come from pipeline/words.py (shared with search).
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

from extractors.base import Segment
from extractors.text import unwrap
from pipeline.words import ja_words, vi_words


class FugashiTokenizer:
    """Japanese words from fugashi + unidic-lite, aligned back to the input text."""

    def __init__(self, nlp: spacy.Language):
        self.vocab = nlp.vocab

    def __call__(self, text: str) -> Doc:
        return _aligned_doc(self.vocab, ja_words(text), text)


class PyviTokenizer:
    """Vietnamese words from pyvi (multi-syllable words joined), aligned back to the input."""

    def __init__(self, nlp: spacy.Language):
        self.vocab = nlp.vocab

    def __call__(self, text: str) -> Doc:
        return _aligned_doc(self.vocab, vi_words(text), text)


def _aligned(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """Tokens and their trailing-space flags that spell exactly `text` (spaCy's alignment);
    the whitespace-separated words if the segmenter's words cannot be aligned."""
    try:
        return get_words_and_spaces(words, text)
    except ValueError:
        return get_words_and_spaces(text.split(), text)


def _aligned_doc(vocab, words: list[str], text: str) -> Doc:
    """A Doc whose text is exactly `text`."""
    tokens, spaces = _aligned(words, text)
    return Doc(vocab, words=tokens, spaces=spaces)


@spacy.registry.tokenizers("jcmkg.fugashi")
def _make_fugashi():
    return FugashiTokenizer


@spacy.registry.tokenizers("jcmkg.pyvi")
def _make_pyvi():
    return PyviTokenizer


@cache
def nlp(lang: str) -> spacy.Language:
    """The blank spaCy pipeline of one language, with our tokenizer for ja and vi."""
    if lang == "ja":
        return spacy.blank("ja", config={"nlp": {"tokenizer": {"@tokenizers": "jcmkg.fugashi"}}})
    if lang == "vi":
        return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "jcmkg.pyvi"}}})
    return spacy.blank("en")


def tokenize(text: str, lang: str) -> Doc:
    """The spaCy Doc of `text` in `lang` (ja, vi or en)."""
    return nlp(lang if lang in ("ja", "vi") else "en")(text)


def _doc_words(doc: Doc) -> tuple[list[str], frozenset[int]]:
    """The non-space tokens' texts and their start and end offsets, in one pass over the Doc
    (each pass makes a Python object per token)."""
    words, edges = [], set()
    for tok in doc:
        if not tok.is_space:
            word = tok.text
            words.append(word)
            edges.add(tok.idx)
            edges.add(tok.idx + len(word))
    return words, frozenset(edges)


def segment_block(text: str, lang: str, **kw) -> tuple[Segment, list[str]]:
    """A Segment of `text` with token bounds from the segmenter of `lang`, and its words.

    A block's lines are one paragraph the loader joined, so it is unwrapped first (`unwrap`):
    words broken over lines are matched whole, and on a page (PDF, scan) a wrap ends no sentence.
    The Segment keeps the original text and the offset map. Table rows are not: a line break
    there separates cells."""
    wrapped = kw.get("kind") != "table_row"
    laid_out = kw.get("page") is not None
    joined, index_map = unwrap(text, lang, laid_out=laid_out) if wrapped else (text, ())
    words, edges = _words_and_bounds(joined, lang)
    raw = text if joined != text else ""
    return Segment(text=joined, lang=lang, bounds=edges, raw=raw, index_map=index_map, **kw), words


def _words_and_bounds(text: str, lang: str) -> tuple[list[str], frozenset[int]]:
    """The non-space words of `text` and their start and end offsets: the words and bounds of
    `tokenize(text, lang)`, for ja and vi without building the spaCy Doc (its tokens cost more
    than the segmenter)."""
    if lang not in ("ja", "vi"):
        return _doc_words(tokenize(text, lang))
    tokens, spaces = _aligned(ja_words(text) if lang == "ja" else vi_words(text), text)
    words, edges, pos = [], set(), 0
    for token, space in zip(tokens, spaces):
        if not token.isspace():
            words.append(token)
            edges.update((pos, pos + len(token)))
        pos += len(token) + space
    return words, frozenset(edges)


def make_segment(text: str, lang: str, **kw) -> Segment:
    """A Segment of `text` with token bounds from the segmenter of `lang`."""
    return segment_block(text, lang, **kw)[0]
