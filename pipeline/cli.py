"""The `jcmkg` command line: ingest, export, stats, eval, search, plot."""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from pipeline.limits import Limits
from pipeline.reader import DEFAULT_URL

DB_HELP = "SQLAlchemy database URL (any dialect); default: sqlite:///data/jcmkg.sqlite."


def _db_option(f):
    return click.option("--db", default=DEFAULT_URL, show_default=False, metavar="URL",
                        help=DB_HELP)(f)


@contextmanager
def _store_errors() -> Iterator[None]:
    """A store that cannot be opened (missing, empty, not a database, a wrong URL or driver)
    ends the command with its one-line reason and exit code 1, not a traceback."""
    from pipeline.reader import StoreError

    try:
        yield
    except StoreError as e:
        raise click.ClickException(str(e)) from None


def _reader(db: str):
    """Engine and sessions that only read the existing store at `db`."""
    from pipeline.reader import open_reader

    with _store_errors():
        return open_reader(db)


def _write_errors(f):
    """Disk full, read-only store or folder, a path through a file: one line and exit 1."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from pipeline.store_errors import explain

        try:
            return f(*args, **kwargs)
        except Exception as exc:
            if (line := explain(exc)) is None:
                raise
            click.echo(f"jcmkg: error: {line}", err=True)
            sys.exit(1)
    return wrapper


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
@_write_errors
@click.option("--workers", "-j", type=click.IntRange(1, 64),
              help="Processes that parse and extract in parallel (one writer); default 1. With "
              "--executor dask and no --scheduler: the local cluster's workers (default: one per core).")
@click.option("--executor", type=click.Choice(["processes", "dask"]), default="processes",
              show_default=True, help="processes: this machine (--workers). dask: a Dask cluster, "
              "each worker processing and writing whole documents (see --scheduler).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler to send documents to, e.g. "
              "tcp://host:8786 (default: a local cluster). Implies --executor dask.")
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
@click.option("--max-memory-mb", default=Limits().max_memory / 2**20, show_default=True,
              type=click.FloatRange(0), help="Address space of each worker process; a document "
              "that needs more fails (out of memory) and the run goes on. 0: no limit.")
@click.option("--prune", is_flag=True, help="Remove the documents whose files are gone from the "
              "folders given (default: list them).")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned PDF pages (a scan-only PDF then "
              "fails at stage 'ocr').")
@click.option("--ocr-dpi", default=Limits().ocr_dpi, show_default=True, type=click.IntRange(50, 1200),
              help="Resolution scanned pages are rendered at for OCR.")
def ingest(paths: tuple[Path, ...], db: str, workers: int | None, executor: str, scheduler: str | None,
           force: bool, strict: bool, quiet: bool, max_file_mb: float, max_pages: int,
           time_limit: float, max_memory_mb: float, prune: bool, no_ocr: bool,
           ocr_dpi: int) -> None:
    """Ingest files and folders (recursively): .txt .md .html .htm .pdf .docx.

    Each document is stored in its own transaction under its path relative to the folder
    given. Unchanged documents (same bytes, same pipeline version) are skipped, so a re-run
    after a crash or an interruption finishes the rest without duplicates.
    """
    from pipeline.ingest import ingest as run
    from pipeline.reader import check_url

    with _store_errors():
        check_url(db)
    limits = Limits(max_bytes=int(max_file_mb * 2**20), max_pages=max_pages, max_seconds=time_limit,
                    max_memory=int(max_memory_mb * 2**20), ocr_dpi=0 if no_ocr else ocr_dpi)
    executor = "dask" if scheduler else executor
    workers = workers or ((os.cpu_count() or 1) if executor == "dask" else 1)
    s = run(list(paths), db, workers=workers, force=force, progress=not quiet, limits=limits,
            executor=executor, scheduler=scheduler, prune=prune)
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
    if s.gone:
        what = "removed" if s.pruned else "still stored: jcmkg ingest --prune removes them"
        click.echo(f"gone:      {len(s.gone)} documents whose files are gone ({what}): "
                   + ", ".join(s.gone[:5]) + (", ..." if len(s.gone) > 5 else ""))
    for doc, stage, error in s.failures:
        click.echo(f"FAILED {doc} [{stage}]: {error}", err=True)
    if strict and s.failed:
        sys.exit(1)


@cli.group()
def export() -> None:
    """Write what the store holds: facts (FORMAT.md JSON lines) or graphml."""


@export.command("facts")
@_db_option
@_write_errors
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path), help="Output file.")
def export_facts(db: str, out: Path) -> None:
    """One FORMAT.md line per document (the shape `jcmkg eval` scores)."""
    from pipeline.export import export_facts as run

    _, Session = _reader(db)
    with Session() as session:
        n = run(session, out)
    click.echo(f"wrote {n} documents to {out}")


@export.command("graphml")
@_db_option
@_write_errors
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path), help="Output file.")
@click.option("--cooperation", is_flag=True, help="Write the undirected graph of parties tied by the "
              "agreements and events they share, instead of parties → agreements and events.")
@click.option("--isolated", is_flag=True, help="Keep agreements and events with no known party "
              "(nodes without edges).")
def export_graphml(db: str, out: Path, cooperation: bool, isolated: bool) -> None:
    """The cooperation graph as GraphML (for Gephi, Cytoscape, igraph).

    By default a directed graph: countries and organizations → the agreements and events they
    are party to, labelled with their parties ("8th JPN–VNM policy dialogue 2024-01-12").
    With --cooperation, the undirected ties between the parties."""
    from pipeline import graph

    _, Session = _reader(db)
    with Session() as session:
        g = graph.cooperation(session) if cooperation else graph.build(session, isolated=isolated)
    graph.write_graphml(g, out)
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

    _, Session = _reader(db)
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

    _, Session = _reader(db)
    with Session() as session:
        (plot_graph if what == "graph" else plot_timeline)(session, out)
    click.echo(f"wrote {out}")


@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", "-p", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Browse the store in Datasette, read-only: every table and view described, facets,
    country and organization names, search in ja / vi / en, canned analyst queries.

    \b
    Example:
      jcmkg serve --port 8001    # then open http://127.0.0.1:8001/jcmkg
    """
    from pipeline.serve import serve as run

    with _store_errors():
        run(db, host, port)


@cli.command()
@_db_option
@_write_errors
def stats(db: str) -> None:
    """Documents by status and language, blocks by language, facts by kind."""
    from pipeline.ingest import stats as run

    with _store_errors():
        sections = run(db)
    for section, rows in sections.items():
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
