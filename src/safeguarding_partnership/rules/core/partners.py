"""Safeguarding partners, area and core duty (Children Act 2004 ss.16E-16J); catalogue section A.

Coverage is checked by role and area, never by counting partners: for each area in the
footprint on the as-of day, the local authority partner is that area's council, and every
health body and every police force covering any part of the area is a partner for it
(s.16E(3)). Several bodies may hold one role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.law import CCG_TO_ICB
from safeguarding_partnership.model import (
    Arrangement,
    Organisation,
    OrganisationKind,
    PartnerRole,
    SafeguardingPartner,
)
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.reference import (
    HealthBody,
    PoliceForce,
    coverage_known,
    health_partners_for,
    police_forces_for,
)
from safeguarding_partnership.rules.core._facts import (
    bound_organisations,
    gives,
    set_out,
    surely,
)
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule, unknown

__all__ = ["RULES"]


Indexed = tuple[int, SafeguardingPartner]


def _in_force(arr: Arrangement, day: dt.date) -> list[Indexed]:
    return [(i, p) for i, p in enumerate(arr.partners or ()) if p.in_force(day)]


def _for_area(
    partners: list[Indexed], code: str, test: Callable[[PartnerRole], bool]
) -> list[Indexed]:
    return [
        (i, p)
        for i, p in partners
        if test(p.role) and (p.areas is None or code in p.areas or not is_complete(p.areas))
    ]


def _is_la(role: PartnerRole) -> bool:
    return role is PartnerRole.LOCAL_AUTHORITY


def _is_health(role: PartnerRole) -> bool:
    return role.is_health


def _is_police(role: PartnerRole) -> bool:
    return role is PartnerRole.CHIEF_OFFICER_OF_POLICE


def _org(arr: Arrangement, partner: SafeguardingPartner) -> Organisation | None:
    return arr.organisation(partner.organisation)


def _health_match(org: Organisation | None, body: HealthBody) -> bool:
    if org is None:
        return False
    return org.ons_code == body.ons_code or org.ods_code == body.ods_code


def _police_match(org: Organisation | None, force: PoliceForce) -> bool:
    return org is not None and org.ons_code == force.ons_code


def _codes_unknown(org: Organisation | None) -> bool:
    """Whether the codes that identify a body are not known (or the entry stands for several
    bodies, as "the three CCGs" written as one)."""
    return (
        org is None
        or (org.ons_code is None and org.ods_code is None)
        or (org.stands_for is not None and org.stands_for > 1)
    )


def _list_caveat(arr: Arrangement) -> str | None:
    """Why a missing partner cannot be concluded from the list, if it cannot."""
    if not is_complete(arr.partners):
        return "the partners listed may not be all of them"
    return None


@rule(
    "PARTNERS-001", "Each area has its three safeguarding partner roles filled by the right bodies"
)
def partner_roles(ctx: RuleContext) -> Iterator[Issue]:
    """For each area in force, the local authority partner is the area's council, and the
    health and police roles are held by someone.

    A missing role is an error: the safeguarding partners are defined by s.16E(3), not
    chosen. Whether *every* covering health body and police force is a partner is
    PARTNERS-002. No finding is given for days the reference data does not cover.

    Hint: For every area, name the area's council as local authority partner, and at least one
    health body (CCG before 1 July 2022, ICB after) and one chief officer of police covering
    it; give each organisation its ONS code (and ODS code for health bodies).

    Failing (Havering, no council)::

        areas: [{code: E09000016}]
        partners:
          - {role: integrated_care_board, organisation: nel-icb}
          - {role: chief_officer_of_police, organisation: met}

    Passing::

        partners:
          - {role: local_authority, organisation: havering-council}   # ons_code E09000016
          - {role: integrated_care_board, organisation: nel-icb}      # ods_code QMF
          - {role: chief_officer_of_police, organisation: met}        # ons_code E23000001
    """
    arr, day = ctx.arrangement, ctx.as_of
    if arr.partners is None:
        return
    partners = _in_force(arr, day)
    in_force_codes = {a.code for a in arr.areas_on(day)}
    for j, area in enumerate(arr.areas):
        if not area.in_force(day):
            continue
        code = area.code
        councils = _for_area(partners, code, _is_la)
        orgs = [_org(arr, p) for _, p in councils]
        if not any(o is not None and o.ons_code == code for o in orgs):
            if any(o is None or o.ons_code is None for o in orgs):
                yield unknown(
                    f"the ONS code of the local authority partner for area "
                    f"{code}, so whether it is that area's council cannot be told",
                    ("areas", j),
                )
            else:
                yield _missing(
                    arr,
                    f"area {code} has no local authority partner on {day}: the partner is "
                    f"the council of that area (ONS code {code})",
                    ("areas", j),
                )
        if not coverage_known(day):
            continue
        roles = (
            (
                "health",
                _is_health,
                [f"{b.name} ({b.ons_code})" for b in health_partners_for(code, day)],
            ),
            (
                "chief officer of police",
                _is_police,
                [
                    f"the {f.chief_officer_title} ({f.ons_code})"
                    for f in police_forces_for(code, day)
                ],
            ),
        )
        for label, test, required in roles:
            if required and not _for_area(partners, code, test):
                names = "; ".join(required)
                yield _missing(
                    arr,
                    f"area {code} has no {label} partner on {day} (covering it: {names})",
                    ("areas", j),
                )
    for i, p in partners:
        if not _is_la(p.role):
            continue
        org = _org(arr, p)
        if org is None or org.ons_code is None:
            continue
        claimed = set(p.areas) & in_force_codes if p.areas is not None else in_force_codes
        if claimed and org.ons_code not in claimed:
            yield Issue(
                f"{p.organisation} (ONS code {org.ons_code}) is named as local authority "
                f"partner for {', '.join(sorted(claimed))}, but it is not that area's council",
                ("partners", i, "organisation"),
                Severity.ERROR,
            )


@rule(
    "PARTNERS-002",
    "Every health body and police force covering any part of an area is a partner for it",
    confidence="P",  # the catalogue's "P (rule), S (example)": this checks the rule
)
def every_covering_body(ctx: RuleContext) -> Iterator[Issue]:
    """Where an area's health or police role is held, every body covering part of the area
    on the as-of day holds it: CCGs before 1 July 2022 and ICBs after, matched by ONS or
    ODS code; police forces by ONS code (the partner is the force's chief officer).

    Hint: Add each missing body as a partner in its role for the area (an area can have two
    ICBs or two police forces), or correct the organisation's ONS or ODS code.

    Failing (City of London, one police force of two)::

        areas: [{code: E09000001}]
        partners:
          - {role: chief_officer_of_police, organisation: met}        # E23000001

    Passing::

        areas: [{code: E09000001}]
        partners:
          - {role: chief_officer_of_police, organisation: met}          # E23000001
          - {role: chief_officer_of_police, organisation: city-police}  # E23000034

    A partner given for named ``areas`` that does not cover them is also a finding.
    """
    arr, day = ctx.arrangement, ctx.as_of
    if arr.partners is None or not coverage_known(day):
        return
    partners = _in_force(arr, day)
    for j, area in enumerate(arr.areas):
        if not area.in_force(day):
            continue
        code = area.code
        health = _for_area(partners, code, _is_health)
        police = _for_area(partners, code, _is_police)
        checks: list[
            tuple[str, list[Indexed], list[tuple[str, Callable[[Organisation | None], bool]]]]
        ] = [
            (
                "health",
                health,
                [
                    (f"{b.name} ({b.ons_code}, ODS {b.ods_code})", _bind_health(b))
                    for b in health_partners_for(code, day)
                ],
            ),
            (
                "chief officer of police",
                police,
                [
                    (f"the {f.chief_officer_title} ({f.ons_code})", _bind_police(f))
                    for f in police_forces_for(code, day)
                ],
            ),
        ]
        for label, held, required in checks:
            if not held or not required:
                continue  # an empty role is PARTNERS-001's finding
            orgs = [_org(arr, p) for _, p in held]
            codes_unknown = any(_codes_unknown(o) for o in orgs)
            for name, matches in required:
                if any(matches(o) for o in orgs):
                    continue
                if codes_unknown:
                    yield unknown(
                        f"the codes of a {label} partner for area {code}, so "
                        f"whether {name} is a partner cannot be told",
                        ("areas", j),
                    )
                else:
                    yield _missing(
                        arr,
                        f"{name} covers part of area {code} on {day} but is not its {label} "
                        "partner",
                        ("areas", j),
                    )
            for (i, p), org in zip(held, orgs, strict=True):
                if p.areas is None or code not in p.areas or _codes_unknown(org):
                    continue
                if not any(matches(org) for _, matches in required):
                    yield Issue(
                        f"{p.organisation} is named as {label} partner for area {code}, but "
                        f"it does not cover that area on {day}",
                        ("partners", i, "organisation"),
                        Severity.ERROR,
                    )


def _missing(arr: Arrangement, message: str, path: tuple[str | int, ...]) -> Issue:
    """An error for a partner the list lacks; information when the list may be incomplete."""
    caveat = _list_caveat(arr)
    if caveat is None:
        return Issue(message, path, Severity.ERROR)
    return Issue(f"perhaps {message}: {caveat}", path, Severity.INFO)


def _bind_health(body: HealthBody) -> Callable[[Organisation | None], bool]:
    return lambda org: _health_match(org, body)


def _bind_police(force: PoliceForce) -> Callable[[Organisation | None], bool]:
    return lambda org: _police_match(org, force)


@rule("PARTNERS-003", "The health partner is a CCG before 1 July 2022 and an ICB from that day")
def health_partner_era(ctx: RuleContext) -> Iterator[Issue]:
    """From 1 July 2022 the health partner is the integrated care board; CCGs were abolished.
    Before that day no ICB existed, so the health partner was a CCG.

    Hint: End the CCG's role on 30 June 2022 and name the integrated care board that replaced
    it from 1 July 2022.

    Failing (as of 2025)::

        partners:
          - {role: clinical_commissioning_group, organisation: nel-ccg}

    Passing::

        partners:
          - {role: clinical_commissioning_group, organisation: nel-ccg, valid_to: 2022-06-30}
          - {role: integrated_care_board, organisation: nel-icb, valid_from: 2022-07-01}
    """
    arr, day = ctx.arrangement, ctx.as_of
    for i, p in _in_force(arr, day):
        if not p.role.is_health:
            continue
        org = _org(arr, p)
        ccg = p.role is PartnerRole.CLINICAL_COMMISSIONING_GROUP or (
            org is not None and org.kind is OrganisationKind.CLINICAL_COMMISSIONING_GROUP
        )
        if day >= CCG_TO_ICB and ccg:
            yield Issue(
                f"{p.organisation} is named as a clinical commissioning group partner on "
                f"{day}, after CCGs were replaced by integrated care boards on {CCG_TO_ICB}",
                ("partners", i, "role"),
                Severity.ERROR,
            )
        elif day < CCG_TO_ICB and p.role is PartnerRole.INTEGRATED_CARE_BOARD:
            yield Issue(
                f"{p.organisation} is named as an integrated care board partner on {day}, "
                f"before ICBs replaced CCGs on {CCG_TO_ICB}",
                ("partners", i, "role"),
                Severity.ERROR,
            )


@rule("PARTNERS-004", "The partners have made arrangements covering the area")
def partners_recorded(ctx: RuleContext) -> Iterator[Issue]:
    """The arrangements are made by the safeguarding partners for an area, so the partners
    must be named and the footprint must hold an area. Whether joint working happens cannot
    be tested.

    Hint: List the safeguarding partners under `partners`, and keep at least one area in the
    footprint on every day the arrangements are in force.

    Failing::

        partners: none

    Passing::

        partners:
          - {role: local_authority, organisation: havering-council}
    """
    arr, day = ctx.arrangement, ctx.as_of
    partners = arr.partners
    if partners is None:
        yield unknown("the safeguarding partners", ("partners",))
    elif not partners:
        yield Issue("the arrangements name no safeguarding partners", ("partners",))
    elif not _in_force(arr, day):
        yield Issue(f"no safeguarding partner is in force on {day}", ("partners",))
    if arr.in_force(day) and not arr.areas_on(day):
        yield Issue(f"no area is in the footprint on {day}", ("areas",))


@rule(
    "PARTNERS-005",
    "The arrangements say how children's needs are jointly identified and responded to",
)
def needs_section(ctx: RuleContext) -> Iterator[Issue]:
    """The arrangements must include how the partners will jointly identify, and respond to,
    the needs of children in the area.

    Hint: Set `contents.needs_identification_and_response` to where the arrangements say how
    the partners jointly identify and respond to children's needs.

    Failing::

        contents: {needs_identification_and_response: false}

    Passing::

        contents: {needs_identification_and_response: "Section 2: Working together"}
    """
    yield from set_out(
        ctx.arrangement.contents,
        "needs_identification_and_response",
        unrecorded="not recorded: whether the arrangements say how children's needs are jointly "
        "identified and responded to",
        missing="the arrangements do not say how the partners jointly identify and respond to "
        "children's needs",
    )


@rule("PARTNERS-006", "A combined area joins two or more local authority areas")
def combined_area(ctx: RuleContext) -> Iterator[Issue]:
    """Partners for two or more areas may agree that they count as one area (s.16J). A
    combination of a single area is not one; a footprint of several areas should say whether
    it is combined (BHR is a looser tri-borough model: ``combined_area: false``).

    Hint: Set `combined_area: true` only when two or more areas agreed to be treated as one
    area under s.16J; record `combined_area` whenever the footprint has several areas.

    Failing::

        combined_area: true
        areas: [{code: E09000016}]

    Passing::

        combined_area: false
        areas: [{code: E09000002}, {code: E09000016}, {code: E09000026}]
    """
    arr, day = ctx.arrangement, ctx.as_of
    areas = arr.areas_on(day)
    if arr.combined_area is True and len(areas) < 2:
        yield Issue(
            f"combined_area is true but the footprint holds {len(areas)} area(s) on {day}; "
            "s.16J combines two or more areas",
            ("combined_area",),
            Severity.ERROR,
        )
    elif arr.combined_area is None and len(areas) >= 2:
        yield unknown(
            "whether the areas "
            f"{', '.join(a.code for a in areas)} agreed to be treated as one area under s.16J",
            ("combined_area",),
        )


def _kind(role: PartnerRole) -> str:
    if role.is_health:
        return "health"
    return role.value


@rule("PARTNERS-007", "A partner acts for another only if both are partners of the same kind")
def same_kind_delegation(ctx: RuleContext) -> Iterator[Issue]:
    """Within a combined area, one partner may carry out the functions of another of the same
    kind (s.16J(3)-(5)). The file records this as ``represented_by`` naming another partner's
    organisation. (A unit of the partner itself, such as a police command unit, is not
    delegation and is not checked.) The model has no separate delegation record.

    Hint: Only a local authority may act for a local authority, a health body for a health
    body, and a chief officer of police for a chief officer of police.

    Failing::

        partners:
          - {role: local_authority, organisation: havering-council, represented_by: met}
          - {role: chief_officer_of_police, organisation: met}

    Passing::

        combined_area: true
        partners:
          - {role: local_authority, organisation: lbbd, represented_by: havering-council}
          - {role: local_authority, organisation: havering-council}
    """
    arr, day = ctx.arrangement, ctx.as_of
    partners = _in_force(arr, day)
    kinds: dict[str, set[str]] = {}  # kinds each body may hold on the day
    sure: set[str] = set()  # bodies that are partners on the day for sure
    for _, p in partners:
        kinds.setdefault(p.organisation, set()).add(_kind(p.role))
        if surely(p, day):
            sure.add(p.organisation)
    for i, p in partners:
        agent = p.represented_by
        if agent is None or agent == p.organisation or agent not in kinds:
            continue
        own = _kind(p.role)
        if own not in kinds[agent]:
            if agent not in sure:
                continue  # the agent may not be a partner on the day
            yield Issue(
                f"{p.organisation} ({own}) is represented by {agent}, a partner of another "
                f"kind ({', '.join(sorted(kinds[agent]))}); s.16J allows only the same kind",
                ("partners", i, "represented_by"),
                Severity.ERROR,
            )
        elif arr.combined_area is not True:
            yield Issue(
                f"{p.organisation} is represented by {agent}, another partner; s.16J(3) lets "
                "one partner act for another only where the areas are combined, and "
                "combined_area is not true",
                ("partners", i, "represented_by"),
                Severity.INFO,
            )


@rule("PARTNERS-009", "Contributions come from partners or relevant agencies and say what is given")
def contributions_structure(ctx: RuleContext) -> Iterator[Issue]:
    """Partners may pay towards the arrangements directly or into a pooled fund, or give
    staff, goods, services or accommodation; relevant agencies may pay too (s.16I). This
    checks the structure of the contributions table only.

    Hint: Record each contribution's contributor (a partner or relevant agency), year, and
    amount or in-kind resources.

    Flagged (information)::

        funding:
          - {year: 2024-25, contributor: local-charity, amount: 500}

    Passing::

        funding:
          - {year: 2024-25, contributor: havering-council, amount: 120000}
          - {year: 2024-25, contributor: met, in_kind: business support officer}
    """
    arr = ctx.arrangement
    bound = bound_organisations(arr)  # partners, relevant agencies and their units (RA-005)
    for i, c in enumerate(arr.funding or ()):
        if c.contributor is not None and c.contributor not in bound:
            yield Issue(
                f"{c.contributor} contributes in {c.year or 'a year not recorded'} but is "
                "neither a safeguarding "
                "partner nor a relevant agency named in the arrangements (s.16I covers "
                "their contributions)",
                ("funding", i, "contributor"),
                Severity.INFO,
            )
        if gives(c) is None:
            when = c.year or "a year not recorded"
            if c.amount is None and c.share is None and c.in_kind is None:
                what = f"what {c.giver} contributes in {when}"
            elif c.amount is None and c.share is None:
                what = f"how much money {c.giver} contributes in {when} (nothing in kind)"
            else:
                what = f"whether {c.giver} gives anything in kind in {when} (no money)"
            yield unknown(what, ("funding", i))


RULES: tuple[Rule, ...] = (
    partner_roles,
    every_covering_body,
    health_partner_era,
    partners_recorded,
    needs_section,
    combined_area,
    same_kind_delegation,
    contributions_structure,
)
