"""Bounded fuzzing: random bytes through the decoder, every loader and process(), random mixed-
script text through every extractor. Nothing may escape as an exception; loaders refuse bad
input only with a LoadError (a stage and a one-line reason)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.load.decode import decode
from pipeline.langid import block_lang
from pipeline.load import LoadError, load
from pipeline.process import process
from pipeline.segment import make_segment

SUFFIXES = [".txt", ".md", ".html", ".pdf", ".docx"]
HEADS = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
         b'<meta charset="shift_jis">', b"\x1b$B",
         b"<!DOCTYPE html [<!ENTITY a 'x'>]>"]
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pieces of text in all three scripts, with the digits, counters and marks the extractors read.
WORDS = ["日本", "ベトナム", "と", "は", "年", "月", "日", "に", "署名", "した", "。", "、", "第", "回",
         "令和", "元", "億円", "件", "Việt Nam", "Nhật Bản", "ngày", "tháng", "năm", "ký", "tỷ đồng",
         "Japan", "Viet Nam", "signed", "on", "November", "JCM", "USD", "million", "%", "(", ")", "|",
         "２０２１", "2021", "11", "24", "3.5", "1,000", "\n", "\n\n", " ", "\u3000", "/", "-", "~"]
MIXED = st.lists(st.sampled_from(WORDS) | st.text(max_size=3), max_size=60).map("".join)


@FUZZ
@given(st.sampled_from(HEADS), st.binary(max_size=3000), st.booleans())
def test_decode_returns_nfc_text_for_any_bytes(head: bytes, data: bytes, html: bool) -> None:
    decoded = decode(head + data, html=html)
    assert isinstance(decoded.text, str) and decoded.encoding
    assert unicodedata.is_normalized("NFC", decoded.text)


@FUZZ
@given(st.sampled_from(SUFFIXES), st.sampled_from(HEADS), st.binary(max_size=2000))
def test_loaders_refuse_bad_bytes_only_with_a_load_error(tmp_path: Path, suffix: str, head: bytes,
                                                          body: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(head + body)
    try:
        doc = load(path)
    except LoadError as exc:
        assert exc.stage and str(exc) and "\n" not in str(exc)
        return
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.text)


@FUZZ
@given(st.sampled_from(SUFFIXES), st.sampled_from(HEADS), st.binary(max_size=2000))
def test_process_never_raises(tmp_path: Path, suffix: str, head: bytes, body: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(head + body)
    out = process(path, path.name)
    assert out.status in ("ok", "empty", "failed")
    assert (out.status == "ok") == (out.document is not None) and "\n" not in out.error
    assert not [w for w in out.warnings if "Error" in w], out.warnings  # extractor failures


@FUZZ
@given(MIXED)
def test_extractors_never_fail_and_mentions_point_at_their_surface(text: str) -> None:
    segments = [make_segment(text, block_lang(text) or "en", offset=0, block=0)] if text.strip() else []
    result = extract.run(segments)
    assert result.errors == []
    for _, _, m in result.mentions:
        assert text[m.start:m.end] == m.surface
