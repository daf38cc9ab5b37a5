"""Newer law: the Children's Wellbeing and Schools Act 2026 ss.2-3; catalogue section L.

Both rules are law but **not yet in force**: no commencement regulations for ss.2-3 were found
(LATER-003). They run only with ``--include-not-commenced`` or a commencement date under
``rules.commencement``, and every finding says "not yet in force".
"""

from __future__ import annotations

from collections.abc import Iterator

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.model import Membership, OrganisationKind
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.reference import schedule
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, RuleStatus, rule, unknown
from safeguarding_partnership.rules.settings import parameter

__all__ = ["RULES"]

_S2 = "CWSA 2026 s.2, not yet in force"
_S3 = "CA2004 s.16EA inserted by CWSA 2026 s.3, not yet in force"


@rule(
    "LATER-001",
    "Designated childcare and education agencies are in the arrangements",
    status=RuleStatus.NOT_COMMENCED,
)
def designated_agencies(ctx: RuleContext) -> Iterator[Issue]:
    """Not yet in force. Once commenced, the arrangements must cover joint working with the
    relevant agencies that are designated childcare or education agencies (new CA2004
    s.16E(2A)). No designation regulations exist yet, so the designated Schedule categories
    are a parameter (``settings.core.LATER-001.designated_categories``, ids of the Schedule);
    each must have at least one relevant agency in force on the as-of day. Whether every
    such agency in the area is named needs a register of the area's agencies, not checked.

    Hint: Name, as relevant agencies, the childcare and education agencies the Secretary of
    State designates; list the designated categories in
    `settings.core.LATER-001.designated_categories`.

    Failing::

        settings: {core: {LATER-001: {designated_categories: [maintained-school-governing-body]}}}
        relevant_agencies:
          - {organisation: college, category: further-education-institution-governing-body}

    Passing::

        settings: {core: {LATER-001: {designated_categories: [maintained-school-governing-body]}}}
        relevant_agencies: [{organisation: school, category: maintained-school-governing-body}]
    """
    none: tuple[str, ...] = ()
    categories = parameter(ctx, "LATER-001", "designated_categories", none)
    known = schedule()
    strangers = sorted(c for c in categories if c not in known)
    if strangers:
        raise ValueError(
            f"settings.core.LATER-001.designated_categories: not Schedule categories: {strangers}"
        )
    if not categories:
        yield unknown(
            f"which Schedule categories are designated childcare or education "
            f"agencies (no designation regulations yet; {_S2})",
            (),
        )
        return
    agencies = ctx.arrangement.relevant_agencies
    if agencies is None:
        yield unknown(f"the relevant agencies ({_S2})", ("relevant_agencies",))
        return
    present = {a.category for a in agencies if a.in_force(ctx.as_of)}
    for category in categories:
        if category not in present:
            yield Issue(
                f"no relevant agency of the designated category {category} is in the "
                f"arrangements ({_S2})",
                ("relevant_agencies",),
            )


_HEADS: tuple[tuple[str, frozenset[str], frozenset[OrganisationKind]], ...] = (
    (
        "a person with experience of education (nominated by the local authority)",
        frozenset({"education"}),
        frozenset(),
    ),
    (
        "a social worker experienced in children's social work (nominated by the local authority)",
        frozenset({"social_work", "social work", "social_care", "children's social care"}),
        frozenset(),
    ),
    (
        "a registered health professional (nominated by an integrated care board)",
        frozenset({"health"}),
        frozenset({OrganisationKind.INTEGRATED_CARE_BOARD, OrganisationKind.NHS_TRUST}),
    ),
    (
        "a constable or police employee (nominated by the chief officer of police)",
        frozenset({"police"}),
        frozenset({OrganisationKind.CHIEF_OFFICER_OF_POLICE, OrganisationKind.POLICE_COMMAND_UNIT}),
    ),
)


_HEAD_KINDS = frozenset(kind for _, _, kinds in _HEADS for kind in kinds)
"""Kinds of body whose members fill a head by the body's kind (health, police)."""


def _kinds(ctx: RuleContext, member: Membership) -> set[OrganisationKind]:
    refs = {member.organisation, member.post.organisation if member.post else None}
    orgs = (ctx.arrangement.organisation(r) for r in refs if r is not None)
    return {o.kind for o in orgs if o is not None}


@rule(
    "LATER-002",
    "The arrangements set up multi-agency child protection teams",
    status=RuleStatus.NOT_COMMENCED,
)
def child_protection_teams(ctx: RuleContext) -> Iterator[Issue]:
    """Not yet in force. Once commenced, the arrangements must set up one or more
    multi-agency child protection teams for the area (new CA2004 s.16EA), each with at least
    one person experienced in education, one social worker, one registered health professional
    and one constable or police employee (s.16EA(4)). A member counts under a head by its
    ``sector`` tag or, for health and police, by its organisation's kind. The nominating body
    and the requirements of s.16EA(5) onwards (not read) are not checked.

    Hint: List the teams' group ids under `macpts`, each team with members tagged by `sector`
    (education, social_work, health, police).

    Failing::

        macpts: none

    Passing::

        macpts: [macpt]
        groups:
          - id: macpt
            name: Multi-agency child protection team
            kind: other
            reports_to: [exec]
            members:
              - {post: {title: Education lead}, sector: education}
              - {post: {title: Social worker}, sector: social_work}
              - {post: {title: Named nurse}, sector: health}
              - {post: {title: Detective sergeant}, sector: police}
    """
    arr = ctx.arrangement
    if arr.macpts is None:
        yield unknown(f"the multi-agency child protection teams ({_S3})", ("macpts",))
        return
    if not arr.macpts:
        yield Issue(
            f"the arrangements set up no multi-agency child protection team ({_S3})",
            ("macpts",),
        )
        return
    groups = {g.id: (i, g) for i, g in enumerate(arr.groups or ())}
    for j, team_id in enumerate(arr.macpts):
        found = groups.get(team_id)
        if found is None:
            yield unknown(
                f"the members of multi-agency child protection team {team_id}, "
                f"which is not a group in this file ({_S3})",
                ("macpts", j),
            )
            continue
        i, team = found
        if team.members is None:
            yield unknown(
                f"the members of multi-agency child protection team {team_id} ({_S3})",
                ("groups", i, "members"),
            )
            continue
        members = [m for m in team.members if m.in_force(ctx.as_of)]
        # a member of unrecorded sector, unless its body fills a head by its kind, or an
        # incomplete list, may fill any head
        open_ended = not is_complete(team.members) or any(
            m.sector is None and not _kinds(ctx, m) & _HEAD_KINDS for m in members
        )
        missing = [
            head
            for head, sectors, kinds in _HEADS
            if not any(
                (m.sector is not None and m.sector.strip().lower() in sectors)
                or _kinds(ctx, m) & kinds
                for m in members
            )
        ]
        if missing:
            message = (
                f"multi-agency child protection team {team_id} has no {'; no '.join(missing)} "
                f"({_S3})"
            )
            if open_ended:
                yield Issue(
                    f"perhaps {message}: not every member is known",
                    ("groups", i, "members"),
                    Severity.INFO,
                )
            else:
                yield Issue(message, ("groups", i, "members"))


RULES: tuple[Rule, ...] = (designated_agencies, child_protection_teams)
"""The LATER family."""
