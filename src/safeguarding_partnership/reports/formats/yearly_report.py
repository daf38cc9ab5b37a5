"""The ``yearly-report`` format: a skeleton of the yearly report with every required section.

Sections follow catalogue section F: CA2004 s.16G(7)(a) and (b) (REPORT-001), WT2018's
practice review section and items (i) to (iv) (REPORT-002, REPORT-003), and WT2023's
learning implemented, scrutineer contribution and sign-off (REPORT-006, REPORT-007). Each
is filled with what the arrangements file holds for the reporting period, and marked
"Evidence missing" where it holds nothing. WT2023's timing, recipients and extra contents
(REPORT-008) are unverified in the catalogue, so the skeleton does not assert them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs
from dateutil.relativedelta import relativedelta

from safeguarding_partnership.findings import Finding
from safeguarding_partnership.model import Arrangement, ReportSection, YearlyReport
from safeguarding_partnership.model.dates import earliest, latest
from safeguarding_partnership.reports.format import RenderContext, ReportFormat
from safeguarding_partnership.reports.formats.findings import FindingRow, group_findings
from safeguarding_partnership.reports.templating import day, render_template

__all__ = ["FORMAT", "ReportSkeleton", "SkeletonSection", "build_skeleton", "render"]

EVIDENCE_MISSING = "Evidence missing"

_SECTIONS: tuple[tuple[ReportSection | None, str, str, str, str], ...] = (
    (
        ReportSection.WHAT_WAS_DONE,
        "what-was-done",
        "What the safeguarding partners and relevant agencies have done as a result of the "
        "arrangements",
        "Children Act 2004 s.16G(7)(a)",
        "REPORT-001",
    ),
    (
        ReportSection.EFFECTIVENESS,
        "effectiveness",
        "How effective the arrangements have been in practice",
        "Children Act 2004 s.16G(7)(b)",
        "REPORT-001",
    ),
    (
        ReportSection.PRACTICE_REVIEWS,
        "practice-reviews",
        "Child safeguarding practice reviews: what was done",
        "Working Together 2018 ch.3; Working Together 2023 ch.2",
        "REPORT-002",
    ),
    (
        ReportSection.OUTCOMES_EVIDENCE,
        "outcomes",
        "(i) Evidence of the effect on outcomes for children and families, training included",
        "Working Together 2018 ch.3",
        "REPORT-003",
    ),
    (
        ReportSection.LITTLE_PROGRESS,
        "little-progress",
        "(ii) Priorities with little or no progress",
        "Working Together 2018 ch.3",
        "REPORT-003",
    ),
    (
        ReportSection.REVIEW_RECOMMENDATIONS,
        "review-recommendations",
        "(iii) Decisions and actions on recommendations from local and national reviews",
        "Working Together 2018 ch.3",
        "REPORT-003",
    ),
    (
        ReportSection.FEEDBACK_FROM_CHILDREN,
        "feedback",
        "(iv) How feedback from children and families was sought and used",
        "Working Together 2018 ch.3",
        "REPORT-003",
    ),
    (
        ReportSection.LEARNING_IMPLEMENTED,
        "learning-implemented",
        "Learning implemented and its effect on practice",
        "Working Together 2023 ch.2",
        "REPORT-006",
    ),
    (
        None,
        "scrutineer",
        "The independent scrutineer's evaluation and contribution",
        "Working Together 2023 ch.2",
        "REPORT-007",
    ),
    (
        None,
        "sign-off",
        "Sign-off by the lead safeguarding partners",
        "Working Together 2023 ch.2",
        "REPORT-006",
    ),
)


@attrs.frozen
class SkeletonSection:
    """One required section: whether the report has it, and what the file holds for it."""

    anchor: str
    heading: str
    source: str
    rule: str
    status: str
    facts: tuple[str, ...]


@attrs.frozen
class ReportSkeleton:
    """The yearly report skeleton for one reporting period."""

    name: str
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    recorded: bool
    published: dt.date | None
    url: str | None
    sections: tuple[SkeletonSection, ...]
    findings: tuple[FindingRow, ...]
    other_findings: int


def _latest(arr: Arrangement, as_of: dt.date) -> YearlyReport | None:
    def key(r: YearlyReport) -> dt.date:
        return latest(r.period_end or r.published or dt.date.min)

    reports = [r for r in arr.yearly_reports or () if key(r) <= as_of]
    return max(reports, key=key) if reports else None


def _between(value: dt.date | None, start: dt.date, end: dt.date) -> bool:
    """Whether a day (a month-level day: all of it) falls in the period."""
    return value is not None and start <= earliest(value) and latest(value) <= end


def _facts(arr: Arrangement, anchor: str, start: dt.date, end: dt.date) -> list[str]:
    facts: list[str] = []
    if anchor == "what-was-done":
        for group in arr.groups or ():
            met = [d for d in group.meetings or () if _between(d, start, end)]
            if group.meetings is not None:
                facts.append(f"{group.name}: {len(met)} meetings recorded in the period.")
        for item in arr.funding or ():
            org = arr.organisation(item.contributor) if item.contributor else None
            amount = f"£{item.amount:,}" if item.amount is not None else "an amount not recorded"
            if item.approximate and item.amount is not None:
                amount = f"about {amount}"
            year = item.year or "(year not recorded)"
            facts.append(f"Funding {year}: {org.label if org else item.giver} gave {amount}.")
    elif anchor == "practice-reviews":
        notes = [n for n in arr.notifications or () if _between(n.notified, start, end)]
        if arr.notifications is not None:
            facts.append(f"Serious incidents notified to the Panel in the period: {len(notes)}.")
        for rr in arr.rapid_reviews or ():
            if _between(rr.completed or rr.started, start, end):
                decision = rr.decision.replace("_", " ") if rr.decision else "not recorded"
                facts.append(f"Rapid review {rr.reference}: decision {decision}.")
        for pr in arr.practice_reviews or ():
            if _between(pr.initiated, start, end):
                facts.append(f"Local child safeguarding practice review {pr.reference} begun.")
            if _between(pr.published, start, end):
                facts.append(
                    f"Local child safeguarding practice review {pr.reference} published "
                    f"{day(pr.published)}."
                )
    elif anchor == "little-progress":
        for priority in arr.priorities or ():
            facts.append(f"Priority: {priority}.")
    return facts


def build_skeleton(
    arrangement: Arrangement, as_of: dt.date, findings: Sequence[Finding] = ()
) -> ReportSkeleton:
    """The skeleton of the latest yearly report by ``as_of``, or of the 12 months to ``as_of``."""
    arr = arrangement
    report = _latest(arr, as_of)
    end = latest((report.period_end if report else None) or as_of)
    first = report.period_start if report else None
    start = (
        earliest(first)
        if first is not None
        else (end - relativedelta(years=1) + dt.timedelta(days=1))
    )
    included = set(report.sections or ()) if report and report.sections is not None else None
    sections = []
    for section, anchor, heading, source, rule in _SECTIONS:
        facts = _facts(arr, anchor, start, end)
        if anchor == "scrutineer":
            flag = report.scrutineer_contribution if report else None
            ok = bool(flag)
            if flag is False:
                facts.append("Recorded: the scrutineer did not contribute.")
        elif anchor == "sign-off":
            signed = report.signed_off_by if report else None
            ok = bool(signed)
            for ref in signed or ():
                org = arr.organisation(ref)
                facts.append(f"Signed off for {org.name if org else ref}.")
        else:
            ok = included is not None and section in included
        sections.append(
            SkeletonSection(
                anchor=anchor,
                heading=heading,
                source=source,
                rule=rule,
                status="Included in the report" if ok else EVIDENCE_MISSING,
                facts=tuple(facts),
            )
        )
    own = [f for f in findings if f.rule_id.startswith("REPORT-")]
    rows = tuple(row for group in group_findings(own) for row in group.rows)
    return ReportSkeleton(
        name=arr.name,
        as_of=as_of,
        period_start=start,
        period_end=end,
        recorded=report is not None,
        published=report.published if report else None,
        url=report.url if report else None,
        sections=tuple(sections),
        findings=rows,
        other_findings=len(findings) - len(own),
    )


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``yearly-report.html`` and ``yearly-report.md``."""
    skeleton = build_skeleton(ctx.arrangement, ctx.as_of, ctx.findings)
    return {
        "yearly-report.html": render_template("yearly-report.html", r=skeleton),
        "yearly-report.md": render_template("yearly-report.md", r=skeleton),
    }


FORMAT = ReportFormat(
    name="yearly-report",
    title="Yearly report skeleton",
    render=render,
    description="Every section the yearly report needs (REPORT-001 to REPORT-008), filled "
    "with what the file holds, with the rule findings on it.",
)
