"""RA: break the duties on relevant agencies."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("RA-001")
def _agency_in_no_area(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A relevant agency works with children in none of the areas."""
    agencies = arr.relevant_agencies or ()
    if not agencies:
        return None
    return evolve(arr, relevant_agencies=(evolve(agencies[-1], areas=()), *agencies[:-1]))


@mutation("RA-004", regimes=("WT2018",))
def _agency_without_reason(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A relevant agency has no reason recorded for being chosen (recorded as empty)."""
    agencies = arr.relevant_agencies or ()
    if not agencies:
        return None
    return evolve(arr, relevant_agencies=(evolve(agencies[0], reason=""), *agencies[1:]))
