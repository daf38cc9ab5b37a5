"""What the published arrangements should set out: one row an item (PUB-003 to PUB-014).

Each item is a field of the file's ``contents`` (:class:`~safeguarding_partnership.model.Contents`)
and is named two ways: in a finding (``the published arrangements do not set out ...``) and as
a line of the public page's contents list. The rules (``rules/core/pub.py``) and the
arrangements document (``reports/document.py``) both read this table.
"""

from __future__ import annotations

import attrs

__all__ = ["CONTENTS", "ContentsItem"]


@attrs.frozen
class ContentsItem:
    """One item the published arrangements should set out."""

    code: str
    """The rule that asks for it."""
    field: str
    """Its field under ``contents``."""
    finding: str
    """How a finding names it: ``who the three safeguarding partners are``."""
    heading: str
    """How the public page names it: ``Who the safeguarding partners are``."""


CONTENTS: tuple[ContentsItem, ...] = (
    ContentsItem(
        "PUB-003",
        "needs_identification_and_response",
        "how the partners work together to identify and respond to children's needs (s.16E(2))",
        "How the safeguarding partners work together to identify and respond to the needs "
        "of children in the area",
    ),
    ContentsItem(
        "PUB-003",
        "serious_case_review",
        "arrangements to identify and review serious child safeguarding cases (s.16F(1))",
        "Arrangements to identify and review serious child safeguarding cases",
    ),
    ContentsItem(
        "PUB-003",
        "independent_scrutiny",
        "arrangements for independent scrutiny (s.16G(3))",
        "Arrangements for independent scrutiny",
    ),
    ContentsItem(
        "PUB-004",
        "partners",
        "who the three safeguarding partners are",
        "Who the safeguarding partners are",
    ),
    ContentsItem(
        "PUB-005",
        "geography",
        "the geographical boundaries covered",
        "The geographical boundaries covered",
    ),
    ContentsItem(
        "PUB-006",
        "relevant_agencies",
        "the chosen relevant agencies, why, and how they collaborate",
        "The relevant agencies, why, and how they collaborate",
    ),
    ContentsItem(
        "PUB-007",
        "education",
        "how early years settings, schools and other educational establishments are included",
        "How early years settings, schools, colleges and other educational establishments "
        "are included",
    ),
    ContentsItem(
        "PUB-008",
        "youth_custody_and_residential",
        "how youth custody establishments and residential homes for children are included",
        "How youth custody establishments and residential homes for children are included",
    ),
    ContentsItem(
        "PUB-009",
        "data_and_intelligence",
        "how data and intelligence are used to judge the "
        "effectiveness of help to children and families",
        "How data and intelligence are used to judge the effectiveness of help to children "
        "and families",
    ),
    ContentsItem(
        "PUB-010",
        "training_and_audit",
        "how multi-agency training is commissioned, delivered "
        "and monitored, and how multi-agency audits are done",
        "How multi-agency training is commissioned, delivered and monitored, and how "
        "multi-agency audits are done",
    ),
    ContentsItem(
        "PUB-011",
        "funding",
        "how the arrangements are funded",
        "How the arrangements are funded",
    ),
    ContentsItem(
        "PUB-012",
        "practice_review_process",
        "the local child safeguarding practice review process and how learning is embedded",
        "The process for local child safeguarding practice reviews and embedding learning",
    ),
    ContentsItem(
        "PUB-013",
        "child_voice",
        "how the voice of children and families is built in",
        "How the voice of children and families is built in",
    ),
    ContentsItem(
        "PUB-014",
        "threshold",
        "how the local threshold document fits with the arrangements",
        "How the local threshold document fits with the arrangements",
    ),
)
"""The items, in the order the guidance lists them; the three of PUB-003 first."""
