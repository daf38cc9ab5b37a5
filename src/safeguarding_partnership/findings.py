"""Findings: what a rule says about an arrangement, as data."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from safeguarding_partnership.errors import Location
from safeguarding_partnership.law import Strength

__all__ = ["CORE", "Citation", "Finding", "PathPart", "Severity", "cite", "format_path"]

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
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @classmethod
    def of(cls, strength: Strength) -> Severity:
        """The severity of breaking a duty: error for MUST, warning for SHOULD, else info."""
        return {Strength.MUST: cls.ERROR, Strength.SHOULD: cls.WARNING}.get(strength, cls.INFO)


@attrs.frozen
class Citation:
    """Where a duty comes from: an act section or a guidance paragraph, with the official
    address of its text (legislation.gov.uk, the gov.uk page of Working Together) where known."""

    text: str
    url: str | None = None

    def __str__(self) -> str:
        return self.text

    def as_data(self) -> dict[str, str | None]:
        return {"text": self.text, "url": self.url}


def cite(citations: Iterable[Citation]) -> str:
    """Citations as one line of text, each address in angle brackets after the provisions
    it serves, given once for consecutive provisions of one text.

    >>> act = "https://www.legislation.gov.uk/ukpga/2017/16"
    >>> cite([Citation("CA2004 s.16G(7)", act), Citation("CSWA 2017 s.18", act)])
    'CA2004 s.16G(7); CSWA 2017 s.18 <https://www.legislation.gov.uk/ukpga/2017/16>'
    >>> cite([Citation("local policy")])
    'local policy'
    """
    given = list(citations)
    parts: list[str] = []
    for i, c in enumerate(given):
        following = given[i + 1].url if i + 1 < len(given) else None
        parts.append(f"{c.text} <{c.url}>" if c.url and c.url != following else c.text)
    return "; ".join(parts)


@attrs.frozen(order=False)
class Finding:
    """One thing a rule found. Frozen, comparable and sortable."""

    rule_id: str
    severity: Severity
    message: str
    path: str = ""
    location: Location | None = None
    provider: str = CORE
    not_commenced: bool = False
    citations: tuple[Citation, ...] = ()
    """The provisions cited, each with its official address where known."""

    @property
    def citation(self) -> str:
        """The provisions cited, as text (``CA2004 s.16G(7); CSWA 2017 s.18``)."""
        return "; ".join(c.text for c in self.citations)

    @property
    def cited(self) -> str:
        """The citation with its addresses, for people: see :func:`cite`."""
        return cite(self.citations)

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
