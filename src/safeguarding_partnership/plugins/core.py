"""The core's own hook implementations: the statutory rules, their settings and the core
report formats.

The core registers its features through the same public hooks as any plugin, under the
name ``core``, so a hook that cannot express what the core needs is a hook to fix.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from safeguarding_partnership.findings import CORE
from safeguarding_partnership.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from pydantic import BaseModel

    from safeguarding_partnership.reports.format import ReportFormat
    from safeguarding_partnership.rules.rule import Rule

__all__ = [
    "NAME",
    "core_prefixes",
    "register_report_formats",
    "register_rules",
    "register_settings_model",
]

NAME = CORE
"""The name the built-in plugin is registered under, and the provider of core rules."""


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


@hookimpl
def register_settings_model() -> type[BaseModel]:
    """The ``settings: {core: ...}`` section: the settings of the core rules that take any."""
    from safeguarding_partnership.rules.settings import CoreSettings

    return CoreSettings


@hookimpl
def register_rules() -> Iterable[Rule]:
    """Every implemented rule of the statutory catalogue."""
    from safeguarding_partnership.rules.core import core_rules

    return core_rules()


@hookimpl
def register_report_formats() -> Iterable[ReportFormat]:
    """The core report formats."""
    from safeguarding_partnership.reports.formats import core_formats

    return core_formats()
