"""The rule record: a small pure function with its catalogue metadata."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import overload

import attrs

from safeguarding_partnership.errors import Location
from safeguarding_partnership.findings import (
    CORE,
    Citation,
    Finding,
    PathPart,
    Severity,
    format_path,
)
from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.reference.catalogue import CatalogueEntry, catalogue_entries

__all__ = [
    "Issue",
    "RegistryContext",
    "RegistryIssue",
    "Rule",
    "RuleContext",
    "RuleStatus",
    "Scope",
    "reported_by_engine",
    "rule",
    "unknown",
]


class RuleStatus(enum.Enum):
    """Whether a rule runs by default (ruff's rule statuses, adapted)."""

    STABLE = "stable"
    """Runs by default when in force."""
    PREVIEW = "preview"
    """Rests on unconfirmed guidance; runs only when selected."""
    NOT_COMMENCED = "not_commenced"
    """Law not yet in force; runs only with a commencement date or ``--include-not-commenced``."""


class Scope(enum.Enum):
    """What a rule checks: one arrangement, or the arrangements checked together."""

    ARRANGEMENT = "arrangement"
    """A duty of one partnership: the function takes a :class:`RuleContext`, yields
    :class:`Issue`."""
    REGISTRY = "registry"
    """A cross-arrangement check (areas covered once, a body the same everywhere): the
    function takes a :class:`RegistryContext`, yields :class:`RegistryIssue`."""


@attrs.frozen
class Issue:
    """What a rule's function yields: a message about a field path.

    ``severity`` defaults to the rule's strength (error for MUST, warning for SHOULD).
    Use ``Severity.INFO`` for a fact the file leaves unknown ("not recorded").
    """

    message: str
    path: tuple[PathPart, ...] = ()
    severity: Severity | None = None


def unknown(what: str, path: tuple[PathPart, ...] = ()) -> Issue:
    """The information finding for a fact the file leaves unknown: ``not recorded: {what}``.

    Unknown is never none: a fact not recorded can never breach a duty, so a rule that needs
    it says so at information level and draws no conclusion.

    >>> unknown("the partnership chair", ("chair",)).message
    'not recorded: the partnership chair'
    """
    return Issue(f"not recorded: {what}", path, Severity.INFO)


@attrs.frozen
class RuleContext:
    """What a rule sees: the arrangement and the day it is checked as of. Nothing else."""

    arrangement: Arrangement
    as_of: dt.date
    settings: object | None = None


RuleFunction = Callable[[RuleContext], Iterable[Issue]]


def reported_by_engine(_ctx: RuleContext) -> Iterator[Issue]:
    """The function of a rule the engine reports itself (``SP-``): run, it finds nothing."""
    yield from ()


@attrs.frozen
class RegistryContext:
    """What a registry rule sees: the arrangements, the day, and (for ``--england``) the areas.

    ``england`` maps each upper-tier area code in force on ``as_of`` to its name; ``None``
    means the arrangements are not claimed to be all of England.
    """

    arrangements: tuple[Arrangement, ...]
    as_of: dt.date
    england: Mapping[str, str] | None = None


@attrs.frozen
class RegistryIssue:
    """An issue about one arrangement of the set (by index), or about the set (``None``)."""

    arrangement: int | None
    issue: Issue


RegistryFunction = Callable[[RegistryContext], Iterable[RegistryIssue]]


@attrs.frozen
class Rule:
    """A checkable duty from the catalogue, or a local rule from a plugin.

    ``code`` is an identifier (``PARTNERS-001``), never reused; the citation says where the
    duty comes from (the provision, with its official address). ``evidence`` names the
    secondary sources its wording was verified through (catalogue source keys), for the
    documentation only. ``valid_from``/``valid_to`` bound the days on which it is in force.
    ``scope`` says whether it checks one arrangement or the arrangements checked together;
    an ``england_only`` registry rule runs only with ``check --england``.
    """

    code: str
    title: str
    strength: Strength
    regimes: tuple[Regime, ...]
    citations: tuple[Citation, ...]
    function: RuleFunction | RegistryFunction = attrs.field(repr=False, eq=False)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    hint: str = ""
    status: RuleStatus = RuleStatus.STABLE
    confidence: str = "S"
    provider: str = CORE
    doc: str = attrs.field(default="", repr=False, eq=False)
    scope: Scope = Scope.ARRANGEMENT
    england_only: bool = False
    evidence: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.england_only and self.scope is not Scope.REGISTRY:
            raise ValueError(f"{self.code}: only a registry rule can be england_only")
        # A rule given no first day holds while its regimes do: from the earliest start to
        # the latest end (none if one is open). A not-commenced rule keeps its own dates.
        if self.valid_from is not None or self.status is RuleStatus.NOT_COMMENCED:
            return
        held = [r for r in self.regimes if r.commenced and r.start is not None]
        if not held:
            return
        object.__setattr__(self, "valid_from", min(r.start for r in held if r.start))
        if self.valid_to is None and all(r.end is not None for r in held):
            object.__setattr__(self, "valid_to", max(r.end for r in held if r.end))

    @property
    def severity(self) -> Severity:
        return Severity.of(self.strength)

    @property
    def citation(self) -> str:
        return "; ".join(c.text for c in self.citations)

    @property
    def prefix(self) -> str:
        return self.code.rsplit("-", 1)[0] + "-"

    def in_force(self, on: dt.date, commencement: dt.date | None = None) -> bool:
        """Whether the rule is in force on a day.

        A not-commenced rule is in force only from a configured ``commencement`` date.
        """
        start = self.valid_from
        if self.status is RuleStatus.NOT_COMMENCED:
            if commencement is None:
                return False
            start = max(commencement, start) if start else commencement
        if start is not None and on < start:
            return False
        return self.valid_to is None or on <= self.valid_to

    def finding(self, issue: Issue, location: Location | None = None) -> Finding:
        """The finding of one issue this rule yielded (or the engine reports for it), at
        ``location``: the one constructor of findings, for rules of either scope."""
        return Finding(
            rule_id=self.code,
            severity=issue.severity or self.severity,
            message=issue.message,
            path=format_path(issue.path),
            location=location,
            provider=self.provider,
            not_commenced=self.status is RuleStatus.NOT_COMMENCED,
            citations=self.citations,
        )

    @overload
    def __call__(self, ctx: RuleContext) -> Iterator[Issue]: ...
    @overload
    def __call__(self, ctx: RegistryContext) -> Iterator[RegistryIssue]: ...
    def __call__(self, ctx: RuleContext | RegistryContext) -> Iterator[Issue | RegistryIssue]:
        wanted = RegistryContext if self.scope is Scope.REGISTRY else RuleContext
        if not isinstance(ctx, wanted):
            raise TypeError(
                f"{self.code} is a rule of scope {self.scope.value!r}: it takes a "
                f"{wanted.__name__}, not a {type(ctx).__name__}"
            )
        yield from self.function(ctx)  # type: ignore[arg-type]


@functools.cache
def _catalogue() -> dict[str, CatalogueEntry]:
    return {e.id: e for e in catalogue_entries()}


def _citation(text: str | Citation) -> Citation:
    return text if isinstance(text, Citation) else Citation(text)


_HINT = re.compile(r"Hint:(?:\s|$)")


def split_hint(doc: str) -> tuple[str, str]:
    """A docstring without its ``Hint:`` paragraph, and that paragraph's text on one line.

    The hint is a paragraph of its own at the docstring's margin, after the first (which says
    what the rule checks). A ``Hint:`` a reader could take for the hint but this would not
    read as one is refused with ``ValueError``: at the start, inside another paragraph, twice,
    empty, or running into an example's label. Lines indented further (examples) are text.

    >>> split_hint('''A name is given.
    ...
    ...     Hint: Give the partnership
    ...     a name.
    ...
    ...     Failing::
    ... ''')
    ('A name is given.\\n\\n    Failing::\\n', 'Give the partnership a name.')
    """
    if "Hint:" not in doc:
        return doc, ""
    lines = doc.splitlines(keepends=True)
    indents = [len(line) - len(line.lstrip()) for line in lines]
    margin = min((indents[i] for i in range(1, len(lines)) if lines[i].strip()), default=0)
    found = [
        i
        for i, line in enumerate(lines)
        if _HINT.match(line.strip()) and (i == 0 or indents[i] == margin)
    ]
    if not found:
        return doc, ""
    if len(found) > 1:
        raise ValueError("a docstring has one Hint: paragraph")
    first = found[0]
    if not any(line.strip() for line in lines[:first]):  # a docstring may open on a new line
        raise ValueError("the Hint: paragraph comes after what the rule checks")
    if lines[first - 1].strip():
        raise ValueError("a Hint: paragraph follows a blank line")
    last = first
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
        if indents[last] != margin:
            raise ValueError("the Hint: paragraph's lines stand at the docstring's margin")
    words = " ".join(line.strip() for line in lines[first : last + 1])[len("Hint:") :].split()
    if not words:
        raise ValueError("the Hint: paragraph is empty")
    if any(line.rstrip().endswith("::") for line in lines[first : last + 1]):
        raise ValueError("an example's label follows the Hint: paragraph after a blank line")
    after = last + 2 if last + 1 < len(lines) else last + 1  # with the blank line after it
    return "".join(lines[:first] + lines[after:]), " ".join(words)


def rule(
    code: str,
    title: str | None = None,
    *,
    strength: Strength | None = None,
    regimes: Iterable[Regime] | None = None,
    citations: Iterable[str | Citation] | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    hint: str | None = None,
    status: RuleStatus = RuleStatus.STABLE,
    confidence: str | None = None,
    provider: str = CORE,
    scope: Scope = Scope.ARRANGEMENT,
    england_only: bool = False,
    evidence: Iterable[str] | None = None,
) -> Callable[[RuleFunction | RegistryFunction], Rule]:
    """Make a rule of a function. The function's docstring becomes the rule's documentation,
    read as its documentation page is laid out: what the rule checks, then a paragraph
    beginning ``Hint:`` that says what to do about a finding (the rule's ``hint``; ``hint=``
    gives it instead, for a function without one), then the Failing and Passing examples,
    which a test runs.

    A code the rule catalogue has (``statutory-rules.md``) takes its metadata from the
    catalogue entry: title, strength, regimes, confidence, and its Source line split into
    citations (each provision with its official address) and evidence (the secondary sources).
    Its first and last days come from its regimes unless ``valid_from``/``valid_to`` say
    otherwise. An argument given overrides the catalogue: a rule titles the condition it checks
    (the catalogue titles a topic), and a few rules check one part of a mixed entry (the MUST
    part of "MUST / SHOULD", say). A code the catalogue does not have (a plugin's) gives its
    own title, strength, regimes and citations.

    A registry rule (``scope=Scope.REGISTRY``) takes a :class:`RegistryContext` and yields
    :class:`RegistryIssue`; with ``england_only`` it runs only with ``check --england``.

    >>> from safeguarding_partnership.findings import Strength
    >>> @rule("LOCAL-001", "A name is given", strength=Strength.SHOULD,
    ...       regimes=[Regime.WT2023], citations=["local policy"], provider="example")
    ... def has_name(ctx):
    ...     '''The arrangement has a name.'''
    ...     return []
    >>> has_name.code
    'LOCAL-001'
    >>> @rule("REPORT-001", "A yearly report is published")
    ... def yearly(ctx):
    ...     '''Published every year.'''
    ...     return []
    >>> yearly.strength, yearly.citation, yearly.valid_from
    (<Strength.MUST: 'MUST'>, 'CA2004 s.16G(7); CSWA 2017 s.18', datetime.date(2018, 6, 29))
    """
    known = _catalogue().get(code)
    if known is None:
        given = {"title": title, "strength": strength, "regimes": regimes, "citations": citations}
        lacking = [name for name, value in given.items() if value is None]
        if lacking:
            raise TypeError(f"rule {code} is not catalogued: give its {', '.join(lacking)}")

    def wrap(function: RuleFunction | RegistryFunction) -> Rule:
        try:
            doc, written = split_hint(function.__doc__ or "")
        except ValueError as error:
            raise ValueError(f"rule {code}: {error}") from None
        if written and hint:
            raise TypeError(f"rule {code}: give its hint once, as hint= or in the docstring")
        if citations is not None:
            cited = tuple(_citation(c) for c in citations)
            verified = tuple(evidence or ())
        else:
            assert known is not None  # an uncatalogued rule without citations is refused above
            cited = tuple(Citation(c.text, c.url) for c in known.citations)
            verified = tuple(evidence) if evidence is not None else known.evidence
        return Rule(
            code=code,
            title=title or (known.title if known else code),
            strength=strength or (known.strength if known else Strength.MUST),
            regimes=tuple(regimes) if regimes is not None else known.regimes if known else (),
            citations=cited,
            function=function,
            valid_from=valid_from,
            valid_to=valid_to,
            hint=hint or written,
            status=status,
            confidence=confidence or (known.confidence if known else "S"),
            provider=provider,
            doc=doc.strip(),
            scope=scope,
            england_only=england_only,
            evidence=verified,
        )

    return wrap
