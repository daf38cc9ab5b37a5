"""PUB: break the duties on what the published arrangements contain."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.law import FIRST_PUBLICATION_DEADLINE, WT2023_REVISION_DEADLINE
from safeguarding_partnership.model import Arrangement, GuidanceEdition, PartnerRole
from safeguarding_partnership.rules.core.pub import CONTENTS_ITEMS
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._edits import (
    LATE,
    partners_in_force,
    replace_at,
    without_item,
)
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []


@mutation("PUB-003")
def _no_serious_case_review_section(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements do not say how serious cases are identified and reviewed."""
    return without_item("serious_case_review")(arr, as_of)


_ALSO = {"PUB-006": ("RA-004",), "PUB-007": ("EDU-001",)}
"""Rules that may fire with a contents mutation: they check the same recorded fact."""
for _code, _field, _, _ in CONTENTS_ITEMS:
    mutation(_code, without_item(_field), regimes=("WT2018",), also=_ALSO.get(_code, ()))
mutation("PUB-018", without_item("education"), regimes=("WT2023",))


@mutation("PUB-001", also=("PUB-002", "PUB-017"), from_day=LATE)
def _published_late(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements in effect were published only after ``as_of``."""
    if as_of <= FIRST_PUBLICATION_DEADLINE:
        return None
    return evolve(arr, first_published=None, published=as_of + dt.timedelta(days=30))


@mutation("PUB-015", regimes=("WT2023",))
def _sign_off_without_police(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The sign-off of the arrangements lacks the police lead safeguarding partner."""
    police = {
        p.organisation for p in arr.partners or () if p.role is PartnerRole.CHIEF_OFFICER_OF_POLICE
    }
    sign_offs = list(arr.sign_offs or ())
    for i, s in enumerate(sign_offs):
        if s.document == "arrangements" and s.by:
            sign_offs[i] = evolve(s, by=tuple(b for b in s.by if b not in police))
            return evolve(arr, sign_offs=tuple(sign_offs))
    return None


@mutation("PUB-016", regimes=("WT2023",), also=("LEAD-004", "LEAD-005"))
def _no_delegate(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A partner names no delegated safeguarding partner."""
    for i, p in partners_in_force(arr, as_of):
        changed = evolve(p, delegates=())
        return evolve(arr, partners=replace_at(arr.partners or (), i, changed))
    return None


@mutation("PUB-002", regimes=("WT2018",), from_day=LATE)
def _first_published_late(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements were first published after 29 June 2019."""
    late = LATE
    if as_of < late:
        return None
    return evolve(arr, first_published=late, published=max(late, arr.published or late))


@mutation("PUB-017", regimes=("WT2023",), from_day=WT2023_REVISION_DEADLINE + dt.timedelta(days=1))
def _still_wt2018(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """After the WT2023 revision deadline the arrangements still follow WT2018."""
    if as_of <= WT2023_REVISION_DEADLINE:
        return None
    return evolve(arr, guidance_edition=GuidanceEdition.WT2018)
