"""A check as a SARIF 2.1.0 log, for code-scanning tools (GitHub, Azure DevOps, editors).

Our own small builder, not sarif-om: one run, whose driver lists every rule the run used with
its catalogue metadata, a link to its documentation (``helpUri``, for the core's rules) and its
citation with links (``help``); one result per finding, per load problem (``SP-LOAD``) and per
finding a waiver suppressed (with the waiver's reason as the suppression's justification).
Rules that failed are ``toolExecutionNotifications`` of the invocation.

Information findings are not results unless asked for (``min_severity``): "not recorded" is
not an alert. Each result has ``partialFingerprints``, a hash of what identifies the finding
(rule, file, arrangement, field path and message) and not of its line, so code scanning
tracks it across commits that move it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from safeguarding_partnership._version import __version__
from safeguarding_partnership.errors import Location, Problem, text_bytes
from safeguarding_partnership.findings import CORE, Citation, Finding, Severity, cite
from safeguarding_partnership.output.rules import RULES_PAGE, help_uri
from safeguarding_partnership.pipeline import CheckRun
from safeguarding_partnership.rules.core import registry_rules
from safeguarding_partnership.rules.engine import META_RULES, CheckResult, RuleFailure, WaiverUse
from safeguarding_partnership.rules.rule import Rule, Scope

__all__ = [
    "FINGERPRINT",
    "INFORMATION_URI",
    "LOAD_ERROR_RULE",
    "RULES_PAGE",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "help_uri",
    "sarif_log",
]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/safeguarding-partnership/"
"""Where the tool is described: its page on the Python Package Index."""
LOAD_ERROR_RULE = "SP-LOAD"
"""The rule id of results that report a file that could not be loaded."""
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT = "safeguardingPartnership/v1"
"""The key of each result's partial fingerprint."""

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

Json = dict[str, Any]


def _uri(file: str, base: Path) -> tuple[str, str | None]:
    """A file as a URI relative to ``base`` where it lies under it, else an absolute one;
    a name's bytes that are not UTF-8 are percent-encoded as they are."""
    path = Path(file)
    try:
        path = path.resolve()
        relative = path.relative_to(base.resolve())
    except UnicodeEncodeError:  # a lone surrogate no file name can hold: left as given
        return quote(text_bytes(path.as_posix())), None
    except ValueError:
        return "file://" + quote(text_bytes(path.as_posix())), None
    return quote(text_bytes(relative.as_posix())), SOURCE_ROOT


def _physical(location: Location, base: Path) -> Json:
    uri, base_id = _uri(location.file, base)
    artifact: Json = {"uri": uri}
    if base_id is not None:
        artifact["uriBaseId"] = base_id
    out: Json = {"artifactLocation": artifact}
    if location.line is not None and location.line >= 1:
        region: Json = {"startLine": location.line}
        if location.column is not None and location.column >= 1:
            region["startColumn"] = location.column
        out["region"] = region
    return out


def _locations(location: Location | None, path: str, file: str | None, base: Path) -> list[Json]:
    where = location if location is not None else (Location(file) if file else None)
    if where is None:
        return []
    loc: Json = {"physicalLocation": _physical(where, base)}
    if path:
        loc["logicalLocations"] = [{"fullyQualifiedName": path, "kind": "member"}]
    return [loc]


def _first_paragraph(text: str) -> str:
    """The first paragraph of a docstring, on one line."""
    lines: list[str] = []
    for line in text.strip().splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
    return " ".join(lines)


_PROPERTIES: dict[Scope, tuple[str, ...]] = {
    Scope.ARRANGEMENT: (
        "strength",
        "regimes",
        "confidence",
        "provider",
        "status",
        "citation",
        "validFrom",
        "validTo",
    ),
    Scope.REGISTRY: ("strength", "provider", "citation", "scope", "regimes", "validFrom"),
}
"""The properties a rule descriptor gives, by the rule's scope, in order."""

_SCOPE = {Scope.ARRANGEMENT: "one arrangement", Scope.REGISTRY: "arrangements checked together"}


def _markdown_link(c: Citation) -> str:
    text = c.text.replace("[", "\\[").replace("]", "\\]")
    return f"[{text}]({c.url})" if c.url else text


def _descriptor(rule: Rule) -> Json:
    """The SARIF reporting descriptor of a rule of either scope."""
    uri = help_uri(rule)
    source = cite(rule.citations) if rule.citations else "none (engine rule)"
    help_lines = [f"Source: {source}"]
    markdown = ["**Source:** " + ("; ".join(_markdown_link(c) for c in rule.citations) or source)]
    if rule.hint:
        help_lines.append(f"Hint: {rule.hint}")
        markdown.append(f"**Hint:** {rule.hint}")
    if uri is not None:
        help_lines.append(f"Documentation: {uri}")
        markdown.append(f"[Documentation of {rule.code}]({uri})")
    values: Json = {
        "strength": rule.strength.value,
        "regimes": [r.key for r in rule.regimes],
        "confidence": rule.confidence,
        "provider": rule.provider,
        "status": rule.status.value,
        "citation": rule.citation,
        "scope": _SCOPE[rule.scope],
        "validFrom": rule.valid_from.isoformat() if rule.valid_from else None,
        "validTo": rule.valid_to.isoformat() if rule.valid_to else None,
    }
    out: Json = {
        "id": rule.code,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": _first_paragraph(rule.doc) or rule.title},
        "help": {"text": "\n".join(help_lines), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {name: values[name] for name in _PROPERTIES[rule.scope]},
    }
    if uri is not None:
        out["helpUri"] = uri
    return out


_LOAD_DESCRIPTOR: Json = {
    "id": LOAD_ERROR_RULE,
    "shortDescription": {"text": "The file could not be loaded"},
    "fullDescription": {
        "text": "The file is not valid YAML, TOML or JSON, or does not match the arrangements "
        "file format, so none of its arrangements were checked."
    },
    "help": {
        "text": "Fix the located problem; `safeguarding-partnership schema` prints the format."
    },
    "defaultConfiguration": {"level": "error"},
    "properties": {"provider": CORE},
}


def _relative(file: str | None, base: Path) -> str:
    """A file as a path relative to ``base`` where it lies under it, else absolute."""
    if not file:
        return ""
    path = Path(file).resolve()
    try:
        return path.relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _fingerprint(*parts: str) -> dict[str, str]:
    """A stable hash of what identifies a result: never its line or column."""
    digest = hashlib.sha256(text_bytes("\x00".join(parts))).hexdigest()
    return {FINGERPRINT: digest}


def _result(
    finding: Finding,
    index: int,
    result: CheckResult | None,
    base: Path,
    waiver: WaiverUse | None = None,
) -> Json:
    file = result.file if result is not None else None
    where = finding.location.file if finding.location is not None else file
    arrangement = result.arrangement.id if result is not None else ""
    out: Json = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": _locations(finding.location, finding.path, file, base),
        "partialFingerprints": _fingerprint(
            finding.rule_id, _relative(where, base), arrangement, finding.path, finding.message
        ),
        "properties": {
            "arrangement": result.arrangement.id if result is not None else None,
            "path": finding.path,
            "citation": finding.citation,
            "citations": [c.as_data() for c in finding.citations],
            "provider": finding.provider,
            "notCommenced": finding.not_commenced,
        },
    }
    if waiver is not None:
        suppression: Json = {
            "kind": "inSource" if waiver.location is not None else "external",
            "status": "accepted",
            "justification": waiver.waiver.reason,
        }
        if waiver.location is not None:
            suppression["location"] = _locations(waiver.location, waiver.path, None, base)[0]
        out["suppressions"] = [suppression]
    return out


def _load_result(problem: Problem, index: int, base: Path) -> Json:
    return {
        "ruleId": LOAD_ERROR_RULE,
        "ruleIndex": index,
        "level": "error",
        "message": {"text": problem.message},
        "locations": _locations(problem.location, problem.path, None, base),
        "partialFingerprints": _fingerprint(
            LOAD_ERROR_RULE, _relative(problem.location.file, base), problem.path, problem.message
        ),
        "properties": {"path": problem.path},
    }


def _notification(failure: RuleFailure) -> Json:
    return {
        "level": "error",
        "message": {
            "text": f"rule {failure.rule} from {failure.provider} failed: {failure.error}; "
            "the run is incomplete"
        },
        "associatedRule": {"id": failure.rule},
    }


def _rules_used(results: Iterable[CheckResult]) -> list[Rule]:
    by_code: dict[str, Rule] = {}
    meta = {r.code: r for r in META_RULES}
    for result in results:
        for rule in (*result.rules_run, *(r for r, _ in result.waived)):
            by_code.setdefault(rule.code, rule)
        for f in (*result.findings, *(f for f, _ in result.suppressed)):
            if f.rule_id in meta:
                by_code.setdefault(f.rule_id, meta[f.rule_id])
    return [by_code[code] for code in sorted(by_code)]


def sarif_log(
    run: CheckRun, *, base: Path | None = None, min_severity: Severity | None = None
) -> Json:
    """The check as a SARIF 2.1.0 log. File URIs are relative to ``base`` (default: cwd).

    Findings below ``min_severity`` (by default, information findings) are not results."""
    root = base if base is not None else Path.cwd()
    minimum = min_severity or Severity.WARNING

    def shown(f: Finding) -> bool:
        return f.severity.rank <= minimum.rank

    rules = _rules_used(run.results)
    descriptors = [_descriptor(r) for r in rules]
    index = {r.code: i for i, r in enumerate(rules)}
    registry = {r.code: r for r in (*registry_rules(), *META_RULES)}  # SP-001 about them too
    hidden = (f.rule_id for use in run.registry_waivers for f in use.suppressed)
    for code in sorted({*(f.rule_id for f in run.registry), *hidden} - set(index)):
        index[code] = len(descriptors)
        known = registry.get(code)
        descriptors.append(_descriptor(known) if known is not None else {"id": code})
    problems = [p for e in run.load_errors for p in e.problems]
    if problems:
        index[LOAD_ERROR_RULE] = len(descriptors)
        descriptors.append(_LOAD_DESCRIPTOR)

    results: list[Json] = [_load_result(p, index[LOAD_ERROR_RULE], root) for p in problems]
    notifications: list[Json] = []
    for result in run.results:
        for f in filter(shown, result.findings):
            results.append(_result(f, index[f.rule_id], result, root))
        for use in result.waivers:
            for f in filter(shown, use.suppressed):
                results.append(_result(f, index[f.rule_id], result, root, use))
        notifications.extend(_notification(failure) for failure in result.failures)
    results.extend(_result(f, index[f.rule_id], None, root) for f in filter(shown, run.registry))
    for use in run.registry_waivers:
        results.extend(
            _result(f, index[f.rule_id], None, root, use) for f in filter(shown, use.suppressed)
        )
    notifications.extend(
        {"level": "error", "message": {"text": f"{failure}; the run is incomplete"}}
        for failure in run.plugin_failures
    )
    notifications.extend(_notification(failure) for failure in run.registry_failures)

    invocation: Json = {
        "executionSuccessful": not notifications,
        "exitCode": run.exit_code,
        "toolExecutionNotifications": notifications,
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "safeguarding-partnership",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "results": results,
                "properties": {
                    "arrangements": [
                        {
                            "id": r.arrangement.id,
                            "name": r.arrangement.name,
                            "asOf": r.as_of.isoformat(),
                            "rulesRun": [rule.code for rule in r.rules_run],
                            "waivers": [
                                {
                                    "rule": u.waiver.rule,
                                    "reason": u.waiver.reason,
                                    "rules": list(u.rules),
                                    "used": u.used,
                                }
                                for u in r.waivers
                            ],
                        }
                        for r in run.results
                    ]
                },
            }
        ],
    }
