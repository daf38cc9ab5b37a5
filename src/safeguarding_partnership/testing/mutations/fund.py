"""FUND: break the duties on funding."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("FUND-001", regimes=("WT2018",))
def _partner_gives_nothing(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A partner gives nothing in the current financial year."""
    funding = list(arr.funding or ())
    if not funding:
        return None
    last = funding[-1]
    funding[-1] = evolve(last, amount=0, in_kind=None, share=None)
    return evolve(arr, funding=tuple(funding))


@mutation("FUND-002", regimes=("WT2023",), also=("PUB-015",), from_day=dt.date(2024, 4, 1))
def _no_budget_sign_off(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """No budget is signed off for the financial years of WT2023."""
    if as_of < dt.date(2024, 4, 1):
        return None
    kept = tuple(s for s in arr.sign_offs or () if s.document != "budget")
    return evolve(arr, sign_offs=kept)


mutation("FUND-003", _partner_gives_nothing, regimes=("WT2023",))
