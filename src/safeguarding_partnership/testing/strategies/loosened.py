"""The arrangements strategy: compliant arrangements, or loosened ones with recorded facts
blanked to unknown and perhaps one duty broken by a registered mutation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st

from safeguarding_partnership.law import Regime
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.testing import mutations
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.strategies.compliant import compliant_arrangements
from safeguarding_partnership.testing.strategies.days import DEFAULT_AS_OF, chosen_regime

__all__ = ["arrangements"]


def arrangements(
    *,
    regime: Regime | str | None = None,
    as_of: dt.date | None = None,
    compliant: bool = True,
    areas: int | tuple[int, int] = (1, 3),
    plugins: Sequence[str] = (),
    not_commenced: bool = False,
) -> st.SearchStrategy[Arrangement]:
    """Whole arrangements of one area or several real areas, with their real partners.

    ``regime`` is ``"WT2018"`` or ``"WT2023"`` (by default the one in force on ``as_of``);
    ``as_of`` defaults to :data:`DEFAULT_AS_OF` for the regime. ``areas`` is a number of
    areas or a ``(min, max)`` range. ``plugins`` are named in the arrangement's ``plugins``.

    With ``compliant=True`` no core rule in force on ``as_of`` gives an error or warning
    finding. With ``compliant=False`` some recorded facts are blanked to unknown, which can
    give "not recorded" findings, and one duty may be broken. With ``not_commenced=True`` the
    arrangements also meet the duties of law not yet commenced (LATER-001, LATER-002), so
    that they give no finding at all from the core rules in force, information included,
    even with those rules commenced: they record a multi-agency child protection team and,
    in ``settings.core.LATER-001``, the category of their agency from education as the one
    designated.

    The arrangements take effect between 1 January and 29 September 2019 (PUB-002), so their
    areas are those that existed both then and on ``as_of``: authorities created later
    or recoded later (Buckinghamshire, the Northamptonshire unitaries, Cumberland, Westmorland
    and Furness, North Yorkshire, Somerset, and Barnsley and Sheffield under their 2025
    codes) do not appear in arrangements checked after the change.

    Shrinks towards one area (Hartlepool), arrangements taking effect on 1 January 2019, no
    thematic groups, no notifications and yearly reports every 180 days.
    """
    base = compliant_arrangements(
        regime=regime, as_of=as_of, areas=areas, plugins=plugins, not_commenced=not_commenced
    )
    if compliant:
        return base
    day = as_of or DEFAULT_AS_OF[chosen_regime(regime, as_of)]
    return base.flatmap(lambda arrangement: _loosened(arrangement, day))


_BLANKABLE = (
    "published",
    "published_url",
    "first_published",
    "partners",
    "relevant_agencies",
    "groups",
    "chair",
    "independent_scrutiny",
    "contents",
    "documents",
    "sign_offs",
    "yearly_reports",
    "child_death_review",
    "funding",
)


def _loosened(arrangement: Arrangement, as_of: dt.date) -> st.SearchStrategy[Arrangement]:
    """Some recorded facts blanked to unknown, and perhaps one duty broken."""
    registered = mutations.registered()

    def mutate(fields: list[str], code: str | None) -> Arrangement:
        changed = evolve(arrangement, **dict.fromkeys(fields))
        if changed.groups is None and changed.child_death_review is not None:
            # the panel is a group: an unknown structure leaves it unknown too
            changed = evolve(
                changed, child_death_review=evolve(changed.child_death_review, panel=None)
            )
        if code is None:
            return changed
        return registered[code].function(changed, as_of) or changed

    codes = sorted(registered)
    return st.builds(
        mutate,
        st.lists(st.sampled_from(_BLANKABLE), unique=True),
        st.none() | (st.sampled_from(codes) if codes else st.none()),
    )
