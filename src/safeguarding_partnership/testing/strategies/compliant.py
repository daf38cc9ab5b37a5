"""The one compliant builder: whole arrangements of real areas with their real partners that
no core rule in force on the as-of day finds fault with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

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
from safeguarding_partnership.testing.strategies._text import NAMES, url
from safeguarding_partnership.testing.strategies.agencies import (
    education_categories,
    relevant_agencies,
)
from safeguarding_partnership.testing.strategies.days import (
    DEFAULT_AS_OF,
    EARLIEST_AS_OF,
    FIRST_START,
    chosen_regime,
    financial_years,
)
from safeguarding_partnership.testing.strategies.meetings import cadence_and_meetings, groups
from safeguarding_partnership.testing.strategies.partner_bodies import partners
from safeguarding_partnership.testing.strategies.reports import yearly_reports
from safeguarding_partnership.testing.strategies.reviews import review_records

__all__ = ["compliant_arrangements"]

_CONTENT_FIELDS = tuple(Contents.model_fields)


@st.composite
def _since(draw: st.DrawFn, as_of: dt.date) -> dt.date:
    early = st.dates(FIRST_START, min(IMPLEMENTATION_DEADLINE, as_of))
    return draw(early)


@st.composite
def _compliant(
    draw: st.DrawFn,
    regime: Regime,
    as_of: dt.date,
    min_areas: int,
    max_areas: int,
    plugins: tuple[str, ...],
) -> Arrangement:
    since = draw(_since(as_of))
    candidates = [la for la in reference.upper_tier_areas_on(as_of) if la.in_force(since)]
    chosen = draw(
        st.lists(
            st.sampled_from(candidates),
            min_size=min_areas,
            max_size=max_areas,
            unique_by=lambda la: la.code,
        )
    )
    chosen.sort(key=lambda la: la.code)
    codes = tuple(la.code for la in chosen)
    bodies = draw(partners(codes, as_of, since=since))
    agencies = draw(st.lists(relevant_agencies(), max_size=4, unique_by=lambda a: a.key).map(tuple))
    education = draw(relevant_agencies(education_categories()))
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
            posts=(Post(title="Independent Chair", name=draw(st.sampled_from(NAMES))),),
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
    structure = draw(
        groups(
            since=since,
            as_of=as_of,
            chair=(chair.posts or (None,))[0],
            members=members,
            max_thematic=3,
        )
    )
    cdop_cadence, cdop_meetings = draw(cadence_and_meetings(since, as_of))
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

    reports = draw(yearly_reports(since=since, as_of=as_of, signed_off_by=signers))
    reviews = draw(review_records(since=since, as_of=as_of))
    first_published = draw(st.dates(STATUTE_START, min(FIRST_PUBLICATION_DEADLINE, since)))
    published = draw(st.dates(max(since, WT2023_START) if wt2023 else since, as_of))
    present = draw(st.sampled_from((True, url("arrangements"))))
    health = tuple(
        p.organisation
        for p in bodies.partners
        if p.in_force(as_of) and p.role is not PartnerRole.CHIEF_OFFICER_OF_POLICE
    )
    years = financial_years(since, as_of)
    sign_offs = None
    if wt2023:
        budget_days = [
            min(as_of, max(WT2023_START, start - dt.timedelta(days=draw(st.integers(0, 90)))))
            for _label, start, _end in years
            if start >= dt.date(2024, 4, 1)
        ]
        sign_offs = (
            *(
                SignOff(document=doc, date=published, by=bodies.in_force(published))
                for doc in ("arrangements", "budget", "yearly_report", "threshold")
            ),
            *(SignOff(document="budget", date=day, by=bodies.in_force(day)) for day in budget_days),
        )
    base = draw(st.integers(10_000, 250_000))
    amounts = {org.id: Decimal(base + 1_000 * i) for i, org in enumerate(bodies.organisations)}
    funding = tuple(
        FundingContribution(year=label, contributor=org, amount=amounts[org])
        for label, start, end in years
        for org in bodies.between(max(start, since), min(end, as_of))
    )
    names = " and ".join(la.name for la in chosen)
    scrutineer = Post(
        title="Independent Scrutineer",
        name=draw(st.sampled_from(NAMES)),
        publish_name=draw(st.booleans()),
    )
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
        combined_area=draw(st.booleans()) if len(chosen) > 1 else None,
        organisations=bodies.organisations,
        partners=bodies.partners,
        relevant_agencies=agencies,
        groups=(*structure, cdop),
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
            deaths_per_year=draw(st.integers(60, 200)),
        ),
        funding=funding,
    )


def compliant_arrangements(
    *,
    regime: Regime | str | None = None,
    as_of: dt.date | None = None,
    areas: int | tuple[int, int] = (1, 3),
    plugins: Sequence[str] = (),
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
    return _compliant(chosen, day, low, high, tuple(plugins))
