"""Rules: statutory duties as small pure functions with their citations, regimes and dates."""

from safeguarding_partnership.law import Regime
from safeguarding_partnership.rules.engine import (
    CheckResult,
    RuleFailure,
    Selection,
    run_rules,
    select_rules,
)
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, RuleStatus, rule

__all__ = [
    "CheckResult",
    "Issue",
    "Regime",
    "Rule",
    "RuleContext",
    "RuleFailure",
    "RuleStatus",
    "Selection",
    "rule",
    "run_rules",
    "select_rules",
]
