"""Hypothesis strategies for arrangements built from England's real reference data.

Every strategy is written by hand (``st.builds`` on the constrained pydantic models makes
invalid values), uses the packaged reference data (real upper-tier areas, the councils,
integrated care boards, clinical commissioning groups and chief officers of police that are
the safeguarding partners on a day, and the Schedule of relevant agencies), and says what it
shrinks towards.

:func:`arrangements` with ``compliant=True`` gives whole arrangements with no error or warning
finding from the core rules in force on ``as_of``; the property suite checks that promise
against :func:`~safeguarding_partnership.rules.core.core_rules`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st
from pydantic import BaseModel

from safeguarding_partnership import reference
from safeguarding_partnership.law import (
    CCG_TO_ICB,
    FIRST_PUBLICATION_DEADLINE,
    IMPLEMENTATION_DEADLINE,
    STATUTE_START,
    WT2023_START,
    Regime,
    regime_for,
)
from safeguarding_partnership.model import (
    Area,
    Arrangement,
    Cadence,
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
    Organisation,
    OrganisationKind,
    PartnerRole,
    Post,
    PracticeReview,
    RapidReview,
    RelevantAgency,
    ReportSection,
    SafeguardingPartner,
    Sending,
    SeriousIncidentNotification,
    SignOff,
    YearlyReport,
)
from safeguarding_partnership.workdays import add_working_days

__all__ = [
    "DEFAULT_AS_OF",
    "PartnerBodies",
    "ReviewRecords",
    "areas",
    "arrangements",
    "as_of_dates",
    "first_and_last_as_of",
    "groups",
    "organisations",
    "partners",
    "relevant_agencies",
    "review_records",
    "yearly_reports",
]

DEFAULT_AS_OF: dict[Regime, dt.date] = {
    Regime.WT2018: dt.date(2022, 3, 31),
    Regime.WT2023: dt.date(2025, 3, 31),
}
"""The day arrangements are made compliant on when no ``as_of`` is given, per edition."""

_EARLIEST_AS_OF = dt.date(2019, 7, 1)
"""The first day after every area had to publish its arrangements (PUB-002)."""
_LATEST_AS_OF = dt.date(2026, 6, 30)
"""The last day the packaged reference data was checked against (statutory-rules.md)."""
_FIRST_START = dt.date(2019, 1, 1)

_NAMES = (
    "Alex Morgan",
    "Sam Patel",
    "Jo Okafor",
    "Chris Evans",
    "Priya Shah",
    "Tom Byrne",
    "Aisha Rahman",
    "Kate Lewis",
)
_THEMES = (
    "Learning and Improvement",
    "Quality Assurance",
    "Child Exploitation",
    "Education Safeguarding",
    "Neglect",
    "Training",
    "Voice of the Child",
    "Early Help",
)
_REASONS = (
    "works with children in the area every day",
    "holds information the partners need to keep children safe",
    "provides services to children and families in the area",
)
_COLLABORATION = (
    "attends the thematic groups and takes part in multi-agency audits",
    "is represented at the partnership meeting",
    "takes part in training and practice reviews",
)


M = TypeVar("M", bound=BaseModel)


def _evolve(record: M, /, **changes: Any) -> M:
    """A copy with ``changes``, validated again, keeping which fields were given."""
    given = {name: getattr(record, name) for name in record.model_fields_set}
    return type(record)(**{**given, **changes})


def _url(path: str) -> str:
    return f"https://safeguarding.example.org.uk/{path}"


def _regime(regime: Regime | str | None, as_of: dt.date | None) -> Regime:
    if isinstance(regime, str):
        regime = Regime[regime]
    if regime is None:
        if as_of is None:
            return Regime.WT2023
        return regime_for(as_of) or Regime.WT2018
    if regime not in DEFAULT_AS_OF:
        raise ValueError(f"regime must be WT2018 or WT2023, not {regime.name}")
    return regime


def first_and_last_as_of() -> tuple[dt.date, dt.date]:
    """The first and last day arrangements can be generated for."""
    return _EARLIEST_AS_OF, _LATEST_AS_OF


def as_of_dates(regime: Regime | str | None = None) -> st.SearchStrategy[dt.date]:
    """Days to check as of, while the regime applies and the reference data holds.

    Shrinks towards the regime's first day (1 July 2019, after every area had to publish its
    arrangements, for WT2018 or no regime; 15 December 2023 for WT2023).
    """
    if regime is None:
        return st.dates(_EARLIEST_AS_OF, _LATEST_AS_OF)
    chosen = _regime(regime, None)
    start = max(_EARLIEST_AS_OF, chosen.start or _EARLIEST_AS_OF)
    end = min(_LATEST_AS_OF, chosen.end or _LATEST_AS_OF)
    return st.dates(start, end)


def areas(on: dt.date | None = None) -> st.SearchStrategy[Area]:
    """A real upper-tier local authority area of England that existed on ``on``.

    ``on`` defaults to :data:`DEFAULT_AS_OF` for WT2023. Shrinks towards the lowest ONS code
    (E06000001, Hartlepool).
    """
    day = on or DEFAULT_AS_OF[Regime.WT2023]
    found = reference.upper_tier_areas_on(day)
    if not found:
        raise ValueError(f"no upper-tier areas are recorded on {day}")
    return st.sampled_from(found).map(lambda la: Area(code=la.code, name=la.name))


_OTHER_KINDS: dict[str, OrganisationKind] = {
    "education-and-childcare": OrganisationKind.SCHOOL,
    "health-and-social-care": OrganisationKind.NHS_TRUST,
    "local-government": OrganisationKind.OTHER,
    "criminal-justice": OrganisationKind.YOUTH_JUSTICE,
    "police-and-immigration": OrganisationKind.OTHER,
    "miscellaneous": OrganisationKind.VOLUNTARY,
}


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


@st.composite
def _organisation(draw: st.DrawFn, kinds: tuple[OrganisationKind, ...]) -> Organisation:
    kind = draw(st.sampled_from(kinds))
    number = draw(st.integers(1, 999))
    name = f"{kind.value.replace('_', ' ').title()} {number}"
    urn = draw(st.integers(100000, 999999)) if kind is OrganisationKind.SCHOOL else None
    website = draw(st.none() | st.just(_url(_slug(name))))
    return Organisation(id=_slug(name), name=name, kind=kind, urn=urn, website=website)


def organisations(
    kinds: Sequence[OrganisationKind | str] | None = None,
) -> st.SearchStrategy[Organisation]:
    """A body that is not a safeguarding partner: a school, a trust, a charity...

    ``kinds`` limits the organisation kinds; by default any kind a relevant agency may be.
    Shrinks towards the first kind with number 1 and no website.
    """
    chosen = tuple(OrganisationKind(k) for k in kinds) if kinds else tuple(_OTHER_KINDS.values())
    return _organisation(tuple(dict.fromkeys(chosen)))


@attrs.frozen
class PartnerBodies:
    """Safeguarding partners with the organisations they refer to, ready for an arrangement."""

    organisations: tuple[Organisation, ...]
    partners: tuple[SafeguardingPartner, ...]

    def in_force(self, day: dt.date) -> tuple[str, ...]:
        """Ids of the partner organisations in force on ``day``, sorted."""
        return tuple(sorted({p.organisation for p in self.partners if p.in_force(day)}))

    def between(self, start: dt.date, end: dt.date) -> tuple[str, ...]:
        """Ids of the partner organisations in force on any day from ``start`` to ``end``."""
        return tuple(
            sorted(
                {
                    p.organisation
                    for p in self.partners
                    if (p.valid_from is None or p.valid_from <= end)
                    and (p.valid_to is None or p.valid_to >= start)
                }
            )
        )

    def delegates_on(self, day: dt.date) -> tuple[Post, ...]:
        """Delegated safeguarding partners of the partners in force on ``day``."""
        return tuple(d for p in self.partners if p.in_force(day) for d in p.delegates or ())


_Body = reference.HealthBody | reference.PoliceForce | reference.LocalAuthority


def _body_key(body: _Body) -> str:
    if isinstance(body, reference.HealthBody):
        prefix = "icb" if body.kind == "integrated_care_board" else "ccg"
        return f"{prefix}-{body.ons_code.lower()}"
    if isinstance(body, reference.PoliceForce):
        return f"police-{body.ons_code.lower()}"
    return f"la-{body.code.lower()}"


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    day = dt.date(start.year, start.month, 1) + relativedelta(months=1)
    days: list[dt.date] = []
    while day <= end:
        days.append(day)
        day += relativedelta(months=1)
    return days


@attrs.frozen
class _Segment:
    body: _Body
    areas: frozenset[str]
    start: dt.date
    end: dt.date | None


@lru_cache(maxsize=4096)
def _segments(
    codes: tuple[str, ...],
    since: dt.date,
    as_of: dt.date,
    lookup: Callable[[str, dt.date], Sequence[_Body]],
) -> tuple[_Segment, ...]:
    """Periods in which each body covers the same set of areas, from ``since`` to ``as_of``."""
    days = sorted({since, as_of, CCG_TO_ICB, *_month_starts(since, as_of)})
    days = [d for d in days if since <= d <= as_of]
    open_: dict[str, tuple[_Body, frozenset[str], dt.date]] = {}
    done: list[_Segment] = []
    for day in days:
        covering: dict[str, tuple[_Body, set[str]]] = {}
        for code in codes:
            for body in lookup(code, day):
                covering.setdefault(_body_key(body), (body, set()))[1].add(code)
        for key in list(open_):
            body, held, start = open_[key]
            if key not in covering or frozenset(covering[key][1]) != held:
                done.append(_Segment(body, held, start, day - dt.timedelta(days=1)))
                del open_[key]
        for key, (body, held_now) in covering.items():
            if key not in open_:
                open_[key] = (body, frozenset(held_now), day)
    done.extend(_Segment(body, held, start, None) for body, held, start in open_.values())
    return tuple(sorted(done, key=lambda s: (_body_key(s.body), s.start)))


def _local_authority(code: str) -> reference.LocalAuthority:
    return reference.local_authorities()[code]


def _las_for(code: str, day: dt.date) -> tuple[reference.LocalAuthority, ...]:
    la = _local_authority(code)
    return (la,) if la.in_force(day) else ()


def _organisation_for(body: _Body) -> Organisation:
    if isinstance(body, reference.HealthBody):
        kind = OrganisationKind(body.kind)
        return Organisation(
            id=_body_key(body),
            name=body.name,
            kind=kind,
            ons_code=body.ons_code,
            ods_code=body.ods_code,
        )
    if isinstance(body, reference.PoliceForce):
        return Organisation(
            id=_body_key(body),
            name=f"{body.chief_officer_title}, {body.name}",
            kind=OrganisationKind.CHIEF_OFFICER_OF_POLICE,
            ons_code=body.ons_code,
        )
    return Organisation(
        id=_body_key(body),
        name=body.name,
        kind=OrganisationKind.LOCAL_AUTHORITY,
        ons_code=body.code,
    )


def _role(body: _Body) -> PartnerRole:
    if isinstance(body, reference.HealthBody):
        return PartnerRole(body.kind)
    if isinstance(body, reference.PoliceForce):
        return PartnerRole.CHIEF_OFFICER_OF_POLICE
    return PartnerRole.LOCAL_AUTHORITY


_LEAD_TITLES = {
    PartnerRole.LOCAL_AUTHORITY: "Chief Executive",
    PartnerRole.INTEGRATED_CARE_BOARD: "Chief Executive",
    PartnerRole.CLINICAL_COMMISSIONING_GROUP: "Accountable Officer",
}
_DELEGATE_TITLES = {
    PartnerRole.LOCAL_AUTHORITY: "Director of Children's Services",
    PartnerRole.INTEGRATED_CARE_BOARD: "Chief Nursing Officer",
    PartnerRole.CLINICAL_COMMISSIONING_GROUP: "Chief Nurse",
    PartnerRole.CHIEF_OFFICER_OF_POLICE: "Detective Chief Superintendent",
}


def _lead_title(body: _Body) -> str:
    if isinstance(body, reference.PoliceForce):
        return body.chief_officer_title
    return _LEAD_TITLES[_role(body)]


@st.composite
def _partners(
    draw: st.DrawFn, area_codes: tuple[str, ...], as_of: dt.date, since: dt.date
) -> PartnerBodies:
    segments = [
        *_segments(area_codes, since, as_of, _las_for),
        *_segments(area_codes, since, as_of, reference.health_partners_for),
        *_segments(area_codes, since, as_of, reference.police_forces_for),
    ]
    # A fixed number of draws, however many areas and bodies: shrinking an area away then
    # leaves every later draw where it was.
    spell_out = draw(st.booleans())
    first_name = draw(st.integers(0, len(_NAMES) - 1))
    publish = draw(st.booleans())
    orgs: dict[str, Organisation] = {}
    found: list[SafeguardingPartner] = []
    every = frozenset(area_codes)
    for n, seg in enumerate(segments):
        org = _organisation_for(seg.body)
        orgs.setdefault(org.id, org)
        role = _role(seg.body)
        explicit = seg.areas != every or spell_out
        lead = Post(title=_lead_title(seg.body), organisation=org.id)
        delegate = Post(
            id=f"dsp-{n + 1}",
            title=_DELEGATE_TITLES[role],
            organisation=org.id,
            name=_NAMES[(first_name + n) % len(_NAMES)],
            publish_name=publish,
        )
        found.append(
            SafeguardingPartner(
                role=role,
                organisation=org.id,
                areas=tuple(sorted(seg.areas)) if explicit else None,
                valid_from=None if seg.start == since else seg.start,
                valid_to=seg.end,
                lead=lead,
                delegates=(delegate,),
            )
        )
    return PartnerBodies(tuple(orgs.values()), tuple(found))


def partners(
    area_codes: Sequence[str], as_of: dt.date, *, since: dt.date | None = None
) -> st.SearchStrategy[PartnerBodies]:
    """The real safeguarding partners of the areas from ``since`` to ``as_of``.

    Each area's council; the clinical commissioning groups (to 30 June 2022) or integrated
    care boards (from 1 July 2022) covering any part of it; and the chief officers of police
    of the police areas covering any part of it, each with dated partner entries, a lead
    post and one named delegate. ``since`` defaults to ``as_of``. The bodies are fixed by the
    reference data; what varies (whether areas are spelt out, delegates' names) shrinks
    towards the first choice.
    """
    return _partners(tuple(area_codes), as_of, since or as_of)


@st.composite
def _relevant_agency(draw: st.DrawFn, categories: tuple[str, ...]) -> RelevantAgency:
    category = draw(st.sampled_from(categories))
    entry = reference.schedule()[category]
    number = draw(st.integers(1, 99))
    return RelevantAgency(
        name=f"{entry.description.split(',')[0].strip().rstrip('.')} {number}"[:200],
        category=category,
        reason=draw(st.sampled_from(_REASONS)),
        collaboration=draw(st.sampled_from(_COLLABORATION)),
    )


def relevant_agencies(
    categories: Sequence[str] | None = None,
) -> st.SearchStrategy[RelevantAgency]:
    """A relevant agency of a Schedule category (SI 2018/789), with its reason and how it
    collaborates.

    ``categories`` limits the Schedule ids; by default any. Shrinks towards the first
    category in Schedule order (paragraph 1, academy proprietors).
    """
    known = tuple(reference.schedule())
    chosen = tuple(categories) if categories else known
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValueError(f"not Schedule categories: {', '.join(unknown)}")
    return _relevant_agency(chosen)


_CADENCES: tuple[Cadence, ...] = (
    Cadence(frequency="quarterly"),
    Cadence(frequency="monthly"),
    Cadence(every_weeks=6),
    Cadence(every_weeks=8),
)


def _meeting_days(cadence: Cadence, first: dt.date, as_of: dt.date) -> tuple[dt.date, ...]:
    """Every meeting from ``first`` to ``as_of`` at the cadence's regular step."""
    months = {"monthly": 1, "quarterly": 3, "yearly": 12}.get(cadence.frequency or "")
    weeks = cadence.every_weeks or (1 if cadence.frequency == "weekly" else None)
    days: list[dt.date] = []
    n = 0
    while True:
        if months is not None:
            day = first + relativedelta(months=n * months)
        else:
            day = first + dt.timedelta(weeks=n * (weeks or 1))
        if day > as_of:
            return tuple(days)
        days.append(day)
        n += 1


@st.composite
def _cadence_and_meetings(
    draw: st.DrawFn, since: dt.date, as_of: dt.date
) -> tuple[Cadence, tuple[dt.date, ...]]:
    cadence = draw(st.sampled_from(_CADENCES))
    gap = cadence.max_gap_days or 31
    first = since + dt.timedelta(days=draw(st.integers(0, min(gap - 1, 27))))
    if first.day > 28:
        first = first.replace(day=28)
    first = min(first, as_of)
    meetings = _meeting_days(cadence, first, as_of)
    if draw(st.booleans()):
        return Cadence(dates=meetings), meetings
    if cadence.every_weeks is not None:
        cadence = Cadence(every_weeks=cadence.every_weeks, starting=first)
    return cadence, meetings


@st.composite
def _groups(
    draw: st.DrawFn,
    since: dt.date,
    as_of: dt.date,
    chair: Post | None,
    members: tuple[Membership, ...],
    max_thematic: int,
) -> tuple[Group, ...]:
    cadence, meetings = draw(_cadence_and_meetings(since, as_of))
    education = Membership(
        post=Post(title="Headteacher representative"), role="member", sector="education"
    )
    top = Group(
        id="partnership",
        name="Safeguarding Children Partnership meeting",
        kind=GroupKind.PARTNERSHIP_MEETING,
        purpose="Sets the partnership's strategic direction and holds agencies to account.",
        chair=chair,
        members=(*members, education),
        cadence=cadence,
        reports_to=(),
        meetings=meetings,
    )
    # Each theme is drawn with everything about it, so deleting one deletes the whole group
    # and shrinking reaches the fewest groups a failure needs.
    themes = draw(
        st.lists(
            st.tuples(
                st.sampled_from(_THEMES),
                _cadence_and_meetings(since, as_of),
                st.booleans(),
                st.integers(0, max_thematic),
            ),
            unique_by=lambda item: item[0],
            max_size=max_thematic,
        )
    )
    found = [top]
    thematic_ids: list[str] = []
    for theme, (cadence, meetings), sub, pick in themes:
        is_sub = bool(thematic_ids) and sub
        parent = thematic_ids[pick % len(thematic_ids)] if is_sub else top.id
        group = Group(
            id=_slug(theme),
            name=f"{theme} {'subgroup' if is_sub else 'group'}",
            kind=GroupKind.SUBGROUP if is_sub else GroupKind.THEMATIC_GROUP,
            cadence=cadence,
            reports_to=(parent,),
            meetings=meetings,
        )
        if not is_sub:
            thematic_ids.append(group.id)
        found.append(group)
    return tuple(found)


def groups(
    *,
    since: dt.date,
    as_of: dt.date,
    chair: Post | None = None,
    members: Sequence[Membership] = (),
    max_thematic: int = 4,
) -> st.SearchStrategy[tuple[Group, ...]]:
    """A group structure: the partnership meeting at the top (``reports_to: none``), with
    thematic groups reporting to it and subgroups reporting to those.

    Each group has a cadence and the meetings it kept from ``since`` up to ``as_of``, never
    further apart than the cadence promises. Shrinks towards the partnership meeting alone,
    meeting quarterly from ``since``.
    """
    return _groups(since, as_of, chair, tuple(members), max_thematic)


_ALL_SECTIONS = tuple(ReportSection)
_RECIPIENTS = ("panel", "what_works_centre", "foundations", "dfe")


@st.composite
def _yearly_reports(
    draw: st.DrawFn,
    since: dt.date,
    as_of: dt.date,
    signers: Callable[[dt.date], tuple[str, ...]],
) -> tuple[YearlyReport, ...]:
    reports: list[YearlyReport] = []
    last = since
    while True:
        gap = draw(st.integers(180, 360))
        day = last + dt.timedelta(days=gap)
        if day > as_of:
            break
        # published within two months of the period end (REPORT-008 allows three)
        period_end = day - dt.timedelta(days=draw(st.integers(1, 60)))
        period_start = max(since, period_end - dt.timedelta(days=364))
        delay = draw(st.integers(0, 7))
        n = len(reports) + 1
        reports.append(
            YearlyReport(
                id=f"report-{n}",
                period_start=period_start,
                period_end=period_end,
                published=day,
                url=_url(f"yearly-report-{n}"),
                sections=_ALL_SECTIONS,
                sent=tuple(
                    Sending(to=to, date=min(day + dt.timedelta(days=delay), as_of))
                    for to in _RECIPIENTS
                ),
                signed_off_by=signers(day) or None,
                scrutineer_contribution=True,
            )
        )
        last = day
    return tuple(reports)


def yearly_reports(
    *,
    since: dt.date,
    as_of: dt.date,
    signed_off_by: Callable[[dt.date], tuple[str, ...]] | Sequence[str] = (),
) -> st.SearchStrategy[tuple[YearlyReport, ...]]:
    """Yearly reports (CA2004 s.16G(7)) published from ``since`` up to ``as_of``.

    No gap between the start and the first report, between reports, or between the last
    report and ``as_of``, exceeds 360 days; each is published within 60 days of the end of
    its reporting period. Each has every section, goes to its recipients
    within 7 days, and is signed off by ``signed_off_by`` (ids, or a function of the
    publication day). Shrinks towards reports every 180 days, sent on the day.
    """
    signers = signed_off_by if callable(signed_off_by) else (lambda _d: tuple(signed_off_by))
    return _yearly_reports(since, as_of, signers)


@attrs.frozen
class ReviewRecords:
    """Serious incident notifications, rapid reviews and practice reviews: dates and
    reference numbers only."""

    notifications: tuple[SeriousIncidentNotification, ...] = ()
    rapid_reviews: tuple[RapidReview, ...] = ()
    practice_reviews: tuple[PracticeReview, ...] = ()


@st.composite
def _review_records(
    draw: st.DrawFn, since: dt.date, as_of: dt.date, max_notifications: int
) -> ReviewRecords:
    latest = as_of - dt.timedelta(days=80)
    if latest < since:
        return ReviewRecords()
    aware_days = draw(
        st.lists(st.dates(since, latest), unique=True, max_size=max_notifications).map(sorted)
    )
    notes: list[SeriousIncidentNotification] = []
    rapid: list[RapidReview] = []
    practice: list[PracticeReview] = []
    for i, aware in enumerate(aware_days, start=1):
        ref = f"{aware.year}-{i:03d}"
        to_notify = draw(st.integers(0, 5))
        notified = add_working_days(aware, to_notify)
        completed = add_working_days(aware, draw(st.integers(to_notify, 15)))
        decision = draw(st.sampled_from(("no_local_review", "local_review", "national_review")))
        notes.append(
            SeriousIncidentNotification(reference=f"N-{ref}", became_aware=aware, notified=notified)
        )
        rapid.append(
            RapidReview(
                reference=f"RR-{ref}",
                notification=f"N-{ref}",
                started=notified,
                completed=completed,
                sent_to_panel=completed,
                decision=decision,
            )
        )
        if decision != "local_review":
            continue
        initiated = completed + dt.timedelta(days=draw(st.integers(0, 30)))
        published = initiated + dt.timedelta(days=draw(st.integers(60, 180)))
        review = PracticeReview(
            reference=f"LCSPR-{ref}",
            rapid_review=f"RR-{ref}",
            initiated=initiated,
            reviewer_appointed=initiated,
        )
        if published <= as_of:
            sent = published - dt.timedelta(days=draw(st.integers(7, 30)))
            full = draw(st.booleans())
            review = _evolve(
                review,
                sent_to_secretary_of_state=sent,
                sent_to_panel=sent,
                published=published,
                publication="full" if full else "improvements_only",
                publication_rationale=None
                if full
                else "The family could be identified from the full report.",
                url=_url(f"practice-reviews/{ref}"),
            )
        practice.append(review)
    return ReviewRecords(tuple(notes), tuple(rapid), tuple(practice))


def review_records(
    *, since: dt.date, as_of: dt.date, max_notifications: int = 3
) -> st.SearchStrategy[ReviewRecords]:
    """Notifications, rapid reviews and local child safeguarding practice reviews.

    The Panel is notified within 5 working days; rapid reviews finish within 15 working days
    and go to the Panel; practice reviews have a reviewer, go to the Secretary of State and
    the Panel at least 7 days before publication and are published within 180 days. Shrinks
    towards no notifications.
    """
    return _review_records(since, as_of, max_notifications)


_CONTENT_FIELDS = tuple(Contents.model_fields)


def _education_categories() -> tuple[str, ...]:
    return tuple(
        c.id for c in reference.schedule().values() if c.group == reference.EDUCATION_AND_CHILDCARE
    )


@st.composite
def _since(draw: st.DrawFn, as_of: dt.date) -> dt.date:
    early = st.dates(_FIRST_START, min(IMPLEMENTATION_DEADLINE, as_of))
    return draw(early)


def _financial_years(since: dt.date, as_of: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """Label, first and last day of each financial year from ``since`` to ``as_of``."""

    def start_of(day: dt.date) -> int:
        return day.year if day.month >= 4 else day.year - 1

    return [
        (f"{year}-{(year + 1) % 100:02d}", dt.date(year, 4, 1), dt.date(year + 1, 3, 31))
        for year in range(start_of(since), start_of(as_of) + 1)
    ]


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
    education = draw(relevant_agencies(_education_categories()))
    if education.key in {a.key for a in agencies}:
        education = _evolve(education, name=f"{education.name} (education)")
    agencies = (education, *agencies)

    wt2023 = regime is Regime.WT2023
    delegates = bodies.delegates_on(as_of)
    if wt2023:
        chair_posts = tuple(_evolve(d, id=None) for d in delegates[:2])
        chair = Chair(
            model=ChairingModel.CO_CHAIRS if len(chair_posts) > 1 else ChairingModel.PARTNER,
            posts=chair_posts,
        )
    else:
        chair = Chair(
            model=ChairingModel.INDEPENDENT,
            posts=(Post(title="Independent Chair", name=draw(st.sampled_from(_NAMES))),),
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
    cdop_cadence, cdop_meetings = draw(_cadence_and_meetings(since, as_of))
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
    present = draw(st.sampled_from((True, _url("arrangements"))))
    health = tuple(
        p.organisation
        for p in bodies.partners
        if p.in_force(as_of) and p.role is not PartnerRole.CHIEF_OFFICER_OF_POLICE
    )
    years = _financial_years(since, as_of)
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
        name=draw(st.sampled_from(_NAMES)),
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
        published_url=_url("arrangements"),
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
            plan_url=_url("scrutiny-plan"),
            chairs_partnership=False,
            outputs=(_url("scrutiny-report"),),
        ),
        priorities=("Child exploitation", "Neglect"),
        contents=Contents(**dict.fromkeys(_CONTENT_FIELDS, present)),
        documents=Documents(
            threshold=_url("threshold"),
            escalation_policy=_url("escalation"),
            procedures=_url("procedures"),
            budget=_url("budget"),
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
            published_url=_url("child-death-review"),
            reports=tuple(r.published for r in reports if r.published is not None),
            deaths_per_year=draw(st.integers(60, 200)),
        ),
        funding=funding,
    )


def arrangements(
    *,
    regime: Regime | str | None = None,
    as_of: dt.date | None = None,
    compliant: bool = True,
    areas: int | tuple[int, int] = (1, 3),
    plugins: Sequence[str] = (),
) -> st.SearchStrategy[Arrangement]:
    """Whole arrangements of one area or several real areas, with their real partners.

    ``regime`` is ``"WT2018"`` or ``"WT2023"`` (by default the one in force on ``as_of``);
    ``as_of`` defaults to :data:`DEFAULT_AS_OF` for the regime. ``areas`` is a number of
    areas or a ``(min, max)`` range. ``plugins`` are named in the arrangement's ``plugins``.

    With ``compliant=True`` no core rule in force on ``as_of`` gives an error or warning
    finding. With ``compliant=False`` some recorded facts are blanked to unknown, which can
    give "not recorded" findings, and one duty may be broken.

    The arrangements take effect between 1 January and 29 September 2019 (PUB-002), so their
    areas are those that existed both then and on ``as_of``: authorities created later
    or recoded later (Buckinghamshire, the Northamptonshire unitaries, Cumberland, Westmorland
    and Furness, North Yorkshire, Somerset, and Barnsley and Sheffield under their 2025
    codes) do not appear in arrangements checked after the change.

    Shrinks towards one area (Hartlepool), arrangements taking effect on 1 January 2019, no
    thematic groups, no notifications and yearly reports every 180 days.
    """
    chosen = _regime(regime, as_of)
    day = as_of or DEFAULT_AS_OF[chosen]
    if not chosen.applies(day):
        raise ValueError(f"{chosen.name} does not apply on {day}")
    if day < _EARLIEST_AS_OF:
        raise ValueError(f"as_of must be on or after {_EARLIEST_AS_OF}")
    low, high = (areas, areas) if isinstance(areas, int) else areas
    if not 1 <= low <= high:
        raise ValueError("areas must be at least 1, and min no more than max")
    base = _compliant(chosen, day, low, high, tuple(plugins))
    if compliant:
        return base
    return base.flatmap(lambda arrangement: _loosened(arrangement, day))


_BLANKABLE = (
    "published",
    "published_url",
    "first_published",
    "partners",
    "relevant_agencies",
    "groups",
    "chair",
    "independent_scrutiny",
    "contents",
    "documents",
    "sign_offs",
    "yearly_reports",
    "child_death_review",
    "funding",
)


def _loosened(arrangement: Arrangement, as_of: dt.date) -> st.SearchStrategy[Arrangement]:
    """Some recorded facts blanked to unknown, and perhaps one duty broken."""
    from safeguarding_partnership.testing.mutations import registered

    def mutate(fields: list[str], code: str | None) -> Arrangement:
        changed = _evolve(arrangement, **dict.fromkeys(fields))
        if changed.groups is None and changed.child_death_review is not None:
            # the panel is a group: an unknown structure leaves it unknown too
            changed = _evolve(
                changed, child_death_review=_evolve(changed.child_death_review, panel=None)
            )
        if code is None:
            return changed
        return registered()[code].function(changed, as_of) or changed

    codes = sorted(registered())
    return st.builds(
        mutate,
        st.lists(st.sampled_from(_BLANKABLE), unique=True),
        st.none() | (st.sampled_from(codes) if codes else st.none()),
    )
