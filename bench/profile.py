"""`python -m bench.profile [--mb 0.125] [--out bench/profile.txt]`: where an ingest's time goes.

Ingests the bench corpora of ja, vi and en (`--mb` each) in this process (models loaded first)
under py-spy when it is installed (a sampling profiler: `pip install py-spy`; little overhead),
else under cProfile (which slows Python code several times and so overstates it), and writes
the functions with the largest share of the ingest's samples, inclusive and self.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP = 30


def _run(mb: float, tmp: Path) -> None:
    from bench.corpus import LANGS, make_corpus
    from pipeline.ingest import ingest
    from pipeline.process import warm_up

    paths = [make_corpus(ROOT / "corpora", lang, mb, tmp / lang).path for lang in LANGS]
    warm_up()
    ingest(paths, url=f"sqlite:///{tmp / 'profile.sqlite'}", workers=0, progress=False)


def summarize(raw: str, top: int = TOP) -> list[str]:
    """py-spy's raw (collapsed) stacks → the `top` functions by inclusive and by self share of
    the samples taken inside `_ingest`."""
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, n = line.rpartition(" ")
        frames = [re.sub(r" \((?:.*/)?(?:site-packages/)?", " (", f) for f in stack.split(";")]
        if not any(f.startswith("_ingest (ingest.py") for f in frames):
            continue
        total += int(n)
        inclusive.update(dict.fromkeys({f.rsplit(":", 1)[0] for f in frames}, int(n)))
        own[frames[-1].rsplit(":", 1)[0]] += int(n)
    out = [f"{total} samples inside pipeline.ingest._ingest", "", "inclusive:"]
    out += [f"{100 * n / total:5.1f}%  {f})" for f, n in inclusive.most_common(top)]
    out += ["", "self:"] + [f"{100 * n / total:5.1f}%  {f})" for f, n in own.most_common(top)]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=0.125, help="MB of files per language")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "profile.txt")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if args.child:
            _run(args.mb, tmp)
            return
        spy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
        if spy:
            raw = tmp / "raw.txt"
            subprocess.run([spy, "record", "-r", "100", "-f", "raw", "-o", str(raw), "--", sys.executable,
                            "-m", "bench.profile", "--mb", str(args.mb), "--child"], check=True, cwd=ROOT)
            lines = [f"py-spy, 100 samples/s, {args.mb:g} MB per language (ja, vi, en)", ""]
            lines += summarize(raw.read_text())
        else:
            profiler = cProfile.Profile()
            profiler.runcall(_run, args.mb, tmp)
            report = tmp / "stats.txt"
            with report.open("w") as f:
                pstats.Stats(profiler, stream=f).sort_stats("cumulative").print_stats(TOP)
            lines = [f"cProfile, {args.mb:g} MB per language (ja, vi, en)", "", report.read_text()]
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
