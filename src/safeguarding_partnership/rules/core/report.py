"""The yearly report (CA2004 s.16G(7); WT2018 ch.3 "Reporting"; WT2023 ch.2); section F."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from dateutil.relativedelta import relativedelta

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import WT2018_START, WT2023_START, Strength
from safeguarding_partnership.model import ReportSection, YearlyReport
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.model.dates import earliest, latest
from safeguarding_partnership.rules.core._facts import (
    cannot_tell,
    gaps,
    judged,
    missing_signatory_roles,
    sure_or_maybe,
    within,
)
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, RuleStatus, rule, unknown
from safeguarding_partnership.rules.settings import parameter

__all__ = ["RULES", "report_label"]

_NO_NAMES: tuple[str, ...] = ()
_NO_SECTIONS: tuple[ReportSection, ...] = ()
_WT2018_RECIPIENTS: tuple[str, ...] = ("panel", "what_works_centre")
_YEAR = relativedelta(months=12)


def report_label(report: YearlyReport) -> str:
    """How a message names a report: its id, else its period, else its publication day."""
    if report.id is not None:
        return f"yearly report {report.id}"
    if report.period_start is not None or report.period_end is not None:
        return f"yearly report for {report.period_start or '?'} to {report.period_end or '?'}"
    if report.published is not None:
        return f"yearly report published {report.published}"
    return "a yearly report with no id, period or publication date"


Only = Callable[[YearlyReport], bool]


def _published_between(
    reports: Iterable[YearlyReport],
    start: dt.date | None,
    as_of: dt.date,
    only: Only | None = None,
) -> Iterator[tuple[int, YearlyReport]]:
    """Reports published on or after ``start`` and on or before ``as_of``, with their index
    (a report with a month- or year-level day only if the whole month or year is)."""
    for i, r in enumerate(reports):
        if r.published is None or within(r.published, start, as_of) is not True:
            continue
        if only is not None and not only(r):
            continue
        yield i, r


def _unsure_between(
    reports: Iterable[YearlyReport], start: dt.date | None, as_of: dt.date, what: str
) -> Iterator[Issue]:
    """Information for each report whose month- or year-level day may or may not fall from
    ``start`` to ``as_of``, so that ``what`` cannot be told of it."""
    for i, r in enumerate(reports):
        if r.published is not None and within(r.published, start, as_of) is None:
            since = f" from {start}" if start is not None else ""
            yield cannot_tell(
                f"whether {report_label(r)} (published {r.published}) was published{since} "
                f"by {as_of}, so {what} is not checked for it",
                ("yearly_reports", i, "published"),
            )


@rule("REPORT-001", "A yearly report is published in every 12-month period")
def yearly_report_published(ctx: RuleContext) -> Iterator[Issue]:
    """At least once in every 12-month period the partners must publish a report. So no gap
    between the day the arrangements took effect (``valid_from``) and the first publication,
    between consecutive publications, or between the last publication and the as-of day (or
    the arrangements' end) is longer than 12 months. Reporting periods are not the test.
    A report whose publication day is unknown is "not recorded"; while one exists, a gap it
    might fill is reported as information only.

    Hint: Publish a report on what was done and how effective the arrangements were at least
    once in every 12 months, and record its `published` day.

    Failing (as of 2021-12-01)::

        valid_from: 2019-09-29
        yearly_reports:
          - {id: 2019-20, published: 2020-09-01}
          - {id: 2020-21, published: 2021-10-01}    # 13 months later

    Passing::

        valid_from: 2019-09-29
        yearly_reports:
          - {id: 2019-20, published: 2020-09-01}
          - {id: 2020-21, published: 2021-08-31}
    """
    arr = ctx.arrangement
    reports = arr.yearly_reports
    if reports is None:
        yield unknown("the yearly reports", ("yearly_reports",))
        return
    undated = sorted(report_label(r) for r in reports if r.published is None)
    for i, r in enumerate(reports):
        if r.published is None:
            yield unknown(
                f"the day {report_label(r)} was published", ("yearly_reports", i, "published")
            )
    caveats = []
    if undated:
        caveats.append(f"{'; '.join(undated)} has no recorded publication day")
    if not is_complete(reports):
        caveats.append("the list of yearly reports is marked incomplete")
    severity = Severity.INFO if caveats else None
    caveat = f" (unconfirmed: {'; '.join(caveats)})" if caveats else ""
    end, end_latest = ctx.as_of, ctx.as_of
    if arr.valid_to is not None:
        end, end_latest = min(end, earliest(arr.valid_to)), min(end, latest(arr.valid_to))
    start = arr.valid_from
    if start is None:
        yield unknown(
            "the day the arrangements took effect, so the first reporting period cannot be checked",
            ("valid_from",),
        )
    dated = [
        (i, f"{report_label(r)} was published", r.published)
        for i, r in enumerate(reports)
        if r.published is not None
        and earliest(r.published) <= end_latest
        and (start is None or latest(r.published) >= earliest(start))
    ]
    took_effect = ("the arrangements took effect", start) if start is not None else None
    for gap in gaps(took_effect, dated, end, end_latest, _YEAR):
        what, since = gap.since
        if gap.index is None:
            message = (
                f"no yearly report was published in the 12 months after {what} on {since} "
                f"(checked to {end})"
            )
            path: tuple[str | int, ...] = ("yearly_reports",)
        else:
            message = (
                f"{report_label(reports[gap.index])} was published on {gap.day}, more than 12 "
                f"months after {what} on {since}"
            )
            path = ("yearly_reports", gap.index, "published")
        if gap.certain:
            yield Issue(message + caveat, path, severity)
        else:
            yield cannot_tell(f"whether {message}", path)


def _each_report(
    ctx: RuleContext,
    start: dt.date | None,
    only: Only | None,
    what: str,
    check: Callable[[int, YearlyReport], Iterator[Issue]],
) -> Iterator[Issue]:
    """``check``'s issues about each report published from ``start`` to the as-of day and
    accepted by ``only``; without ``only``, first the information that ``what`` is not checked
    for a report whose month- or year-level day may or may not fall in that time."""
    reports = ctx.arrangement.yearly_reports or ()
    if only is None:
        yield from _unsure_between(reports, start, ctx.as_of, what)
    for i, r in _published_between(reports, start, ctx.as_of, only):
        yield from check(i, r)


def _sections_missing(
    ctx: RuleContext,
    wanted: Iterable[tuple[ReportSection, str]],
    start: dt.date | None,
    only: Only | None = None,
) -> Iterator[Issue]:
    """For each report published from ``start`` to the as-of day, each section it lacks."""

    def lacking(i: int, r: YearlyReport) -> Iterator[Issue]:
        if r.sections is None:
            yield unknown(f"the sections of {report_label(r)}", ("yearly_reports", i, "sections"))
            return
        for section, what in wanted:
            if section not in r.sections:
                yield Issue(
                    f"{report_label(r)} does not cover {what}",
                    ("yearly_reports", i, "sections"),
                )

    yield from _each_report(ctx, start, only, "what it covers", lacking)


_CORE_SECTIONS: tuple[tuple[ReportSection, str], ...] = (
    (ReportSection.WHAT_WAS_DONE, "what the partners and relevant agencies did"),
    (ReportSection.PRACTICE_REVIEWS, "child safeguarding practice reviews"),
    (ReportSection.EFFECTIVENESS, "how effective the arrangements were"),
)
"""The sections WT2018 (REPORT-002) and WT2023 (REPORT-005) both ask of the yearly report: what
was done, including on child safeguarding practice reviews, and how effective it was."""


@rule("REPORT-002", "The WT2018 yearly report covers child safeguarding practice reviews")
def report_covers_reviews(ctx: RuleContext) -> Iterator[Issue]:
    """Under WT2018 the yearly report must say what the partners did, including on child
    safeguarding practice reviews, and how effective the arrangements were. Checked on the
    sections each report records; the cross-check against the review register is not made.

    Hint: Add `practice_reviews` to the report's `sections`.

    Failing::

        yearly_reports: [{id: 2019-20, published: 2020-09-01,
                          sections: [what_was_done, effectiveness]}]

    Passing::

        yearly_reports: [{id: 2019-20, published: 2020-09-01,
                          sections: [what_was_done, effectiveness, practice_reviews]}]
    """
    yield from _sections_missing(ctx, _CORE_SECTIONS, WT2018_START)


@rule("REPORT-003", "The WT2018 yearly report has the four further contents")
def report_further_contents(ctx: RuleContext) -> Iterator[Issue]:
    """Under WT2018 the report should also include (i) evidence of the effect on outcomes,
    (ii) analysis of priorities with little or no progress, (iii) decisions and actions on
    review recommendations, (iv) how feedback from children and families was used. Only the
    presence of the sections is tested, not their quality.

    Hint: Cover outcomes evidence, little progress, review recommendations and feedback from
    children and families, and list them in `sections`.

    Failing::

        yearly_reports: [{id: 2019-20, published: 2020-09-01,
                          sections: [outcomes_evidence, little_progress]}]

    Passing::

        yearly_reports: [{id: 2019-20, published: 2020-09-01,
                          sections: [outcomes_evidence, little_progress,
                                     review_recommendations, feedback_from_children]}]
    """
    yield from _sections_missing(
        ctx,
        [
            (ReportSection.OUTCOMES_EVIDENCE, "evidence of the effect on outcomes (i)"),
            (ReportSection.LITTLE_PROGRESS, "priorities with little or no progress (ii)"),
            (ReportSection.REVIEW_RECOMMENDATIONS, "actions on review recommendations (iii)"),
            (ReportSection.FEEDBACK_FROM_CHILDREN, "feedback from children and families (iv)"),
        ],
        WT2018_START,
    )


def _sent_in_time(
    ctx: RuleContext,
    recipients: tuple[str, ...],
    days: int,
    start: dt.date | None,
    only: Only | None = None,
) -> Iterator[Issue]:
    """Each published report not sent to each recipient within ``days`` of publication."""

    def unsent(i: int, r: YearlyReport) -> Iterator[Issue]:
        assert r.published is not None
        early = earliest(r.published) + dt.timedelta(days=days)
        late = latest(r.published) + dt.timedelta(days=days)
        if r.sent is None:
            yield unknown(f"who {report_label(r)} was sent to", ("yearly_reports", i, "sent"))
            return
        for recipient in recipients:
            sendings = [s for s in r.sent if s.to.strip().lower() == recipient.lower()]
            if sendings and all(s.date is None for s in sendings):
                yield unknown(
                    f"when {report_label(r)} was sent to {recipient}", ("yearly_reports", i, "sent")
                )
                continue
            days_sent = [s.date for s in sendings if s.date is not None]
            if any(latest(d) <= early and latest(d) <= ctx.as_of for d in days_sent):
                continue
            maybe = any(earliest(d) <= late and earliest(d) <= ctx.as_of for d in days_sent)
            message = (
                f"{report_label(r)} was not sent to {recipient} within {days} days of "
                f"publication on {r.published}"
            )
            missed = sure_or_maybe(late < ctx.as_of and not maybe, early < ctx.as_of)
            yield from judged(missed, message, ("yearly_reports", i, "sent"))

    yield from _each_report(ctx, start, only, "whom it was sent to", unsent)


@rule(
    "REPORT-004",
    "The WT2018 yearly report is sent to the Panel and the What Works Centre",
    status=RuleStatus.PREVIEW,
)
def report_sent_wt2018(ctx: RuleContext) -> Iterator[Issue]:
    """From memory (unverified, so preview): the published report should go to the Child
    Safeguarding Practice Review Panel and the What Works Centre within 7 days of
    publication. Recipients and days are parameters: ``settings.core.REPORT-004.recipients``
    (default ``[panel, what_works_centre]``) and ``.days`` (default 7).

    Hint: Record under `sent` each recipient and the day it was sent.

    Failing::

        yearly_reports: [{id: 2019-20, published: 2020-09-01,
                          sent: [{to: panel, date: 2020-09-20}]}]

    Passing::

        yearly_reports: [{id: 2019-20, published: 2020-09-01,
                          sent: [{to: panel, date: 2020-09-02},
                                 {to: what_works_centre, date: 2020-09-02}]}]
    """
    recipients = parameter(ctx, "REPORT-004", "recipients", _WT2018_RECIPIENTS)
    days = parameter(ctx, "REPORT-004", "days", 7)
    yield from _sent_in_time(ctx, recipients, days, WT2018_START)


@rule(
    "REPORT-005",
    "The WT2023 yearly report covers what was done and how effective it was",
    strength=Strength.MUST,  # "MUST (statutory pair) / SHOULD (focus)": this checks the pair
)
def report_statutory_pair(ctx: RuleContext) -> Iterator[Issue]:
    """WT2023 repeats the statutory pair: what was done as a result of the arrangements,
    including on child safeguarding practice reviews, and how effective they were. Checked for
    reports published from 15 December 2023. The expected focus (accessible, on priorities,
    learning and impact) cannot be tested from data.

    Hint: Cover what was done (including on practice reviews) and effectiveness, and list them
    in `sections`.

    Failing::

        yearly_reports: [{id: 2023-24, published: 2024-09-01, sections: [what_was_done]}]

    Passing::

        yearly_reports: [{id: 2023-24, published: 2024-09-01,
                          sections: [what_was_done, practice_reviews, effectiveness]}]
    """
    yield from _sections_missing(ctx, _CORE_SECTIONS, WT2023_START)


@rule(
    "REPORT-006",
    "The lead safeguarding partners sign off the yearly report, which shows learning implemented",
)
def report_signed_off(ctx: RuleContext) -> Iterator[Issue]:
    """Under WT2023 the three lead safeguarding partners jointly sign off the yearly report,
    and it shows that recommendations from scrutiny and reviews were carried out and changed
    practice. Each report published from 15 December 2023 needs signatories from every
    partner role (local authority, health, police) and a ``learning_implemented`` section.

    Hint: Record `signed_off_by` (the partner bodies whose LSPs signed) and a
    `learning_implemented` section.

    Failing::

        yearly_reports: [{id: 2023-24, published: 2024-09-01, signed_off_by: [havering-council],
                          sections: [learning_implemented]}]

    Passing::

        yearly_reports: [{id: 2023-24, published: 2024-09-01,
                          signed_off_by: [havering-council, nel-icb, met],
                          sections: [learning_implemented]}]
    """
    arr = ctx.arrangement
    for i, r in _published_between(arr.yearly_reports or (), WT2023_START, ctx.as_of):
        assert r.published is not None
        if r.signed_off_by is None:
            yield unknown(
                f"who signed off {report_label(r)}", ("yearly_reports", i, "signed_off_by")
            )
        else:
            missing = missing_signatory_roles(arr, r.published, r.signed_off_by)
            if missing:
                yield Issue(
                    f"{report_label(r)} was not signed off by a lead safeguarding partner "
                    f"for: {', '.join(missing)}",
                    ("yearly_reports", i, "signed_off_by"),
                )
    yield from _sections_missing(
        ctx,
        [(ReportSection.LEARNING_IMPLEMENTED, "learning implemented and its effect on practice")],
        WT2023_START,
    )


@rule("REPORT-007", "The independent scrutineer contributes to the yearly report")
def scrutineer_contributes(ctx: RuleContext) -> Iterator[Issue]:
    """The independent scrutineer should evaluate and contribute to the yearly report.

    Hint: Record `scrutineer_contribution: true` once the scrutineer has evaluated and
    contributed to the report.

    Failing::

        yearly_reports: [{id: 2023-24, published: 2024-09-01, scrutineer_contribution: false}]

    Passing::

        yearly_reports: [{id: 2023-24, published: 2024-09-01, scrutineer_contribution: true}]
    """
    for i, r in _published_between(ctx.arrangement.yearly_reports or (), WT2023_START, ctx.as_of):
        path = ("yearly_reports", i, "scrutineer_contribution")
        if r.scrutineer_contribution is None:
            yield unknown(
                f"whether the independent scrutineer contributed to {report_label(r)}", path
            )
        elif not r.scrutineer_contribution:
            yield Issue(f"the independent scrutineer did not contribute to {report_label(r)}", path)


def _period_under_wt2023(report: YearlyReport) -> bool:
    """Whether the report's period surely ended under WT2023 (from 15 December 2023)."""
    return report.period_end is not None and earliest(report.period_end) >= WT2023_START


@rule(
    "REPORT-008",
    "WT2023 yearly report timing, recipients and extra contents (unverified)",
    status=RuleStatus.PREVIEW,
)
def report_wt2023_timing(ctx: RuleContext) -> Iterator[Issue]:
    """From memory and unconfirmed (preview): WT2023 sets a window for publication after the
    end of the reporting period, about 3 months; the report is sent within about a week to
    recipients not yet confirmed; it adds contents. All are parameters of
    ``settings.core.REPORT-008``: ``window_months`` (default 3), ``send_days`` (default 7),
    ``recipients`` (default none: the recipients are not known) and ``sections`` (default
    none). Checked for reports whose period ended from 15 December 2023.

    Hint: Configure `settings.core.REPORT-008` once the WT2023 text is checked.

    Failing (as of 2025-01-01)::

        yearly_reports: [{id: 2023-24, period_end: 2024-03-31, published: 2024-09-01}]

    Passing::

        yearly_reports: [{id: 2023-24, period_end: 2024-03-31, published: 2024-06-28}]
    """
    window = parameter(ctx, "REPORT-008", "window_months", 3)
    send_days = parameter(ctx, "REPORT-008", "send_days", 7)
    recipients = parameter(ctx, "REPORT-008", "recipients", _NO_NAMES)
    sections = parameter(ctx, "REPORT-008", "sections", _NO_SECTIONS)
    for i, r in enumerate(ctx.arrangement.yearly_reports or ()):
        if r.period_end is None or not _period_under_wt2023(r):
            continue
        early = earliest(r.period_end) + relativedelta(months=window)
        late = latest(r.period_end) + relativedelta(months=window)
        path = ("yearly_reports", i, "published")
        message = (
            f"{report_label(r)} was not published within {window} months of the end of its "
            f"period on {r.period_end}"
        )
        if r.published is None:
            if late < ctx.as_of:
                yield unknown(f"the day {report_label(r)} was published", path)
        else:
            missed = sure_or_maybe(
                earliest(r.published) > late and late < ctx.as_of,
                latest(r.published) > early and early < ctx.as_of,
            )
            yield from judged(missed, message, path)
    if recipients:
        yield from _sent_in_time(ctx, recipients, send_days, None, _period_under_wt2023)
    if sections:
        wanted = [(s, s.value.replace("_", " ")) for s in sections]
        yield from _sections_missing(ctx, wanted, None, _period_under_wt2023)


RULES: tuple[Rule, ...] = (
    yearly_report_published,
    report_covers_reviews,
    report_further_contents,
    report_sent_wt2018,
    report_statutory_pair,
    report_signed_off,
    scrutineer_contributes,
    report_wt2023_timing,
)
"""The REPORT family."""
