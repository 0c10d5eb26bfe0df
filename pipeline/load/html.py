"""HTML to Document: the main text only, as blocks, with data tables kept as grids.

Menus, scripts, forms, hidden elements and page-level header/footer are dropped; `<main>` (or
a single `<article>`) is preferred when it holds a fair share of the page's text. Block
elements become blocks (h1-h6 headings, li list items, the rest paragraphs), `<br>` a line
break. A table with nested tables or a single column is layout and read as blocks; other
tables become `Table` grids with rowspan/colspan expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag
from bs4.element import CData, Declaration, ProcessingInstruction

from pipeline.load.decode import decode
from pipeline.published_meta import html_published
from extractors.text import flatten
from pipeline.load.blocks import Builder, clean, guess_header_rows, text_spans
from pipeline.load.errors import EmptyDocument

# Not "head" as a whole (stray text there is shown in the body by browsers) nor "form" (some
# sites wrap the whole page in one).
_DROP = {
    "script", "style", "noscript", "template", "nav", "aside", "svg", "math", "iframe",
    "button", "select", "input", "textarea", "canvas", "object", "embed", "dialog", "menu",
    "audio", "video", "map", "label", "title", "meta", "link", "base",
}
_BLOCK = {
    "p", "div", "section", "article", "main", "header", "footer", "li", "dd", "dt", "dl", "ul",
    "ol", "blockquote", "pre", "figure", "figcaption", "address", "center", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "body",
    "details", "summary", "fieldset", "hgroup",
}
_KIND = {f"h{i}": "heading" for i in range(1, 7)} | {"li": "list_item", "dt": "list_item"}
# Class or id tokens of site chrome; exact tokens only, so "article-header" is kept.
_CHROME = {
    "nav", "navbar", "navi", "navigation", "menu", "breadcrumb", "breadcrumbs", "topicpath",
    "pankuzu", "sidebar", "side-bar", "sidenav", "gnav", "global-nav", "globalnav", "lnav",
    "local-nav", "localnav", "site-footer", "site-header", "skip", "skip-link", "pagetop",
    "page-top", "share", "sns", "social", "social-share", "cookie", "cookie-banner", "banner",
    "related", "pagination", "print", "tags", "footer", "header",
}
_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_NOT_TEXT = (Comment, Doctype, Declaration, ProcessingInstruction, CData)
_MAX_SPAN = 100
# Broken markup: libxml2 loses the text of some pages that Python's parser keeps (a `</body`
# without `>`, an unclosed attribute or title). Both read the page; libxml2's reading is kept
# unless the other has clearly more text (not counting markup it left in the text).
_TAG_LIKE = re.compile(r"<[!/]?[A-Za-z][^<>]*>?")
_BR = "\x00"  # a <br> in the inline buffer; the cleaned markup has no NUL of its own


def load_html(path: Path, data: bytes):
    """Decode (honouring `<meta charset>`), drop chrome, and write the main text as blocks."""

    decoded = decode(data, html=True)
    # An internal DTD subset can declare entities (billion laughs); HTML never needs one.
    markup = _INTERNAL_SUBSET.sub("<!DOCTYPE html>", clean(decoded.text))
    title, published, builder = _read(markup, "lxml")
    if (other := _read(markup, "html.parser")) and _kept(other[2]) > 1.1 * _kept(builder):
        title, published, builder = other
    doc = builder.document(path=str(path), media_type="text/html", encoding=decoded.encoding)
    if not doc.blocks:
        raise EmptyDocument("html", "no text in the HTML page")
    doc.warnings += decoded.warnings
    h1 = next((doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"), "")
    doc.title = title or h1
    doc.published = published
    return doc


def _read(markup: str, parser: str) -> tuple[str, str | None, Builder]:
    """The page's title, its stated publication date and its main text as read through `parser`."""
    soup = BeautifulSoup(markup, parser)
    title = flatten(soup.title.get_text(" ")) if soup.title else ""
    published = html_published(soup)
    _strip(soup)
    builder = Builder()
    _Walker(builder).walk(_main(soup))
    return title, published, builder


def _kept(builder: Builder) -> int:
    """Characters of text read, markup left over not counted."""
    text = "".join(builder.parts)
    return len(text) - sum(len(m) for m in _TAG_LIKE.findall(text))


def _strip(soup: BeautifulSoup) -> None:
    """Remove non-content elements, comments and hidden elements in place."""
    for node in soup.find_all(string=lambda s: isinstance(s, _NOT_TEXT)):
        node.extract()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.parent is None:
            continue
        if tag.name in _DROP or _hidden(tag) or _chrome(tag):
            tag.decompose()


def _hidden(tag: Tag) -> bool:
    attrs = tag.attrs or {}
    return (
        "hidden" in attrs
        or str(attrs.get("aria-hidden", "")).lower() == "true"
        or bool(_HIDDEN_STYLE.search(str(attrs.get("style", ""))))
    )


def _chrome(tag: Tag) -> bool:
    """Menus and page-level header/footer (those inside an article or main are content)."""
    if str(tag.get("role", "")).lower() in _ROLES:
        return True
    tokens = {t.lower() for t in tag.get("class") or []} | {str(tag.get("id", "")).lower()}
    if tag.name in ("header", "footer") or tokens & {"header", "footer", "site-header", "site-footer"}:
        # page level: looked up only here, as it walks all ancestors (pages nest deeply)
        return tag.find_parent(["article", "main"]) is None and tag.find("h1") is None
    return bool(tokens & _CHROME)


def _main(soup: BeautifulSoup) -> Tag:
    """`<main>` or a single `<article>` if it holds at least a quarter of the text, else the
    whole page (text a broken page leaves outside `<body>` is shown by browsers too)."""
    body = soup
    total = len(body.get_text(strip=True))
    articles = soup.find_all("article")
    candidates = [soup.find("main"), soup.find(attrs={"role": "main"})]
    candidates += articles if len(articles) == 1 else []
    for tag in candidates:
        if tag is not None and len(tag.get_text(strip=True)) >= 0.25 * total:
            return tag
    return body


class _Walker:
    """Depth-first walk that collects inline text and flushes it as a block at block edges."""

    def __init__(self, builder: Builder):
        self.out = builder
        self.buffer: list[str] = []

    def walk(self, root: Tag, kind: str = "paragraph") -> None:
        """Walk with a stack of child iterators, not recursion: a page nested thousands of
        elements deep is read like any other."""
        stack: list[tuple[Iterator, str, str | None]] = [(iter(root.children), kind, None)]
        while stack:
            children, kind, closes = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if closes is not None:  # the end of a block element
                    self.flush(closes)
            elif isinstance(child, NavigableString):
                self.buffer.append(str(child))
            elif child.name == "br":
                self.buffer.append(_BR)
            elif child.name == "table" and not _layout(child):
                self.flush(kind)
                _table(child, self.out)
            elif child.name in _BLOCK or child.name == "table":
                self.flush(kind)
                inner = _KIND.get(child.name, kind if kind == "list_item" else "paragraph")
                stack.append((iter(child.children), inner, inner))
            else:
                stack.append((iter(child.children), kind, None))

    def flush(self, kind: str) -> None:
        """Write the buffered inline text: one block per `<br>` line unless lines continue."""
        raw, self.buffer = "".join(self.buffer), []
        lines = [flatten(line) for line in raw.split(_BR)]
        text = "\n".join(line for line in lines if line)
        if not text:
            return
        self.out.separate()
        start = self.out.write(text)
        for s, e, found in text_spans(text, wrapped=False):
            self.out.block(start + s, start + e, kind if kind != "paragraph" else found)


def _layout(table: Tag) -> bool:
    """A table used for page layout: it nests tables or has a single column."""
    if table.find("table") is not None:
        return True
    rows = _rows(table)
    return not rows or max(len(_cells(tr)) for tr in rows) < 2 or len(rows) < 1


def _rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(tr: Tag) -> list[Tag]:
    return tr.find_all(["td", "th"], recursive=False)


def _span(cell: Tag, name: str, rest: int) -> int:
    try:
        value = int(str(cell.get(name, "1")).strip() or 1)
    except ValueError:
        return 1
    return rest if value == 0 else max(1, min(value, _MAX_SPAN))


def _table(table: Tag, out: Builder) -> None:
    """Expand a data table into a grid and write it (caption first)."""
    rows = _rows(table)
    grid: dict[tuple[int, int], tuple[str, bool]] = {}
    for r, tr in enumerate(rows):
        c = 0
        for cell in _cells(tr):
            while (r, c) in grid:
                c += 1
            text = flatten(_inline_text(cell))
            header = cell.name == "th" or tr.find_parent("thead") is not None
            for dr in range(_span(cell, "rowspan", len(rows) - r)):
                for dc in range(_span(cell, "colspan", 1)):
                    grid[(r + dr, c + dc)] = (text, header)
            c += _span(cell, "colspan", 1)
    if not grid:
        return
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    cells = [[grid.get((r, c), ("", False)) for c in range(n_cols)] for r in range(n_rows)]
    caption = flatten(table.caption.get_text(" ")) if table.caption else ""
    if caption:
        out.paragraph(caption)
    out.table([[t for t, _ in row] for row in cells], header_rows=_header_rows(cells),
              page=None, source="html", caption=caption)


def _inline_text(tag: Tag) -> str:
    """Text of a cell: strings as they are, `<br>` and block elements as line breaks."""
    parts = []
    for node in tag.descendants:
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif node.name == "br" or node.name in _BLOCK:
            parts.append("\n")
    return "".join(parts)


def _header_rows(cells: list[list[tuple[str, bool]]]) -> int:
    """Leading rows of header cells (th or thead), else a guess from the cell texts."""
    n = 0
    while n < len(cells) - 1 and all(h for t, h in cells[n] if t):
        n += 1
    return n or guess_header_rows([[t for t, _ in row] for row in cells])
