"""Agreements end to end: real sentences through every extractor, asserting the facts' keys.

`agreements` is what ingest gives (the learned models decide); `rule_agreements` is what the
rules find before the models weigh them (every candidate kept with its date): the tests of how
parties and dates are found use it, as the models only accept a candidate or leave its date open."""

from unittest.mock import patch

import pytest

from extractors.relations import agreements as agreements_module
from extractors.relations.relation_model import Model
from pipeline.extract import extract_text
from schemas.records import AgreementMention

KEEP_ALL = Model({}, 30.0)


def agreements(text: str, lang: str) -> set[tuple]:
    return {
        (m.kind, m.parties, m.date, m.place)
        for m in extract_text(text, lang)
        if isinstance(m, AgreementMention)
    }


def rule_agreements(text: str, lang: str) -> set[tuple]:
    with patch.object(agreements_module, "model", lambda name: KEEP_ALL):
        return agreements(text, lang)


# fmt: off
POSITIVE = [
    ("ja", "2022年3月15日、東京において、日本国環境大臣とベトナム天然資源環境大臣は気候変動に関する共同協力計画に署名した。",
     ("joint_plan", ("MOEJ", "MONRE"), "2022-03-15", "Tokyo")),
    ("ja", "日本とケニアは2014年2月にJCMを開始するための二国間文書に署名した。",
     ("bilateral_document", ("JPN", "KEN"), "2014-02", None)),
    ("ja", "2024年3月5日、日本とペルーは、JCMの構築に向けた協力覚書に署名した。",
     ("bilateral_document", ("JPN", "PER"), "2024-03-05", None)),
    ("ja", "2019年5月、日・ラオス間の環境協力に関する協力覚書の更新が行われた。",
     ("moc", ("JPN", "LAO"), "2019-05", None)),
    ("vi", "Ngày 10/5/2023, Bộ trưởng Tài nguyên và Môi trường và Bộ trưởng Môi trường Nhật Bản đã ký Bản ghi nhớ hợp tác về môi trường tại Hà Nội.",
     ("moc", ("MOEJ", "MONRE"), "2023-05-10", "Hanoi")),
    ("vi", "Lào và Nhật Bản đã ký kết cơ chế JCM vào năm 2013.",
     ("bilateral_document", ("JPN", "LAO"), "2013", None)),
    # "to sign" after "the first country" tells what happened, not a plan (only agreed/ready/set to … is)
    ("en", "On 8 January 2013, Mongolia became the first country to sign the bilateral document on the JCM with Japan.",
     ("bilateral_document", ("JPN", "MNG"), "2013-01-08", None)),
    ("en", "On 5 March 2019, Japan and Thailand signed a Memorandum of Cooperation on environmental protection.",
     ("moc", ("JPN", "THA"), "2019-03-05", None)),
    ("en", "On 7 June 2023, Ghana and Sweden signed an Implementation Agreement on carbon credits.",
     ("other", ("GHA", "SWE"), "2023-06-07", None)),
    ("en", "Mongolia and Japan signed up to the JCM in 2013.",
     ("bilateral_document", ("JPN", "MNG"), "2013", None)),
]

NEGATIVE = [
    ("ja", "両国は来年、協力覚書に署名する予定である。"),
    ("ja", "JCMはパリ協定第6条に沿って実施される。"),
    ("ja", "これまでに25か国との間でJCMを開始するための二国間文書に署名している。"),
    ("ja", "日本は、チリ、ペルー等とJCMに関する二国間文書に署名している。"),
    ("ja", "合同委員会は、排出削減量の算定方法を承認した。"),
    ("ja", "日本とペルーは、JCMに関する協力覚書の署名に向けて調整を進めている。"),
    ("ja", "この手法は国際法上の義務を生じさせるものではない。"),
    ("vi", "Hai bên sẽ ký bản ghi nhớ hợp tác trong năm 2026."),
    ("vi", "Việt Nam và Nhật Bản cùng thực hiện Hiệp định Paris thông qua cơ chế JCM."),
    ("vi", "Hai Bộ trưởng nhất trí sớm ký Bản ghi nhớ hợp tác về JCM giữa Lào và Nhật Bản."),
    ("vi", "Chính phủ sẽ ưu tiên thông qua các dự luật cần thiết trong năm 2025."),
    ("en", "Within the framework of this meeting, 40 new MoUs were signed."),
    ("en", "Both countries will sign a joint statement in 2026."),
    ("en", "The ministers agreed to conclude a Memorandum of Cooperation between Japan and Peru soon."),
    ("en", "Japan and Peru are working towards a Memorandum of Cooperation on the JCM."),
    ("en", "The two leaders agreed to expand cooperation under the comprehensive strategic partnership."),
]
# fmt: on


@pytest.mark.parametrize(("lang", "text", "expected"), POSITIVE)
def test_agreements_found_with_arguments(lang, text, expected):
    assert agreements(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text"), NEGATIVE)
def test_agreements_not_instruments(lang, text):
    assert agreements(text, lang) == set()


def test_agreements_jcm_founding_gives_one_document_per_partner():
    text = "Ethiopia and Kenya signed up to the JCM in 2013."
    assert agreements(text, "en") == {
        ("bilateral_document", ("ETH", "JPN"), "2013", None),
        ("bilateral_document", ("JPN", "KEN"), "2013", None),
    }


def test_agreements_repeated_mentions_are_one_fact():
    text = (
        "2021年6月1日、日本国環境大臣とベトナム天然資源環境大臣は東京で共同声明に署名した。\n\n"
        "共同声明は両国の協力の方向性を示している。\n\n"
        "日本国環境大臣とベトナム天然資源環境大臣の共同声明はウェブサイトで公表された。"
    )
    assert agreements(text, "ja") == {("joint_statement", ("MOEJ", "MONRE"), "2021-06-01", "Tokyo")}


def test_agreements_signing_date_not_target_year():
    text = "2022年4月8日、日本国環境大臣とベトナム天然資源環境大臣は2050年までの脱炭素化に向けた共同協力計画に署名した。"
    assert agreements(text, "ja") == {("joint_plan", ("MOEJ", "MONRE"), "2022-04-08", None)}


def test_agreements_signature_block_names_the_parties():
    text = (
        "気候変動に関する共同協力計画\n\n"
        "2023年2月3日に、本文書の正本2通にハノイで署名した。\n\n"
        "日本国環境大臣\n\n"
        "ベトナム国天然資源環境大臣"
    )
    assert agreements(text, "ja") == {("joint_plan", ("MOEJ", "MONRE"), "2023-02-03", "Hanoi")}


def test_agreements_legal_act_takes_issuer_and_promulgation_date():
    text = (
        "Căn cứ Nghị định số 15/2022/NĐ-CP ngày 10 tháng 2 năm 2022 của Chính phủ quy định chức năng "
        "của Bộ Tài nguyên và Môi trường;"
    )
    assert agreements(text, "vi") == {("legal_act", ("VNM",), "2022-02-10", None)}


def test_agreements_context_date_for_signing_sentence():
    text = (
        "Sáng 12/9/2022, hai bộ trưởng đã gặp nhau tại Tokyo.\n\n"
        "Bộ trưởng Tài nguyên và Môi trường và Bộ trưởng Môi trường Nhật Bản đã ký gia hạn Bản ghi nhớ hợp tác về môi trường."
    )
    found = agreements(text, "vi")
    assert {(k, p, d) for k, p, d, _ in found} == {("moc", ("MOEJ", "MONRE"), "2022-09-12")}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", ("The Ministry of the Environment of Japan and the Department of Environment and Natural Resources "
           "of the Philippines adopted this Joint Statement in Manila on 3 June 2024."),
     ("joint_statement", ("MOEJ", "PHL"), "2024-06-03", "Manila")),
    ("ja", "2024年6月3日、環境省とフィリピン環境天然資源省は共同声明を採択した。",
     ("joint_statement", ("MOEJ", "PHL"), "2024-06-03", None)),
    ("vi", "Ngày 3/6/2024, Bộ Môi trường Nhật Bản và Bộ Môi trường và Tài nguyên Thiên nhiên Philippines đã ký tuyên bố chung.",
     ("joint_statement", ("MOEJ", "PHL"), "2024-06-03", None)),
])
def test_agreements_a_side_without_an_id_is_its_country(lang, text, expected):
    assert agreements(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "下表は、パートナー国について、二国間文書の署名時期及びプロジェクト数をまとめたものです。"),
    ("vi", "Nhật Bản đã ký văn bản hợp tác song phương về Cơ chế tín chỉ chung (JCM) với 7 nước thành viên ASEAN."),
    ("en", "Japan has signed the bilateral document on the JCM with partner countries."),
])
def test_agreements_a_founding_document_without_a_partner_state_is_generic(lang, text):
    assert agreements(text, lang) == set()


def test_agreements_a_founding_document_named_as_a_cooperation_text():
    text = "Nhật Bản và Lào đã ký kết văn bản hợp tác về Cơ chế tín chỉ chung (JCM) vào tháng 8/2013."
    assert {(k, p, d) for k, p, d, _ in agreements(text, "vi")} == {("bilateral_document", ("JPN", "LAO"), "2013-08")}


def test_agreements_an_instrument_signed_with_one_ministry_gets_the_other_side():
    text = (
        "2024年5月14日、日本国環境省とラオス天然資源環境省は協力覚書に署名した。\n\n"
        "両省は、ベトナム天然資源環境省との間で平成29年9月に署名された環境協力覚書の成果を確認した。"
    )
    found = {(k, p, d) for k, p, d, _ in agreements(text, "ja")}
    assert ("moc", ("MOEJ", "MONRE"), "2017-09") in found


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", ("The two ministers adopted the Joint Statement in Tokyo on 3 June 2024.\n\n"
           "Both sides recalled that Japan and Laos signed the bilateral document on the JCM in August 2013.\n\n"
           "This Joint Statement was signed in two originals."),
     ("joint_statement", "2024-06-03")),
    ("ja", "令和6年6月4日\n\n日本とラオスの共同声明について\n\n6月3日、東京において両国は共同声明に署名した。",
     ("joint_statement", "--06-03")),
])
def test_agreements_a_date_from_the_context_yields_to_the_instruments_own(lang, text, expected):
    found = {(k, d) for k, _, d, _ in agreements(text, lang) if k == expected[0]}
    assert found in ({expected}, {(expected[0], "2024-06-03")})


# fmt: off
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("vi", ("Hà Nội, ngày 10/12/2025\n\nNgày 8/12, tại Hà Nội, Bộ Nông nghiệp và Môi trường và Bộ Môi trường "
           "Nhật Bản đã ký Bản ghi nhớ hợp tác về môi trường."),
     ("moc", ("MAE_VN", "MOEJ"), "2025-12-08")),
    ("en", ("Posted on 10 December 2025\n\nOn 8 December, the Ministry of the Environment, Japan and the Ministry "
           "of Agriculture and Environment of Viet Nam signed a Memorandum of Cooperation in Hanoi."),
     ("moc", ("MAE_VN", "MOEJ"), "2025-12-08")),
    ("ja", "令和7年12月10日\n\n環境省\n\n12月8日、日本国環境大臣とベトナム農業環境大臣は協力覚書に署名した。",
     ("moc", ("MAE_VN", "MOEJ"), "2025-12-08")),
])
def test_agreements_a_yearless_day_yields_to_its_resolved_date(lang, text, expected):
    """The en case also has a comma inside a ministry's name, which does not cut its clause."""
    assert {(k, p, d) for k, p, d, _ in agreements(text, lang)} == {expected}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The two ministers will sign a Memorandum of Cooperation in March 2026."),
    ("en", "Japan and Mongolia are scheduled to sign a joint statement on 4 March 2026."),
    ("ja", "両省は2026年3月に協力覚書に署名する予定である。"),
    ("vi", "Hai bộ có kế hoạch ký Bản ghi nhớ hợp tác vào tháng 3/2026."),
])
def test_agreements_planned_signings_with_a_date_are_not_agreements(lang, text):
    assert agreements(text, lang) == set()


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Japan and Mongolia signed an MoU in 2019 and renewed it on 4 December 2025.",
     {("mou", ("JPN", "MNG"), "2019"), ("mou", ("JPN", "MNG"), "2025-12-04")}),
    ("ja", "日本とモンゴルが2019年に署名した協力覚書は、2025年12月4日に更新された。",
     {("moc", ("JPN", "MNG"), "2019"), ("moc", ("JPN", "MNG"), "2025-12-04")}),
    ("vi", "Nhật Bản và Mông Cổ ký Bản ghi nhớ năm 2019 và gia hạn vào ngày 4/12/2025.",
     {("moc", ("JPN", "MNG"), "2019"), ("moc", ("JPN", "MNG"), "2025-12-04")}),
])
def test_agreements_an_instrument_signed_and_later_renewed_is_two_facts(lang, text, expected):
    assert {(k, p, d) for k, p, d, _ in agreements(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", ("On 4 December 2025, a Memorandum of Understanding was signed between the Asian Development Bank "
           "and the Department of Climate Change of Viet Nam."),
     ("mou", ("ADB", "DCC_VN"), "2025-12-04")),
    # "bản ghi nhớ" names no kind: without Japan's government as a side it is an MoU, as in English
    ("vi", "Ngày 4/12/2025, Bản ghi nhớ giữa Ngân hàng Phát triển châu Á (ADB) và Cục Biến đổi khí hậu đã được ký kết.",
     ("mou", ("ADB", "DCC_VN"), "2025-12-04")),
])
def test_agreements_parties_may_be_international_organizations(lang, text, expected):
    assert {(k, p, d) for k, p, d, _ in agreements(text, lang)} == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("vi", ("Bộ Nông nghiệp và Môi trường ban hành Thông tư số 12/2025/TT-BNNMT ngày 15/8/2025, "
           "có hiệu lực từ ngày 1/10/2025."),
     ("legal_act", ("MAE_VN",), "2025-08-15")),
    ("en", "Circular No. 12/2025/TT-BNNMT, issued on 15 August 2025, takes effect on 1 October 2025.",
     ("legal_act", ("MAE_VN",), "2025-08-15")),
    ("ja", "地球温暖化対策推進法の一部を改正する法律は、令和7年6月13日に公布され、令和8年4月1日から施行される。",
     ("legal_act", ("JPN",), "2025-06-13")),
    # a legal document's own header: issuer, number, place and date, then the act's title alone on its line
    ("vi", ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n\nSố: 12/2025/TT-BNNMT\n\nHà Nội, ngày 15 tháng 8 năm 2025\n\n"
           "THÔNG TƯ\n\nQuy định chi tiết về tín chỉ các-bon\n\n"
           "Thông tư này có hiệu lực thi hành kể từ ngày 1 tháng 10 năm 2025."),
     ("legal_act", ("MAE_VN",), "2025-08-15")),
])
def test_agreements_a_legal_act_is_dated_by_its_issue_not_its_entry_into_force(lang, text, expected):
    found = {(k, p, d) for k, p, d, _ in rule_agreements(text, lang)}
    assert expected in found and not any(d and d.startswith("2025-10") for _, _, d in found)


def test_agreements_an_entry_into_force_alone_does_not_date_an_act():
    text = "Thông tư số 12/2025/TT-BNNMT có hiệu lực từ ngày 1/10/2025."
    assert all(d is None for _, _, d, _ in agreements(text, "vi"))
# fmt: on


# --- round 3: kinds from bracketed abbreviations, organizations as parties, past instruments ---

@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("vi", "Ngày 12/3/2025, Bộ Nông nghiệp và Môi trường và Bộ Môi trường Nhật Bản đã ký Bản ghi nhớ (MoU) "
           "về hợp tác trong lĩnh vực môi trường.",
     ("mou", ("MAE_VN", "MOEJ"), "2025-03-12", None)),
    ("ja", "2025年3月12日、日本とモンゴルは環境分野の覚書（MoC）に署名した。", ("moc", ("JPN", "MNG"), "2025-03-12", None)),
    ("ja", "2025年3月12日、日本とモンゴルは環境分野の協力覚書（MoU）に署名した。", ("mou", ("JPN", "MNG"), "2025-03-12", None)),
    ("vi", "Ngày 12/3/2025, ADB và Cục Biến đổi khí hậu đã ký Biên bản ghi nhớ hợp tác (MOU) về thị trường các-bon.",
     ("mou", ("ADB", "DCC_VN"), "2025-03-12", None)),
])
def test_agreements_a_bracketed_abbreviation_names_the_kind(lang, text, expected):
    assert agreements(text, lang) == {expected}


def test_agreements_a_past_instrument_named_as_background_is_its_own_fact():
    text = ("On 4 December 2025 a Memorandum of Understanding was signed between ADB and the Department of "
            "Climate Change. It builds on the MoU first signed in 2019.")
    assert {a[:3] for a in agreements(text, "en")} == {("mou", ("ADB", "DCC_VN"), "2025-12-04"),
                                                       ("mou", ("ADB", "DCC_VN"), "2019")}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Partner countries may sign MoUs with Japan. An MoU could be signed in the future."),
    ("vi", "Hai bên có thể ký Bản ghi nhớ về hợp tác trong lĩnh vực này."),
])
def test_agreements_plural_and_hypothetical_instruments_are_not_agreements(lang, text):
    assert agreements(text, lang) == set()


# --- round 4: a place's country is no party; "the two sides" refers back ---


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The Ministry of the Environment of Japan signed a Memorandum of Cooperation with the Ministry of "
           "Natural Resources and Environment on 18 September 2019 in Manila, the Philippines.",
     ("moc", ("MOEJ", "MONRE"), "2019-09-18", "Manila")),
    ("en", "The Memorandum of Cooperation between Japan and Chile was signed on 3 May 2015 in the Chilean capital Santiago.",
     ("moc", ("CHL", "JPN"), "2015-05-03", "Santiago")),
    ("vi", "Bộ trưởng Tài nguyên và Môi trường và Bộ trưởng Môi trường Nhật Bản đã ký Bản ghi nhớ hợp tác "
           "ngày 18/9/2019 tại Manila, Philippines.",
     ("moc", ("MOEJ", "MONRE"), "2019-09-18", "Manila")),
    ("ja", "日本国環境大臣とベトナム天然資源環境大臣は、2019年9月18日にフィリピン・マニラで協力覚書に署名した。",
     ("moc", ("MOEJ", "MONRE"), "2019-09-18", "Manila")),
])
def test_agreements_a_country_that_locates_the_signing_place_is_no_party(lang, text, expected):
    assert agreements(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Japan and Viet Nam signed a Memorandum of Cooperation on 2 July 2013 in Hanoi, Viet Nam.",
     ("moc", ("JPN", "VNM"), "2013-07-02", "Hanoi")),
    ("en", "In Tokyo, Japan and Chile signed a Memorandum of Cooperation on 3 May 2015.",
     ("moc", ("CHL", "JPN"), "2015-05-03", "Tokyo")),
    ("en", "In Tokyo, Japan signed a Memorandum of Cooperation with Chile on 3 May 2015.",
     ("moc", ("CHL", "JPN"), "2015-05-03", "Tokyo")),
    ("vi", "Tại Hà Nội, Việt Nam đã ký Bản ghi nhớ hợp tác với Nhật Bản ngày 2/7/2013.",
     ("moc", ("JPN", "VNM"), "2013-07-02", "Hanoi")),
    ("vi", "Tại Hà Nội, Việt Nam và Nhật Bản đã ký Bản ghi nhớ hợp tác ngày 2/7/2013.",
     ("moc", ("JPN", "VNM"), "2013-07-02", "Hanoi")),
    ("ja", "日本とフィリピンは2019年9月18日、フィリピンの首都マニラで協力覚書に署名した。",
     ("moc", ("JPN", "PHL"), "2019-09-18", "Manila")),
])
def test_agreements_a_party_named_with_the_place_stays_a_party(lang, text, expected):
    assert rule_agreements(text, lang) == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Japan and Mongolia signed a joint statement on 10 June 2024 in Tokyo. The two sides had already signed a "
           "Memorandum of Cooperation on 8 January 2013, on the margins of a conference hosted by Thailand.",
     ("moc", ("JPN", "MNG"), "2013-01-08")),
    ("vi", "Nhật Bản và Mông Cổ đã ký Tuyên bố chung ngày 10/6/2024 tại Tokyo. Trước đó, hai bên đã ký Bản ghi nhớ "
           "hợp tác ngày 8/1/2013 bên lề một hội nghị do Thái Lan chủ trì.",
     ("moc", ("JPN", "MNG"), "2013-01-08")),
    ("ja", "日本とモンゴルは2024年6月10日、東京で共同声明に署名した。両者は、タイが主催した会議の際に2013年1月8日に"
           "協力覚書に署名している。",
     ("moc", ("JPN", "MNG"), "2013-01-08")),
    ("vi", "Bộ trưởng Tài nguyên và Môi trường và Bộ trưởng Môi trường Nhật Bản đã ký Bản ghi nhớ hợp tác ngày "
           "4/12/2025 tại Hà Nội. Đây là lần thứ hai hai bên ký văn kiện hợp tác, sau Bản ghi nhớ đầu tiên được ký "
           "ngày 18/9/2019 tại Manila, Philippines.",
     ("moc", ("MOEJ", "MONRE"), "2019-09-18")),
])
def test_agreements_the_two_sides_are_the_parties_named_before(lang, text, expected):
    assert expected in {a[:3] for a in agreements(text, lang)}


# --- issue 12, agreements half: coreference of the founding document, locative countries, two sides ---


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", ("Japan and Kenya signed a Memorandum of Cooperation to establish the JCM on 5 May 2014.\n\n"
            "The Memorandum of Cooperation was signed by the two ministers."),
     {("bilateral_document", ("JPN", "KEN"), "2014-05-05")}),
    ("ja", "2014年5月5日、日本とケニアはJCMを構築する協力覚書に署名した。\n\nこの協力覚書は両国の協力の基礎となる。",
     {("bilateral_document", ("JPN", "KEN"), "2014-05-05")}),
])
def test_agreements_a_later_mention_of_the_founding_documents_word_is_that_document(lang, text, expected):
    assert {a[:3] for a in rule_agreements(text, lang)} == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Japan and Peru signed a Memorandum of Cooperation on the JCM on 10 December 2019 at COP 25 in Spain.",
     ("bilateral_document", ("JPN", "PER"), "2019-12-10")),
    ("vi", "Ngày 10/12/2019, Nhật Bản và Peru đã ký Bản ghi nhớ hợp tác về JCM tại Tây Ban Nha.",
     ("bilateral_document", ("JPN", "PER"), "2019-12-10")),
])
def test_agreements_a_country_after_a_locative_word_is_no_party(lang, text, expected):
    assert {a[:3] for a in rule_agreements(text, lang)} == {expected}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "日本とモンゴルは2011年に協力覚書に署名し、2015年、2018年及び2022年に同覚書を更新した。",
     {("moc", ("JPN", "MNG"), year) for year in ("2011", "2015", "2018", "2022")}),
    ("en", "Japan and Mongolia signed an MoU in 2011 and renewed it in 2015 and 2018.",
     {("mou", ("JPN", "MNG"), year) for year in ("2011", "2015", "2018")}),
])
def test_agreements_a_renewal_on_several_dates_is_one_fact_per_date(lang, text, expected):
    assert {a[:3] for a in rule_agreements(text, lang)} == expected


def test_agreements_each_partner_in_a_list_takes_the_date_by_its_name():
    text = ("In 2013 Japan signed the bilateral document on the JCM with Kenya (12 June 2013), "
            "Ethiopia (27 May 2013) and Maldives (29 June 2013).")
    assert {a[:3] for a in rule_agreements(text, "en")} == {
        ("bilateral_document", ("JPN", "KEN"), "2013-06-12"),
        ("bilateral_document", ("ETH", "JPN"), "2013-05-27"),
        ("bilateral_document", ("JPN", "MDV"), "2013-06-29"),
    }


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Ministry of the Environment, Japan signed a Memorandum of Understanding on 3 May 2024."),
    ("vi", "Ngày 3/5/2024, Bộ Môi trường Nhật Bản đã ký Bản ghi nhớ hợp tác."),
])
def test_agreements_an_instrument_with_one_side_found_is_no_fact(lang, text):
    assert rule_agreements(text, lang) == set()


def test_agreements_the_two_ministries_are_the_ministries_of_the_states_named():
    text = ("The Ministry of the Environment of Japan and the Ministry of Natural Resources and Environment "
            "held their dialogue in Hanoi.\n\nThe Memorandum of Understanding between Japan and Viet Nam "
            "was signed by the two ministries in 2020.")
    assert ("mou", ("MOEJ", "MONRE"), "2020") in {a[:3] for a in rule_agreements(text, "en")}


def test_agreements_an_instrument_introduced_anew_on_another_date_is_a_new_one():
    text = ("The Memorandum of Understanding signed by Japan and Mongolia in 2020 has expired.\n\n"
            "On 12 January 2024, Japan and Mongolia signed a Memorandum of Understanding on climate change.")
    assert {a[:3] for a in rule_agreements(text, "en")} == {("mou", ("JPN", "MNG"), "2020"),
                                                           ("mou", ("JPN", "MNG"), "2024-01-12")}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Japan wants to sign a Memorandum of Cooperation with Peru on carbon credits."),
    ("vi", "Nhật Bản muốn ký thỏa thuận về tín chỉ carbon với Việt Nam."),
    ("ja", "日本はペルーと炭素クレジットに関する協力覚書に署名したいとしている。"),
])
def test_agreements_a_wished_for_instrument_is_not_an_agreement(lang, text):
    assert rule_agreements(text, lang) == set()


def test_agreements_a_law_naming_two_states_is_issued_by_the_languages_own():
    text = "Thông tư này quy định việc thực hiện các dự án theo cơ chế hợp tác giữa Việt Nam và Nhật Bản."
    assert {a[:2] for a in rule_agreements(text, "vi")} == {("legal_act", ("VNM",))}


def test_agreements_a_law_named_again_without_its_state_keeps_its_state():
    text = "2020年11月、ベトナム国環境保護法が改正された。\n\nその後、環境保護法の実施に関する支援が行われた。"
    assert {a[:2] for a in rule_agreements(text, "ja")} == {("legal_act", ("VNM",))}


@pytest.mark.parametrize("lang, text", [
    ("en", "On 3 March 2024 in Jakarta, Indonesia's climate agency and the Asian Development Bank (ADB) signed "
           "a memorandum of understanding on carbon markets, including the Joint Crediting Mechanism with Japan."),
    ("vi", "Ngày 3/3/2024 tại Hà Nội, Cục Biến đổi khí hậu và Ngân hàng Phát triển châu Á (ADB) đã ký văn bản "
           "hợp tác về thị trường các-bon, trong đó có Cơ chế tín chỉ chung (JCM) với Nhật Bản."),
])
def test_agreements_an_instrument_with_a_group_as_a_side_is_not_the_jcm_founding_document(lang, text):
    kinds = {kind for kind, *_ in rule_agreements(text, lang)}
    assert "bilateral_document" not in kinds
    assert kinds


@pytest.mark.parametrize("spelling", ["thỏa thuận", "thoả thuận", "THOẢ THUẬN"])
def test_agreements_a_vietnamese_word_matches_with_its_tone_mark_on_either_vowel(spelling):
    text = f"Năm 2018, Lào và Nhật Bản đã ký {spelling} hợp tác về môi trường."
    assert {a[:3] for a in rule_agreements(text, "vi")} == {("other", ("JPN", "LAO"), "2018")}


@pytest.mark.parametrize(("lang", "text", "expected", "date"), [
    ("en", "Kenya and Japan signed a JCM agreement in June 2013.", ("JPN", "KEN"), "2013-06"),
    ("en", "The Government of Japan and the Government of Thailand signed an agreement on the Joint Crediting "
           "Mechanism on 19 November 2015.", ("JPN", "THA"), "2015-11-19"),
    ("en", "Japan and Mongolia signed the first bilateral JCM document in January 2013.", ("JPN", "MNG"), "2013-01"),
    ("en", "On 4 Dec 2023 Japan and Kazakhstan signed a memorandum on the JCM.", ("JPN", "KAZ"), "2023-12-04"),
    ("ja", "日本とラオスは2022年8月30日にJCMに関する協力文書に署名した。", ("JPN", "LAO"), "2022-08-30"),
    ("ja", "日本国とモンゴル国は、2015年3月、JCMの実施に関する取極に署名した。", ("JPN", "MNG"), "2015-03"),
    ("vi", "Năm 2013, Lào và Nhật Bản đã ký thỏa thuận hợp tác về JCM.", ("JPN", "LAO"), "2013"),
])
def test_agreements_any_instrument_word_for_the_jcm_names_its_founding_document(lang, text, expected, date):
    assert {a[:3] for a in rule_agreements(text, lang)} == {("bilateral_document", expected, date)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Both sides reaffirmed this agreement under the Paris (climate) Agreement."),
    ("en", "The two countries reached agreement on the next steps."),
])
def test_agreements_a_reference_or_a_bare_agreement_is_no_instrument(lang, text):
    assert rule_agreements(text, lang) == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "2022年8月30日、伊藤環境大臣は、ラオスの天然資源環境大臣との間で、環境協力に関する覚書に署名しました。"),
    ("en", "On 30 August 2022, the Minister of the Environment of Japan and the Minister of Natural Resources and "
           "Environment of Laos signed a memorandum of cooperation on environmental protection."),
    ("vi", "Ngày 30/8/2022, Bộ trưởng Môi trường Nhật Bản và Bộ trưởng Bộ Tài nguyên và Môi trường Lào đã ký "
           "Bản ghi nhớ hợp tác về môi trường."),
])
def test_agreements_a_ministers_title_qualified_by_another_state_is_that_state(lang, text):
    assert {a[:3] for a in rule_agreements(text, lang)} == {("moc", ("LAO", "MOEJ"), "2022-08-30")}


@pytest.mark.parametrize(("lang", "text", "expected", "date"), [
    ("vi", "Campuchia là quốc gia đối tác thứ 9 ký kết cơ chế JCM vào tháng 4/2014.", ("JPN", "KHM"), "2014-04"),
    ("ja", "タンザニアは、2025年5月28日、31か国目のパートナー国として、日本とJCMに関する協力覚書に署名した。",
     ("JPN", "TZA"), "2025-05-28"),
])
def test_agreements_an_ordinal_before_the_signing_is_no_quantity(lang, text, expected, date):
    assert {a[:3] for a in agreements(text, lang)} == {("bilateral_document", expected, date)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Viet Nam's Law on Environmental Protection was adopted by the National Assembly on 17 November 2020.",
     ("legal_act", ("VNM",), "2020-11-17")),
    ("The Government issued Decree 06/2022/ND-CP on 7 January 2022 on greenhouse gas mitigation.",
     ("legal_act", ("VNM",), "2022-01-07")),
])
def test_agreements_an_english_act_named_without_its_number_sign(text, expected):
    assert {a[:3] for a in agreements(text, "en")} == {expected}


def test_agreements_to_act_on_something_is_no_act():
    assert rule_agreements("Countries must act on climate change, the minister said in 2024.", "en") == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Japan and Laos start the Joint Crediting Mechanism\n\n"
           "The two countries signed the memorandum of cooperation on 5 May 2023 in Vientiane."),
    ("en", "JCM partner countries\n\nLaos signed the memorandum of cooperation in Vientiane on 5 May 2023."),
    ("ja", "ラオスとの二国間クレジット制度(JCM)\n\n両国は2023年5月5日にビエンチャンで協力覚書に署名した。"),
])
def test_agreements_a_title_naming_the_jcm_makes_the_instrument_its_founding_document(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {("bilateral_document", ("JPN", "LAO"), "2023-05-05")}


def test_agreements_a_long_opening_paragraph_naming_the_jcm_is_no_title():
    text = ("Japan and Laos have worked together on low-carbon growth and the JCM for many years, with projects "
            "in energy, waste and transport across the country.\n\n"
            "In 2013, MOEJ and the Ministry of Natural Resources and Environment of Laos signed a memorandum "
            "of cooperation on environmental protection.")
    assert {a[:3] for a in rule_agreements(text, "en")} == {("moc", ("LAO", "MOEJ"), "2013")}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "On 9 February 2024, Japan and Thailand issued a Joint Press Statement on climate cooperation."),
    ("en", "On 9 February 2024, Japan and Thailand adopted a joint communiqué on climate cooperation."),
    ("ja", "2024年2月9日、日本とタイは気候変動協力に関する共同コミュニケを発出した。"),
    ("vi", "Ngày 9/2/2024, Nhật Bản và Thái Lan đã thông qua Thông cáo chung về hợp tác khí hậu."),
])
def test_agreements_a_joint_communique_is_a_joint_statement(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {("joint_statement", ("JPN", "THA"), "2024-02-09")}


def test_agreements_term_of_an_instrument_is_not_its_date():
    text = (
        "2024年9月2日、日本国環境省とラオス天然資源環境省は、環境協力に関する協力覚書に署名した。\n\n"
        "この協力覚書は、2025年から2029年までの5年間の協力を定めるものである。"
    )
    found = agreements(text, "ja")
    assert {(k, p, d) for k, p, d, _ in found} == {("moc", ("LAO", "MOEJ"), "2024-09-02")}


def test_agreements_partners_borrowed_from_a_list_make_no_document():
    text = (
        "Kenya, Ethiopia and Peru registered the most JCM projects.\n\n"
        "Signing the bilateral document took each of them several years of preparation."
    )
    assert agreements(text, "en") == set()


def test_agreements_undated_list_of_signatories_is_no_agreement():
    text = "Nhật Bản đã ký thỏa thuận JCM với Mông Cổ, Bangladesh, Kenya và Ethiopia."
    assert rule_agreements(text, "vi") == set()


def test_agreements_dated_list_gives_each_partner_its_day():
    text = "Japan signed the bilateral document on the JCM with Kenya (12 June), Ethiopia (27 May) and Palau (23 August)."
    assert {(p, d) for _, p, d, _ in rule_agreements(text, "en")} == {
        (("JPN", "KEN"), "--06-12"), (("ETH", "JPN"), "--05-27"), (("JPN", "PLW"), "--08-23"),
    }


def test_agreements_title_run_on_into_the_release_date_takes_the_body_signing_day():
    text = (
        "ペルーとのJCMに関する協力覚書の署名について\n令和6年7月3日\n"
        "7月2日、リマにおいて、日本とペルーはJCMに関する協力覚書に署名しました。\n"
    )
    found = agreements(text, "ja")
    assert {(k, p, d) for k, p, d, _ in found} == {("bilateral_document", ("JPN", "PER"), "2024-07-02")}


# --- s8: a ministry's far counterpart, plans told only as plans, a memorandum's kind by its sides,
# --- a signing clause that ends at its comma, a parent ministry in brackets ---

@pytest.mark.parametrize(("lang", "text"), [
    ("en", "In 2012, the Ministry of the Environment, Japan signed a memorandum of cooperation with Mongolia on "
           "environmental protection.\n\nThe memorandum covered air quality.\n\nIt also covered waste.\n\n"
           "It also covered water.\n\nIt also covered nature.\n\nIt also covered climate change.\n\n"
           "On 3 May 2024, a new memorandum was signed by the Ministry of the Environment, Japan in Tokyo."),
    ("ja", "環境省は、2012年にモンゴル国と環境協力に関する協力覚書に署名した。\n大気汚染の分野を含む。\n廃棄物の分野を含む。\n"
           "水の分野を含む。\n自然保護の分野を含む。\n気候変動の分野を含む。\n2024年5月3日、環境省において覚書が署名された。"),
    ("vi", "Năm 2012, Bộ Môi trường Nhật Bản và Mông Cổ đã ký Bản ghi nhớ hợp tác về môi trường.\n\n"
           "Bản ghi nhớ bao gồm không khí.\n\nNó bao gồm chất thải.\n\nNó bao gồm nước.\n\nNó bao gồm thiên nhiên.\n\n"
           "Nó bao gồm khí hậu.\n\nNgày 3/5/2024, Bộ Môi trường Nhật Bản đã ký bản ghi nhớ mới tại Tokyo."),
])
def test_agreements_a_ministry_signing_alone_signs_with_the_counterpart_named_far_before(lang, text):
    assert ("moc", ("MNG", "MOEJ"), "2024-05-03") in {a[:3] for a in rule_agreements(text, lang)}


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "チリと日本が環境協力で覚書に署名\n2025年3月1日\nチリと日本は来月、環境協力に関する覚書に署名する。"),
    ("vi", "Nhật Bản muốn ký thỏa thuận với Chile\n\nHai nước dự kiến sẽ đạt thỏa thuận vào mùa thu.\n\n"
           "Các dự án sẽ được thực hiện theo thỏa thuận này."),
    ("en", "Japan and Chile sign memorandum on waste\n\nJapan and Chile will sign the memorandum in Tokyo next month."),
])
def test_agreements_an_instrument_the_text_tells_only_as_planned_is_planned_in_its_headline_too(lang, text):
    assert rule_agreements(text, lang) == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Ngày 4/5/2025, Ngân hàng Phát triển châu Á và Bộ Tài nguyên và Môi trường đã ký bản ghi nhớ về thị trường các-bon."),
    ("en", "On 4 May 2025, the Asian Development Bank and the Ministry of Natural Resources and Environment signed a "
           "memorandum on carbon markets."),
    ("ja", "2025年5月4日、アジア開発銀行とベトナム天然資源環境省は炭素市場に関する覚書に署名した。"),
])
def test_agreements_a_memorandum_without_japans_government_is_an_mou(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {("mou", ("ADB", "MONRE"), "2025-05-04")}


@pytest.mark.parametrize(("lang", "text"), [
    # the signing clause ends at its comma: a country in what follows is the topic's, not a side
    ("vi", "Ngày 4/5/2025, Cục Biến đổi khí hậu và ADB đã ký Bản ghi nhớ hợp tác về thị trường các-bon, trong đó có JCM với Nhật Bản."),
    ("en", "On 4 May 2025, the Department of Climate Change and ADB signed a memorandum on carbon markets, including the JCM with Japan."),
    # a ministry in brackets after a department is the department's parent, not a side
    ("vi", "Ngày 4/5/2025, Cục Biến đổi khí hậu (Bộ Nông nghiệp và Môi trường) và ADB đã ký Bản ghi nhớ hợp tác về thị trường các-bon."),
    ("en", "On 4 May 2025, the Department of Climate Change (Ministry of Agriculture and Environment) and ADB signed a "
           "memorandum on carbon markets."),
])
def test_agreements_sides_are_the_signers_not_a_topics_country_or_a_parent_ministry(lang, text):
    assert {a[:3] for a in rule_agreements(text, lang)} == {("mou", ("ADB", "DCC_VN"), "2025-05-04")}


def test_agreements_the_two_sides_are_the_pair_that_signs_in_the_document():
    text = ("Ngày 4/5/2025, Cục Biến đổi khí hậu và ADB đã ký kết Bản ghi nhớ hợp tác về thị trường các-bon, trong đó có "
            "JCM với Nhật Bản.\n\nĐây là lần thứ hai hai bên ký kết văn bản hợp tác, sau Bản ghi nhớ đầu tiên được ký "
            "ngày 10/3/2020 tại Bangkok.")
    found = {a[:3] for a in agreements(text, "vi") if a[0] == "mou"}
    assert found == {("mou", ("ADB", "DCC_VN"), "2025-05-04"), ("mou", ("ADB", "DCC_VN"), "2020-03-10")}


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Thị trường carbon ở Chile được xây dựng theo Sắc lệnh số 12 của Tổng thống năm 2020."),
    ("en", "In Chile, the carbon market was built on Decision No. 12 of 2020."),
    ("ja", "チリでは、2020年の大統領令第12号に基づいて炭素市場が整備された。"),
])
def test_agreements_a_head_of_states_numbered_decision_is_an_act_of_the_state_it_rules(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {("legal_act", ("CHL",), "2020")}


def test_agreements_a_provinces_numbered_decision_is_no_act():
    assert rule_agreements("Ngày 30/7/2021, UBND tỉnh giao đất cho công ty tại Quyết định số 243/QĐ-UBND.", "vi") == set()


@pytest.mark.parametrize("text", [
    "Chile applies decision 2/CMA.3 to its cooperative approaches.",
    "Decision No. 5/CMA.6 was adopted in Baku on 23 November 2024.",
])
def test_agreements_a_decision_of_the_parties_to_the_paris_agreement_is_no_states_act(text):
    assert agreements(text, "en") == set()


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Chính phủ vừa ban hành Nghị định 45/2024/NĐ-CP ngày 3/4/2024, thay thế Nghị định 12/2019/NĐ-CP về quản lý chất thải."),
    ("en", "The government of Viet Nam issued Decree No. 45/2024 on 3 April 2024, replacing Decree No. 12/2019 on waste management."),
    ("ja", "ベトナム政府は政令第45号を2024年4月3日に公布し、政令第12号を廃止した。"),
])
def test_agreements_an_act_replaced_by_a_dated_one_is_another_act_without_its_date(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {("legal_act", ("VNM",), "2024-04-03"), ("legal_act", ("VNM",), None)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "On 3 March 2024, the Ministry of the Environment of Japan and the UNFCCC secretariat signed a letter of intent on capacity building."),
    ("ja", "2024年3月3日、環境省と国連気候変動枠組条約事務局は能力構築に関する意図表明書に署名した。"),
    ("vi", "Ngày 3/3/2024, Bộ Môi trường Nhật Bản và Ban Thư ký Công ước khung của Liên hợp quốc về Biến đổi khí hậu "
           "đã ký thư ý định về nâng cao năng lực."),
])
def test_agreements_the_unfccc_secretariat_signs_like_a_state(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {("other", ("MOEJ", "UNFCCC"), "2024-03-03")}


def test_agreements_the_convention_of_a_cop_where_states_sign_is_no_side():
    text = "At COP28 of the UNFCCC in Dubai, Japan and Kenya signed a memorandum of cooperation on the JCM."
    assert {a[:2] for a in agreements(text, "en")} == {("bilateral_document", ("JPN", "KEN"))}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Japan aims to have 30 partner countries by 2030.\n\nJapan and Peru signed a memorandum of cooperation on the JCM."),
    ("ja", "日本は2030年までにパートナー国を30か国に増やす目標を掲げている。\n\n日本とペルーはJCMに関する協力覚書に署名した。"),
    ("vi", "Nhật Bản đặt mục tiêu có 30 quốc gia đối tác đến năm 2030.\n\nNhật Bản và Peru đã ký Bản ghi nhớ hợp tác về JCM."),
])
def test_agreements_a_target_year_opening_the_text_is_no_document_date_to_sign_on(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {("bilateral_document", ("JPN", "PER"), None)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Peru joins the JCM\n\nIn 2024, Peru's Ministry of Energy and Japan's Sunrise Power company signed an agreement on a solar park."),
    ("vi", "Peru tham gia cơ chế JCM\n\nNăm 2024, Bộ Năng lượng Peru và công ty Sunrise Power của Nhật Bản đã ký thỏa thuận về "
           "một công viên điện mặt trời."),
    ("ja", "ペルーがJCMに参加\n\n2024年、ペルーのエネルギー省と日本のサンライズ電力株式会社は太陽光発電所に関する協定に署名した。"),
])
def test_agreements_an_agreement_a_company_signs_is_no_founding_document_even_under_a_jcm_title(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {("other", ("JPN", "PER"), "2024")}


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Ngày 5/3, Nhật Bản và Peru đã ký kết Bản ghi nhớ hợp tác về môi trường giai đoạn 2024 - 2028."),
    ("en", "On 5 March, Japan and Peru signed a memorandum of cooperation on the environment for 2024-2028."),
    ("ja", "3月5日、日本とペルーは2024年から2028年までの環境協力に関する協力覚書に署名した。"),
])
def test_agreements_the_term_in_the_signing_clause_yields_to_the_sentences_signing_day(lang, text):
    found = rule_agreements(text, lang)
    assert len(found) == 1 and next(iter(found))[2] is not None and next(iter(found))[2].endswith("03-05")


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Ngày 4/5/2025, Cục Biến đổi khí hậu và ADB đã ký kết Bản ghi nhớ hợp tác.\n\nĐây là lần thứ hai hai bên ký kết "
           "văn bản hợp tác, sau Bản ghi nhớ đầu tiên được ký ngày 10/3/2020 tại Bangkok."),
    ("en", "On 4 May 2025, the Department of Climate Change and ADB signed a memorandum.\n\nThe two sides thus signed their "
           "second cooperation document, after the first memorandum signed on 10 March 2020 in Bangkok."),
    ("ja", "2025年5月4日、ベトナム気候変動局とADBは覚書に署名した。\n\n両者が署名した協力文書は2件目であり、最初の覚書は"
           "2020年3月10日にバンコクで署名された。"),
])
def test_agreements_a_generic_cooperation_document_is_the_instrument_named_between_the_same_sides(lang, text):
    assert {a[:3] for a in rule_agreements(text, lang)} == {
        ("mou", ("ADB", "DCC_VN"), "2025-05-04"), ("mou", ("ADB", "DCC_VN"), "2020-03-10")}


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Ngày 5/3, Nhật Bản và Peru đã ký kết Bản ghi nhớ hợp tác về môi trường giai đoạn 2024 - 2028."),
])
def test_agreements_a_term_is_no_signing_date_in_the_fitted_models_either(lang, text):
    assert all(a[2] is None or a[2].endswith("03-05") for a in agreements(text, lang))


@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Ngày 3/4/2024, Bộ Tài nguyên và Môi trường ban hành Thông tư số 12/2024/TT-BTNMT về tín chỉ các-bon.\n\n"
           "Thông tư này có hiệu lực từ ngày 1/6/2024."),
    ("ja", "2024年4月3日、環境省は排出削減量の記録に関する省令を公布した。\n\n本省令は2024年6月1日から施行する。"),
    ("en", "On 3 April 2024, the Ministry of Natural Resources and Environment issued Decree No. 12/2024 on carbon "
           "credits.\n\nThis decree takes effect on 1 June 2024."),
])
def test_agreements_this_circular_is_the_act_the_document_names_not_another(lang, text):
    assert len({a[:3] for a in rule_agreements(text, lang)}) == 1


def test_agreements_a_joint_ordinance_is_no_reference_back():
    text = "政府は記録に関する省令を定めた。\n\n口座簿については、農林水産省・経済産業省・環境省の共同省令を定めた。"
    assert ("legal_act", ("MAFF", "METI", "MOEJ")) in {a[:2] for a in rule_agreements(text, "ja")}


def test_agreements_a_legal_documents_header_after_a_sites_preamble_still_names_its_own_act():
    text = ("Thư viện văn bản pháp luật trực tuyến.\n\n"
    "Bạn đang xem bản tóm tắt của văn bản.\n\n"
    "Hãy đăng nhập để xem toàn văn.\n\n"
    "Văn bản này thuộc lĩnh vực môi trường.\n\n"
    "Tình trạng hiệu lực: còn hiệu lực.\n\n"
    "Người ký: Thứ trưởng.\n\n"
    "Lĩnh vực: tài nguyên.\n\n"
    "Ngày cập nhật gần nhất không rõ.\n\n"
    "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n\n"
    "Số: 12/2025/TT-BNNMT\n\n"
    "Hà Nội, ngày 15 tháng 8 năm 2025\n\n"
    "THÔNG TƯ\n\n"
    "Quy định chi tiết về tín chỉ các-bon")
    assert {a[:3] for a in agreements(text, "vi")} == {("legal_act", ("MAE_VN",), "2025-08-15")}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "On 2 March 2024, Japan and Viet Nam signed a cooperation document on energy. "
           "On 5 May 2025, Japan and Viet Nam signed a joint statement on climate."),
    ("vi", "Ngày 2/3/2024, Nhật Bản và Việt Nam đã ký văn bản hợp tác về năng lượng. "
           "Ngày 5/5/2025, Nhật Bản và Việt Nam đã ký tuyên bố chung về khí hậu."),
])
def test_agreements_a_generic_document_of_another_day_is_not_the_sides_other_instrument(lang, text):
    assert {a[:3] for a in agreements(text, lang)} == {
        ("other", ("JPN", "VNM"), "2024-03-02"), ("joint_statement", ("JPN", "VNM"), "2025-05-05")}


# fmt: off
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "On 3 June 2016, in Lima, the Government of Japan and the Government of Peru exchanged notes on the Joint Crediting Mechanism.",
     ("bilateral_document", ("JPN", "PER"), "2016-06-03")),
    ("en", "An Exchange of Notes concerning the JCM between Japan and Chile was made on 9 May 2015.",
     ("bilateral_document", ("CHL", "JPN"), "2015-05-09")),
    ("ja", "2016年6月3日、リマにおいて、日本国政府とペルー共和国政府との間で、二国間クレジット制度に関する書簡の交換が行われた。",
     ("bilateral_document", ("JPN", "PER"), "2016-06-03")),
    ("vi", "Ngày 3/6/2016, Peru và Nhật Bản đã trao đổi công hàm về Cơ chế tín chỉ chung tại Lima.",
     ("bilateral_document", ("JPN", "PER"), "2016-06-03")),
    ("ja", "環境省は、2021年4月6日、国連工業開発機関との間で協力意図表明文書に署名した。",
     ("other", ("MOEJ", "UNIDO"), "2021-04-06")),
])
# fmt: on
def test_agreements_an_exchange_of_notes_or_letters_is_one_instrument(lang, text, expected):
    assert expected in {a[:3] for a in agreements(text, lang)}


def test_agreements_a_dotted_title_does_not_end_the_sentence_that_dates_the_signing():
    # "H.E." (His Excellency) is no sentence end: the signing keeps its own day, not the release's;
    # the headline's "a Memorandum" is the body's instrument, not a second one dated by the release
    text = ("News Release\n2 May 2024\n\nJapan and Ghana sign a Memorandum of Cooperation on the JCM\n\n"
            "On 30 April 2024, in Accra, H.E. Mr. Ken Ito, Ambassador of Japan to Ghana, and the Minister of "
            "Environment of Ghana signed the Memorandum of Cooperation on the Joint Crediting Mechanism.")
    assert {a[:3] for a in agreements(text, "en")} == {("bilateral_document", ("GHA", "JPN"), "2024-04-30")}


# fmt: off
@pytest.mark.parametrize("lang, text, expected", [
    ("ja", "両国は、①日・カンボジアJCM協力覚書、②環境省とカンボジア環境省との水質分野協力覚書の2文書に署名した(2014年4月11日)。",
     ("moc", ("KHM", "MOEJ"), "2014-04-11")),
    ("en", "On 11 April 2014 the sides signed (1) a Memorandum of Cooperation on the JCM between Japan and Cambodia; and "
           "(2) a Memorandum of Cooperation on water quality between the Ministry of the Environment of Japan and the Ministry of Environment of Cambodia.",
     ("moc", ("KHM", "MOEJ"), "2014-04-11")),
])
# fmt: on
def test_agreements_a_memorandum_listed_beside_the_jcm_one_keeps_its_own_kind(lang, text, expected):
    found = {a[:3] for a in agreements(text, lang)}
    assert expected in found and ("bilateral_document", ("JPN", "KHM"), "2014-04-11") in found


# fmt: off
@pytest.mark.parametrize("lang, text, expected", [
    ("en", "During the visit, the ministers signed a Memorandum of Cooperation on the JCM between Japan and Bhutan. "
           "The signing ceremony took place in Thimphu on 14 May 2019.",
     ("bilateral_document", ("BTN", "JPN"), "2019-05-14")),
    ("ja", "訪問中、両大臣は日・ブータン間の二国間クレジット制度に関する協力覚書に署名した。署名式は2019年5月14日にティンプーで行われた。",
     ("bilateral_document", ("BTN", "JPN"), "2019-05-14")),
])
# fmt: on
def test_agreements_the_next_sentence_telling_of_the_signing_dates_it(lang, text, expected):
    assert expected in {a[:3] for a in rule_agreements(text, lang)}


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("Japan's Minister of Foreign Affairs and his Rwandan counterpart signed a Memorandum of Cooperation on the JCM in Kigali on 3 May 2024.",
     ("bilateral_document", ("JPN", "RWA"), "2024-05-03")),
    ("On 3 May 2024, the Ministry of the Environment of Japan and the Rwandan side signed a Memorandum of Understanding on waste management.",
     ("mou", ("MOEJ", "RWA"), "2024-05-03")),
])
# fmt: on
def test_agreements_a_side_named_by_its_nationality_word_is_its_state(text, expected):
    assert expected in {a[:3] for a in rule_agreements(text, "en")}


@pytest.mark.parametrize("lang, text", [
    ("en", "Japan and Peru have not yet signed a Memorandum of Cooperation on the JCM, though talks went on in 2023."),
    ("en", "Peru is yet to sign the bilateral document on the JCM with Japan (March 2023)."),
    ("ja", "日本とペルーは、2023年3月時点で、JCMに関する協力覚書にまだ署名していない。"),
    ("ja", "2023年、日本とペルーの協力覚書は締結に至らなかった。"),
    ("vi", "Đến tháng 3/2023, Peru và Nhật Bản vẫn chưa ký Bản ghi nhớ hợp tác về JCM."),
])
def test_agreements_an_instrument_not_signed_is_none(lang, text):
    assert not rule_agreements(text, lang)


@pytest.mark.parametrize("text, expected", [
    ("廃棄物管理に関する協力覚書は、2024年8月12日、キガリにおいて、山田駐ルワンダ大使とルワンダ環境大臣との間で署名された。",
     ("moc", ("JPN", "RWA"), "2024-08-12")),
    ("2024年8月12日、駐日ルワンダ大使と環境大臣は、環境協力に関する協力覚書に署名した。",
     ("moc", ("MOEJ", "RWA"), "2024-08-12")),
])
def test_agreements_japans_ambassador_abroad_signs_for_japan(text, expected):
    assert expected in {a[:3] for a in rule_agreements(text, "ja")}


@pytest.mark.parametrize("lang, text", [
    ("vi", "Ngày 10/4/2019, thành phố Đà Nẵng (Việt Nam) và thành phố Yokohama (Nhật Bản) đã ký Biên bản ghi nhớ về hợp tác phát triển đô thị bền vững."),
    ("en", "On 10 April 2019, Da Nang City (Viet Nam) and Yokohama City (Japan) signed a Memorandum of Understanding on sustainable urban development."),
])
def test_agreements_a_city_that_signs_has_its_state_as_the_side(lang, text):
    assert {a[1:3] for a in rule_agreements(text, lang)} == {(("JPN", "VNM"), "2019-04-10")}


def test_agreements_the_first_country_to_sign_is_read_with_the_words_before_the_window():
    # "to sign" after "the first country" tells what happened, however far the instrument word is
    text = "Mongolia was the first country to sign the JCM bilateral document with Japan (January 2013)."
    assert ("bilateral_document", ("JPN", "MNG"), "2013-01") in {a[:3] for a in rule_agreements(text, "en")}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "On 5 May 2025, Japan and Mongolia signed the MoC on the JCM in the city of Bangkok, Thailand."),
    ("vi", "Ngày 5/5/2025, Nhật Bản và Mông Cổ đã ký văn bản hợp tác về JCM tại thành phố Bangkok, Thái Lan."),
])
def test_agreements_the_city_a_signing_takes_place_in_is_where_not_who(lang, text):
    assert {a[1] for a in agreements(text, lang)} == {("JPN", "MNG")}
