"""FORMAT.md's scoring: per document and field, sets of keys; micro P/R/F1 over documents.

Keys: countries iso3 · dates value · counts (value, unit, subject) · money (value to 3
significant digits, currency) · organizations id (null ids not scored) · agreements
(kind, parties, date) with (kind, parties) beside it · events (kind, ordinal, date) with
(kind, date) beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

Key = tuple


def _sig3(value: float) -> float:
    return float(f"{float(value):.3g}")


KEYS: dict[str, Callable[[dict[str, Any]], Key | None]] = {
    "countries": lambda e: (e["iso3"],),
    "dates": lambda e: (e["value"],),
    "counts": lambda e: (float(e["value"]), e["unit"], e.get("subject")),
    "money": lambda e: (_sig3(e["value"]), e["currency"]),
    "organizations": lambda e: (e["id"],) if e.get("id") else None,
    "agreements": lambda e: (e["kind"], tuple(sorted(e.get("parties") or ())), e.get("date")),
    "agreements (kind, parties)": lambda e: (e["kind"], tuple(sorted(e.get("parties") or ()))),
    "events": lambda e: (e["kind"], e.get("ordinal"), e.get("date")),
    "events (kind, date)": lambda e: (e["kind"], e.get("date")),
}
SOURCE_FIELD = {name: name.split(" ")[0] for name in KEYS}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[tuple[str, Key]] = field(default_factory=list)
    spurious: list[tuple[str, Key]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def keys_of(line: dict[str, Any], name: str) -> set[Key]:
    """The set of scoring keys of one field (or secondary key) in one facts line."""
    make = KEYS[name]
    return {k for e in line.get(SOURCE_FIELD[name]) or [] if (k := make(e)) is not None}


def match_docs(pred: list[dict], gold: list[dict]) -> dict[str, dict]:
    """Gold doc -> predicted line. Exact names first, else a unique path-suffix match
    (an export of a parent folder names `seeds/x.txt` where the gold says `x.txt`)."""
    by_name = {p["doc"]: p for p in pred}
    out = {}
    for g in gold:
        doc = g["doc"]
        if doc in by_name:
            out[doc] = by_name[doc]
            continue
        parts = PurePosixPath(doc).parts
        hits = [p for name, p in by_name.items() if PurePosixPath(name).parts[-len(parts):] == parts]
        if len(hits) == 1:
            out[doc] = hits[0]
    return out


def score(pred: list[dict], gold: list[dict]) -> dict[str, Tally]:
    """Micro-averaged tallies per field over the gold documents."""
    matched = match_docs(pred, gold)
    tallies = {name: Tally() for name in KEYS}
    for g in gold:
        p = matched.get(g["doc"], {})
        for name, t in tallies.items():
            gk, pk = keys_of(g, name), keys_of(p, name)
            t.tp += len(gk & pk)
            t.fp += len(pk - gk)
            t.fn += len(gk - pk)
            t.missed += [(g["doc"], k) for k in sorted(gk - pk, key=repr)]
            t.spurious += [(g["doc"], k) for k in sorted(pk - gk, key=repr)]
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    """A plain-text table of P/R/F1 per field."""
    rows = [f"{'field':28} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for name, t in tallies.items():
        rows.append(f"{name:28} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} "
                    f"{t.tp:5d} {t.fp:5d} {t.fn:5d}")
    return "\n".join(rows)


def as_json(tallies: dict[str, Tally]) -> dict[str, dict[str, float]]:
    return {name: {"precision": round(t.precision, 4), "recall": round(t.recall, 4),
                   "f1": round(t.f1, 4), "tp": t.tp, "fp": t.fp, "fn": t.fn}
            for name, t in tallies.items()}
