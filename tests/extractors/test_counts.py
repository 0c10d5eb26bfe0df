"""Counts: numeral + counter or counted noun, unit, qualifier and subject; ordinals are not counts."""

from __future__ import annotations

import pytest

from extractors.entities.counts import parse_count
from pipeline.extract import extract_text
from schemas.records import CountMention


def counts(text: str, lang: str) -> list[tuple]:
    return [
        (m.value, m.unit, m.qualifier)
        for m in extract_text(text, lang) if isinstance(m, CountMention)
    ]


# fmt: off
CASES = [
    ("ja", "これまでに25か国と署名し、うち12カ国で事業を行う。", [(25, "country", None), (12, "country", None)]),
    ("ja", "今年度は36件を採択した。", [(36, "project", None)]),
    ("ja", "会合には約150名が参加し、会合は計4回開かれた。", [(150, "participant", "approx"), (4, "meeting", None)]),
    ("ja", "協定書は英語の正本3通を作成した。", [(3, "document", None)]),
    ("ja", "15機関が参加し、2カ所に設備を導入した。", [(15, "other", None), (2, "other", None)]),
    ("ja", "5件の方法論承認と2件のプロジェクト登録が行われた。", [(5, "other", None), (2, "project", None)]),
    ("ja", "3事業からのクレジット発行を決定した。", [(3, "credit_issuance", None)]),
    ("ja", "2つの省令を定める。", [(2, "document", None)]),
    ("ja", "パートナー国は二十か国以上となった。", [(20, "country", "at_least")]),
    ("ja", "50以上の国と地域から、300を超えるプロジェクトが報告された。", [(50, "country", "at_least"), (300, "project", "more_than")]),
    ("ja", "現在120のプロジェクトが進行中で、唯一の事業が中断している。", [(120, "project", None)]),
    ("en", "They signed two joint statements and held events at 12 schools.", [(2, "document", None), (12, "other", None)]),
    ("en", "Nine solar and biomass projects and 2 companies and agencies", [(9, "project", None), (2, "other", None)]),
    ("vi", "Hai bên ký 3 hiệp định cho 10 trường học.", [(3, "document", None), (10, "other", None)]),
    ("vi", "Thành phố đưa vào vận hành 12 chiếc xe buýt điện.", [(12, "other", None)]),  # a classifier between
    ("ja", "全国5拠点で実施し、2つの協定を結んだ。", [(5, "other", None), (2, "document", None)]),
    ("vi", "Ủy ban đã phê duyệt 6 dự án và 3 gói tín dụng.", [(6, "project", None), (3, "credit_issuance", None)]),
    ("vi", "Hơn 200 đại biểu từ 12 quốc gia tham dự.", [(200, "participant", "more_than"), (12, "country", None)]),
    ("en", "Officials from 25 partner countries and 40 organizations attended.", [(25, "country", None), (40, "other", None)]),
    ("en", "More than 120 projects and about 60 participants; twelve new MoUs were signed.",
     [(120, "project", "more_than"), (60, "participant", "approx"), (12, "document", None)]),
    ("en", "Only two participating countries remain.", [(2, "country", None)]),
]
NEGATIVE = [
    ("ja", "第5回合同委員会で、同国は12カ国目の署名国となった。"),
    ("ja", "1．概要 2．成果 これまでの3年間、両国は協力した。"),
    ("ja", "年間3万tCO2を削減し、出力は40MW、4,500kWhとなる。数十カ国が関心を示した。"),
    ("vi", "Kỳ họp lần thứ 5 giữa 2 nước; hai nước đã ký; công suất 300 tấn/ngày, 8 ha."),
    ("vi", "Tải về (45 trang) | Lượt xem: 1520"),
    ("en", "The 5th meeting, COP28 and Session 2 marked the first project; the two countries agreed."),
    ("en", "A 991 kWp solar PV project and 12 MW of capacity, in 2013 projects were few."),
    ("en", "Phase 3 projects are listed in Table 2 Projects by region."),
    ("ja", "表2 国別の案件、1件当たり最大5億円、1社あたりの上限"),
    ("vi", "Giai đoạn 2 dự án; xem Bảng 3 dự án ưu tiên."),
]
# fmt: on


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_counts_values(lang, text, expected):
    assert counts(text, lang) == expected


@pytest.mark.parametrize("lang,text", NEGATIVE)
def test_counts_not_counts(lang, text):
    assert counts(text, lang) == []


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ja", "日本の協力相手国であるタイでは、これまでに14件のプロジェクトが進んでいる。", "THA"),
        ("ja", "日・タイ間で合意した8件の事業。", None),
        ("vi", "Việt Nam và Nhật Bản đã thống nhất 6 dự án.", None),
        ("vi", "Indonesia hiện có 7 dự án JCM.", "IDN"),
        ("en", "Four of the projects are in Kenya while the fifth is in Chile.", "KEN"),
        ("en", "Thailand and Japan identified 30 projects.", None),
        # a place anchor beats a jointly named pair elsewhere in the sentence
        ("ja", "日本とカンボジアの協力で、これまでに11件の事業がカンボジアで登録された。", "KHM"),
        ("ja", "フィリピンでは9件の案件が稼働している。", "PHL"),
        ("ja", "ラオスにおける登録済みプロジェクトは累計4件である。", "LAO"),
        ("vi", "Kể từ khi hai nước ký kết, 12 dự án đã được đăng ký tại Thái Lan.", "THA"),
        ("en", "Since both countries signed the document, 9 projects have been registered in Mongolia.", "MNG"),
        # owner anchors: possessive, "has", "the whole country" (vi), "X's"
        ("vi", "Tỉnh Bắc Ninh có 21 dự án của các nhà đầu tư Nhật Bản.", "JPN"),
        ("vi", "Theo báo cáo, đến nay cả nước có 18 dự án JCM.", "VNM"),
        ("en", "Chile now hosts seven JCM projects.", "CHL"),
        ("en", "Mongolia's 10 projects are the oldest.", "MNG"),
        # a joint topic (日越間では) gives no single subject; a subset shares its whole's subject
        ("ja", "日越間では、これまでに12件が登録された。", None),
        # a bilateral JC is no single subject
        ("en", "The JC registered three projects, all of them energy-efficiency projects.", None),
        # participants take only a side
        ("ja", "ハノイで開かれたベトナムとの会合には約60人が出席した。", None),
        ("vi", "Có 15 đại biểu đến từ Nhật Bản tham dự buổi làm việc.", "JPN"),
        ("en", "The seminar in Bangkok, Thailand, drew 90 participants.", None),
        # counts of countries: an international body owns them when no country is named
        ("ja", "アジア開発銀行は11か国を支援している。", "ADB"),
        ("vi", "Hiện có 9 quốc gia được ADB hỗ trợ thông qua quỹ này.", "ADB"),
        ("en", "The Article 6 Implementation Partnership now has more than 60 members.", "A6IP"),
        ("en", "Japan has signed documents with six ASEAN member states.", None),
    ],
)
def test_counts_subject(lang, text, expected):
    (m,) = [m for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert m.subject == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # in a comparison each number takes the country next to it
        ("ja", "国別ではタイが7件で最も多く、ラオスが3件、カンボジアが2件で続いた。",
         [(7, "THA"), (3, "LAO"), (2, "KHM")]),
        ("vi", "Indonesia có 20 dự án, trong khi Thái Lan có 15 dự án.", [(20, "IDN"), (15, "THA")]),
        ("en", "Indonesia leads with 21 projects, followed by Mongolia (17) and Thailand with 14 projects.",
         [(21, "IDN"), (17, "MNG"), (14, "THA")]),
        # a subset shares the subject of its whole
        ("vi", "Lào có 5 dự án, trong đó 2 dự án đã được cấp tín chỉ.", [(5, "LAO"), (2, "LAO")]),
        ("ja", "日越間では、これまでに12件が登録され、うち5件からクレジットが発行されている。", [(12, None), (5, None)]),
        # a total has no side; each side's share does (and the sides are not the total's)
        ("ja", "出席者は計26名（日本側15名、モンゴル側11名）であった。", [(26, None), (15, "JPN"), (11, "MNG")]),
    ],
)
def test_counts_subject_per_number(lang, text, expected):
    found = [(m.value, m.subject) for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert found == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # an issuance decided for N projects counts issuances; projects that issued stay projects
        ("ja", "3件のプロジェクトについて、クレジットの発行が決定された。", [(3, "credit_issuance")]),
        ("ja", "10件が登録され、うち4件のプロジェクトからクレジットが発行されている。",
         [(10, "project"), (4, "project")]),
        ("vi", "Ủy ban quyết định cấp tín chỉ cho bốn dự án.", [(4, "credit_issuance")]),
        ("en", "The committee decided on the issuance of credits for two projects.", [(2, "credit_issuance")]),
        # businesses attending are participants; other countable things are `other`
        ("ja", "説明会には45社が参加し、日本企業2社が事例を紹介した。", [(45, "participant"), (2, "other")]),
        ("vi", "Hơn 250 doanh nghiệp tham dự diễn đàn.", [(250, "participant")]),
        ("en", "About 30 companies attended the matching session.", [(30, "participant")]),
        ("ja", "工場に三台のボイラーと2基の発電機を設置し、5件の個別相談を受けた。",
         [(3, "other"), (2, "other"), (5, "other")]),
        ("vi", "Dự án lắp 5.200 tấm pin trên mái 4 nhà máy.", [(5200, "other"), (4, "other")]),
        ("en", "The project replaced 4 boilers and installed 12 solar panels.", [(4, "other"), (12, "other")]),
        # an act noun after the counter keeps the counter's unit (プロジェクト登録 counts projects)
        ("ja", "6件のプロジェクト登録及び2件の方法論承認が行われた。", [(6, "project"), (2, "other")]),
        # a total with the noun before the number
        ("en", "The number of JCM partner countries reached 29 last year.", [(29, "country")]),
        ("vi", "Tổng số dự án JCM được đăng ký tại Việt Nam đã lên 19 dự án.", [(19, "project")]),
        # number words
        ("ja", "三件の事業と十二か国。", [(3, "project"), (12, "country")]),
        ("vi", "Đoàn đã thăm ba dự án và bốn nhà máy.", [(3, "project"), (4, "other")]),
        ("en", "Eleven delegates signed two originals.", [(11, "participant"), (2, "document")]),
    ],
)
def test_counts_unit_in_context(lang, text, expected):
    found = [(m.value, m.unit) for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert found == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ja", "48件", (48, "project", None)),
        ("ja", "29ヵ国", (29, "country", None)),
        ("ja", "２９ヵ国", (29, "country", None)),
        ("vi", "12 dự án", (12, "project", None)),
        ("en", "7 projects", (7, "project", None)),
        ("ja", "2013年7月", None),
    ],
)
def test_counts_parse_count_cell(lang, text, expected):
    assert parse_count(text, lang) == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # "the said country" stands for the last non-home country named before it
        ("ja", "日本とカンボジアは2017年に二国間文書に署名し、これまでに同国において12件のJCMプロジェクトが登録されています。",
         [(12, "project", "KHM")]),
        ("ja", "日本とラオスは二国間文書に署名した。同国内では5件の事業が進んでいる。", [(5, "project", "LAO")]),
        ("vi", "Nhật Bản và Campuchia đã ký văn bản hợp tác năm 2017. Đến nay, nước này có 12 dự án JCM.",
         [(12, "project", "KHM")]),
        ("vi", "Nhật Bản và Lào đã ký kết, hai nước có 4 dự án.", [(4, "project", None)]),
        ("en", "Japan and Cambodia signed the document in 2017. Since then, 12 projects have been registered in the country.",
         [(12, "project", "KHM")]),
        ("en", "Japan works with Chile and Kenya. Since then, 12 projects have been registered in the country.",
         [(12, "project", None)]),
        # a total reached "to N" belongs to the country of its noun phrase
        ("en", "The Joint Committee registered a new project, bringing the number of registered JCM projects in Kenya to five.",
         [(5, "project", "KEN")]),
        ("vi", "Ủy ban hỗn hợp đã đăng ký thêm một dự án, nâng tổng số dự án JCM tại Kenya lên 5.", [(5, "project", "KEN")]),
        ("ja", "これによりケニアにおける登録案件は計5件となった。", [(5, "project", "KEN")]),
        # a count approved by a joint committee is joint unless its things are stated "in X"
        ("en", "The Joint Committee approved the registration of two new projects, a solar mini-grid in Kenya's "
               "Kajiado County and a biogas plant.", [(2, "project", None)]),
        ("en", "The Joint Committee approved two new projects for a solar mini-grid in Kenya.", [(2, "project", None)]),
        ("en", "The Joint Committee approved the registration of two new projects in Kenya.", [(2, "project", "KEN")]),
        ("vi", "Ủy ban hỗn hợp đã phê duyệt 2 dự án mới tại Kenya.", [(2, "project", "KEN")]),
        ("ja", "合同委員会は2件の事業の登録を承認した。事業はケニアのナイロビで実施される。", [(2, "project", None)]),
        # credits issued for N projects count issuances; the credit amount is a measurement
        ("en", "The JC decided to notify the issuance of 3,150 JCM credits for one project.", [(1, "credit_issuance", None)]),
        ("ja", "2件のプロジェクトについてクレジット発行が行われた。", [(2, "credit_issuance", None)]),
        ("vi", "Đã cấp tín chỉ cho 2 dự án tại Lào.", [(2, "credit_issuance", "LAO")]),
        # the owner of "with N countries"; an elided noun takes the parallel count's unit
        ("en", "Switzerland had bilateral agreements with 14 countries by mid-2025, while Singapore had signed "
               "implementation agreements with nine.", [(14, "country", "CHE"), (9, "country", "SGP")]),
        ("en", "Japan's JCM now covers 31 partner countries, up from 17 in 2017.", [(31, "country", None), (17, "country", None)]),
        ("vi", "Thụy Sĩ đã ký thỏa thuận song phương với 14 quốc gia.", [(14, "country", "CHE")]),
        ("ja", "スイスはこれまでに14か国と二国間協定を締結した。", [(14, "country", "CHE")]),
        ("en", "Japan has signed documents with six ASEAN member states.", [(6, "country", None)]),
        # members of a named partnership are countries and organizations: other
        ("en", "The Article 6 Implementation\nPartnership, launched at COP27, now counts more than 70 members.",
         [(70, "other", "A6IP")]),
        ("vi", "Quan hệ đối tác này hiện có hơn 70 thành viên.", [(70, "other", None)]),
    ],
)
def test_counts_round2(lang, text, expected):
    found = [(m.value, m.unit, m.subject) for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert found == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # vi nouns: dossiers are documents, project proposals projects, workshop sessions meetings,
        # models and partner firms other things (a firm's country named after it)
        ("vi", "Sở đã nhận 12 hồ sơ xin cấp phép và 7 đề xuất dự án mới.", [(12, "document", None), (7, "project", None)]),
        ("vi", "Hội nghị có 3 phiên hội thảo song song.", [(3, "meeting", None)]),
        ("vi", "Nhà máy áp dụng 2 mô hình xử lý rác.", [(2, "other", None)]),
        ("vi", "Công ty ký hợp đồng với 4 đối tác Hàn Quốc.", [(4, "other", "KOR")]),
        # "the whole country" wrapped over a PDF line break
        ("vi", "Đến cuối năm, trên cả\nnước có 30 dự án.", [(30, "project", "VNM")]),
        # a second part after "trong đó … và" shares the whole's subject
        ("vi", "Lào có 20 dự án, trong đó 8 dự án đã đăng ký và 3 dự án đã được cấp tín chỉ.",
         [(20, "project", "LAO"), (8, "project", "LAO"), (3, "project", "LAO")]),
        # an issuance decision after "và" is another predicate: the projects before it stay projects
        ("vi", "Ủy ban đã thông qua 4 dự án mới và quyết định cấp tín chỉ cho 2 dự án.",
         [(4, "project", None), (2, "credit_issuance", None)]),
        ("en", "The committee approved three new projects and decided on the issuance of credits for two projects.",
         [(3, "project", None), (2, "credit_issuance", None)]),
        # a delegation named with its country and then its size
        ("vi", "Thành phố tiếp đoàn cán bộ của Bộ Năng lượng Hàn Quốc gồm 6 người.", [(6, "participant", "KOR")]),
        # "from X" after the people before it is theirs, not the next count's
        ("en", "Present were 14 officials from Thailand and 6 delegates from other countries.",
         [(14, "participant", "THA"), (6, "participant", None)]),
        # businesses joining projects or a scheme are things, not attendees
        ("vi", "Có 15 doanh nghiệp Hàn Quốc tham gia các dự án JCM.", [(15, "other", "KOR")]),
        ("en", "Some 12 firms took part in JCM projects.", [(12, "other", None)]),
        # "N trong số đó": a part of the count before, its noun left out, with its subject
        ("vi", "Campuchia có 9 dự án, 3 trong số đó đã được cấp tín chỉ.", [(9, "project", "KHM"), (3, "project", "KHM")]),
        ("vi", "Hai bộ đã thống nhất 6 nội dung hợp tác.", [(6, "other", None)]),
    ],
)
def test_counts_probe_round(lang, text, expected):
    found = [(m.value, m.unit, m.subject) for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert found == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # near misses of test_counts_probe_round that must stay as they are
        ("vi", "Bộ đề xuất 3 giải pháp; hai bên là đối tác tin cậy và có hai phiên thảo luận.", []),
        ("vi", "Đến cuối năm, cả\nnhóm có 30 dự án.", [(30, "project", None)]),
        ("vi", "Lào có 20 dự án, trong đó 8 dự án đã đăng ký và Campuchia có 3 dự án.",
         [(20, "project", "LAO"), (8, "project", "LAO"), (3, "project", "KHM")]),
        ("vi", "Ủy ban quyết định cấp tín chỉ cho 2 dự án và 3 dự án khác.",
         [(2, "credit_issuance", None), (3, "project", None)]),
        ("vi", "Đại diện tập đoàn Hàn Quốc có 6 người.", [(6, "participant", None)]),
        # (review) the country a delegation goes to is not its side
        ("vi", "Đoàn công tác sang thăm Nhật Bản gồm 10 người.", [(10, "participant", None)]),
        ("vi", "Đoàn công tác đến làm việc tại Hàn Quốc gồm 8 thành viên.", [(8, "participant", None)]),
        ("en", "Present were 14 officials and 6 delegates from Thailand.",
         [(14, "participant", "THA"), (6, "participant", "THA")]),
        ("vi", "Có 15 doanh nghiệp tham gia hội thảo.", [(15, "participant", None)]),
        ("en", "Some 12 firms took part in the seminar.", [(12, "participant", None)]),
        ("vi", "Họ chọn 1 trong số đó; báo cáo có 5 nội dung chính.", []),
        # (review) a bare đề xuất is any proposal, no project; one of the scheme is
        ("vi", "Bộ đã nhận được 5 đề xuất chính sách.", []),
        ("vi", "Hội nghị thông qua 3 đề xuất sửa đổi quy chế.", []),
        ("vi", "Bộ đã tiếp nhận 120 đề xuất của doanh nghiệp.", []),
        ("vi", "Bộ đã nhận 4 đề xuất thuộc cơ chế JCM.", [(4, "project", None)]),
        # (review) an event named after the scheme or programme, a guest's role: attendees
        ("en", "Twelve firms took part in the JCM seminar.", [(12, "participant", None)]),
        ("en", "40 companies took part in the scheme's matchmaking event.", [(40, "participant", None)]),
        ("en", "In 2023, 12 firms took part in the program launch.", [(12, "participant", None)]),
        ("vi", "Có 30 doanh nghiệp tham gia chương trình hội thảo.", [(30, "participant", None)]),
        ("vi", "20 doanh nghiệp tham gia với vai trò khách mời.", [(20, "participant", None)]),
        ("vi", "20 doanh nghiệp tham gia với vai trò đối tác.", [(20, "other", None)]),
    ],
)
def test_counts_probe_round_near_misses(lang, text, expected):
    found = [(m.value, m.unit, m.subject) for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert found == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # en: a fact-box label of three words; a timeline's year and dash; present-tense totals;
        # "the count of … doubled, from X to Y"; "X out of Y"
        ("en", "Projects approved for co-financing: 48", [(48, "project", None)]),
        ("en", "2023 – 12 officials trained; the number of partner countries rises to 31.",
         [(12, "participant", None), (31, "country", None)]),
        ("en", "Since 2015 the count of JCM projects in Asia has more than doubled, from 40 to 95.",
         [(40, "project", None), (95, "project", None)]),
        ("en", "Seven out of nine projects are solar.", [(7, "project", None), (9, "project", None)]),
        ("en", "There are ten countries. Eight out of ten countries agree.",
         [(10, "country", None), (8, "country", None), (10, "country", None)]),
        ("en", "Seven out of the nine projects are solar.", [(7, "project", None), (9, "project", None)]),
        # en nouns: people served or employed, clients, cooperative approaches, undertakings,
        # states named by their region
        ("en", "The plant employs 220 workers, serves 3,000 residents and 15 clients.",
         [(220, "other", None), (3000, "other", None), (15, "other", None)]),
        ("en", "Some 40 cooperative approaches and five undertakings were reported.",
         [(40, "other", None), (5, "project", None)]),
        ("en", "They met three Pacific states.", [(3, "country", None)]),
        # a body's named fund financing the things: the body's
        ("en", "The ADB's Climate Fund has co-financed 7 projects in Asia.", [(7, "project", "ADB")]),
    ],
)
def test_counts_probe_round_en(lang, text, expected):
    found = [(m.value, m.unit, m.subject) for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert found == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # near misses of test_counts_probe_round_en
        ("en", "Projects approved for co-financing in Asia and Africa: 48", []),
        ("en", "Plan 2025-40 officials.", []),  # a short year range, not a timeline entry
        # the decision after "and" still counts issuances when the issuance words come before it
        ("en", "The issuance of credits from 2 projects in Laos and Peru was approved.", [(2, "credit_issuance", None)]),
        # (review) "and" joining two names is no second predicate: the issuance decision is the count's
        ("en", "The Joint Committee approved 3 projects in Viet Nam and Laos for credit issuance.",
         [(3, "credit_issuance", None)]),
        ("vi", "Ủy ban hỗn hợp đã phê duyệt 3 dự án tại Việt Nam và Lào để cấp tín chỉ.", [(3, "credit_issuance", None)]),
        # …while a name after it alone (a new subject) still opens another predicate
        ("en", "The committee approved three new projects and ADB decided on the issuance of credits for two projects.",
         [(3, "project", None), (2, "credit_issuance", None)]),
        ("vi", "Ủy ban đã thông qua 4 dự án mới và Bộ quyết định cấp tín chỉ cho 2 dự án.",
         [(4, "project", None), (2, "credit_issuance", None)]),
        ("en", "The count of projects tripled in size.", []),
        ("en", "Scores were 7 out of 9.", []),
        # (review) a bare "X out of Y" not counted before is a proportion or a rank: only Y counts
        ("en", "Eight out of ten people agree that climate action is urgent.", [(10, "participant", None)]),
        ("en", "Viet Nam ranked 8 out of 10 countries in the index.", [(10, "country", None)]),
        ("en", "Nine out of 31 partner countries have issued credits.", [(31, "country", None)]),
        # (review) people served attend too; a date's day or a grade starts no count
        ("en", "About 300 residents attended the consultation.", [(300, "participant", None)]),
        ("en", "Around 50 workers attended the training.", [(50, "participant", None)]),
        ("en", "The survey on 5 March counted residents.", []),
        ("en", "On 12 May workers gathered.", []),
        ("en", "The prize went to grade 5 students.", []),
        ("en", "Projects were set up in two Indian states.", [(2, "other", "IND")]),
        ("en", "UNIDO's staff visited 6 projects.", [(6, "project", None)]),
        # (review) a partner country in the body's words or placing the things: the country's
        ("en", "ADB's Mongolia Resident Mission has financed 5 projects.", [(5, "project", "MNG")]),
        ("en", "ADB's Japan Fund for the JCM has co-financed nine projects in Viet Nam.", [(9, "project", "VNM")]),
        ("en", "ADB co-financed 5 projects in Viet Nam.", [(5, "project", "VNM")]),
    ],
)
def test_counts_probe_round_en_near_misses(lang, text, expected):
    found = [(m.value, m.unit, m.subject) for m in extract_text(text, lang) if isinstance(m, CountMention)]
    assert found == expected
