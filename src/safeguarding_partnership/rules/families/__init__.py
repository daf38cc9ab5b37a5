"""One module per rule family of the catalogue (PARTNERS, RA, PUB, LEAD, SCRUT, ...)."""

from types import ModuleType

from . import agencies, education, funding, leadership, partners, scrutiny

MODULES: tuple[ModuleType, ...] = (
    partners,
    agencies,
    leadership,
    scrutiny,
    funding,
    education,
)
"""Every family module; each has a ``RULES`` tuple."""

__all__ = ["MODULES"]
