"""LATER: break the duties of the Children's Wellbeing and Schools Act 2026 ss.2-3, law not yet
commenced: their findings appear only with the law commenced (a commencement date, or
``--include-not-commenced``)."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership import reference
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("LATER-001")
def _designated_category_missing(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A category is designated (``settings.core.LATER-001``) of which the arrangements name
    no relevant agency."""
    present = {a.category for a in arr.relevant_agencies or () if a.in_force(as_of)}
    absent = next((c for c in reference.schedule() if c not in present), None)
    if absent is None:
        return None
    settings = dict(arr.settings or {})
    core = dict(settings.get("core") or {})
    core["LATER-001"] = {**core.get("LATER-001", {}), "designated_categories": [absent]}
    return evolve(arr, settings={**settings, "core": core})


@mutation("LATER-002")
def _no_child_protection_team(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements set up no multi-agency child protection team."""
    return evolve(arr, macpts=())
