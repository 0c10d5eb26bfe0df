"""Scale-out: a real PostgreSQL server (started and stopped by the tests) as the store, and a Dask
LocalCluster of two worker processes as the executor. What matters is that nothing changes:
the same facts, graph, views and search answers as SQLite with one process, however many
writers, in whatever order they finish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import cloudpickle
import pytest
from make_bad_inputs import many_documents
from sqlalchemy import insert, select, text

from pipeline import postgres, store
from pipeline import dask_executor
from pipeline.dask_executor import batches, process_and_write, run_on_dask
from pipeline.export import export_facts
from pipeline.graph import build, write_graphml
from pipeline.ingest import ingest, pipeline_version
from pipeline.limits import Limits
from pipeline.readfile import fingerprint
from pipeline.run_summary import Stamps
from pipeline.search import search
from pipeline.views import VIEWS
from schemas.db import BlockRow, DocumentRow, FactCount, MentionRow
from tests.synthetic_store import build_store

ROOT = Path(__file__).resolve().parents[1]

# Queries in the three languages, over the synthetic store's own sentences.
QUERIES = ["二国間文書", "政策対話", "環境省", "chính sách môi trường", "Nhật Bản", "Viet Nam",
           "joint committee", "Japan"]


def _exports(url: str, out: Path) -> tuple[bytes, bytes]:
    _, Session = store.open_store(url)
    with Session() as session:
        export_facts(session, out / "facts.jsonl")
        write_graphml(build(session), out / "graph.graphml")
    return (out / "facts.jsonl").read_bytes(), (out / "graph.graphml").read_bytes()


def _view_rows(url: str, name: str) -> list[tuple]:
    """A view's rows without its surrogate ids (which differ from store to store), sorted."""
    engine, _ = store.open_store(url)
    with engine.connect() as conn:
        result = conn.execute(text(f"SELECT * FROM {name}"))
        keep = [i for i, col in enumerate(result.keys()) if col != "id" and not col.endswith("_id")]
        rows = [tuple(row[i] for i in keep) for row in result]
    engine.dispose()
    return sorted(rows, key=repr)


def _searches(url: str) -> dict[tuple[str, str | None], list[tuple]]:
    _, Session = store.open_store(url)
    with Session() as session:
        return {(q, lang): sorted((h.doc, h.block, h.lang, h.snippet) for h in search(session, q, lang, 100))
                for q in QUERIES for lang in (None, "ja", "vi", "en")}


def test_views_and_search_answer_the_same_on_postgresql_as_on_sqlite(tmp_path: Path, pg_url: str) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 's.sqlite'}"
    build_store(sqlite_url)
    build_store(pg_url)
    for name in VIEWS:
        rows = _view_rows(pg_url, name)
        assert rows and rows == _view_rows(sqlite_url, name), name
    answers = _searches(pg_url)
    assert answers == _searches(sqlite_url)
    assert [doc for doc, *_ in answers[("二国間文書", None)]] == ["ja/press.txt"]
    assert [doc for doc, *_ in answers[("chính sách môi trường", "vi")]] == ["vi/tin.txt"]
    assert answers[("政策対話", "en")] == []
    assert any("[Japan]" in snippet for *_, snippet in answers[("Japan", "en")])


def test_reopening_a_postgresql_store_keeps_its_schema_and_views(pg_url: str) -> None:
    build_store(pg_url)
    engine, _ = store.open_store(pg_url)  # views unchanged: nothing dropped, nothing recreated
    with engine.connect() as conn:
        oids = conn.execute(text("SELECT relname, oid FROM pg_class WHERE relname LIKE 'v\\_%'")).all()
    store.open_store(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT relname, oid FROM pg_class WHERE relname LIKE 'v\\_%'")).all() == oids
    assert {name for name, _ in oids} == set(VIEWS)


@pytest.fixture(scope="module")
def corpus_stores(tmp_path_factory, pg_server, request) -> tuple[str, str, Path]:
    """The seeds and corpora/ ingested twice: into SQLite by one process, and into PostgreSQL
    through a Dask LocalCluster of two worker processes."""
    shared = ROOT.parent / "shared" / "corpus" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared (the seeds) is not beside the repository")
    tmp = tmp_path_factory.mktemp("corpus")
    paths = [shared, ROOT / "corpora"]
    sqlite_url = f"sqlite:///{tmp / 'one.sqlite'}"
    pg_url = pg_server.create_database("corpus_dask")
    single = ingest(paths, sqlite_url, workers=1, progress=False)
    on_dask = ingest(paths, pg_url, workers=2, progress=False, executor="dask")
    assert on_dask.status == single.status and on_dask.facts_by_field == single.facts_by_field
    return sqlite_url, pg_url, tmp


def test_dask_into_postgresql_exports_byte_for_byte_what_one_process_into_sqlite_does(corpus_stores) -> None:
    sqlite_url, pg_url, tmp = corpus_stores
    (tmp / "sqlite").mkdir(exist_ok=True)
    (tmp / "pg").mkdir(exist_ok=True)
    facts, graph = _exports(sqlite_url, tmp / "sqlite")
    pg_facts, pg_graph = _exports(pg_url, tmp / "pg")
    assert set(pg_facts.splitlines()) == set(facts.splitlines())
    assert pg_facts == facts
    assert pg_graph == graph
    assert facts.count(b"\n") >= 40 and b"bilateral_document" in graph


def test_dask_workers_writing_into_one_sqlite_store_lose_no_document(tmp_path: Path) -> None:
    """Two workers' transactions into one SQLite file: each takes the write lock before it numbers
    its rows (max + 1), so none draws an id the other drew; many small documents make the two
    write often, as a large archive does."""
    paths = many_documents(tmp_path / "docs", 240)
    url, lite = f"sqlite:///{tmp_path / 'dask.sqlite'}", f"sqlite:///{tmp_path / 'one.sqlite'}"
    on_dask = ingest([tmp_path / "docs"], url, workers=2, progress=False, executor="dask")
    assert on_dask.status == {"ok": len(paths)}
    ingest([tmp_path / "docs"], lite, workers=1, progress=False)
    (tmp_path / "dask").mkdir()
    (tmp_path / "one").mkdir()
    assert _exports(url, tmp_path / "dask") == _exports(lite, tmp_path / "one")


def test_every_view_gives_the_same_rows_for_the_corpus(corpus_stores) -> None:
    sqlite_url, pg_url, _ = corpus_stores
    for name in VIEWS:
        rows = _view_rows(pg_url, name)
        assert rows and rows == _view_rows(sqlite_url, name), name


def test_search_finds_the_same_blocks_in_the_corpus(corpus_stores) -> None:
    sqlite_url, pg_url, _ = corpus_stores
    answers = _searches(pg_url)
    assert answers == _searches(sqlite_url)
    assert all(answers[(q, None)] for q in ("二国間文書", "Nhật Bản", "joint committee"))


def test_a_second_dask_run_skips_every_unchanged_document(corpus_stores) -> None:
    _, pg_url, _ = corpus_stores
    again = ingest([ROOT / "corpora"], pg_url, workers=2, progress=False, executor="dask")
    assert set(again.status) == {"skipped"}


def test_two_concurrent_dask_ingests_into_one_postgresql_both_succeed(tmp_path: Path, pg_url: str) -> None:
    folder = tmp_path / "docs"
    many_documents(folder, 12)
    version = pipeline_version()
    cmd = [sys.executable, "-m", "pipeline", "ingest", str(folder), "--db", pg_url, "-q",
           "--executor", "dask", "--workers", "1"]
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            for _ in range(2)]
    outputs = [run.communicate(timeout=900) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    engine, _ = store.open_store(pg_url)
    with engine.connect() as conn:
        docs = conn.execute(text("SELECT doc, status, pipeline_version FROM documents ORDER BY doc")).all()
        blocks = conn.execute(text("SELECT d.doc, count(*) FROM blocks b JOIN documents d "
                                   "ON d.id = b.document_id GROUP BY d.doc")).all()
        unresolved = conn.execute(text("SELECT count(*) FROM meta WHERE key LIKE 'unresolved:%'")).scalar()
        agreements = conn.execute(text("SELECT count(*), count(DISTINCT key) FROM agreements")).one()
    assert [d for d, *_ in docs] == [f"doc-{i:03d}.txt" for i in range(12)]
    assert {(s, v) for _, s, v in docs} == {("ok", version)}
    assert len(blocks) == 12 and len({n for _, n in blocks}) == 1  # each document stored once
    assert unresolved == 0  # the last writer's resolution took in every document written
    assert agreements[0] == agreements[1] > 0


def test_documents_go_in_few_tasks_yet_enough_to_keep_every_worker_busy() -> None:
    jobs = [(Path(f"{i}.txt"), f"{i}.txt", "", 0, Limits()) for i in range(100)]
    tasks = batches(jobs, 2)
    assert [job for task in tasks for job in task] == jobs  # every document once, in order
    assert max(map(len, tasks)) == dask_executor.MAX_BATCH and len(tasks) >= 2 * dask_executor.TASKS_PER_WORKER
    assert {len(t) for t in batches(jobs[:6], 2)} == {1}  # few documents: one a task


def _crashing(jobs, url: str, stamps: Stamps):
    """A task that kills its worker process (as a native crash would) for `crash-always*`
    documents every time and for `crash-once*` documents the first time only."""
    for path, doc, *_ in jobs:
        marker = path.with_name(f".{path.name}.crashed")
        if doc.startswith("crash-always") or (doc.startswith("crash-once") and not marker.exists()):
            marker.touch()
            os._exit(70)
    return process_and_write(jobs, url, stamps)


@pytest.mark.parametrize("tasks_per_worker", [dask_executor.TASKS_PER_WORKER, 1])  # 1: two documents a task
def test_a_dying_worker_costs_only_its_document(tmp_path: Path, pg_url: str, tasks_per_worker: int,
                                                monkeypatch) -> None:
    monkeypatch.setattr(dask_executor, "TASKS_PER_WORKER", tasks_per_worker)
    folder = tmp_path / "docs"
    paths = many_documents(folder, 4)
    names = ["doc-a.txt", "doc-b.txt", "crash-once.txt", "crash-always.txt"]
    for path, name in zip(paths, names, strict=True):
        path.rename(folder / name)
    jobs = [(folder / name, name, *fingerprint(folder / name), Limits()) for name in names]
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        tallies = list(run_on_dask(jobs, pg_url, Stamps("v1", Limits()), workers=2, progress=False, task=_crashing))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert sorted((t.doc_id, t.status, t.stage) for t in tallies) == [
        ("crash-always.txt", "failed", "worker"), ("crash-once.txt", "ok", ""),
        ("doc-a.txt", "ok", ""), ("doc-b.txt", "ok", "")]
    engine, _ = store.open_store(pg_url)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT doc, status || ' ' || COALESCE(error, '') FROM documents")).all())
        n_blocks = conn.execute(text("SELECT count(DISTINCT document_id) FROM blocks")).scalar()
    assert rows["crash-always.txt"].startswith("failed the worker processing it died 2 times")
    assert {rows[n] for n in names[:3]} == {"ok "} and n_blocks == 3


def test_rows_inserted_through_unnest_read_back_as_sqlalchemy_inserts_them(pg_url: str) -> None:
    """postgres.insert_rows (one INSERT for many rows) against SQLAlchemy's executemany: the same
    values back, with an int in a float column, JSON lists and NULLs, and reserved column names."""
    _, Session = store.open_store(pg_url)
    with Session() as session:
        session.execute(insert(DocumentRow), [dict(id=i, doc=f"d{i}", path=f"/d{i}", sha256="0", size=1,
                                                   status="ok", pipeline_version="v") for i in (1, 2)])

        def rows(doc: int) -> dict[type, list[dict]]:
            return {
                BlockRow: [dict(id=10 * doc + i, document_id=doc, idx=i, kind="paragraph", lang="ja", page=None,
                                start=i, end=i + 3, text="二国間", tokens="二 国 間", ocr_conf=conf,
                                ocr_boxes=boxes, ocr_low=low)
                           for i, (conf, boxes, low) in enumerate([(None, None, None), (87.5, [[1, 2, 3, 4, 90]], False)])],
                MentionRow: [dict(id=10 * doc + i, document_id=doc, field="count", block_idx=0, start=i, end=i + 1,
                                  page=1, lang="ja", surface="3件", extractor="counts", rule=None,
                                  norm={"value": 3, "unit": "件"}, ocr_conf=None, ocr_boxes=None) for i in (0, 1)],
                FactCount: [dict(id=10 * doc + i, document_id=doc, mention_id=10 * doc + i, surface="3件", value=value,
                                 unit="projects", subject=None, what=None, measure="registered_projects",
                                 period=None, as_of=None) for i, value in enumerate([3, 2.5])],
            }

        for model, given in rows(1).items():
            postgres.insert_rows(session, model.__table__, given)
        for model, given in rows(2).items():
            session.execute(insert(model.__table__), given)
        for model in (BlockRow, MentionRow, FactCount):
            stored = {doc: [r._asdict() for r in session.execute(
                select(*(c for c in model.__table__.c if c.name not in ("id", "document_id", "mention_id")))
                .where(model.document_id == doc).order_by(model.id))] for doc in (1, 2)}
            assert stored[1] == stored[2] and stored[1]
        assert session.scalars(select(FactCount.value).where(FactCount.document_id == 1)).all() == [3.0, 2.5]
