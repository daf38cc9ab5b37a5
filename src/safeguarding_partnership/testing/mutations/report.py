"""REPORT: break the duties on the yearly report."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from safeguarding_partnership.law import WT2023_START, Regime
from safeguarding_partnership.model import Arrangement, ReportSection, YearlyReport
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.mutations._edits import (
    AFTER_FIRST_REPORT,
    edit_reports,
    latest_report,
    replace_at,
    without_section,
)
from safeguarding_partnership.testing.mutations._registry import mutation

__all__: list[str] = []

_REPORT_008_FROM = dt.date(2025, 4, 11)
"""Reports come at most 360 days apart, so by this day one was published at least four months
after 15 December 2023: its period can have ended under WT2023 and still be four months old."""


@mutation("REPORT-007", regimes=("WT2023",))
def _scrutineer_left_out(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The scrutineer did not contribute to the yearly reports of WT2023."""
    edit = edit_reports(lambda r: evolve(r, scrutineer_contribution=False), Regime.WT2023.start)
    return edit(arr, as_of)


@mutation("REPORT-001", from_day=AFTER_FIRST_REPORT)
def _no_yearly_reports(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """No yearly report has been published in more than twelve months."""
    since = arr.valid_from
    if since is None or (as_of - since).days <= 400:
        return None
    reports = tuple(
        r for r in arr.yearly_reports or () if r.published is None or r.published > as_of
    )
    return evolve(arr, yearly_reports=reports)


mutation(
    "REPORT-002",
    edit_reports(without_section(ReportSection.PRACTICE_REVIEWS)),
    regimes=("WT2018",),
)
mutation(
    "REPORT-003",
    edit_reports(without_section(ReportSection.FEEDBACK_FROM_CHILDREN)),
    regimes=("WT2018",),
)
mutation(
    "REPORT-005",
    edit_reports(without_section(ReportSection.EFFECTIVENESS), Regime.WT2023.start),
    regimes=("WT2023",),
)
mutation(
    "REPORT-006",
    edit_reports(lambda r: evolve(r, signed_off_by=()), Regime.WT2023.start),
    regimes=("WT2023",),
)


@mutation("REPORT-004", regimes=("WT2018",), from_day=AFTER_FIRST_REPORT)
def _report_sent_late(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A WT2018 yearly report reached the Panel a month after publication."""

    def late(r: YearlyReport) -> YearlyReport:
        assert r.published is not None
        day = r.published + dt.timedelta(days=30)
        return evolve(r, sent=tuple(evolve(s, date=day) for s in r.sent or ()))

    latest = latest_report(arr, as_of)
    if latest is None or latest[1].published is None:
        return None
    if latest[1].published + dt.timedelta(days=30) > as_of:
        return None
    i, report = latest
    reports = arr.yearly_reports or ()
    return evolve(arr, yearly_reports=replace_at(reports, i, late(report)))


@mutation("REPORT-008", regimes=("WT2023",), from_day=_REPORT_008_FROM)
def _published_long_after_its_period(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A yearly report of a WT2023 period was published four months after the period ended
    (REPORT-008's default window is three months)."""
    for i, r in reversed(list(enumerate(arr.yearly_reports or ()))):
        if r.published is None or r.published > as_of:
            continue
        end = r.published - relativedelta(months=4)
        if end < WT2023_START:
            return None
        start = end - dt.timedelta(days=364)
        changed = evolve(r, period_start=start, period_end=end)
        return evolve(arr, yearly_reports=replace_at(arr.yearly_reports or (), i, changed))
    return None
