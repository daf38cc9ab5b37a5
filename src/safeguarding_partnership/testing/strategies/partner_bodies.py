"""The real safeguarding partners of a footprint over time, from the packaged reference data:
each area's council, the health bodies and the chief officers of police covering it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import lru_cache

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from safeguarding_partnership import reference
from safeguarding_partnership.law import CCG_TO_ICB
from safeguarding_partnership.model import (
    Organisation,
    OrganisationKind,
    PartnerRole,
    Post,
    SafeguardingPartner,
)
from safeguarding_partnership.testing.strategies._choices import Choices, drawn
from safeguarding_partnership.testing.strategies._text import NAMES

__all__ = ["PartnerBodies", "partners"]


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


def build_partners(
    choose: Choices, area_codes: tuple[str, ...], as_of: dt.date, since: dt.date
) -> PartnerBodies:
    """The real partners of the areas from ``since`` to ``as_of`` (see :func:`partners`)."""
    segments = [
        *_segments(area_codes, since, as_of, _las_for),
        *_segments(area_codes, since, as_of, reference.health_partners_for),
        *_segments(area_codes, since, as_of, reference.police_forces_for),
    ]
    # A fixed number of draws, however many areas and bodies: shrinking an area away then
    # leaves every later draw where it was.
    spell_out = choose.boolean()
    first_name = choose.integer(0, len(NAMES) - 1)
    publish = choose.boolean()
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
            name=NAMES[(first_name + n) % len(NAMES)],
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
    codes = tuple(area_codes)
    return drawn(lambda choose: build_partners(choose, codes, as_of, since or as_of))
