"""Dated records: yearly reports, notifications, rapid reviews, practice reviews.

These hold dates and reference numbers only, never data about a child.
"""

import enum
from decimal import Decimal
from typing import Literal

from pydantic import Field, StrictBool, StrictInt

from safeguarding_partnership.model.common import (
    GssCode,
    Id,
    Keyword,
    Listed,
    NoneOr,
    Recorded,
    Ref,
    Sourced,
    Text,
    Url,
)
from safeguarding_partnership.model.dates import Day

__all__ = [
    "ChildDeathReview",
    "FundingContribution",
    "PracticeReview",
    "RapidReview",
    "ReportSection",
    "Sending",
    "SeriousIncidentNotification",
    "SignOff",
    "YearlyReport",
]

Reference = Keyword
"""A local reference number (of a notification or review): a code, not free text."""


class ReportSection(enum.StrEnum):
    """Sections of a yearly report named by the statute and guidance."""

    WHAT_WAS_DONE = "what_was_done"
    """CA2004 s.16G(7)(a)."""
    EFFECTIVENESS = "effectiveness"
    """CA2004 s.16G(7)(b)."""
    PRACTICE_REVIEWS = "practice_reviews"
    """WT2018 ch.3: what was done on child safeguarding practice reviews."""
    OUTCOMES_EVIDENCE = "outcomes_evidence"
    """WT2018 ch.3 (i)."""
    LITTLE_PROGRESS = "little_progress"
    """WT2018 ch.3 (ii)."""
    REVIEW_RECOMMENDATIONS = "review_recommendations"
    """WT2018 ch.3 (iii)."""
    FEEDBACK_FROM_CHILDREN = "feedback_from_children"
    """WT2018 ch.3 (iv)."""
    LEARNING_IMPLEMENTED = "learning_implemented"
    """WT2023 ch.2: learning implemented and its effect on practice."""


class Sending(Recorded):
    """A document sent to a body on a date."""

    to: Keyword
    """Who it was sent to (for example ``panel``, ``what_works_centre``, ``dfe``)."""
    date: Day | None = None
    """When it was sent."""


class SignOff(Recorded):
    """A document signed off by posts (WT2023 ch.2; PUB-015)."""

    document: Literal["arrangements", "budget", "yearly_report", "threshold"]
    """Which document."""
    date: Day | None = None
    """When."""
    by: Listed[Ref] = None
    """Organisations whose lead safeguarding partners signed."""


class YearlyReport(Recorded):
    """A yearly report (CA2004 s.16G(7)). Reporting periods may be irregular."""

    id: Id | None = None
    """Identifier."""
    period_start: Day | None = None
    """First day of the period the report covers."""
    period_end: Day | None = None
    """Last day of the period the report covers."""
    published: Day | None = None
    """Day of publication (what REPORT-001 tests)."""
    url: Url | None = None
    """Where it is published."""
    sections: Listed[ReportSection] = None
    """Sections the report contains."""
    sent: Listed[Sending] = None
    """Who it was sent to, and when."""
    signed_off_by: Listed[Ref] = None
    """Organisations whose lead safeguarding partners signed it off."""
    scrutineer_contribution: StrictBool | None = None
    """Whether the independent scrutineer evaluated and contributed to it."""


class SeriousIncidentNotification(Sourced):
    """A serious incident notified to the Panel (CA2004 s.16C). A reference number only."""

    reference: Reference
    """The notification's reference number."""
    became_aware: Day | None = None
    """When the local authority became aware of the incident."""
    notified: Day | None = None
    """When the Panel was notified."""


class RapidReview(Sourced):
    """A rapid review after a notification (WT2018 ch.4, WT2023 ch.5)."""

    reference: Reference
    """The rapid review's reference."""
    notification: Reference | None = None
    """Reference of the notification it follows."""
    started: Day | None = None
    """When it started."""
    completed: Day | None = None
    """When it was completed."""
    sent_to_panel: Day | None = None
    """When it was sent to the Panel."""
    decision: Literal["local_review", "no_local_review", "national_review"] | None = None
    """What the partners decided."""


class PracticeReview(Sourced):
    """A local child safeguarding practice review (CA2004 s.16F; SI 2018/789 regs 11-17)."""

    reference: Reference
    """The review's reference."""
    rapid_review: Reference | None = None
    """Reference of the rapid review that led to it."""
    initiated: Day | None = None
    """When it was commissioned."""
    reviewer_appointed: Day | None = None
    """When the reviewer was appointed (reg 12)."""
    reviewer_removed: Day | None = None
    """When a reviewer was removed, if one was (reg 13)."""
    sent_to_secretary_of_state: Day | None = None
    """When the report went to the Secretary of State (reg 16)."""
    sent_to_panel: Day | None = None
    """When the report went to the Panel (reg 16)."""
    published: Day | None = None
    """When it was published."""
    publication: Literal["full", "improvements_only"] | None = None
    """Full report, or information about improvements only (s.16F(4)-(5))."""
    publication_rationale: Text | None = None
    """Why only improvements were published."""
    withdrawn: Day | None = None
    """When it stopped being publicly available."""
    url: Url | None = None
    """Where it is published."""


class ChildDeathReview(Recorded):
    """Child death review arrangements (CA2004 ss.16M-16Q)."""

    footprint: Listed[GssCode] = None
    """Areas the child death review arrangements cover (often wider)."""
    partners: Listed[Ref] = None
    """Child death review partners: the local authority and health bodies."""
    panel: Ref | None = None
    """The child death overview panel, as a group id (it may be shared)."""
    published_url: Url | None = None
    """Where the arrangements are published."""
    reports: Listed[Day] = None
    """Dates the child death review report was published."""
    deaths_per_year: StrictInt | None = Field(default=None, ge=0)
    """Child deaths reviewed in a year across the footprint (CDR-007)."""


class FundingContribution(Recorded):
    """A contribution to the arrangements' costs (CA2004 s.16I).

    ``amount``, ``share`` and ``in_kind`` together say what was given: ``amount: 0`` says no
    money was given and ``in_kind: none`` that nothing was given in kind; left out, either is
    unknown (so ``amount: 0`` alone does not say that nothing was given). A contribution
    whose giver is not named ("in kind from other agencies") leaves out ``contributor`` and
    says who in ``description``.
    """

    year: Text | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    """Financial year, such as ``2024-25``; unknown when a share is published without one."""
    contributor: Ref | None = None
    """The contributing organisation; unknown when the publication does not name it."""
    description: Text | None = None
    """Who gives, when not one declared organisation ("other relevant agencies")."""
    amount: Decimal | None = Field(default=None, ge=0)
    """Money contributed, in pounds."""
    in_kind: NoneOr[Text] = None
    """What is given in kind (staff, rooms, services); ``none`` when nothing is."""
    share: Decimal | None = Field(default=None, ge=0, le=100)
    """Share of the budget, in per cent."""
    approximate: bool | None = None
    """``true`` when the amount or share is published as approximate ("about 80%")."""

    @property
    def giver(self) -> str:
        """How a message names the contributor."""
        return self.contributor or self.description or "an unnamed contributor"
