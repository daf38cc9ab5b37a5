"""Catalogue entries marked checkable (yes or partly) that no rule implements, and why.

Each family module's author adds the entries of their family here. A test compares this with
the catalogue, so that every checkable entry is either a rule or listed here with a reason.
"""

from __future__ import annotations

__all__ = ["NOT_IMPLEMENTED"]

NOT_IMPLEMENTED: dict[str, str] = {
    # "CODE-000": "reason it is not implemented",
    "PARTNERS-008": "the model has no information-request log (requester, purpose, recipient, "
    "outcome) to validate s.16H requests against",
    "PARTNERS-012": "the model has no record of an LSCB structure, and the name cannot decide: "
    "some s.16E partnerships still call themselves a safeguarding children board (STAFFS-IS)",
    "PARTNERS-013": "the model has no s11_duty attribute on organisations or agency kinds",
    "RA-002": "the Schedule enumeration is reference data (reference.schedule()); categories "
    "are checked against it when the file is loaded, so no rule is needed",
    "RA-006": "a power with no duty: no arrangement can breach it; the contributions table's "
    "structure is checked by PARTNERS-009",
    "LEAD-003": "only (iii) and (v) are testable: (iii) sign-off of key documents is PUB-015; "
    "(v) business support and an agreed data set have no field in the model",
    "CSPR-001": "a definition; the model holds reference numbers and dates only, with no "
    "abuse-or-neglect or died-or-seriously-harmed flags on incidents (and should not hold data "
    "about a child)",
    "CSPR-002": "the model has no incident location, residence or abuse/neglect and harm flags, "
    "so whether an incident had to be notified cannot be decided; notification timing is "
    "CSPR-003",
    "CSPR-006": "the model has no register of serious cases with a review/no-review decision "
    "for each; rapid review decisions are optional and the catalogue gives no timescale for "
    "commissioning a local review",
    "CSPR-007": "the model has no fields for the four reg 11 criteria or a rationale on the "
    "decision record",
    "CSPR-009": "the model has no log of the partners' monitoring checkpoints (reg 14)",
    "CSPR-010": "the model has no record of a review report's sections (recommended "
    "improvements, systemic analysis)",
    "CDR-002": "the model has no child-death register with residence and review status (and "
    "should not hold data about a child)",
    "CDR-003": "the model has no log of actions referred to other bodies after analysis",
    "CDR-006": "information requests (s.16N) and funding (s.16O) are powers, and having regard "
    "to guidance (s.16Q(1)) cannot be read from structured data",
    "SCRUT-003": "its one checkable part, that the scrutineer contributed to the yearly report "
    "(function vii), is REPORT-007, and a second rule would report the same fact twice; the "
    "model has no record of the scrutineer's part in the published arrangements or in "
    "resolving disputes (function vi)",
    "LATER-005": "law not yet in force (CWSA 2026 s.4 is not among the sections s.78(2) "
    "commenced, and no commencement regulations were found: LATER-003); the duty it inserts "
    "(new CA2004 s.16LA) is each relevant person's duty to disclose information about a child, "
    "which the library must never hold; its one checkable part, a stated information-sharing "
    "approach in the published arrangements covering designated education agencies, can be "
    "checked only once in force and has no field in the model",
    "LATER-004": "a definition the catalogue points to EDU-003 for; EDU-003 already reports an "
    "education body named in a safeguarding partner role, so a second rule would duplicate it",
}
