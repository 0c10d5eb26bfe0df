"""One timed ingest into a fresh store, in this process or in a child process (for its peak RSS).

A child runs `python -m bench.runs WARM_DIR DB_URL PATH...`: it ingests WARM_DIR first (models
and lexicons loaded, as in a long-running ingest), then the timed run, and prints the result
with its peak resident set size (ru_maxrss) as JSON.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stages import timed_stages
from pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]


@dataclasses.dataclass
class Run:
    """What one ingest did and how long it took (stages only for one worker)."""

    seconds: float
    chars: int
    docs: int
    status: dict[str, int]
    stages: dict[str, float]
    rss_mb: float = 0.0  # peak RSS of the ingest process (child runs only)


def ingest_run(paths: list[Path], url: str, workers: int = 1, isolated: bool = False) -> Run:
    """Ingest `paths` into `url` once, timing each stage when there is one worker in this
    process; `isolated`: through the worker pool of `workers` processes, as `jcmkg ingest` does."""
    inline = workers == 1 and not isolated
    with timed_stages() as stages:
        t0 = time.perf_counter()
        summary = ingest(paths, url=url, workers=0 if inline else workers, progress=False)  # 0: in-process
        seconds = time.perf_counter() - t0
    return Run(seconds, summary.chars, sum(summary.status.values()), dict(summary.status),
               dict(stages) if inline else {})


def warm_up(corpora: Path) -> float:
    """Ingest the sample documents once into a throwaway store, in this process (loads every
    model, as a long-running ingest has them); seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        ingest([corpora / lang for lang in ("ja", "vi", "en")], url=f"sqlite:///{tmp}/warm.sqlite",
               workers=0, progress=False)
        return time.perf_counter() - t0


def child_run(corpora: Path, paths: list[Path], url: str, code: Path = ROOT) -> Run:
    """`ingest_run` in a fresh Python process, with its peak RSS; `code`: the source tree it
    runs (another commit's, unpacked, for a baseline)."""
    cmd = [sys.executable, "-m", "bench.runs", str(corpora), url, *map(str, paths)]
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=code, env=env).stdout
    return Run(**json.loads(out.strip().splitlines()[-1]))


def unpack(commit: str, out: Path) -> Path:
    """The source tree of `commit` of this repository, written into `out` (git archive), with
    this tree's bench/ in place of its own, so both sides are measured the same way."""
    out.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    shutil.rmtree(out / "bench")
    shutil.copytree(ROOT / "bench", out / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    return out


def _main(argv: list[str]) -> None:
    corpora, url, *paths = argv
    warm_up(Path(corpora))
    run = ingest_run([Path(p) for p in paths], url)
    run.rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps(dataclasses.asdict(run)))


if __name__ == "__main__":
    _main(sys.argv[1:])
