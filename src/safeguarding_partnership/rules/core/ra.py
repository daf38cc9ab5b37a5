"""Relevant agencies (CA2004 s.16E(1)(b), s.16G(4); SI 2018/789 reg.18 and Schedule); section B.

A relevant agency's ``category`` is a Schedule id; unknown categories are the loader's
concern, not these rules'.
"""

from __future__ import annotations

from collections.abc import Iterator

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core._facts import bound_organisations
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule, unknown

__all__ = ["RULES"]


@rule("RA-001", "A relevant agency exercises functions in relation to children in the area")
def works_in_area(ctx: RuleContext) -> Iterator[Issue]:
    """A body is a relevant agency for an area only if it is of a Schedule description and
    exercises functions in relation to children in that area. The Schedule part is checked
    when the file is loaded; this checks the area part on the as-of day.

    Hint: Give the agency's `areas` within the footprint, or leave `areas` out if it works with
    children in every area.

    Failing (the agency works only in an area that left the footprint)::

        areas:
          - {code: E09000016}
          - {code: E09000002, valid_to: 2020-03-31}
        relevant_agencies:
          - {organisation: bd-college, category: further-education-institution-governing-body,
             areas: [E09000002]}

    Passing::

        relevant_agencies:
          - {organisation: havering-college, category: further-education-institution-governing-body,
             areas: [E09000016]}
    """
    arr, day = ctx.arrangement, ctx.as_of
    in_force = {a.code for a in arr.areas_on(day)}
    for i, agency in enumerate(arr.relevant_agencies or ()):
        if not agency.in_force(day) or agency.areas is None:
            continue
        if not set(agency.areas) & in_force:
            where = ", ".join(agency.areas) if agency.areas else "no area"
            yield Issue(
                f"relevant agency {agency.key} works with children in {where}, none of which "
                f"is in the footprint on {day}, so it is not a relevant agency for the area",
                ("relevant_agencies", i, "areas"),
                Severity.ERROR,
            )


@rule("RA-003", "The partners' choice of relevant agencies is recorded")
def agencies_recorded(ctx: RuleContext) -> Iterator[Issue]:
    """Partners include the relevant agencies they consider appropriate; no agency is
    mandatory, so an empty list is compliant. Only an unrecorded choice is noted.

    Hint: List the relevant agencies the partners chose under `relevant_agencies` (or `none`).

    Failing (not recorded: the file has no relevant_agencies key)::

        name: A partnership

    Passing::

        relevant_agencies: none
    """
    if ctx.arrangement.relevant_agencies is None:
        yield unknown("the relevant agencies the partners chose", ("relevant_agencies",))


@rule("RA-004", "The arrangements say why each relevant agency was chosen and how it collaborates")
def agencies_explained(ctx: RuleContext) -> Iterator[Issue]:
    """Published arrangements should name the relevant agencies, say why they were chosen and
    how they will collaborate. Runs under WT2018 only: that WT2023 keeps the exact wording
    is unverified (catalogue: U).

    Hint: Give each relevant agency a `reason` and a `collaboration`, and set
    `contents.relevant_agencies` to where the published arrangements list them.

    Failing::

        contents: {relevant_agencies: false}

    Passing::

        contents: {relevant_agencies: "Appendix B"}
        relevant_agencies:
          - {organisation: havering-college, category: further-education-institution-governing-body,
             reason: "post-16 provider for most local young people",
             collaboration: "member of the education subgroup"}
    """
    arr, day = ctx.arrangement, ctx.as_of
    listed = None if arr.contents is None else arr.contents.relevant_agencies
    if listed is False:
        yield Issue(
            "the published arrangements do not set out the relevant agencies",
            ("contents", "relevant_agencies"),
        )
    for i, agency in enumerate(arr.relevant_agencies or ()):
        if not agency.in_force(day):
            continue
        for field, what in (
            ("reason", "why it was chosen"),
            ("collaboration", "how it collaborates"),
        ):
            value = getattr(agency, field)
            if value is None:
                yield unknown(
                    f"{what}, for relevant agency {agency.key}", ("relevant_agencies", i, field)
                )
            elif not value:
                yield Issue(
                    f"relevant agency {agency.key}: the arrangements do not say {what}",
                    ("relevant_agencies", i, field),
                )


@rule("RA-005", "Participants outside the Schedule are not bound by the arrangements")
def unbound_participants(ctx: RuleContext) -> Iterator[Issue]:
    """Partners may involve any organisation, but only safeguarding partners and relevant
    agencies (Schedule bodies) must act in accordance with the arrangements (s.16G(4)). Other
    members and group members that are neither are noted as not statutorily bound.

    Hint: If the body is of a Schedule description, name it as a relevant agency; otherwise it
    takes part voluntarily and is not bound to act in accordance with the arrangements.

    Flagged (information)::

        other_members:
          - {organisation: diocese, title: faith champion}

    Quiet::

        relevant_agencies:
          - {organisation: diocese, category: religious-organisation}
    """
    arr, day = ctx.arrangement, ctx.as_of
    bound = bound_organisations(arr)
    seen: set[str] = set()

    def note(org: str | None, path: tuple[str | int, ...]) -> Iterator[Issue]:
        if org is None or org in bound or org in seen or ":" in org:
            return
        seen.add(org)
        yield Issue(
            f"{org} takes part but is neither a safeguarding partner nor a relevant agency: "
            "it is not bound by s.16G(4) to act in accordance with the arrangements",
            path,
            Severity.INFO,
        )

    for i, participant in enumerate(arr.participants or ()):
        if participant.in_force(day):
            yield from note(participant.organisation, ("participants", i))
    for i, m in enumerate(arr.other_members or ()):
        if m.in_force(day):
            yield from note(m.body, ("other_members", i))
    for gi, g in sorted(enumerate(arr.groups or ()), key=lambda x: x[1].id):
        if not g.in_force(day):
            continue
        for mi, member in enumerate(g.members or ()):
            if member.in_force(day):
                yield from note(member.body, ("groups", gi, "members", mi))


RULES: tuple[Rule, ...] = (
    works_in_area,
    agencies_recorded,
    agencies_explained,
    unbound_participants,
)
