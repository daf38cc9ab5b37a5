"""Mutations: take a compliant arrangement and break exactly one duty.

Each :class:`Mutation` names the rule it should trigger and a pure function
``(arrangement, as_of) -> arrangement | None`` that breaks that rule's duty and nothing
else (``None`` when the arrangement gives it nothing to break). :func:`invalid_arrangements`
and :func:`mutations` turn them into hypothesis strategies of :class:`Broken` arrangements.

Plugin authors register mutations for their own rules with :func:`mutation`::

    from safeguarding_partnership.testing.mutations import mutation

    @mutation("HAV-001")
    def _no_priorities(arrangement, as_of):
        return arrangement.model_copy(update={"priorities": ()})

A few duties cannot be broken without touching a neighbour: breaking the statutory contents
(PUB-003) also removes a WT2018 content item. Those mutations list the rules that may
fire with them in ``also``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple, overload

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from safeguarding_partnership.law import (
    CCG_TO_ICB,
    FIRST_PUBLICATION_DEADLINE,
    WT2023_REVISION_DEADLINE,
    Regime,
)
from safeguarding_partnership.model import (
    Arrangement,
    ChairingModel,
    FundingContribution,
    Group,
    GroupKind,
    GuidanceEdition,
    Organisation,
    OrganisationKind,
    PartnerRole,
    Post,
    PracticeReview,
    RapidReview,
    ReportSection,
    SafeguardingPartner,
    SeriousIncidentNotification,
    YearlyReport,
)
from safeguarding_partnership.rules.core.pub import CONTENTS_ITEMS
from safeguarding_partnership.rules.rule import Rule
from safeguarding_partnership.testing.strategies import _evolve, arrangements
from safeguarding_partnership.testing.strategies import first_and_last_as_of as _window
from safeguarding_partnership.workdays import add_working_days

__all__ = [
    "UNBROKEN",
    "Broken",
    "Mutation",
    "MutationFunction",
    "invalid_arrangements",
    "mutation",
    "mutations",
    "registered",
]

MutationFunction = Callable[[Arrangement, dt.date], Arrangement | None]
"""Breaks one duty of a compliant arrangement as of a day, or returns ``None``."""


@attrs.frozen
class Mutation:
    """How to break the duty checked by rule ``code``.

    ``regimes`` limits the editions of Working Together in which the mutation is drawn (by
    default any in which the rule is in force); ``also`` names rules that may fire with it.
    """

    code: str
    function: MutationFunction = attrs.field(eq=False, repr=False)
    regimes: tuple[Regime, ...] = ()
    also: frozenset[str] = frozenset()
    provider: str = "core"
    from_day: dt.date | None = None
    """The first day on which the mutation can break anything, if it needs time to pass."""


class Broken(NamedTuple):
    """An arrangement with one duty broken: check it as of ``as_of`` and expect ``rule``."""

    arrangement: Arrangement
    rule: str
    as_of: dt.date
    also: frozenset[str] = frozenset()


_REGISTRY: dict[str, Mutation] = {}
_FIRST_AS_OF, _LAST_AS_OF = _window()


@overload
def mutation(
    code: str,
    function: MutationFunction,
    *,
    regimes: Iterable[Regime | str] = (),
    also: Iterable[str] = (),
    provider: str = "core",
    replace: bool = False,
    from_day: dt.date | None = None,
) -> MutationFunction: ...


@overload
def mutation(
    code: str,
    function: None = None,
    *,
    regimes: Iterable[Regime | str] = (),
    also: Iterable[str] = (),
    provider: str = "core",
    replace: bool = False,
    from_day: dt.date | None = None,
) -> Callable[[MutationFunction], MutationFunction]: ...


def mutation(
    code: str,
    function: MutationFunction | None = None,
    *,
    regimes: Iterable[Regime | str] = (),
    also: Iterable[str] = (),
    provider: str = "core",
    replace: bool = False,
    from_day: dt.date | None = None,
) -> MutationFunction | Callable[[MutationFunction], MutationFunction]:
    """Register a mutation for rule ``code``; use as ``mutation(code, fn)`` or a decorator.

    ``from_day`` is the first as-of day on which the mutation can break anything. A second
    mutation for the same code is an error unless ``replace=True``.
    """

    def register(fn: MutationFunction) -> MutationFunction:
        if code in _REGISTRY and not replace:
            raise ValueError(f"a mutation for {code} is already registered")
        _REGISTRY[code] = Mutation(
            code,
            fn,
            tuple(Regime[r] if isinstance(r, str) else r for r in regimes),
            frozenset(also),
            provider,
            from_day,
        )
        return fn

    if function is not None:
        return register(function)
    return register


def registered() -> dict[str, Mutation]:
    """Every registered mutation by rule code, sorted."""
    return dict(sorted(_REGISTRY.items()))


def _find_rule(code: str, rules: Sequence[Rule] | None) -> Rule | None:
    if rules is None:
        from safeguarding_partnership.rules.core import core_rules

        rules = core_rules()
    return next((r for r in rules if r.code == code), None)


def _windows(
    m: Mutation, rule: Rule | None, regime: Regime | str | None
) -> list[tuple[dt.date, dt.date]]:
    """The spans of days on which the mutation's rule is in force and the mutation can act."""
    editions = [Regime[regime] if isinstance(regime, str) else regime] if regime else []
    editions = editions or list(m.regimes) or [Regime.WT2018, Regime.WT2023]
    if m.regimes:
        editions = [e for e in editions if e in m.regimes]
    windows: list[tuple[dt.date, dt.date]] = []
    for edition in editions:
        first = max(d for d in (_FIRST_AS_OF, edition.start, m.from_day) if d is not None)
        last = min(d for d in (_LAST_AS_OF, edition.end) if d is not None)
        if rule is not None:
            first = max(first, rule.valid_from or first)
            last = min(last, rule.valid_to or last)
        if first <= last:
            windows.append((first, last))
    return windows


def _can_act(m: Mutation, rule: Rule | None, regime: Regime | str | None, day: dt.date) -> bool:
    """Whether the mutation breaks its rule on ``day``."""
    in_window = any(first <= day <= last for first, last in _windows(m, rule, regime))
    return in_window and (rule is None or rule.in_force(day, day))


def _days(
    m: Mutation, rule: Rule | None, regime: Regime | str | None
) -> st.SearchStrategy[dt.date]:
    """Days on which the mutation's rule is in force and the mutation can act."""
    windows = _windows(m, rule, regime)
    if not windows:
        raise ValueError(f"no day on which {m.code} is in force and its mutation can act")
    days = st.sampled_from(windows).flatmap(lambda w: st.dates(*w))
    if rule is not None:
        days = days.filter(lambda d: rule.in_force(d, d))
    return days


@st.composite
def _broken(
    draw: st.DrawFn,
    m: Mutation,
    rule: Rule | None,
    regime: Regime | str | None,
    as_of: dt.date | None,
    areas: int | tuple[int, int],
) -> Broken:
    day = as_of if as_of is not None else draw(_days(m, rule, regime))
    base = draw(arrangements(as_of=day, areas=areas))
    broken = m.function(base, day)
    if broken is None:
        reject()
    return Broken(broken, m.code, day, m.also)


def invalid_arrangements(
    rule: str,
    *,
    regime: Regime | str | None = None,
    as_of: dt.date | None = None,
    areas: int | tuple[int, int] = (1, 3),
    rules: Sequence[Rule] | None = None,
) -> st.SearchStrategy[Broken]:
    """Compliant arrangements with the duty of ``rule`` broken: :class:`Broken` tuples of
    ``(arrangement, rule, as_of, also)``.

    ``as_of`` is drawn from the days on which the rule is in force (looked up in ``rules``,
    by default the core rules). Shrinks as :func:`arrangements` does.
    """
    try:
        m = _REGISTRY[rule]
    except KeyError:
        raise ValueError(f"no mutation is registered for {rule}") from None
    found = _find_rule(rule, rules)
    if as_of is not None and not _can_act(m, found, regime, as_of):
        raise ValueError(
            f"the mutation for {rule} cannot break it as of {as_of}: the rule is not in force "
            "then, or the mutation needs a later day"
        )
    return _broken(m, found, regime, as_of, areas)


def mutations(
    *,
    rules: Sequence[str] | None = None,
    regime: Regime | str | None = None,
    as_of: dt.date | None = None,
    areas: int | tuple[int, int] = (1, 3),
) -> st.SearchStrategy[Broken]:
    """Any registered mutation (or those for ``rules``) applied to a compliant arrangement.

    With ``as_of``, only the mutations that can break their rule on that day are drawn.

    Shrinks towards the mutation with the lowest rule code.
    """
    codes = sorted(rules) if rules is not None else sorted(_REGISTRY)
    if as_of is not None:
        codes = [
            c
            for c in codes
            if c not in _REGISTRY or _can_act(_REGISTRY[c], _find_rule(c, None), regime, as_of)
        ]
    if not codes:
        raise ValueError("no mutations are registered" + (f" that act on {as_of}" if as_of else ""))
    return st.sampled_from(codes).flatmap(
        lambda code: invalid_arrangements(code, regime=regime, as_of=as_of, areas=areas)
    )


_LATE = FIRST_PUBLICATION_DEADLINE + dt.timedelta(days=1)
"""The first day arrangements could be published late (PUB-001, PUB-002)."""
_AFTER_FIRST_REPORT = dt.date(2020, 11, 3)
"""Every generated arrangement took effect by 29 September 2019, so by this day more than
400 days have passed: long enough for a review chain or a missed yearly report."""


# --- helpers: small pure edits -------------------------------------------------------------


def _in_force(arr: Arrangement, day: dt.date) -> list[tuple[int, SafeguardingPartner]]:
    return [(i, p) for i, p in enumerate(arr.partners or ()) if p.in_force(day)]


def _replace_at(items: Sequence[Any], index: int, item: Any) -> tuple[Any, ...]:
    return (*items[:index], item, *items[index + 1 :])


def _contents(field: str) -> MutationFunction:
    def fn(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
        if arr.contents is None:
            return None
        return _evolve(arr, contents=_evolve(arr.contents, **{field: False}))

    return fn


def _latest_report(arr: Arrangement, as_of: dt.date) -> tuple[int, YearlyReport] | None:
    found = [
        (i, r)
        for i, r in enumerate(arr.yearly_reports or ())
        if r.published is not None and r.published <= as_of
    ]
    return found[-1] if found else None


def _edit_reports(
    edit: Callable[[YearlyReport], YearlyReport], since: dt.date | None = None
) -> MutationFunction:
    """Apply ``edit`` to every report published from ``since`` (default: any) to as_of."""

    def fn(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
        reports = list(arr.yearly_reports or ())
        hit = False
        for i, r in enumerate(reports):
            if r.published is None or r.published > as_of:
                continue
            if since is not None and r.published < since:
                continue
            reports[i] = edit(r)
            hit = True
        return _evolve(arr, yearly_reports=tuple(reports)) if hit else None

    return fn


def _without_section(section: ReportSection) -> Callable[[YearlyReport], YearlyReport]:
    return lambda r: _evolve(r, sections=tuple(s for s in r.sections or () if s is not section))


def _review_chain(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangement with a notification, rapid review and published practice review."""
    aware = as_of - dt.timedelta(days=300)
    if arr.valid_from is not None and aware < arr.valid_from:
        return None
    notified = add_working_days(aware, 2)
    completed = add_working_days(aware, 10)
    initiated = completed + dt.timedelta(days=7)
    published = initiated + dt.timedelta(days=120)
    ref = "MUT-001"
    return _evolve(
        arr,
        notifications=(
            *(arr.notifications or ()),
            SeriousIncidentNotification(
                reference=f"N-{ref}", became_aware=aware, notified=notified
            ),
        ),
        rapid_reviews=(
            *(arr.rapid_reviews or ()),
            RapidReview(
                reference=f"RR-{ref}",
                notification=f"N-{ref}",
                started=notified,
                completed=completed,
                sent_to_panel=completed,
                decision="local_review",
            ),
        ),
        practice_reviews=(
            *(arr.practice_reviews or ()),
            PracticeReview(
                reference=f"LCSPR-{ref}",
                rapid_review=f"RR-{ref}",
                initiated=initiated,
                reviewer_appointed=initiated,
                sent_to_secretary_of_state=published - dt.timedelta(days=14),
                sent_to_panel=published - dt.timedelta(days=14),
                published=published,
                publication="full",
                url=f"https://safeguarding.example.org.uk/practice-reviews/{ref}",
            ),
        ),
    )


def _edit_last(
    field: str, edit: Callable[[Any], Any]
) -> Callable[[Arrangement, dt.date], Arrangement | None]:
    """Add a review chain, then edit the last record of ``field``."""

    def fn(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
        chained = _review_chain(arr, as_of)
        if chained is None:
            return None
        items: tuple[Any, ...] = getattr(chained, field)
        changed = edit(items[-1])
        if changed is None:
            return None
        return _evolve(chained, **{field: (*items[:-1], changed)})

    return fn


# --- PARTNERS ------------------------------------------------------------------------------


@mutation("PARTNERS-001")
def _council_of_another_area(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The council partner is recorded with another area's ONS code."""
    orgs = list(arr.organisations)
    for i, org in enumerate(orgs):
        if org.kind is OrganisationKind.LOCAL_AUTHORITY and org.ons_code in arr.area_codes:
            other = "E09000033" if org.ons_code != "E09000033" else "E09000032"
            if other in arr.area_codes:
                return None
            orgs[i] = _evolve(org, ons_code=other)
            return _evolve(arr, organisations=tuple(orgs))
    return None


@mutation("PARTNERS-002")
def _health_body_for_an_area_it_does_not_cover(
    arr: Arrangement, as_of: dt.date
) -> Arrangement | None:
    """A health partner is named for an area it does not cover."""
    from safeguarding_partnership import reference

    for i, p in _in_force(arr, as_of):
        if not p.role.is_health:
            continue
        org = arr.organisation(p.organisation)
        if org is None:
            return None
        covering = {
            b.ons_code
            for code in arr.area_codes
            for b in reference.health_partners_for(code, as_of)
        }
        bodies = reference.icbs() if as_of >= CCG_TO_ICB else reference.ccgs()
        other = next(
            (b for b in bodies.values() if b.in_force(as_of) and b.ons_code not in covering), None
        )
        if other is None:
            return None
        orgs = tuple(
            _evolve(o, ons_code=other.ons_code, ods_code=other.ods_code) if o.id == org.id else o
            for o in arr.organisations
        )
        explicit = _evolve(p, areas=p.areas or arr.area_codes)
        return _evolve(
            arr, organisations=orgs, partners=_replace_at(arr.partners or (), i, explicit)
        )
    return None


@mutation("PARTNERS-003", also=("PARTNERS-002",), from_day=CCG_TO_ICB)
def _ccg_after_icbs(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The ICB partner is recorded in the CCG role after 1 July 2022."""
    if as_of < CCG_TO_ICB:
        return None
    for i, p in _in_force(arr, as_of):
        if p.role is PartnerRole.INTEGRATED_CARE_BOARD:
            changed = _evolve(p, role=PartnerRole.CLINICAL_COMMISSIONING_GROUP)
            return _evolve(arr, partners=_replace_at(arr.partners or (), i, changed))
    return None


@mutation("PARTNERS-004", also=("PARTNERS-001",))
def _no_partners(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements record no safeguarding partners."""
    return _evolve(arr, partners=())


@mutation("PARTNERS-005", also=("PUB-003",))
def _needs_not_covered(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements do not say how children's needs are identified and responded to."""
    return _contents("needs_identification_and_response")(arr, as_of)


@mutation("PARTNERS-006")
def _combined_single_area(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """One area is recorded as a combined area."""
    if len(arr.areas) != 1:
        return None
    return _evolve(arr, combined_area=True)


@mutation("PARTNERS-007")
def _represented_by_another_kind(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The council partner is represented by the police partner."""
    current = _in_force(arr, as_of)
    police = next((p for _, p in current if p.role is PartnerRole.CHIEF_OFFICER_OF_POLICE), None)
    for i, p in current:
        if p.role is PartnerRole.LOCAL_AUTHORITY and police is not None:
            changed = _evolve(p, represented_by=police.organisation)
            return _evolve(arr, partners=_replace_at(arr.partners or (), i, changed))
    return None


# --- RA ------------------------------------------------------------------------------------


@mutation("RA-001")
def _agency_in_no_area(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A relevant agency works with children in none of the areas."""
    agencies = arr.relevant_agencies or ()
    if not agencies:
        return None
    return _evolve(arr, relevant_agencies=(_evolve(agencies[-1], areas=()), *agencies[:-1]))


@mutation("RA-004", regimes=("WT2018",))
def _agency_without_reason(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A relevant agency has no reason recorded for being chosen (recorded as empty)."""
    agencies = arr.relevant_agencies or ()
    if not agencies:
        return None
    return _evolve(arr, relevant_agencies=(_evolve(agencies[0], reason=""), *agencies[1:]))


# --- PUB -----------------------------------------------------------------------------------


@mutation("PUB-003")
def _no_serious_case_review_section(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements do not say how serious cases are identified and reviewed."""
    return _contents("serious_case_review")(arr, as_of)


_ALSO = {"PUB-006": ("RA-004",), "PUB-007": ("EDU-001",)}
"""Rules that may fire with a contents mutation: they check the same recorded fact."""
for _code, _field, _, _ in CONTENTS_ITEMS:
    mutation(_code, _contents(_field), regimes=("WT2018",), also=_ALSO.get(_code, ()))
mutation("EDU-001", _contents("education"), regimes=("WT2018",), also=("PUB-007",))
mutation("PUB-018", _contents("education"), regimes=("WT2023",))


@mutation("PUB-001", also=("PUB-017",), from_day=_LATE)
def _published_late(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements in effect were published only after ``as_of``."""
    if as_of <= FIRST_PUBLICATION_DEADLINE:
        return None
    return _evolve(arr, first_published=None, published=as_of + dt.timedelta(days=30))


@mutation("PUB-015", regimes=("WT2023",))
def _sign_off_without_police(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The sign-off of the arrangements lacks the police lead safeguarding partner."""
    police = {
        p.organisation for p in arr.partners or () if p.role is PartnerRole.CHIEF_OFFICER_OF_POLICE
    }
    sign_offs = list(arr.sign_offs or ())
    for i, s in enumerate(sign_offs):
        if s.document == "arrangements" and s.by:
            sign_offs[i] = _evolve(s, by=tuple(b for b in s.by if b not in police))
            return _evolve(arr, sign_offs=tuple(sign_offs))
    return None


@mutation("PUB-016", regimes=("WT2023",), also=("LEAD-004", "LEAD-005"))
def _no_delegate(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A partner names no delegated safeguarding partner."""
    for i, p in _in_force(arr, as_of):
        changed = _evolve(p, delegates=())
        return _evolve(arr, partners=_replace_at(arr.partners or (), i, changed))
    return None


# --- LEAD ----------------------------------------------------------------------------------


@mutation("LEAD-001", regimes=("WT2018",))
def _lead_of_another_body(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A partner's lead representative is a post in another organisation."""
    current = _in_force(arr, as_of)
    if len(current) < 2:
        return None
    (i, first), (_, second) = current[0], current[1]
    if first.lead is None:
        return None
    changed = _evolve(first, lead=_evolve(first.lead, organisation=second.organisation))
    return _evolve(arr, partners=_replace_at(arr.partners or (), i, changed))


@mutation("LEAD-002", regimes=("WT2023",))
def _lead_not_the_head(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A lead safeguarding partner is not the head of the agency."""
    for i, p in _in_force(arr, as_of):
        if p.lead is not None:
            changed = _evolve(p, lead=_evolve(p.lead, title="Head of Service"))
            return _evolve(arr, partners=_replace_at(arr.partners or (), i, changed))
    return None


@mutation("LEAD-004", regimes=("WT2023",))
def _two_delegates(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A lead safeguarding partner appoints two delegated safeguarding partners."""
    for i, p in _in_force(arr, as_of):
        extra = Post(title="Deputy Director", organisation=p.organisation, name="Jo Bloggs")
        changed = _evolve(p, delegates=(*(p.delegates or ()), extra))
        return _evolve(arr, partners=_replace_at(arr.partners or (), i, changed))
    return None


@mutation("LEAD-005", regimes=("WT2023",))
def _independent_chair(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The partnership chair is an independent person, not a delegated partner."""
    if arr.chair is None:
        return None
    return _evolve(
        arr,
        chair=_evolve(
            arr.chair, model=ChairingModel.INDEPENDENT, posts=(Post(title="Independent Chair"),)
        ),
    )


# --- EDU -----------------------------------------------------------------------------------


@mutation("EDU-002", regimes=("WT2023",))
def _no_education_on_strategic_groups(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """No education or childcare member sits on a strategic group."""
    groups: list[Group] = []
    for g in arr.groups or ():
        members = tuple(m for m in g.members or () if (m.sector or "") != "education")
        groups.append(_evolve(g, members=members) if g.members is not None else g)
    return _evolve(arr, groups=tuple(groups))


@mutation("EDU-003", regimes=("WT2023",))
def _school_as_partner(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A schools' body is named as a fourth safeguarding partner."""
    school = Organisation(id="mutation-schools", name="Schools forum", kind=OrganisationKind.SCHOOL)
    return _evolve(
        arr,
        organisations=(*arr.organisations, school),
        partners=(
            *(arr.partners or ()),
            SafeguardingPartner(
                role=PartnerRole.LOCAL_AUTHORITY,
                organisation=school.id,
                areas=(),
                valid_from=as_of,
            ),
        ),
        funding=(
            *(arr.funding or ()),
            FundingContribution(year=_financial_year(as_of), contributor=school.id, amount=1),
        ),
    )


def _financial_year(day: dt.date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


# --- FUND ----------------------------------------------------------------------------------


@mutation("FUND-001", regimes=("WT2018",))
def _partner_gives_nothing(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A partner gives nothing in the current financial year."""
    funding = list(arr.funding or ())
    if not funding:
        return None
    last = funding[-1]
    funding[-1] = _evolve(last, amount=0, in_kind=None, share=None)
    return _evolve(arr, funding=tuple(funding))


@mutation("FUND-002", regimes=("WT2023",), also=("PUB-015",), from_day=dt.date(2024, 4, 1))
def _no_budget_sign_off(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """No budget is signed off for the financial years of WT2023."""
    if as_of < dt.date(2024, 4, 1):
        return None
    kept = tuple(s for s in arr.sign_offs or () if s.document != "budget")
    return _evolve(arr, sign_offs=kept)


mutation("FUND-003", _partner_gives_nothing, regimes=("WT2023",))


# --- SCRUT ---------------------------------------------------------------------------------


@mutation("SCRUT-001")
def _scrutiny_not_independent(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The scrutineer is recorded as not independent of the partners."""
    if arr.independent_scrutiny is None:
        return None
    return _evolve(
        arr, independent_scrutiny=_evolve(arr.independent_scrutiny, independent_of_partners=False)
    )


@mutation("REPORT-007", regimes=("WT2023",))
def _scrutineer_left_out(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The scrutineer did not contribute to the yearly reports of WT2023."""
    edit = _edit_reports(lambda r: _evolve(r, scrutineer_contribution=False), Regime.WT2023.start)
    return edit(arr, as_of)


@mutation(
    "SCRUT-004",
    regimes=("WT2023",),
    also=("PUB-015",),
    from_day=WT2023_REVISION_DEADLINE + dt.timedelta(days=1),
)
def _scrutiny_plan_not_signed(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements (with the scrutiny plans) were never signed off."""
    kept = tuple(s for s in arr.sign_offs or () if s.document != "arrangements")
    return _evolve(arr, sign_offs=kept)


# --- REPORT --------------------------------------------------------------------------------


@mutation("REPORT-001", from_day=_AFTER_FIRST_REPORT)
def _no_yearly_reports(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """No yearly report has been published in more than twelve months."""
    since = arr.valid_from
    if since is None or (as_of - since).days <= 400:
        return None
    reports = tuple(
        r for r in arr.yearly_reports or () if r.published is None or r.published > as_of
    )
    return _evolve(arr, yearly_reports=reports)


mutation(
    "REPORT-002",
    _edit_reports(_without_section(ReportSection.PRACTICE_REVIEWS)),
    regimes=("WT2018",),
)
mutation(
    "REPORT-003",
    _edit_reports(_without_section(ReportSection.FEEDBACK_FROM_CHILDREN)),
    regimes=("WT2018",),
)
mutation(
    "REPORT-005",
    _edit_reports(_without_section(ReportSection.EFFECTIVENESS), Regime.WT2023.start),
    regimes=("WT2023",),
)
mutation(
    "REPORT-006",
    _edit_reports(lambda r: _evolve(r, signed_off_by=()), Regime.WT2023.start),
    regimes=("WT2023",),
)


# --- CSPR ----------------------------------------------------------------------------------


mutation(
    "CSPR-003",
    from_day=_AFTER_FIRST_REPORT,
    function=_edit_last(
        "notifications", lambda n: _evolve(n, notified=add_working_days(n.became_aware, 9))
    ),
)
mutation(
    "CSPR-004",
    from_day=_AFTER_FIRST_REPORT,
    function=_edit_last(
        "rapid_reviews",
        lambda r: _evolve(
            r,
            completed=add_working_days(r.started, 25),
            sent_to_panel=add_working_days(r.started, 25),
        ),
    ),
)
mutation(
    "CSPR-008",
    from_day=_AFTER_FIRST_REPORT,
    function=_edit_last(
        "practice_reviews",
        lambda r: _evolve(r, reviewer_removed=r.published + dt.timedelta(days=1)),
    ),
)
mutation(
    "CSPR-011",
    from_day=_AFTER_FIRST_REPORT,
    function=_edit_last(
        "practice_reviews", lambda r: _evolve(r, sent_to_panel=r.published - dt.timedelta(days=3))
    ),
)
mutation(
    "CSPR-012",
    from_day=_AFTER_FIRST_REPORT,
    function=_edit_last(
        "practice_reviews",
        lambda r: _evolve(r, publication="improvements_only", publication_rationale=""),
    ),
)
mutation(
    "CSPR-013",
    from_day=_AFTER_FIRST_REPORT,
    function=_edit_last(
        "practice_reviews", lambda r: _evolve(r, withdrawn=r.published + dt.timedelta(days=100))
    ),
)
mutation(
    "CSPR-014",
    from_day=_AFTER_FIRST_REPORT,
    function=_edit_last(
        "practice_reviews",
        lambda r: _evolve(r, initiated=r.published - dt.timedelta(days=250)),
    ),
)


# --- CDR -----------------------------------------------------------------------------------


@mutation("CDR-004", from_day=_AFTER_FIRST_REPORT)
def _cdr_report_overdue(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The partners choose a yearly child death review report, and none has been published."""
    cdr = arr.child_death_review
    since = arr.valid_from
    if cdr is None or since is None or (as_of - since).days <= 400:
        return None
    settings = {**(arr.settings or {}), "core": {"CDR-004": {"interval_months": 12}}}
    return _evolve(arr, settings=settings, child_death_review=_evolve(cdr, reports=()))


@mutation("CDR-007")
def _small_cdop(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The child death overview panel reviews far fewer than 60 deaths a year."""
    cdr = arr.child_death_review
    if cdr is None:
        return None
    return _evolve(arr, child_death_review=_evolve(cdr, deaths_per_year=12))


# --- STRUCT --------------------------------------------------------------------------------


@mutation("STRUCT-001", also=("STRUCT-002",))
def _reports_to_itself(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A group reports to itself."""
    groups = list(arr.groups or ())
    for i, g in enumerate(groups):
        if g.reports_to:
            groups[i] = _evolve(g, reports_to=(g.id,))
            return _evolve(arr, groups=tuple(groups))
    return None


@mutation("STRUCT-002")
def _reports_to_a_closed_group(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A group reports to a group that no longer exists."""
    groups = list(arr.groups or ())
    closed = Group(
        id="mutation-old-board",
        name="Old board",
        kind=GroupKind.EXECUTIVE,
        reports_to=(),
        valid_to=as_of - dt.timedelta(days=1),
    )
    for i, g in enumerate(groups):
        if g.reports_to:
            groups[i] = _evolve(g, reports_to=(closed.id,))
            return _evolve(arr, groups=(*groups, closed))
    return None


@mutation("STRUCT-003", from_day=_AFTER_FIRST_REPORT)
def _meetings_stopped(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The partnership meeting stopped meeting a year before ``as_of``."""
    groups = list(arr.groups or ())
    cutoff = as_of - dt.timedelta(days=366)
    for i, g in enumerate(groups):
        if g.meetings and g.meetings[0] < cutoff:
            kept = tuple(d for d in g.meetings if d < cutoff)
            groups[i] = _evolve(g, meetings=kept)
            return _evolve(arr, groups=tuple(groups))
    return None


# --- more ------------------------------------------------------------------------------------


@mutation("CSPR-005", from_day=_AFTER_FIRST_REPORT)
def _rapid_review_sent_before_completion(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A rapid review is recorded as sent to the Panel before it was completed."""
    return _edit_last(
        "rapid_reviews",
        lambda r: _evolve(r, sent_to_panel=r.completed - dt.timedelta(days=3)),
    )(arr, as_of)


@mutation("PUB-002", regimes=("WT2018",), from_day=_LATE)
def _first_published_late(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """The arrangements were first published after 29 June 2019."""
    late = _LATE
    if as_of < late:
        return None
    return _evolve(arr, first_published=late, published=max(late, arr.published or late))


@mutation("PUB-017", regimes=("WT2023",), from_day=WT2023_REVISION_DEADLINE + dt.timedelta(days=1))
def _still_wt2018(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """After the WT2023 revision deadline the arrangements still follow WT2018."""
    if as_of <= WT2023_REVISION_DEADLINE:
        return None
    return _evolve(arr, guidance_edition=GuidanceEdition.WT2018)


@mutation("REPORT-004", regimes=("WT2018",), from_day=_AFTER_FIRST_REPORT)
def _report_sent_late(arr: Arrangement, as_of: dt.date) -> Arrangement | None:
    """A WT2018 yearly report reached the Panel a month after publication."""

    def late(r: YearlyReport) -> YearlyReport:
        assert r.published is not None
        day = r.published + dt.timedelta(days=30)
        return _evolve(r, sent=tuple(_evolve(s, date=day) for s in r.sent or ()))

    latest = _latest_report(arr, as_of)
    if latest is None or latest[1].published is None:
        return None
    if latest[1].published + dt.timedelta(days=30) > as_of:
        return None
    i, report = latest
    reports = arr.yearly_reports or ()
    return _evolve(arr, yearly_reports=_replace_at(reports, i, late(report)))


UNBROKEN: dict[str, str] = {
    "CDR-001": "a definition: its findings are information only",
    "CDR-005": "a power (MAY): its findings are information only",
    "CDR-008": "gives only 'not recorded' information",
    "LATER-001": "not commenced: runs only with a commencement date",
    "LATER-002": "not commenced: runs only with a commencement date",
    "PARTNERS-009": "a power (MAY): its findings are information only",
    "RA-003": "a power (MAY): its findings are information only",
    "RA-005": "a definition: its findings are information only",
    "REPORT-008": "preview and unverified: its parameters have no defaults to break",
}
"""Core rules with no mutation, and why: none of them gives an error or warning by default."""
