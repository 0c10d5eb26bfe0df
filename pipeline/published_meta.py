"""The publication date a file's metadata states: an HTML meta tag, a PDF's CreationDate.

A PDF a web browser printed (Chrome's "Save as PDF", wkhtmltopdf, Firefox) was created when
someone printed the page, not when the page was published: its CreationDate dates nothing.

Only what the file says of itself counts (FORMAT of a date: its first 10 characters, ISO); a
value that is not a plausible date is ignored. The text's own dateline or label, found by
`extractors.entities.published.publication_of`, is preferred when both exist (pipeline/resolve.py).
"""

from __future__ import annotations

import re
from datetime import date

# <meta> names/properties/itemprops that hold a page's publication date (Open Graph, schema.org,
# Dublin Core, news CMS conventions), most specific first.
META_NAMES = (
    "article:published_time", "og:published_time", "datepublished", "dcterms.issued",
    "dc.date.issued", "dcterms.created", "dc.date.created", "dc.date", "citation_publication_date",
    "pubdate", "publishdate", "publish-date", "publication_date", "date", "sailthru.date",
    "parsely-pub-date",
)
_ISO = re.compile(r"((?:19|20)\d\d)[-/.]?([01]\d)[-/.]?([0-3]\d)")
_PDF = re.compile(r"^D:((?:19|20)\d\d)([01]\d)([0-3]\d)")
_PLACEHOLDER = re.compile(r"^D:\d{4}0101000000")  # New Year's midnight: a generator's fixed stamp
# Creator/Producer marks of a page printed from a browser (Chromium and its Skia, Firefox, wkhtmltopdf, Windows).
_PRINTED = re.compile(r"HeadlessChrome|Chrome/|Chromium|Skia/PDF|Firefox|Gecko/|wkhtmltopdf|Microsoft: Print To PDF",
                      re.I)


def _day(y: str, m: str, d: str) -> str:
    """YYYY-MM-DD if it is a real day, else ''."""
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def html_published(soup) -> str:
    """The date of the first publication meta tag of a parsed page, '' if none."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        if key in META_NAMES and key not in found and (m := _ISO.match((tag.get("content") or "").strip())):
            found[key] = _day(*m.groups())
    for tag in soup.find_all("time", attrs={"itemprop": re.compile("datepublished", re.I)}):
        if "datepublished" not in found and (m := _ISO.match(tag.get("datetime") or "")):
            found["datepublished"] = _day(*m.groups())
    return next((found[k] for k in META_NAMES if found.get(k)), "")


def pdf_published(pdf) -> str:
    """The day of a PDF's CreationDate (D:YYYYMMDD…), '' if none, unreadable or a browser's print time."""
    try:
        raw = (pdf.get_metadata_value("CreationDate") or "").strip()
        made_by = " ".join(str(pdf.get_metadata_value(k) or "") for k in ("Creator", "Producer"))
    except Exception:  # metadata is optional and sometimes malformed
        return ""
    m = _PDF.match(raw)
    return _day(*m.groups()) if m and not _PLACEHOLDER.match(raw) and not _PRINTED.search(made_by) else ""
