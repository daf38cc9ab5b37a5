"""The exit status of a check, as ``--fail-on`` and ``--exit-zero`` ask."""

from __future__ import annotations

from safeguarding_partnership.errors import ExitCode
from safeguarding_partnership.findings import Severity
from safeguarding_partnership.pipeline import CheckRun

__all__ = ["exit_status"]


def exit_status(run: CheckRun, *, fail_on: str = "error", exit_zero: bool = False) -> int:
    """The run's exit code, with warnings failing too when ``fail_on`` is ``warning``, and
    findings never failing with ``exit_zero`` (like ruff's ``--exit-zero``: an input error
    (2) or an incomplete run (3) still fails)."""
    code = run.exit_code
    if code == ExitCode.OK and fail_on == "warning":
        findings = [f for r in run.results for f in r.findings] + list(run.registry)
        if any(f.severity is Severity.WARNING for f in findings):
            code = ExitCode.FINDINGS
    if exit_zero and code == ExitCode.FINDINGS:
        return ExitCode.OK
    return code
