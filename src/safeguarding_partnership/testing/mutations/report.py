"""REPORT: break the duties on the yearly report."""

from __future__ import annotations

import datetime as dt

from safeguarding_partnership.law import Regime
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
