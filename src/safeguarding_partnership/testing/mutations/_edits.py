"""Small pure edits the mutations share: partners in force, contents items, yearly reports
and a chain of review records to break."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from safeguarding_partnership.law import FIRST_PUBLICATION_DEADLINE
from safeguarding_partnership.model import (
    Arrangement,
    PracticeReview,
    RapidReview,
    ReportSection,
    SafeguardingPartner,
    SeriousIncidentNotification,
    YearlyReport,
)
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._registry import MutationFunction
from safeguarding_partnership.workdays import add_working_days

__all__: list[str] = []

LATE = FIRST_PUBLICATION_DEADLINE + dt.timedelta(days=1)
"""The first day arrangements could be published late (PUB-001, PUB-002)."""
AFTER_FIRST_REPORT = dt.date(2020, 11, 3)
"""Every generated arrangement took effect by 29 September 2019, so by this day more than
400 days have passed: long enough for a review chain or a missed yearly report."""


def partners_in_force(arr: Arrangement, day: dt.date) -> list[tuple[int, SafeguardingPartner]]:
    return [(i, p) for i, p in enumerate(arr.partners or ()) if p.in_force(day)]


def replace_at(items: Sequence[Any], index: int, item: Any) -> tuple[Any, ...]:
    return (*items[:index], item, *items[index + 1 :])


def without_item(field: str) -> MutationFunction:
    def fn(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
        if arr.contents is None:
            return None
        return evolve(arr, contents=evolve(arr.contents, **{field: False}))

    return fn


def latest_report(arr: Arrangement, as_of: dt.date) -> tuple[int, YearlyReport] | None:
    found = [
        (i, r)
        for i, r in enumerate(arr.yearly_reports or ())
        if r.published is not None and r.published <= as_of
    ]
    return found[-1] if found else None


def edit_reports(
    edit: Callable[[YearlyReport], YearlyReport], since: dt.date | None = None
) -> MutationFunction:
    """Apply ``edit`` to every report published from ``since`` (default: any) to as_of."""

    def fn(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
        reports = list(arr.yearly_reports or ())
        hit = False
        for i, r in enumerate(reports):
            if r.published is None or r.published > as_of:
                continue
            if since is not None and r.published < since:
                continue
            reports[i] = edit(r)
            hit = True
        return evolve(arr, yearly_reports=tuple(reports)) if hit else None

    return fn


def without_section(section: ReportSection) -> Callable[[YearlyReport], YearlyReport]:
    return lambda r: evolve(r, sections=tuple(s for s in r.sections or () if s is not section))


def review_chain(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangement with a notification, rapid review and published practice review."""
    aware = as_of - dt.timedelta(days=300)
    if arr.valid_from is not None and aware < arr.valid_from:
        return None
    notified = add_working_days(aware, 2)
    completed = add_working_days(aware, 10)
    initiated = completed + dt.timedelta(days=7)
    published = initiated + dt.timedelta(days=120)
    ref = "MUT-001"
    return evolve(
        arr,
        notifications=(
            *(arr.notifications or ()),
            SeriousIncidentNotification(
                reference=f"N-{ref}", became_aware=aware, notified=notified
            ),
        ),
        rapid_reviews=(
            *(arr.rapid_reviews or ()),
            RapidReview(
                reference=f"RR-{ref}",
                notification=f"N-{ref}",
                started=notified,
                completed=completed,
                sent_to_panel=completed,
                decision="local_review",
            ),
        ),
        practice_reviews=(
            *(arr.practice_reviews or ()),
            PracticeReview(
                reference=f"LCSPR-{ref}",
                rapid_review=f"RR-{ref}",
                initiated=initiated,
                reviewer_appointed=initiated,
                sent_to_secretary_of_state=published - dt.timedelta(days=14),
                sent_to_panel=published - dt.timedelta(days=14),
                published=published,
                publication="full",
                url=f"https://safeguarding.example.org.uk/practice-reviews/{ref}",
            ),
        ),
    )


def edit_last(
    field: str, edit: Callable[[Any], Any]
) -> Callable[[Arrangement, dt.date], Arrangement | None]:
    """Add a review chain, then edit the last record of ``field``."""

    def fn(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
        chained = review_chain(arr, as_of)
        if chained is None:
            return None
        items: tuple[Any, ...] = getattr(chained, field)
        changed = edit(items[-1])
        if changed is None:
            return None
        return evolve(chained, **{field: (*items[:-1], changed)})

    return fn


def financial_year(day: dt.date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
