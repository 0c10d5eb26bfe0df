"""A scaled text corpus made reproducibly from the project's own sample documents (corpora/).

Each generated file is one source document (a .txt or .html of one language) with its body
paragraphs shuffled and a numbered reference line added, so every copy has its own bytes and
content hash (an unchanged copy would be stored once, as a duplicate, and cost nothing). Files
keep their source encoding when it can still write the text (Shift_JIS, UTF-16; HTML escapes the
rest as character references), so decoding is measured too.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.load.decode import decode

LANGS = ("ja", "vi", "en")
# The numbered line that makes each copy unique, in the copy's own language.
REFERENCE = {"ja": "整理番号 B-{n:06d}", "vi": "Mã tài liệu B-{n:06d}", "en": "Reference B-{n:06d}"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n")
_HTML_P = re.compile(r"<p\b[^>]*>.*?</p>", re.DOTALL | re.IGNORECASE)
_HTML_END = re.compile(r"</main>|</body>", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One sample document: its text (decoded, NFC), encoding and kind (txt or html)."""

    name: str
    kind: str
    text: str
    encoding: str


def sources(corpora: Path, lang: str) -> list[Source]:
    """The .txt and .html documents of `lang` under corpora/, in name order."""
    out = []
    for path in sorted((corpora / lang).iterdir()):
        kind = path.suffix.lower().lstrip(".")
        if kind in ("txt", "html"):
            decoded = decode(path.read_bytes(), html=kind == "html")
            out.append(Source(path.stem, kind, decoded.text, decoded.encoding))
    if not out:
        raise FileNotFoundError(f"no .txt or .html documents in {corpora / lang}")
    return out


def variant(src: Source, n: int, lang: str) -> bytes:
    """Copy number `n` of `src`: body paragraphs shuffled (seeded by n), a reference line added."""
    rng = random.Random(f"{src.name}:{n}")
    reference = REFERENCE[lang].format(n=n)
    if src.kind == "html":
        paragraphs = _HTML_P.findall(src.text)
        rng.shuffle(paragraphs)
        shuffled = iter(paragraphs)
        text = _HTML_P.sub(lambda _: next(shuffled), src.text)
        end = _HTML_END.search(text)
        at = end.start() if end else len(text)
        text = f"{text[:at]}<p>{reference}</p>\n{text[at:]}"
        return text.encode(_python_codec(src.encoding), "xmlcharrefreplace")
    title, *body = _PARAGRAPH_BREAK.split(src.text.strip("\n"))
    rng.shuffle(body)
    text = "\n\n".join([title, *body, reference]) + "\n"
    try:
        return text.encode(_python_codec(src.encoding))
    except UnicodeEncodeError:  # e.g. Windows-1258 cannot write NFC-composed Vietnamese
        return text.encode("utf-8")


def _python_codec(encoding: str) -> str:
    """The codec that writes `encoding` with its BOM where the reader needs one (UTF-16)."""
    return "utf-16" if encoding.lower().replace("_", "-").startswith("utf-16") else encoding


@dataclass(frozen=True)
class Corpus:
    """A generated folder: where it is, its files and their total size in bytes."""

    path: Path
    files: int
    size: int


def make_corpus(corpora: Path, lang: str, megabytes: float, out: Path) -> Corpus:
    """Write copies of the `lang` sources, in turn, into `out` until they reach `megabytes`.

    The same arguments always give the same files, and a smaller corpus is a prefix of a
    larger one."""
    out.mkdir(parents=True, exist_ok=True)
    docs = sources(corpora, lang)
    target, size, n = int(megabytes * 2**20), 0, 0
    while size < target:
        src = docs[n % len(docs)]
        data = variant(src, n, lang)
        (out / f"{n:06d}_{src.name}.{src.kind}").write_bytes(data)
        size += len(data)
        n += 1
    return Corpus(out, n, size)
