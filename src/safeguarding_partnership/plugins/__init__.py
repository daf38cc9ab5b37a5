"""The plugin author's one import: hooks, the records they return, and the rule kit (the
rule author's names, from :mod:`safeguarding_partnership.rules`).

A plugin writes::

    from safeguarding_partnership.plugins import Issue, Regime, Strength, hookimpl, rule

and implements any of the hooks in :mod:`.hookspecs`. Every name is imported on first use, so
a plugin that contributes only agency labels never loads the rule engine or the report
templates, and the core's own modules in this package (:mod:`.facade`, :mod:`.apply`) can be
imported without pluggy, which a check of a file that names no plugin never needs.

The package itself is layered: :mod:`.hookspecs` (the contract), :mod:`.records` (small
records plugins return), :mod:`.manager` (loading), :mod:`.facade` (calling the hooks and
merging by key), :mod:`.apply` (applying an arrangement's plugins to it), :mod:`.core` (the
core, registered as the first plugin) and :mod:`.scaffold` (``new-plugin``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_partnership._lazy import lazy_names

if TYPE_CHECKING:
    from safeguarding_partnership.errors import (
        PluginConflictError,
        PluginError,
        PluginHookError,
        PluginLoadError,
    )
    from safeguarding_partnership.law import (
        IMPLEMENTATION_DEADLINE,
        STATUTE_START,
        WT2018_START,
        WT2023_START,
    )
    from safeguarding_partnership.plugins.facade import Plugins
    from safeguarding_partnership.plugins.hookspecs import hookimpl
    from safeguarding_partnership.plugins.manager import (
        PluginInfo,
        get_plugins,
        installed_plugins,
    )
    from safeguarding_partnership.plugins.records import AgencyCategory, Loader
    from safeguarding_partnership.reports.format import RenderContext, ReportFormat
    from safeguarding_partnership.reports.markdown import escape_markdown
    from safeguarding_partnership.rules import (
        Citation,
        Issue,
        Regime,
        Rule,
        RuleContext,
        RuleStatus,
        Severity,
        Strength,
        rule,
        unknown,
    )

__all__ = [
    "IMPLEMENTATION_DEADLINE",
    "STATUTE_START",
    "WT2018_START",
    "WT2023_START",
    "AgencyCategory",
    "Citation",
    "Issue",
    "Loader",
    "PluginConflictError",
    "PluginError",
    "PluginHookError",
    "PluginInfo",
    "PluginLoadError",
    "Plugins",
    "Regime",
    "RenderContext",
    "ReportFormat",
    "Rule",
    "RuleContext",
    "RuleStatus",
    "Severity",
    "Strength",
    "escape_markdown",
    "get_plugins",
    "hookimpl",
    "installed_plugins",
    "rule",
    "unknown",
]

_RULE_KIT = (
    "Citation",
    "Issue",
    "Regime",
    "Rule",
    "RuleContext",
    "RuleStatus",
    "Severity",
    "Strength",
    "rule",
    "unknown",
)
"""The rule kit: names re-exported from :mod:`safeguarding_partnership.rules`, the rule
author's import, as it exports them (the first of them loads the rule engine)."""

_LAZY = {
    "IMPLEMENTATION_DEADLINE": "safeguarding_partnership.law",
    "STATUTE_START": "safeguarding_partnership.law",
    "WT2018_START": "safeguarding_partnership.law",
    "WT2023_START": "safeguarding_partnership.law",
    "PluginConflictError": "safeguarding_partnership.errors",
    "PluginError": "safeguarding_partnership.errors",
    "PluginHookError": "safeguarding_partnership.errors",
    "PluginLoadError": "safeguarding_partnership.errors",
    "PluginInfo": "safeguarding_partnership.plugins.manager",
    "Plugins": "safeguarding_partnership.plugins.facade",
    "hookimpl": "safeguarding_partnership.plugins.hookspecs",
    "get_plugins": "safeguarding_partnership.plugins.manager",
    "installed_plugins": "safeguarding_partnership.plugins.manager",
    "AgencyCategory": "safeguarding_partnership.plugins.records",
    "Loader": "safeguarding_partnership.plugins.records",
    "RenderContext": "safeguarding_partnership.reports.format",
    "ReportFormat": "safeguarding_partnership.reports.format",
    "escape_markdown": "safeguarding_partnership.reports.markdown",
    **dict.fromkeys(_RULE_KIT, "safeguarding_partnership.rules"),
}

__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
