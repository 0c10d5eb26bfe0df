"""OCR of scanned PDFs: pages printed from our own sentences and scanned (bench/scans.py), read
back by Tesseract through the whole pipeline, and what happens when Tesseract is missing.
A scanned page takes Tesseract a few seconds, so there are few of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from bench.scans import ScanStyle, scanned_pdf
from pipeline.cli import cli
from pipeline.load.ocr import _assemble, _place
from pipeline.load.scans import garbage
from pipeline.process import process

SENTENCES = {
    "ja": ("2024年3月15日、日本とベトナムは環境省の主催によりハノイで合同委員会を開催した。",
           "合同委員会", {"JPN", "VNM"}, "2024-03-15"),
    "vi": ("Ngày 12/9/2024, Việt Nam và Nhật Bản đã ký kết Bản ghi nhớ hợp tác về môi trường tại Hà Nội.",
           "Bản ghi nhớ hợp tác", {"JPN", "VNM"}, "2024-09-12"),
    "en": ("On 4 June 2023, Japan and Mongolia held a meeting of the Joint Committee in Ulaanbaatar.",
           "Joint Committee", {"JPN", "MNG"}, "2023-06-04"),
}


def _facts(done, field: str) -> set:
    return {getattr(m, "iso3", None) or getattr(m, "value", None)
            for _, _, m in done.mentions if m.FIELD == field}


@pytest.mark.parametrize("lang", ["ja", "vi", "en"])
def test_scanned_page_gives_its_text_and_facts(tmp_path: Path, lang: str) -> None:
    sentence, phrase, countries, date = SENTENCES[lang]
    pdf = scanned_pdf(f"{sentence}\n{sentence}", tmp_path / f"{lang}.pdf")
    done = process(pdf, pdf.name)
    assert done.status == "ok", done.error
    assert done.lang == lang
    assert phrase in done.document.text
    assert _facts(done, "countries") >= countries
    assert date in _facts(done, "dates")
    assert any("read by OCR" in w for w in done.warnings)
    # every word has a box on the A4 page (595 x 842 pt) and a confidence
    words = done.document.ocr
    assert words and all(0 <= w.box[0] < 595 and 0 <= w.box[1] < 842 and w.box[2] > 0 for w in words)
    assert sum(w.conf for w in words) / len(words) > 60


def test_page_scanned_sideways_is_turned_upright(tmp_path: Path) -> None:
    sentence = SENTENCES["en"][0]
    pdf = scanned_pdf("\n".join([sentence] * 4), tmp_path / "sideways.pdf",
                      ScanStyle(quarter_turns=1))
    done = process(pdf, pdf.name)
    assert done.status == "ok", done.error
    assert "Ulaanbaatar" in done.document.text
    assert any("turned pages 1 by" in w for w in done.warnings)
    # boxes are on the page as it lies in the PDF: landscape, 842 x 595 pt, text running upwards
    words = done.document.ocr
    assert all(w.box[0] + w.box[2] <= 843 and w.box[1] + w.box[3] <= 596 for w in words)
    first = next(w for w in words if done.document.text[w.start:w.end] == "On")
    assert first.box[3] > first.box[2]  # a word standing on end: taller than wide
    assert first.box[1] > 400  # the first line starts near the bottom of the turned page


def _text_page(path: Path, sentence: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawString(72, 760, sentence)
    canvas.save()
    return path


def _mixed_pdf(tmp_path: Path) -> Path:
    """Page 1 with a text layer (English), page 2 a scan (Vietnamese)."""
    text = _text_page(tmp_path / "text.pdf", "On 2 May 2022, Japan and Thailand signed a memorandum in Bangkok.")
    scan = scanned_pdf(SENTENCES["vi"][0], tmp_path / "scan.pdf")
    merged = pdfium.PdfDocument(str(text))
    merged.import_pages(pdfium.PdfDocument(str(scan)))
    out = tmp_path / "in" / "mixed.pdf"
    out.parent.mkdir()
    merged.save(str(out))
    return out


def test_mixed_pdf_keeps_text_and_scanned_pages(tmp_path: Path, db_url: str) -> None:
    pdf = _mixed_pdf(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", str(pdf.parent), "--db", db_url, "-q"])
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    blocks = con.execute("SELECT page, lang, ocr_conf IS NOT NULL, ocr_low FROM blocks ORDER BY idx").fetchall()
    assert {(p, lang, ocr) for p, lang, ocr, _ in blocks} == {(1, "en", 0), (2, "vi", 1)}
    assert all(low == 0 for p, _, _, low in blocks if p == 2)
    facts = dict(con.execute("SELECT m.surface, m.ocr_boxes FROM mentions m WHERE field = 'countries'"))
    assert facts["Thailand"] is None  # from the text layer: no boxes
    boxes = next(b for s, b in facts.items() if s == "Việt Nam")
    assert boxes and len(eval(boxes)[0]) == 5  # [x, y, w, h, conf] of each word
    dates = {v for (v,) in con.execute("SELECT value FROM fact_dates")}
    assert {"2022-05-02", "2024-09-12"} <= dates


def test_without_tesseract_scans_fail_with_the_install_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JCMKG_TESSERACT", str(tmp_path / "no" / "tesseract"))
    scan = scanned_pdf(SENTENCES["en"][0], tmp_path / "scan.pdf")
    done = process(scan, scan.name)
    assert (done.status, done.stage) == ("failed", "ocr")
    assert "apt-get install tesseract-ocr tesseract-ocr-jpn" in done.error
    mixed = process(_mixed_pdf(tmp_path), "mixed.pdf")  # the text page is kept
    assert mixed.status == "ok" and "Thailand" in mixed.document.text
    assert any("pages 2 are scanned and were not read" in w and "apt-get" in w for w in mixed.warnings)


def test_no_ocr_flag_records_the_scan_as_failed(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    scanned_pdf(SENTENCES["en"][0], folder / "scan.pdf")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db_url, "-q", "--no-ocr"])
    assert "FAILED scan.pdf [ocr]: PDF has no text layer (scanned) and OCR is off (--no-ocr)" in result.output


def test_garbage_text_layer() -> None:
    assert garbage("(cid:12)(cid:40)(cid:7) (cid:9)(cid:33)(cid:81)(cid:2)(cid:4)")
    assert garbage(" ".join(chr(0xE010 + i) * 3 for i in range(10)))  # private-use glyph codes
    assert not garbage("On 4 June 2023, Japan and Mongolia held a meeting.")
    assert not garbage("")


def test_boxes_turned_back_onto_the_page() -> None:
    # a 100 x 50 px page turned a quarter counter-clockwise is 50 x 100; the box at its top-left
    # (x 0-10, y 0-20) came from the page's top-right corner
    assert _place((0, 0, 10, 20), 90, 0, (50, 100), (100, 50), 1.0) == (80, 0, 20, 10)
    assert _place((0, 0, 10, 20), 180, 0, (100, 50), (100, 50), 1.0) == (90, 30, 10, 20)
    assert _place((0, 0, 10, 20), 0, 0, (100, 50), (100, 50), 0.5) == (0, 0, 5, 10)
    # levelled by 90 degrees about the centre (50, 25): the box's corners turn back
    assert _place((40, 20, 10, 10), 0, 90, (100, 50), (100, 50), 1.0) == (45, 15, 10, 10)


def _tesseract_words(lines: list[tuple[int, list[tuple[str, int, int]]]]) -> dict:
    """image_to_data's dict for lines of (block, [(word, left, width)]), 20 px high, 30 apart."""
    data = {k: [] for k in ("text", "left", "top", "width", "height", "conf", "block_num", "par_num", "line_num")}
    for n, (block, words) in enumerate(lines):
        for word, left, w in words:
            for k, v in zip(data, (word, left, 30 * n, w, 20, 95.0, block, 1, n)):
                data[k].append(v)
    return data


def test_lines_the_page_wrapped_are_joined_and_short_lines_end() -> None:
    # lines end at 400 px (the margin) where the next word (width 60) would not have fitted;
    # "Hà Nội." stops short, so the paragraph ends; the heading stops short too
    data = _tesseract_words([
        (1, [("Hội", 0, 40), ("thảo", 50, 50)]),
        (2, [("Hai", 0, 40), ("bên", 50, 40), ("đã", 100, 30), ("ký", 140, 30), ("ngày", 330, 70)]),
        (2, [("12/9/2024", 0, 120), ("tại", 130, 40), ("Hà", 180, 30), ("Nội.", 220, 50)]),
        (2, [("Dự", 0, 30), ("án", 40, 30), ("thứ", 80, 40), ("nhất", 130, 60), ("được", 340, 60)]),
        (2, [("đăng", 0, 60), ("ký.", 70, 40)]),
    ])
    page = _assemble(data, [], lambda box: box)
    assert page.text == "Hội thảo\n\nHai bên đã ký ngày 12/9/2024 tại Hà Nội.\nDự án thứ nhất được đăng ký."
    assert [page.text[w.start:w.end] for w in page.words][6:8] == ["ngày", "12/9/2024"]
    unflowed = _assemble(data, [], lambda box: box, reflow=False)  # columns read down: every line ends
    assert unflowed.text == "Hội thảo\n\nHai bên đã ký ngày\n12/9/2024 tại Hà Nội.\nDự án thứ nhất được\nđăng ký."


def test_ruled_table_in_a_scan_keeps_rows_and_cells(tmp_path: Path) -> None:
    from bench.scans import render_table_page, save_pdf, scan

    rows = [["Partner", "Signed", "Projects"], ["Mongolia", "2013", "12"], ["Kenya", "2015", "4"],
            ["Chile", "2016", "7"]]
    page = scan(render_table_page("Partner countries (sample)", rows), ScanStyle(), seed=3)
    pdf = save_pdf([page], tmp_path / "table.pdf", 200)
    done = process(pdf, pdf.name)
    assert done.status == "ok", done.error
    (table,) = done.document.tables
    assert (table.source, table.n_rows, table.n_cols, table.header_rows) == ("ocr-ruled", 4, 3, 1)
    assert [c.text for c in table.row(2)][:2] == ["Kenya", "2015"]
    assert table.row(2)[2].text.startswith("4")  # a speck of the scan may follow it
    assert table.header_of(2) == "Projects"
    assert {"MNG", "KEN", "CHL"} <= _facts(done, "countries")
    kenya = next(w for w in done.document.ocr if done.document.text[w.start:w.end] == "Kenya")
    assert 50 < kenya.box[0] < 120  # first column, near the left margin (0.8 in = 58 pt)


def test_vertical_japanese_page_is_read_down_its_columns(tmp_path: Path) -> None:
    from bench.scans import render_vertical_page, save_pdf, scan

    text = ("日本とフィリピンの協力について\n"
            "二〇二三年十一月八日、日本国政府とフィリピン共和国政府は、マニラにおいて、"
            "二国間クレジット制度に関する協力覚書に署名した。\n"
            "両国は、年内に合同委員会を開催する予定である。")
    pdf = save_pdf([scan(render_vertical_page(text), ScanStyle(), seed=11)], tmp_path / "tate.pdf", 200)
    done = process(pdf, pdf.name)
    assert done.status == "ok", done.error
    assert done.lang == "ja"
    assert "二国間クレジット制度に関する協力覚書に署名した" in done.document.text
    assert any("jpn_vert" in w for w in done.warnings)
    assert _facts(done, "countries") >= {"JPN", "PHL"}
    assert "2023-11-08" in _facts(done, "dates")  # written in kanji numerals
    # the first column is the rightmost: its first character sits near the top right of the page
    first = done.document.ocr[0]
    assert first.box[0] > 450 and first.box[1] < 120
