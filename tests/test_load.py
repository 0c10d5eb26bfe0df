"""Loaders: real files of every format (built here in tmp_path) through `load`, asserting on the
text, blocks, tables and errors they give."""

from __future__ import annotations

import unicodedata
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.load.decode import decode
from pipeline.load import EmptyDocument, LoadError, load
from pipeline.load.blocks import text_spans
from pipeline.load.docx import load_docx

JA = "日本国環境省とベトナム天然資源環境省は、2021年10月14日に低炭素成長に関する協力覚書を更新した。"
VI = "Thứ trưởng Bộ Nông nghiệp và Môi trường và Đại sứ Nhật Bản đã ký kết bản ghi nhớ hợp tác về môi trường."
EN = "The Joint Committee approved three methodologies for energy efficiency in Ulaanbaatar."


def check_blocks(doc) -> None:
    """The block contract: in order, not overlapping, non-empty, trimmed, cells point into text."""
    end = 0
    for i, b in enumerate(doc.blocks):
        piece = doc.text[b.start:b.end]
        assert b.index == i and b.start >= end and piece and piece == piece.strip()
        end = b.end
    for t in doc.tables:
        assert all(doc.text[c.start:c.end] == c.text for c in t.cells)
    assert doc.text == unicodedata.normalize("NFC", doc.text)


def blocks(doc) -> list[tuple[str, str]]:
    return [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: base letters with separate combining tone marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


# --- decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, data, encoding",
    [
        (JA, JA.encode("cp932"), "cp932"),
        (JA, JA.encode("euc_jp"), "euc_jp"),
        (JA, JA.encode("utf-16-le"), "utf-16-le"),
        (JA, JA.encode("utf-16-be"), "utf-16-be"),
        (EN, EN.encode("utf-16-le"), "utf-16-le"),
        (VI, VI.encode("utf-8-sig"), "utf-8"),
        (VI, VI.encode("utf-32"), "utf-32-le"),
        (VI, cp1258(VI), "cp1258"),
        (JA, JA.encode("iso2022_jp"), "iso2022_jp"),
    ],
)
def test_decode_finds_the_encoding(text, data, encoding):
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, encoding, ())


def test_decode_honours_html_meta_charset_and_ignores_a_wrong_one():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>' + JA
    assert decode(page.encode("cp932"), html=True).encoding == "cp932"
    lying = '<meta charset="euc-jp"><p>' + JA
    assert decode(lying.encode("utf-8"), html=True).text == lying


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(JA + VI + EN + "\n\t ")), max_size=80))
def test_decode_round_trips_utf8_and_returns_nfc(text):
    decoded = decode(unicodedata.normalize("NFD", text).encode("utf-8"))
    assert decoded.text == unicodedata.normalize("NFC", text)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_decode_never_raises_on_bad_bytes(data):
    decoded = decode(data)
    assert isinstance(decoded.text, str) and decoded.encoding


# --- plain text ------------------------------------------------------------------------------


def test_text_in_legacy_encodings_loads_as_nfc(tmp_path):
    doc = load(write(tmp_path, "a.txt", JA.encode("cp932") + b"\r\n\r\n" + JA.encode("cp932")))
    assert doc.text == JA + "\n\n" + JA and doc.encoding == "cp932"
    nfd = load(write(tmp_path, "v.txt", unicodedata.normalize("NFD", VI).encode("utf-8")))
    assert nfd.text == VI
    assert load(write(tmp_path, "w.txt", cp1258(VI))).text == VI


def test_wrapped_pdf_dump_lines_join_into_sentences(tmp_path):
    text = (
        "日本国環境大臣とベトナム天然資源環境大臣との間の 2050 年までのカーボンニュー\n\n"
        "トラルに向けた気候変動に関する共同協力計画 \n\n \n\n"
        "両大臣は、 \n\n2050 年までに脱炭素社会を実現するとの意思を表明した両国首相の声明を認\n\n"
        "識し、以下のように合意した： \n\n"
        "１． 両省は、二国間クレジット制度の実施による共同プロジェクトの開発を通じて協力を\n\n"
        "強化する。 \n\n"
        "２． 両省は合同作業部会を設置する。\n\n"
        "2021 年 11 月 24 日に東京で署名した。\n"
    )
    doc = load(write(tmp_path, "p.txt", text.encode()))
    check_blocks(doc)
    assert blocks(doc) == [
        ("paragraph", "日本国環境大臣とベトナム天然資源環境大臣との間の 2050 年までのカーボンニュー\n\n"
                      "トラルに向けた気候変動に関する共同協力計画"),
        ("paragraph", "両大臣は、 \n\n2050 年までに脱炭素社会を実現するとの意思を表明した両国首相の声明を認\n\n"
                      "識し、以下のように合意した："),
        ("list_item", "１． 両省は、二国間クレジット制度の実施による共同プロジェクトの開発を通じて協力を\n\n"
                      "強化する。"),
        ("list_item", "２． 両省は合同作業部会を設置する。"),
        ("paragraph", "2021 年 11 月 24 日に東京で署名した。"),
    ]


def test_one_paragraph_per_line_text_keeps_headings_and_items_apart():
    text = (
        "Quan hệ hợp tác\n"
        "Việt Nam và Nhật Bản đã ký kết cơ chế JCM vào năm 2013, ngày 14 tháng\n"
        "06 năm 2005 là ngày ký.\n"
        "- Dự án thứ nhất\n- Dự án thứ hai\n"
        "Two countries signed the plan on 24 November 2021.\n"
    )
    spans = [(kind, text[s:e]) for s, e, kind in text_spans(text)]
    assert spans == [
        ("heading", "Quan hệ hợp tác"),
        ("paragraph", "Việt Nam và Nhật Bản đã ký kết cơ chế JCM vào năm 2013, ngày 14 tháng\n"
                      "06 năm 2005 là ngày ký."),
        ("list_item", "- Dự án thứ nhất"),
        ("list_item", "- Dự án thứ hai"),
        ("paragraph", "Two countries signed the plan on 24 November 2021."),
    ]


def test_a_japanese_date_broken_across_lines_keeps_its_lines_together():
    # PDF text wraps inside a date: a short line ending on "2023 年 9 月" goes on with "14 日に…"
    # (or "… 3 月 8" with "日に…"); a line that only starts with 日本 after it starts a new block
    head = "経済産業省とタイ王国エネルギー省との間のエネルギー分野における協力に関する覚書\n"
    tail = "本覚書の有効期間は 3 年間とし、双方の合意により延長することができるものとする。\n"
    for short, rest in (("は、2023 年 9 月", "14 日にバンコクで署名された。"),
                        ("は、2022 年 3 月 8", "日にバンコクで署名された。")):
        text = head + short + "\n" + rest + tail
        assert any(short + "\n" + rest in text[s:e] for s, e, _ in text_spans(text))
    text = head + "は、2023 年 9 月\n" + "日本側の委員会で了承された。" + tail
    assert not any("9 月\n日本" in text[s:e] for s, e, _ in text_spans(text))


def test_a_line_that_starts_with_a_vietnamese_capital_starts_a_new_block():
    # Đ, Ơ and Ạ-Ỹ lie inside the range à-ỹ: they are capitals all the same, so the dateline is no
    # continuation of the short title line above it
    body = ("Ủy ban hỗn hợp của hai nước đã họp lần thứ ba tại thành phố và thông qua các quy tắc\n"
            "mới về đăng ký dự án, cùng với kế hoạch làm việc cho năm tới của cơ chế tín chỉ chung\n"
            "giữa hai nước.")
    text = "Hội thảo về Cơ chế tín chỉ chung\nĐà Nẵng, ngày 14 tháng 8 năm 2025\n" + body
    spans = [text[s:e] for s, e, _ in text_spans(text)]
    assert spans == ["Hội thảo về Cơ chế tín chỉ chung", "Đà Nẵng, ngày 14 tháng 8 năm 2025", body]


@pytest.mark.parametrize(
    "data, error, message",
    [
        (b"", EmptyDocument, "file is empty"),
        (b" \r\n\t\n", EmptyDocument, "file has only whitespace"),
        (bytes(range(256)) * 20, LoadError, "binary data, not text"),
    ],
)
def test_text_errors(tmp_path, data, error, message):
    with pytest.raises(error, match=message):
        load(write(tmp_path, "x.txt", data))


def test_images_and_wrong_extensions_are_refused(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(100)
    with pytest.raises(LoadError, match="PNG image"):
        load(write(tmp_path, "scan.pdf", png))
    with pytest.raises(LoadError, match="not a PDF"):
        load(write(tmp_path, "a.pdf", b"hello, I am text"))
    with pytest.raises(LoadError, match=r"not a DOCX file \(not a zip archive\)"):
        load(write(tmp_path, "a.docx", b"hello, I am text"))


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html [
 <!ENTITY a "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<html><head><meta charset="shift_jis"><title>日越環境政策対話の結果について | 環境省</title>
<script>var menu = "ホーム";</script><style>p { color: red }</style></head>
<body>
<header class="site-header"><ul><li><a href="/">ホーム</a></li><li>報道発表</li></ul></header>
<nav><a href="/a">メニュー</a></nav><div class="breadcrumb">TOP &gt; 報道発表</div>
<main>
<h1>第9回日本・ベトナム環境政策対話の結果について</h1>
<p>令和6年10月4日に、ハノイにおいて<b>第9回</b>日本・ベトナム
環境政策対話を開催しました。<br>両国の環境大臣が出席しました。</p>
<p style="display:none">非表示の文</p><div hidden>隠し</div><!-- 注釈 -->
<p>&b;</p>
<ul><li>気候変動対策</li><li>廃棄物管理<ul><li>海洋プラスチック</li></ul></li></ul>
<table><caption>JCMパートナー国</caption>
<thead><tr><th rowspan="2">国名</th><th colspan="2">署名</th></tr><tr><th>時期</th><th>場所</th></tr></thead>
<tr><td>ベトナム</td><td>2013年7月</td><td rowspan="2">ハノイ</td></tr>
<tr><td><span>ラオス</span></td><td>2013年8<br>月</td></tr>
</table>
<form><input value="検索"><label>キーワード</label></form>
</main>
<footer><p>Copyright 環境省</p></footer>
</body></html>"""


def test_html_main_text_blocks_and_table(tmp_path):
    doc = load(write(tmp_path, "page.html", PAGE.encode("cp932")))
    check_blocks(doc)
    assert (doc.encoding, doc.title) == ("cp932", "日越環境政策対話の結果について | 環境省")
    assert blocks(doc) == [
        ("heading", "第9回日本・ベトナム環境政策対話の結果について"),
        ("paragraph", "令和6年10月4日に、ハノイにおいて第9回日本・ベトナム環境政策対話を開催しました。"),
        ("paragraph", "両国の環境大臣が出席しました。"),
        ("paragraph", "&b;"),  # DTD entities are never expanded
        ("list_item", "気候変動対策"),
        ("list_item", "廃棄物管理"),
        ("list_item", "海洋プラスチック"),
        ("paragraph", "JCMパートナー国"),
        ("table_row", "国名 | 署名 | 署名"),
        ("table_row", "国名 | 時期 | 場所"),
        ("table_row", "ベトナム | 2013年7月 | ハノイ"),
        ("table_row", "ラオス | 2013年8月 | ハノイ"),
    ]
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols, table.header_rows, table.caption) == (4, 3, 2, "JCMパートナー国")
    assert [table.header_of(c) for c in range(3)] == ["国名", "署名 / 時期", "署名 / 場所"]
    assert [c.text for c in table.row(3)] == ["ラオス", "2013年8月", "ハノイ"]


def test_html_without_main_keeps_all_content_and_reads_layout_tables_as_text(tmp_path):
    page = (
        "<html><body><div class='menu'><a>Home</a></div>"
        "<table><tr><td><table><tr><td>x</td><td>y</td></tr></table></td>"
        f"<td><p>{EN}</p><p>{VI}</p></td></tr></table>"
        "<div><h2>Outcome</h2>Both sides signed the memorandum.</div></body></html>"
    )
    doc = load(write(tmp_path, "page.htm", page.encode()))
    check_blocks(doc)
    texts = [t for _, t in blocks(doc)]
    assert EN in texts and VI in texts and ("heading", "Outcome") in blocks(doc)
    assert "Both sides signed the memorandum." in texts and "Home" not in doc.text


# --- DOCX ------------------------------------------------------------------------------------


def make_docx(path):
    import docx

    document = docx.Document()
    document.add_heading("Kế hoạch hợp tác chung", level=1)
    document.add_paragraph(VI)
    document.add_paragraph("Dự án thứ nhất", style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([("Quốc gia", "Ngày ký"), ("Việt Nam", "07/2013"), ("Lào", "08/2013")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def test_docx_paragraphs_headings_and_tables(tmp_path):
    doc = load(make_docx(tmp_path / "plan.docx"))
    check_blocks(doc)
    assert blocks(doc) == [
        ("heading", "Kế hoạch hợp tác chung"),
        ("paragraph", VI),
        ("list_item", "Dự án thứ nhất"),
        ("table_row", "Quốc gia | Ngày ký"),
        ("table_row", "Việt Nam | 07/2013"),
        ("table_row", "Lào | 08/2013"),
    ]
    assert doc.tables[0].header_of(1) == "Ngày ký" and doc.title == "Kế hoạch hợp tác chung"


def test_docx_zip_bomb_and_foreign_zip_are_refused(tmp_path):
    path = make_docx(tmp_path / "big.docx")
    with pytest.raises(LoadError, match="over the") as caught:
        load_docx(path, max_uncompressed=10_000)
    assert caught.value.stage == "limits"
    other = tmp_path / "notes.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(LoadError, match="without word/document.xml"):
        load(other)


# --- PDF -------------------------------------------------------------------------------------


def canvas(path, **kw):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    return Canvas(str(path), pagesize=A4, **kw), A4[1]


def test_pdf_ruled_table_replaces_its_text(tmp_path):
    c, top = canvas(tmp_path / "t.pdf")
    c.drawString(72, top - 60, "Partner countries of the JCM are listed below.")
    rows = [["Country", "Signed", "Projects"], ["Mongolia", "January 2013", "10"],
            ["Viet Nam", "July 2013", "50"]]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            c.drawString(76 + j * 150, top - 114 - i * 20, cell)
    for i in range(len(rows) + 1):
        c.line(72, top - 100 - i * 20, 522, top - 100 - i * 20)
    for j in range(4):
        c.line(72 + j * 150, top - 100, 72 + j * 150, top - 160)
    c.drawString(72, top - 200, "The table ends here.")
    c.save()
    doc = load(tmp_path / "t.pdf")
    check_blocks(doc)
    assert blocks(doc) == [
        ("paragraph", "Partner countries of the JCM are listed below."),
        ("table_row", "Country | Signed | Projects"),
        ("table_row", "Mongolia | January 2013 | 10"),
        ("table_row", "Viet Nam | July 2013 | 50"),
        ("paragraph", "The table ends here."),
    ]
    assert {b.page for b in doc.blocks} == {1} and doc.pages == [(0, len(doc.text))]
    assert (doc.tables[0].source, doc.tables[0].header_of(2)) == ("pdf-ruled", "Projects")


def test_pdf_unruled_table_is_found_from_aligned_columns(tmp_path):
    c, top = canvas(tmp_path / "u.pdf")
    c.drawString(72, top - 60, "Registered projects by partner country.")
    rows = [["Country", "Projects", "Credits"], ["Mongolia", "10", "4"], ["Thailand", "51", "5"],
            ["Indonesia", "51", "8"]]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            c.drawString(72 + j * 140, top - 100 - i * 18, cell)
    c.save()
    doc = load(tmp_path / "u.pdf")
    check_blocks(doc)
    (table,) = doc.tables
    assert table.source == "pdf-text"
    assert [[c.text for c in table.row(r)] for r in range(table.n_rows)] == rows


def test_pdf_japanese_text_and_wrapped_lines(tmp_path):
    c, top = canvas(tmp_path / "j.pdf")
    c.setFont("HeiseiMin-W3", 10)
    lines = ["日本国環境省とベトナム天然資源環境省は、2021 年 11 月 24 日に東京で共同協力",
             "計画に署名し、二国間クレジット制度の下で脱炭素プロジェクトを形成することに合意",
             "した。", "１． 両省は合同作業部会を設置する。"]
    for i, line in enumerate(lines):
        c.drawString(50, top - 60 - i * 15, line)
    c.save()
    doc = load(tmp_path / "j.pdf")
    check_blocks(doc)
    assert blocks(doc) == [("paragraph", "\n".join(lines[:3])), ("list_item", lines[3])]


def test_pdf_two_interleaved_columns_are_read_column_by_column(tmp_path):
    c, top = canvas(tmp_path / "c.pdf")
    left = ["The first Joint Committee met in Hanoi", "and approved two methodologies."] * 3
    right = ["Delegates from Japan and Viet Nam", "agreed to register three projects."] * 3
    for i, (a, b) in enumerate(zip(left, right)):  # written line by line across the columns
        c.drawString(72, top - 100 - i * 14, a)
        c.drawString(320, top - 100 - i * 14, b)
    c.save()
    doc = load(tmp_path / "c.pdf")
    check_blocks(doc)
    text = [t for _, t in blocks(doc)]
    assert text == ["The first Joint Committee met in Hanoi \nand approved two methodologies."] * 3 + [
        "Delegates from Japan and Viet Nam\nagreed to register three projects."] * 3


def test_pdf_table_over_a_page_break_is_one_table(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from reportlab.lib.styles import getSampleStyleSheet

    data = [["Country", "Signed", "Projects"]] + [[f"Country {i}", f"{2013 + i % 10}", str(i)]
                                                  for i in range(1, 71)]
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    story = [Paragraph("Signing dates of the partner countries.", getSampleStyleSheet()["Normal"]), table]
    SimpleDocTemplate(str(tmp_path / "long.pdf"), pagesize=A4).build(story)
    doc = load(tmp_path / "long.pdf")
    check_blocks(doc)
    (merged,) = doc.tables
    assert (merged.n_rows, merged.n_cols, merged.page) == (71, 3, 1)
    assert [c.text for c in merged.row(70)] == ["Country 70", "2013", "70"]
    assert {b.page for b in doc.blocks if b.kind == "table_row"} == {1, 2}


def test_pdf_errors(tmp_path):
    c, _ = canvas(tmp_path / "enc.pdf", encrypt="secret")
    c.drawString(72, 700, "hidden")
    c.save()
    c, _ = canvas(tmp_path / "blank.pdf")
    c.rect(100, 100, 200, 200)
    c.save()
    good = (tmp_path / "enc.pdf").read_bytes()
    cases = {
        "enc.pdf": "PDF is encrypted",
        "blank.pdf": "PDF has no text layer and no scanned page to OCR",
        "cut.pdf": "damaged or not a PDF",
    }
    write(tmp_path, "cut.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4)
    for name, message in cases.items():
        with pytest.raises(LoadError, match=message) as caught:
            load(tmp_path / name)
        assert caught.value.stage == "pdf"
    assert good.startswith(b"%PDF")
    with pytest.raises(LoadError, match="-page limit") as caught:
        load(tmp_path / "blank.pdf", max_pages=0)
    assert caught.value.stage == "limits"
