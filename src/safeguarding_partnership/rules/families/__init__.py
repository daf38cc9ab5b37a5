"""One module per rule family of the catalogue (PARTNERS, RA, PUB, LEAD, SCRUT, ...)."""

from types import ModuleType

from . import (
    agencies,
    child_death,
    education,
    funding,
    later,
    leadership,
    partners,
    practice_reviews,
    publication,
    reports,
    scrutiny,
    structure,
)

MODULES: tuple[ModuleType, ...] = (
    partners,
    agencies,
    leadership,
    scrutiny,
    funding,
    education,
    publication,
    reports,
    practice_reviews,
    child_death,
    structure,
    later,
)
"""Every family module; each has a ``RULES`` tuple."""

__all__ = ["MODULES"]
