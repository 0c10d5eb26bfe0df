"""Developer loop: extract every file of a folder and score it against a gold file.

    python -m pipeline.quickeval GOLD.jsonl DIR [--field F] [--per-doc]

No database: load → langid → segment → extract → facts line → FORMAT.md scoring.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.process import process
from pipeline.score import score, table
from schemas.facts import facts_line, read_jsonl


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("dir")
    ap.add_argument("--field", help="only report this field (prefix match)")
    ap.add_argument("--per-doc", action="store_true", help="list missed and spurious keys")
    args = ap.parse_args()
    root = Path(args.dir)
    gold = read_jsonl(args.gold)
    pred = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel not in {g["doc"] for g in gold}:
            continue
        done = process(path, rel)
        if done.status != "ok":
            print(f"{rel}: {done.status} at {done.stage}: {done.error}")
        pred.append(facts_line(rel, done.lang, [m for _, _, m in done.mentions]))
    tallies = score(pred, gold)
    if args.field:
        tallies = {k: v for k, v in tallies.items() if k.startswith(args.field)}
    print(table(tallies))
    if args.per_doc:
        for name, t in tallies.items():
            for what, items in (("missed", t.missed), ("spurious", t.spurious)):
                for doc, key in items:
                    print(f"  {name:12} {what:8} {doc}: {key}")


if __name__ == "__main__":
    main()
