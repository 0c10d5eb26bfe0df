"""scripts/make_formats.py: the page a site would serve for a text, as `make eval-formats` scores
it beside the text. The loader must see the article only: the site's menu, header and footer in
the page's language are dropped, pipe-separated lines become a table."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.load import load

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.make_formats import CHROME, html_page  # noqa: E402

TEXT = (
    "Hội thảo JCM tại Hà Nội\n"
    "Hội thảo được tổ chức ngày 3 tháng 3 năm 2025.\n"
    "Đối tác | Số dự án |\n"
    "---|---|\n"
    "Việt Nam | 17 |\n"
    "Thái Lan | 12 |\n"
)


def test_a_served_page_loads_as_its_article(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(html_page(TEXT, "vi"), encoding="utf-8")
    doc = load(page)
    blocks = [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]
    assert blocks[:2] == [("heading", "Hội thảo JCM tại Hà Nội"),
                          ("paragraph", "Hội thảo được tổ chức ngày 3 tháng 3 năm 2025.")]
    site, menu, top = CHROME["vi"]
    assert not any(word in doc.text for word in (site, top, *menu))
    [table] = doc.tables
    assert (table.n_rows, table.n_cols) == (3, 2)
    assert [c.text for c in table.cells if c.row == 1] == ["Việt Nam", "17"]
