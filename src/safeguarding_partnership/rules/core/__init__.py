"""The core rule set: one module per code prefix of the statutory rule catalogue.

Each module has a ``RULES`` tuple. Helpers two or more modules share live in :mod:`._facts`;
the modules never import each other. The arrangement rules (:func:`core_rules`) check one
arrangement; the registry rules (:func:`registry_rules`, module :mod:`.registry`) check the
arrangements loaded together. Both are :class:`~safeguarding_partnership.rules.rule.Rule`,
told apart by their ``scope``.
"""

from __future__ import annotations

import functools
from types import ModuleType

from safeguarding_partnership.rules.rule import Rule

__all__ = ["MODULES", "core_rules", "registry_rules"]

MODULES: tuple[str, ...] = (
    "partners",
    "ra",
    "lead",
    "scrut",
    "fund",
    "edu",
    "pub",
    "report",
    "cspr",
    "cdr",
    "struct",
    "later",
)
"""Every arrangement-rule module of the core, in the catalogue's order."""


def modules() -> tuple[ModuleType, ...]:
    """The core rule modules, imported."""
    import importlib

    return tuple(importlib.import_module(f"{__name__}.{name}") for name in MODULES)


@functools.cache
def core_rules() -> tuple[Rule, ...]:
    """Every core arrangement rule, sorted by code."""
    rules: list[Rule] = []
    for module in modules():
        rules.extend(module.RULES)
    return tuple(sorted(rules, key=lambda r: r.code))


def registry_rules() -> tuple[Rule, ...]:
    """Every core registry rule (scope ``registry``), sorted by code."""
    from safeguarding_partnership.rules.core.registry import RULES

    return RULES
