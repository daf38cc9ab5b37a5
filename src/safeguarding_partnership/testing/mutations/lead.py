"""LEAD: break the duties on lead and delegated safeguarding partners and the chair."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.model import Arrangement, ChairingModel, Post
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._edits import partners_in_force, replace_at
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("LEAD-001", regimes=("WT2018",))
def _lead_of_another_body(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A partner's lead representative is a post in another organisation."""
    current = partners_in_force(arr, as_of)
    if len(current) < 2:
        return None
    (i, first), (_, second) = current[0], current[1]
    if first.lead is None:
        return None
    changed = evolve(first, lead=evolve(first.lead, organisation=second.organisation))
    return evolve(arr, partners=replace_at(arr.partners or (), i, changed))


@mutation("LEAD-002", regimes=("WT2023",))
def _lead_not_the_head(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A lead safeguarding partner is not the head of the agency."""
    for i, p in partners_in_force(arr, as_of):
        if p.lead is not None:
            changed = evolve(p, lead=evolve(p.lead, title="Head of Service"))
            return evolve(arr, partners=replace_at(arr.partners or (), i, changed))
    return None


@mutation("LEAD-004", regimes=("WT2023",))
def _two_delegates(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A lead safeguarding partner appoints two delegated safeguarding partners."""
    for i, p in partners_in_force(arr, as_of):
        extra = Post(title="Deputy Director", organisation=p.organisation, name="Jo Bloggs")
        changed = evolve(p, delegates=(*(p.delegates or ()), extra))
        return evolve(arr, partners=replace_at(arr.partners or (), i, changed))
    return None


@mutation("LEAD-005", regimes=("WT2023",))
def _independent_chair(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The partnership chair is an independent person, not a delegated partner."""
    if arr.chair is None:
        return None
    return evolve(
        arr,
        chair=evolve(
            arr.chair, model=ChairingModel.INDEPENDENT, posts=(Post(title="Independent Chair"),)
        ),
    )
