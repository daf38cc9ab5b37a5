"""Yearly reports (CA2004 s.16G(7)) published on time, with every section, sent and signed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from hypothesis import strategies as st

from safeguarding_partnership.model import ReportSection, Sending, YearlyReport
from safeguarding_partnership.testing.strategies._choices import Choices, drawn
from safeguarding_partnership.testing.strategies._text import url

__all__ = ["yearly_reports"]


_ALL_SECTIONS = tuple(ReportSection)
_RECIPIENTS = ("panel", "what_works_centre", "foundations", "dfe")


def build_yearly_reports(
    choose: Choices,
    since: dt.date,
    as_of: dt.date,
    signers: Callable[[dt.date], tuple[str, ...]],
) -> tuple[YearlyReport, ...]:
    """The yearly reports from ``since`` to ``as_of`` (see :func:`yearly_reports`)."""
    reports: list[YearlyReport] = []
    last = since
    while True:
        gap = choose.integer(180, 360)
        day = last + dt.timedelta(days=gap)
        if day > as_of:
            break
        # published within two months of the period end (REPORT-008 allows three)
        period_end = day - dt.timedelta(days=choose.integer(1, 60))
        period_start = max(since, period_end - dt.timedelta(days=364))
        delay = choose.integer(0, 7)
        n = len(reports) + 1
        reports.append(
            YearlyReport(
                id=f"report-{n}",
                period_start=period_start,
                period_end=period_end,
                published=day,
                url=url(f"yearly-report-{n}"),
                sections=_ALL_SECTIONS,
                sent=tuple(
                    Sending(to=to, date=min(day + dt.timedelta(days=delay), as_of))
                    for to in _RECIPIENTS
                ),
                signed_off_by=signers(day) or None,
                scrutineer_contribution=True,
            )
        )
        last = day
    return tuple(reports)


def yearly_reports(
    *,
    since: dt.date,
    as_of: dt.date,
    signed_off_by: Callable[[dt.date], tuple[str, ...]] | Sequence[str] = (),
) -> st.SearchStrategy[tuple[YearlyReport, ...]]:
    """Yearly reports (CA2004 s.16G(7)) published from ``since`` up to ``as_of``.

    No gap between the start and the first report, between reports, or between the last
    report and ``as_of``, exceeds 360 days; each is published within 60 days of the end of
    its reporting period. Each has every section, goes to its recipients
    within 7 days, and is signed off by ``signed_off_by`` (ids, or a function of the
    publication day). Shrinks towards reports every 180 days, sent on the day.
    """
    signers = signed_off_by if callable(signed_off_by) else (lambda _d: tuple(signed_off_by))
    return drawn(lambda choose: build_yearly_reports(choose, since, as_of, signers))
