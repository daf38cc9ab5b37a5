"""Printing a check for people (plain text) and programs (JSON, SARIF)."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.model.common import CONTROL_CHARACTERS
from safeguarding_partnership.output.summary import summarise
from safeguarding_partnership.pipeline import CheckRun
from safeguarding_partnership.rules.engine import META_RULES, WaiverUse
from safeguarding_partnership.rules.rule import Rule

__all__ = [
    "CSV_COLUMNS",
    "check_as_data",
    "neutralise_cell",
    "render_check",
    "render_rules",
    "rule_as_data",
    "visible",
]

_UNSAFE = re.compile(f"{CONTROL_CHARACTERS.pattern}|\n")


def _escaped(char: str) -> str:
    code = ord(char)
    if char in "\n\r":
        return "\\n" if char == "\n" else "\\r"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """Text from a file, a file name or a plugin made safe to print on one line of a terminal:
    line breaks and control characters (ESC, OSC, C1, NUL) written as escapes (``\\n``,
    ``\\x1b``), so that they can neither forge a line nor drive the terminal."""
    return _UNSAFE.sub(lambda m: _escaped(m.group()), text)


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
                "plugin": e.plugin,
                "hook": e.hook,
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
        "registry": [_finding_data(f) for f in run.registry],
    }


_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _waiver_line(use: WaiverUse) -> str:
    where = f"{use.location}: " if use.location is not None else "--ignore "
    rules = ", ".join(use.rules) if use.rules else "no rule in force"
    return (
        f"  {where}waived {use.waiver.rule} ({rules}): {use.waiver.reason}; "
        f"suppressed {len(use.suppressed)} finding(s)"
    )


def _registry_lines(run: CheckRun) -> list[str]:
    """Cross-arrangement (REGISTRY-) findings, after the arrangements."""
    if not run.registry:
        return []
    lines = [f"across arrangements ({len(run.registry)}):"]
    for f in run.registry:
        where = f"{f.location}: " if f.location else ""
        lines.append(f"  {where}{f.rule_id} [{f.severity.value}] {f.message}")
    return lines


def _summary_line(run: CheckRun) -> str:
    errors = sum(r.count("error") for r in run.results)
    warnings = sum(r.count("warning") for r in run.results)
    errors += sum(1 for f in run.registry if f.severity is Severity.ERROR)
    warnings += sum(1 for f in run.registry if f.severity is Severity.WARNING)
    return (
        f"{len(run.results)} arrangement(s) checked, {errors} error(s), {warnings} warning(s)"
        + (f", {len(run.load_errors)} file(s) could not be loaded" if run.load_errors else "")
    )


def _plain(run: CheckRun, quiet: bool) -> str:
    lines: list[str] = []
    for err in run.load_errors:
        lines.extend(str(p) for p in err.problems)
    lines.extend(f"INCOMPLETE: {failure}" for failure in run.plugin_failures)
    for result in run.results:
        if not quiet:
            lines.extend(summarise(result.arrangement, result.as_of))
            day = result.as_of.isoformat()
            lines.append(f"  checked as of {day}: {len(result.rules_run)} rules in force")
        for severity in _SEVERITIES:
            group = [f for f in result.findings if f.severity is severity]
            if not group:
                continue
            lines.append(f"  {severity.value}s ({len(group)}):")
            for f in group:
                where = f"{f.location}: " if f.location else ""
                note = " [not yet in force]" if f.not_commenced else ""
                lines.append(f"    {where}{f.rule_id} {f.message}{note}")
                if f.citation:
                    lines.append(f"      ({f.citation})")
        lines.extend(_waiver_line(use) for use in result.waivers)
        for failure in result.failures:
            lines.append(
                f"  INCOMPLETE: rule {failure.rule} from {failure.provider} failed: {failure.error}"
            )
        if not result.findings and not quiet:
            lines.append("  no findings")
    lines.extend(_registry_lines(run))
    lines.append(_summary_line(run))
    return "\n".join(visible(line) for line in lines) + "\n"


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _rich(run: CheckRun, quiet: bool, width: int | None) -> str:
    """The human layout drawn with rich: findings grouped by severity, in tables."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=io.StringIO(), force_terminal=True, width=width, highlight=False, soft_wrap=False
    )
    for err in run.load_errors:
        for p in err.problems:
            console.print(Text(visible(str(p)), style="bold red"))
    for plugin_failure in run.plugin_failures:
        console.print(Text(visible(f"INCOMPLETE: {plugin_failure}"), style="bold red"))
    for result in run.results:
        if not quiet:
            head, *rest = summarise(result.arrangement, result.as_of)
            console.rule(Text(visible(head), style="bold"))
            for line in rest:
                console.print(Text(visible(line)))
            day = result.as_of.isoformat()
            console.print(Text(f"  checked as of {day}: {len(result.rules_run)} rules in force"))
        for severity in _SEVERITIES:
            group = [f for f in result.findings if f.severity is severity]
            if not group:
                continue
            table = Table(
                title=Text(f"{severity.value}s ({len(group)})", style=_STYLE[severity]),
                title_justify="left",
                show_lines=False,
                expand=False,
            )
            table.add_column("rule", style=_STYLE[severity], no_wrap=True)
            table.add_column("location", no_wrap=True)
            table.add_column("finding")
            for f in group:
                note = " [not yet in force]" if f.not_commenced else ""
                body = Text(visible(f.message + note))
                if f.citation:
                    body.append("\n" + visible(f.citation), style="dim italic")
                where = visible(str(f.location or f.path or ""))
                table.add_row(Text(visible(f.rule_id)), Text(where), body)
            console.print(table)
        if result.waivers:
            waivers = Table(title="waivers", title_justify="left")
            waivers.add_column("waived", no_wrap=True)
            waivers.add_column("given at", no_wrap=True)
            waivers.add_column("reason")
            waivers.add_column("suppressed", justify="right")
            for use in result.waivers:
                rules = ", ".join(use.rules) or "no rule in force"
                waivers.add_row(
                    Text(visible(f"{use.waiver.rule} ({rules})")),
                    Text(visible(str(use.location)) if use.location else "--ignore"),
                    Text(visible(use.waiver.reason)),
                    Text(str(len(use.suppressed))),
                )
            console.print(waivers)
        for failure in result.failures:
            console.print(
                Text(
                    visible(
                        f"  INCOMPLETE: rule {failure.rule} from {failure.provider} failed: "
                        f"{failure.error}"
                    ),
                    style="bold red",
                )
            )
        if not result.findings and not quiet:
            console.print(Text("  no findings", style="green"))
    for line in _registry_lines(run):
        console.print(Text(visible(line)))
    console.print(Text(_summary_line(run), style="bold"))
    stream = console.file
    assert isinstance(stream, io.StringIO)
    return stream.getvalue()


def _styles_wanted() -> bool:
    """Whether the terminal takes styles: not a ``dumb`` one, and ``NO_COLOR`` not set."""
    return os.environ.get("TERM") != "dumb" and not os.environ.get("NO_COLOR")


def _rich_available() -> bool:
    return importlib.util.find_spec("rich") is not None


CSV_COLUMNS = (
    "kind",
    "arrangement",
    "rule",
    "severity",
    "file",
    "line",
    "column",
    "path",
    "message",
    "citation",
    "provider",
)
"""The columns of ``check --format csv``, one row per load problem, plugin failure or finding."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: text starting with ``= + - @``, a tab or
    a carriage return (a formula, or a way to start one) gets a single quote in front."""
    text = "" if value is None else str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _row(**cells: object) -> tuple[object, ...]:
    return tuple(cells.get(column) for column in CSV_COLUMNS)


def _finding_row(arrangement: str, f: Finding) -> tuple[object, ...]:
    loc = f.location
    return _row(
        kind="finding",
        arrangement=arrangement,
        rule=f.rule_id,
        severity=f.severity.value,
        file=loc.file if loc else None,
        line=loc.line if loc else None,
        column=loc.column if loc else None,
        path=f.path,
        message=f.message,
        citation=f.citation,
        provider=f.provider,
    )


def _csv_rows(run: CheckRun) -> list[tuple[object, ...]]:
    rows = [
        _row(
            kind="load error",
            severity="error",
            file=p.location.file,
            line=p.location.line,
            column=p.location.column,
            path=p.path,
            message=p.message,
        )
        for err in run.load_errors
        for p in err.problems
    ]
    rows.extend(
        _row(
            kind="plugin failure",
            severity="error",
            message=str(failure),
            provider=failure.plugin,
        )
        for failure in run.plugin_failures
    )
    for result in run.results:
        rows.extend(_finding_row(result.arrangement.id, f) for f in result.findings)
        rows.extend(
            _row(
                kind="rule failure",
                arrangement=result.arrangement.id,
                rule=x.rule,
                severity="error",
                message=x.error,
                provider=x.provider,
            )
            for x in result.failures
        )
    rows.extend(_finding_row("", f) for f in run.registry)
    return rows


def _csv(run: CheckRun) -> str:
    import csv

    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([neutralise_cell(cell) for cell in row] for row in _csv_rows(run))
    return stream.getvalue()


def render_check(
    run: CheckRun,
    fmt: str,
    *,
    quiet: bool = False,
    terminal: bool | None = None,
    width: int | None = None,
) -> str:
    """The check in a format: ``human``, ``json``, ``sarif`` or ``csv``.

    ``human`` is drawn with rich when rich is installed, ``terminal`` is true (by default:
    when standard output is a terminal) and the terminal takes styles (``TERM`` is not
    ``dumb`` and ``NO_COLOR`` is not set); otherwise it is plain text with the same information.
    """
    if fmt == "json":
        data = check_as_data(run)
        # Python's JSON encoder is C-fast only without indentation: large runs are compact.
        findings = sum(len(a["findings"]) for a in data["arrangements"])
        return json.dumps(data, indent=2 if findings <= 1000 else None) + "\n"
    if fmt == "csv":
        return _csv(run)
    if fmt == "sarif":
        from safeguarding_partnership.output.sarif import sarif_log

        return json.dumps(sarif_log(run), indent=2) + "\n"
    if terminal is None:
        terminal = sys.stdout.isatty()
    if terminal and _rich_available() and _styles_wanted():
        return _rich(run, quiet, width or shutil.get_terminal_size().columns)
    return _plain(run, quiet)


def rule_as_data(rule: Rule) -> dict[str, Any]:
    """A rule's metadata as plain data (``rules --json``)."""
    return {
        "code": rule.code,
        "title": rule.title,
        "strength": rule.strength.value,
        "severity": rule.severity.value,
        "regimes": [r.key for r in rule.regimes],
        "status": rule.status.value,
        "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
        "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
        "confidence": rule.confidence,
        "provider": rule.provider,
        "citation": rule.citation,
        "hint": rule.hint,
    }


def render_rules(rules: Sequence[Rule], fmt: str) -> str:
    """The rules (and the engine's own, such as ``SP-001``) as ``human`` text or ``json``."""
    every = sorted((*rules, *META_RULES), key=lambda r: r.code)
    if fmt == "json":
        return json.dumps([rule_as_data(r) for r in every], indent=2) + "\n"
    lines = []
    for r in every:
        regimes = ",".join(x.key for x in r.regimes)
        status = "" if r.status.value == "stable" else f" [{r.status.value}]"
        lines.append(
            f"{r.code:<13} {r.strength.value:<6} {regimes or '-':<15} {r.title}{status}"
            + (f" ({r.provider})" if r.provider != "core" else "")
        )
    lines.append(f"{len(every)} rules")
    return "\n".join(lines) + "\n"
