"""PLACEHOLDER written by the lead so the quick scorer runs; the loaders helper replaces this file."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from schemas.records import Block, Document


class LoadError(Exception):
    def __init__(self, stage: str, message: str):
        super().__init__(message)
        self.stage = stage


class EmptyDocument(LoadError):
    pass


def load(path: Path) -> Document:
    text = unicodedata.normalize("NFC", Path(path).read_bytes().decode("utf-8", "replace"))
    if not text.strip():
        raise EmptyDocument("load", "file is empty")
    blocks = [Block(index=i, start=m.start(), end=m.end())
              for i, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text))]
    try:
        from pipeline.text_tables import find_text_tables
        tables = find_text_tables(text)
    except ImportError:
        tables = []
    return Document(path=str(path), media_type="text/plain", text=text, blocks=blocks, tables=tables)
