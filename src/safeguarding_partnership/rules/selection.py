"""Which rules a check runs: ruff's ``select`` and ``ignore``, with a reason for every waiver.

``select`` narrows the rules to codes or prefixes (``PUB-``); ``ignore`` waives a code or
prefix and always carries its reason. A code or prefix that no rule has is refused. Registry
rules are chosen the same way; a waiver of registry rules alone is the registry run's, wherever
it is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import attrs

from safeguarding_partnership.errors import (
    ArrangementsFileError,
    Location,
    Problem,
    UnknownRuleError,
)
from safeguarding_partnership.findings import format_path
from safeguarding_partnership.model import RuleSettings, Waiver
from safeguarding_partnership.rules.notices import META_RULES, UNUSED_WAIVER
from safeguarding_partnership.rules.rule import Rule, RuleStatus, Scope

__all__ = [
    "Selection",
    "check_file_codes",
    "choose",
    "matches",
    "meta_waiver",
    "registry_waiver",
    "select_rules",
]

Locate = Callable[[tuple[str | int, ...]], Location | None]


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
        given: Selection | None = None,
    ) -> Selection:
        """The selection an arrangements file asks for, extended by command-line choices
        (the keyword arguments, and ``given``, a whole selection; its commencement dates win
        over the file's)."""
        extra = given or cls()
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
            select=base.select + extra.select + tuple(select),
            ignore=base.ignore + extra.ignore + tuple(ignore),
            include_not_commenced=(
                base.include_not_commenced or extra.include_not_commenced or include_not_commenced
            ),
            include_preview=base.include_preview or extra.include_preview or include_preview,
            commencement={**base.commencement, **extra.commencement},
        )


def matches(code: str, pattern: str) -> bool:
    """A code matches itself, its family prefix with or without the dash (``PUB-``, ``PUB``)."""
    return (
        code == pattern
        or (pattern.endswith("-") and code.startswith(pattern))
        or code.startswith(pattern + "-")
    )


def unknown_codes(known: Sequence[str], patterns: Iterable[str]) -> list[str]:
    return [p for p in patterns if not any(matches(code, p) for code in known)]


def known_codes(rules: Sequence[Rule]) -> list[str]:
    """Codes a selection may name: the rules, the engine's own, and every catalogue entry."""
    from safeguarding_partnership.reference.catalogue import catalogue_entries

    return (
        [r.code for r in rules] + [r.code for r in META_RULES] + [e.id for e in catalogue_entries()]
    )


def check_known(rules: Sequence[Rule], selection: Selection) -> None:
    if not selection.select and not selection.ignore:
        return  # nothing named, nothing to look up
    known = known_codes(rules)
    problems = [
        f"unknown rule code or prefix {p!r} in select"
        for p in unknown_codes(known, selection.select)
    ]
    problems += [
        f"unknown rule code or prefix {p!r} in ignore"
        for p in unknown_codes(known, (w.rule for w in selection.ignore))
    ]
    if problems:
        raise UnknownRuleError("\n".join(problems))


def check_file_codes(
    rules: Sequence[Rule], settings: RuleSettings | None, locate: Locate | None, file: str | None
) -> None:
    """Unknown codes written in the arrangements file: a located :class:`ArrangementsFileError`."""
    if settings is None:
        return
    known = known_codes(rules)
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, pattern in enumerate(settings.select or ()):
        found.append((("rules", "select", i), pattern))
    for i, waiver in enumerate(settings.ignore or ()):
        found.append((("rules", "ignore", i, "rule"), waiver.rule))
    for code in settings.commencement or {}:
        found.append((("rules", "commencement", code), code))
    problems = [
        Problem(
            (locate(path) if locate is not None else None) or Location(file or "<arrangement>"),
            format_path(path),
            f"unknown rule code or prefix {pattern!r}",
        )
        for path, pattern in found
        if unknown_codes(known, [pattern])
    ]
    if problems:
        raise ArrangementsFileError(problems)


def select_rules(
    rules: Sequence[Rule],
    as_of: dt.date,
    selection: Selection = Selection(),
    scope: Scope | None = None,
) -> tuple[list[Rule], list[tuple[Rule, Waiver]]]:
    """The rules to run on ``as_of``, and the rules waived (with their waivers); with
    ``scope``, only the rules of that scope.

    Raises :class:`UnknownRuleError` for a code or prefix in ``select`` or ``ignore`` that
    matches no rule of ``rules`` (of any scope). A rule matched by several waivers is waived
    by the first.
    """
    check_known(rules, selection)
    return choose([r for r in rules if scope in (None, r.scope)], as_of, selection)


def choose(
    rules: Sequence[Rule], as_of: dt.date, selection: Selection
) -> tuple[list[Rule], list[tuple[Rule, Waiver]]]:
    chosen: list[Rule] = []
    waived: list[tuple[Rule, Waiver]] = []
    for r in sorted(rules, key=lambda r: r.code):
        selected = any(matches(r.code, p) for p in selection.select)
        if selection.select and not selected:
            continue
        if r.status is RuleStatus.PREVIEW and not (selected or selection.include_preview):
            continue
        commencement = selection.commencement.get(r.code)
        if r.status is RuleStatus.NOT_COMMENCED and selection.include_not_commenced:
            commencement = commencement or as_of
        if not r.in_force(as_of, commencement):
            continue
        waiver = next((w for w in selection.ignore if matches(r.code, w.rule)), None)
        if waiver is not None:
            waived.append((r, waiver))
            continue
        chosen.append(r)
    return chosen, waived


def meta_waiver(waiver: Waiver) -> bool:
    """Whether ``waiver`` waives ``SP-001``: it silences every waiver that suppresses nothing
    (over the arrangements checked together, wherever it is written)."""
    return matches(UNUSED_WAIVER.code, waiver.rule)


def registry_waiver(waiver: Waiver, rules: Sequence[Rule]) -> bool:
    """Whether ``waiver`` matches registry rules of ``rules`` and no arrangement rule: it
    waives them over the arrangements checked together, wherever it is written."""
    matched = {r.scope for r in rules if matches(r.code, waiver.rule)}
    return matched == {Scope.REGISTRY}
