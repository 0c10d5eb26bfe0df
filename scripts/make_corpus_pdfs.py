"""Builds the sample PDFs of corpora/ (all texts written for this project, fictional content).

The PDFs exercise the PDF loader: Japanese in the non-embedded CID fonts HeiseiKakuGo-W5 /
HeiseiMin-W3 (with the spaced digits real converters produce), a ruled Japanese table that
continues over a page break (header repeated), and unruled tables in English and Vietnamese.
ReportLab's 14 standard fonts cannot draw Vietnamese letters (ư, ơ, ạ, ế … are outside
WinAnsi), so Vietnamese uses DejaVuSans from the system or from matplotlib's bundled copy;
without it the Vietnamese PDF is skipped. Output is deterministic (`invariant`), so re-running
the script leaves committed files unchanged.

Usage: python scripts/make_corpus_pdfs.py [CORPUS_DIR]   (default: corpora)
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
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from pdf_fonts import dejavu_path, slim_font  # noqa: E402  (this folder)

rl_config.invariant = 1  # no timestamps or random ids: byte-stable output

JA_BODY, JA_HEAD = "HeiseiMin-W3", "HeiseiKakuGo-W5"
def styles(body: str, head: str, cjk: bool) -> tuple[ParagraphStyle, ParagraphStyle]:
    wrap = "CJK" if cjk else None
    b = ParagraphStyle("b", fontName=body, fontSize=10.5, leading=16, wordWrap=wrap, spaceAfter=5)
    h = ParagraphStyle("h", parent=b, fontName=head, fontSize=13, leading=19, spaceAfter=8)
    return b, h


def build(path: Path, story: list, title: str) -> None:
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, title=title, author="jcmkg sample corpus",
        leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm, bottomMargin=20 * mm,
    )
    doc.build(story)
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def paras(lines: list[str], body: ParagraphStyle, head: ParagraphStyle) -> list:
    """A line starting with '# ' is a heading; every other line is one paragraph."""
    return [Paragraph(x[2:], head) if x.startswith("# ") else Paragraph(x, body) for x in lines]


# --- ja: partner table, ruled, continued over a page break ------------------------------------

JA_PARTNERS = [
    ("モンゴル", "2013年1月", 6, 4, 8),
    ("バングラデシュ", "2013年3月", 3, 2, 5),
    ("ケニア", "2013年6月", 2, 1, 4),
    ("モルディブ", "2013年6月", 2, 1, 3),
    ("ベトナム", "2013年7月", 17, 8, 52),
    ("ラオス", "2013年8月", 3, None, 6),
    ("インドネシア", "2013年8月", 21, 9, 55),
    ("パラオ", "2014年1月", 4, 3, 6),
    ("カンボジア", "2014年4月", 3, 1, 6),
    ("メキシコ", "2014年7月", None, None, 5),
    ("サウジアラビア", "2015年5月", 1, 1, 3),
    ("チリ", "2015年5月", 3, None, 17),
    ("ミャンマー", "2015年9月", 1, None, 8),
    ("タイ", "2015年11月", 12, 6, 53),
    ("フィリピン", "2017年1月", 5, 1, 21),
]

JA_TABLE_INTRO = [
    "# JCMパートナー国における二国間文書の署名時期及びプロジェクト数（抜粋）",
    "令和7年11月10日　環境省地球環境局国際連携課",
    "【サンプル文書・架空の内容】",
    "　日本は、二国間クレジット制度（JCM）の下、2025年10月末までに31か国のパートナー国との間で"
    "二国間文書に署名しています。JCMは、優れた脱炭素技術、製品、システム、サービス、インフラ等の"
    "普及や対策実施を通じ、パートナー国における温室効果ガスの排出削減・吸収に貢献し、その貢献を"
    "定量的に評価するとともに、日本の削減目標の達成に活用する制度です。",
    "　環境省は、JCM設備補助事業により、パートナー国における先導的な脱炭素技術の導入を支援して"
    "います。また、経済産業省による実証事業や、アジア開発銀行（ADB）に設置した信託基金を通じた"
    "支援も行われています。",
    "　下表は、主なパートナー国について、二国間文書の署名時期、合同委員会で登録されたプロジェクト数、"
    "JCMクレジットが発行されたプロジェクト数及び設備補助事業の採択件数をまとめたものです。",
    "　各国の合同委員会では、方法論の承認、プロジェクトの登録及びクレジット発行量の決定が行われて"
    "おり、登録件数は毎年増加しています。プロジェクトの内訳は、太陽光発電、高効率冷凍機、"
    "廃棄物発電、省エネルギー型空調設備等です。",
    "　なお、パートナー国の政府機関、合同委員会事務局及び日本政府指定JCM実施機構の連絡先は、"
    "各国のJCMウェブサイトで公開されています。",
    "表1　パートナー国別のプロジェクト数（2025年10月31日時点）",
]

JA_TABLE_NOTES = [
    "注1：「－」は該当なしを示す。",
    "注2：設備補助事業の件数は採択ベースであり、実証事業等は含まない。",
    "注3：本表は主なパートナー国の抜粋であり、全パートナー国の一覧ではない。",
]


def ja_partner_table(out: Path) -> None:
    body, head = styles(JA_BODY, JA_HEAD, cjk=True)
    cell = ParagraphStyle("c", parent=body, fontSize=9.5, leading=13, spaceAfter=0)
    header = ["国名", "署名時期", "登録プロジェクト", "クレジット発行プロジェクト", "設備補助事業"]
    rows = [[Paragraph(h, cell) for h in header]]
    sums = [0, 0, 0]
    for name, month, *nums in JA_PARTNERS:
        rows.append([name, month] + ["－" if n is None else str(n) for n in nums])
        sums = [s + (n or 0) for s, n in zip(sums, nums)]
    rows.append([f"合計（{len(JA_PARTNERS)}か国）", ""] + [str(s) for s in sums])
    table = Table(rows, colWidths=[38 * mm, 26 * mm, 30 * mm, 40 * mm, 30 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), JA_BODY, 9.5),
        ("FONT", (0, -1), (-1, -1), JA_HEAD, 9.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    story = paras(JA_TABLE_INTRO, body, head) + [Spacer(1, 4), table, Spacer(1, 8)]
    story += paras(JA_TABLE_NOTES, body, head)
    build(out, story, "JCM partner countries (sample)")


# --- ja: policy dialogue minutes with spaced digits and era dates --------------------------------

JA_MINUTES = [
    "# 第 9 回日本・ベトナム環境政策対話 議事要旨",
    "令和 8 年 1 月 30 日　環境省地球環境局",
    "【サンプル文書・架空の内容】",
    "1．日時：2026 年 1 月 22 日（木）14 時 00 分～16 時 30 分",
    "2．場所：東京都千代田区 中央合同庁舎 5 号館 22 階 第 1 会議室",
    "3．出席者：計 24 名（日本側 14 名、ベトナム側 10 名）",
    "4．概要",
    "（1）冒頭、日本国環境省及びベトナム社会主義共和国農業環境省の代表から挨拶があった。"
    "両省は、対話に先立ち、気候変動・環境分野における協力覚書に署名したことを歓迎した。",
    "（2）両省は、旧天然資源環境省との間で平成 29 年 9 月に署名された環境協力覚書に基づく"
    "これまでの協力の成果を確認した。",
    "（3）JCM について、両省は 2026 年から 2030 年までの 5 年間に、新たに 10 件以上の"
    "プロジェクトの形成を目指すことで一致した。",
    "（4）ベトナム側から、環境保護法の改正案について検討状況の説明があり、日本側は"
    "パリ協定第 6 条の実施に関する経験を共有した。",
    "（5）翌日の 1 月 23 日には、東京において両省の実務者による合同作業部会が開催され、"
    "大気汚染対策及び廃棄物管理の協力案件について議論した。",
    "5．今後の予定",
    "次回対話の日程及び議題は、両省の間で調整する。",
]


def ja_minutes(out: Path) -> None:
    body, head = styles(JA_BODY, JA_HEAD, cjk=True)
    build(out, paras(JA_MINUTES, body, head), "Policy dialogue minutes (sample)")


# --- en: unruled partner table --------------------------------------------------------------

EN_PARTNERS = [
    ("Viet Nam", "Aug 2013", 14, 6, 50),
    ("Lao PDR", "Aug 2013", 3, None, 6),
    ("Indonesia", "Aug 2013", 19, 8, 49),
    ("Cambodia", "Apr 2014", 3, 1, 5),
    ("Myanmar", "Sep 2015", 1, None, 8),
    ("Thailand", "Nov 2015", 11, 5, 51),
    ("Philippines", "Jan 2017", 4, None, 19),
]

EN_INTRO = [
    "# JCM partner countries in Southeast Asia",
    "Published: 15 July 2025. Figures as of 30 June 2025.",
    "[Sample document - fictional content]",
    "Japan has signed bilateral documents on the Joint Crediting Mechanism (JCM) with seven "
    "ASEAN member states. The table below lists, for each partner, the month in which the "
    "bilateral document was signed, the number of projects registered by the Joint Committee, "
    "the number of projects from which JCM credits have been issued, and the number of projects "
    "supported by the JCM Model Projects of the Ministry of the Environment, Japan.",
]

EN_NOTES = [
    "Asian Development Bank (ADB) co-financed projects are included in the registered column. "
    "A blank cell means none. The model projects column counts selected projects, whether or "
    "not they have been registered.",
]


def en_unruled_table(out: Path) -> None:
    body, head = styles("Helvetica", "Helvetica-Bold", cjk=False)
    header = ["Country", "Signed", "Registered", "Issuing credits", "Model projects"]
    rows = [header]
    sums = [0, 0, 0]
    for name, month, *nums in EN_PARTNERS:
        rows.append([name, month] + ["" if n is None else str(n) for n in nums])
        sums = [s + (n or 0) for s, n in zip(sums, nums)]
    rows.append(["Total (7 countries)", ""] + [str(s) for s in sums])
    table = Table(rows, colWidths=[40 * mm, 26 * mm, 26 * mm, 32 * mm, 30 * mm])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 10),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 10),
        ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 10),
        ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
    ]))
    story = paras(EN_INTRO, body, head) + [Spacer(1, 6), table, Spacer(1, 8)]
    story += paras(EN_NOTES, body, head)
    build(out, story, "JCM partners in Southeast Asia (sample)")


# --- vi: seminar report with an unruled money table -----------------------------------------

VI_PROJECTS = [
    ("Điện mặt trời áp mái nhà máy dệt", "Đà Nẵng", "12,5", "9.800"),
    ("Hệ thống làm lạnh hiệu suất cao", "Quảng Nam", "8,2", "4.150"),
    ("Lò hơi sinh khối", "Quảng Ngãi", "21,0", "15.300"),
]

VI_HEADER = ["Dự án", "Tỉnh/thành phố", "Vốn đầu tư (triệu USD)", "Giảm phát thải (tCO2/năm)"]
VI_TOTAL = ["Tổng cộng", "", "41,7", "29.250"]
VI_HEADER_TEXT = " ".join(VI_HEADER + VI_TOTAL)

VI_TEXT = [
    "# Báo cáo tóm tắt Hội thảo “Thúc đẩy doanh nghiệp miền Trung tham gia Cơ chế tín chỉ chung (JCM)”",
    "Đà Nẵng, ngày 14 tháng 8 năm 2025",
    "[Tài liệu mẫu – nội dung hư cấu]",
    "Ngày 12/8/2025, tại thành phố Đà Nẵng, Bộ Môi trường Nhật Bản và Cục Biến đổi khí hậu "
    "phối hợp tổ chức Hội thảo “Thúc đẩy doanh nghiệp miền Trung tham gia Cơ chế tín chỉ chung "
    "(JCM)”. Hội thảo thu hút hơn 150 đại biểu đến từ các sở, ngành và doanh nghiệp của "
    "Việt Nam và Nhật Bản.",
    "Tại hội thảo, các doanh nghiệp đã giới thiệu 3 dự án đề xuất với tổng vốn đầu tư "
    "khoảng 41,7 triệu USD. Danh sách dự án được trình bày trong bảng dưới đây.",
]

VI_AFTER = [
    "Sau hội thảo, từ ngày 15 đến 17/10/2025, đoàn chuyên gia Nhật Bản sẽ khảo sát thực địa "
    "tại các nhà máy đề xuất. Hội thảo diễn ra trong 1 ngày, từ 8h30 đến 16h00.",
    "Đầu mối liên hệ: Cục Biến đổi khí hậu, điện thoại 024 3000 0000.",
]


def vi_seminar(out: Path, font: Path) -> None:
    text = " ".join(VI_TEXT + VI_AFTER + [c for r in VI_PROJECTS for c in r]) + VI_HEADER_TEXT
    with tempfile.TemporaryDirectory() as tmp:
        slim = slim_font(font, text + "0123456789", Path(tmp) / "vi.ttf")
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(slim)))
        body, head = styles("DejaVuSans", "DejaVuSans", cjk=False)
        rows = [VI_HEADER] + [list(r) for r in VI_PROJECTS] + [VI_TOTAL]
        table = Table(rows, colWidths=[58 * mm, 30 * mm, 38 * mm, 40 * mm])
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), "DejaVuSans", 9),
            ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ]))
        story = paras(VI_TEXT, body, head) + [Spacer(1, 6), table, Spacer(1, 8)]
        story += paras(VI_AFTER, body, head)
        build(out, story, "JCM seminar report (sample)")


def main(root: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(JA_BODY))
    pdfmetrics.registerFont(UnicodeCIDFont(JA_HEAD))
    ja_partner_table(root / "ja" / "partner_table_ruled.pdf")
    ja_minutes(root / "ja" / "policy_dialogue_minutes.pdf")
    en_unruled_table(root / "en" / "sea_partners_unruled.pdf")
    font = dejavu_path()
    if font is None:
        print("DejaVuSans.ttf not found: Vietnamese PDF skipped", file=sys.stderr)
    else:
        vi_seminar(root / "vi" / "hoi_thao_jcm_da_nang.pdf", font)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "corpora"))
