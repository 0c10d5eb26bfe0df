"""Builds the three held-out PDFs (fictional sample content written for this project).

- ja/jc_philippines_results.pdf: Japanese JC results with spaced digits ("2024 年 3 月 15 日"),
  an agenda and a ruled table, in the non-embedded CID fonts HeiseiMin-W3 / HeiseiKakuGo-W5.
- vi/thong_tu_jcm.pdf: a Vietnamese circular (Thông tư) with a borderless two-cell letterhead,
  in DejaVuSans (system copy or matplotlib's bundled one).
- en/brief_jcm_pipelines_2col.pdf: an English think-tank brief set in two columns (two frames per
  page, plus a full-width title frame on page 1), with a running header and footer.

Output is deterministic (rl_config.invariant). Usage: python scripts/make_blind_pdfs.py [OUT_DIR] (default: corpora/blind)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate,
                                Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)
from pdf_fonts import dejavu_path, slim_font  # noqa: E402  (this folder)

rl_config.invariant = 1
rl_config.useA85 = 0  # plain Flate streams: smaller files
HERE = Path(__file__).resolve().parent


def style(name: str, font: str, size: float, leading: float, cjk: bool = False, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                          wordWrap="CJK" if cjk else None, **kw)


# --- ja: JC results, spaced digits, agenda, ruled table ----------------------------------------

JA_LINES = [
    ("right", "令和 6 年 3 月 18 日"),
    ("right", "環境省地球環境局国際連携課"),
    ("right", "経済産業省産業技術環境局"),
    ("title", "第 4 回日本・フィリピン JCM 合同委員会の結果について"),
    ("small", "[Sample document - fictional content]"),
    ("p", "　2024 年 3 月 15 日（金）、フィリピン共和国マニラ市において、"
          "第 4 回日本・フィリピン JCM 合同委員会が開催されました。"
          "結果の概要は以下のとおりです。"),
    ("h", "1．開催概要"),
    ("p", "日時：2024 年 3 月 15 日（金）10 時 00 分～12 時 30 分（現地時間）"),
    ("p", "場所：マニラ（フィリピン環境天然資源省 会議室）及びオンライン"),
    ("p", "出席者：両国関係者 約 40 名"),
    ("p", "（日本側：環境省、経済産業省、在フィリピン日本国大使館ほか／"
          "フィリピン側：環境天然資源省、エネルギー省ほか）"),
    ("h", "2．議事次第"),
    ("p", "（1）開会挨拶（両共同議長）"),
    ("p", "（2）第 3 回合同委員会（2023 年 2 月、東京）以降の進捗報告"),
    ("p", "（3）プロジェクトの登録"),
    ("p", "（4）クレジット発行量の決定"),
    ("p", "（5）その他（次回合同委員会の開催等）"),
    ("p", "（6）閉会"),
    ("h", "3．主な結果"),
    ("p", "（1）下表の 3 件のプロジェクトが新たに登録され、"
          "フィリピンにおける JCM 登録プロジェクトは累計 9 件となりました。"),
    ("p", "（2）モニタリング期間 2023 年 1 月 1 日～2023 年 12 月 31 日について、"
          "2 件のプロジェクトからのクレジット発行量が決定されました。"),
    ("p", "（3）JCM に関する二国間文書（2017 年 1 月署名）に基づき、"
          "パリ協定第 6 条 2 に沿った相当調整の手続を進めることを確認しました。"),
    ("p", "（4）次回合同委員会の日程は、外交ルートを通じて調整することとなりました。"),
    ("table", None),
    ("h", "4．問い合わせ先"),
    ("p", "環境省 地球環境局 国際連携課 国際協力・環境インフラ戦略室"),
    ("p", "代表 03-3581-0000　直通 03-5521-0000"),
]

JA_TABLE = [
    ["No.", "プロジェクト名", "実施場所", "代表事業者", "想定削減量\n（tCO2/年）"],
    ["1", "商業施設への高効率冷凍機の導入", "ケソン市", "みなと冷熱株式会社", "1,240"],
    ["2", "工場屋根置き太陽光発電システムの導入", "ラグナ州", "株式会社ひかり電工", "3,860"],
    ["3", "病院への省エネ型空調設備の導入", "セブ市", "東西設備工業株式会社", "720"],
]


def build_ja(out: Path) -> None:
    for f in ("HeiseiMin-W3", "HeiseiKakuGo-W5"):
        pdfmetrics.registerFont(UnicodeCIDFont(f))
    body = style("jb", "HeiseiMin-W3", 10.5, 17, cjk=True, spaceAfter=3)
    st = {
        "p": body,
        "right": style("jr", "HeiseiMin-W3", 10.5, 15, cjk=True, alignment=2),
        "title": style("jt", "HeiseiKakuGo-W5", 14, 22, cjk=True, alignment=1, spaceBefore=10, spaceAfter=4),
        "small": style("js", "HeiseiMin-W3", 8, 12, alignment=1, spaceAfter=8),
        "h": style("jh", "HeiseiKakuGo-W5", 11, 18, cjk=True, spaceBefore=8, spaceAfter=3),
    }
    cell = style("jc", "HeiseiMin-W3", 9, 13, cjk=True)
    story = []
    for kind, text in JA_LINES:
        if kind == "table":
            story.append(Paragraph("表　新たに登録されたプロジェクト", st["h"]))
            data = [[Paragraph(c.replace("\n", "<br/>"), cell) for c in row] for row in JA_TABLE]
            t = Table(data, colWidths=[12 * mm, 62 * mm, 24 * mm, 42 * mm, 26 * mm], repeatRows=1)
            t.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]))
            story += [t, Spacer(1, 6)]
        else:
            story.append(Paragraph(text, st[kind]))
    doc = SimpleDocTemplate(str(out), pagesize=A4, title="第4回日本・フィリピンJCM合同委員会の結果",
                            author="sample", leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm)
    doc.build(story, onFirstPage=_ja_footer, onLaterPages=_ja_footer)


def _ja_footer(canvas, doc) -> None:
    canvas.setFont("HeiseiMin-W3", 9)
    canvas.drawCentredString(A4[0] / 2, 10 * mm, f"- {doc.page} -")


# --- vi: circular (Thông tư) ----------------------------------------------------------------

VI_HEAD = [
    ["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------"],
    ["Số: 21/2025/TT-BNNMT", "Hà Nội, ngày 12 tháng 8 năm 2025"],
]

VI_BODY = [
    ("title", "THÔNG TƯ"),
    ("center", "Quy định chi tiết việc xây dựng, thực hiện và quản lý dự án theo Cơ chế tín chỉ chung (JCM) giữa Việt Nam và Nhật Bản"),
    ("small", "[Tài liệu mẫu - nội dung hư cấu]"),
    ("i", "Căn cứ Luật Bảo vệ môi trường ngày 17 tháng 11 năm 2020;"),
    ("i", "Căn cứ Nghị định số 06/2022/NĐ-CP ngày 07 tháng 01 năm 2022 của Chính phủ quy định giảm nhẹ phát thải khí nhà kính và bảo vệ tầng ô-dôn;"),
    ("i", "Căn cứ Nghị định số 35/2025/NĐ-CP ngày 25 tháng 02 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Nông nghiệp và Môi trường;"),
    ("i", "Căn cứ Bản ghi nhớ về hợp tác tăng trưởng các-bon thấp giữa Việt Nam và Nhật Bản ký ngày 02 tháng 7 năm 2013;"),
    ("i", "Theo đề nghị của Cục trưởng Cục Biến đổi khí hậu;"),
    ("p", "Bộ trưởng Bộ Nông nghiệp và Môi trường ban hành Thông tư quy định chi tiết việc xây dựng, thực hiện và quản lý dự án theo Cơ chế tín chỉ chung (JCM) giữa Việt Nam và Nhật Bản."),
    ("b", "Điều 1. Phạm vi điều chỉnh"),
    ("p", "Thông tư này quy định trình tự, thủ tục đăng ký dự án và cấp tín chỉ các-bon theo JCM."),
    ("b", "Điều 2. Giải thích từ ngữ"),
    ("p", "1. Ủy ban hỗn hợp là cơ quan điều phối JCM được thành lập theo Bản ghi nhớ nêu trên, gồm đại diện của Chính phủ Việt Nam và Chính phủ Nhật Bản."),
    ("p", "2. Cơ quan đầu mối quốc gia về JCM là Cục Biến đổi khí hậu thuộc Bộ Nông nghiệp và Môi trường."),
    ("b", "Điều 3. Đề xuất dự án"),
    ("p", "Trong thời hạn 15 ngày làm việc kể từ ngày nhận được hồ sơ đề xuất dự án hợp lệ theo Mẫu số 01, Cục Biến đổi khí hậu có văn bản trả lời tổ chức đề xuất dự án."),
    ("b", "Điều 4. Đăng ký dự án"),
    ("p", "Ủy ban hỗn hợp xem xét đăng ký dự án tại cuộc họp định kỳ hoặc bằng hình thức lấy ý kiến bằng văn bản."),
    ("b", "Điều 5. Hiệu lực thi hành"),
    ("p", "1. Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 10 năm 2025."),
    ("p", "2. Thông tư số 17/2015/TT-BTNMT ngày 06 tháng 4 năm 2015 của Bộ Tài nguyên và Môi trường hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành."),
    ("b", "Điều 6. Trách nhiệm thi hành"),
    ("p", "Cục trưởng Cục Biến đổi khí hậu, Thủ trưởng các cơ quan, đơn vị thuộc Bộ và tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Thông tư này."),
]

VI_SIGN = [
    ["Nơi nhận:\n- Văn phòng Chính phủ;\n- Bộ Môi trường Nhật Bản (để phối hợp);\n- Công báo; Cổng TTĐT Chính phủ;\n- Lưu: VT, BĐKH (05b).",
     "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n(Đã ký)\n\nLê Văn Dũng"],
]


def build_vi(out: Path) -> None:
    text = "".join(a + b for a, b in VI_HEAD + VI_SIGN) + "".join(t for _, t in VI_BODY)
    with tempfile.TemporaryDirectory() as tmp:
        font = slim_font(dejavu_path(), text, Path(tmp) / "DejaVuSans-slim.ttf", lean=True,
                         drop_tables=("MATH", "FFTM", "kern", "GPOS", "GSUB", "GDEF", "gasp"))
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(font)))
    p = style("vp", "DejaVuSans", 10, 13.6, alignment=4, spaceAfter=3)
    st = {
        "p": p,
        "i": style("vi", "DejaVuSans", 10, 13.6, alignment=4, spaceAfter=1),
        "b": style("vb", "DejaVuSans", 10, 13.6, spaceBefore=3, spaceAfter=1),
        "h": style("vh", "DejaVuSans", 10.5, 15, alignment=1, spaceBefore=8, spaceAfter=4),
        "title": style("vt", "DejaVuSans", 14, 20, alignment=1, spaceBefore=10),
        "center": style("vc", "DejaVuSans", 10.5, 15, alignment=1, spaceAfter=2),
        "small": style("vs", "DejaVuSans", 8, 12, alignment=1, spaceAfter=10),
    }
    cc = style("vcc", "DejaVuSans", 9.5, 13, alignment=1)
    cl = style("vcl", "DejaVuSans", 8.5, 12)

    def grid(rows, left, right, widths):
        data = [[Paragraph(a.replace("\n", "<br/>"), left), Paragraph(b.replace("\n", "<br/>"), right)] for a, b in rows]
        t = Table(data, colWidths=widths)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    story = [grid(VI_HEAD, cc, cc, [70 * mm, 96 * mm])]
    for kind, text in VI_BODY:
        story.append(Paragraph(text.replace("\n", "<br/>"), st[kind]))
    story += [Spacer(1, 10), grid(VI_SIGN, cl, cc, [100 * mm, 66 * mm])]
    doc = SimpleDocTemplate(str(out), pagesize=A4, title="Thong tu 21/2025/TT-BNNMT (mau)", author="sample",
                            leftMargin=22 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm)
    doc.build(story)


# --- en: two-column policy brief ----------------------------------------------------------------

EN_TITLE = [
    ("title", "Counting credits: how JCM pipelines differ across Asian partner countries"),
    ("sub", "Policy Brief No. 14 · Carbon Markets Programme · [Sample document – fictional content]"),
]

EN_COLUMNS = [
    ("h", "Key points"),
    ("p", "• Mongolia, Indonesia and Thailand account for more than half of the registered JCM projects in the six countries compared here."),
    ("p", "• The time from signing a bilateral document to the first registered project ranged from 11 months to more than four years."),
    ("p", "• Pipelines follow Japan's subsidy rounds more closely than partner-country policy."),
    ("h", "1. Introduction"),
    ("p", "Japan's Joint Crediting Mechanism (JCM) now covers 31 partner countries, up from 17 in 2017. "
          "Yet the number of projects varies widely among them. This brief compares registered-project "
          "counts in six Asian partners, using Joint Committee decisions published up to 30 September 2025, "
          "and sets them against two other programmes under Article 6 of the Paris Agreement."),
    ("h", "2. How the six compare"),
    ("p", "Mongolia leads with 23 registered projects, ahead of Indonesia (22) and Thailand (19). "
          "Viet Nam follows with 16, Cambodia with 12 and the Philippines with 11. Measured from the "
          "signing year, Thailand has been the fastest: its bilateral document with Japan was signed on "
          "19 November 2015, and its first project was registered 11 months later."),
    ("p", "The most recent data point is the 10th Japan–Thailand Joint Committee, held in Bangkok on "
          "25 September 2025, which registered three projects in a single session. By contrast, no "
          "Joint Committee in the Philippines has met since the 4th meeting in March 2024."),
    ("h", "3. Money behind the numbers"),
    ("p", "The Ministry of the Environment of Japan budgeted about JPY 12.5 billion for JCM model "
          "projects in FY2025 (roughly US$85 million). Co-finance from the Asian Development Bank added "
          "US$4.6 million to two projects in Cambodia. Larger partners attract larger projects: the "
          "median Indonesian project received twice the subsidy of the median Mongolian one."),
    ("h", "4. Other Article 6 programmes"),
    ("p", "Switzerland had bilateral agreements with 14 countries by mid-2025, and Singapore had signed "
          "implementation agreements with nine. The Article 6 Implementation Partnership, launched at "
          "COP27 in Sharm el-Sheikh, now counts more than 70 members. Unlike the JCM, these programmes "
          "buy credits rather than subsidise equipment, so their project counts grow more slowly."),
    ("h", "5. Recommendations"),
    ("p", "Partner governments should publish their project pipelines at least twice a year. Joint "
          "Committees should release decisions within 30 days of each meeting, and Japan should state "
          "the share of credits that each partner keeps towards its own NDC."),
    ("small", "Sources: JCM website (accessed 3 October 2025); MOEJ press releases; ADB project database. "
              "Figures are counts of registered projects, not of proposals or feasibility studies."),
]


def build_en(out: Path) -> None:
    w, h = A4
    m, gap = 18 * mm, 8 * mm
    colw = (w - 2 * m - gap) / 2
    title_h = 30 * mm
    body_top = h - m - 8 * mm
    first = [
        Frame(m, body_top - title_h, w - 2 * m, title_h, id="title"),
        Frame(m, m + 6 * mm, colw, body_top - title_h - m - 6 * mm, id="l1"),
        Frame(m + colw + gap, m + 6 * mm, colw, body_top - title_h - m - 6 * mm, id="r1"),
    ]
    later = [
        Frame(m, m + 6 * mm, colw, body_top - m - 6 * mm, id="l"),
        Frame(m + colw + gap, m + 6 * mm, colw, body_top - m - 6 * mm, id="r"),
    ]
    doc = BaseDocTemplate(str(out), pagesize=A4, title="Policy Brief 14", author="sample")
    doc.addPageTemplates([PageTemplate("first", first, onPage=_en_chrome),
                          PageTemplate("later", later, onPage=_en_chrome)])
    st = {
        "title": style("et", "Helvetica-Bold", 17, 21, spaceAfter=6),
        "sub": style("es", "Helvetica", 8.5, 11),
        "h": style("eh", "Helvetica-Bold", 10.5, 14, spaceBefore=6, spaceAfter=2),
        "p": style("ep", "Times-Roman", 10, 13.2, spaceAfter=4),
        "small": style("esm", "Helvetica", 7.5, 9.5, spaceBefore=6),
    }
    story = [Paragraph(t, st[k]) for k, t in EN_TITLE] + [NextPageTemplate("later"), FrameBreak()]
    story += [Paragraph(t, st[k]) for k, t in EN_COLUMNS]
    doc.build(story)


def _en_chrome(canvas, doc) -> None:
    w, h = A4
    canvas.setFont("Helvetica", 8)
    canvas.drawString(18 * mm, h - 14 * mm, "MEKONG CLIMATE POLICY INSTITUTE  |  POLICY BRIEF No. 14  |  OCTOBER 2025")
    canvas.line(18 * mm, h - 16 * mm, w - 18 * mm, h - 16 * mm)
    canvas.drawString(18 * mm, 11 * mm, "Mekong Climate Policy Institute, 12 Tran Phu, Hanoi · www.mcpi.example.org")
    canvas.drawRightString(w - 18 * mm, 11 * mm, f"Page {doc.page}")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "corpora" / "blind"
    targets = {
        "ja/jc_philippines_results.pdf": build_ja,
        "vi/thong_tu_jcm.pdf": build_vi,
        "en/brief_jcm_pipelines_2col.pdf": build_en,
    }
    for rel, fn in targets.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        fn(path)
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
