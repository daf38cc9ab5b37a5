"""Findings: what a rule says about an arrangement, as data."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from safeguarding_partnership.errors import Location
from safeguarding_partnership.law import Strength

__all__ = ["CORE", "Citation", "Finding", "PathPart", "Severity", "format_path"]

PathPart = str | int
"""One step of a field path: a key or a list index."""

CORE = "core"
"""The provider of the core's own rules, formats and records: the name the core is registered
under as the first plugin (:mod:`safeguarding_partnership.plugins.core`)."""


class Severity(enum.Enum):
    """How serious a finding is. ``ERROR`` for a MUST, ``WARNING`` for a SHOULD."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    @classmethod
    def of(cls, strength: Strength) -> Severity:
        """The severity of breaking a duty: error for MUST, warning for SHOULD, else info."""
        return _OF_STRENGTH.get(strength, cls.INFO)


_RANK = {"error": 0, "warning": 1, "info": 2}
_OF_STRENGTH = {Strength.MUST: Severity.ERROR, Strength.SHOULD: Severity.WARNING}


@attrs.frozen
class Citation:
    """Where a duty comes from: an act section or a guidance paragraph, with its source key."""

    text: str
    url: str | None = None

    def __str__(self) -> str:
        return self.text


@attrs.frozen(order=False)
class Finding:
    """One thing a rule found. Frozen, comparable and sortable."""

    rule_id: str
    severity: Severity
    message: str
    path: str = ""
    location: Location | None = None
    citation: str = ""
    provider: str = CORE
    not_commenced: bool = False

    def sort_key(self) -> tuple[int, str, str, str]:
        return (self.severity.rank, self.rule_id, self.path, self.message)


def format_path(path: Iterable[PathPart]) -> str:
    """A field path as text: ``("groups", 0, "cadence")`` is ``groups[0].cadence``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
