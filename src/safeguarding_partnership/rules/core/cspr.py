"""Serious incidents, rapid reviews and local child safeguarding practice reviews; section I.

Working days are England's (:mod:`safeguarding_partnership.workdays`): weekdays that are not
bank holidays. Only records dated on or before the as-of day count, and a deadline that has
not passed on the as-of day is never a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from dateutil.relativedelta import relativedelta

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import STATUTE_START, Regime
from safeguarding_partnership.model import PracticeReview, RapidReview, SeriousIncidentNotification
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.model.dates import earliest, latest
from safeguarding_partnership.rules.core._facts import (
    cannot_tell,
    exceeds,
    judged,
    later_than,
    overdue,
    sure_or_maybe,
)
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule, unknown
from safeguarding_partnership.rules.settings import parameter
from safeguarding_partnership.workdays import (
    add_working_days,
    weekdays_between,
    working_days_between,
)

__all__ = ["RULES"]

NOTIFY_WORKING_DAYS = 5
"""CSPR-003: notify the Panel within 5 working days of becoming aware."""
RAPID_REVIEW_WORKING_DAYS = 15
"""CSPR-004: complete the rapid review within 15 working days."""
COPY_DAYS = 7
"""CSPR-011: copies at least 7 days (calendar days, reg 16) before publication."""
KEEP_PUBLISHED = relativedelta(years=1)
"""CSPR-013: publicly available for at least a year (reg 17)."""
REVIEW_MONTHS = 6
"""CSPR-014: completed and published within about six months (configurable)."""


def _known(day: dt.date | None, as_of: dt.date) -> dt.date | None:
    """A recorded day that counts on the as-of day: later records have not happened yet. A
    month- or year-level day counts only once the whole month or year has passed."""
    return day if day is not None and latest(day) <= as_of else None


def _used(first: dt.date, then: dt.date) -> str:
    """The working days from ``first`` to ``then``; a range when either is a month."""
    least = working_days_between(latest(first), earliest(then))
    most = working_days_between(earliest(first), latest(then))
    return str(least) if least == most else f"{least} to {most}"


def _calendar_days(first: dt.date, then: dt.date) -> int:
    return (then - first).days


def _label(pr: PracticeReview) -> str:
    """How a message names a practice review."""
    return f"practice review {pr.reference}"


def _due(start: dt.date, after: Callable[[dt.date], dt.date]) -> tuple[dt.date, dt.date]:
    """When something is due ``after`` a start day that may be a month or a year: counted
    from the start's first day, and from its last."""
    return after(earliest(start)), after(latest(start))


def _working_days(count: int) -> Callable[[dt.date], dt.date]:
    return lambda day: add_working_days(day, count)


def _over_working_days(limit: int, first: dt.date, then: dt.date) -> bool | None:
    """Whether ``then`` is more than ``limit`` working days after ``first`` (``None``: cannot
    tell from partial dates), counted by weekdays alone where that settles it, so a record in
    time reads no bank holiday calendar."""
    return exceeds(limit, first, then, working_days_between, weekdays_between)


@rule(
    "CSPR-003",
    "The Panel is notified within 5 working days",
    valid_from=STATUTE_START,  # the catalogue's Effective: 29 Jun 2018 (WT2018 came later)
)
def notified_in_time(ctx: RuleContext) -> Iterator[Issue]:
    """The local authority should notify the Panel within 5 working days (England, bank
    holidays excluded) of becoming aware of a serious incident.

    Hint: Notify the Child Safeguarding Practice Review Panel within 5 working days of becoming
    aware of a serious incident; record `became_aware` and `notified`.

    Failing::

        notifications: [{reference: N1, became_aware: 2024-12-20, notified: 2025-01-02}]

    Passing (Christmas and Boxing Day are not working days)::

        notifications: [{reference: N1, became_aware: 2024-12-20, notified: 2024-12-31}]
    """
    for i, n in enumerate(ctx.arrangement.notifications or ()):
        aware = _known(n.became_aware, ctx.as_of)
        if n.became_aware is None:
            yield unknown(
                f"when the local authority became aware of incident {n.reference}",
                ("notifications", i, "became_aware"),
            )
            continue
        if aware is None:
            continue
        path = ("notifications", i, "notified")
        notified = _known(n.notified, ctx.as_of)
        if notified is not None:
            late = _over_working_days(NOTIFY_WORKING_DAYS, aware, notified)
            if late is False:  # in time: no deadline to work out (no calendar to read)
                continue
            deadline = add_working_days(earliest(aware), NOTIFY_WORKING_DAYS)
            message = (
                f"incident {n.reference} was notified to the Panel on {notified}, "
                f"{_used(aware, notified)} working days after the local authority "
                f"became aware on {aware} (due by {deadline})"
            )
            yield from judged(late, message, path)
        else:
            deadline, latest_deadline = _due(aware, _working_days(NOTIFY_WORKING_DAYS))
            yield from overdue(
                n.notified,
                deadline,
                ctx.as_of,
                path,
                unrecorded=f"not recorded: when incident {n.reference} was notified to the "
                f"Panel (due by {deadline})",
                missed=f"incident {n.reference} was not notified to the Panel by {deadline}, "
                f"5 working days after the local authority became aware on {aware}",
                deadline_latest=latest_deadline,
            )


def _rapid_review_clock(
    n: SeriousIncidentNotification, as_of: dt.date
) -> tuple[dt.date, str] | None:
    """The day the 15 working days run from, and what that day is.

    WT2023 counts from the notification; WT2018 from awareness or notification, so under
    WT2018 the notification day is used when known (the later, fairer start) and awareness
    otherwise. The edition is the one in force on the day the clock starts.
    """
    notified = _known(n.notified, as_of)
    if notified is not None:
        return notified, "notification"
    aware = _known(n.became_aware, as_of)
    if aware is not None and all(
        Regime.WT2018.applies(d) for d in (earliest(aware), latest(aware))
    ):
        return aware, "awareness"
    return None


@rule("CSPR-004", "The rapid review is completed within 15 working days")
def rapid_review_in_time(ctx: RuleContext) -> Iterator[Issue]:
    """After a notification the partners should complete a rapid review within 15 working
    days. WT2023 counts from the day the notification was sent to the Panel; WT2018 from
    awareness or notification (the notification day is used when recorded). A notification
    whose deadline has passed with no rapid review recorded is a finding too, once
    ``rapid_reviews`` is recorded.

    Hint: Complete each rapid review within 15 working days of the notification and record
    `notification` and `completed`.

    Failing::

        notifications: [{reference: N1, became_aware: 2024-12-16, notified: 2024-12-18}]
        rapid_reviews: [{reference: RR1, notification: N1, completed: 2025-01-14}]

    Passing (bank holidays on 25, 26 December and 1 January)::

        notifications: [{reference: N1, became_aware: 2024-12-16, notified: 2024-12-18}]
        rapid_reviews: [{reference: RR1, notification: N1, completed: 2025-01-13}]
    """
    arr = ctx.arrangement
    notifications = {n.reference: n for n in arr.notifications or ()}
    reviewed: set[str] = set()
    for i, rr in enumerate(arr.rapid_reviews or ()):
        if rr.notification is None:
            yield unknown(
                f"which notification rapid review {rr.reference} follows",
                ("rapid_reviews", i, "notification"),
            )
            continue
        reviewed.add(rr.notification)
        n = notifications.get(rr.notification)
        if n is None:
            yield unknown(
                f"notification {rr.notification}, which rapid review {rr.reference} follows",
                ("rapid_reviews", i, "notification"),
            )
            continue
        yield from _rapid_review_timing(rr, i, n, ctx.as_of)
    if arr.rapid_reviews is None:
        return
    # a list marked incomplete, or a review whose notification is unknown, may hold the
    # review of any notification: what is missing cannot be told
    open_ended = not is_complete(arr.rapid_reviews) or any(
        rr.notification is None for rr in arr.rapid_reviews
    )
    for j, n in enumerate(arr.notifications or ()):
        if n.reference in reviewed:
            continue
        clock = _rapid_review_clock(n, ctx.as_of)
        if clock is None:
            continue
        deadline, latest_deadline = _due(clock[0], _working_days(RAPID_REVIEW_WORKING_DAYS))
        if deadline < ctx.as_of:
            message = (
                f"no rapid review of notification {n.reference} is recorded; one was due by "
                f"{deadline}, 15 working days after the {clock[1]} on {clock[0]}"
            )
            if open_ended or latest_deadline >= ctx.as_of:
                yield Issue(
                    f"{message} (the rapid reviews recorded may not be all of them)"
                    if open_ended
                    else f"cannot tell from a month- or year-level date whether {message}",
                    ("notifications", j),
                    Severity.INFO,
                )
            else:
                yield Issue(message, ("notifications", j))


def _rapid_review_timing(
    rr: RapidReview, i: int, n: SeriousIncidentNotification, as_of: dt.date
) -> Iterator[Issue]:
    clock = _rapid_review_clock(n, as_of)
    path = ("rapid_reviews", i, "completed")
    if clock is None:
        if n.notified is not None or (
            n.became_aware is not None and latest(n.became_aware) > as_of
        ):
            return  # the incident is notified after the as-of day: nothing to check yet
        yield unknown(
            f"when notification {n.reference} was sent, so the timing of "
            f"rapid review {rr.reference} cannot be checked",
            path,
        )
        return
    start, what = clock
    completed = _known(rr.completed, as_of)
    if completed is not None:
        late = _over_working_days(RAPID_REVIEW_WORKING_DAYS, start, completed)
        if late:
            deadline = add_working_days(earliest(start), RAPID_REVIEW_WORKING_DAYS)
            yield Issue(
                f"rapid review {rr.reference} was completed on {completed}, "
                f"{_used(start, completed)} working days after the {what} on {start} "
                f"(due by {deadline})",
                path,
            )
        elif late is None:
            yield cannot_tell(
                f"whether rapid review {rr.reference}, completed on {completed}, was completed "
                f"within 15 working days of the {what} on {start}",
                path,
            )
    else:
        deadline, latest_deadline = _due(start, _working_days(RAPID_REVIEW_WORKING_DAYS))
        yield from overdue(
            rr.completed,
            deadline,
            as_of,
            path,
            unrecorded=f"not recorded: when rapid review {rr.reference} was completed "
            f"(due by {deadline})",
            missed=f"rapid review {rr.reference} was not completed by {deadline}, 15 working "
            f"days after the {what} on {start}",
            deadline_latest=latest_deadline,
        )


@rule("CSPR-005", "The rapid review is sent to the Panel")
def rapid_review_sent(ctx: RuleContext) -> Iterator[Issue]:
    """The completed rapid review, with the partners' decision, should go to the Panel. The
    catalogue gives no timescale for sending, so a completed review not yet sent on the
    as-of day is not a breach; what can be said is that the day it was sent or the decision
    is not recorded, and that a review recorded as sent before it was completed is sent
    without the completed review.

    Hint: Record `sent_to_panel` for each completed rapid review.

    Failing::

        rapid_reviews: [{reference: RR1, completed: 2024-02-01, sent_to_panel: 2024-01-20,
                         decision: no_local_review}]

    Passing::

        rapid_reviews: [{reference: RR1, completed: 2024-02-01, sent_to_panel: 2024-02-01,
                         decision: no_local_review}]
    """
    for i, rr in enumerate(ctx.arrangement.rapid_reviews or ()):
        completed = _known(rr.completed, ctx.as_of)
        if completed is None:
            continue
        sent = _known(rr.sent_to_panel, ctx.as_of)
        if rr.sent_to_panel is None:
            yield unknown(
                f"when rapid review {rr.reference} was sent to the Panel",
                ("rapid_reviews", i, "sent_to_panel"),
            )
        elif sent is not None:
            yield from later_than(
                completed,
                sent,
                f"rapid review {rr.reference} is recorded as sent to the Panel on {sent}, "
                f"before it was completed on {completed}",
                ("rapid_reviews", i, "sent_to_panel"),
            )
        if rr.decision is None:
            yield unknown(
                f"the partners' decision on rapid review {rr.reference}",
                ("rapid_reviews", i, "decision"),
            )


@rule("CSPR-008", "A reviewer is appointed, and removed only before publication")
def reviewer_appointed(ctx: RuleContext) -> Iterator[Issue]:
    """The partners must appoint a reviewer for each local review (reg 12) and may remove
    the reviewer before the report, or the information about improvements, is published
    (reg 13). A report published before any reviewer was appointed, or a removal after
    publication, is a finding. A removal on the publication day itself is not.

    Hint: Record `reviewer_appointed`; a reviewer may be removed only before publication.

    Failing::

        practice_reviews: [{reference: P1, reviewer_appointed: 2024-03-01,
                            published: 2024-09-01, reviewer_removed: 2024-10-01}]

    Passing::

        practice_reviews: [{reference: P1, reviewer_appointed: 2024-03-01,
                            reviewer_removed: 2024-05-01, published: 2024-09-01}]
    """
    for i, pr in enumerate(ctx.arrangement.practice_reviews or ()):
        published = _known(pr.published, ctx.as_of)
        removed = _known(pr.reviewer_removed, ctx.as_of)
        if pr.reviewer_appointed is None and (published is not None or pr.initiated is not None):
            yield unknown(
                f"when the reviewer of {_label(pr)} was appointed",
                ("practice_reviews", i, "reviewer_appointed"),
            )
        appointed = pr.reviewer_appointed
        if published is not None and appointed is not None:
            yield from later_than(
                appointed,
                published,
                f"{_label(pr)} was published on {published}, before its "
                f"reviewer was appointed on {appointed}",
                ("practice_reviews", i, "reviewer_appointed"),
            )
        if published is not None and removed is not None:
            yield from later_than(
                removed,
                published,
                f"the reviewer of {_label(pr)} was removed on {removed}, "
                f"after publication on {published}",
                ("practice_reviews", i, "reviewer_removed"),
            )


@rule(
    "CSPR-011",
    "The report goes to the Secretary of State and the Panel at least 7 days before publication",
    confidence="P",  # "P. ... guidance may say working days (U)": this checks the 7 days
)
def copies_before_publication(ctx: RuleContext) -> Iterator[Issue]:
    """The partners must give the Secretary of State and the Panel a copy of the report at
    least 7 days (calendar days, as the Regulations say) before publishing it, also when only
    information about improvements is published.

    Hint: Send the report to the Secretary of State and the Panel at least 7 days before
    publishing it; record `sent_to_secretary_of_state` and `sent_to_panel`.

    Failing::

        practice_reviews: [{reference: P1, sent_to_secretary_of_state: 2024-08-28,
                            sent_to_panel: 2024-08-20, published: 2024-09-01}]

    Passing::

        practice_reviews: [{reference: P1, sent_to_secretary_of_state: 2024-08-25,
                            sent_to_panel: 2024-08-25, published: 2024-09-01}]
    """
    for i, pr in enumerate(ctx.arrangement.practice_reviews or ()):
        published = _known(pr.published, ctx.as_of)
        if published is None:
            continue
        for field, body in (
            ("sent_to_secretary_of_state", "the Secretary of State"),
            ("sent_to_panel", "the Panel"),
        ):
            recorded: dt.date | None = getattr(pr, field)
            path = ("practice_reviews", i, field)
            if recorded is None:
                yield unknown(f"when {_label(pr)} was sent to {body}", path)
            else:
                short = exceeds(-COPY_DAYS, published, recorded, _calendar_days)
                message = (
                    f"{_label(pr)} was sent to {body} on {recorded}, less "
                    f"than 7 days before publication on {published}"
                )
                yield from judged(short, message, path)


@rule("CSPR-012", "The report, or information about improvements, is published")
def review_published(ctx: RuleContext) -> Iterator[Issue]:
    """The partners must publish the report unless they judge that inappropriate; then they
    must publish the information about improvements they consider appropriate, and the
    record says why. The model cannot record "not published" (an unknown ``published`` is
    not recorded), so an unpublished report is left to CSPR-014.

    Hint: Record `publication: full` or `improvements_only` with a `publication_rationale`.

    Failing::

        practice_reviews: [{reference: P1, published: 2024-09-01,
                            publication: improvements_only, publication_rationale: ""}]

    Passing::

        practice_reviews: [{reference: P1, published: 2024-09-01, publication: full}]
    """
    for i, pr in enumerate(ctx.arrangement.practice_reviews or ()):
        if _known(pr.published, ctx.as_of) is None:
            continue
        if pr.publication is None:
            yield unknown(
                f"whether {_label(pr)} was published in full or as information about improvements",
                ("practice_reviews", i, "publication"),
            )
        elif pr.publication == "improvements_only":
            if pr.publication_rationale is None:
                yield unknown(
                    f"why only improvements from {_label(pr)} were published",
                    ("practice_reviews", i, "publication_rationale"),
                )
            elif not pr.publication_rationale.strip():
                yield Issue(
                    f"{_label(pr)} was published as improvements only with "
                    "no reason given for not publishing the report",
                    ("practice_reviews", i, "publication_rationale"),
                )


@rule("CSPR-013", "The published report stays available for at least a year")
def kept_published(ctx: RuleContext) -> Iterator[Issue]:
    """A published report, or published improvement information, must stay publicly
    available for at least one year: ``withdrawn`` (the day it stopped) is at least a year
    after ``published``.

    Hint: Keep the report, or the information about improvements, published for at least a
    year.

    Failing::

        practice_reviews: [{reference: P1, published: 2024-01-10, withdrawn: 2024-12-01}]

    Passing::

        practice_reviews: [{reference: P1, published: 2024-01-10, withdrawn: 2025-01-10}]
    """
    for i, pr in enumerate(ctx.arrangement.practice_reviews or ()):
        published = _known(pr.published, ctx.as_of)
        withdrawn = _known(pr.withdrawn, ctx.as_of)
        if published is None or withdrawn is None:
            continue
        message = (
            f"{_label(pr)} was published on {published} and withdrawn "
            f"on {withdrawn}, before a year had passed"
        )
        short = sure_or_maybe(
            latest(withdrawn) < earliest(published) + KEEP_PUBLISHED,
            earliest(withdrawn) < latest(published) + KEEP_PUBLISHED,
        )
        yield from judged(short, message, ("practice_reviews", i, "withdrawn"))


@rule("CSPR-014", "The practice review is completed and published within about six months")
def review_within_six_months(ctx: RuleContext) -> Iterator[Issue]:
    """Guidance expects a local review to be completed and published within about six months
    of its start (``initiated``). The months are a parameter (``settings.core.CSPR-014.months``,
    default 6), for example for the temporary relaxation during COVID-19 in 2020.

    Hint: Aim to complete and publish a local review within six months of its start.

    Failing::

        practice_reviews: [{reference: P1, initiated: 2024-01-10, published: 2024-09-01}]

    Passing::

        practice_reviews: [{reference: P1, initiated: 2024-01-10, published: 2024-07-01}]
    """
    months = parameter(ctx, "CSPR-014", "months", REVIEW_MONTHS)
    for i, pr in enumerate(ctx.arrangement.practice_reviews or ()):
        initiated = _known(pr.initiated, ctx.as_of)
        if initiated is None:
            if pr.initiated is None:
                yield unknown(
                    f"when {_label(pr)} was commissioned", ("practice_reviews", i, "initiated")
                )
            continue
        deadline, latest_deadline = _due(initiated, lambda day: day + relativedelta(months=months))
        published = _known(pr.published, ctx.as_of)
        path = ("practice_reviews", i, "published")
        if published is not None:
            message = (
                f"{_label(pr)} was published on {published}, more than {months} months "
                f"after it was commissioned on {initiated}"
            )
            late = sure_or_maybe(
                earliest(published) > latest_deadline, latest(published) > deadline
            )
            yield from judged(late, message, path)
        else:
            yield from overdue(
                pr.published,
                deadline,
                ctx.as_of,
                path,
                unrecorded=f"not recorded: whether {_label(pr)}, commissioned on {initiated}, "
                f"was published (due by {deadline})",
                missed=f"{_label(pr)} was not published by {deadline}, {months} months after "
                f"it was commissioned on {initiated}",
                deadline_latest=latest_deadline,
            )


RULES: tuple[Rule, ...] = (
    notified_in_time,
    rapid_review_in_time,
    rapid_review_sent,
    reviewer_appointed,
    copies_before_publication,
    review_published,
    kept_published,
    review_within_six_months,
)
"""The CSPR family."""
