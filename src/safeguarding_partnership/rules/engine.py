"""The rule engine: choose the rules in force on a day, run them, collect located findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..errors import Location, UnknownRuleError
from ..findings import Finding, format_path
from ..model import Arrangement, RuleSettings, Waiver
from .rule import Rule, RuleContext, RuleStatus

__all__ = ["CheckResult", "RuleFailure", "Selection", "run_rules", "select_rules"]

Locate = Callable[[tuple[str | int, ...]], Location | None]


@attrs.frozen
class RuleFailure:
    """A rule that raised instead of answering: the run is incomplete."""

    rule: str
    provider: str
    error: str


@attrs.frozen
class Selection:
    """Which rules to run: like ruff's ``select``/``ignore``, with reasons for every ignore."""

    select: tuple[str, ...] = ()
    ignore: tuple[Waiver, ...] = ()
    include_not_commenced: bool = False
    include_preview: bool = False
    commencement: dict[str, dt.date] = attrs.field(factory=dict)

    @classmethod
    def from_settings(
        cls,
        settings: RuleSettings | None,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[Waiver] = (),
        include_not_commenced: bool = False,
        include_preview: bool = False,
    ) -> Selection:
        """The selection an arrangements file asks for, extended by command-line choices."""
        base = cls()
        if settings is not None:
            base = cls(
                select=tuple(settings.select or ()),
                ignore=tuple(settings.ignore or ()),
                include_not_commenced=settings.include_not_commenced,
                commencement=dict(settings.commencement or {}),
            )
        return attrs.evolve(
            base,
            select=base.select + tuple(select),
            ignore=base.ignore + tuple(ignore),
            include_not_commenced=base.include_not_commenced or include_not_commenced,
            include_preview=base.include_preview or include_preview,
        )


def _matches(code: str, pattern: str) -> bool:
    return code == pattern or (pattern.endswith("-") and code.startswith(pattern))


def _check_known(rules: Sequence[Rule], patterns: Iterable[str]) -> None:
    for pattern in patterns:
        if not any(_matches(r.code, pattern) for r in rules):
            raise UnknownRuleError(f"unknown rule code or prefix {pattern!r}")


def select_rules(
    rules: Sequence[Rule], as_of: dt.date, selection: Selection = Selection()
) -> tuple[list[Rule], list[tuple[Rule, Waiver]]]:
    """The rules to run on ``as_of``, and the rules waived (with their waivers)."""
    _check_known(rules, selection.select)
    _check_known(rules, (w.rule for w in selection.ignore))
    chosen: list[Rule] = []
    waived: list[tuple[Rule, Waiver]] = []
    for r in sorted(rules, key=lambda r: r.code):
        selected = any(_matches(r.code, p) for p in selection.select)
        if selection.select and not selected:
            continue
        if r.status is RuleStatus.PREVIEW and not (selected or selection.include_preview):
            continue
        commencement = selection.commencement.get(r.code)
        if r.status is RuleStatus.NOT_COMMENCED and selection.include_not_commenced:
            commencement = commencement or as_of
        if not r.in_force(as_of, commencement):
            continue
        waiver = next((w for w in selection.ignore if _matches(r.code, w.rule)), None)
        if waiver is not None:
            waived.append((r, waiver))
            continue
        chosen.append(r)
    return chosen, waived


@attrs.frozen
class CheckResult:
    """Findings of one arrangement checked as of a day."""

    arrangement: Arrangement
    as_of: dt.date
    findings: tuple[Finding, ...]
    rules_run: tuple[Rule, ...]
    waived: tuple[tuple[Rule, Waiver], ...] = ()
    failures: tuple[RuleFailure, ...] = ()
    file: str | None = None

    @property
    def complete(self) -> bool:
        return not self.failures

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity.value == severity)


def run_rules(
    arrangement: Arrangement,
    rules: Sequence[Rule],
    as_of: dt.date,
    *,
    selection: Selection = Selection(),
    locate: Locate | None = None,
    settings: dict[str, object] | None = None,
    file: str | None = None,
) -> CheckResult:
    """Run the selected rules in force on ``as_of`` over one arrangement.

    A rule that raises never stops the others: it becomes a :class:`RuleFailure`.
    Findings come out sorted, so the order of lists in the file never changes them.
    """
    chosen, waived = select_rules(rules, as_of, selection)
    findings: set[Finding] = set()
    failures: list[RuleFailure] = []
    for r in chosen:
        ctx = RuleContext(arrangement, as_of, (settings or {}).get(r.provider))
        try:
            issues = list(r(ctx))
        except Exception as exc:  # a rule's fault must not hide the others' findings
            failures.append(RuleFailure(r.code, r.provider, f"{type(exc).__name__}: {exc}"))
            continue
        for issue in issues:
            findings.add(
                Finding(
                    rule_id=r.code,
                    severity=issue.severity or r.severity,
                    message=issue.message,
                    path=format_path(issue.path),
                    location=locate(issue.path) if locate is not None and issue.path else None,
                    citation=r.citation,
                    provider=r.provider,
                    not_commenced=r.status is RuleStatus.NOT_COMMENCED,
                )
            )
    return CheckResult(
        arrangement=arrangement,
        as_of=as_of,
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        rules_run=tuple(chosen),
        waived=tuple(waived),
        failures=tuple(failures),
        file=file,
    )
