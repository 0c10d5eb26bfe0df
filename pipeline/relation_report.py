"""Error analysis of the relation extractors on the training sets (never on test).

    python -m pipeline.relation_report [SHARED] [-v]

For every gold agreement and event of SHARED's seeds, dev and train documents it says whether a
candidate exists and why it is missed (no trigger of its kind, wrong parties or ordinal, rejected
by the model, a wrong or dropped date), and for every predicted fact that the gold lacks, why it
is wrong (wrong kind, wrong parties, wrong date, spurious). The counts per class say which
decision to attack first; `-v` lists each case with its document.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from extractors.relations.discourse import agree, full_date
from extractors.relations.parties import as_countries
from extractors.relations.relation_model import model
from pipeline.relation_training import RELATIONS, Doc, collect, predict, processed


def _key(relation: str, f: dict) -> tuple:
    if relation == "agreements":
        return f["kind"], tuple(f["parties"]), f["date"]
    return f["kind"], f["ordinal"], f["date"]


def _who(relation: str, f: dict) -> object:
    """What names a fact besides its kind and date: its parties (as states) or its ordinal."""
    return as_countries(tuple(f["parties"])) if relation == "agreements" else f["ordinal"]


def _cand_fact(doc: Doc, relation: str, c) -> dict:
    who = {"parties": list(c.parties)} if relation == "agreements" else {"ordinal": c.ordinal}
    return {"kind": c.kind, "date": full_date(doc.view, c.date)} | who


def _same_date(a: str | None, b: str | None) -> bool:
    return a == b or bool(a and b and agree(a, b))


def missed(doc: Doc, relation: str, g: dict, pred: list[dict]) -> str:
    """Why a gold fact is not predicted with its exact key."""
    cands = [_cand_fact(doc, relation, c) for c in getattr(doc, relation)]
    same = [p for p in pred if p["kind"] == g["kind"] and _who(relation, p) == _who(relation, g)]
    if same:
        return "date dropped" if any(p["date"] is None for p in same) and g["date"] else "date wrong"
    if not any(c["kind"] == g["kind"] for c in cands):
        other = any(_who(relation, c) == _who(relation, g) for c in cands)
        return "kind: only other kinds name it" if other else "no trigger of its kind"
    if not any(c["kind"] == g["kind"] and _who(relation, c) == _who(relation, g) for c in cands):
        return "wrong parties in every candidate" if relation == "agreements" else "wrong ordinal in every candidate"
    return "rejected or lost in merge"


def spurious(relation: str, p: dict, gold: list[dict]) -> str:
    """Why a predicted fact is not in the gold."""
    if any(g["kind"] == p["kind"] and _who(relation, g) == _who(relation, p) for g in gold):
        return "date wrong" if p["date"] else "date dropped"
    if any(_who(relation, g) == _who(relation, p) and _same_date(g["date"], p["date"]) for g in gold):
        return "wrong kind"
    if any(g["kind"] == p["kind"] for g in gold):
        return "wrong parties" if relation == "agreements" else "wrong ordinal"
    return "spurious (no gold fact of its kind)"


def report(docs: list[Doc], verbose: bool) -> None:
    judges = {name: model(name) for name in ("agreements", "agreements_dates", "events", "events_dates")}
    for relation in RELATIONS:
        fn, fp = Counter(), Counter()
        for doc in docs:
            pred = predict(doc, judges)[relation]
            gold = doc.gold[relation]
            keys = {_key(relation, p) for p in pred}
            gkeys = {_key(relation, g) for g in gold}
            for g in gold:
                if _key(relation, g) not in keys:
                    why = missed(doc, relation, g, pred)
                    fn[why] += 1
                    if verbose:
                        print(f"  FN {doc.gold['doc']}: {_key(relation, g)} — {why}")
            for p in pred:
                if _key(relation, p) not in gkeys:
                    why = spurious(relation, p, gold)
                    fp[why] += 1
                    if verbose:
                        print(f"  FP {doc.gold['doc']}: {_key(relation, p)} — {why}")
        total = sum(len(d.gold[relation]) for d in docs)
        print(f"{relation}: {total} gold facts, {sum(fn.values())} missed, {sum(fp.values())} false")
        for title, counts in (("missed", fn), ("false", fp)):
            for why, n in counts.most_common():
                print(f"  {title:6} {n:3}  {why}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("shared", nargs="?", default="../shared", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="list each case with its document")
    args = ap.parse_args()
    report(collect(processed(args.shared), model("agreements"), model("agreements_dates")), args.verbose)


if __name__ == "__main__":
    main()
