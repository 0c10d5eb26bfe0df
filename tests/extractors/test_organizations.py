"""Organization mentions: ids from the name table, null-id names, titles and JCM joint committees."""

import pytest

from extractors.base import Context
from extractors.entities.countries import find_countries
from extractors.entities.organizations import find_organizations
from pipeline.segment import make_segment


def orgs(lang: str, text: str, *others: str) -> list[tuple[str, str | None]]:
    """Organizations of the first segment; `others` are more segments of the same document."""
    segs = [make_segment(t, lang) for t in (text, *others)]
    ctx = Context(segments=segs)
    for i, seg in enumerate(segs):
        ctx.index = i
        ctx.found[i] = list(find_countries(seg, ctx))
    ctx.index = 0
    found = list(find_organizations(segs[0], ctx))
    assert all(segs[0].text[m.start : m.end] == m.surface for m in found)
    return [(m.surface, m.id) for m in found]


# fmt: off
CASES = [
    ("ja", "環境省と経済産業省は協議した。", [("環境省", "MOEJ"), ("経済産業省", "METI")]),
    ("ja", "農林水産省・林野庁の担当者", [("農林水産省", "MAFF"), ("林野庁", "FORESTRY_AGENCY")]),
    ("ja", "ベトナム国天然資源環境省と協力覚書を結んだ。", [("天然資源環境省", "MONRE")]),
    ("ja", "タイ天然資源環境省を訪問した。", [("天然資源環境省", None)]),
    # a name wrapped over two lines (PDF text) is one name
    ("en", "a loan from the Asian Development\nBank was approved.", [("Asian Development\nBank", "ADB")]),
    # two bodies in one run: each country qualifies only its own body
    ("en", "It was signed by the Ministry of the Environment, Japan and the Ministry of Agriculture "
           "and Environment of Viet Nam.",
     [("Ministry of the Environment, Japan", "MOEJ"), ("Ministry of Agriculture and Environment", "MAE_VN")]),
    ("en", "the Ministry of Natural Resources and Environment of Thailand and the Ministry of the "
           "Environment, Japan", [("Ministry of Natural Resources and Environment", None),
                                  ("Ministry of the Environment, Japan", "MOEJ")]),
    ("ja", "アジア開発銀行(ADB)が支援する。", [("アジア開発銀行", "ADB"), ("ADB", "ADB")]),
    ("ja", "環境省地球環境局が主催した。", [("環境省", "MOEJ"), ("地球環境局", None)]),
    ("ja", "環境大臣と環境省地球環境局長が出席した。", []),
    ("ja", "日本政府と株式会社ミドリ電機が参加した。", [("日本政府", None), ("株式会社ミドリ電機", None)]),
    ("ja", "二国間クレジット制度(JCM)に係る日本・タイ合同委員会を開催した。", [("合同委員会", "JCM_JC")]),
    ("ja", "廃棄物分野の日越合同委員会を設置した。", [("合同委員会", None)]),
    ("ja", "PaSTIやAIMモデルを活用する。", []),
    ("vi", "Bộ Tài nguyên và Môi trường làm việc với Bộ Môi trường Nhật Bản.",
     [("Bộ Tài nguyên và Môi trường", "MONRE"), ("Bộ Môi trường Nhật Bản", "MOEJ")]),
    ("vi", "Bộ trưởng Bộ Tài nguyên và Môi trường tiếp Đại sứ Nhật Bản.", []),
    ("vi", "Cục Biến đổi khí hậu thuộc Bộ Nông nghiệp và Môi trường", [("Cục Biến đổi khí hậu", "DCC_VN"), ("Bộ Nông nghiệp và Môi trường", "MAE_VN")]),
    ("vi", "Cục trưởng Cục Biến đổi khí hậu phát biểu.", []),
    ("vi", "Ủy ban JCM hỗn hợp họp lần thứ 9.", [("Ủy ban JCM hỗn hợp", "JCM_JC")]),
    ("vi", "Sở Tài nguyên và Môi trường tỉnh Quảng Ninh và Chính phủ Việt Nam",
     [("Sở Tài nguyên và Môi trường tỉnh Quảng Ninh", None), ("Chính phủ Việt Nam", None)]),
    ("en", "The Environment Ministry said on Friday.", [("Environment Ministry", "MOEJ")]),
    ("en", "Thailand's Ministry of Natural Resources and Environment", [("Ministry of Natural Resources and Environment", None)]),
    ("en", "the Director of the Climate Change Department under the Ministry of Natural Resources and Environment said", []),
    ("en", "The Japanese government and Green Power Co., Ltd. agreed.", [("Japanese government", None), ("Green Power Co., Ltd.", None)]),
    ("en", "ASEAN and the Asian Development Bank", [("ASEAN", "ASEAN"), ("Asian Development Bank", "ADB")]),
]
# fmt: on


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_organizations_found(lang, text, expected):
    assert orgs(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "others", "expected"),
    [
        ("en", "Decision by the Joint Committee", ["Designation of TPEs under the JCM"], "JCM_JC"),
        ("en", "Decision by the Joint Committee", ["The committee met on trade."], None),
        ("ja", "合同委員会では規則を採択した。", ["二国間クレジット制度(JCM)の概要"], "JCM_JC"),
    ],
)
def test_joint_committee_needs_jcm_context(lang, text, others, expected):
    [(_, ident)] = orgs(lang, text, *others)
    assert ident == expected
