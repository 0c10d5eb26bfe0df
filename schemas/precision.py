"""Dates at the precision their source gives them (2013, 2013-07, 2013-07-02, a yearless
--07-02): whether two can name the same day, which says more, and how many days lie between them.
Resolution compares sources by these; the plots order dates by them."""

from __future__ import annotations

from datetime import date, timedelta


def _parts(value: str) -> tuple[str | None, str | None, str | None]:
    """(year, month, day) of an ISO value cut to precision, or of a yearless "--MM-DD"."""
    if value.startswith("--"):
        return None, value[2:4], value[5:7]
    year, month, day = (value.split("-") + [None, None])[:3]
    return year, month, day


def compatible(a: str | None, b: str | None) -> bool:
    """True when two dates can name the same day: every part both give is equal."""
    if not a or not b:
        return True
    return all(x is None or y is None or x == y for x, y in zip(_parts(a), _parts(b)))


def precision(value: str | None) -> int:
    """3 day, 2 month, 1 year or yearless day, 0 none: the order in which sources are placed."""
    if not value:
        return 0
    year, month, day = _parts(value)
    return 1 if year is None else 1 + (month is not None) + (day is not None)


def refines(a: str, b: str) -> bool:
    """True when `a` says everything `b` says and more (2013-07-02 refines 2013-07)."""
    pa, pb = _parts(a), _parts(b)
    return a != b and compatible(a, b) and all(x is not None for x, y in zip(pa, pb) if y is not None)


def _interval(value: str) -> tuple[date, date] | None:
    """First and last day a dated value covers; None for a yearless or invalid value."""
    year, month, day = _parts(value)
    try:
        if year is None:
            return None
        if day:
            d = date(int(year), int(month), int(day))
            return d, d
        if month:
            lo = date(int(year), int(month), 1)
            return lo, (lo + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


def gap_days(a: str, b: str) -> int | None:
    """Days between two dated values (0 when they overlap); None if either has no year."""
    ia, ib = _interval(a), _interval(b)
    if not ia or not ib:
        return None
    return max(0, (ib[0] - ia[1]).days, (ia[0] - ib[1]).days)
