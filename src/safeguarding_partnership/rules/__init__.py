"""The rule author's one import: statutory duties as small pure functions.

A rule is a function of a :class:`RuleContext` (the arrangement and the day it is checked as
of, nothing else) that yields an :class:`Issue` for each problem, made a :class:`Rule` by the
:func:`rule` decorator with its citation, strength, regimes and dates. :func:`unknown` makes
the information finding for a fact the file does not record. :func:`run_rules` runs rules over
an arrangement, with a :class:`Selection` (ruff-style select and ignore).
"""

from safeguarding_partnership.findings import Citation, Finding, Severity
from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.rules.engine import (
    CheckResult,
    RuleFailure,
    Selection,
    run_rules,
    select_rules,
)
from safeguarding_partnership.rules.rule import (
    Issue,
    Rule,
    RuleContext,
    RuleStatus,
    rule,
    unknown,
)

__all__ = [
    "CheckResult",
    "Citation",
    "Finding",
    "Issue",
    "Regime",
    "Rule",
    "RuleContext",
    "RuleFailure",
    "RuleStatus",
    "Selection",
    "Severity",
    "Strength",
    "rule",
    "run_rules",
    "select_rules",
    "unknown",
]
