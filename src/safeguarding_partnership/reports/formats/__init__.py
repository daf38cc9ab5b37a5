"""The core report formats, registered through ``plugins.core.register_report_formats``."""

from __future__ import annotations

from safeguarding_partnership.reports.format import ReportFormat

__all__ = ["core_formats"]


def core_formats() -> tuple[ReportFormat, ...]:
    """Every core format, sorted by name."""
    from safeguarding_partnership.reports.formats import (
        arrangements,
        calendar,
        findings,
        structure,
        yearly_report,
    )

    formats = (
        arrangements.FORMAT,
        calendar.FORMAT,
        findings.FORMAT,
        structure.FORMAT,
        yearly_report.FORMAT,
    )
    return tuple(sorted(formats, key=lambda f: f.name))
