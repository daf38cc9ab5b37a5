"""Working days in England: weekdays that are not bank holidays in England.

Bank holidays come from the ``holidays`` package (its United Kingdom calendar, subdivision
England: ``country_holidays("GB", subdiv="ENG")``), with substitute days when a holiday falls
at a weekend, and one-off days such as the State Funeral of Queen Elizabeth II (2022-09-19).

The package is imported when a working day is first asked about, not with this module, and
only its United Kingdom calendar: ``holidays.countries`` imports the calendar of every
country (about 250 modules) when any one of them is used.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "add_working_days",
    "bank_holidays",
    "is_working_day",
    "weekdays_between",
    "working_days_between",
]

_ONE_DAY = dt.timedelta(days=1)
_UK = "holidays.countries.united_kingdom"


@cache
def _united_kingdom() -> Any:
    """The ``holidays`` package's United Kingdom calendar class, imported on its own."""
    import holidays

    module = sys.modules.get(_UK)
    if module is None:
        path = Path(holidays.__file__).parent / "countries" / "united_kingdom.py"
        spec = importlib.util.spec_from_file_location(f"_sp_{_UK.replace('.', '_')}", path)
        if spec is None or spec.loader is None or not path.is_file():  # pragma: no cover
            return holidays.country_holidays("GB").__class__  # another layout: the usual way
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module.UnitedKingdom


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """The bank holidays in England in ``year``."""
    calendar = _united_kingdom()(subdiv="ENG", years=year)
    return frozenset(day for day in calendar if day.year == year)


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day in England: Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` (before it, if ``n`` is negative).

    ``start`` itself is not counted, so ``add_working_days(start, 0)`` is ``start``.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day = start
    remaining = abs(n)
    year, holidays = 0, frozenset[dt.date]()
    while remaining:
        day += step
        if day.year != year:  # is_working_day, with the year's holidays looked up once
            year, holidays = day.year, bank_holidays(day.year)
        if day.weekday() < 5 and day not in holidays:
            remaining -= 1
    return day


def _span(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date, int]:
    """The days counted between ``start`` and ``end`` (first, last) and the sign."""
    if end >= start:
        return start + _ONE_DAY, end, 1
    return end, start - _ONE_DAY, -1


def _weekdays(first: dt.date, last: dt.date) -> int:
    if last < first:
        return 0
    weeks, rest = divmod((last - first).days + 1, 7)
    return 5 * weeks + sum(
        1 for i in range(rest) if (first + dt.timedelta(days=i)).weekday() < 5
    )  # whole weeks have five; count the days left over one by one


def weekdays_between(start: dt.date, end: dt.date) -> int:
    """As :func:`working_days_between`, with bank holidays counted as working days, so
    without the bank holiday calendar: never less than it when ``end`` is on or after
    ``start`` (a rule that only asks "more than N working days?" needs the calendar only
    when this says more than N)."""
    first, last, sign = _span(start, end)
    return sign * _weekdays(first, last)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The number of working days after ``start`` up to and including ``end``.

    When ``end`` is before ``start`` the result is negative: minus the number of working
    days from ``end`` (included) up to ``start`` (excluded). So
    ``working_days_between(start, add_working_days(start, n)) == n`` for every ``n``.
    """
    first, last, sign = _span(start, end)
    if last < first:
        return 0
    holidays = sum(
        1
        for year in range(first.year, last.year + 1)
        for day in bank_holidays(year)
        if first <= day <= last and day.weekday() < 5
    )
    return sign * (_weekdays(first, last) - holidays)
