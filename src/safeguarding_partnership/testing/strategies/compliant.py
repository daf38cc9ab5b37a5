"""The one compliant builder: whole arrangements of real areas with their real partners that
no core rule in force on the as-of day finds fault with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from safeguarding_partnership import reference
from safeguarding_partnership.law import (
    FIRST_PUBLICATION_DEADLINE,
    IMPLEMENTATION_DEADLINE,
    STATUTE_START,
    WT2023_START,
    Regime,
)
from safeguarding_partnership.model import (
    Area,
    Arrangement,
    Chair,
    ChairingModel,
    ChildDeathReview,
    Contents,
    Documents,
    FundingContribution,
    Group,
    GroupKind,
    GuidanceEdition,
    IndependentScrutiny,
    Membership,
    PartnerRole,
    Post,
    SignOff,
)
from safeguarding_partnership.testing._evolve import evolve
from safeguarding_partnership.testing.strategies._choices import SIMPLEST, Choices, drawn
from safeguarding_partnership.testing.strategies._text import NAMES, url
from safeguarding_partnership.testing.strategies.agencies import build_agency, education_categories
from safeguarding_partnership.testing.strategies.days import (
    DEFAULT_AS_OF,
    EARLIEST_AS_OF,
    FIRST_START,
    chosen_regime,
    financial_years,
)
from safeguarding_partnership.testing.strategies.meetings import build_cadence, build_groups
from safeguarding_partnership.testing.strategies.partner_bodies import build_partners
from safeguarding_partnership.testing.strategies.reports import build_yearly_reports
from safeguarding_partnership.testing.strategies.reviews import build_review_records

__all__ = ["compliant_arrangement", "compliant_arrangements"]

_CONTENT_FIELDS = tuple(Contents.model_fields)
_FIRST_BUDGET = dt.date(2024, 4, 1)
"""The first day of 2024-25, the first financial year to start under WT2023 (FUND-002)."""


@attrs.frozen
class _NotCommenced:
    """What an arrangement records for law not yet commenced; by default nothing (unknown)."""

    groups: tuple[Group, ...] = ()
    macpts: tuple[str, ...] | None = None
    settings: dict[str, Any] | None = None


_TEAM_MEMBERS = (
    ("Education lead", "education"),
    ("Social worker", "social_work"),
    ("Named nurse", "health"),
    ("Detective sergeant", "police"),
)


def _not_yet_commenced(designated: str) -> _NotCommenced:
    """The duties of the Children's Wellbeing and Schools Act 2026 ss.2-3 (not yet in force)
    met: a multi-agency child protection team with its four heads (LATER-002), and the
    category of the agency from education as the one designated (LATER-001)."""
    team = Group(
        id="macpt",
        name="Multi-agency child protection team",
        kind=GroupKind.OTHER,
        reports_to=("partnership",),
        members=tuple(
            Membership(post=Post(title=title), sector=sector) for title, sector in _TEAM_MEMBERS
        ),
    )
    settings = {"core": {"LATER-001": {"designated_categories": [designated]}}}
    return _NotCommenced(groups=(team,), macpts=(team.id,), settings=settings)


def build_compliant(
    choose: Choices,
    regime: Regime,
    as_of: dt.date,
    *,
    count: tuple[int, int] = (1, 1),
    codes: Sequence[str] | None = None,
    since: dt.date | None = None,
    plugins: tuple[str, ...] = (),
    not_commenced: bool = False,
) -> Arrangement:
    """The one compliant builder: an arrangement following ``regime`` that no core rule in
    force on ``as_of`` finds fault with.

    Its areas are ``codes`` (ONS codes), or from ``count[0]`` to ``count[1]`` areas chosen
    among those that existed both on ``since`` and on ``as_of``. The arrangements take effect
    on ``since``, or on a day chosen from 1 January to 29 September 2019. With
    ``not_commenced`` they also meet the duties of law not yet commenced (see
    :func:`_not_yet_commenced`); nothing more is chosen, so shrinking is the same.
    """
    if since is None:
        since = choose.day(FIRST_START, min(IMPLEMENTATION_DEADLINE, as_of))
    if codes is None:
        candidates = [la for la in reference.upper_tier_areas_on(as_of) if la.in_force(since)]
        chosen = choose.several(
            lambda c: c.one_of(candidates),
            min_size=count[0],
            max_size=count[1],
            unique_by=lambda la: la.code,
        )
    else:
        chosen = [reference.local_authorities()[code] for code in codes]
    chosen.sort(key=lambda la: la.code)
    codes = tuple(la.code for la in chosen)
    bodies = build_partners(choose, codes, as_of, since)
    every_category = tuple(reference.schedule())
    agencies = tuple(
        choose.several(
            lambda c: build_agency(c, every_category), max_size=4, unique_by=lambda a: a.key
        )
    )
    education = build_agency(choose, education_categories())
    if education.key in {a.key for a in agencies}:
        education = evolve(education, name=f"{education.name} (education)")
    agencies = (education, *agencies)

    wt2023 = regime is Regime.WT2023
    delegates = bodies.delegates_on(as_of)
    if wt2023:
        chair_posts = tuple(evolve(d, id=None) for d in delegates[:2])
        chair = Chair(
            model=ChairingModel.CO_CHAIRS if len(chair_posts) > 1 else ChairingModel.PARTNER,
            posts=chair_posts,
        )
    else:
        chair = Chair(
            model=ChairingModel.INDEPENDENT,
            posts=(Post(title="Independent Chair", name=choose.one_of(NAMES)),),
        )
    members = tuple(
        Membership(
            organisation=p.organisation,
            sector=p.role.value,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
        )
        for p in bodies.partners
    )
    structure = build_groups(
        choose, since, as_of, chair=(chair.posts or (None,))[0], members=members, max_thematic=3
    )
    cdop_cadence, cdop_meetings = build_cadence(choose, since, as_of)
    cdop = Group(
        id="cdop",
        name="Child Death Overview Panel",
        kind=GroupKind.CHILD_DEATH_OVERVIEW_PANEL,
        cadence=cdop_cadence,
        reports_to=("partnership",),
        meetings=cdop_meetings,
    )

    def signers(day: dt.date) -> tuple[str, ...]:
        return bodies.in_force(day)

    reports = build_yearly_reports(choose, since, as_of, signers)
    reviews = build_review_records(choose, since, as_of, max_notifications=3)
    first_published = choose.day(STATUTE_START, min(FIRST_PUBLICATION_DEADLINE, since))
    published = choose.day(max(since, WT2023_START) if wt2023 else since, as_of)
    present = choose.one_of((True, url("arrangements")))
    health = tuple(
        p.organisation
        for p in bodies.partners
        if p.in_force(as_of) and p.role is not PartnerRole.CHIEF_OFFICER_OF_POLICE
    )
    years = financial_years(since, as_of)
    sign_offs = None
    if wt2023:
        # a budget for every financial year from 2024-25 (FUND-002), even one begun before
        # arrangements made later for a new area took effect
        budget_days = [
            min(as_of, max(WT2023_START, start - dt.timedelta(days=choose.integer(0, 90))))
            for _label, start, _end in financial_years(min(since, _FIRST_BUDGET), as_of)
            if start >= _FIRST_BUDGET
        ]
        sign_offs = (
            *(
                SignOff(document=doc, date=published, by=bodies.in_force(published))
                for doc in ("arrangements", "budget", "yearly_report", "threshold")
            ),
            *(SignOff(document="budget", date=day, by=bodies.in_force(day)) for day in budget_days),
        )
    base = choose.integer(10_000, 250_000)
    amounts = {org.id: Decimal(base + 1_000 * i) for i, org in enumerate(bodies.organisations)}
    funding = tuple(
        FundingContribution(year=label, contributor=org, amount=amounts[org])
        for label, start, end in years
        for org in bodies.between(max(start, since), min(end, as_of))
    )
    names = " and ".join(la.name for la in chosen)
    scrutineer = Post(
        title="Independent Scrutineer",
        name=choose.one_of(NAMES),
        publish_name=choose.boolean(),
    )
    later = _not_yet_commenced(education.category) if not_commenced else _NotCommenced()
    return Arrangement(
        id=f"scp-{codes[0].lower()}",
        name=f"{names} Safeguarding Children Partnership",
        plugins=plugins,
        guidance_edition=GuidanceEdition.WT2023 if wt2023 else GuidanceEdition.WT2018,
        valid_from=since,
        published=published,
        first_published=first_published,
        published_url=url("arrangements"),
        areas=tuple(Area(code=la.code, name=la.name) for la in chosen),
        combined_area=choose.boolean() if len(chosen) > 1 else None,
        organisations=bodies.organisations,
        partners=bodies.partners,
        relevant_agencies=agencies,
        groups=(*structure, cdop, *later.groups),
        macpts=later.macpts,
        settings=later.settings,
        chair=chair,
        independent_scrutiny=IndependentScrutiny(
            scrutineer=scrutineer,
            independent_of_partners=True,
            model="independent expert",
            plan_url=url("scrutiny-plan"),
            chairs_partnership=False,
            outputs=(url("scrutiny-report"),),
        ),
        priorities=("Child exploitation", "Neglect"),
        contents=Contents(**dict.fromkeys(_CONTENT_FIELDS, present)),
        documents=Documents(
            threshold=url("threshold"),
            escalation_policy=url("escalation"),
            procedures=url("procedures"),
            budget=url("budget"),
        ),
        sign_offs=sign_offs,
        yearly_reports=reports,
        notifications=reviews.notifications,
        rapid_reviews=reviews.rapid_reviews,
        practice_reviews=reviews.practice_reviews,
        child_death_review=ChildDeathReview(
            footprint=codes,
            partners=tuple(sorted(set(health))),
            panel="cdop",
            published_url=url("child-death-review"),
            reports=tuple(r.published for r in reports if r.published is not None),
            deaths_per_year=choose.integer(60, 200),
        ),
        funding=funding,
    )


def compliant_arrangements(
    *,
    regime: Regime | str | None = None,
    as_of: dt.date | None = None,
    areas: int | tuple[int, int] = (1, 3),
    plugins: Sequence[str] = (),
    not_commenced: bool = False,
) -> st.SearchStrategy[Arrangement]:
    """Compliant arrangements, as :func:`.loosened.arrangements` gives with ``compliant=True``."""
    chosen = chosen_regime(regime, as_of)
    day = as_of or DEFAULT_AS_OF[chosen]
    if not chosen.applies(day):
        raise ValueError(f"{chosen.name} does not apply on {day}")
    if day < EARLIEST_AS_OF:
        raise ValueError(f"as_of must be on or after {EARLIEST_AS_OF}")
    low, high = (areas, areas) if isinstance(areas, int) else areas
    if not 1 <= low <= high:
        raise ValueError("areas must be at least 1, and min no more than max")
    return drawn(
        lambda choose: build_compliant(
            choose,
            chosen,
            day,
            count=(low, high),
            plugins=tuple(plugins),
            not_commenced=not_commenced,
        )
    )


def compliant_arrangement(
    *,
    as_of: dt.date | None = None,
    regime: Regime | str | None = None,
    areas: Sequence[str] | None = None,
    since: dt.date | None = None,
    plugins: Sequence[str] = (),
    not_commenced: bool = False,
) -> Arrangement:
    """One fixed compliant arrangement, built without hypothesis: what :func:`arrangements`
    shrinks towards, for the areas given.

    ``areas`` are ONS codes of upper-tier areas in existence on ``as_of`` (by default the
    first, Hartlepool). ``as_of`` may be any day from 29 June 2018, when the statute came into
    force; it defaults to :data:`DEFAULT_AS_OF` for ``regime``, and ``regime`` to the edition of
    Working Together in force on ``as_of`` (WT2018 before it was published). The arrangements
    take effect on ``since``, by default 1 January 2019, or the first day on which every area
    existed (the as-of day, if earlier).

    Every choice :func:`arrangements` would draw is the one it shrinks towards: the partners'
    areas left implicit and their delegates' names from the first, no agency beyond the one
    from education, the partnership meeting and the child death overview panel meeting
    quarterly from ``since`` (no thematic group), yearly reports every 180 days sent on the day,
    no notifications, the arrangements first published on 29 June 2018 and last on ``since``
    (WT2018) or 15 December 2023 (WT2023). ``not_commenced`` is as for :func:`arrangements`.

    >>> import datetime as dt
    >>> arrangement = compliant_arrangement(as_of=dt.date(2025, 1, 1), areas=["E09000016"])
    >>> arrangement.name, arrangement.guidance_edition.value
    ('Havering Safeguarding Children Partnership', 'WT2023')
    """
    chosen = chosen_regime(regime, as_of)
    day = as_of or DEFAULT_AS_OF[chosen]
    if regime is not None and not chosen.applies(day):
        raise ValueError(f"{chosen.name} does not apply on {day}")
    if day < STATUTE_START:
        raise ValueError(f"as_of must be on or after {STATUTE_START}")
    found = reference.local_authorities()
    codes = tuple(areas) if areas is not None else None
    if codes is not None:
        strangers = [c for c in codes if c not in found or not found[c].in_force(day)]
        if strangers or not codes:
            raise ValueError(f"not upper-tier areas in existence on {day}: {strangers}")
    if since is None:
        starts = [found[c].valid_from for c in codes or ()]
        since = min(day, max([FIRST_START, *(d for d in starts if d is not None)]))
    return build_compliant(
        SIMPLEST,
        chosen,
        day,
        codes=codes,
        since=since,
        plugins=tuple(plugins),
        not_commenced=not_commenced,
    )
