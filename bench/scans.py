"""Image-only PDFs drawn from text as a scanner would make them: A4 pages laid out with Noto
Serif CJK (Japanese) and DejaVu Serif (Latin, Vietnamese), rasterized at `dpi`, turned by a
small random skew, speckled with noise and stored as grayscale JPEG, with no text layer.

Used by scripts/make_scans.py (the scanned dev/train pages of `make eval-scans`), by the OCR
benchmark and by the OCR tests. The same text, seed and settings give the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
CJK_FONT = "NotoSerifCJK-Regular.ttc"
LATIN_FONT = "DejaVuSerif.ttf"
A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.8
_UNITS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+")
_NO_LINE_START = set("、。，．）」』】〕・ー々ゃゅょっァィゥェォャュョッ!?！？),.:;")  # kinsoku
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass(frozen=True)
class ScanStyle:
    """How the scanner treats the page: resolution, largest skew (degrees), noise, JPEG quality,
    and a quarter-turn count for a page fed sideways."""

    dpi: int = 200
    skew: float = 0.8
    noise: float = 8.0
    quality: int = 80
    quarter_turns: int = 0


def _find_font(name: str) -> Path:
    for root in FONT_DIRS:
        hit = next(iter(sorted(root.rglob(name))), None) if root.exists() else None
        if hit:
            return hit
    package = "fonts-noto-cjk" if "CJK" in name else "fonts-dejavu-core"
    raise FileNotFoundError(f"font {name} not found: apt-get install {package}")


@lru_cache(maxsize=None)
def _fonts(px: int) -> tuple[ImageFont.FreeTypeFont, ImageFont.FreeTypeFont, frozenset[int]]:
    """(CJK font, Latin font, code points the Latin font draws) at `px` pixels."""
    from fontTools.ttLib import TTCollection, TTFont

    cjk_path = _find_font(CJK_FONT)
    collection = TTCollection(str(cjk_path))
    index = next(i for i, f in enumerate(collection.fonts) if "JP" in f["name"].getDebugName(1))
    latin_path = _find_font(LATIN_FONT)
    latin_cmap = frozenset(TTFont(str(latin_path))["cmap"].getBestCmap())
    return (ImageFont.truetype(str(cjk_path), px, index=index),
            ImageFont.truetype(str(latin_path), px), latin_cmap)


def _runs(text: str, px: int) -> list[tuple[str, ImageFont.FreeTypeFont]]:
    """The text cut into runs of one font: CJK (and what the Latin font lacks) in Noto."""
    cjk, latin, covered = _fonts(px)
    runs: list[tuple[str, ImageFont.FreeTypeFont]] = []
    for ch in text:
        font = cjk if _CJK.match(ch) or ord(ch) not in covered else latin
        if runs and runs[-1][1] is font:
            runs[-1] = (runs[-1][0] + ch, font)
        else:
            runs.append((ch, font))
    return runs


def _width(text: str, px: int) -> float:
    return sum(font.getlength(run) for run, font in _runs(text, px))


def _wrap(paragraph: str, px: int, room: float) -> list[str]:
    """Lines of at most `room` pixels: breaks between CJK characters or at spaces."""
    lines, line = [], ""
    for unit in _UNITS.findall(paragraph):
        if line and not unit.isspace() and unit not in _NO_LINE_START and _width(line + unit, px) > room:
            lines.append(line.rstrip())
            line = ""
        if line or not unit.isspace():
            line += unit
    if line.strip():
        lines.append(line.rstrip())
    return lines


def render_pages(text: str, dpi: int = 200) -> list[Image.Image]:
    """White A4 pages (mode L) with the text laid out: the first line as a larger title, one
    paragraph per line, a blank line as a gap."""
    width, height = (round(x * dpi) for x in A4_INCHES)
    margin = round(MARGIN_INCHES * dpi)
    room = width - 2 * margin
    pages: list[Image.Image] = []
    draw, y = None, height
    for n, paragraph in enumerate(unicodedata.normalize("NFC", text).splitlines()):
        px = round((13 if n == 0 else 10.5) / 72 * dpi)
        lines = _wrap(paragraph, px, room) or [""]
        for line in lines:
            if y + 1.7 * px > height - margin:
                pages.append(Image.new("L", (width, height), 255))
                draw, y = ImageDraw.Draw(pages[-1]), margin
            x = margin
            for run, font in _runs(line, px):
                draw.text((x, y + px), run, font=font, fill=0, anchor="ls")
                x += font.getlength(run)
            y += (1.65 if line else 0.8) * px
    return pages or [Image.new("L", (width, height), 255)]


# Vertical presentation forms: punctuation and the long-vowel bar turn in tategaki.
_VERTICAL_FORMS = str.maketrans({"、": "\ufe11", "。": "\ufe12", "ー": "\u4e28", "（": "\ufe35",
                                 "）": "\ufe36", "「": "\ufe41", "」": "\ufe42"})


def render_vertical_page(text: str, dpi: int = 200) -> Image.Image:
    """A white A4 page with Japanese `text` written vertically (tategaki): one character per
    cell down each column, columns from right to left, a new column per paragraph."""
    width, height = (round(x * dpi) for x in A4_INCHES)
    margin, px = round(MARGIN_INCHES * dpi), round(10.5 / 72 * dpi)
    cjk = _fonts(px)[0]
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    x, y = width - margin - px, margin
    for paragraph in unicodedata.normalize("NFC", text).splitlines():
        for ch in paragraph.translate(_VERTICAL_FORMS):
            if y + px > height - margin:
                x, y = x - round(1.7 * px), margin
            draw.text((x + px / 2, y + px / 2), ch, font=cjk, fill=0, anchor="mm")
            y += px
        x, y = x - round(1.7 * px), margin
    return page


def render_table_page(title: str, rows: list[list[str]], dpi: int = 200) -> Image.Image:
    """A white A4 page with a title and a ruled table (a box around every cell)."""
    width, height = (round(x * dpi) for x in A4_INCHES)
    margin, px = round(MARGIN_INCHES * dpi), round(10.5 / 72 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    for run, font in _runs(title, px):
        draw.text((margin, margin + px), run, font=font, fill=0, anchor="ls")
        margin += font.getlength(run)
    left = round(MARGIN_INCHES * dpi)
    col_w = [max(_width(row[c], px) for row in rows) + px for c in range(len(rows[0]))]
    xs = [left + sum(col_w[:c]) for c in range(len(col_w) + 1)]
    top, row_h = left + 3 * px, round(2 * px)
    for r, row in enumerate(rows):
        y = top + r * row_h
        for c, cell in enumerate(row):
            x = xs[c] + px / 2
            for run, font in _runs(cell, px):
                draw.text((x, y + 1.4 * px), run, font=font, fill=0, anchor="ls")
                x += font.getlength(run)
    for r in range(len(rows) + 1):
        draw.line([(xs[0], top + r * row_h), (xs[-1], top + r * row_h)], fill=0, width=3)
    for x in xs:
        draw.line([(x, top), (x, top + len(rows) * row_h)], fill=0, width=3)
    return page


def scan(page: Image.Image, style: ScanStyle, seed: int) -> Image.Image:
    """The page as it comes out of a scanner: skewed, noisy, maybe turned a quarter."""
    rng = np.random.default_rng(seed)
    angle = float(rng.uniform(-style.skew, style.skew))
    out = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    pixels = np.asarray(out, dtype=np.float32)
    pixels = pixels + rng.normal(0, style.noise, pixels.shape)
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = 40
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    return out.rotate(90 * style.quarter_turns, expand=True) if style.quarter_turns else out


def seed_of(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big")


def save_pdf(images: list[Image.Image], path: Path, dpi: int, quality: int = 80) -> Path:
    """An image-only PDF, one JPEG page per image, with fixed dates (byte-stable)."""
    stamp = time.gmtime(1767225600)  # 2026-01-01
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   quality=quality, creationDate=stamp, modDate=stamp, producer="jcmkg scans")
    return path


def scanned_pdf(text: str, path: Path, style: ScanStyle = ScanStyle(), name: str = "") -> Path:
    """`text` printed on A4 and scanned into the image-only PDF `path`."""
    pages = render_pages(text, style.dpi)
    seed = seed_of(name or path.name)
    return save_pdf([scan(p, style, seed + i) for i, p in enumerate(pages)], path, style.dpi,
                    style.quality)
