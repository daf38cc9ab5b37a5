"""The quarterly progress report: each thematic group and its progress reports in the quarter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from safeguarding_partnership.model import GroupKind, ProgressReport
from safeguarding_partnership.plugins import RenderContext, escape_markdown

__all__ = ["quarter_of", "render_quarterly"]


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar quarter containing a day: its first and last day."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    next_start = (
        dt.date(day.year + 1, 1, 1) if first_month == 10 else dt.date(day.year, first_month + 3, 1)
    )
    return start, next_start - dt.timedelta(days=1)


def _rows(ctx: RenderContext) -> list[tuple[str, str, list[ProgressReport] | None]]:
    start, end = quarter_of(ctx.as_of)
    rows = []
    for group in ctx.arrangement.groups or ():
        if group.kind is not GroupKind.THEMATIC_GROUP or not group.in_force(ctx.as_of):
            continue
        reports = (
            None
            if group.progress_reports is None
            else sorted(
                (r for r in group.progress_reports if start <= r.date <= end),
                key=lambda r: (r.date, r.to),
            )
        )
        rows.append((group.id, group.name, reports))
    return sorted(rows, key=lambda row: row[1])


def render_quarterly(ctx: RenderContext) -> Mapping[str, str]:
    """``havering-quarterly.md`` and ``havering-quarterly.html`` for the quarter of ``as_of``."""
    import html  # only the report needs it, not every check that names the plugin

    start, end = quarter_of(ctx.as_of)
    title = f"{ctx.arrangement.name}: thematic groups' progress, {start} to {end}"
    md = [f"# {escape_markdown(title)}", ""]
    body = [f"<h1>{html.escape(title)}</h1>"]
    rows = _rows(ctx)
    if not rows:
        md.append("No thematic groups are recorded.")
        body.append("<p>No thematic groups are recorded.</p>")
    for _group_id, name, reports in rows:
        md.append(f"## {escape_markdown(name)}")
        md.append("")
        body.append(f"<h2>{html.escape(name)}</h2>")
        if reports is None:
            md.append("Progress reports: not recorded.")
            body.append("<p>Progress reports: not recorded.</p>")
        elif not reports:
            md.append("No progress report in this quarter.")
            body.append("<p>No progress report in this quarter.</p>")
        else:
            body.append("<ul>")
            for report in reports:
                md.append(f"- {report.date.isoformat()}: reported to {escape_markdown(report.to)}")
                body.append(
                    f"<li>{report.date.isoformat()}: reported to {html.escape(report.to)}</li>"
                )
            body.append("</ul>")
        md.append("")
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
    return {
        "havering-quarterly.md": "\n".join(md).rstrip() + "\n",
        "havering-quarterly.html": page,
    }
