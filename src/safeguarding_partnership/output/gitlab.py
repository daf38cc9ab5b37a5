"""``check --format gitlab``: a GitLab code-quality report (JSON).

Each finding is one issue in the shape GitLab reads from a ``codequality`` report artifact:
``description``, ``check_name`` (the rule code), ``fingerprint``, ``severity`` and
``location.path`` with ``location.lines.begin``. The fingerprint is a hash of the rule, the
file, the field path and the message, never the line, so moving a block in the file does not
make GitLab call a finding new. A finding with no place in a file is on line 1 of its file;
one over several arrangements with no place, or a plugin failure, is on ``.`` (the
repository). Severities: a file that cannot be loaded, or a plugin or rule
that failed, is ``blocker`` (check names ``load-error`` and ``incomplete``); an error
``critical``; a warning ``major``; an info ``info``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from safeguarding_partnership.errors import Location, text_bytes
from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.pipeline import CheckRun

__all__ = ["SEVERITIES", "gitlab_issues", "gitlab_report"]

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}
"""GitLab's severity for each of ours (a load error or failure is ``blocker``)."""


def _issue(
    check: str, description: str, severity: str, location: Location | None, field: str
) -> dict[str, Any]:
    path = location.file.removeprefix("./") if location is not None else "."
    key = "\0".join((check, path, field, description))
    return {
        "type": "issue",
        "check_name": check,
        "description": description,
        "fingerprint": hashlib.sha256(text_bytes(key)).hexdigest(),
        "severity": severity,
        "location": {
            "path": path,
            "lines": {"begin": (location.line if location is not None else None) or 1},
        },
    }


def _finding(f: Finding, file: str | None = None) -> dict[str, Any]:
    """A finding's issue: at its place, or on line 1 of its file when it has none."""
    note = " [not yet in force]" if f.not_commenced else ""
    citation = f" ({f.citation})" if f.citation else ""
    description = f"{f.rule_id} {f.message}{note}{citation}"
    where = f.location or (Location(file) if file else None)
    return _issue(f.rule_id, description, SEVERITIES[f.severity], where, f.path)


def gitlab_issues(run: CheckRun) -> list[dict[str, Any]]:
    """The run as code-quality issues, each fingerprint unique."""
    issues = [
        _issue("load-error", p.message, "blocker", p.location, p.path)
        for err in run.load_errors
        for p in err.problems
    ]
    issues.extend(
        _issue("incomplete", str(failure), "blocker", None, "") for failure in run.plugin_failures
    )
    for result in run.results:
        issues.extend(_finding(f, result.file) for f in result.findings)
        where = Location(result.file) if result.file else None
        issues.extend(
            _issue(
                "incomplete",
                f"rule {x.rule} from {x.provider} failed: {x.error}",
                "blocker",
                where,
                x.rule,
            )
            for x in result.failures
        )
    issues.extend(_finding(f) for f in run.registry)
    issues.extend(
        _issue(
            "incomplete",
            f"rule {x.rule} from {x.provider} failed: {x.error}",
            "blocker",
            None,
            x.rule,
        )
        for x in run.registry_failures
    )
    seen: dict[str, int] = {}
    for issue in issues:  # the same finding twice (two arrangements of one file): still unique
        n = seen.get(issue["fingerprint"], 0)
        seen[issue["fingerprint"]] = n + 1
        if n:
            again = f"{issue['fingerprint']}:{n}".encode()
            issue["fingerprint"] = hashlib.sha256(again).hexdigest()
    return issues


def gitlab_report(run: CheckRun) -> str:
    """The report as indented JSON text."""
    # ASCII only: every control character, noncharacter and undecodable byte of a file name
    # is an escape, so the report is safe on a terminal and always valid UTF-8
    return json.dumps(gitlab_issues(run), indent=2) + "\n"
