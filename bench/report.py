"""The bench's outputs: the machine it ran on, the targets checked, and the Markdown tables."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = ("spacy", "fugashi", "unidic-lite", "pyvi", "pypdfium2", "pdfplumber", "SQLAlchemy",
            "reportlab")
ROOT = Path(__file__).resolve().parents[1]


def machine() -> dict:
    """CPU model, cores, memory, Python, package versions and the git commit of this tree."""
    cpu = "unknown"
    meminfo = ""
    if Path("/proc/cpuinfo").exists():
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), cpu)
        meminfo = Path("/proc/meminfo").read_text().splitlines()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": " ".join(meminfo.split()[1:]),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "versions": {p: metadata.version(p) for p in PACKAGES},
        "commit": _git("rev-parse", "HEAD"),
        "uncommitted_changes": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def load_average() -> str:
    """The machine's load averages (1, 5, 15 minutes), as `uptime` shows them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# Issue 17's and issue 16's targets: (name, goal text, test of the measured value).
FULL_OVER_BARE = {"ja": 0.05, "vi": 0.25}


def targets(r: dict) -> list[dict]:
    """Each issue target with the measured value and whether it is met (None: not measured)."""
    out = []

    def add(name: str, value: float | None, goal: str, met: bool | None) -> None:
        out.append({"target": name, "measured": value, "goal": goal, "met": met})

    for lang, goal in FULL_OVER_BARE.items():
        if "throughput_mb" in r.get("languages", {}).get(lang, {}):
            v = r["languages"][lang]["full_over_bare"]
            add(f"full ingest / bare segmenter chars/s ({lang})", v, f">= {goal}", v >= goal)
    if b := r.get("baseline"):
        add(f"en full ingest chars/s / chars/s of commit {b['commit'][:12]}", b["ratio"], ">= 3", b["ratio"] >= 3)
    if s := r.get("small"):
        add(f"{s['docs']} documents of ~1,500 chars / the same text as one document (time)", s["ratio"],
            "<= 3", s["ratio"] <= 3)
    if rr := r.get("rerun"):
        add(f"first / unchanged re-run time ({rr['megabytes']:g} MB corpus)", rr["unchanged_ratio"], ">= 100",
            rr["unchanged_ratio"] >= 100 if rr["all_skipped"] else None)
        add(f"one changed file among {rr['files']:,} / that file alone into an empty store (time)",
            rr["changed_ratio"], "<= 2", rr["changed_ratio"] <= 2)
    if se := r.get("search"):
        add("warm `search` query / the FTS query alone (time, worst of 3 queries)", se["worst_ratio"], "<= 10",
            se["worst_ratio"] <= 10)
    if r.get("peak_rss_mb"):
        v = r["peak_rss_mb"]
        add("peak RSS of the ingest (MB)", v, "< 1536", v < 1536)
    if r.get("executors"):
        v = r["executors"]["dask_speedup"]
        add("Dask LocalCluster 2 workers / 1 process speed-up (issue 16)", v, ">= 1.6", v >= 1.6)
    if r.get("stores"):
        v = r["stores"]["ratio"]
        add("PostgreSQL / SQLite store.write time per document (issue 16)", v, "<= 2", v <= 2)
    return out


def _n(x: float | None, digits: int = 3) -> str:
    if x is None:
        return "–"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def markdown(r: dict) -> str:
    """The results as Markdown: what ran where, then one table per measurement."""
    m = r["machine"]
    lines = [
        "# jcmkg bench results",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; Python {m['python']}, "
        f"SQLite {m['sqlite']}. Commit `{m['commit'][:12]}`"
        + (" (with uncommitted changes)" if m["uncommitted_changes"] else "") + ".",
        f"Run: `{r['command']}` in {r['total_seconds']:.0f} s, load average (1, 5, 15 min) "
        f"{' at the start, '.join(r['load'])} at the end (2 cores). Each figure is a median of "
        f"{r['repeats']} runs unless said otherwise; every ratio compares two measurements of this run.",
        *[f"Sections {', '.join(e['sections'])} are from an earlier run: `{e['command']}` at commit "
          f"`{e['commit'][:12]}`, {e['total_seconds']:.0f} s, load average {' then '.join(e['load'])}."
          for e in r.get("earlier_runs", [])],
        "",
        "## Targets",
        "",
        "| target | measured | goal | met |",
        "|---|---|---|---|",
    ]
    verdict = {True: "yes", False: "**no**", None: "–"}
    lines += [f"| {t['target']} | {_n(t['measured'])} | {t['goal']} | {verdict[t['met']]} |"
              for t in r["targets"]]
    lines.append("")
    for part in (_throughput, _fixed_costs, _scaleout, _pdf, _scaling):
        lines += part(r)
    if r.get("ocr"):
        from bench.ocr import markdown as ocr_markdown

        lines += ocr_markdown(r["ocr"])
    lines += [*r["notes"]]
    return "\n".join(lines) + "\n"


def _throughput(r: dict) -> list[str]:
    langs = [lang for lang, lr in r.get("languages", {}).items() if "throughput_mb" in lr]
    if not langs:
        return []
    lines = ["## Throughput: full ingest vs the bare segmenter (same text)", "",
             "| lang | corpus | docs | chars | full ingest chars/s | bare segmenter chars/s | full/bare |",
             "|---|---|---|---|---|---|---|"]
    for lang in langs:
        lr = r["languages"][lang]
        lines.append(f"| {lang} | {lr['throughput_mb']:g} MB | {lr['docs']} | {lr['chars']:,} | "
                     f"{_n(lr['full_chars_per_s'])} | {_n(lr['bare_chars_per_s'])} | "
                     f"{_n(lr['full_over_bare'])} |")
    lines += ["", f"Full ingest: in this process, one worker, models loaded before. Bare segmenters: "
              f"{r['bare_note']}", ""]
    if b := r.get("baseline"):
        lines += [f"en against the code of commit `{b['commit'][:12]}` (main when this work began, "
                  "unpacked with `git archive`), each in a child process warmed first, on the same "
                  f"{b['chars']:,} characters: {_n(b['now_chars_per_s'])} vs {_n(b['base_chars_per_s'])} "
                  f"chars/s ({b['now_s']:.1f} s vs {b['base_s']:.1f} s) = {b['ratio']:.2f}x.", ""]
    lines += ["## Where the time goes (share of the full ingest's wall time, one worker)", ""]
    shares = {lang: r["languages"][lang]["stage_share"] for lang in langs}
    stages = sorted({s for sh in shares.values() for s in sh}, key=lambda s: -max(sh.get(s, 0) for sh in shares.values()))
    lines += ["| stage | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
    for s in stages:
        label = f"&nbsp;&nbsp;{s}" if s.startswith("extract:") else s
        lines.append(f"| {label} | " + " | ".join(f"{100 * shares[lang].get(s, 0):.1f}%" for lang in langs) + " |")
    return [*lines, "", r["stage_note"], ""]


def _table(title: str, rows: list[str]) -> list[str]:
    """A two-column Markdown table of `rows` under `title`; nothing without rows."""
    return [f"## {title}", "", "| measurement | value |", "|---|---|", *rows, ""] if rows else []


def _fixed_costs(r: dict) -> list[str]:
    lines = []
    if s := r.get("small"):
        lines += [f"| {s['docs']} documents of ~1,500 characters ({s['chars']:,} in all; ja, vi, en in turn) "
                  f"/ the same text as one document, each into a fresh store by the isolated worker pool "
                  f"(`jcmkg ingest`'s default) | {s['many_s']:.2f} s / {s['one_s']:.2f} s = {s['ratio']:.2f}x |"]
    if rr := r.get("rerun"):
        lines += [
            f"| {rr['megabytes']:g} MB corpus (ja, vi, en a third each; {rr['files']:,} files, {rr['chars']:,} chars): "
            f"first ingest (child process, warmed first) / unchanged re-run (in process; "
            f"{'every' if rr['all_skipped'] else 'NOT every'} document skipped) | {rr['first_s']:.1f} s / "
            f"{rr['unchanged_s']:.3f} s = {_n(rr['unchanged_ratio'])}x |",
            f"| the same store, one file changed ({rr['changed_redone']} document redone) / that file alone into "
            f"an empty store | {rr['changed_s']:.2f} s / {rr['alone_s']:.2f} s = {_n(rr['changed_ratio'])}x |",
            f"| &nbsp;&nbsp;of which resolve (cross-document step) | {rr['changed_stages'].get('resolve', 0):.2f} s / "
            f"{rr['alone_stages'].get('resolve', 0):.2f} s |",
            f"| peak RSS of the first ingest | {rr['rss_mb']:.0f} MB |"]
    if se := r.get("search"):
        lines += [f"| warm `search` {q!r} ({x['hits']} FTS hits) / the bare FTS5 MATCH of its phrase | "
                  f"{x['search_ms']:.2f} ms / {x['fts_ms']:.2f} ms = {x['ratio']:.2f}x |"
                  for q, x in se["queries"].items()]
    return _table("Fixed costs", lines)


def _scaleout(r: dict) -> list[str]:
    lines = []
    if e := r.get("executors"):
        medians = f"alternating order, medians of {len(e['runs']['one'])}"
        times = f"{e['one_s']:.1f} s / {e['two_s']:.1f} s / {e['dask_s']:.1f} s"
        lines += [f"| {e['label']}: 1 process / --workers 2 / Dask 2 workers (running cluster), all warmed, {medians} | "
                  f"{times} = 1 / {e['workers_speedup']:.2f}x / {e['dask_speedup']:.2f}x |",
                  f"| the same, Dask starting its LocalCluster in the run (cold) | {e['dask_cold_s']:.1f} s "
                  f"= {e['dask_cold_speedup']:.2f}x |"]
    if st := r.get("stores"):
        pairs = ", ".join(f"{x:.2f}" for x in st["ratios"])
        write = f"{st['sqlite_ms']:.2f} ms / {st['postgresql_ms']:.2f} ms = {st['ratio']:.2f}x"
        resolve = f"resolve {st['sqlite_resolve_s']:.2f} s / {st['postgresql_resolve_s']:.2f} s"
        lines += [f"| store.write per document, one process, SQLite / PostgreSQL (median of "
                  f"{len(st['ratios'])} alternating pairs: {pairs}) | {write} |",
                  f"| the same pair: whole ingest, SQLite / PostgreSQL ({resolve}) | "
                  f"{st['sqlite_total_s']:.1f} s / {st['postgresql_total_s']:.1f} s |"]
    return _table("Executors and stores (issue 16)", lines)


def _pdf(r: dict) -> list[str]:
    if not r.get("pdf"):
        return []
    lines = ["## PDF loader vs raw pypdfium2 text extraction (same files)", "",
             "| pages | files | loader pages/s | raw pypdfium2 pages/s | loader/raw |", "|---|---|---|---|---|"]
    for p in r["pdf"].values():
        lines.append(f"| {p['pages']} {p['label']} | {p['files']} | {_n(p['loader_pages_per_s'])} | "
                     f"{_n(p['raw_pages_per_s'])} | {_n(p['loader_over_raw'])} |")
    return [*lines, ""]


def _scaling(r: dict) -> list[str]:
    langs = {lang: lr for lang, lr in r.get("languages", {}).items() if lr.get("scaling")}
    if not langs:
        return []
    lines = ["## Scaling: ingest time vs corpus size (one worker)", "",
             "| lang | " + " | ".join(f"{s:g} MB" for s in r["sizes"]) + " | time ratio largest/smallest | size ratio |",
             "|---|" + "---|" * (len(r["sizes"]) + 2)]
    for lang, lr in langs.items():
        cells = [f"{lr['sizes'][f'{s:g}']['median_s']:.1f} s" for s in r["sizes"]]
        sc = lr["scaling"]
        lines.append(f"| {lang} | " + " | ".join(cells) + f" | {_n(sc['time_ratio'])} | {_n(sc['size_ratio'])} |")
    return [*lines, "", r["scaling_note"], ""]
