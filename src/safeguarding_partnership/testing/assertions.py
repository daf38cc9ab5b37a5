"""Comparing findings with the rule codes a test expects, with a readable difference."""

from __future__ import annotations

from collections.abc import Iterable

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.rules.engine import CheckResult

__all__ = ["assert_findings"]


def _findings(result_or_findings: CheckResult | Iterable[Finding]) -> tuple[Finding, ...]:
    if isinstance(result_or_findings, CheckResult):
        return result_or_findings.findings
    return tuple(result_or_findings)


def assert_findings(
    result_or_findings: CheckResult | Iterable[Finding],
    expected_codes: Iterable[str],
    *,
    severity: Severity | str = Severity.WARNING,
) -> None:
    """Assert that the findings at ``severity`` or worse come from exactly ``expected_codes``.

    Findings are compared by rule code (``PARTNERS-001``), each code counted once. By default
    information findings ("not recorded") are left out; pass ``severity="info"`` to include
    them. On a difference the error lists the missing codes and each unexpected finding with
    its path and message.

    >>> assert_findings([], [])
    """
    level = Severity(severity) if isinstance(severity, str) else severity
    counted = [f for f in _findings(result_or_findings) if f.severity.rank <= level.rank]
    found = {f.rule_id for f in counted}
    expected = set(expected_codes)
    if found == expected:
        return
    lines = [f"findings at {level.value} or worse differ from the expected rule codes:"]
    missing = sorted(expected - found)
    if missing:
        lines.append("  expected, not found: " + ", ".join(missing))
    unexpected = sorted((f for f in counted if f.rule_id not in expected), key=Finding.sort_key)
    if unexpected:
        lines.append("  found, not expected:")
        lines.extend(
            f"    {f.rule_id} {f.severity.value} {f.path or '-'}: {f.message}" for f in unexpected
        )
    lines.append(f"  expected: {sorted(expected)}")
    lines.append(f"  found:    {sorted(found)}")
    raise AssertionError("\n".join(lines))
