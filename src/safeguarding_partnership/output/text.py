"""Printing a check for people (plain text) and programs (JSON, SARIF)."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.model.common import CONTROL_CHARACTERS
from safeguarding_partnership.model.dates import latest
from safeguarding_partnership.output.summary import summarise
from safeguarding_partnership.output.unknowns import UnknownFact, group_unknowns, is_unknown
from safeguarding_partnership.pipeline import CheckRun
from safeguarding_partnership.rules.engine import CheckResult, RuleFailure, WaiverUse

__all__ = [
    "CSV_COLUMNS",
    "View",
    "check_as_data",
    "neutralise_cell",
    "render_check",
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
        "citations": [c.as_data() for c in f.citations],
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


def _failure_data(x: RuleFailure) -> dict[str, str]:
    return {"rule": x.rule, "provider": x.provider, "error": x.error}


def _at_least(findings: Sequence[Finding], minimum: Severity) -> list[Finding]:
    return [f for f in findings if f.severity.rank <= minimum.rank]


def _arrangement_data(r: CheckResult, minimum: Severity) -> dict[str, Any]:
    return {
        "id": r.arrangement.id,
        "name": r.arrangement.name,
        "file": r.file,
        "as_of": r.as_of.isoformat(),
        **({"as_at": str(r.arrangement.as_at)} if r.arrangement.as_at else {}),
        "rules_run": [rule.code for rule in r.rules_run],
        "waived": [{"rule": rule.code, "reason": w.reason} for rule, w in r.waived],
        "waivers": [_waiver_data(u) for u in r.waivers],
        "failures": [_failure_data(x) for x in r.failures],
        "findings": [_finding_data(f) for f in _at_least(r.findings, minimum)],
    }


def check_as_data(run: CheckRun, *, min_severity: Severity = Severity.INFO) -> dict[str, Any]:
    """The check as plain data (the JSON output): findings at ``min_severity`` or above."""
    return _check_data(run, min_severity, [_arrangement_data(r, min_severity) for r in run.results])


def _check_data(
    run: CheckRun, min_severity: Severity, arrangements: list[dict[str, Any]]
) -> dict[str, Any]:
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
        "arrangements": arrangements,
        "registry": [_finding_data(f) for f in _at_least(run.registry, min_severity)],
        "registry_waivers": [_waiver_data(u) for u in run.registry_waivers],
        "registry_failures": [_failure_data(x) for x in run.registry_failures],
    }


_COMPACT_FROM = 1000
"""A JSON output with more findings than this is compact: Python's JSON encoder is C-fast only
without indentation."""


def check_json_pieces(run: CheckRun, *, min_severity: Severity = Severity.INFO) -> Iterator[str]:
    """The JSON output of a check (``render_check(run, "json")``), in pieces to write one
    after another. A large check (a national registry's is 10 MB) is encoded one arrangement
    at a time, so that neither its data nor its text is ever held whole; the text is the
    same as that of :func:`check_as_data` encoded at once."""
    findings = sum(len(_at_least(r.findings, min_severity)) for r in run.results)
    if findings <= _COMPACT_FROM:
        yield json.dumps(check_as_data(run, min_severity=min_severity), indent=2) + "\n"
        return
    text = json.dumps(_check_data(run, min_severity, []))  # {..., "arrangements": [], ...}
    cut = text.index(', "arrangements": []') + len(', "arrangements": [')
    yield text[:cut]
    for i, r in enumerate(run.results):
        yield (", " if i else "") + json.dumps(_arrangement_data(r, min_severity))
    yield text[cut:] + "\n"


_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@attrs.frozen
class View:
    """What the text for people shows (ruff's options, adapted).

    ``quiet`` shows findings only, one line each with its severity: no headings, no
    description and no summary. ``verbose`` adds each arrangement's description and lists
    what the file does not record; ``show_unknown`` lists the latter alone (by default it is
    counted). ``min_severity`` hides findings below it.
    """

    quiet: bool = False
    verbose: bool = False
    show_unknown: bool = False
    min_severity: Severity = Severity.INFO

    @property
    def lists_unknowns(self) -> bool:
        return self.show_unknown or self.verbose


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _unknown_count(facts: Sequence[UnknownFact], *, listed: bool) -> str:
    findings = _plural(sum(len(f.findings) for f in facts), "information finding")
    if listed:
        return f"not recorded ({_plural(len(facts), 'fact')}, {findings}):"
    return (
        f"not recorded: {_plural(len(facts), 'fact')} the file does not record ({findings}); "
        "list them with --show-unknown"
    )


def _where(location: object) -> str:
    return f"{location}: " if location else ""


def _fact_line(fact: UnknownFact, quiet: bool) -> str:
    tag = " [not recorded]" if quiet else ""
    return f"{_where(fact.findings[0].location)}{', '.join(fact.rules)}{tag} {fact.text}"


def _flat(f: Finding) -> list[str]:
    """A finding on its own line, with its severity: the quiet layout."""
    note = " [not yet in force]" if f.not_commenced else ""
    lines = [f"{_where(f.location)}{f.rule_id} [{f.severity.value}] {f.message}{note}"]
    if f.cited:
        lines.append(f"  ({f.cited})")
    return lines


def _waiver_line(use: WaiverUse) -> str:
    where = f"{use.location}: " if use.location is not None else "--ignore "
    rules = ", ".join(use.rules) if use.rules else "no rule in force"
    return (
        f"  {where}waived {use.waiver.rule} ({rules}): {use.waiver.reason}; "
        f"suppressed {len(use.suppressed)} finding(s)"
    )


def _registry_lines(run: CheckRun, view: View) -> list[str]:
    """Cross-arrangement (REGISTRY-) findings, after the arrangements."""
    shown = _at_least(run.registry, view.min_severity)
    failed = [_failure_line(x) for x in run.registry_failures]
    if view.quiet:
        return [line for f in shown for line in _flat(f)] + [x.strip() for x in failed]
    if not shown and not run.registry_waivers and not failed:
        return []
    lines = [f"across arrangements ({len(shown)}):"]
    for f in shown:
        lines.append(f"  {_where(f.location)}{f.rule_id} [{f.severity.value}] {f.message}")
        if f.cited:
            lines.append(f"    ({f.cited})")
    lines.extend(_waiver_line(use) for use in run.registry_waivers)
    return lines + failed


def _summary_line(run: CheckRun) -> str:
    errors = sum(r.count("error") for r in run.results)
    warnings = sum(r.count("warning") for r in run.results)
    errors += sum(1 for f in run.registry if f.severity is Severity.ERROR)
    warnings += sum(1 for f in run.registry if f.severity is Severity.WARNING)
    return (
        f"{len(run.results)} arrangement(s) checked, {errors} error(s), {warnings} warning(s)"
        + (f", {len(run.load_errors)} file(s) could not be loaded" if run.load_errors else "")
    )


def _checked_line(result: CheckResult) -> str:
    return f"  checked as of {_as_of_words(result)}: {len(result.rules_run)} rules in force"


def _by_severity(shown: Sequence[Finding]) -> Iterator[tuple[Severity, list[Finding]]]:
    """The findings shown, other than unknowns, by severity (most severe first; none empty)."""
    for severity in _SEVERITIES:
        group = [f for f in shown if f.severity is severity and not is_unknown(f)]
        if group:
            yield severity, group


def _as_of_words(result: CheckResult) -> str:
    """The day checked, and how it stands to the day the file's facts were seen (``as_at``)."""
    day = result.as_of.isoformat()
    seen = result.arrangement.as_at
    if seen is None:
        return day
    if result.as_of == latest(seen):
        return (
            f"{day}, the day the file's facts were seen (as_at {seen}; --as-of checks another day)"
        )
    if result.as_of > latest(seen):
        return f"{day}, after the file's facts were seen (as_at {seen}): they are last known then"
    return f"{day}, before the file's facts were seen (as_at {seen})"


def _none_shown(result: CheckResult, view: View) -> str:
    if not result.findings:
        return "  no findings"
    return f"  no findings at {view.min_severity.value} level or above"


def _quiet_lines(result: CheckResult, view: View) -> list[str]:
    shown = _at_least(result.findings, view.min_severity)
    lines = [line for f in shown if not is_unknown(f) for line in _flat(f)]
    if view.lists_unknowns:
        lines.extend(_fact_line(x, True) for x in group_unknowns(shown, result.arrangement))
    return lines


def _failure_line(failure: RuleFailure) -> str:
    return f"  INCOMPLETE: rule {failure.rule} from {failure.provider} failed: {failure.error}"


def _plain(run: CheckRun, view: View) -> str:
    lines: list[str] = []
    for err in run.load_errors:
        lines.extend(str(p) for p in err.problems)
    lines.extend(f"INCOMPLETE: {failure}" for failure in run.plugin_failures)
    for result in run.results:
        if view.quiet:
            lines.extend(_quiet_lines(result, view))
            lines.extend(_failure_line(x).strip() for x in result.failures)
            continue
        head, *description = summarise(result.arrangement, result.as_of)
        lines.append(head)
        if view.verbose:
            lines.extend(description)
        lines.append(_checked_line(result))
        shown = _at_least(result.findings, view.min_severity)
        for severity, group in _by_severity(shown):
            lines.append(f"  {severity.value}s ({len(group)}):")
            for f in group:
                note = " [not yet in force]" if f.not_commenced else ""
                lines.append(f"    {_where(f.location)}{f.rule_id} {f.message}{note}")
                if f.cited:
                    lines.append(f"      ({f.cited})")
        facts = group_unknowns(shown, result.arrangement)
        if facts:
            lines.append("  " + _unknown_count(facts, listed=view.lists_unknowns))
            if view.lists_unknowns:
                lines.extend("    " + _fact_line(x, False) for x in facts)
        lines.extend(_waiver_line(use) for use in result.waivers)
        lines.extend(_failure_line(x) for x in result.failures)
        if not shown:
            lines.append(_none_shown(result, view))
    lines.extend(_registry_lines(run, view))
    if not view.quiet:
        lines.append(_summary_line(run))
    return "".join(visible(line) + "\n" for line in lines)


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _rich(run: CheckRun, view: View, width: int | None) -> str:
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
        head, *description = summarise(result.arrangement, result.as_of)
        console.rule(Text(visible(head), style="bold"))
        if view.verbose:
            for line in description:
                console.print(Text(visible(line)))
        console.print(Text(visible(_checked_line(result))))
        shown = _at_least(result.findings, view.min_severity)
        for severity, group in _by_severity(shown):
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
                if f.cited:
                    body.append("\n" + visible(f.cited), style="dim italic")
                where = visible(str(f.location or f.path or ""))
                table.add_row(Text(visible(f.rule_id)), Text(where), body)
            console.print(table)
        facts = group_unknowns(shown, result.arrangement)
        if facts and view.lists_unknowns:
            unknowns = Table(
                title=Text(_unknown_count(facts, listed=True).rstrip(":"), style="cyan"),
                title_justify="left",
            )
            unknowns.add_column("rules", style="cyan", no_wrap=True)
            unknowns.add_column("location", no_wrap=True)
            unknowns.add_column("not recorded")
            for fact in facts:
                located = fact.findings[0].location
                unknowns.add_row(
                    Text(visible(", ".join(fact.rules))),
                    Text(visible(str(located or ""))),
                    Text(visible(fact.text)),
                )
            console.print(unknowns)
        elif facts:
            console.print(Text("  " + _unknown_count(facts, listed=False), style="cyan"))
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
            console.print(Text(visible(_failure_line(failure)), style="bold red"))
        if not shown:
            console.print(Text(visible(_none_shown(result, view)), style="green"))
    for line in _registry_lines(run, view):
        console.print(Text(visible(line)))
    console.print(Text(visible(_summary_line(run)), style="bold"))
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
    "citation_urls",
)
"""The columns of ``check --format csv``, one row per load problem, plugin failure or finding.
``citation_urls`` gives the official address of each provision ``citation`` names, in order,
separated by ``"; "`` (empty where the address is not known)."""

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


def _failure_row(arrangement: str, x: RuleFailure) -> tuple[object, ...]:
    return _row(
        kind="rule failure",
        arrangement=arrangement,
        rule=x.rule,
        severity="error",
        message=x.error,
        provider=x.provider,
    )


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
        citation_urls="; ".join(c.url or "" for c in f.citations),
    )


def _csv_rows(run: CheckRun, minimum: Severity) -> list[tuple[object, ...]]:
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
        rows.extend(
            _finding_row(result.arrangement.id, f) for f in _at_least(result.findings, minimum)
        )
        rows.extend(_failure_row(result.arrangement.id, x) for x in result.failures)
    rows.extend(_finding_row("", f) for f in _at_least(run.registry, minimum))
    rows.extend(_failure_row("", x) for x in run.registry_failures)
    return rows


def _csv(run: CheckRun, minimum: Severity) -> str:
    import csv

    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([neutralise_cell(cell) for cell in row] for row in _csv_rows(run, minimum))
    return stream.getvalue()


def render_check(
    run: CheckRun,
    fmt: str,
    *,
    quiet: bool = False,
    terminal: bool | None = None,
    width: int | None = None,
    min_severity: Severity | str | None = None,
    show_unknown: bool = False,
    verbose: bool = False,
    silent: bool = False,
) -> str:
    """The check in a format: ``human`` (or ``text``), ``json``, ``sarif``, ``csv``,
    ``github`` (workflow commands) or ``gitlab`` (code-quality JSON).

    ``human`` is drawn with rich when rich is installed, ``terminal`` is true (by default:
    when standard output is a terminal) and the terminal takes styles (``TERM`` is not
    ``dumb`` and ``NO_COLOR`` is not set); otherwise it is plain text with the same information.
    It leads each arrangement with its errors and warnings and says once each fact the file
    does not record, counted unless ``show_unknown`` or ``verbose`` (see :class:`View`).

    ``min_severity`` leaves out findings below it, in every format; by default SARIF leaves
    out information findings (they are not alerts) and the other formats keep them. The exit
    status never depends on it. ``silent`` prints nothing.
    """
    if silent:
        return ""
    minimum = Severity(min_severity) if min_severity is not None else None
    if fmt == "json":
        return "".join(check_json_pieces(run, min_severity=minimum or Severity.INFO))
    if fmt == "csv":
        return _csv(run, minimum or Severity.INFO)
    if fmt == "sarif":
        from safeguarding_partnership.output.sarif import sarif_log

        return json.dumps(sarif_log(run, min_severity=minimum), indent=2) + "\n"
    if fmt == "github":
        from safeguarding_partnership.output.github import github_commands

        return github_commands(run)
    if fmt == "gitlab":
        from safeguarding_partnership.output.gitlab import gitlab_report

        return gitlab_report(run)
    view = View(quiet, verbose, show_unknown, minimum or Severity.INFO)
    if terminal is None:
        terminal = sys.stdout.isatty()
    if not quiet and terminal and _rich_available() and _styles_wanted():
        import shutil  # a terminal's width: only a styled report needs it

        return _rich(run, view, width or shutil.get_terminal_size().columns)
    return _plain(run, view)
