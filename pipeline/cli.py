"""The `jcmkg` command line: ingest, export, stats, eval, search, plot."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from pipeline import store
from pipeline.limits import Limits

DB_HELP = "SQLAlchemy database URL (any dialect); default: sqlite:///data/jcmkg.sqlite."


def _db_option(f):
    return click.option("--db", default=store.DEFAULT_URL, show_default=False, metavar="URL",
                        help=DB_HELP)(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.version_option(package_name="jcmkg")
def cli(verbose: int) -> None:
    """jcmkg: facts about bilateral climate cooperation (JCM) from ja / vi / en documents.

    \b
    Typical session:
      jcmkg ingest corpora/                    # parse, segment, extract, store
      jcmkg stats                              # what is in the store
      jcmkg export facts -o data/facts.jsonl   # FORMAT.md facts, one line per document
      jcmkg export graphml -o data/agreements.graphml
      jcmkg eval data/facts.jsonl --gold corpora/gold.jsonl
      sqlite3 data/jcmkg.sqlite 'select * from fact_agreements'
    """
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_db_option
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes that parse and extract in parallel (one writer).")
@click.option("--force", is_flag=True, help="Re-do every document, even unchanged ones.")
@click.option("--strict", is_flag=True, help="Exit 1 if any document is failed, in this run or "
              "unchanged since an earlier one (default: exit 0 and list the failures; they are "
              "recorded in the store either way).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--max-file-mb", default=Limits().max_bytes / 2**20, show_default=True,
              type=click.FloatRange(0),
              help="Largest file (and unpacked DOCX) read; bigger ones fail at stage 'limits'. "
              "0: no limit.")
@click.option("--max-pages", default=Limits().max_pages, show_default=True, type=click.IntRange(0),
              help="Most PDF pages per document; longer PDFs fail at stage 'limits'. 0: no limit.")
@click.option("--time-limit", default=Limits().max_seconds, show_default=True, type=click.FloatRange(0),
              metavar="SECONDS", help="Wall time per document; slower ones fail at stage 'limits'. "
              "0: no limit.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned PDF pages (a scan-only PDF then "
              "fails at stage 'ocr').")
@click.option("--ocr-dpi", default=Limits().ocr_dpi, show_default=True, type=click.IntRange(50, 1200),
              help="Resolution scanned pages are rendered at for OCR.")
def ingest(paths: tuple[Path, ...], db: str, workers: int, force: bool, strict: bool,
           quiet: bool, max_file_mb: float, max_pages: int, time_limit: float, no_ocr: bool,
           ocr_dpi: int) -> None:
    """Ingest files and folders (recursively): .txt .md .html .htm .pdf .docx.

    Each document is stored in its own transaction under its path relative to the folder
    given. Unchanged documents (same bytes, same pipeline version) are skipped, so a re-run
    after a crash or an interruption finishes the rest without duplicates.
    """
    from pipeline.ingest import ingest as run

    limits = Limits(max_bytes=int(max_file_mb * 2**20), max_pages=max_pages, max_seconds=time_limit,
                    ocr_dpi=0 if no_ocr else ocr_dpi)
    s = run(list(paths), db, workers=workers, force=force, progress=not quiet, limits=limits)
    status = ", ".join(f"{n} {k}" for k, n in sorted(s.status.items())) or "nothing to do"
    if s.unchanged:
        status += " (" + ", ".join(f"{n} {k}" for k, n in sorted(s.unchanged.items())) + ")"
    click.echo(f"documents: {status}")
    if s.blocks_by_lang:
        click.echo("blocks:    " + ", ".join(f"{k} {n}" for k, n in sorted(s.blocks_by_lang.items())))
    if s.facts_by_field:
        click.echo("facts:     " + ", ".join(f"{k} {n}" for k, n in sorted(s.facts_by_field.items())))
    rate = f", {s.chars / s.seconds:,.0f} chars/s" if s.chars and s.seconds else ""
    click.echo(f"time:      {s.seconds:.1f} s for {s.chars:,} chars{rate}")
    for doc, stage, error in s.failures:
        click.echo(f"FAILED {doc} [{stage}]: {error}", err=True)
    if strict and s.failed:
        sys.exit(1)


@cli.group()
def export() -> None:
    """Write what the store holds: facts (FORMAT.md JSON lines) or graphml."""


@export.command("facts")
@_db_option
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path), help="Output file.")
def export_facts(db: str, out: Path) -> None:
    """One FORMAT.md line per document (the shape `jcmkg eval` scores)."""
    from pipeline.export import export_facts as run

    _, Session = store.open_store(db)
    with Session() as session:
        n = run(session, out)
    click.echo(f"wrote {n} documents to {out}")


@export.command("graphml")
@_db_option
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path), help="Output file.")
def export_graphml(db: str, out: Path) -> None:
    """The cooperation graph (countries, organizations, agreements, events) as GraphML."""
    from pipeline.graph import build, write_graphml

    _, Session = store.open_store(db)
    with Session() as session:
        g = build(session)
    write_graphml(g, out)
    click.echo(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges to {out}")


@cli.command()
@click.argument("query")
@_db_option
@click.option("--lang", type=click.Choice(["ja", "vi", "en"]), help="Only blocks in this language.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="Most hits shown.")
def search(query: str, db: str, lang: str | None, limit: int) -> None:
    """Find blocks containing the words of QUERY (ja and vi are matched by words, not characters).

    Prints document, page and a snippet with the hit [in brackets], best match first."""
    from pipeline.search import search as run

    _, Session = store.open_store(db)
    with Session() as session:
        hits = run(session, query, lang=lang, limit=limit)
    for h in hits:
        where = f"{h.doc} p.{h.page}" if h.page else h.doc
        click.echo(f"{where} #{h.block} [{h.lang}]  {h.snippet}")
    if not hits:
        click.echo("no match", err=True)


@cli.command()
@click.argument("what", type=click.Choice(["graph", "timeline"]))
@_db_option
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path), help="Output PNG.")
def plot(what: str, db: str, out: Path) -> None:
    """Draw the cooperation network (graph) or agreements and meetings over time (timeline)."""
    from pipeline.plot import plot_graph, plot_timeline

    _, Session = store.open_store(db)
    with Session() as session:
        (plot_graph if what == "graph" else plot_timeline)(session, out)
    click.echo(f"wrote {out}")


@cli.command()
@_db_option
def stats(db: str) -> None:
    """Documents by status and language, blocks by language, facts by kind."""
    from pipeline.ingest import stats as run

    for section, rows in run(db).items():
        click.echo(f"{section}:")
        for *keys, n in rows:
            click.echo(f"  {' '.join(str(k) for k in keys):24} {n}")


@cli.command("eval")
@click.argument("export_file", metavar="EXPORT", type=click.Path(exists=True, path_type=Path))
@click.option("--gold", required=True, type=click.Path(exists=True, path_type=Path),
              help="Gold facts in FORMAT.md's shape.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--per-doc", is_flag=True, help="List missed and spurious keys per document.")
def eval_(export_file: Path, gold: Path, as_json: bool, per_doc: bool) -> None:
    """Score an export against a gold file by FORMAT.md's rules (micro P/R/F1 per field).

    Only documents named in the gold file are scored; an export of a parent folder
    (doc "seeds/x.txt") still matches a gold doc "x.txt".
    """
    from pipeline.score import as_json as to_json
    from pipeline.score import score, table
    from schemas.facts import read_jsonl

    tallies = score(read_jsonl(export_file), read_jsonl(gold))
    if as_json:
        click.echo(json.dumps(to_json(tallies), indent=2))
    else:
        click.echo(table(tallies))
    if per_doc:
        for name, t in tallies.items():
            for what, items in (("missed", t.missed), ("spurious", t.spurious)):
                for doc, key in items:
                    click.echo(f"  {name:28} {what:8} {doc}: {key}")


def main() -> None:
    cli(prog_name="jcmkg")
