"""Leadership: lead representatives (WT2018), lead and delegated safeguarding partners and the
partnership chair (WT2023); catalogue section D.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.model import (
    Arrangement,
    ChairingModel,
    PartnerRole,
    Post,
    SafeguardingPartner,
)
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.rules.core._facts import part_of_chain, surely
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, RuleStatus, rule, unknown

__all__ = ["RULES"]


_LSP_TITLES: dict[PartnerRole, tuple[str, ...]] = {
    PartnerRole.LOCAL_AUTHORITY: ("chief executive", "managing director", "head of paid service"),
    PartnerRole.INTEGRATED_CARE_BOARD: ("chief executive",),
    PartnerRole.CLINICAL_COMMISSIONING_GROUP: ("accountable officer", "chief executive"),
    PartnerRole.CHIEF_OFFICER_OF_POLICE: ("chief constable", "commissioner"),
}
"""Words expected in the lead's post title (WT2023 ch.2 para 48; LEAD-002). The wording was
amended on 23 February 2024 and the amended text was not read, so the match is loose and a
mismatch is a warning to review, never an error. "Managing director" and "head of paid service"
are included because some councils give their chief executive those titles (our reading)."""


def _in_force(arr: Arrangement, ctx: RuleContext) -> list[tuple[int, SafeguardingPartner]]:
    return [(i, p) for i, p in enumerate(arr.partners or ()) if p.in_force(ctx.as_of)]


def _belongs(arr: Arrangement, post: Post, org_id: str) -> bool | None:
    """Whether a post belongs to an organisation or one of its units; ``None`` if unknown
    (no body recorded for the post, or a body not recorded as part of none; see
    :func:`part_of_chain`)."""
    if post.organisation is None:
        return None
    chain, known = part_of_chain(arr, post.organisation)
    if org_id in chain:
        return True
    return False if known else None


def _lead_not_of_partner(
    arr: Arrangement, i: int, partner: SafeguardingPartner, lead: Post, what: str, *, labelled: bool
) -> Iterator[Issue]:
    """The partner's ``lead`` post (``what``) belongs to another body, or is not known to
    belong to the partner; ``labelled`` names the post in the issue too."""
    path = ("partners", i, "lead", "organisation")
    belongs = _belongs(arr, lead, partner.organisation)
    if belongs is False:
        shown = f" ({lead.label})" if labelled else ""
        yield Issue(
            f"{what} of {partner.organisation}{shown} is a post of {lead.organisation}, "
            "not of the partner",
            path,
        )
    elif belongs is None and lead.organisation is not None:
        yield unknown(
            f"whether {what} of {partner.organisation} ({lead.label}), a post of "
            f"{lead.organisation}, is a post of the partner: {lead.organisation} is recorded "
            "neither as part of it nor as part of none",
            path,
        )


def _each_lead(
    ctx: RuleContext,
    what: str,
    check: Callable[[int, SafeguardingPartner, Post], Iterator[Issue]],
) -> Iterator[Issue]:
    """For each partner in force: "not recorded" when its ``lead`` post (``what``) is
    unknown, else ``check``'s issues about the post."""
    for i, p in _in_force(ctx.arrangement, ctx):
        if p.lead is None:
            yield unknown(f"{what} of {p.organisation}", ("partners", i, "lead"))
        else:
            yield from check(i, p, p.lead)


@rule("LEAD-001", "Each partner names its lead representative (WT2018)")
def lead_representatives(ctx: RuleContext) -> Iterator[Issue]:
    """WT2018 names each partner's lead representative, who may delegate but stays
    accountable. This checks a lead is named and is a post of that partner; seniority cannot
    be tested.

    Hint: Give each partner a `lead` post in that partner's own organisation: the local
    authority chief executive, the CCG accountable officer (later ICB chief executive) or the
    chief officer of police.

    Failing::

        partners:
          - role: local_authority
            organisation: havering-council
            lead: {title: Chief Executive, organisation: nel-ccg}

    Passing::

        partners:
          - role: local_authority
            organisation: havering-council
            lead: {title: Chief Executive, organisation: havering-council}
    """
    what = "the lead representative"

    def of_partner(i: int, p: SafeguardingPartner, lead: Post) -> Iterator[Issue]:
        return _lead_not_of_partner(ctx.arrangement, i, p, lead, what, labelled=True)

    yield from _each_lead(ctx, what, of_partner)


@rule("LEAD-002", "Each partner's lead safeguarding partner is the head of the agency (WT2023)")
def lead_safeguarding_partners(ctx: RuleContext) -> Iterator[Issue]:
    """WT2023 designates the head of each partner agency as its lead safeguarding partner
    (LSP). Post titles are compared loosely with the expected ones.

    Hint: Name the lead safeguarding partner: the council chief executive, the ICB chief
    executive, the chief constable (in London, the Metropolitan Police Commissioner or the City
    of London Police Commissioner). If your title differs, waive with a reason.

    Failing::

        partners:
          - role: local_authority
            organisation: havering-council
            lead: {title: Director of Children's Services, organisation: havering-council}

    Passing::

        partners:
          - role: local_authority
            organisation: havering-council
            lead: {title: Chief Executive, organisation: havering-council}
    """
    what = "the lead safeguarding partner"

    def head_of_agency(i: int, p: SafeguardingPartner, lead: Post) -> Iterator[Issue]:
        expected = _LSP_TITLES[p.role]
        if lead.title is None:
            yield unknown(
                f"the title of {what} of {p.organisation}", ("partners", i, "lead", "title")
            )
        elif not any(word in lead.title.lower() for word in expected):
            yield Issue(
                f"{what} of {p.organisation} is titled {lead.title!r}; WT2023 expects the head "
                f"of the agency ({' or '.join(expected)})",
                ("partners", i, "lead", "title"),
            )
        else:
            yield from _lead_not_of_partner(ctx.arrangement, i, p, lead, what, labelled=False)

    yield from _each_lead(ctx, what, head_of_agency)


def _post_key(post: Post) -> str:
    if post.id:
        return post.id
    return f"{(post.title or '').lower()}@{(post.name or '').lower()}@{post.organisation or ''}"


@rule(
    "LEAD-004",
    "Each lead safeguarding partner appoints one delegated safeguarding partner (WT2023)",
)
def one_delegated_partner(ctx: RuleContext) -> Iterator[Issue]:
    """Each LSP should appoint one delegated safeguarding partner (DSP) for their agency.
    Checks presence and number per partner organisation; seniority cannot be tested.

    Hint: Give each partner exactly one `delegates` post: its delegated safeguarding partner.

    Failing::

        partners:
          - {role: integrated_care_board, organisation: nel-icb, delegates: none}

    Passing::

        partners:
          - role: integrated_care_board
            organisation: nel-icb
            delegates: [{title: Chief Nurse, organisation: nel-icb}]
    """
    arr = ctx.arrangement
    by_org: dict[str, list[tuple[int, SafeguardingPartner]]] = {}
    for i, p in _in_force(arr, ctx):
        by_org.setdefault(p.organisation, []).append((i, p))
    for org, entries in sorted(by_org.items()):
        first = min(i for i, _ in entries)
        if all(p.delegates is None for _, p in entries):
            yield unknown(
                f"the delegated safeguarding partner of {org}", ("partners", first, "delegates")
            )
            continue
        posts = [d for _, p in entries for d in p.delegates or () if d.in_force(ctx.as_of)]
        if not posts:
            if any(p.delegates is None or not is_complete(p.delegates) for _, p in entries):
                yield unknown(
                    f"the delegated safeguarding partner of {org}: the list is not complete",
                    ("partners", first, "delegates"),
                )
                continue
            yield Issue(
                f"{org} has no delegated safeguarding partner on {ctx.as_of}",
                ("partners", first, "delegates"),
            )
            continue
        # two or more only when two posts are surely different, surely in force, of partner
        # entries surely in force
        sure = [
            d
            for _, p in entries
            if surely(p, ctx.as_of)
            for d in p.delegates or ()
            if surely(d, ctx.as_of)
        ]
        distinct = {_post_key(d): d for d in sure}
        if len(distinct) > 1 and any(
            _different(a, b) for a, b in combinations(distinct.values(), 2)
        ):
            titles = "; ".join(sorted(d.label for d in distinct.values()))
            yield Issue(
                f"{org} has {len(distinct)} delegated safeguarding partners ({titles}); WT2023 "
                "expects one per agency",
                ("partners", first, "delegates"),
            )


def _different(a: Post, b: Post) -> bool:
    """Whether two posts are surely different posts (an unknown title or body may match)."""
    if a.id is not None or b.id is not None:
        return a.id != b.id
    if a.title is not None and b.title is not None and a.title.lower() != b.title.lower():
        return True
    return (
        a.organisation is not None
        and b.organisation is not None
        and (a.organisation != b.organisation)
    )


@rule(
    "LEAD-005",
    "The partnership chair is drawn from the delegated safeguarding partners (WT2023)",
    status=RuleStatus.PREVIEW,
)
def partnership_chair(ctx: RuleContext) -> Iterator[Issue]:
    """WT2023 created a partnership chair; in practice areas draw it from the delegated
    safeguarding partners and move the independent person to scrutiny. What the guidance
    says on eligibility was not read (catalogue: U), so this is a preview rule and warns
    rather than fails when the chair is independent or also the scrutineer. Each recorded chair
    post that is none of the named delegated safeguarding partners is warned of too, whatever
    the chairing model (so a file that does not know the model is told no more).

    Hint: Record `chair` with its posts; if the chair is independent or is also the scrutineer,
    check the local reading of WT2023 and waive this rule with the reason.

    Failing::

        chair: {model: independent}

    Passing::

        partners:
          - role: local_authority
            organisation: havering-council
            delegates: [{id: havering-dcs, title: Director of Children's Services}]
        chair:
          model: partner
          posts: [{id: havering-dcs, title: Director of Children's Services}]
    """
    arr = ctx.arrangement
    chair = arr.chair
    if chair is None:
        yield unknown("the partnership chair", ("chair",))
        return
    if chair.model in (ChairingModel.INDEPENDENT, ChairingModel.SCRUTINEER):
        yield Issue(
            f"the partnership chair is {chair.model.value}; in practice WT2023 chairs are "
            "drawn from the delegated safeguarding partners",
            ("chair", "model"),
        )
    scrutiny = arr.independent_scrutiny
    if (
        scrutiny is not None
        and scrutiny.chairs_partnership
        and chair.model is not (ChairingModel.SCRUTINEER)
    ):
        yield Issue(
            "the independent scrutineer also chairs the partnership",
            ("independent_scrutiny", "chairs_partnership"),
        )
    if chair.posts is None:
        return
    partners = _in_force(arr, ctx)
    if all(p.delegates is None for _, p in partners):
        yield unknown(
            "the delegated safeguarding partners, so whether the chair is one "
            "of them cannot be told",
            ("chair", "posts"),
        )
        return
    dsps = [d for _, p in partners for d in p.delegates or ()]
    ids = {d.id for d in dsps if d.id}
    # a delegate whose title is not recorded may be the chair
    open_ended = any(d.title is None for d in dsps) or any(
        not is_complete(p.delegates) for _, p in partners
    )  # a partner whose delegates are unknown, or not all listed, may have the chair among them
    for k, post in enumerate(chair.posts):
        if post.id in ids or any(_same_title(post, d) for d in dsps):
            continue
        message = (
            f"the partnership chair {post.id or post.label!r} is not one of the named "
            "delegated safeguarding partners"
        )
        if open_ended or post.title is None:
            yield cannot_know(message, ("chair", "posts", k))
        else:
            yield Issue(message, ("chair", "posts", k))


def _same_title(post: Post, delegate: Post) -> bool:
    """Whether a chair post matches a delegate by title (and body, where both are known)."""
    if post.title is None or delegate.title is None or post.title.lower() != delegate.title.lower():
        return False
    return (
        post.organisation is None
        or delegate.organisation is None
        or (post.organisation == delegate.organisation)
    )


def cannot_know(message: str, path: tuple[str | int, ...]) -> Issue:
    """``message`` as information: what is recorded cannot rule it out."""
    return Issue(f"perhaps {message}: not all delegates are known", path, Severity.INFO)


RULES: tuple[Rule, ...] = (
    lead_representatives,
    lead_safeguarding_partners,
    one_delegated_partner,
    partnership_chair,
)
