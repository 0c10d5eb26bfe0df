"""The learned decisions of the relation extractors: a logistic model over named features.

A model is a small JSON file under `extractors/relations/models/` (feature names, coefficients, an
intercept and a threshold) that `make train` writes from the gold sets (pipeline.relation_training).
Scoring it needs nothing but arithmetic, so ingesting never imports a learning library, and the
pipeline version (a hash of the extraction code and data) changes when a model does.

    model("agreements").accepts({"kind=moc": 1, "verb": 1, "irrealis": 0}) → True / False
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODELS = Path(__file__).parent / "models"

Features = dict[str, float]


@dataclass(frozen=True, slots=True)
class Model:
    """Weights by feature name; a feature the model never saw weighs nothing."""

    weights: dict[str, float]
    intercept: float
    threshold: float = 0.5

    def probability(self, features: Features) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def accepts(self, features: Features) -> bool:
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict:
        return {"intercept": self.intercept, "threshold": self.threshold,
                "weights": dict(sorted(self.weights.items()))}


@cache
def model(name: str) -> Model:
    """The committed model of one decision (agreements, events)."""
    data = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
    return Model(data["weights"], data["intercept"], data["threshold"])


def bucket(name: str, value: int, top: int) -> Features:
    """A small count as a one-hot feature, values from `top` up sharing one: parties=2, parties=3+."""
    return {f"{name}={value}" if value < top else f"{name}={top}+": 1.0}
