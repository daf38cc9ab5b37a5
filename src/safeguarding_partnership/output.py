"""Printing a check for people (plain text) and programs (JSON, SARIF)."""

from __future__ import annotations

import json
from typing import Any

from .findings import Finding
from .pipeline import CheckRun
from .rules.engine import WaiverUse
from .summary import summarise

__all__ = ["check_as_data", "render_check"]


def _finding_data(f: Finding) -> dict[str, Any]:
    loc = f.location
    return {
        "rule": f.rule_id,
        "severity": f.severity.value,
        "message": f.message,
        "path": f.path,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "citation": f.citation,
        "provider": f.provider,
        "not_commenced": f.not_commenced,
    }


def _waiver_data(use: WaiverUse) -> dict[str, Any]:
    loc = use.location
    return {
        "rule": use.waiver.rule,
        "reason": use.waiver.reason,
        "origin": use.path or "--ignore",
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "rules": list(use.rules),
        "suppressed": [_finding_data(f) for f in use.suppressed],
        "used": use.used,
    }


def check_as_data(run: CheckRun) -> dict[str, Any]:
    """The check as plain data (the JSON output)."""
    return {
        "exit_code": run.exit_code,
        "load_errors": [
            {
                "file": p.location.file,
                "line": p.location.line,
                "column": p.location.column,
                "path": p.path,
                "message": p.message,
            }
            for e in run.load_errors
            for p in e.problems
        ],
        "plugin_failures": [
            {
                "plugin": getattr(e, "plugin", None),
                "hook": getattr(e, "hook", None),
                "message": str(e),
            }
            for e in run.plugin_failures
        ],
        "arrangements": [
            {
                "id": r.arrangement.id,
                "name": r.arrangement.name,
                "file": r.file,
                "as_of": r.as_of.isoformat(),
                "rules_run": [rule.code for rule in r.rules_run],
                "waived": [{"rule": rule.code, "reason": w.reason} for rule, w in r.waived],
                "waivers": [_waiver_data(u) for u in r.waivers],
                "failures": [
                    {"rule": x.rule, "provider": x.provider, "error": x.error} for x in r.failures
                ],
                "findings": [_finding_data(f) for f in r.findings],
            }
            for r in run.results
        ],
    }


def _human(run: CheckRun, quiet: bool) -> str:
    lines: list[str] = []
    for err in run.load_errors:
        lines.extend(str(p) for p in err.problems)
    lines.extend(f"INCOMPLETE: {failure}" for failure in run.plugin_failures)
    for result in run.results:
        if not quiet:
            lines.extend(summarise(result.arrangement, result.as_of))
            day = result.as_of.isoformat()
            lines.append(f"  checked as of {day}: {len(result.rules_run)} rules in force")
        for severity in ("error", "warning", "info"):
            group = [f for f in result.findings if f.severity.value == severity]
            if not group:
                continue
            lines.append(f"  {severity}s ({len(group)}):")
            for f in group:
                where = f"{f.location}: " if f.location else ""
                note = " [not yet in force]" if f.not_commenced else ""
                lines.append(f"    {where}{f.rule_id} {f.message}{note}")
                if f.citation:
                    lines.append(f"      ({f.citation})")
        for rule, waiver in result.waived:
            lines.append(f"  waived {rule.code}: {waiver.reason}")
        for failure in result.failures:
            lines.append(
                f"  INCOMPLETE: rule {failure.rule} from {failure.provider} failed: {failure.error}"
            )
        if not result.findings and not quiet:
            lines.append("  no findings")
    errors = sum(r.count("error") for r in run.results)
    warnings = sum(r.count("warning") for r in run.results)
    lines.append(
        f"{len(run.results)} arrangement(s) checked, {errors} error(s), {warnings} warning(s)"
        + (f", {len(run.load_errors)} file(s) could not be loaded" if run.load_errors else "")
    )
    return "\n".join(lines) + "\n"


def render_check(run: CheckRun, fmt: str, *, quiet: bool = False) -> str:
    """The check in a format: ``human``, ``json`` or ``sarif``."""
    if fmt == "json":
        return json.dumps(check_as_data(run), indent=2) + "\n"
    return _human(run, quiet)
