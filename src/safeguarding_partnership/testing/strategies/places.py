"""Real upper-tier local authority areas of England, from the packaged reference data."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from safeguarding_partnership import reference
from safeguarding_partnership.law import Regime
from safeguarding_partnership.model import Area
from safeguarding_partnership.testing.strategies.days import DEFAULT_AS_OF

__all__ = ["areas"]


def areas(on: dt.date | None = None) -> st.SearchStrategy[Area]:
    """A real upper-tier local authority area of England that existed on ``on``.

    ``on`` defaults to :data:`DEFAULT_AS_OF` for WT2023. Shrinks towards the lowest ONS code
    (E06000001, Hartlepool).
    """
    day = on or DEFAULT_AS_OF[Regime.WT2023]
    found = reference.upper_tier_areas_on(day)
    if not found:
        raise ValueError(f"no upper-tier areas are recorded on {day}")
    return st.sampled_from(found).map(lambda la: Area(code=la.code, name=la.name))
