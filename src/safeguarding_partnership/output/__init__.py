"""How a check is printed: text for people; JSON, CSV and SARIF for programs."""

from safeguarding_partnership.output.rules import explain_rule, render_rules
from safeguarding_partnership.output.text import check_as_data, render_check

__all__ = ["check_as_data", "explain_rule", "render_check", "render_rules"]
