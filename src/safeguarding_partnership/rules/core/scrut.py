"""Independent scrutiny (CA2004 s.16G(3); WT2018 and WT2023); catalogue section E."""

from __future__ import annotations

from collections.abc import Iterator

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.rules.core._facts import surely
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule, unknown
from safeguarding_partnership.rules.settings import wt2023_revision_deadline

__all__ = ["RULES"]


@rule("SCRUT-001", "The arrangements include scrutiny by an independent person")
def independent_scrutiny(ctx: RuleContext) -> Iterator[Issue]:
    """The arrangements must include scrutiny by an independent person of how effective they
    are. Partners may pay that person, but a safeguarding partner cannot scrutinise itself.

    Hint: Record `independent_scrutiny` with the scrutineer (a post) or the body providing it,
    and `independent_of_partners: true`.

    Failing::

        independent_scrutiny: {independent_of_partners: false}

    Passing::

        independent_scrutiny:
          scrutineer: {title: Independent Scrutineer}
          independent_of_partners: true
    """
    arr = ctx.arrangement
    scrutiny = arr.independent_scrutiny
    if scrutiny is None:
        yield unknown("the arrangements for independent scrutiny", ("independent_scrutiny",))
        return
    if scrutiny.scrutineer is None and scrutiny.organisation is None:
        yield unknown(
            "the independent person or body that scrutinises the arrangements",
            ("independent_scrutiny",),
        )
    if scrutiny.independent_of_partners is None:
        yield unknown(
            "whether the scrutineer is independent of the safeguarding partners",
            ("independent_scrutiny", "independent_of_partners"),
        )
    elif scrutiny.independent_of_partners is False:
        yield Issue(
            "the scrutineer is recorded as not independent of the safeguarding partners",
            ("independent_scrutiny", "independent_of_partners"),
        )
    partner_orgs = {p.organisation for p in arr.partners or () if surely(p, ctx.as_of)}
    if scrutiny.organisation is not None and scrutiny.organisation in partner_orgs:
        yield Issue(
            f"scrutiny is provided by {scrutiny.organisation}, a safeguarding partner",
            ("independent_scrutiny", "organisation"),
        )
    post = scrutiny.scrutineer
    if post is not None and post.organisation is not None and post.organisation in partner_orgs:
        yield Issue(
            f"the scrutineer ({post.label}) is a post of {post.organisation}, a safeguarding "
            "partner",
            ("independent_scrutiny", "scrutineer", "organisation"),
        )


@rule(
    "SCRUT-004",
    "The lead safeguarding partners sign off the scrutiny plans with the arrangements (WT2023)",
)
def scrutiny_plan_signed_off(ctx: RuleContext) -> Iterator[Issue]:
    """LSPs sign off the scrutiny plans as part of the arrangements. Checks that a plan is
    recorded and that, where sign-offs are recorded, the arrangements were signed off.
    Who signed is PUB-015's concern.

    Hint: Publish the scrutiny plan (`independent_scrutiny.plan_url`) and record the sign-off
    of the arrangements under `sign_offs`.

    Failing::

        independent_scrutiny: {plan_url: https://example.org/scrutiny-plan}
        sign_offs:
          - {document: budget, date: 2024-04-01}

    Passing::

        sign_offs:
          - {document: arrangements, date: 2024-11-30}
    """
    arr = ctx.arrangement
    scrutiny = arr.independent_scrutiny
    if scrutiny is None or scrutiny.plan_url is None:
        yield unknown("the published scrutiny plan", ("independent_scrutiny", "plan_url"))
    if arr.sign_offs is None:
        yield unknown("sign-off of the arrangements and their scrutiny plans", ("sign_offs",))
    elif not any(
        s.document == "arrangements" and (s.date is None or s.date <= ctx.as_of)
        for s in arr.sign_offs
    ):
        # WT2023 gave areas until about December 2024 to revise their arrangements (PUB-017)
        transition = ctx.as_of <= wt2023_revision_deadline(ctx)
        yield Issue(
            "the arrangements, with their scrutiny plans, are not recorded as signed off by "
            "the lead safeguarding partners"
            + (" (areas were still revising their arrangements for WT2023)" if transition else ""),
            ("sign_offs",),
            Severity.INFO if transition else None,
        )


RULES: tuple[Rule, ...] = (independent_scrutiny, scrutiny_plan_signed_off)
