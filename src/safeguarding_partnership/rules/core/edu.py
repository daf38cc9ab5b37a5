"""Education and childcare in the arrangements (WT2018 ch.3; WT2023 ch.2); catalogue section H."""

from __future__ import annotations

from collections.abc import Iterator

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.model import Arrangement, GroupKind, Membership, OrganisationKind
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.reference import EDUCATION_AND_CHILDCARE, schedule
from safeguarding_partnership.rules.core._facts import set_out, surely
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule, unknown

__all__ = ["RULES"]


_EDUCATION_KINDS = frozenset(
    {OrganisationKind.SCHOOL, OrganisationKind.COLLEGE, OrganisationKind.EARLY_YEARS}
)
_EDUCATION_SECTORS = frozenset({"education", "childcare", "early_years", "early years", "schools"})
_STRATEGIC = frozenset({GroupKind.PARTNERSHIP_MEETING, GroupKind.EXECUTIVE})


def _education_orgs(arr: Arrangement) -> set[str]:
    """Organisations that are education or childcare settings, by kind or Schedule category."""
    categories = schedule()
    orgs = {o.id for o in arr.organisations if o.kind in _EDUCATION_KINDS}
    for agency in arr.relevant_agencies or ():
        category = categories.get(agency.category)
        if agency.organisation and category and category.group == EDUCATION_AND_CHILDCARE:
            orgs.add(agency.organisation)
    return orgs


def _is_education(member: Membership, orgs: set[str]) -> bool:
    if member.sector is not None and member.sector.strip().lower() in _EDUCATION_SECTORS:
        return True
    return member.body in orgs


_NOT_EDUCATION_KINDS = frozenset(
    {
        OrganisationKind.CHIEF_OFFICER_OF_POLICE,
        OrganisationKind.POLICE_COMMAND_UNIT,
        OrganisationKind.INTEGRATED_CARE_BOARD,
        OrganisationKind.CLINICAL_COMMISSIONING_GROUP,
        OrganisationKind.NHS_TRUST,
        OrganisationKind.PROBATION,
    }
)
"""Bodies whose members speak for police, health or probation, never for education."""


def _may_be_education(arr: Arrangement, member: Membership) -> bool:
    """Whether a member may speak for education though nothing says so: its sector is not
    recorded, and its body is not recorded or is one that may (a council's member of no
    recorded sector may be its education lead; a police force's may not)."""
    if member.sector is not None:
        return False
    org = arr.organisation(member.body) if member.body is not None else None
    return org is None or org.kind not in _NOT_EDUCATION_KINDS


@rule("EDU-001", "The arrangements say how education settings are included (WT2018)")
def education_included(ctx: RuleContext) -> Iterator[Issue]:
    """Arrangements should explain how every early years setting, school and other
    educational establishment is brought into the safeguarding arrangements. Also notes,
    as information, when recorded relevant agencies include no education or childcare body.

    Hint: Set `contents.education` to where the arrangements explain how early years settings,
    schools (independent schools, academies and free schools included) and other educational
    establishments are included.

    Failing::

        contents: {education: false}

    Passing::

        contents: {education: "Section 5: Schools and early years"}
    """
    arr = ctx.arrangement
    yield from set_out(
        arr.contents,
        "education",
        unrecorded="not recorded: whether the arrangements say how education settings are included",
        missing="the arrangements do not say how schools, colleges and early years settings "
        "are included",
    )
    agencies = arr.relevant_agencies
    if agencies is not None:
        categories = schedule()
        if not any(
            (c := categories.get(a.category)) is not None and c.group == EDUCATION_AND_CHILDCARE
            for a in agencies
            if a.in_force(ctx.as_of)
        ):
            yield Issue(
                "no education or childcare body is named as a relevant agency",
                ("relevant_agencies",),
                Severity.INFO,
            )


@rule("EDU-002", "Education and childcare take part in strategic decision-making (WT2023)")
def education_in_strategy(ctx: RuleContext) -> Iterator[Issue]:
    """Local education and childcare partners are expected to take part in strategic
    decision-making. Checks the strategic groups (partnership meeting, executive) in force
    for an education or childcare member.

    Hint: Add an education or childcare member (with `sector: education`, or a school, college
    or early years organisation) to the partnership meeting or executive.

    Failing::

        groups:
          - id: executive
            name: Executive
            kind: executive
            members: [{organisation: havering-council, sector: social_care}]

    Passing::

        groups:
          - id: executive
            name: Executive
            kind: executive
            members:
              - {organisation: havering-council, sector: social_care}
              - {post: {title: Headteacher representative}, sector: education}
    """
    arr, day = ctx.arrangement, ctx.as_of
    if arr.groups is None:
        yield unknown("the partnership's groups", ("groups",))
        return
    strategic = [
        (i, g) for i, g in enumerate(arr.groups) if g.kind in _STRATEGIC and g.in_force(day)
    ]
    if not strategic:
        yield unknown("a strategic group (partnership meeting or executive)", ("groups",))
        return
    orgs = _education_orgs(arr)
    unlisted: list[tuple[int, str]] = []
    maybe = not is_complete(arr.groups) or any(
        g.open_membership for _, g in strategic
    )  # another strategic group, or anyone from the sector, may bring education in
    for i, g in strategic:
        if g.members is None:
            unlisted.append((i, g.id))
            continue
        members = [m for m in g.members if m.in_force(day)]
        if any(surely(m, day) and _is_education(m, orgs) for m in members):
            return
        if not is_complete(g.members) or any(
            _is_education(m, orgs) or _may_be_education(arr, m) for m in members
        ):
            maybe = True
    if unlisted:
        for i, gid in unlisted:
            yield unknown(f"the members of strategic group {gid}", ("groups", i, "members"))
        return
    ids = ", ".join(sorted(g.id for _, g in strategic))
    message = f"no education or childcare member sits on the strategic group(s) {ids}"
    path = ("groups", min(i for i, _ in strategic), "members")
    if maybe:
        yield Issue(
            f"perhaps {message}: not every member's sector, or not every member, is known",
            path,
            Severity.INFO,
        )
    else:
        yield Issue(message, path)


@rule("EDU-003")
def education_not_partner(ctx: RuleContext) -> Iterator[Issue]:
    """The partners are the three of s.16E(3); education is not a fourth. A school, college
    or early years body named in a safeguarding partner role is an error. (No rule ever
    requires a fourth partner.)

    Hint: Record a school, college or early years body as a relevant agency, or under
    `other_members` with its local title (such as "fourth partner").

    Failing::

        partners:
          - {role: local_authority, organisation: havering-schools-forum}  # kind: school

    Passing::

        other_members:
          - {organisation: havering-schools-forum, title: fourth partner}
    """
    arr, day = ctx.arrangement, ctx.as_of
    for i, p in enumerate(arr.partners or ()):
        org = arr.organisation(p.organisation)
        if p.in_force(day) and org is not None and org.kind in _EDUCATION_KINDS:
            yield Issue(
                f"{p.organisation} ({org.kind.value}) is named as a safeguarding partner; "
                "education is not a statutory partner",
                ("partners", i, "organisation"),
                Severity.ERROR,
            )


RULES: tuple[Rule, ...] = (education_included, education_in_strategy, education_not_partner)
