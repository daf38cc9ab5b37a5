"""Running the core rules the way the property tests need it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.rules.core import (
    core_rules,
)
from safeguarding_partnership.rules.engine import CheckResult, Selection, run_rules
from safeguarding_partnership.rules.rule import Rule

PREVIEW = Selection(include_preview=True)
"""Stable and preview rules: a generated arrangement satisfies both."""
EVERYTHING = Selection(include_preview=True, include_not_commenced=True)
"""Stable and preview rules, and law not yet commenced run as if it were."""


def check(
    arrangement: Arrangement,
    as_of: dt.date,
    rules: Sequence[Rule] | None = None,
    selection: Selection = PREVIEW,
) -> CheckResult:
    """Run ``rules`` (default: the core's) with the arrangement's own settings."""
    return run_rules(
        arrangement,
        core_rules() if rules is None else rules,
        as_of,
        selection=selection,
        settings=arrangement.settings,
    )


def loud(result: CheckResult) -> set[str]:
    """Codes of the error and warning findings (not the "not recorded" information)."""
    return {f.rule_id for f in result.findings if f.severity.value in ("error", "warning")}
