"""CSPR: break the duties on notifications, rapid reviews and practice reviews."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._edits import AFTER_FIRST_REPORT, edit_last
from safeguarding_partnership.testing.mutations._registry import mutation
from safeguarding_partnership.workdays import add_working_days

__all__: list[str] = []


mutation(
    "CSPR-003",
    from_day=AFTER_FIRST_REPORT,
    function=edit_last(
        "notifications", lambda n: evolve(n, notified=add_working_days(n.became_aware, 9))
    ),
)
mutation(
    "CSPR-004",
    from_day=AFTER_FIRST_REPORT,
    function=edit_last(
        "rapid_reviews",
        lambda r: evolve(
            r,
            completed=add_working_days(r.started, 25),
            sent_to_panel=add_working_days(r.started, 25),
        ),
    ),
)
mutation(
    "CSPR-008",
    from_day=AFTER_FIRST_REPORT,
    function=edit_last(
        "practice_reviews",
        lambda r: evolve(r, reviewer_removed=r.published + dt.timedelta(days=1)),
    ),
)
mutation(
    "CSPR-011",
    from_day=AFTER_FIRST_REPORT,
    function=edit_last(
        "practice_reviews", lambda r: evolve(r, sent_to_panel=r.published - dt.timedelta(days=3))
    ),
)
mutation(
    "CSPR-012",
    from_day=AFTER_FIRST_REPORT,
    function=edit_last(
        "practice_reviews",
        lambda r: evolve(r, publication="improvements_only", publication_rationale=""),
    ),
)
mutation(
    "CSPR-013",
    from_day=AFTER_FIRST_REPORT,
    function=edit_last(
        "practice_reviews", lambda r: evolve(r, withdrawn=r.published + dt.timedelta(days=100))
    ),
)
mutation(
    "CSPR-014",
    from_day=AFTER_FIRST_REPORT,
    function=edit_last(
        "practice_reviews",
        lambda r: evolve(r, initiated=r.published - dt.timedelta(days=250)),
    ),
)


@mutation("CSPR-005", from_day=AFTER_FIRST_REPORT)
def _rapid_review_sent_before_completion(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A rapid review is recorded as sent to the Panel before it was completed."""
    return edit_last(
        "rapid_reviews",
        lambda r: evolve(r, sent_to_panel=r.completed - dt.timedelta(days=3)),
    )(arr, as_of)
