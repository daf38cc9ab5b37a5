"""The core's own hook implementations: the statutory rules, their settings and the core
report formats.

The core registers its features through the same public hooks as any plugin, under the
name ``core``, so a hook that cannot express what the core needs is a hook to fix.

This module does not import pluggy: its hook implementations are listed in :data:`HOOKS`, and
the plugin manager marks them for pluggy when it registers the core
(:func:`.manager.get_plugins`). A check of a file that names no plugin calls them directly
through the same facade (:func:`.facade.core_plugins`), and never imports pluggy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from safeguarding_partnership.findings import CORE

if TYPE_CHECKING:
    from pydantic import BaseModel

    from safeguarding_partnership.reports.format import ReportFormat
    from safeguarding_partnership.rules.rule import Rule

__all__ = [
    "HOOKS",
    "NAME",
    "core_hook",
    "core_prefixes",
    "register_report_formats",
    "register_rules",
    "register_settings_model",
]

NAME = CORE
"""The name the built-in plugin is registered under, and the provider of core rules."""

F = TypeVar("F", bound=Callable[..., object])

HOOKS: list[Callable[..., object]] = []
"""The core's hook implementations, in the order they are defined."""


def core_hook(function: F) -> F:
    """Mark one of the core's hook implementations (added to :data:`HOOKS`)."""
    HOOKS.append(function)
    return function


@functools.cache
def core_prefixes() -> frozenset[str]:
    """Rule code prefixes reserved for the core, which no plugin may use.

    Every family of the statutory rule catalogue, implemented or not (``REGIME-`` has no
    rule), and the prefix of every rule of the core: the catalogue's, the structure checks
    (``STRUCT-``), the cross-arrangement checks (``REGISTRY-``) and the engine's own (``SP-``).
    """
    from safeguarding_partnership.reference.catalogue import catalogue_entries
    from safeguarding_partnership.rules.core import core_rules, registry_rules
    from safeguarding_partnership.rules.engine import META_RULES

    codes = [e.id for e in catalogue_entries()]
    codes += [r.code for r in (*core_rules(), *META_RULES)]
    codes += [r.code for r in registry_rules()]
    return frozenset(code.rsplit("-", 1)[0] + "-" for code in codes)


@core_hook
def register_settings_model() -> type[BaseModel]:
    """The ``settings: {core: ...}`` section: the settings of the core rules that take any."""
    from safeguarding_partnership.rules.settings import CoreSettings

    return CoreSettings


@core_hook
def register_rules() -> Iterable[Rule]:
    """Every implemented rule of the statutory catalogue."""
    from safeguarding_partnership.rules.core import core_rules

    return core_rules()


@core_hook
def register_report_formats() -> Iterable[ReportFormat]:
    """The core report formats."""
    from safeguarding_partnership.reports.formats import core_formats

    return core_formats()
