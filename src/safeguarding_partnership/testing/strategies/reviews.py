"""Serious incident notifications, rapid reviews and local child safeguarding practice
reviews that keep the guidance's timescales."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from safeguarding_partnership.model import PracticeReview, RapidReview, SeriousIncidentNotification
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.strategies._choices import Choices, drawn
from safeguarding_partnership.testing.strategies._text import url
from safeguarding_partnership.workdays import add_working_days

__all__ = ["ReviewRecords", "review_records"]


@attrs.frozen
class ReviewRecords:
    """Serious incident notifications, rapid reviews and practice reviews: dates and
    reference numbers only."""

    notifications: tuple[SeriousIncidentNotification, ...] = ()
    rapid_reviews: tuple[RapidReview, ...] = ()
    practice_reviews: tuple[PracticeReview, ...] = ()


def build_review_records(
    choose: Choices, since: dt.date, as_of: dt.date, max_notifications: int
) -> ReviewRecords:
    """The review records from ``since`` to ``as_of`` (see :func:`review_records`)."""
    latest = as_of - dt.timedelta(days=80)
    if latest < since:
        return ReviewRecords()
    aware_days = sorted(
        choose.several(
            lambda c: c.day(since, latest), max_size=max_notifications, unique_by=lambda d: d
        )
    )
    notes: list[SeriousIncidentNotification] = []
    rapid: list[RapidReview] = []
    practice: list[PracticeReview] = []
    for i, aware in enumerate(aware_days, start=1):
        ref = f"{aware.year}-{i:03d}"
        to_notify = choose.integer(0, 5)
        notified = add_working_days(aware, to_notify)
        completed = add_working_days(aware, choose.integer(to_notify, 15))
        decision = choose.one_of(("no_local_review", "local_review", "national_review"))
        notes.append(
            SeriousIncidentNotification(reference=f"N-{ref}", became_aware=aware, notified=notified)
        )
        rapid.append(
            RapidReview(
                reference=f"RR-{ref}",
                notification=f"N-{ref}",
                started=notified,
                completed=completed,
                sent_to_panel=completed,
                decision=decision,
            )
        )
        if decision != "local_review":
            continue
        initiated = completed + dt.timedelta(days=choose.integer(0, 30))
        published = initiated + dt.timedelta(days=choose.integer(60, 180))
        review = PracticeReview(
            reference=f"LCSPR-{ref}",
            rapid_review=f"RR-{ref}",
            initiated=initiated,
            reviewer_appointed=initiated,
        )
        if published <= as_of:
            sent = published - dt.timedelta(days=choose.integer(7, 30))
            full = choose.boolean()
            review = evolve(
                review,
                sent_to_secretary_of_state=sent,
                sent_to_panel=sent,
                published=published,
                publication="full" if full else "improvements_only",
                publication_rationale=None
                if full
                else "The family could be identified from the full report.",
                url=url(f"practice-reviews/{ref}"),
            )
        practice.append(review)
    return ReviewRecords(tuple(notes), tuple(rapid), tuple(practice))


def review_records(
    *, since: dt.date, as_of: dt.date, max_notifications: int = 3
) -> st.SearchStrategy[ReviewRecords]:
    """Notifications, rapid reviews and local child safeguarding practice reviews.

    The Panel is notified within 5 working days; rapid reviews finish within 15 working days
    and go to the Panel; practice reviews have a reviewer, go to the Secretary of State and
    the Panel at least 7 days before publication and are published within 180 days. Shrinks
    towards no notifications.
    """
    return drawn(lambda choose: build_review_records(choose, since, as_of, max_notifications))
