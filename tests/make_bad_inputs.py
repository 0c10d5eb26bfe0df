"""Writes every messy-input case of issue 6 into a folder, with the outcome each must get.

Nothing here is committed as a binary: PDFs come from reportlab, DOCX from python-docx, the
rest from bytes built below. Sentences are invented, each with clear countries and a date.

    python tests/make_bad_inputs.py OUT_DIR     # writes OUT_DIR/docs and OUT_DIR/outside
"""

from __future__ import annotations

import io
import random
import struct
import sys
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.limits import Limits


@dataclass(frozen=True)
class Case:
    """One input file and what the store must say about it."""

    name: str  # document name: path relative to the ingested folder
    status: str  # ok | empty | failed | duplicate
    stage: str = ""  # stage recorded for empty / failed
    error: str = ""  # a regex the recorded error must match
    sentence: str = ""  # text an ok document must contain (NFC)
    countries: frozenset[str] = frozenset()  # ISO3 codes among its facts
    dates: frozenset[str] = frozenset()  # ISO dates among its facts
    absent: str = ""  # text that must not reach the document (scripts, styles, entities)
    duplicate_of: str = ""


JA = "日本とベトナムは2021年11月24日に二国間文書に署名した。"
SJIS = "日本とインドネシアは2013年8月7日に二国間文書に署名した。"
EUC = "日本とモンゴルは2013年1月8日に二国間文書に署名した。"
VI_1258 = "Việt Nam và Nhật Bản đã ký kết văn bản hợp tác vào ngày 2 tháng 7 năm 2013."
VI_NFD = "Ngày 22/7/2025, Việt Nam và Nhật Bản đã ký Bản ghi nhớ hợp tác về khí hậu."
EN_16 = "Japan and Thailand signed the bilateral document on 19 November 2015."
JA_16 = "日本とタイは2015年11月19日に二国間文書に署名した。"
JA_BOM = "日本とフィリピンは2017年1月12日に二国間文書に署名した。"
EN_NAME = "Japan and Kenya signed the bilateral document on 12 June 2015."
HTML_JA = "日本とカンボジアは2014年4月11日に二国間文書に署名した。"
SCRIPT_TEXT = "中国は2019年1月1日に参加した"  # inside <script>/<style>: must never be extracted
PDF_EN = "Japan and Viet Nam signed the bilateral document on 2 July 2013."
PDF_OWNER = "Japan and Laos signed the bilateral document on 7 August 2013."
DOCX_VI = "Việt Nam và Nhật Bản đã ký Kế hoạch hợp tác chung vào ngày 24 tháng 11 năm 2021."
FILLER = "会議では様々な意見が交わされ、今後の協力の方向性について議論が行われた。"
LONG_END = "日本とミャンマーは2015年9月16日に二国間文書に署名した。"
LONG_LINE_CHARS = 2_000_000


def _ok(name: str, sentence: str, countries: str, date: str, **kw) -> Case:
    """A readable document: its sentence, its countries (ISO3, space-separated) and its date."""
    return Case(name, "ok", sentence=sentence, countries=frozenset(countries.split()),
                dates=frozenset({date}), **kw)


def make_all(docs: Path, outside: Path) -> list[Case]:
    """Write the cases under `docs` (links may point into `outside`); return their outcomes."""
    docs.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    rng = random.Random(6)
    cases: list[Case] = []

    def put(name: str, data: bytes, case: Case) -> None:
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases.append(case)

    # empty
    put("empty.txt", b"", Case("empty.txt", "empty", "decode", "file is empty"))
    put("blank.txt", " \r\n\t\n\u3000\n".encode(), Case("blank.txt", "empty", "decode", "only whitespace"))

    # encodings and normalization
    put("good-ja.txt", (JA + "\n").encode(), _ok("good-ja.txt", JA, "JPN VNM", "2021-11-24"))
    put("sjis.txt", (SJIS + "\r\n").encode("shift_jis"),
        _ok("sjis.txt", SJIS, "JPN IDN", "2013-08-07"))
    put("eucjp.txt", (EUC + "\n").encode("euc_jp"),
        _ok("eucjp.txt", EUC, "JPN MNG", "2013-01-08"))
    put("cp1258.txt", cp1258(VI_1258 + "\n"),
        _ok("cp1258.txt", VI_1258, "VNM JPN", "2013-07-02"))
    put("nfd-vi.txt", unicodedata.normalize("NFD", VI_NFD + "\n").encode(),
        _ok("nfd-vi.txt", VI_NFD, "VNM JPN", "2025-07-22"))
    put("utf16le-bom.txt", (EN_16 + "\n").encode("utf-16"),
        _ok("utf16le-bom.txt", EN_16, "JPN THA", "2015-11-19"))
    put("utf16be.txt", (JA_16 + "\n").encode("utf-16-be"),
        _ok("utf16be.txt", JA_16, "JPN THA", "2015-11-19"))
    put("utf8-bom.txt", (JA_BOM + "\n").encode("utf-8-sig"),
        _ok("utf8-bom.txt", JA_BOM, "JPN PHL", "2017-01-12"))
    name = "báo cáo 日本 2015.txt"
    put(name, (EN_NAME + "\n").encode(),
        _ok(name, EN_NAME, "JPN KEN", "2015-06-12"))
    long_line = LONG_END + FILLER * ((LONG_LINE_CHARS - 2 * len(LONG_END)) // len(FILLER)) + LONG_END
    put("long-line.txt", long_line.encode(),
        _ok("long-line.txt", LONG_END, "JPN MMR", "2015-09-16"))
    put("junk.txt", rng.randbytes(8192), Case("junk.txt", "failed", "decode", "binary data, not text"))

    # HTML
    put("laughs.html", billion_laughs(HTML_JA).encode(),
        _ok("laughs.html", HTML_JA, "JPN KHM", "2014-04-11", absent="lollollol"))
    put("script.html", scripted_page(HTML_JA).encode("cp932"),
        _ok("script.html", HTML_JA, "JPN KHM", "2014-04-11", absent="中国"))

    # PDF
    good_pdf = text_pdf(PDF_EN)
    put("good.pdf", good_pdf, _ok("good.pdf", PDF_EN, "JPN VNM", "2013-07-02"))
    put("truncated.pdf", good_pdf[: len(good_pdf) // 2],
        Case("truncated.pdf", "failed", "pdf", "damaged or not a PDF"))
    put("garbage.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + rng.randbytes(4096),
        Case("garbage.pdf", "failed", "pdf", "damaged or not a PDF"))
    put("encrypted.pdf", text_pdf(PDF_EN, user_password="secret"),
        Case("encrypted.pdf", "failed", "pdf", "PDF is encrypted"))
    put("owner-locked.pdf", text_pdf(PDF_OWNER, user_password="", owner_password="owner"),
        _ok("owner-locked.pdf", PDF_OWNER, "JPN LAO", "2013-08-07"))
    put("scanned.pdf", image_pdf(), Case("scanned.pdf", "failed", "pdf", "no text layer"))
    put("image.pdf", png(), Case("image.pdf", "failed", "sniff", "a PNG image, not a document"))

    # DOCX
    put("good.docx", docx(DOCX_VI), _ok("good.docx", DOCX_VI, "VNM JPN", "2021-11-24"))
    put("notzip.docx", b"This file says it is a DOCX but it is plain text.\n",
        Case("notzip.docx", "failed", "docx", r"not a DOCX file \(not a zip archive\)"))
    put("bomb.docx", zip_bomb(Limits().max_bytes + 2**20), Case("bomb.docx", "failed", "limits", "over the"))

    # same bytes twice, links
    put("copy/good-ja (copy).txt", (JA + "\n").encode(),
        Case("copy/good-ja (copy).txt", "duplicate", duplicate_of="good-ja.txt"))
    (outside / "secret.txt").write_text("日本と中国は2020年1月1日に署名した。\n", encoding="utf-8")
    (docs / "link-out.txt").symlink_to(outside / "secret.txt")
    cases.append(Case("link-out.txt", "failed", "discover", "outside the ingested folder"))
    (docs / "link-to-good-ja.txt").symlink_to("good-ja.txt")
    cases.append(Case("link-to-good-ja.txt", "duplicate", duplicate_of="good-ja.txt"))
    (docs / "dangling.txt").symlink_to("no-such-file.txt")
    cases.append(Case("dangling.txt", "failed", "read", "No such file or directory"))
    (docs / "outside-dir").symlink_to(outside, target_is_directory=True)  # never walked: no row
    return cases


_PARTNERS = [("ベトナム", "Viet Nam"), ("タイ", "Thailand"), ("モンゴル", "Mongolia"),
             ("インドネシア", "Indonesia"), ("ケニア", "Kenya"), ("チリ", "Chile")]


def many_documents(folder: Path, n: int) -> list[Path]:
    """`n` small, distinct, readable ja/en documents (a folder for crash and concurrency runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        ja, en = _PARTNERS[i % len(_PARTNERS)]
        day, month, year = 1 + i % 28, 1 + i % 12, 2013 + i % 10
        text = (f"第{i + 1}回合同委員会\n\n日本と{ja}は{year}年{month}月{day}日に二国間文書に署名した。"
                f"{FILLER * 6}\n\nJapan and {en} held the joint committee meeting number {i + 1} "
                f"in {year}, and agreed on {i + 2} new projects.\n")
        path = folder / f"doc-{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese files have it: base letters with separate tone marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:  # e.g. ệ: try ê + combining dot below
            base, *marks = unicodedata.normalize("NFD", ch)
            head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
            tail = "".join(m for m in marks if m not in "\u0302\u0306\u031b")
            out.append((head + tail).encode("cp1258"))
    return b"".join(out)


def billion_laughs(sentence: str) -> str:
    """A page whose DTD declares nine levels of nested entities (10^9 'lol's if expanded)."""
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return ("<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n" + "\n".join(levels) + "\n]>\n"
            f"<html><body><p>{sentence}</p><p>&lol9;</p></body></html>\n")


def scripted_page(sentence: str) -> str:
    """A Shift_JIS page whose script, style and noscript hold text that is not content."""
    return (f'<html><head><meta charset="shift_jis"><title>報道発表</title>'
            f"<style>p::after {{ content: '{SCRIPT_TEXT}' }}</style>"
            f"<script>var note = '{SCRIPT_TEXT}'; document.write(note);</script></head>"
            f"<body><noscript>{SCRIPT_TEXT}</noscript><p>{sentence}</p>"
            f"<script type=\"application/ld+json\">{{\"text\": \"{SCRIPT_TEXT}\"}}</script></body></html>")


def text_pdf(sentence: str, user_password: str | None = None, owner_password: str | None = None,
             pages: int = 1) -> bytes:
    """A PDF with `sentence` in the text layer of each page, optionally encrypted."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    encrypt = None
    if user_password is not None:
        encrypt = StandardEncryption(user_password, owner_password or user_password)
    canvas = Canvas(buf, pagesize=A4, encrypt=encrypt, invariant=1)
    for _ in range(pages):
        canvas.setFont("Helvetica", 11)
        canvas.drawString(72, 760, "Press release")
        canvas.drawString(72, 730, sentence)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def image_pdf() -> bytes:
    """A 'scanned' page: one image, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 380, 60), fill=0)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    canvas.drawInlineImage(image, 72, 500, width=400, height=200)
    canvas.save()
    return buf.getvalue()


def png(width: int = 8, height: int = 8) -> bytes:
    """A small valid grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(range(width)) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def docx(sentence: str) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading("Kế hoạch hợp tác", level=1)
    document.add_paragraph(sentence)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    """A small zip named like a DOCX whose word/document.xml unpacks to `unpacked` bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b" " * 2**20
            for _ in range(unpacked // len(chunk) + 1):
                f.write(chunk)
    return buf.getvalue()


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    for case in make_all(out / "docs", out / "outside"):
        print(f"{case.status:10} {case.stage:9} {case.name}")
