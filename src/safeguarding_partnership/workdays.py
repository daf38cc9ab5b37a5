"""Working days in England: weekdays that are not bank holidays in England.

Bank holidays come from the ``holidays`` package (``country_holidays("GB", subdiv="ENG")``), with
substitute days when a holiday falls at a weekend, and one-off days such as the State
Funeral of Queen Elizabeth II (2022-09-19).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

__all__ = ["add_working_days", "bank_holidays", "is_working_day", "working_days_between"]

_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """The bank holidays in England in ``year``."""
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
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
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The number of working days after ``start`` up to and including ``end``.

    When ``end`` is before ``start`` the result is negative: minus the number of working
    days from ``end`` (included) up to ``start`` (excluded). So
    ``working_days_between(start, add_working_days(start, n)) == n`` for every ``n``.
    """
    if end >= start:
        first, last, sign = start + _ONE_DAY, end, 1
    else:
        first, last, sign = end, start - _ONE_DAY, -1
    count = 0
    day = first
    while day <= last:
        if is_working_day(day):
            count += 1
        day += _ONE_DAY
    return sign * count
