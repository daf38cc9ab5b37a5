"""The law: regimes (the bodies of law and guidance a rule belongs to), strengths of duty and
every statutory date, each written once.

Dates come from the rule catalogue (``statutory-rules.md``, section K and PUB-002).
"""

from __future__ import annotations

import datetime as dt
import enum

__all__ = [
    "CCG_TO_ICB",
    "FIRST_PUBLICATION_DEADLINE",
    "IMPLEMENTATION_DEADLINE",
    "STATUTE_START",
    "WT2018_START",
    "WT2023_REVISION_DEADLINE",
    "WT2023_START",
    "GuidanceEdition",
    "Regime",
    "Strength",
    "regime_for",
]

STATUTE_START = dt.date(2018, 6, 29)
"""CA2004 ss.16E-16K as inserted by the Children and Social Work Act 2017 in force."""
WT2018_START = dt.date(2018, 7, 4)
"""Working Together 2018 published."""
WT2023_START = dt.date(2023, 12, 15)
"""Working Together 2023 published, replacing the 2018 edition."""
CCG_TO_ICB = dt.date(2022, 7, 1)
"""Integrated care boards replaced clinical commissioning groups (SI 2022/634)."""
FIRST_PUBLICATION_DEADLINE = dt.date(2019, 6, 29)
"""Arrangements published by this day (PUB-002)."""
IMPLEMENTATION_DEADLINE = dt.date(2019, 9, 29)
"""Arrangements in place by this day (PUB-002)."""
WT2023_REVISION_DEADLINE = dt.date(2024, 12, 12)
"""PUB-017: the date by which arrangements were revised for WT2023. The month is S, the day
is unconfirmed (U); PUB-017 lets a file configure it."""


class Strength(enum.Enum):
    """The force of a duty, as the rule catalogue records it."""

    MUST = "MUST"
    SHOULD = "SHOULD"
    MAY = "MAY"
    DEF = "DEF"


class Regime(enum.Enum):
    """A body of law or guidance, with the first and last day it applies."""

    STATUTE = ("STATUTE", STATUTE_START, None)
    """Children Act 2004 ss.16E-16K as inserted by the Children and Social Work Act 2017."""
    WT2018 = ("WT2018", WT2018_START, WT2023_START - dt.timedelta(days=1))
    """Working Together to Safeguard Children 2018 (REGIME-001)."""
    WT2023 = ("WT2023", WT2023_START, None)
    """Working Together to Safeguard Children 2023 (REGIME-002)."""
    LATER = ("LATER", None, None)
    """Children's Wellbeing and Schools Act 2026: law, not yet commenced (LATER-003)."""

    def __init__(self, key: str, start: dt.date | None, end: dt.date | None) -> None:
        self.key = key
        self.start = start
        self.end = end

    @property
    def commenced(self) -> bool:
        return self is not Regime.LATER

    def applies(self, on: dt.date) -> bool:
        """Whether the regime applies on a day (a LATER regime never does by itself)."""
        if not self.commenced or self.start is None:
            return False
        return self.start <= on and (self.end is None or on <= self.end)


def regime_for(on: dt.date) -> Regime | None:
    """The edition of Working Together in force on a day, if any."""
    for regime in (Regime.WT2023, Regime.WT2018):
        if regime.applies(on):
            return regime
    return None


class GuidanceEdition(enum.StrEnum):
    """An edition of Working Together, as an arrangements file names the one it follows
    (PARTNERS-011); each is the key of its :class:`Regime`."""

    WT2018 = "WT2018"
    WT2023 = "WT2023"

    @property
    def regime(self) -> Regime:
        """The regime of this edition, with its dates."""
        return Regime[self.value]
