"""The core report formats, registered through ``builtin.register_report_formats``."""

from __future__ import annotations

from .format import ReportFormat

__all__ = ["core_formats"]


def core_formats() -> tuple[ReportFormat, ...]:
    """Every core format, sorted by name."""
    from . import arrangements, calendar, findings_page, structure, yearly_report

    formats = (
        arrangements.FORMAT,
        calendar.FORMAT,
        findings_page.FORMAT,
        structure.FORMAT,
        yearly_report.FORMAT,
    )
    return tuple(sorted(formats, key=lambda f: f.name))
