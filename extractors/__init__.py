"""Fact extractors. Importing this package registers the built-ins; `RUN_ORDER` says in which
order they run.

Entity extractors come first (countries, organizations, dates and the years of yearless dates,
money, counts); relation extractors after them read what those found (tables, agreements, events).
"""

from extractors.entities import (  # noqa: F401  (imported for their registrations, in this order)
    countries,
    organizations,
    dates,
    date_years,
    money,
    counts,
)
from extractors.relations import (  # noqa: F401  (imported for their registrations, in this order)
    tables,
    agreements,
    events,
)
from extractors.base import REGISTRY, Context, ExtractorSpec, RegistryError, Segment, extractor

RUN_ORDER = (
    "countries", "organizations", "dates", "date_years", "money", "counts", "tables", "agreements", "events",
)


def in_run_order() -> list[ExtractorSpec]:
    """The registered extractors, the built-ins in `RUN_ORDER`, any others after them as registered."""
    rest = [name for name in REGISTRY if name not in RUN_ORDER]
    return [REGISTRY[name] for name in (*RUN_ORDER, *rest)]


__all__ = ["REGISTRY", "RUN_ORDER", "Context", "ExtractorSpec", "RegistryError", "Segment", "extractor",
           "in_run_order"]
