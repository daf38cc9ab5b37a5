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

__all__ = [
    "ReviewRecords",
    "build_review_records",
    "practice_review",
    "review_records",
    "reviewed_incident",
]


@attrs.frozen
class ReviewRecords:
    """Serious incident notifications, rapid reviews and practice reviews: dates and
    reference numbers only."""

    notifications: tuple[SeriousIncidentNotification, ...] = ()
    rapid_reviews: tuple[RapidReview, ...] = ()
    practice_reviews: tuple[PracticeReview, ...] = ()


def reviewed_incident(
    ref: str, aware: dt.date, notified: dt.date, completed: dt.date, decision: str
) -> tuple[SeriousIncidentNotification, RapidReview]:
    """Incident ``N-{ref}``, notified to the Panel, and its rapid review ``RR-{ref}``, sent to
    the Panel the day it was completed."""
    note = SeriousIncidentNotification(reference=f"N-{ref}", became_aware=aware, notified=notified)
    rapid = RapidReview(
        reference=f"RR-{ref}",
        notification=f"N-{ref}",
        started=notified,
        completed=completed,
        sent_to_panel=completed,
        decision=decision,
    )
    return note, rapid


def practice_review(
    ref: str,
    initiated: dt.date,
    published: tuple[dt.date, dt.date] | None = None,
    *,
    full: bool = True,
) -> PracticeReview:
    """Practice review ``LCSPR-{ref}`` after rapid review ``RR-{ref}``, its reviewer appointed
    the day it was commissioned. With ``published`` (the day it was sent to the Secretary of
    State and the Panel, the day it was published): published in full, or as information
    about improvements with the reason."""
    review = PracticeReview(
        reference=f"LCSPR-{ref}",
        rapid_review=f"RR-{ref}",
        initiated=initiated,
        reviewer_appointed=initiated,
    )
    if published is None:
        return review
    sent, day = published
    review = evolve(
        review,
        sent_to_secretary_of_state=sent,
        sent_to_panel=sent,
        published=day,
        publication="full",
        url=url(f"practice-reviews/{ref}"),
    )
    if full:
        return review
    return evolve(
        review,
        publication="improvements_only",
        publication_rationale="The family could be identified from the full report.",
    )


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
        note, rapid_review = reviewed_incident(ref, aware, notified, completed, decision)
        notes.append(note)
        rapid.append(rapid_review)
        if decision != "local_review":
            continue
        initiated = completed + dt.timedelta(days=choose.integer(0, 30))
        published = initiated + dt.timedelta(days=choose.integer(60, 180))
        review = practice_review(ref, initiated)
        if published <= as_of:
            sent = published - dt.timedelta(days=choose.integer(7, 30))
            review = practice_review(ref, initiated, (sent, published), full=choose.boolean())
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
