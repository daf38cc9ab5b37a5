"""The ``yearly-report`` format: a skeleton of the yearly report, as HTML, Markdown and Word.

The sections follow the guidance in force for the reporting period (catalogue section F),
taken as the edition of Working Together in force on the period's last day:

- always, the statutory pair: CA2004 s.16G(7)(a) and (b) (REPORT-001);
- for a WT2018 period, the section on child safeguarding practice reviews (REPORT-002) and
  items (i) to (iv) (REPORT-003);
- for a WT2023 period, the practice reviews within the statutory pair (REPORT-005), learning
  implemented and sign-off by the lead safeguarding partners (REPORT-006) and the
  scrutineer's contribution (REPORT-007).

Each section is filled with what the arrangements file holds for the period and, where the
file does not record that the report has it, marked "Evidence missing" with the evidence the
author still needs. WT2023's timing, recipients and extra contents (REPORT-008) are
unverified in the catalogue, so the skeleton does not assert them. ``yearly-report.docx``
has the same outline as the HTML, in Word's heading styles, for the author to write in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs
from dateutil.relativedelta import relativedelta

from safeguarding_partnership.findings import Finding
from safeguarding_partnership.law import Regime, regime_for
from safeguarding_partnership.model import Arrangement, ReportSection, YearlyReport
from safeguarding_partnership.model.dates import earliest, latest
from safeguarding_partnership.reports.docx import WordDocument
from safeguarding_partnership.reports.format import RenderContext, ReportFormat
from safeguarding_partnership.reports.formats.findings import FindingRow, group_findings
from safeguarding_partnership.reports.templating import day, render_template

__all__ = [
    "EVIDENCE_MISSING",
    "FORMAT",
    "ReportSkeleton",
    "SkeletonSection",
    "build_skeleton",
    "render",
    "to_docx",
]

EVIDENCE_MISSING = "Evidence missing"
INCLUDED = "Included in the report"

_WT2018 = "Working Together 2018 ch.3"
_WT2023 = "Working Together 2023 ch.2"
_EDITION_NAMES = {
    "WT2018": "Working Together to Safeguard Children 2018",
    "WT2023": "Working Together to Safeguard Children 2023",
}


@attrs.frozen
class _Spec:
    """A section of the yearly report and what asks for it."""

    section: ReportSection | None
    anchor: str
    heading: str
    source: str
    rule: str
    must: bool
    editions: frozenset[str]
    """Editions of Working Together whose periods have the section; empty: every period."""
    needs: str
    """The evidence the section needs."""
    record: str
    """What to record in the arrangements file once the report has it."""


def _recorded_section(section: ReportSection) -> str:
    return f"add {section.value} to the report's sections"


_SPECS: tuple[_Spec, ...] = (
    _Spec(
        ReportSection.WHAT_WAS_DONE,
        "what-was-done",
        "What the safeguarding partners and relevant agencies have done as a result of the "
        "arrangements",
        "Children Act 2004 s.16G(7)(a)",
        "REPORT-001",
        True,
        frozenset(),
        "What the safeguarding partners and relevant agencies did in the period as a result "
        "of the arrangements.",
        _recorded_section(ReportSection.WHAT_WAS_DONE),
    ),
    _Spec(
        ReportSection.EFFECTIVENESS,
        "effectiveness",
        "How effective the arrangements have been in practice",
        "Children Act 2004 s.16G(7)(b)",
        "REPORT-001",
        True,
        frozenset(),
        "How effective the arrangements have been in practice in the period.",
        _recorded_section(ReportSection.EFFECTIVENESS),
    ),
    _Spec(
        ReportSection.PRACTICE_REVIEWS,
        "practice-reviews",
        "Child safeguarding practice reviews: what was done",
        _WT2018,
        "REPORT-002",
        True,
        frozenset({"WT2018"}),
        "What the partners did on child safeguarding practice reviews in the period, checked "
        "against the reviews the period saw.",
        _recorded_section(ReportSection.PRACTICE_REVIEWS),
    ),
    _Spec(
        ReportSection.PRACTICE_REVIEWS,
        "practice-reviews",
        "Child safeguarding practice reviews: what was done",
        _WT2023,
        "REPORT-005",
        True,
        frozenset({"WT2023"}),
        "What the partners did on child safeguarding practice reviews in the period, checked "
        "against the reviews the period saw.",
        _recorded_section(ReportSection.PRACTICE_REVIEWS),
    ),
    _Spec(
        ReportSection.OUTCOMES_EVIDENCE,
        "outcomes",
        "(i) Evidence of the effect on outcomes for children and families, training included",
        _WT2018,
        "REPORT-003",
        False,
        frozenset({"WT2018"}),
        "Evidence of how the work of the partners and relevant agencies, training included, "
        "affected outcomes for children and families, from early help through to looked-after "
        "children and care leavers.",
        _recorded_section(ReportSection.OUTCOMES_EVIDENCE),
    ),
    _Spec(
        ReportSection.LITTLE_PROGRESS,
        "little-progress",
        "(ii) Priorities with little or no progress",
        _WT2018,
        "REPORT-003",
        False,
        frozenset({"WT2018"}),
        "An analysis of the agreed priorities that show little or no progress.",
        _recorded_section(ReportSection.LITTLE_PROGRESS),
    ),
    _Spec(
        ReportSection.REVIEW_RECOMMENDATIONS,
        "review-recommendations",
        "(iii) Decisions and actions on recommendations from local and national reviews",
        _WT2018,
        "REPORT-003",
        False,
        frozenset({"WT2018"}),
        "A record of the decisions and actions taken or planned by the partners on the "
        "recommendations of local and national child safeguarding practice reviews, and the "
        "improvements that followed.",
        _recorded_section(ReportSection.REVIEW_RECOMMENDATIONS),
    ),
    _Spec(
        ReportSection.FEEDBACK_FROM_CHILDREN,
        "feedback",
        "(iv) How feedback from children and families was sought and used",
        _WT2018,
        "REPORT-003",
        False,
        frozenset({"WT2018"}),
        "How the partners sought and used feedback from children and families to shape their "
        "work and services.",
        _recorded_section(ReportSection.FEEDBACK_FROM_CHILDREN),
    ),
    _Spec(
        ReportSection.LEARNING_IMPLEMENTED,
        "learning-implemented",
        "Learning implemented and its effect on practice",
        _WT2023,
        "REPORT-006",
        False,
        frozenset({"WT2023"}),
        "How recommendations from independent scrutiny and from local and national reviews "
        "were carried out, and how they changed practice.",
        _recorded_section(ReportSection.LEARNING_IMPLEMENTED),
    ),
    _Spec(
        None,
        "scrutineer",
        "The independent scrutineer's evaluation and contribution",
        _WT2023,
        "REPORT-007",
        False,
        frozenset({"WT2023"}),
        "The independent scrutineer's evaluation of the arrangements and contribution to this "
        "report.",
        "set scrutineer_contribution: true on the report",
    ),
    _Spec(
        None,
        "sign-off",
        "Sign-off by the lead safeguarding partners",
        _WT2023,
        "REPORT-006",
        False,
        frozenset({"WT2023"}),
        "The sign-off of this report by each lead safeguarding partner.",
        "list in signed_off_by the organisations whose lead safeguarding partners signed it off",
    ),
)

_NOTES = {
    "WT2023": (
        "Working Together 2023 expects the report to be transparent and easy for families "
        "and professionals to find, and to focus on multi-agency priorities, learning, "
        f"impact, evidence and improvement ({_WT2023}, REPORT-005).",
        "Working Together 2023 may also set a window for publication, who the report is sent "
        "to and further contents; these are not confirmed, so this skeleton does not list "
        "them (REPORT-008).",
    ),
}


@attrs.frozen
class SkeletonSection:
    """One required section: whether the report has it, what the file holds for it, and the
    evidence the author still needs."""

    anchor: str
    heading: str
    source: str
    rule: str
    must: bool
    status: str
    facts: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def required_by(self) -> str:
        """``Required by`` for a duty (must), ``Expected by`` for guidance (should)."""
        return "Required by" if self.must else "Expected by"


@attrs.frozen
class ReportSkeleton:
    """The yearly report skeleton for one reporting period."""

    name: str
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    edition: str | None
    """The edition of Working Together in force on the period's last day, if any."""
    recorded: bool
    published: dt.date | None
    url: str | None
    sections: tuple[SkeletonSection, ...]
    notes: tuple[str, ...]
    findings: tuple[FindingRow, ...]
    other_findings: int

    @property
    def edition_name(self) -> str | None:
        return _EDITION_NAMES.get(self.edition or "")

    @property
    def title(self) -> str:
        return f"{self.name}: yearly report"


def _latest(arr: Arrangement, as_of: dt.date) -> YearlyReport | None:
    def key(r: YearlyReport) -> dt.date:
        return latest(r.period_end or r.published or dt.date.min)

    reports = [r for r in arr.yearly_reports or () if key(r) <= as_of]
    return max(reports, key=key) if reports else None


def _between(value: dt.date | None, start: dt.date, end: dt.date) -> bool:
    """Whether a day (a month-level day: all of it) falls in the period."""
    return value is not None and start <= earliest(value) and latest(value) <= end


def _facts(
    arr: Arrangement, anchor: str, start: dt.date, end: dt.date, priorities: bool
) -> list[str]:
    """What the file holds for a section in the period; ``priorities`` says whether the
    local priorities belong in this section (the one that reports on progress)."""
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
    elif anchor in ("little-progress", "effectiveness") and priorities:
        for priority in arr.priorities or ():
            facts.append(f"Priority: {priority}.")
    return facts


def _status(spec: _Spec, report: YearlyReport | None) -> tuple[bool, list[str]]:
    """Whether the report has the section, and facts about it from the report's record."""
    arr_facts: list[str] = []
    if spec.anchor == "scrutineer":
        flag = report.scrutineer_contribution if report else None
        if flag is False:
            arr_facts.append("Recorded: the scrutineer did not contribute.")
        return bool(flag), arr_facts
    if spec.anchor == "sign-off":
        signed = report.signed_off_by if report else None
        return bool(signed), arr_facts
    sections = report.sections if report else None
    return sections is not None and spec.section in sections, arr_facts


def build_skeleton(
    arrangement: Arrangement, as_of: dt.date, findings: Sequence[Finding] = ()
) -> ReportSkeleton:
    """The skeleton of the latest yearly report by ``as_of``, or of the 12 months to ``as_of``,
    with the sections of the edition of Working Together in force at the period's end."""
    arr = arrangement
    report = _latest(arr, as_of)
    end = latest((report.period_end if report else None) or as_of)
    first = report.period_start if report else None
    start = (
        earliest(first)
        if first is not None
        else (end - relativedelta(years=1) + dt.timedelta(days=1))
    )
    regime = regime_for(end)
    edition = regime.key if regime in (Regime.WT2018, Regime.WT2023) else None
    specs = [s for s in _SPECS if not s.editions or edition in s.editions]
    anchors = {s.anchor for s in specs}
    sections = []
    for spec in specs:
        progress = spec.anchor == "little-progress" or (
            spec.anchor == "effectiveness" and "little-progress" not in anchors
        )
        facts = _facts(arr, spec.anchor, start, end, progress)
        ok, more = _status(spec, report)
        if spec.anchor == "sign-off":
            for ref in (report.signed_off_by if report else None) or ():
                org = arr.organisation(ref)
                facts.append(f"Signed off for {org.name if org else ref}.")
        facts.extend(more)
        evidence = () if ok else (spec.needs, f"Then, in the arrangements file, {spec.record}.")
        sections.append(
            SkeletonSection(
                anchor=spec.anchor,
                heading=spec.heading,
                source=spec.source,
                rule=spec.rule,
                must=spec.must,
                status=INCLUDED if ok else EVIDENCE_MISSING,
                facts=tuple(facts),
                evidence=evidence,
            )
        )
    own = [f for f in findings if f.rule_id.startswith("REPORT-")]
    rows = tuple(row for group in group_findings(own) for row in group.rows)
    return ReportSkeleton(
        name=arr.name,
        as_of=as_of,
        period_start=start,
        period_end=end,
        edition=edition,
        recorded=report is not None,
        published=report.published if report else None,
        url=report.url if report else None,
        sections=tuple(sections),
        notes=_NOTES.get(edition or "", ()),
        findings=rows,
        other_findings=len(findings) - len(own),
    )


def _period(r: ReportSkeleton) -> str:
    text = f"{day(r.period_start)} to {day(r.period_end)}"
    if not r.recorded:
        text += f" (no yearly report is recorded; the 12 months to {day(r.as_of)} are shown)"
    return text


def to_docx(r: ReportSkeleton) -> bytes:
    """The skeleton as a Word document with the HTML's outline, dated the day rendered as of."""
    doc = WordDocument(r.title, r.as_of)
    doc.paragraph("Yearly report skeleton (Children Act 2004 s.16G(7)).", italic=True)
    doc.heading("About this report", 1)
    doc.paragraph(_period(r), bold_prefix="Reporting period:")
    doc.paragraph(
        r.edition_name or "none (the period ended before Working Together 2018)",
        bold_prefix="Guidance in force for the period:",
    )
    doc.paragraph(day(r.published), bold_prefix="Published:")
    if r.url:
        doc.paragraph(r.url, bold_prefix="Where:")
    doc.paragraph(_ABOUT)
    for note in r.notes:
        doc.paragraph(note)
    for s in r.sections:
        doc.heading(s.heading, 1)
        doc.paragraph(f"{s.required_by} {s.source} ({s.rule}). Status: {s.status}.")
        if s.facts:
            doc.heading(_HOLDS, 2)
            doc.bullets(s.facts)
        if s.evidence:
            doc.heading(_NEEDED, 2)
            doc.to_do(s.evidence)
        doc.paragraph("Write this section here.", italic=True)
    doc.heading("Findings on the yearly report", 1)
    if r.findings:
        doc.bullets([f"{f.rule}: {f.message} ({f.citation or 'no citation'})" for f in r.findings])
    else:
        doc.paragraph(f"The check found nothing about the yearly report as of {day(r.as_of)}.")
    doc.paragraph(f"Other findings on the arrangements: {r.other_findings}.")
    return doc.to_bytes()


_ABOUT = (
    "Each section below is one the law or the guidance in force for the period asks for. "
    "“Evidence missing” means the arrangements file does not record that the report has it."
)
_HOLDS = "What the arrangements file holds for the period"
_NEEDED = "Evidence still needed"


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``yearly-report.html``, ``yearly-report.md`` and ``yearly-report.docx``."""
    skeleton = build_skeleton(ctx.arrangement, ctx.as_of, ctx.findings)
    words = {"about": _ABOUT, "holds": _HOLDS, "needed": _NEEDED}
    return {
        "yearly-report.html": render_template(
            "yearly-report.html", ctx.options, r=skeleton, words=words
        ),
        "yearly-report.md": render_template(
            "yearly-report.md", ctx.options, r=skeleton, words=words
        ),
        "yearly-report.docx": to_docx(skeleton),
    }


FORMAT = ReportFormat(
    name="yearly-report",
    title="Yearly report skeleton",
    render=render,
    description="Every section the yearly report needs for its period under the guidance then "
    "in force (REPORT-001 to REPORT-007), filled with what the file holds, with the evidence "
    "still needed and the rule findings on it; as HTML, Markdown and a Word document.",
)
