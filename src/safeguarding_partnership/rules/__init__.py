"""Rules: statutory duties as small pure functions with their citations, regimes and dates."""

from .engine import CheckResult, RuleFailure, Selection, run_rules, select_rules
from .regimes import Regime
from .rule import Issue, Rule, RuleContext, RuleStatus, rule

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
