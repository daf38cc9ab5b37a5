"""How a check is printed: text for people; JSON, CSV and SARIF for programs.

Every name is imported on first use, so that a check, which needs only :mod:`.text`, does not
import the rule listing (:mod:`.rules`) as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_partnership._lazy import lazy_names

if TYPE_CHECKING:
    from safeguarding_partnership.output.rules import explain_rule, render_rules
    from safeguarding_partnership.output.text import check_as_data, render_check

__all__ = ["check_as_data", "explain_rule", "render_check", "render_rules"]

_LAZY = {
    "check_as_data": ".text",
    "explain_rule": ".rules",
    "render_check": ".text",
    "render_rules": ".rules",
}

__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
