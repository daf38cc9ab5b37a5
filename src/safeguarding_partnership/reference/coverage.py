"""Which health and police bodies cover each local authority area on a given day (s16E)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType

from safeguarding_partnership.law import CCG_TO_ICB, STATUTE_START
from safeguarding_partnership.reference._files import optional_date, read_csv
from safeguarding_partnership.reference.bodies import (
    HealthBody,
    PoliceForce,
    ccgs,
    icbs,
    police_forces,
)

__all__ = [
    "CCG_ERA_END",
    "COVERAGE_START",
    "ICB_ERA_START",
    "coverage_known",
    "health_partners_for",
    "police_forces_for",
]

COVERAGE_START = STATUTE_START
"""First day the reference data covers: Children Act 2004 s16E in force in full."""
CCG_ERA_END = CCG_TO_ICB - dt.timedelta(days=1)
"""Last day on which clinical commissioning groups were safeguarding partners."""
ICB_ERA_START = CCG_TO_ICB
"""First day on which integrated care boards were safeguarding partners."""

_Period = tuple[dt.date | None, dt.date | None, str]


def _in(period: _Period, day: dt.date) -> bool:
    start, end, _ = period
    return (start is None or start <= day) and (end is None or day <= end)


def _index(name: str, column: str) -> Mapping[str, tuple[_Period, ...]]:
    periods: dict[str, list[_Period]] = {}
    for row in read_csv(name):
        if row[column]:
            periods.setdefault(row["la_code"], []).append(
                (optional_date(row["valid_from"]), optional_date(row["valid_to"]), row[column])
            )
    return MappingProxyType({la: tuple(rows) for la, rows in periods.items()})


@cache
def _icb_periods() -> Mapping[str, tuple[_Period, ...]]:
    return _index("la-coverage.csv", "icb_ons_code")


@cache
def _ccg_periods() -> Mapping[str, tuple[_Period, ...]]:
    return _index("la-ccg-coverage.csv", "ccg_ons_code")


@cache
def _police_periods() -> Mapping[str, tuple[_Period, ...]]:
    return _index("la-coverage.csv", "police_ons_code")


def coverage_known(day: dt.date) -> bool:
    """Whether the reference data records health and police partners on ``day``."""
    return day >= COVERAGE_START


@lru_cache(maxsize=8192)
def health_partners_for(la_code: str, day: dt.date) -> tuple[HealthBody, ...]:
    """The health bodies that are safeguarding partners for the area on ``day``.

    The ICBs any part of whose area lies in the local authority area from 2022-07-01, the
    CCGs from 2018-06-29 to 2022-06-30. Empty when the data does not cover ``day`` or the
    authority did not exist then. Sorted by ONS code.
    """
    if not coverage_known(day):
        return ()
    if day >= ICB_ERA_START:
        periods, bodies = _icb_periods(), icbs()
    else:
        periods, bodies = _ccg_periods(), ccgs()
    codes = {period[2] for period in periods.get(la_code, ()) if _in(period, day)}
    return tuple(bodies[code] for code in sorted(codes))


@lru_cache(maxsize=8192)
def police_forces_for(la_code: str, day: dt.date) -> tuple[PoliceForce, ...]:
    """The police force areas any part of which lies in the area on ``day``, sorted by code.

    Empty when the data does not cover ``day`` or the authority did not exist then.
    """
    if not coverage_known(day):
        return ()
    forces = police_forces()
    codes = {period[2] for period in _police_periods().get(la_code, ()) if _in(period, day)}
    return tuple(forces[code] for code in sorted(codes))
