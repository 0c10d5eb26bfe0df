"""Issue 17's fixed-cost measurements: many small documents vs one, unchanged and one-changed
re-runs on a large corpus, and a warm search query vs the bare FTS query.

Every ratio compares two measurements of the same run, so machine load affects both sides.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from sqlalchemy import text

from bench.corpus import LANGS, make_corpus
from bench.runs import child_run, ingest_run
from pipeline.load import load
from pipeline.reader import open_reader
from pipeline.search import fts_phrase, query_words, search

SMALL_DOCS, SMALL_CHARS = 50, 1500
# Queries for the search measurement: common words of the sample documents' subject.
QUERIES = ("二国間クレジット", "môi trường", "Joint Crediting Mechanism")


def small_documents(corpora: Path, tmp: Path, repeats: int) -> dict:
    """50 documents of about 1,500 characters each (ja, vi, en in turn, packed from whole
    paragraphs of the sample documents) vs the same text as one document, each ingested into
    a fresh store by the default isolated worker pool (started and warmed once before)."""
    paragraphs = {lang: [p for src in _texts(corpora, lang, tmp) for p in src.split("\n\n") if p.strip()]
                  for lang in LANGS}
    docs, used = [], dict.fromkeys(LANGS, 0)
    while len(docs) < SMALL_DOCS:
        lang = LANGS[len(docs) % len(LANGS)]
        body: list[str] = []
        while sum(map(len, body)) < SMALL_CHARS:
            body.append(paragraphs[lang][used[lang] % len(paragraphs[lang])])
            used[lang] += 1
        docs.append("\n\n".join(body))
    many, one = tmp / "small" / "many", tmp / "small" / "one"
    many.mkdir(parents=True)
    one.mkdir(parents=True)
    for i, doc in enumerate(docs):
        (many / f"{i:03d}.txt").write_text(doc + "\n", encoding="utf-8")
    (one / "all.txt").write_text("\n\n".join(docs) + "\n", encoding="utf-8")
    ingest_run([one], f"sqlite:///{tmp / 'small' / 'warm.sqlite'}", workers=1, isolated=True)
    many_s, one_s = [], []
    for i in range(repeats):  # alternating, so a load change hits both sides
        many_s.append(ingest_run([many], f"sqlite:///{tmp / 'small' / f'many-{i}.sqlite'}",
                                 isolated=True).seconds)
        one_s.append(ingest_run([one], f"sqlite:///{tmp / 'small' / f'one-{i}.sqlite'}",
                                isolated=True).seconds)
    out = {"docs": SMALL_DOCS, "chars": sum(map(len, docs)), "many_s": statistics.median(many_s),
           "one_s": statistics.median(one_s), "runs": repeats}
    out["ratio"] = out["many_s"] / out["one_s"]
    print(f"  {SMALL_DOCS} small documents {out['many_s']:.2f} s, as one document {out['one_s']:.2f} s",
          flush=True)
    return out


def _texts(corpora: Path, lang: str, tmp: Path) -> list[str]:
    corpus = make_corpus(corpora, lang, 0.02, tmp / "small" / "src" / lang)
    return [load(p).text for p in sorted(corpus.path.iterdir())]


def reruns(corpora: Path, tmp: Path, megabytes: float, repeats: int) -> dict:
    """First ingest of a `megabytes` corpus (ja, vi, en: a third each; in a child process that
    also reports its peak RSS), the unchanged re-run, a re-run with one file changed, and that
    file alone into an empty store."""
    root = tmp / "rerun"
    dirs = [make_corpus(corpora, lang, megabytes / len(LANGS), root / "corpus" / lang).path for lang in LANGS]
    url = f"sqlite:///{root / 'store.sqlite'}"
    first = child_run(corpora, dirs, url)
    files = sum(1 for d in dirs for _ in d.iterdir())
    again = [ingest_run(dirs, url) for _ in range(repeats)]
    unchanged = statistics.median(r.seconds for r in again)
    changed_file = sorted((root / "corpus" / "en").glob("*.txt"))[0]
    with changed_file.open("a", encoding="utf-8") as f:
        f.write("\nThis copy was revised after it was first stored.\n")
    changed = ingest_run(dirs, url)
    alone_dir = root / "alone"
    alone_dir.mkdir()
    shutil.copy(changed_file, alone_dir / changed_file.name)
    alone = ingest_run([alone_dir], f"sqlite:///{root / 'alone.sqlite'}")
    out = {"megabytes": megabytes, "files": files, "chars": first.chars, "first_s": first.seconds,
           "rss_mb": first.rss_mb, "unchanged_s": unchanged, "unchanged_runs": len(again),
           "all_skipped": all(r.status.get("skipped", 0) == first.docs for r in again),
           "changed_s": changed.seconds, "changed_redone": changed.status.get("ok", 0),
           "changed_stages": changed.stages, "alone_s": alone.seconds, "alone_stages": alone.stages,
           "store": url}
    out["unchanged_ratio"] = first.seconds / unchanged
    out["changed_ratio"] = changed.seconds / alone.seconds
    print(f"  re-runs of {files} files: first {first.seconds:.1f} s, unchanged {unchanged:.3f} s, "
          f"one changed {changed.seconds:.2f} s, that file alone {alone.seconds:.2f} s", flush=True)
    return out


def search_queries(url: str, repeats: int) -> dict:
    """A warm `search` (query segmented, FTS5 query with joins, snippets) vs the bare FTS5
    MATCH of the same phrase (ids of the best 20 blocks), each the median of `repeats`."""
    engine, Session = open_reader(url)
    rows = {}
    for query in QUERIES:
        with Session() as session:
            search(session, query)  # warm: the query's segmenter loaded, pages cached
            full = _median_seconds(search, repeats, session, query)
            phrase = fts_phrase(query_words(query))
            hits = len(session.execute(text(_BARE), {"q": phrase}).all())
            bare = _median_seconds(_bare, repeats, session, phrase)
        rows[query] = {"search_ms": 1000 * full, "fts_ms": 1000 * bare, "ratio": full / bare, "hits": hits}
        print(f"  search {query!r}: {1000 * full:.2f} ms, FTS alone {1000 * bare:.2f} ms ({hits} hits)",
              flush=True)
    engine.dispose()
    return {"queries": rows, "worst_ratio": max(r["ratio"] for r in rows.values())}


_BARE = "SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH :q ORDER BY bm25(blocks_fts) LIMIT 20"


def _bare(session, phrase: str) -> list:
    return session.execute(text(_BARE), {"q": phrase}).all()


def _median_seconds(fn, repeats: int, *args) -> float:
    times = []
    for _ in range(max(repeats, 5)):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
