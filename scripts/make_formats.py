"""Serves and prints the real dev and train pages (../shared/corpus) the way the web does: one
HTML page per text file (a site header, menu and footer around an article whose first line is
its heading, one paragraph per line, runs of pipe-separated lines as a ruled table), and that
page printed to an A4 PDF with a text layer by headless Chromium; scripts/eval_formats.py scores
them beside the text.

Usage: python scripts/make_formats.py OUT_DIR [SHARED_DIR] [--splits dev,train]
Makes OUT_DIR/html/<split>/*.html and OUT_DIR/pdf/<split>/*.pdf.
Needs Debian's chromium (scripts/system-deps.sh); deterministic apart from the PDFs' dates.
"""

from __future__ import annotations

import argparse
import re
import sys
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.screenshot import chromium  # noqa: E402

# A site's chrome in the page's language: the loader is to drop it (menus, header, footer).
CHROME = {
    "ja": ("環境ニュース", ["ホーム", "報道発表", "政策分野", "お問い合わせ"], "このページの先頭へ"),
    "vi": ("Cổng thông tin", ["Trang chủ", "Tin tức", "Chính sách", "Liên hệ"], "Về đầu trang"),
    "en": ("Climate News", ["Home", "Press releases", "Policy", "Contact"], "Back to top"),
}
STYLE = "body{font:11pt sans-serif;margin:2em} table{border-collapse:collapse} td{border:1px solid #000;padding:2px 6px}"


_RULE = re.compile(r"^[\s|:-]+$")  # a Markdown table's "---|---" line


def _table(lines: list[str]) -> str:
    """A ruled table of pipe-separated lines; a line with fewer cells goes on the row before
    (a cell the text had wrapped)."""
    rows: list[list[str]] = []
    for line in lines:
        if _RULE.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if rows and line.count("|") < 2:
            rows[-1][-1] += " " + cells[0]
            rows[-1] += cells[1:]
        else:
            rows.append(cells)
    return "<table>" + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


def html_page(text: str, lang: str) -> str:
    """The page a site would serve for `text`: a short first line is its heading."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    heading = lines[0].strip() if lines and len(lines[0]) <= 100 else ""
    body, i = [], 1 if heading else 0
    while i < len(lines):
        if lines[i].count("|") >= 2:
            j = i + 1
            while j < len(lines) and "|" in lines[j]:
                j += 1
            body.append(_table(lines[i:j]))
            i = j
        else:
            body.append(f"<p>{escape(lines[i].strip())}</p>")
            i += 1
    site, menu, top = CHROME[lang]
    title = escape(heading or site)
    nav = "".join(f'<li><a href="#">{escape(m)}</a></li>' for m in menu)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{STYLE}</style></head>\n<body><header class=\"site-header\"><div>{escape(site)}</div>"
            f"<nav><ul>{nav}</ul></nav></header>\n<main><article>" + (f"<h1>{title}</h1>\n" if heading else "")
            + "\n".join(body)
            + f'\n</article></main>\n<footer class="site-footer"><a href="#">{escape(top)}</a></footer></body></html>\n')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("shared", type=Path, nargs="?", default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--splits", default="dev,train")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    made = 0
    with sync_playwright() as p:
        browser = chromium(p)
        page = browser.new_page()
        for split in args.splits.split(","):
            for fmt in ("html", "pdf"):
                (args.out / fmt / split).mkdir(parents=True, exist_ok=True)
            for text_file in sorted((args.shared / "corpus" / split).glob("*.txt")):
                lang = text_file.stem.rsplit("_", 1)[-1]
                html = html_page(text_file.read_text(encoding="utf-8"), lang)
                (args.out / "html" / split / f"{text_file.stem}.html").write_text(html, encoding="utf-8")
                page.set_content(html, wait_until="load")
                page.pdf(path=str(args.out / "pdf" / split / f"{text_file.stem}.pdf"), format="A4")
                made += 1
        browser.close()
    print(f"wrote {made} HTML pages and {made} PDFs under {args.out}")


if __name__ == "__main__":
    main()
