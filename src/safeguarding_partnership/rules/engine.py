"""The rule engine: run the rules chosen for a day, collect located findings.

Both scopes of rule run here: :func:`run_rules` runs the arrangement rules over one
arrangement, :func:`run_registry` the registry rules over the arrangements checked together,
and every finding of either is made by one constructor (:meth:`Rule.finding`).

Which rules run is :mod:`.selection`'s (ruff's ``select`` and ``ignore``). A waived rule still
runs, so the engine can tell which findings each waiver suppressed; a waiver that suppresses
nothing is itself reported as ``SP-001`` (like ruff's unused ``noqa``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from safeguarding_partnership.errors import (
    Location,
)
from safeguarding_partnership.findings import Finding, Severity, format_path
from safeguarding_partnership.model import Arrangement, Waiver
from safeguarding_partnership.model.readonly import read_only
from safeguarding_partnership.rules.hedge import hedge
from safeguarding_partnership.rules.notices import (
    ENDED,
    META_RULES,
    OVERRIDDEN,
    UNUSED_WAIVER,
    ended_findings,
    overridden_findings,
)
from safeguarding_partnership.rules.rule import (
    Issue,
    RegistryContext,
    Rule,
    RuleContext,
    Scope,
)
from safeguarding_partnership.rules.selection import (
    Selection,
    check_file_codes,
    choose,
    matches,
    meta_waiver,
    registry_waiver,
    select_rules,
)

__all__ = [
    "ENDED",
    "IMPLEMENTED_BY_ENGINE",
    "META_RULES",
    "OVERRIDDEN",
    "UNUSED_WAIVER",
    "CheckResult",
    "RegistryResult",
    "RuleFailure",
    "Selection",
    "WaiverUse",
    "meta_waiver",
    "override_notices",
    "registry_waiver",
    "run_registry",
    "run_rules",
    "select_rules",
]

Locate = Callable[[tuple[str | int, ...]], Location | None]
LocateMany = Callable[[Sequence[tuple[str | int, ...]]], Sequence[Location | None]]
"""Locates many paths at once (one pass over the file where its format allows)."""


IMPLEMENTED_BY_ENGINE: dict[str, str] = {
    "REGIME-001": "the engine runs a WT2018 rule only on days its regime applies, 4 July 2018 "
    "to 14 December 2023 (Regime.WT2018), as of the day checked (--as-of)",
    "REGIME-002": "the engine runs a WT2023 rule only on days from 15 December 2023 "
    "(Regime.WT2023), as of the day checked (--as-of)",
    "LATER-003": "rules of the 2026 Act are not commenced: the engine runs them only from a "
    "configured commencement date (rules.commencement) or with --include-not-commenced",
}
"""Catalogue entries about choosing rules by date, which the engine itself implements."""


@attrs.frozen
class RuleFailure:
    """A rule that raised instead of answering: the run is incomplete."""

    rule: str
    provider: str
    error: str


@attrs.frozen
class WaiverUse:
    """One waiver and what it did on this run: the rules it waived and the findings it hid.

    ``path`` and ``location`` say where the waiver is written in the arrangements file;
    both are empty for a waiver given on the command line (``--ignore``).
    """

    waiver: Waiver
    rules: tuple[str, ...] = ()
    suppressed: tuple[Finding, ...] = ()
    failed: tuple[str, ...] = ()
    path: str = ""
    location: Location | None = None

    @property
    def used(self) -> bool:
        """Whether it suppressed a finding (or waived a rule that failed, so cannot tell)."""
        return bool(self.suppressed or self.failed)

    @property
    def origin(self) -> str:
        """Where the waiver was given: its file location, or ``--ignore``."""
        if self.location is not None:
            return f"{self.location}: {self.path}"
        return self.path or "--ignore"


@attrs.frozen
class CheckResult:
    """Findings of one arrangement checked as of a day.

    ``waived`` pairs each waived rule with its waiver; ``waivers`` tells, for every waiver
    given, which rules it waived and which findings it suppressed.
    """

    arrangement: Arrangement
    as_of: dt.date
    findings: tuple[Finding, ...]
    rules_run: tuple[Rule, ...]
    waived: tuple[tuple[Rule, Waiver], ...] = ()
    failures: tuple[RuleFailure, ...] = ()
    file: str | None = None
    waivers: tuple[WaiverUse, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.failures

    @property
    def suppressed(self) -> tuple[tuple[Finding, Waiver], ...]:
        """Every finding a waiver suppressed, with that waiver."""
        return tuple((f, use.waiver) for use in self.waivers for f in use.suppressed)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity.value == severity)


@attrs.frozen
class RegistryResult:
    """What the registry rules found over the arrangements checked together, and what each
    waiver of them did."""

    findings: tuple[Finding, ...] = ()
    waivers: tuple[WaiverUse, ...] = ()
    failures: tuple[RuleFailure, ...] = ()
    """Registry rules that raised: the run is incomplete (their findings are left out)."""


Found = list[tuple[Rule, Issue]]
"""Issues rules yielded, each with its rule, waiting to be located and made findings."""


def _run_one(
    r: Rule, arrangement: Arrangement, as_of: dt.date, settings: Mapping[str, object] | None
) -> Found:
    """Every issue of one rule (all or none: a rule that raises contributes nothing)."""
    ctx = RuleContext(arrangement, as_of, (settings or {}).get(r.provider))
    # knowing less never says more: an issue about a fact not known for sure on the day
    # becomes information (rules/hedge.py)
    return [(r, hedge(issue, r.severity, arrangement, as_of)) for issue in r(ctx)]


def _run_all(
    rules: Iterable[Rule],
    arrangement: Arrangement,
    as_of: dt.date,
    settings: Mapping[str, object] | None,
) -> tuple[Found, list[tuple[Rule, BaseException]]]:
    """Every issue of each rule, and each rule that raised with what it raised: a rule's
    fault (``sys.exit()`` too) hides no other rule's issues."""
    found: Found = []
    faults: list[tuple[Rule, BaseException]] = []
    for r in rules:
        try:
            found += _run_one(r, arrangement, as_of, settings)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            faults.append((r, exc))
    return found, faults


def _located(
    found: Iterable[Found], locate: Locate | None, locate_many: LocateMany | None
) -> dict[tuple[str | int, ...], Location | None]:
    """The location of the path of every issue found, each path located once, all of them
    together when ``locate_many`` is given. An issue about the whole arrangement (no path)
    belongs to its file, at no line, so is not located."""
    paths = list(dict.fromkeys(issue.path for issues in found for _, issue in issues if issue.path))
    if locate_many is not None:
        return dict(zip(paths, locate_many(paths), strict=True))
    if locate is not None:
        return {path: locate(path) for path in paths}
    return {}


def _findings(found: Found, where: Mapping[tuple[str | int, ...], Location | None]) -> set[Finding]:
    return {r.finding(issue, where.get(issue.path)) for r, issue in found}


def _file_waiver_path(
    arrangement: Arrangement, waiver: Waiver, locate: Locate | None
) -> tuple[str, Location | None]:
    ignores = (arrangement.rules.ignore if arrangement.rules else None) or ()
    for i, candidate in enumerate(ignores):
        if candidate is waiver:
            path: tuple[str | int, ...] = ("rules", "ignore", i)
            return format_path(path), locate(path) if locate is not None else None
    return "", None


def _unused_finding(
    use: WaiverUse,
    as_of: dt.date,
    waived: Sequence[tuple[Rule, Waiver]],
    implemented: Sequence[str],
    england_only: Sequence[str] = (),
) -> Finding:
    """``SP-001`` for a waiver that suppressed nothing, saying why; ``england_only`` are the
    codes it matches of rules that run only with ``--england``, when that was not given."""
    w = use.waiver
    day = as_of.isoformat()
    if use.rules:
        why = f"{', '.join(use.rules)} found nothing on {day}"
    elif england_only:
        why = f"{', '.join(england_only)} runs only when all of England is checked (--england)"
    elif any(matches(r.code, w.rule) for r, _ in waived):
        why = f"every rule in force on {day} that it matches is waived by an earlier waiver"
    elif not any(matches(code, w.rule) for code in implemented):
        why = f"no rule implements {w.rule!r}"
    else:
        why = f"no rule in force on {day} matches {w.rule!r}"
    where = "" if use.location is not None or use.path else " (given with --ignore)"
    message = f"waiver of {w.rule!r}{where} suppresses nothing: {why} (reason given: {w.reason})"
    found = UNUSED_WAIVER.finding(Issue(message, (), Severity.INFO), use.location)
    return attrs.evolve(found, path=use.path)  # the waiver's path, already written out


def _meta_active(selection: Selection, rule: Rule = UNUSED_WAIVER) -> bool:
    return not selection.select or any(matches(rule.code, p) for p in selection.select)


def override_notices(
    arrangement: Arrangement,
    overridden: Sequence[tuple[str, str, str]],
    locate: Locate | None = None,
    selection: Selection = Selection(),
) -> tuple[Finding, ...]:
    """``SP-003`` for each record of the file that replaced a plugin's (list name, key,
    plugin), when the selection runs it."""
    if not _meta_active(selection, OVERRIDDEN):
        return ()
    return overridden_findings(arrangement, overridden, locate)


def _with_meta_waivers(
    selection: Selection,
    uses: list[WaiverUse],
    unused: set[Finding],
    where: Callable[[Waiver], tuple[str, Location | None]],
) -> tuple[tuple[WaiverUse, ...], set[Finding]]:
    """Every waiver's use in the order given, each ``SP-001`` waiver's added (the first says
    which ``unused`` findings it hid); and the ``SP-001`` findings to report: ``unused``,
    unless ``SP-001`` is waived."""
    meta = [w for w in selection.ignore if meta_waiver(w)]
    for i, waiver in enumerate(meta):
        path, at = where(waiver)
        hidden = tuple(sorted(unused, key=Finding.sort_key)) if i == 0 else ()
        uses.append(WaiverUse(waiver, (UNUSED_WAIVER.code,), hidden, path=path, location=at))
    order = {id(w): i for i, w in enumerate(selection.ignore)}
    return tuple(sorted(uses, key=lambda u: order[id(u.waiver)])), set() if meta else unused


def run_rules(
    arrangement: Arrangement,
    rules: Sequence[Rule],
    as_of: dt.date,
    *,
    selection: Selection = Selection(),
    locate: Locate | None = None,
    settings: Mapping[str, object] | None = None,
    file: str | None = None,
    locate_many: LocateMany | None = None,
) -> CheckResult:
    """Run the selected arrangement rules in force on ``as_of`` over one arrangement.

    ``rules`` may hold registry rules too: the selection may then name them, and a waiver
    of registry rules alone is left to :func:`run_registry`.
    A rule that raises never stops the others: it becomes a :class:`RuleFailure`.
    Findings come out sorted, so the order of lists in the file never changes them.
    A code no rule has raises :class:`~.errors.ArrangementsFileError` (located) when it is
    written in the file, and :class:`UnknownRuleError` when ``selection`` names it.
    ``settings`` are the providers' settings by provider name: each rule sees its own
    provider's as :attr:`RuleContext.settings`. Findings are located by ``locate_many``
    (all at once, after every rule has run) if given, else one by one by ``locate``.
    """
    check_file_codes(rules, arrangement.rules, locate, file)
    chosen, waived = select_rules(rules, as_of, selection, Scope.ARRANGEMENT)
    view = read_only(arrangement)  # rules see it; a change in place raises, a rule failure
    found, faults = _run_all(chosen, view, as_of, settings)
    failures = [RuleFailure(r.code, r.provider, f"{type(e).__name__}: {e}") for r, e in faults]

    waived_found: list[tuple[Waiver, list[Rule], Found, list[str]]] = []
    for waiver in selection.ignore:
        if meta_waiver(waiver) or registry_waiver(waiver, rules):
            continue  # SP-001's below; registry rules' in run_registry
        mine = [r for r, w in waived if w is waiver]
        suppressed, faults = _run_all(mine, view, as_of, settings)
        # waived, so a failure cannot make the run incomplete: it is only listed
        waived_found.append((waiver, mine, suppressed, [r.code for r, _ in faults]))

    located = _located([found, *(w[2] for w in waived_found)], locate, locate_many)
    findings = _findings(found, located)
    uses: list[WaiverUse] = []
    for waiver, mine, suppressed, failed in waived_found:
        path, at = _file_waiver_path(arrangement, waiver, locate)
        uses.append(
            WaiverUse(
                waiver=waiver,
                rules=tuple(r.code for r in mine),
                suppressed=tuple(sorted(_findings(suppressed, located), key=Finding.sort_key)),
                failed=tuple(failed),
                path=path,
                location=at,
            )
        )

    arrangement_codes = [r.code for r in rules if r.scope is Scope.ARRANGEMENT]
    unused = (
        {_unused_finding(u, as_of, waived, arrangement_codes) for u in uses if not u.used}
        if _meta_active(selection)
        else set()
    )
    every_use, unused = _with_meta_waivers(
        selection, uses, unused, lambda w: _file_waiver_path(arrangement, w, locate)
    )
    findings |= unused
    if _meta_active(selection, ENDED):
        findings |= set(ended_findings(arrangement, as_of, locate))

    return CheckResult(
        arrangement=arrangement,
        as_of=as_of,
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        rules_run=tuple(chosen),
        waived=tuple(waived),
        failures=tuple(failures),
        file=file,
        waivers=every_use,
    )


def run_registry(
    arrangements: Sequence[Arrangement],
    rules: Sequence[Rule],
    as_of: dt.date,
    *,
    england: bool = False,
    locate: Sequence[Locate] = (),
    selection: Selection = Selection(),
    waivers_at: Mapping[int, tuple[str, Location | None]] | None = None,
) -> RegistryResult:
    """Run the selected registry rules in force on ``as_of`` over arrangements checked together.

    ``england`` says the arrangements are all of England: the rules then also see every
    upper-tier area in force on ``as_of`` (from the packaged reference data), and the
    ``england_only`` rules run. ``locate`` gives, for each arrangement, where its field paths
    are; an issue about one arrangement is located in it, an issue about the set is not.
    ``selection`` chooses and waives as for one arrangement (its codes are not looked up
    here: :func:`run_rules` has done that); a waiver that suppresses nothing is ``SP-001``,
    located where ``waivers_at`` (by the waiver's ``id``) says it is written, unless the
    selection also waives ``SP-001`` (:func:`meta_waiver`). Each waiver's use (what it
    suppressed) comes with the findings, as :attr:`CheckResult.waivers` does for one
    arrangement. Findings come out sorted.
    """
    areas = None
    if england:
        from safeguarding_partnership.reference import upper_tier_areas_on

        areas = {la.code: la.name for la in upper_tier_areas_on(as_of)}
    ctx = RegistryContext(tuple(arrangements), as_of, areas)
    for r in rules:
        if r.scope is not Scope.REGISTRY:
            raise ValueError(f"{r.code} is not a registry rule")
    runnable = [r for r in rules if england or not r.england_only]
    chosen, waived = choose(runnable, as_of, selection)

    failures: dict[str, RuleFailure] = {}

    def found_by(r: Rule) -> set[Finding]:
        """The rule's findings, all or none: a rule that raises is a failure, as in
        :func:`run_rules`, and stops no other."""
        findings: set[Finding] = set()
        try:
            for found in r(ctx):
                at = None if found.arrangement is None or not locate else locate[found.arrangement]
                issue = found.issue
                if found.arrangement is not None:
                    issue = hedge(issue, r.severity, arrangements[found.arrangement], as_of)
                findings.add(r.finding(issue, at(issue.path) if at else None))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            failures[r.code] = RuleFailure(r.code, r.provider, f"{type(exc).__name__}: {exc}")
            return set()
        return findings

    findings = {f for r in chosen for f in found_by(r)}
    uses: list[WaiverUse] = []
    unused: set[Finding] = set()

    def where(waiver: Waiver) -> tuple[str, Location | None]:
        return (waivers_at or {}).get(id(waiver), ("", None))

    for waiver in selection.ignore:
        if meta_waiver(waiver):
            continue
        mine = [r for r, w in waived if w is waiver]
        path, at = where(waiver)
        hidden = tuple(sorted({f for r in mine for f in found_by(r)}, key=Finding.sort_key))
        failed = tuple(r.code for r in mine if r.code in failures)
        codes = tuple(r.code for r in mine)
        use = WaiverUse(waiver, codes, hidden, failed, path=path, location=at)
        uses.append(use)
        if use.used or not _meta_active(selection):
            continue
        england_only = [r.code for r in rules if r not in runnable and matches(r.code, waiver.rule)]
        unused.add(_unused_finding(use, as_of, waived, [r.code for r in runnable], england_only))
    every_use, unused = _with_meta_waivers(selection, uses, unused, where)
    findings |= unused
    ran = {r.code for r in chosen}  # a waived rule's failure is listed on its waiver only
    return RegistryResult(
        tuple(sorted(findings, key=Finding.sort_key)),
        every_use,
        tuple(failures[code] for code in sorted(failures) if code in ran),
    )
