"""Fact extractors. Importing this package registers the built-ins, in run order.

Entity extractors come first (countries, organizations, dates, money, counts); relation
extractors after them read what those found (tables, agreements, events).
"""

from extractors import (  # noqa: F401  (imported for their registrations, in this order)
    countries,
    organizations,
    dates,
    money,
    counts,
    tables,
    agreements,
    events,
)
from extractors.base import REGISTRY, Context, ExtractorSpec, RegistryError, Segment, extractor

__all__ = ["REGISTRY", "Context", "ExtractorSpec", "RegistryError", "Segment", "extractor"]
