"""How much of the rule catalogue the core implements, and why the rest is not.

Every catalogue entry marked checkable (``Check: yes`` or ``partly``) is either a core rule
or listed in :data:`~.not_implemented.NOT_IMPLEMENTED` with a reason. ``safeguarding-partnership
rules --coverage`` prints this account.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from safeguarding_partnership.reference.catalogue import CatalogueEntry, catalogue_entries
from safeguarding_partnership.rules.rule import Rule

__all__ = ["Coverage", "catalogue_coverage", "coverage_lines"]


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
    """The coverage of the catalogue by ``rules`` (default: the core rules)."""
    if rules is None:
        from safeguarding_partnership.rules.core import core_rules

        rules = core_rules()
    if not_implemented is None:
        from safeguarding_partnership.rules.not_implemented import NOT_IMPLEMENTED

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
