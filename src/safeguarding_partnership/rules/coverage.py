"""How much of the rule catalogue the core implements, and why the rest is not.

Every catalogue entry marked checkable (``Check: yes`` or ``partly``) is either a core rule,
implemented by the engine, or listed in :data:`NOT_IMPLEMENTED` (the not-implemented register)
with a reason. ``safeguarding-partnership rules --coverage`` prints this account.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from safeguarding_partnership.reference.catalogue import CatalogueEntry, catalogue_entries
from safeguarding_partnership.rules.rule import Rule

__all__ = ["NOT_IMPLEMENTED", "Coverage", "catalogue_coverage", "coverage_lines"]

NOT_IMPLEMENTED: dict[str, str] = {
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
"""Checkable catalogue entries that no rule implements, each with the reason. A test compares
this register with the catalogue, so that every checkable entry is a rule or listed here."""


@attrs.frozen
class Coverage:
    """The catalogue split by what the core does with each entry."""

    implemented: tuple[CatalogueEntry, ...]
    """Checkable entries with a rule of the same code."""
    by_engine: tuple[tuple[CatalogueEntry, str], ...]
    """Checkable entries the engine implements (choosing rules by date), with how."""
    not_implemented: tuple[tuple[CatalogueEntry, str], ...]
    """Checkable entries with no rule, each with the reason from ``NOT_IMPLEMENTED``."""
    missing: tuple[CatalogueEntry, ...]
    """Checkable entries with neither a rule nor a reason: work left to do."""
    not_checkable: tuple[CatalogueEntry, ...]
    """Entries the catalogue marks ``Check: no`` or ``n/a``."""
    not_checkable_implemented: tuple[CatalogueEntry, ...] = ()
    """Entries marked not checkable that a rule covers all the same."""
    uncatalogued: tuple[str, ...] = ()
    """Rule codes that are not catalogue entries."""
    contradictions: tuple[str, ...] = ()
    """``NOT_IMPLEMENTED`` entries that are implemented, unknown or not checkable."""

    @property
    def checkable(self) -> int:
        return (
            len(self.implemented)
            + len(self.by_engine)
            + len(self.not_implemented)
            + len(self.missing)
        )

    @property
    def complete(self) -> bool:
        """Every checkable entry is accounted for, and the register does not contradict itself."""
        return not self.missing and not self.contradictions

    def as_data(self) -> dict[str, Any]:
        return {
            "entries": self.checkable + len(self.not_checkable),
            "checkable": self.checkable,
            "implemented": [e.id for e in self.implemented],
            "by_engine": {e.id: how for e, how in self.by_engine},
            "not_implemented": {e.id: reason for e, reason in self.not_implemented},
            "missing": [e.id for e in self.missing],
            "not_checkable": {e.id: e.check for e in self.not_checkable},
            "not_checkable_implemented": [e.id for e in self.not_checkable_implemented],
            "uncatalogued": list(self.uncatalogued),
            "contradictions": list(self.contradictions),
            "complete": self.complete,
        }


def catalogue_coverage(
    rules: Iterable[Rule] | None = None,
    not_implemented: Mapping[str, str] | None = None,
    entries: Iterable[CatalogueEntry] | None = None,
) -> Coverage:
    """The coverage of the catalogue by ``rules`` (default: the core rules, registry rules
    included)."""
    if rules is None:
        from safeguarding_partnership.rules.core import core_rules, registry_rules

        rules = (*core_rules(), *registry_rules())
    if not_implemented is None:
        not_implemented = NOT_IMPLEMENTED
    catalogue = tuple(entries) if entries is not None else catalogue_entries()
    codes = {r.code for r in rules}
    ids = {e.id: e for e in catalogue}

    from safeguarding_partnership.rules.engine import IMPLEMENTED_BY_ENGINE

    implemented, listed, missing, not_checkable, extra = [], [], [], [], []
    by_engine = []
    for e in catalogue:
        if not e.checkable:
            not_checkable.append(e)
            if e.id in codes:
                extra.append(e)
        elif e.id in codes:
            implemented.append(e)
        elif e.id in IMPLEMENTED_BY_ENGINE:
            by_engine.append((e, IMPLEMENTED_BY_ENGINE[e.id]))
        elif e.id in not_implemented and not_implemented[e.id].strip():
            listed.append((e, not_implemented[e.id]))
        else:
            missing.append(e)

    contradictions = []
    for code in sorted(not_implemented):
        if code in codes:
            contradictions.append(f"{code} is listed as not implemented but a rule has it")
        elif code not in ids:
            contradictions.append(f"{code} is listed as not implemented but is not catalogued")
        elif not ids[code].checkable:
            contradictions.append(f"{code} is listed as not implemented but is not checkable")
        elif not not_implemented[code].strip():
            contradictions.append(f"{code} is listed as not implemented with no reason")
    return Coverage(
        implemented=tuple(implemented),
        by_engine=tuple(by_engine),
        not_implemented=tuple(listed),
        missing=tuple(missing),
        not_checkable=tuple(not_checkable),
        not_checkable_implemented=tuple(extra),
        uncatalogued=tuple(sorted(codes - set(ids))),
        contradictions=tuple(contradictions),
    )


def coverage_lines(coverage: Coverage) -> list[str]:
    """The coverage as lines of text, counts first."""
    c = coverage
    total = c.checkable + len(c.not_checkable)
    lines = [
        f"catalogue entries: {total}, of which checkable (yes or partly): {c.checkable}",
        f"  implemented by a rule: {len(c.implemented)}",
        f"  implemented by the engine (choosing rules by date): {len(c.by_engine)}",
        f"  not implemented, with a reason: {len(c.not_implemented)}",
        f"  not accounted for: {len(c.missing)}",
        f"not checkable (no or n/a): {len(c.not_checkable)}"
        + (
            f", of which implemented anyway: {len(c.not_checkable_implemented)}"
            if c.not_checkable_implemented
            else ""
        ),
    ]
    if c.missing:
        lines.append("not accounted for: " + ", ".join(e.id for e in c.missing))
    if c.not_implemented:
        lines.append("not implemented:")
    for e, reason in c.not_implemented:
        lines.append(f"  {e.id}: {reason}")
    if c.uncatalogued:
        lines.append("rules that are not catalogue entries: " + ", ".join(c.uncatalogued))
    lines.extend(f"contradiction: {x}" for x in c.contradictions)
    return lines
