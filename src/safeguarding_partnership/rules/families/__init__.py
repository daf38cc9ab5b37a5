"""One module per rule family of the catalogue (PARTNERS, RA, PUB, LEAD, SCRUT, ...)."""

from types import ModuleType

from . import partners

MODULES: tuple[ModuleType, ...] = (partners,)
"""Every family module; each has a ``RULES`` tuple."""

__all__ = ["MODULES"]
