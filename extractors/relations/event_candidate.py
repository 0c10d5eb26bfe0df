"""An event candidate: a meeting mention with the arguments the rules found for it
(extractors.relations.events finds them, extractors.relations.event_dates dates them, extractors.relations.event_merge folds them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.relations.discourse import Span
from extractors.relations.relation_model import Features
from schemas.records import DateMention


@dataclass(slots=True)
class Candidate:
    """A meeting mention with its arguments."""

    unit: int
    span: Span
    kind: str
    ordinal: int | None = None
    name: str = ""  # a session name such as COP26, or a quoted title
    head: bool = False  # a dependent event (準備会合, launch)
    generic: bool = False  # a generic meeting noun (hội nghị, conference), which yields to a named body
    evident: bool = False  # a dated mention says it happened (a ceremony, a visit, talks)
    main: bool = False  # the sentence reports it: a holding word in its clause, or it is the object
    date: str | None = None
    strong: bool = False  # the date is its own sentence's (not the context's)
    tied: bool = False  # the date is written in its own clause
    place: str | None = None
    refers: bool = False  # a noun that only refers back to an event (会議は, the meeting)
    anaphor: bool = False  # a definite mention ("the conference", "同会議") of an event named before
    host: bool = False  # the event another one is held during ("on the sidelines of COP30")
    taken: DateMention | None = None  # a host's own date, which the event held during it does not take
    elliptic: bool = False  # an ordinal whose meeting noun is named once before ("and the second in 2024")
    series: tuple[int, ...] = ()  # coordinated ordinals of a plural head ("the first and second meetings")
    predicate: Span | None = None  # the predicate clause of a topic- or subject-marked mention (…合同委員会は、<…に開催され>)
    stated: str | None = None  # the date its own relative clause states ("COP30, which opened on November 10")
    sure: float = 0.0  # how sure the date model is of the date it gives (the surest mention dates a merged event)
    features: Features = field(default_factory=dict)  # what the model decides on
