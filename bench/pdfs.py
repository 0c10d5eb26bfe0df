"""Multi-page PDFs for the loader benchmark, drawn with reportlab from the sample texts.

Text PDFs hold prose only (Japanese in a CID font, English in Helvetica, Vietnamese in
DejaVuSans when the system has it), one page per `PageBreak`; table PDFs hold a ruled table on
every page, the case where the loader calls pdfplumber. Output is byte-stable.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from xml.sax.saxutils import escape

from bench.corpus import sources

rl_config.invariant = 1
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Characters of prose per page: well inside one A4 page at 10 pt, so each page break is ours.
PAGE_CHARS = {"ja": 900, "vi": 2000, "en": 2200}
_TAG = re.compile(r"<[^>]+>")
TABLE_ROWS = [  # (partner, signed, registered, issued, model projects): made up for the bench
    ("Mongolia", "Jan 2013", 6, 4, 8), ("Bangladesh", "Mar 2013", 3, 2, 5),
    ("Kenya", "Jun 2013", 2, 1, 4), ("Viet Nam", "Jul 2013", 17, 8, 52),
    ("Indonesia", "Aug 2013", 21, 9, 55), ("Cambodia", "Apr 2014", 3, 1, 6),
    ("Thailand", "Nov 2015", 12, 6, 53), ("Philippines", "Jan 2017", 5, 1, 21),
]


def _font(lang: str) -> str | None:
    """The registered font that can draw `lang`, or None when the system lacks it."""
    if lang == "ja":
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
        return "HeiseiMin-W3"
    if lang == "vi":
        if not DEJAVU.exists():
            return None
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        return "DejaVuSans"
    return "Helvetica"


def _paragraphs(corpora: Path, lang: str) -> list[str]:
    """Prose paragraphs of the `lang` samples (no pipe-table lines, no markup)."""
    out = []
    for src in sources(corpora, lang):
        text = _TAG.sub(" ", src.text) if src.kind == "html" else src.text
        for para in re.split(r"\n\s*\n", text):
            para = " ".join(line.strip() for line in para.splitlines() if "|" not in line).strip()
            if len(para) >= 40:
                out.append(para)
    return out


def text_pdf(corpora: Path, lang: str, pages: int, out: Path) -> Path | None:
    """A `pages`-page PDF of `lang` prose; None when no font can draw the language."""
    font = _font(lang)
    if font is None:
        return None
    style = ParagraphStyle("b", fontName=font, fontSize=10, leading=14, spaceAfter=4,
                           wordWrap="CJK" if lang == "ja" else None)
    paras, story, k = _paragraphs(corpora, lang), [], 0
    for page in range(pages):
        size = 0
        while size < PAGE_CHARS[lang]:
            para = paras[k % len(paras)]
            story.append(Paragraph(escape(f"{page + 1}-{k}. {para}"), style))
            size, k = size + len(para), k + 1
        story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4, title=f"bench {lang} text").build(story[:-1])
    return out


def table_pdf(pages: int, out: Path) -> Path:
    """A `pages`-page PDF with a short paragraph and a ruled partner table on each page."""
    style = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=14)
    story = []
    for page in range(pages):
        rows = [["Partner", "Signed", "Registered", "Issued", "Model projects"]]
        rows += [[name, signed, str(a + page), str(b), str(c + page)] for name, signed, a, b, c in TABLE_ROWS]
        table = Table(rows, colWidths=[40 * mm, 26 * mm, 26 * mm, 26 * mm, 30 * mm])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("FONT", (0, 0), (-1, -1), "Helvetica", 10)]))
        story += [Paragraph(f"Table {page + 1}. JCM projects by partner country, report {page + 1}.",
                            style), table, PageBreak()]
    SimpleDocTemplate(str(out), pagesize=A4, title="bench tables").build(story[:-1])
    return out
