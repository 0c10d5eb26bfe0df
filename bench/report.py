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


def targets(r: dict) -> list[dict]:
    """Each issue target with the measured value and whether it is met."""
    out = []

    def add(name: str, value: float | None, goal: str, met: bool | None) -> None:
        out.append({"target": name, "measured": value, "goal": goal, "met": met})

    for lang in ("ja", "vi"):
        if lang in r["languages"]:
            v = r["languages"][lang]["full_over_bare"]
            add(f"full ingest / bare segmenter chars/s ({lang})", v, ">= 0.25", v >= 0.25)
    if r.get("pdf"):
        v = r["pdf"]["text"]["loader_over_raw"]
        add("PDF loader / raw pypdfium2 pages/s (pages without tables)", v, ">= 0.25", v >= 0.25)
    for lang, lr in r["languages"].items():
        if lr.get("scaling"):
            s = lr["scaling"]
            goal = f"<= {20 * s['size_ratio'] / 16:.3g} (20 for a 16x size)"
            add(f"time ratio largest/smallest corpus, {s['size_ratio']:.3g}x the size ({lang})",
                s["time_ratio"], goal, s["time_ratio"] <= 20 * s["size_ratio"] / 16)
    if r.get("workers"):
        v = r["workers"]["speedup"]
        add("2 workers / 1 worker speed-up", v, ">= 1.6", v >= 1.6)
    if r.get("executors"):
        v = r["executors"]["dask_speedup"]
        add("Dask LocalCluster 2 workers / 1 process speed-up", v, ">= 1.6", v >= 1.6)
    if r.get("stores"):
        v = r["stores"]["ratio"]
        add("PostgreSQL / SQLite store.write time per document", v, "<= 2", v <= 2)
    for lang, lr in r["languages"].items():
        v = lr["reingest"]["ratio"]
        if not lr["reingest"]["runs_all_skipped"]:  # the code changed under every re-run
            add(f"first / unchanged re-ingest time ({lang})", v,
                ">= 50 (not measured: the pipeline version changed during the run)", None)
        else:
            add(f"first / unchanged re-ingest time ({lang})", v, ">= 50", v >= 50)
    if r.get("peak_rss_mb"):
        v = r["peak_rss_mb"]
        add("peak RSS of the ingest (MB)", v, "< 1536", v < 1536)
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
        f"Run: `{r['command']}` in {r['total_seconds']:.0f} s. Each figure is a median of "
        f"{r['repeats']} runs unless said otherwise; every ratio compares two measurements of this run.",
        "",
        "## Targets",
        "",
        "| target | measured | goal | met |",
        "|---|---|---|---|",
    ]
    verdict = {True: "yes", False: "**no**", None: "–"}
    lines += [f"| {t['target']} | {_n(t['measured'])} | {t['goal']} | {verdict[t['met']]} |"
              for t in r["targets"]]
    lines += ["", "## Throughput: full ingest vs the bare segmenter (same text)", "",
              "| lang | corpus | docs | chars | full ingest chars/s | bare segmenter chars/s | full/bare |",
              "|---|---|---|---|---|---|---|"]
    for lang, lr in r["languages"].items():
        lines.append(f"| {lang} | {lr['throughput_mb']:g} MB | {lr['docs']} | {lr['chars']:,} | "
                     f"{_n(lr['full_chars_per_s'])} | {_n(lr['bare_chars_per_s'])} | "
                     f"{_n(lr['full_over_bare'])} |")
    lines += ["", f"Bare segmenters: {r['bare_note']}", "",
              "## Where the time goes (share of the full ingest's wall time, one worker)", ""]
    langs = list(r["languages"])
    stages = sorted({s for lr in r["languages"].values() for s in lr["stage_share"]},
                    key=lambda s: -max(lr["stage_share"].get(s, 0) for lr in r["languages"].values()))
    lines += ["| stage | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
    for s in stages:
        label = f"&nbsp;&nbsp;{s}" if s.startswith("extract:") else s
        lines.append(f"| {label} | " + " | ".join(
            f"{100 * r['languages'][lang]['stage_share'].get(s, 0):.1f}%" for lang in langs) + " |")
    lines += ["", r["stage_note"], ""]
    if r.get("pdf"):
        lines += ["## PDF loader vs raw pypdfium2 text extraction (same files)", "",
                  "| pages | files | loader pages/s | raw pypdfium2 pages/s | loader/raw |",
                  "|---|---|---|---|---|"]
        for p in r["pdf"].values():
            lines.append(f"| {p['pages']} {p['label']} | {p['files']} | {_n(p['loader_pages_per_s'])} | "
                         f"{_n(p['raw_pages_per_s'])} | {_n(p['loader_over_raw'])} |")
        lines.append("")
    if r.get("ocr"):
        from bench.ocr import markdown as ocr_markdown

        lines += ocr_markdown(r["ocr"])
    lines += ["## Scaling: ingest time vs corpus size (one worker)", "",
              "| lang | " + " | ".join(f"{s:g} MB" for s in r["sizes"]) + " | time ratio largest/smallest | size ratio |",
              "|---|" + "---|" * (len(r["sizes"]) + 2)]
    for lang, lr in r["languages"].items():
        cells = [f"{lr['sizes'][f'{s:g}']['median_s']:.1f} s" for s in r["sizes"]]
        sc = lr.get("scaling") or {}
        lines.append(f"| {lang} | " + " | ".join(cells) +
                     f" | {_n(sc.get('time_ratio'))} | {_n(sc.get('size_ratio'))} |")
    lines += ["", r["scaling_note"], "", "## Workers, re-ingest, memory", "",
              "| measurement | value |", "|---|---|"]
    if r.get("workers"):
        w = r["workers"]
        lines.append(f"| {w['label']}: 1 worker / 2 workers | {w['one_s']:.1f} s / {w['two_s']:.1f} s "
                     f"= {w['speedup']:.2f}x |")
    if r.get("executors"):
        e = r["executors"]
        lines.append(f"| {e['label']}: 1 process / --workers 2 / Dask 2 workers (running cluster) | "
                     f"{e['one_s']:.1f} s / {e['two_s']:.1f} s / {e['dask_s']:.1f} s = 1 / "
                     f"{e['workers_speedup']:.2f}x / {e['dask_speedup']:.2f}x |")
        lines.append(f"| the same, Dask starting its LocalCluster in the run (cold) | {e['dask_cold_s']:.1f} s "
                     f"= {e['dask_cold_speedup']:.2f}x |")
    if r.get("stores"):
        st = r["stores"]
        lines.append(f"| {st['label']}, one process: store.write per document, SQLite / PostgreSQL | "
                     f"{st['sqlite_ms']:.2f} ms / {st['postgresql_ms']:.2f} ms = {st['ratio']:.2f}x |")
        lines.append(f"| the same: whole ingest, SQLite / PostgreSQL (resolve {st['sqlite_resolve_s']:.2f} s / "
                     f"{st['postgresql_resolve_s']:.2f} s) | {st['sqlite_total_s']:.1f} s / "
                     f"{st['postgresql_total_s']:.1f} s |")
    for lang, lr in r["languages"].items():
        ri = lr["reingest"]
        lines.append(f"| re-ingest of the unchanged {lr['throughput_mb']:g} MB {lang} corpus: first / "
                     f"second ({ri['runs_all_skipped']} of {ri['runs']} re-runs skipped every document) | "
                     f"{ri['first_s']:.2f} s / {ri['second_s']:.3f} s = {_n(ri['ratio'])}x |")
    for lang, lr in r["languages"].items():
        if lr.get("rss_mb"):
            lines.append(f"| peak RSS, ingest of the {r['sizes'][-1]:g} MB {lang} corpus | "
                         f"{lr['rss_mb']:.0f} MB |")
    lines += ["", *r["notes"]]
    return "\n".join(lines) + "\n"
