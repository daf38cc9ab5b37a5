"""How a check is printed: text for people; JSON, CSV and SARIF for programs."""

from safeguarding_partnership.output.text import check_as_data, render_check, render_rules

__all__ = ["check_as_data", "render_check", "render_rules"]
