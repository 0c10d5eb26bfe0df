"""Counts in constructions real pages use: numbers whose noun is left out (a list of places or
modes, a running total), a host country's "local" things, the home party as a topic, rankings,
and numbers that are article numbers, not counts."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_text
from schemas.records import CountMention


def found(text: str, lang: str) -> list[tuple]:
    return [(m.value, m.unit, m.subject) for m in extract_text(text, lang) if isinstance(m, CountMention)]


# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    # a list of places: each number counts the things of the first, in the country after it
    ("en", "Two projects were adopted in Chile and three in Thailand.",
     [(2, "project", "CHL"), (3, "project", "THA")]),
    ("en", "The newest projects, two in Chile and one in Kenya, were announced.",
     [(2, "project", "CHL"), (1, "project", "KEN")]),
    ("vi", "Năm nay có bốn dự án tại Thái Lan và hai tại Campuchia.",
     [(4, "project", "THA"), (2, "project", "KHM")]),
    # a list of modes
    ("en", "Some 30 delegates joined in person and 12 online.", [(30, "participant", None), (12, "participant", None)]),
    ("vi", "Có 25 đại biểu dự trực tiếp và 10 trực tuyến.", [(25, "participant", None), (10, "participant", None)]),
    # a running total and a ranking with the noun left out
    ("en", "The committee approved four projects, bringing the total to nine.",
     [(4, "project", None), (9, "project", None)]),
    ("en", "Chile follows with 8 projects, Kenya with 6 and Mexico with 5.",
     [(8, "project", "CHL"), (6, "project", "KEN"), (5, "project", "MEX")]),
])
def test_counts_with_the_noun_left_out(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # separated by a semicolon, each number takes the country of its own half
    ("en", "In Chile, 8 projects; in Kenya, 6 projects.", [(8, "project", "CHL"), (6, "project", "KEN")]),
    # local things are the host country's, named in the sentence or earlier in the document
    ("ja", "ケニアで説明会を開き、現地企業12社が出席した。", [(12, "participant", "KEN")]),
    ("ja", "ケニアで説明会を開いた。\n\n当日は現地企業12社をはじめ多くの関係者が集まった。", [(12, "other", "KEN")]),
    ("en", "The workshop in Chile drew 15 local companies.", [(15, "other", "CHL")]),
    # the home party as the topic does not own the projects; its side of a meeting is its own
    ("ja", "タイとの合同委員会を受けて、日本政府は3件のプロジェクトを支援した。", [(3, "project", None)]),
    ("ja", "日本側8名、タイ側10名が出席した。", [(8, "participant", "JPN"), (10, "participant", "THA")]),
    # a country's own number inside a total: the total is not the country's (を含む opens a clause)
    ("ja", "ケニアの4件を含む計120件の事業", [(4, "project", "KEN"), (120, "project", None)]),
    ("vi", "Đoàn công tác Lào gồm 14 cán bộ.", [(14, "participant", "LAO")]),
    ("ja", "日本側からは外務省など5名、タイ側からは天然資源環境省等の9名が出席した。", [(5, "participant", "JPN"), (9, "participant", "THA")]),
    # a total after a list of countries' own numbers is nobody's
    ("ja", "チリ4件、ケニア2件の計6件を採択した。", [(4, "project", "CHL"), (2, "project", "KEN"), (6, "project", None)]),
    ("en", "It selected seven projects: four in Chile and three in Kenya.",
     [(7, "project", None), (4, "project", "CHL"), (3, "project", "KEN")]),
    ("vi", "Có năm dự án tại Chile, hai tại Kenya và một tại Peru.", [(5, "project", "CHL"), (2, "project", "KEN")]),
    # a running total with a year between its noun and its number
    ("en", "This brings the total number of projects selected since 2013 to 310.", [(310, "project", None)]),
    ("en", "This brings the total number of\nsupported model projects to 310.", [(310, "project", None)]),  # a PDF line wrap
])
def test_counts_subject_constructions(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Selected projects by country: Chile 8, Kenya 6 and Mexico 5.",
     [(8, "project", "CHL"), (6, "project", "KEN"), (5, "project", "MEX")]),
    ("en", "- Chile: 8 projects\n- Kenya: 6 projects", [(8, "project", "CHL"), (6, "project", "KEN")]),
    ("vi", "Chile có 8 dự án, Kenya 6 dự án và Mexico 5 dự án.",
     [(8, "project", "CHL"), (6, "project", "KEN"), (5, "project", "MEX")]),
    ("vi", "Chile (8 dự án), Kenya (6), Mexico (5)", [(8, "project", "CHL"), (6, "project", "KEN"), (5, "project", "MEX")]),
])
def test_counts_in_a_list_of_countries(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a qualifier word that is also a vague prefix ("some") is a qualifier before a numeral
    ("en", "The forum drew some 1,500 participants.", [(1500, "participant", None)]),
    ("en", "Japan has funded 250+ projects.", [(250, "project", None)]),
    ("en", "Two hundred projects and three hundred participants.", [(200, "project", None), (300, "participant", None)]),
    ("vi", "Nhật Bản đã hỗ trợ tổng số 250 dự án.", [(250, "project", None)]),
    # digits with a scale character, and the number in brackets after its noun
    ("ja", "展示会には約1万人、式典には2万1千人が来場した。", [(10000, "participant", None), (21000, "participant", None)]),
    ("en", "The list of JCM partner countries (31) grows.", [(31, "country", None)]),
    ("en", "Chile (8-projects) leads.", [(8, "project", "CHL")]),  # a space OCR read as a hyphen
    # a heading or fact-box line labelled with the counted noun
    ("en", "Key figures\nNumber of partner countries: 31\n- Registered projects: 90\n", [(31, "country", None), (90, "project", None)]),
    ("en", "Partner countries (as of May 2025): 31\nRegistered projects: 90\n", [(31, "country", None), (90, "project", None)]),
    ("ja", "アジアを中心に28の国と地域が参加した。", [(28, "country", None)]),
    ("vi", "Hai bên đã ký 6 MoU và đón 300 khách, trong đó có 20 khách hàng.",
     [(6, "document", None), (300, "participant", None), (20, "other", None)]),
    ("en", "They signed six memorandums of cooperation and held two webinars.", [(6, "document", None), (2, "meeting", None)]),
    # a part of the count before, placed in a country
    ("en", "Of the 250 projects, 50 are in Indonesia.", [(250, "project", None), (50, "project", "IDN")]),
    ("en", "The 12 projects selected this year include five in Viet Nam.", [(12, "project", None), (5, "project", "VNM")]),
    # people from a country
    ("ja", "会合にはベトナムからは15名、タイからも約20名が参加した。", [(15, "participant", "VNM"), (20, "participant", "THA")]),
])
def test_counts_qualified_labelled_and_placed_forms(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("vi", "Hai bên thảo luận việc thực hiện Điều 6 Thỏa thuận Paris."),
    ("en", "He met the ministers of three countries, and one from Chile spoke."),
])
def test_counts_article_numbers_and_pronouns_are_not_counts(lang, text):
    assert [c for c in found(text, lang) if c[0] != 3] == []


@pytest.mark.parametrize("lang,text,expected", [
    # a total written with 数 and no counter, as headings and fact boxes of Japanese pages do
    ("ja", "本年度、JCMのパートナー国数は32となった。", [(32, "country", None)]),
    ("ja", "概要\n登録プロジェクト数 85\n参加者数：約140\n", [(85, "project", None), (140, "participant", None)]),
    ("ja", "採択案件数は累計で260を超えた。", [(260, "project", None)]),
    # a line labelled with the counted noun, in a fact box
    ("ja", "登録プロジェクト：88\n参加者：約140\n", [(88, "project", None), (140, "participant", None)]),
    ("vi", "Kết quả\nSố dự án: 14\nTổng số nước đối tác (tính đến 2025): 29\n", [(14, "project", None), (29, "country", None)]),
    ("vi", "Danh sách các nước đối tác JCM (29) được cập nhật.", [(29, "country", None)]),
    ("en", "Summary\nNo. of projects: 14\n", [(14, "project", None)]),
    ("vi", "Người liên hệ: 0912000111", []),  # a phone number, not a count of people
    # a number with の before a plain noun (no counter)
    ("ja", "説明会には45の企業が出席し、12の団体が協賛した。", [(45, "participant", None), (12, "other", None)]),
    ("ja", "同制度は33の国で運用されている。", [(33, "country", None)]),
    # a total reached with a perfect verb
    ("en", "Since then the number of partner nations has grown to 33.", [(33, "country", None)]),
    ("en", "The number of registered projects has risen to 95 this spring.", [(95, "project", None)]),
])
def test_counts_totals_without_a_counter_and_with_perfect_verbs(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("ja", "パートナー国数は前年の2倍になった。"),  # a ratio, not a count
    ("ja", "プロジェクト数は2024年に増えた。"),  # a year, not a count
])
def test_counts_totals_with_a_ratio_or_a_year_are_not_counts(lang, text):
    assert found(text, lang) == []


@pytest.mark.parametrize("lang,text,expected", [
    # classifiers between the numeral and the noun (vi), and the ministries counter (ja)
    ("vi", "Lễ ký có sự chứng kiến của hơn 60 vị đại biểu.", [(60, "participant", None)]),
    ("vi", "Triển lãm đón gần 900 lượt khách.", [(900, "participant", None)]),
    ("ja", "関係3省が連携して支援する。", [(3, "other", None)]),
    ("ja", "説明会には5事業者が出席した。", [(5, "participant", None)]),
    # the size of a delegation as a compound modifier
    ("en", "An 8-member delegation from Kenya arrived.", [(8, "participant", "KEN")]),
    # a numeral is never a modifier of a later noun
    ("en", "The two sides approved four methodologies.", [(4, "other", None)]),
    ("en", "The two ministers signed three documents and held two sessions.", [(3, "document", None), (2, "meeting", None)]),
    # a later, dated total with the noun left out
    ("en", "It financed 9 projects by June 2021 and 15 by June 2024.", [(9, "project", None), (15, "project", None)]),
    ("en", "The plan names 6 priority areas.", [(6, "other", None)]),
])
def test_counts_classifiers_compound_sizes_and_dated_totals(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # both ends of a range count, as both ends of a date range are dates
    ("ja", "ラオスで2～4件の案件を採択する見込み。", [(2, "project", "LAO"), (4, "project", "LAO")]),
    ("en", "Each round selects 6-8 projects.", [(6, "project", None), (8, "project", None)]),
    ("en", "Between 20 and 25 officials attended.", [(20, "participant", None), (25, "participant", None)]),
    ("vi", "Mỗi năm có từ 4 đến 6 dự án mới.", [(4, "project", None), (6, "project", None)]),
    # a part before its whole counts the same things, with its own subject
    ("en", "Mongolia hosts 9 of the 280 model projects.", [(9, "project", "MNG"), (280, "project", None)]),
    ("vi", "Thái Lan có 12 trong số 90 dự án.", [(12, "project", "THA"), (90, "project", None)]),
    # not ranges: an ordinal range, a year before the count, a falling pair
    ("ja", "第2～4回の会合", []),
    ("en", "In 2019-4 projects were added.", [(4, "project", None)]),
    # a number joined to a word by a hyphen is part of a name, not a count
    ("en", "The fund backed COVID-19 projects and 12 other projects.", [(12, "project", None)]),
])
def test_counts_both_ends_of_a_range(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    # page furniture: a photo caption's number of photos, a search pager
    ("ja", "（参考）調印式の写真（写真４枚）"),
    ("ja", "検索結果：11-20件を表示"),
    # a fraction is no count
    ("ja", "参加国の2/3の国が賛成した。"),
])
def test_counts_photo_captions_and_pagers_are_not_counts(lang, text):
    assert found(text, lang) == []


@pytest.mark.parametrize("lang,text,expected", [
    # ja: the issuance as the topic, its times after it; meetings held N times stay meetings
    ("ja", "これまでにクレジット発行は延べ40回を数える。", [(40, "credit_issuance", None)]),
    ("ja", "JCMクレジットの発行は累計15回となった。", [(15, "credit_issuance", None)]),
    # (review) times of a noun after them (3回の合同委員会) count that noun: meetings, not issuances
    ("ja", "クレジット発行は、これまで3回の合同委員会で承認された。", [(3, "meeting", None)]),
    ("ja", "クレジットの発行は計5回の会合を経て決定された。", [(5, "meeting", None)]),
    ("ja", "報告会は延べ40回開かれた。", [(40, "meeting", None)]),
    ("ja", "クレジットの発行実績は累計28回となった。", [(28, "credit_issuance", None)]),
    ("ja", "クレジット発行件数は累計28件となった。", [(28, "credit_issuance", None)]),
    ("ja", "クレジットの発行が5件のプロジェクトで行われた。", [(5, "project", None)]),
    # a rank's top N is no count; N countries ranking high are
    ("ja", "上位5か国で全体の8割を占める。", []),
    ("ja", "5か国が上位を占めた。", [(5, "country", None)]),
    # things placed in a body's member states are the body's; the member states Japan signs with are not
    ("ja", "ASEAN加盟国における案件は90件に上る。", [(90, "project", "ASEAN")]),
    ("ja", "日本はASEAN加盟国6か国と署名した。", [(6, "country", None)]),
    # the number of businesses taking part, stated without a counter
    ("ja", "参加事業者数は21となった。", [(21, "other", None)]),
    ("ja", "事業者は21日までに申請する。", []),
    ("ja", "参加国・地域数は45に上った。", [(45, "country", None)]),
    ("ja", "国・地域別の内訳は表のとおり。", []),
    # 本 and 点 count a known noun standing before the numeral, never an unknown one
    ("ja", "会合では方法論３本が承認された。", [(3, "other", None)]),
    ("ja", "署名された覚書は計4本である。", [(4, "document", None)]),
    ("ja", "配布資料：計５点", [(5, "document", None)]),
    ("ja", "関連は４本である。", []),
    ("ja", "以下の3点の課題がある。", []),
    # …and 件 counts a methodology or document standing before it, not a company or a country
    ("ja", "方法論3件が承認され、プロジェクト2件が登録された。", [(3, "other", None), (2, "project", None)]),
    ("ja", "協力覚書5件に署名した。", [(5, "document", None)]),
    ("ja", "方法論承認件数：3件", [(3, "other", None)]),
    ("ja", "今年度は参加企業3件が採択された。", [(3, "project", None)]),
    ("ja", "今回の会議は3件を承認した。", [(3, "project", None)]),  # a topic before 件 may be its agent
    # a part after a subset word counts the things of the whole before it; 内 inside a word is none
    ("ja", "両国間で計20本の協力文書が交わされた。このうち環境分野は3本である。",
     [(20, "document", None), (3, "document", None)]),
    ("ja", "5つの覚書が結ばれ、うち2つは環境分野である。", [(5, "document", None), (2, "document", None)]),
    # (review) a whole of people is no whole of 本: the part counts nothing
    ("ja", "参加者は50名であった。このうち3本は発表資料である。", [(50, "participant", None)]),
    ("ja", "2件が採択された。国内では2つの課題がある。", [(2, "project", None), (2, "other", None)]),
    # seminars, workshops and side events held are meetings; a seminar room or a training site is no meeting
    ("ja", "3つのセミナーと12のサイドイベントを開いた。", [(3, "meeting", None), (12, "meeting", None)]),
    ("ja", "3つの研修施設と4つの会議室を整えた。", [(3, "other", None), (4, "other", None)]),
    # people from a country named by their role between (政府関係者ら, 行政官); not people of a
    # meeting with the country, nor people who came back from it
    ("ja", "ベトナムからは政府関係者ら10名が来日した。", [(10, "participant", "VNM")]),
    ("ja", "モンゴルの行政官12人を招いた。", [(12, "participant", "MNG")]),
    ("ja", "ハノイで開かれたベトナムとの会合には約60人が出席した。", [(60, "participant", None)]),
    ("ja", "ベトナムから帰国した技術者10名が報告した。", [(10, "participant", None)]),
    # the breakdown (内訳) of a body's members stated before is its members; a count of countries
    # in a sentence that is no membership's is not the body's
    ("ja", "パリ協定6条実施パートナーシップ、参加が拡大\n同パートナーシップへの参加は、発足から1年で70に達した。"
           "内訳は国が40か国、国際機関などが30機関。", [(40, "country", "A6IP"), (30, "other", "A6IP")]),
    ("ja", "パリ協定6条実施パートナーシップについて\n同パートナーシップの会合が開かれた。日本は10か国と協力している。",
     [(10, "country", None)]),
])
def test_counts_ja_topics_ranks_and_nouns_before_the_numeral(lang, text, expected):
    assert found(text, lang) == expected
# fmt: on



# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    # a heading line ending with 数 ("number of") labels the count on the next line; 数 right
    # before a numeral (数十) still makes it vague
    ("ja", "■加盟国数\n27か国\n", [(27, "country", None)]),
    ("ja", "参加者数\n約80名", [(80, "participant", None)]),
    ("ja", "数十か国と数百名が関心を寄せた。", []),
    ("ja", "登録件数　18件", [(18, "project", None)]),  # 数 with a space before the number is a label's end
])
def test_counts_after_a_label_line(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # the end of a fiscal-year range written short is a year, not a count of the noun after it
    ("en", "Most of the FY2023-24 projects use solar power.", []),
    ("en", "The 2022–23 model projects and 7 new projects were reviewed.", [(7, "project", None)]),
    ("en", "In 2019-4 projects were added.", [(4, "project", None)]),  # 4 is below 19: no range
])
def test_counts_a_short_year_range_is_no_count(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # "a dozen" is a numeral; "dozens of" is vague and counts nothing
    ("en", "Japan has now signed with a dozen countries.", [(12, "country", None)]),
    ("en", "Dozens of firms joined nearly a dozen webinars.", [(12, "meeting", None)]),
    ("vi", "Bảy mươi doanh nghiệp tham dự hội thảo.", [(70, "participant", None)]),
])
def test_counts_spelled_numbers(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # people and bodies with a nationality in their own noun phrase are that country's
    ("en", "Some 25 Mongolian officials and 40 Japanese firms attended.", [(25, "participant", "MNG"), (40, "participant", "JPN")]),
    ("en", "The fair in Chile drew eight Korean companies.", [(8, "other", "KOR")]),
    ("vi", "Buổi tọa đàm có 20 chuyên gia Nhật Bản.", [(20, "participant", "JPN")]),
    ("vi", "Có 18 doanh nghiệp Thái Lan và Lào tham dự.", [(18, "participant", None)]),  # two countries: none
    # projects take their host, not the nationality of their funders
    ("vi", "Hai dự án Nhật Bản tại Lào đã hoàn thành.", [(2, "project", "LAO")]),
    ("en", "Japanese firms run 6 projects in Laos.", [(6, "project", "LAO")]),
])
def test_counts_nationality_of_the_counted_things(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # a side's list of bodies may hold clause marks (環境省、外務省等) between the side and its number
    ("ja", "日本側からは外務省、農林水産省等約12名、カンボジア側からは環境省等約25名が出席した。",
     [(12, "participant", "JPN"), (25, "participant", "KHM")]),
    # a country in an earlier clause with other words before the number is no side of it
    ("ja", "タイ側の提案を受けて、約30名が参加した。", [(30, "participant", None)]),
])
def test_counts_side_with_a_list_of_bodies(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # businesses joined by "and" or a list comma share the verb after the last: all attend
    ("en", "Nine Thai firms and 14 Japanese companies attended the matching.", [(9, "participant", "THA"), (14, "participant", "JPN")]),
    ("ja", "商談会には日本企業8社、ラオス企業11社が参加した。", [(8, "participant", "JPN"), (11, "participant", "LAO")]),
    ("vi", "Có 35 doanh nghiệp Lào và 12 doanh nghiệp Nhật Bản tham dự.", [(35, "participant", "LAO"), (12, "participant", "JPN")]),
    # each with its own verb: only the attending ones are participants
    ("en", "Twelve firms exhibited, and 60 companies attended.", [(12, "other", None), (60, "participant", None)]),
    ("ja", "日本企業8社が出展し、ラオス企業11社が参加した。", [(8, "other", "JPN"), (11, "participant", "LAO")]),
])
def test_counts_coordinated_businesses_share_their_verb(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # "N of which" after a count is a subset of it and shares its subject
    ("en", "Kenya has 6 registered projects, 4 of which have issued credits.", [(6, "project", "KEN"), (4, "project", "KEN")]),
    # fact-box fields separated by a bar on one line
    ("en", "Partner countries: 29 | Registered projects: 88", [(29, "country", None), (88, "project", None)]),
    ("vi", "Số dự án: 12 | Số nước đối tác: 27", [(12, "project", None), (27, "country", None)]),
    ("ja", "登録プロジェクト：64｜参加者：約90", [(64, "project", None), (90, "participant", None)]),
])
def test_counts_subset_after_and_bar_separated_fields(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # "the said country" opening a paragraph stands for the country of the paragraphs before
    ("ja", "ラオス\n\n同国で実施中の案件は7件である。", [(7, "project", "LAO")]),
    ("ja", "同国で実施中の案件は7件である。", [(7, "project", None)]),  # nothing before: no antecedent
    # legal instruments are documents (as 3つの省令)
    ("vi", "Chính phủ đã ban hành 2 nghị định và 4 thông tư.", [(2, "document", None), (4, "document", None)]),
    ("en", "The ministry issued three circulars.", [(3, "document", None)]),
])
def test_counts_anaphor_across_paragraphs_and_legal_documents(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # a count stated for the whole world is no one country's, whatever country its sentence names
    ("vi", "Lào là một đối tác JCM, với 260 dự án trên toàn thế giới.", [(260, "project", None)]),
    ("en", "Laos joined a scheme that has 260 projects worldwide.", [(260, "project", None)]),
    ("ja", "ラオスも参加するJCMでは、世界全体で260件の案件がある。", [(260, "project", None)]),
])
def test_counts_worldwide_have_no_subject(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # a list of countries as the place of one count: no single subject
    ("ja", "本年度はラオス、カンボジア、ケニアにおいて計9件を採択した。", [(9, "project", None)]),
    ("en", "Nine projects were selected in Laos, Cambodia and Kenya.", [(9, "project", None)]),
    ("vi", "Có 9 dự án tại Lào, Campuchia và Kenya.", [(9, "project", None)]),
])
def test_counts_placed_in_a_list_of_countries(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # the scheme as the owner of the count: a country named before it is not the subject
    ("ja", "ラオスは2014年にJCMに参加した。JCMでは、これまでに260件の案件が採択されている。", [(260, "project", None)]),
    ("vi", "Lào tham gia JCM năm 2014, cơ chế này hiện có hơn 260 dự án.", [(260, "project", None)]),
    ("en", "Laos signed in 2014; the JCM now has 260 projects.", [(260, "project", None)]),
    # …unless a country is named after it, or the scheme is that country's
    ("en", "The JCM has 7 projects in Laos.", [(7, "project", "LAO")]),
    ("ja", "ラオスのJCMでは7件の案件がある。", [(7, "project", "LAO")]),
])
def test_counts_owned_by_the_scheme(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # a bare number placed in a country counts the things before it that are not countries
    ("en", "Japan has backed 260 projects in 28 countries, including 31 in Laos.",
     [(260, "project", None), (28, "country", None), (31, "project", "LAO")]),
    ("vi", "Nhật Bản đã hỗ trợ 260 dự án tại 28 nước, trong đó có 31 tại Lào.",
     [(260, "project", None), (28, "country", None), (31, "project", "LAO")]),
    # placed in a region, it may count countries
    ("en", "The JCM now has 28 countries, with 12 in Africa.", [(28, "country", None), (12, "country", None)]),
])
def test_counts_bare_number_placed_in_a_country(lang, text, expected):
    assert found(text, lang) == expected
@pytest.mark.parametrize("lang,text,expected", [
    # companies named after the count (N社のX企業) attend as the counter's companies do, and
    # the nationality after の is theirs
    ("ja", "商談会には１２社以上のラオス企業が参加した。", [(12, "participant", "LAO")]),
    # a subset word may stand a few words before its number (うち登録済み15件)
    ("ja", "ラオスでは計11件、うち登録済み4件となっている。", [(11, "project", "LAO"), (4, "project", "LAO")]),
])
def test_counts_company_nouns_after_and_subsets_with_modifiers(lang, text, expected):
    assert found(text, lang) == expected
# fmt: on


# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    # an act done N times counts what its verb does: meetings held, credits issued
    ("en", "Since 2015 the two sides have convened the committee 7 times.", [(7, "meeting", None)]),
    ("en", "The committee has met on 7 occasions.", [(7, "meeting", None)]),
    ("en", "The working group has met twice.", [(2, "meeting", None)]),
    ("en", "Twice as many firms met the criteria.", []),
    ("en", "Laos has been issued JCM credits about six times.", [(6, "credit_issuance", "LAO")]),
    ("vi", "Hai bên đã nhóm họp 7 lần.", [(7, "meeting", None)]),
    ("vi", "Lào đã được cấp tín chỉ sáu lần.", [(6, "credit_issuance", "LAO")]),
    ("ja", "ラオスでは既に6回のクレジット発行が行われた。", [(6, "credit_issuance", "LAO")]),
    ("ja", "委員会はこれまで7回開催された。", [(7, "meeting", None)]),
    # "times" of a comparison, and 回 of an ordinal, count nothing
    ("en", "Output grew 3 times faster after the plant was held 2 times larger.", []),
    ("vi", "Sản lượng tăng gấp 3 lần.", []),
    ("ja", "第7回発行分の審査", []),
    # an issuance counts credits: a bulletin issued N times a year, a licence granted N times do not
    ("en", "The bulletin is issued 4 times a year.", []),
    ("vi", "Nhà máy được cấp phép 3 lần.", []),
])
def test_counts_of_acts_done_n_times(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # countries and bodies counted together are countries, as countries and regions are
    ("ja", "会合には２０を超える国・機関が出席した。", [(20, "country", None)]),
    # 本 counts the documents named after it
    ("ja", "両国は2本の覚書を交わした。", [(2, "document", None)]),
    # năm after mỗi, hằng is "year", not five
    ("vi", "Hằng năm tổ chức 12 hội thảo.", [(12, "meeting", None)]),
    # a country's share with the noun left out after a verb: things in it, not countries
    ("en", "The JCM has 90 projects in 20 nations. Laos hosts 9.",
     [(90, "project", None), (20, "country", None), (9, "project", "LAO")]),
    ("vi", "JCM có 90 dự án tại 20 nước. Lào có 9.",
     [(90, "project", None), (20, "country", None), (9, "project", "LAO")]),
    # …its noun may stand in the sentence before, without a number
    ("en", "Japan funds JCM projects in many nations. Laos hosts 9.", [(9, "project", "LAO")]),
    # the lower end of a range of businesses attends as its upper end does
    ("en", "Roughly 15 to 18 firms took part.", [(15, "participant", None), (18, "participant", None)]),
    ("ja", "15～18社が参加した。", [(15, "participant", None), (18, "participant", None)]),
    # businesses joined to a count of people who attend attend too; not when the people only visit
    ("ja", "商談会には約40社、90名が参加した。", [(40, "participant", None), (90, "participant", None)]),
    ("vi", "Có 40 doanh nghiệp và 90 đại biểu tham dự.", [(40, "participant", None), (90, "participant", None)]),
    ("ja", "約40社、90名が来日した。", [(40, "other", None), (90, "participant", None)]),
    # the scheme described in apposition owns its count, whatever country stands before it
    ("en", "Laos takes part in the JCM, a crediting scheme that now has 90 projects.", [(90, "project", None)]),
    ("en", "Laos joined a Japanese crediting mechanism which has 90 projects.", [(90, "project", None)]),
    # "the JCM" is no joint committee ("the JC"): the country of the sentence stays the subject
    ("en", "Laos, one of the JCM's partners, hosts 9 projects.", [(9, "project", "LAO")]),
    # a count placed in a region takes no country from the sentence before
    ("en", "Laos joined the JCM in 2013. By 2016, 9 projects in South Asia were registered.", [(9, "project", None)]),
    ("vi", "Lào tham gia năm 2013. Hiện có 9 dự án tại Đông Nam Á.", [(9, "project", None)]),
    ("ja", "ラオスは2013年に参加した。東南アジアでは9件が登録されている。", [(9, "project", None)]),
])
def test_counts_of_bodies_documents_years_and_hosts(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # "trong số N" is "among N", not "number N"
    ("vi", "Trong số 40 dự án, 9 dự án ở Lào.", [(40, "project", None), (9, "project", "LAO")]),
    # a part of the count before, placed, with a qualifier
    ("en", "Of the 40 projects, about 9 are in Laos.", [(40, "project", None), (9, "project", "LAO")]),
    # a figure of the year before, its noun left out
    ("en", "Nine projects were chosen this year, up from 7 the previous year.", [(9, "project", None), (7, "project", None)]),
    ("vi", "Năm nay có 9 dự án, so với 7 của năm ngoái.", [(9, "project", None), (7, "project", None)]),
    # a noun with a verb of number, and visitors
    ("en", "Its member nations now number 12.", [(12, "country", None)]),
    ("en", "The booth drew some 400 visitors.", [(400, "participant", None)]),
    # a part after a preposition or a host verb and "of them"
    ("en", "Laos has 12 projects, and credits came from 4 of them.", [(12, "project", "LAO"), (4, "project", "LAO")]),
    ("en", "Japan backs 30 projects, and Laos hosts 6 of them.", [(30, "project", None), (6, "project", "LAO")]),
])
def test_counts_among_parts_and_figures_before(lang, text, expected):
    assert found(text, lang) == expected
# fmt: on


# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    # a part placed in a country after its whole: the country is the part's, not the whole's
    ("ja", "90件のうち約20件がラオスで実施されている。", [(90, "project", None), (20, "project", "LAO")]),
    ("ja", "これまでに90件が採択され、うち20件がラオスのものである。", [(90, "project", None), (20, "project", "LAO")]),
    ("en", "90 projects, of which 20 are in Laos.", [(90, "project", None), (20, "project", "LAO")]),
    # …while a whole named with its country keeps it for both
    ("en", "Laos has 16 projects, of which 7 have issued credits.", [(16, "project", "LAO"), (7, "project", "LAO")]),
    # the scheme in apposition (vi), bodies after の (ja), a verb of number with a qualifier (en)
    ("vi", "Lào tham gia JCM, một cơ chế hiện có 90 dự án.", [(90, "project", None)]),
    ("ja", "約15の国際機関が協力している。", [(15, "other", None)]),
    ("en", "Its projects now number more than 90.", [(90, "project", None)]),
    # rounds of issuance; a fact-box value after a dash or with its date in brackets
    ("en", "Three rounds of credit issuance followed.", [(3, "credit_issuance", None)]),
    ("en", "Registered projects — 64", [(64, "project", None)]),
    ("en", "Number of partner nations: 27 (as of June 2024)", [(27, "country", None)]),
    ("vi", "Số dự án đã đăng ký: 64 (tính đến tháng 6/2024)", [(64, "project", None)]),
])
def test_counts_wholes_and_parts_and_appositions(lang, text, expected):
    assert found(text, lang) == expected
# fmt: on


# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    # a number hyphened to the counted noun is a count (singular for any number); hyphened to
    # another word it measures that word
    ("en", "Peru joined a 12-nation climate club.", [(12, "country", None)]),
    ("en", "The bank approved a 6-project package.", [(6, "project", None)]),
    ("en", "Laos hosted a one-day seminar on the scheme.", []),
    ("en", "The ministry opened a 40-plus projects pipeline.", [(40, "project", None)]),
    # totals: verbs of passing a mark, a participle after the label, a cumulative total
    ("en", "The number of registered projects surpassed 90 last year.", [(90, "project", None)]),
    ("en", "Countries signed: 14", [(14, "country", None)]),
    ("en", "Six projects were chosen, bringing the cumulative total to 48.", [(6, "project", None), (48, "project", None)]),
    ("ja", "協力国は４０を超えている。", [(40, "country", None)]),
    ("ja", "採択案件は12となった。", [(12, "project", None)]),
    ("vi", "Số lượng dự án tại Lào đã vượt 10.", [(10, "project", "LAO")]),
    # what N件の… counts: credit issuances (発行 is an act noun); bodies joined by a comma (vi)
    ("ja", "3件のクレジット発行が承認された。", [(3, "credit_issuance", None)]),
    ("vi", "Có 7 bộ, ngành cử đại diện.", [(7, "other", None)]),
])
def test_counts_compounds_totals_and_issuances(lang, text, expected):
    assert found(text, lang) == expected
# fmt: on


def test_a_count_restated_without_its_country_is_one_fact() -> None:
    """The same words again later in the document (…the 3 projects) restate the count that
    named its country: the document holds it once, with the country (the store and the export
    agree). Without a subject anywhere, both mentions stay."""
    text = "The ministry selected 3 projects in Kenya.\n\nFunding for the 3 projects starts in May."
    assert counted(text) == [(3, "project", "KEN")]
    assert counted(text.replace(" in Kenya", "")) == [(3, "project", None), (3, "project", None)]



def test_the_same_words_of_another_act_are_another_count() -> None:
    """(review) The same surface and value is no restatement when it neither refers back nor
    states the same act: the Joint Committee's approval of 5 projects is another fact than
    Mongolia's 5 registered projects. The same act again (a title) still restates."""
    text = "Mongolia registered 5 projects in 2023.\n\nLater, the Joint Committee of Japan and Thailand approved 5 projects."
    assert counted(text) == [(5, "project", "MNG"), (5, "project", None)]
    assert counted("5 projects registered\n\nMongolia registered 5 projects in 2023.") == [(5, "project", "MNG")]


def counted(text: str) -> list[tuple]:
    """(value, unit, subject) of every count mention of an English text, in text order."""
    return [(m.value, m.unit, m.subject) for m in extract_text(text, "en") if isinstance(m, CountMention)]


# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    # a number restated in digits in brackets (legal style)
    ("en", "Nine (9) proposals were received and five (5) projects were chosen.", [(5, "project", None)]),
    ("vi", "Bảy (7) dự án đã được chọn.", [(7, "project", None)]),
    # a number that grew from one figure to another: both are counts
    ("en", "The number of member nations rose from 9 in 2019 to 14 in 2024.", [(9, "country", None), (14, "country", None)]),
    # the counted noun reaching a number without "number of"
    ("en", "Partner countries have risen to 19.", [(19, "country", None)]),
    ("en", "The new deal brings the scheme's partner nations to 19.", [(19, "country", None)]),
    # businesses whose participation is stated before them attend
    ("en", "The fair was attended by 35 firms.", [(35, "participant", None)]),
    ("vi", "Hội thảo có sự tham gia của 35 doanh nghiệp.", [(35, "participant", None)]),
    ("en", "The plants are run by 35 firms.", [(35, "other", None)]),
    # a scale word makes a number no count of the noun after it; individuals are people
    ("en", "Nearly 4 million people live in the province.", []),
    ("en", "Some 60 individuals took part.", [(60, "participant", None)]),
])
def test_counts_restated_grown_reached_and_attended(lang, text, expected):
    assert found(text, lang) == expected
# fmt: on


# fmt: off
@pytest.mark.parametrize("lang,text,expected", [
    # a part in brackets right after a count, placed in a country: the part's, not the whole's
    ("en", "The agency chose 12 projects (5 in Peru).", [(12, "project", None), (5, "project", "PER")]),
    ("vi", "Bộ đã chọn 12 dự án (5 tại Peru).", [(12, "project", None), (5, "project", "PER")]),
    # a list of countries' numbers in brackets ends at the bracket
    ("en", "The agency chose 12 projects (Peru 5, Chile 7).", [(12, "project", None), (5, "project", "PER"), (7, "project", "CHL")]),
])
def test_counts_parts_in_brackets(lang, text, expected):
    assert found(text, lang) == expected
# fmt: on


@pytest.mark.parametrize("lang,text,expected", [
    # a two-word noun wrapped at its space by a page's line width
    ("vi", "Buổi họp có 45 đại\nbiểu tham dự.", [(45, "participant", None)]),
    ("vi", "Tỉnh này có 6 dự\nán điện gió.", [(6, "project", None)]),
])
def test_counts_with_a_noun_wrapped_at_its_space(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # one of a set names a member of it, no count of one; a part of several counts
    ("en", "Peru is one of the 19 member nations.", [(19, "country", None)]),
    ("en", "Six of the 19 member nations sent ministers.", [(6, "country", None), (19, "country", None)]),
    # N か国語 counts languages, not countries
    ("ja", "案内は4カ国語で配布された。", []),
])
def test_counts_members_and_languages(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a time unit after the numeral is what it measures: no count of the noun after it
    ("en", "Peru held a one day seminar on the scheme.", []),
    # spelled-out dozens and hundreds
    ("en", "Some two dozen firms took part.", [(24, "participant", None)]),
    ("vi", "Buổi lễ có một trăm khách mời.", [(100, "participant", None)]),
    ("vi", "Tỉnh có hai chục dự án.", [(20, "project", None)]),
    ("vi", "Hội nghị thu hút bảy trăm đại biểu.", [(700, "participant", None)]),
    ("vi", "Tỉnh có tám chục dự án.", [(80, "project", None)]),
    ("vi", "Hàng chục doanh nghiệp đã tham gia.", []),
])
def test_counts_time_units_and_spelled_out_tens(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a part named by "N of which" and placed in a country is that country's; the whole is not
    ("en", "Japan backs 40 projects, 9 of which are located in Kenya.", [(40, "project", None), (9, "project", "KEN")]),
    ("en", "Kenya has 16 projects, 7 of which are in the capital.", [(16, "project", "KEN"), (7, "project", "KEN")]),
    # a fact-box value with a plus after it
    ("en", "Registered projects: 90+", [(90, "project", None)]),
])
def test_counts_parts_of_which_and_plus(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # members of a delegation are its people; members of a body are bodies
    ("en", "A delegation of 9 members arrived from Peru.", [(9, "participant", "PER")]),
    ("vi", "Đoàn công tác gồm 9 thành viên.", [(9, "participant", None)]),
    ("vi", "Tập đoàn có 9 thành viên.", [(9, "other", None)]),
    # …and only a delegation word that is a word: "mission" inside "emissions", "team" inside "steam"
    ("en", "The alliance that tracks emissions now has 14 members.", [(14, "other", None)]),
    ("en", "The steam network joined 6 members this year.", [(6, "other", None)]),
])
def test_counts_members_of_a_delegation(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a numeral with の (or a qualifier verb) and a known noun heading the phrase after it
    ("ja", "現在、9のJCMプロジェクトが進行している。", [(9, "project", None)]),
    ("ja", "19のパートナー国と協力している。", [(19, "country", None)]),
    ("ja", "90を超えるJCMプロジェクトを支援した。", [(90, "project", None)]),
    ("ja", "3の倍数を数える。", []),
    # a number glued to letters before の is part of a name
    ("ja", "COP27の参加国が集まった。", []),
    ("ja", "G7の国々が議論した。", []),
])
def test_counts_ja_numeral_with_no_and_a_known_noun(lang, text, expected):
    assert found(text, lang) == expected


def test_a_country_given_to_a_part_is_not_the_whole_s_from_earlier_in_the_paragraph() -> None:
    text = "Support for projects in Peru. The agency chose 12 projects (5 projects in Peru) this year."
    assert found(text, "en") == [(12, "project", None), (5, "project", "PER")]


@pytest.mark.parametrize("lang,text,expected", [
    # equipment and premises a project equips are things counted (other)
    ("en", "The scheme fitted 450 LED streetlights and 12 supermarkets.", [(450, "other", None), (12, "other", None)]),
    ("vi", "Dự án lắp 450 đèn LED cho 12 siêu thị.", [(450, "other", None), (12, "other", None)]),
])
def test_counts_equipment_and_premises(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # a running total since a start, or the home party's own so far, with no other country in its
    # sentence is not the host's of the sentence before
    ("en", "The seminar took place in Lima, Peru. Since 2013, some 90 projects have been chosen.", [(90, "project", None)]),
    ("en", "Peru hosted the seminar. Japan has chosen some 90 projects to date.", [(90, "project", None)]),
    ("vi", "Hội thảo diễn ra tại Lima, Peru. Từ năm 2013, đã có 90 dự án được chọn.", [(90, "project", None)]),
    ("ja", "セミナーはペルーで開催された。2013年以降、90件のプロジェクトが採択された。", [(90, "project", None)]),
    # …while a count that is only "so far" keeps the country the paragraph is about
    ("en", "Peru joined in 2015. So far, 6 projects have been registered.", [(6, "project", "PER")]),
    # a scheme-wide word opening the sentence
    ("en", "Peru hosted the seminar. Worldwide, some 90 projects have been chosen.", [(90, "project", None)]),
])
def test_counts_running_totals_are_no_host_s(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # representatives and officials are people (vi)
    ("vi", "Có 25 đại diện đến từ các địa phương.", [(25, "participant", None)]),
    ("vi", "9 quan chức Lào đã sang thăm.", [(9, "participant", "LAO")]),
])
def test_counts_vi_representatives_and_officials(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    # businesses joined after a count that attends by the words before it attend too
    ("vi", "Buổi lễ có sự tham gia của 25 doanh nghiệp Lào và 15 doanh nghiệp Nhật Bản.",
     [(25, "participant", "LAO"), (15, "participant", "JPN")]),
    # a later verb of their own keeps them things
    ("en", "45 firms attended and 9 firms exhibited.", [(45, "participant", None), (9, "other", None)]),
])
def test_counts_attendance_carried_forward(lang, text, expected):
    assert found(text, lang) == expected
