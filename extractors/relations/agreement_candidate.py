"""An agreement candidate: an instrument mention with the arguments the rules found for it
(extractors.relations.agreements finds them, extractors.relations.agreement_merge folds them per document)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.relations.discourse import Span
from extractors.relations.relation_model import Features


@dataclass(slots=True)
class Candidate:
    """An instrument mention with the arguments found so far."""

    unit: int
    span: Span
    kind: str
    parties: tuple[str, ...] = ()
    date: str | None = None
    strong: bool = False  # the date was tied to it in its own sentence
    place: str | None = None
    org_level: bool = False
    local: bool = True  # the parties are named in its own sentence
    noun: str = ""  # the instrument word as written, folded
    fresh: bool = False  # introduced as a new instrument ("a MoU", "4度目の覚書", "một bản ghi nhớ")
    verb: Span | None = None  # its signing verb in its sentence
    anaphoric: bool = False  # "Thông tư này", "this decree", "本省令": the act the document names, named again
    number: int | None = None  # a legal act's number ("Nghị định 119/2025/NĐ-CP" → 119)
    memo: tuple[str, str] | None = None  # a memorandum's kinds with and without Japan's government as a side
    features: Features = field(default_factory=dict)  # what the model decides on
