"""``check --statistics``: how many findings each rule made, like ruff's ``--statistics``."""

from __future__ import annotations

import json
from collections import Counter

import attrs

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.pipeline import CheckRun
from safeguarding_partnership.rules.engine import META_RULES

__all__ = ["RuleCount", "problem_lines", "render_statistics", "rule_counts"]


@attrs.frozen
class RuleCount:
    """The findings of one rule code, at one severity."""

    code: str
    title: str
    severity: Severity
    count: int


def _titles(run: CheckRun) -> dict[str, str]:
    from safeguarding_partnership.reference.catalogue import catalogue_entries

    titles = {e.id: e.title for e in catalogue_entries()}
    titles.update({r.code: r.title for r in META_RULES})
    titles.update({r.code: r.title for result in run.results for r in result.rules_run})
    return titles


def rule_counts(run: CheckRun) -> list[RuleCount]:
    """Counts by rule code and severity: most first, then by code."""
    findings: list[Finding] = [f for r in run.results for f in r.findings] + list(run.registry)
    counted = Counter((f.rule_id, f.severity) for f in findings)
    titles = _titles(run)
    counts = [
        RuleCount(code, titles.get(code, ""), severity, n)
        for (code, severity), n in counted.items()
    ]
    return sorted(counts, key=lambda c: (-c.count, c.code, c.severity.rank))


def problem_lines(run: CheckRun) -> list[str]:
    """What stopped a file or a rule from being checked: load errors and failures."""
    lines = [str(p) for err in run.load_errors for p in err.problems]
    lines.extend(f"INCOMPLETE: {failure}" for failure in run.plugin_failures)
    lines.extend(
        f"INCOMPLETE: rule {x.rule} from {x.provider} failed: {x.error}"
        for x in (*(x for result in run.results for x in result.failures), *run.registry_failures)
    )
    return lines


def render_statistics(run: CheckRun, fmt: str = "text") -> str:
    """The counts as ``text`` (tab-separated: count, code, severity, title) or ``json``."""
    counts = rule_counts(run)
    if fmt == "json":
        data = [
            {"code": c.code, "title": c.title, "severity": c.severity.value, "count": c.count}
            for c in counts
        ]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(str(c.count)) for c in counts), default=1)
    code_width = max((len(c.code) for c in counts), default=1)
    lines = [
        f"{c.count:>{width}}\t{c.code:<{code_width}}\t[{c.severity.value}] {c.title}".rstrip()
        for c in counts
    ]
    return "".join(line + "\n" for line in lines)
