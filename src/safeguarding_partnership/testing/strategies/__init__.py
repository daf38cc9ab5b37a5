"""Hypothesis strategies for arrangements built from England's real reference data.

Every strategy is written by hand (``st.builds`` on the constrained pydantic models makes
invalid values), uses the packaged reference data (real upper-tier areas, the councils,
integrated care boards, clinical commissioning groups and chief officers of police that are
the safeguarding partners on a day, and the Schedule of relevant agencies), and says what it
shrinks towards.

:func:`arrangements` with ``compliant=True`` gives whole arrangements with no error or warning
finding from the core rules in force on ``as_of``; the property suite checks that promise
against :func:`~safeguarding_partnership.rules.core.core_rules`. :func:`compliant_arrangement`
gives, without hypothesis, the one it shrinks towards, for the areas and day asked for: the
example tests start from it. Both come from one builder (``compliant.build_compliant``), whose
every choice is either drawn or fixed at the simplest (``_choices``).

The modules, lowest first: ``days`` (the as-of window), ``places`` (areas), ``agencies``
(organisations and relevant agencies), ``partner_bodies`` (the real partners over time),
``meetings`` (groups), ``reports`` (yearly reports), ``reviews`` (notifications and reviews),
``compliant`` (the one compliant builder) and ``loosened`` (:func:`arrangements`, which may
blank facts and break a duty with a :mod:`~safeguarding_partnership.testing.mutations`
mutation).
"""

from __future__ import annotations

from safeguarding_partnership.testing.strategies.agencies import organisations, relevant_agencies
from safeguarding_partnership.testing.strategies.compliant import compliant_arrangement
from safeguarding_partnership.testing.strategies.days import (
    DEFAULT_AS_OF,
    as_of_dates,
    first_and_last_as_of,
)
from safeguarding_partnership.testing.strategies.loosened import arrangements
from safeguarding_partnership.testing.strategies.meetings import groups
from safeguarding_partnership.testing.strategies.partner_bodies import PartnerBodies, partners
from safeguarding_partnership.testing.strategies.places import areas
from safeguarding_partnership.testing.strategies.reports import yearly_reports
from safeguarding_partnership.testing.strategies.reviews import ReviewRecords, review_records

__all__ = [
    "DEFAULT_AS_OF",
    "PartnerBodies",
    "ReviewRecords",
    "areas",
    "arrangements",
    "as_of_dates",
    "compliant_arrangement",
    "first_and_last_as_of",
    "groups",
    "organisations",
    "partners",
    "relevant_agencies",
    "review_records",
    "yearly_reports",
]
