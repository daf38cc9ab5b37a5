"""``check --format github``: GitHub Actions workflow commands, one per finding.

GitHub shows each ``::error``, ``::warning`` and ``::notice`` line of a step's log as an
annotation on the file and line (in the run's summary and, for changed lines, in the pull
request). Errors are ``::error``, warnings ``::warning``, infos ``::notice``: GitHub counts
and caps each kind separately, so the many "not recorded" notices never hide an error. A file
that cannot be loaded, and a plugin or rule that failed, are ``::error``. The file is named as
the check was given it: run the check from the repository's root with relative paths.
"""

from __future__ import annotations

from safeguarding_partnership.errors import Location
from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.pipeline import CheckRun

__all__ = ["github_commands"]

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, title: str, location: Location | None) -> str:
    props = []
    if location is not None:
        props.append(f"file={_property(location.file)}")
        if location.line is not None:
            props.append(f"line={location.line}")
            if location.column is not None:
                props.append(f"col={location.column}")
    props.append(f"title={_property(title)}")
    return f"::{kind} {','.join(props)}::{_data(message)}"


def _finding(f: Finding, file: str | None = None) -> str:
    """A finding's command: at its place, or on its file when it has none."""
    message = f.message + (" [not yet in force]" if f.not_commenced else "")
    if f.citation:
        message += f" ({f.citation})"
    where = f.location or (Location(file) if file else None)
    return _command(_COMMAND[f.severity], message, f.rule_id, where)


def github_commands(run: CheckRun) -> str:
    """The run as workflow commands, one line each."""
    lines = [
        _command(
            "error", f"{p.path}: {p.message}" if p.path else p.message, "load error", p.location
        )
        for err in run.load_errors
        for p in err.problems
    ]
    lines.extend(
        _command("error", str(failure), "incomplete", None) for failure in run.plugin_failures
    )
    for result in run.results:
        lines.extend(_finding(f, result.file) for f in result.findings)
        where = Location(result.file) if result.file else None
        lines.extend(
            _command(
                "error", f"rule {x.rule} from {x.provider} failed: {x.error}", "incomplete", where
            )
            for x in result.failures
        )
    lines.extend(_finding(f) for f in run.registry)
    lines.extend(
        _command("error", f"rule {x.rule} from {x.provider} failed: {x.error}", "incomplete", None)
        for x in run.registry_failures
    )
    return "".join(line + "\n" for line in lines)
