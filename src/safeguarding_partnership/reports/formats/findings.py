"""The ``findings`` format: the check's findings for a partnership meeting (HTML and Markdown).

It is also where the compliance view lives: each item the guidance says the published
arrangements should set out, with its rule code and what the file records about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePath

import attrs

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.reports.document import CONTENT_ITEMS, build_document
from safeguarding_partnership.reports.format import RenderContext, ReportFormat
from safeguarding_partnership.reports.templating import render_template

__all__ = [
    "FORMAT",
    "ContentRow",
    "FindingRow",
    "SeverityGroup",
    "content_rows",
    "group_findings",
    "render",
]

_HEADINGS = {
    Severity.ERROR: "Errors: duties not met (must)",
    Severity.WARNING: "Warnings: guidance not followed (should)",
    Severity.INFO: "For information: facts not recorded or worth knowing",
}


@attrs.frozen
class FindingRow:
    """A finding ready to print: where is the file name (not its folder), line and column."""

    rule: str
    message: str
    where: str
    path: str
    citation: str
    provider: str
    not_commenced: bool


@attrs.frozen
class SeverityGroup:
    """The findings of one severity, in a stable order."""

    severity: str
    heading: str
    rows: tuple[FindingRow, ...]


@attrs.frozen
class ContentRow:
    """One item the published arrangements should set out, with its rule and status."""

    rule: str
    text: str
    status: str
    where: str | None


def content_rows(ctx: RenderContext) -> tuple[ContentRow, ...]:
    """The compliance view of the published arrangements' contents (PUB-003 to PUB-014)."""
    doc = build_document(ctx.arrangement, ctx.as_of, ctx.related)
    rules = {item: rule for rule, item, _ in CONTENT_ITEMS}
    return tuple(ContentRow(rules[s.item], s.text, s.status, s.where) for s in doc.contents)


def _where(finding: Finding) -> str:
    loc = finding.location
    if loc is None:
        return ""
    parts = [PurePath(loc.file).name]
    if loc.line is not None:
        parts.append(str(loc.line))
        if loc.column is not None:
            parts.append(str(loc.column))
    return ":".join(parts)


def group_findings(findings: Sequence[Finding]) -> tuple[SeverityGroup, ...]:
    """Findings grouped by severity (errors first), each group sorted by rule, path, message."""
    groups = []
    for severity in Severity:
        chosen = sorted((f for f in findings if f.severity is severity), key=Finding.sort_key)
        rows = tuple(
            FindingRow(
                rule=f.rule_id,
                message=f.message,
                where=_where(f),
                path=f.path,
                citation=f.citation,
                provider=f.provider,
                not_commenced=f.not_commenced,
            )
            for f in chosen
        )
        groups.append(SeverityGroup(severity.value, _HEADINGS[severity], rows))
    return tuple(groups)


def render(ctx: RenderContext) -> Mapping[str, str | bytes]:
    """``findings.html`` and ``findings.md``."""
    groups = group_findings(ctx.findings)
    values = {
        "name": ctx.arrangement.name,
        "as_of": ctx.as_of,
        "groups": groups,
        "total": len(ctx.findings),
        "contents": content_rows(ctx),
    }
    return {
        "findings.html": render_template("findings.html", ctx.options, **values),
        "findings.md": render_template("findings.md", ctx.options, **values),
    }


FORMAT = ReportFormat(
    name="findings",
    title="Findings for a partnership meeting",
    render=render,
    description="The check's findings grouped by severity, with citations and locations, "
    "and what the published arrangements set out, item by item.",
)
