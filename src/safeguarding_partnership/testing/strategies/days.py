"""The days arrangements are generated for: the as-of window, each edition's default day and
the regime an arrangement follows."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from safeguarding_partnership.law import Regime, regime_for

__all__ = ["DEFAULT_AS_OF", "as_of_dates", "first_and_last_as_of"]

DEFAULT_AS_OF: dict[Regime, dt.date] = {
    Regime.WT2018: dt.date(2022, 3, 31),
    Regime.WT2023: dt.date(2025, 3, 31),
}
"""The day arrangements are made compliant on when no ``as_of`` is given, per edition."""

EARLIEST_AS_OF = dt.date(2019, 7, 1)
"""The first day after every area had to publish its arrangements (PUB-002)."""
LATEST_AS_OF = dt.date(2026, 6, 30)
"""The last day the packaged reference data was checked against (statutory-rules.md)."""
FIRST_START = dt.date(2019, 1, 1)
"""The earliest day generated arrangements take effect."""


def chosen_regime(regime: Regime | str | None, as_of: dt.date | None) -> Regime:
    """The edition of Working Together asked for, or the one in force on ``as_of``."""
    if isinstance(regime, str):
        regime = Regime[regime]
    if regime is None:
        if as_of is None:
            return Regime.WT2023
        return regime_for(as_of) or Regime.WT2018
    if regime not in DEFAULT_AS_OF:
        raise ValueError(f"regime must be WT2018 or WT2023, not {regime.name}")
    return regime


def first_and_last_as_of() -> tuple[dt.date, dt.date]:
    """The first and last day arrangements can be generated for."""
    return EARLIEST_AS_OF, LATEST_AS_OF


def as_of_dates(regime: Regime | str | None = None) -> st.SearchStrategy[dt.date]:
    """Days to check as of, while the regime applies and the reference data holds.

    Shrinks towards the regime's first day (1 July 2019, after every area had to publish its
    arrangements, for WT2018 or no regime; 15 December 2023 for WT2023).
    """
    if regime is None:
        return st.dates(EARLIEST_AS_OF, LATEST_AS_OF)
    chosen = chosen_regime(regime, None)
    start = max(EARLIEST_AS_OF, chosen.start or EARLIEST_AS_OF)
    end = min(LATEST_AS_OF, chosen.end or LATEST_AS_OF)
    return st.dates(start, end)


def financial_years(since: dt.date, as_of: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """Label, first and last day of each financial year from ``since`` to ``as_of``."""

    def start_of(day: dt.date) -> int:
        return day.year if day.month >= 4 else day.year - 1

    return [
        (f"{year}-{(year + 1) % 100:02d}", dt.date(year, 4, 1), dt.date(year + 1, 3, 31))
        for year in range(start_of(since), start_of(as_of) + 1)
    ]
