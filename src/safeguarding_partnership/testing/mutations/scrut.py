"""SCRUT: break the duties on independent scrutiny."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.law import WT2023_REVISION_DEADLINE
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("SCRUT-001")
def _scrutiny_not_independent(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The scrutineer is recorded as not independent of the partners."""
    if arr.independent_scrutiny is None:
        return None
    return evolve(
        arr, independent_scrutiny=evolve(arr.independent_scrutiny, independent_of_partners=False)
    )


@mutation(
    "SCRUT-004",
    regimes=("WT2023",),
    also=("PUB-015",),
    from_day=WT2023_REVISION_DEADLINE + dt.timedelta(days=1),
)
def _scrutiny_plan_not_signed(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements (with the scrutiny plans) were never signed off."""
    kept = tuple(s for s in arr.sign_offs or () if s.document != "arrangements")
    return evolve(arr, sign_offs=kept)
