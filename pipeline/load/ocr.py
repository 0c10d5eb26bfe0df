"""OCR of a scanned page image with Tesseract (through pytesseract): turned pages put upright,
the language set chosen from the page's script, and the words kept with their boxes and
confidence so every block and fact can point at its spot on the page.

Tesseract is a Debian package, not a Python one: when the binary or its language data is
missing, `check()` raises `OcrUnavailable` with the apt-get line that installs them. The
binary is `tesseract` on the PATH, or `$JCMKG_TESSERACT`.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image

from extractors.text import script
from pipeline.load.ocr_image import Grid, has_columns, ruled_tables, skew_angle
from schemas.records import OcrBox

INSTALL = ("apt-get install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert "
           "tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd")
NEEDED = ("jpn", "vie", "eng", "osd")
LEVEL_FROM = 1.0  # degrees of skew from which a page is levelled before OCR (and pages with rules)
LOW_CONFIDENCE = 60.0  # mean word confidence (0-100) under which a block is marked low
# The language sets Tesseract reads a page with, by the script its OSD sees (see README).
LANGS_BY_SCRIPT = {"Japanese": "jpn", "Han": "jpn", "Katakana": "jpn", "Hiragana": "jpn",
                   "Latin": "vie+eng"}
DEFAULT_LANGS = "jpn+vie+eng"
# A Japanese page read badly across is also read down its columns, right to left (tategaki):
# the scripts read with jpn, or a page whose script OSD could not name.
VERTICAL_LANGS, VERTICAL_PSM = "jpn_vert", 5
VERTICAL_SCRIPTS = frozenset({s for s, langs in LANGS_BY_SCRIPT.items() if langs == "jpn"} | {""})
_CJK = script("ja", "cjk")


class OcrUnavailable(Exception):
    """Tesseract or one of its language data files is not installed."""


@dataclass(slots=True)
class OcrPage:
    """The text Tesseract read on one page, its words, and how it read them."""

    text: str
    words: list[OcrBox] = field(default_factory=list)  # offsets into `text`, page 0
    langs: str = ""
    rotation: int = 0  # degrees the page image was turned to be upright
    tables: list[list[list[tuple[str, list[OcrBox]]]]] = field(default_factory=list)  # rows of (text, words)


def tesseract() -> str:
    return os.environ.get("JCMKG_TESSERACT", "tesseract")


@lru_cache(maxsize=4)
def _check(cmd: str) -> tuple[str, frozenset[str]]:
    path = shutil.which(cmd)
    if path is None:
        raise OcrUnavailable(f"Tesseract is not installed (no '{cmd}' program): {INSTALL}")
    try:
        out = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=60)
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable(f"Tesseract does not run ({exc}): {INSTALL}") from exc
    have = set(out.stdout.split())
    missing = [lang for lang in NEEDED if lang not in have]
    if missing:
        raise OcrUnavailable(f"Tesseract has no {'/'.join(missing)} language data: {INSTALL}")
    first = (version.stdout or version.stderr).split("\n", 1)[0].strip()
    return first or "tesseract", frozenset(have)


def check() -> str:
    """Tesseract's version line; raises OcrUnavailable (with the install line) when missing."""
    return _check(tesseract())[0]


def has_langs(langs: str) -> bool:
    """Is every language of a Tesseract set such as "jpn_vert" installed? (Optional ones:
    a machine without them reads those pages the ordinary way.)"""
    return set(langs.split("+")) <= _check(tesseract())[1]


def version_tag() -> str:
    """What OCR this machine can do, for the pipeline version: installing or upgrading
    Tesseract redoes the documents (their scans read differently now)."""
    try:
        return check()
    except OcrUnavailable:
        return "no tesseract"


def _pytesseract():
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per page: workers run in parallel
    pytesseract.pytesseract.tesseract_cmd = shutil.which(tesseract()) or tesseract()
    return pytesseract


def orientation(image) -> tuple[int, str]:
    """(degrees to turn the image counter-clockwise to make it upright, script name) from
    Tesseract's OSD; (0, "") when the page has too little text to tell."""
    pt = _pytesseract()
    try:
        osd = pt.image_to_osd(image, output_type=pt.Output.DICT)
    except pt.TesseractError:
        return 0, ""
    turn = int(osd.get("rotate", 0)) % 360
    if float(osd.get("orientation_conf", 0)) < 1.0:
        turn = 0
    return (360 - turn) % 360, str(osd.get("script", ""))


def read_pdf_page(page, dpi: int) -> OcrPage:
    """OCR a pypdfium2 page rendered at the resolution of its scan, at most `dpi`."""
    scan = largest_image(page)
    if scan:  # the scanner's own pixels: resampling a noisy 200 dpi scan to 300 dpi made
        dpi = min(dpi, max(150, round(scan[1])))  # Tesseract drop words at line ends (README)
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    return read_page(image, 72 / dpi)


def largest_image(page) -> tuple[float, float] | None:
    """(share of the page it covers, its resolution in dpi) of the page's largest image (a
    scan), or None when the page has no image."""
    import pypdfium2.raw as pdfium_c

    best = None
    area = page.get_width() * page.get_height()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        share = (right - left) * (top - bottom) / area
        if right - left > 1 and (best is None or share > best[0]):
            best = (share, obj.get_px_size()[0] / ((right - left) / 72))
    return best


def read_page(image, points_per_pixel: float, langs: str | None = None, deskew: bool = True) -> OcrPage:
    """OCR one page image: upright and level it, find its ruled tables, pick the languages,
    keep every word with its box on the page as rendered. A Japanese page read with low
    confidence is read again as vertical writing, and the more confident reading is kept."""
    check()
    image = image.convert("L")
    turn, script = orientation(image)
    page = _read_across(image, turn, script, points_per_pixel, langs, deskew)
    if (not langs and script in VERTICAL_SCRIPTS and mean_confidence(page.words) < LOW_CONFIDENCE
            and has_langs(VERTICAL_LANGS)):
        page = max(page, _read_down(image, turn, points_per_pixel), key=lambda p: mean_confidence(p.words))
    return page


def _read_down(image, turn: int, points_per_pixel: float) -> OcrPage:
    """The page read as vertical Japanese: columns top to bottom, right to left. OSD takes
    upright columns of text for a page turned a quarter, so only a half turn is undone."""
    turn = turn if turn == 180 else 0
    upright = image.rotate(turn, expand=True) if turn else image
    place = lambda box: _place(box, turn, 0.0, upright.size, image.size, points_per_pixel)  # noqa: E731
    page = _read(upright, VERTICAL_LANGS, VERTICAL_PSM, [], place, reflow=False)  # columns: no widths to read
    page.rotation = turn
    return page


def _read_across(image, turn: int, script: str, points_per_pixel: float, langs: str | None,
                 deskew: bool) -> OcrPage:
    """The page read as horizontal lines, turned upright and levelled, its languages chosen
    from the script OSD saw."""
    size = image.size
    if turn:
        image = image.rotate(turn, expand=True)
    angle = skew_angle(image) if deskew else 0.0
    level = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255) if angle else image
    grids, erased = ruled_tables(level)
    if grids or abs(angle) >= LEVEL_FROM:
        image = erased
    else:  # Tesseract reads a slightly skewed page better than a resampled one (README)
        angle = 0.0
    psm = 3 if has_columns(image) else 4
    place = lambda box: _place(box, turn, angle, image.size, size, points_per_pixel)  # noqa: E731
    page = _read(image, langs or LANGS_BY_SCRIPT.get(script, DEFAULT_LANGS), psm, grids, place)
    if mean_confidence(page.words) < LOW_CONFIDENCE and page.langs != DEFAULT_LANGS and not langs:
        again = _read(image, DEFAULT_LANGS, psm, grids, place)  # the script was misjudged?
        page = max(page, again, key=lambda p: mean_confidence(p.words))
    page.rotation = turn
    return page


def _read(image, langs: str, psm: int, grids: list[Grid], place, reflow: bool = True) -> OcrPage:
    pt = _pytesseract()
    data = pt.image_to_data(image, lang=langs, config=f"--psm {psm}", output_type=pt.Output.DICT)
    page = _assemble(data, grids, place, reflow)
    page.langs = langs
    return page


def mean_confidence(words: list[OcrBox]) -> float:
    """Tesseract's confidence averaged over characters (a long word weighs more)."""
    total = sum(w.end - w.start for w in words)
    return sum(w.conf * (w.end - w.start) for w in words) / total if total else 0.0


@dataclass
class _Text:
    """Text being put together from words, with each word's OcrBox (offsets into it)."""

    parts: list[str] = field(default_factory=list)
    words: list[OcrBox] = field(default_factory=list)
    size: int = 0

    def add(self, text: str, sep: str, box: tuple, conf: float) -> None:
        """Append a word after `sep`; " " turns into nothing beside a CJK character."""
        if self.parts:
            if sep == " " and (_CJK.match(self.parts[-1][-1]) or _CJK.match(text[0])):
                sep = ""
            self.parts.append(sep)
            self.size += len(sep)
        self.words.append(OcrBox(start=self.size, end=self.size + len(text), page=0, box=box, conf=conf))
        self.parts.append(text)
        self.size += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def _assemble(data: dict, grids: list[Grid], place, reflow: bool = True) -> OcrPage:
    """The page text from Tesseract's words (a blank line between its blocks) and the cells of
    its ruled tables (the words whose centre is in a cell). With `reflow`, the lines the page's
    width wrapped are joined (`_wrapped`), so a paragraph is one line; every other line ends."""
    flow = _Text()
    cells: list[dict[tuple[int, int], _Text]] = [{} for _ in grids]
    words = []  # (text, box, conf, pixels, line) of the running text
    for i, raw in enumerate(data["text"]):
        text = unicodedata.normalize("NFC", (raw or "").strip())
        if not text:
            continue
        pixels = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        box, conf = place(pixels), float(data["conf"][i])
        centre = (pixels[0] + pixels[2] / 2, pixels[1] + pixels[3] / 2)
        hit = next(((t, rc) for t, g in enumerate(grids) if (rc := g.cell(*centre))), None)
        if hit:
            cells[hit[0]].setdefault(hit[1], _Text()).add(text, " ", box, conf)
            continue
        words.append((text, box, conf, pixels, (data["block_num"][i], data["par_num"][i], data["line_num"][i])))
    wrapped = _wrapped(words) if reflow else set()
    last = None
    for text, box, conf, _, line in words:
        if last is None or line == last:
            sep = " "
        elif line[0] != last[0]:
            sep = "\n\n"
        elif last in wrapped:
            sep = "" if flow.parts[-1].endswith(("-", "‐")) else " "
        else:
            sep = "\n"
        flow.add(text, sep, box, conf)
        last = line
    tables = [[[found.get((r, c), _Text()) for c in range(len(g.xs) - 1)] for r in range(len(g.ys) - 1)]
              for g, found in zip(grids, cells)]
    return OcrPage(text=flow.text(), words=flow.words,
                   tables=[[[(t.text(), t.words) for t in row] for row in table] for table in tables])


def _wrapped(words: list[tuple]) -> set[tuple]:
    """The lines that the page's width broke: the next line of the block starts with a word
    that would not have fitted in the room left between this line's end and the page's right
    margin (with a space of a character's height). A line that stops short ends its paragraph,
    a heading or a list item. The margin is where the page's longer lines end, so the left
    column of two is left to the loader's blocks (pipeline.load.blocks)."""
    lines: dict[tuple, list[tuple[int, int, int, int]]] = {}
    for *_, pixels, line in words:
        lines.setdefault(line, []).append(pixels)
    ends = {line: max(x + w for x, _, w, _ in boxes) for line, boxes in lines.items()}
    if not ends:
        return set()
    margin = sorted(ends.values())[int(0.9 * (len(ends) - 1))]
    out, keys = set(), list(lines)
    for line, nxt in zip(keys, keys[1:]):
        boxes = lines[line]
        height = sorted(h for *_, h in boxes)[len(boxes) // 2]
        if line[0] == nxt[0] and margin - ends[line] < lines[nxt][0][2] + height:
            out.add(line)
    return out


def _place(box, turn: int, angle: float, level_size, size, scale: float) -> tuple[float, ...]:
    """A box of the upright, levelled image back on the page as it was rendered (turned
    `turn` degrees and then `angle` degrees counter-clockwise), in PDF points."""
    x, y, w, h = box
    corners = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
    if angle:  # undo the levelling: turn back about the image centre
        cx, cy = level_size[0] / 2, level_size[1] / 2
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        corners = [(cx + (px - cx) * cos - (py - cy) * sin, cy + (px - cx) * sin + (py - cy) * cos)
                   for px, py in corners]
    width, height = size
    for i in range(turn // 90, 0, -1):  # undo the quarter turns, last first
        before_width = width if (i - 1) % 2 == 0 else height
        corners = [(before_width - py, px) for px, py in corners]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return tuple(round(v * scale, 1) for v in (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))


if __name__ == "__main__":  # `make install`: say what to install when OCR cannot run
    try:
        check()
    except OcrUnavailable as exc:
        print(f"note: scanned PDFs will not be read: {exc} (or: bash scripts/system-deps.sh)")
