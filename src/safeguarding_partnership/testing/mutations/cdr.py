"""CDR: break the duties on child death review."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._edits import AFTER_FIRST_REPORT
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("CDR-004", from_day=AFTER_FIRST_REPORT)
def _cdr_report_overdue(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The partners choose a yearly child death review report, and none has been published."""
    cdr = arr.child_death_review
    since = arr.valid_from
    if cdr is None or since is None or (as_of - since).days <= 400:
        return None
    settings = dict(arr.settings or {})
    core = {**(settings.get("core") or {}), "CDR-004": {"interval_months": 12}}
    settings["core"] = core
    return evolve(arr, settings=settings, child_death_review=evolve(cdr, reports=()))


@mutation("CDR-007")
def _small_cdop(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The child death overview panel reviews far fewer than 60 deaths a year."""
    cdr = arr.child_death_review
    if cdr is None:
        return None
    return evolve(arr, child_death_review=evolve(cdr, deaths_per_year=12))
