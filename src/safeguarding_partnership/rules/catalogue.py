"""The core rule set: every implemented catalogue rule, family by family."""

from __future__ import annotations

import functools

from .rule import Rule

__all__ = ["core_rules"]


@functools.cache
def core_rules() -> tuple[Rule, ...]:
    """Every core rule, sorted by code."""
    from . import families

    rules: list[Rule] = []
    for module in families.MODULES:
        rules.extend(module.RULES)
    return tuple(sorted(rules, key=lambda r: r.code))
