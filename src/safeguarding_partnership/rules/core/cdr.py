"""Child death review arrangements (CA2004 ss.16M-16Q; WT2018 ch.5); section J."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from dateutil.relativedelta import relativedelta

from safeguarding_partnership.findings import PathPart
from safeguarding_partnership.law import Regime
from safeguarding_partnership.model import Arrangement, OrganisationKind
from safeguarding_partnership.model.common import is_complete
from safeguarding_partnership.model.dates import Day, earliest, latest
from safeguarding_partnership.reference import health_partners_for
from safeguarding_partnership.rules.core._facts import gaps, judged
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, rule, unknown
from safeguarding_partnership.rules.settings import parameter

__all__ = ["NOT_RECORDED", "RULES"]

MIN_DEATHS_PER_YEAR = 60
"""CDR-007: a footprint reviewing at least about 60 child deaths a year (configurable)."""

_POLICE = (OrganisationKind.CHIEF_OFFICER_OF_POLICE, OrganisationKind.POLICE_COMMAND_UNIT)


NOT_RECORDED = unknown("the child death review arrangements", ("child_death_review",))
"""What CDR-001 says when ``child_death_review`` is unknown; the other CDR rules stay silent."""


def _codes(arr: Arrangement, refs: tuple[str, ...]) -> set[str]:
    """ONS and ODS codes of the declared organisations among ``refs``."""
    codes: set[str] = set()
    for ref in refs:
        org = arr.organisation(ref)
        if org is not None:
            codes.update(c for c in (org.ons_code, org.ods_code) if c)
    return codes


def _fact(
    ctx: RuleContext,
    field: str,
    what: str,
    check: Callable[[Any, tuple[PathPart, ...]], Iterator[Issue]] | None = None,
) -> Iterator[Issue]:
    """How the CDR rules after CDR-001 read one fact of ``child_death_review``: silent when
    the arrangements themselves are unknown (CDR-001 says that once), "not recorded" (``what``)
    when ``field`` is unknown, else ``check``'s issues about the recorded value, given with
    the field's path."""
    cdr = ctx.arrangement.child_death_review
    if cdr is None:
        return
    path: tuple[PathPart, ...] = ("child_death_review", field)
    value = getattr(cdr, field)
    if value is None:
        yield unknown(what, path)
    elif check is not None:
        yield from check(value, path)


@rule("CDR-001", "The child death review partners are the local authority and the health bodies")
def cdr_partners(ctx: RuleContext) -> Iterator[Issue]:
    """For each local authority area the child death review partners are the local authority
    and every health commissioning body any part of whose area falls in it (an ICB from
    1 July 2022, a CCG before). The police are not child death review partners. Checked for
    the arrangement's areas on the as-of day, against the packaged coverage data; bodies are
    matched by their ONS or ODS code. A definition, so findings are information.

    Hint: List under `child_death_review.partners` each local authority and every ICB (CCG
    before 1 July 2022) overlapping the area; the police are not child death review partners.

    Failing::

        child_death_review: {partners: [havering-council, met]}

    Passing::

        child_death_review: {partners: [havering-council, nel-icb]}
    """
    cdr = ctx.arrangement.child_death_review
    if cdr is None:
        yield NOT_RECORDED
        return
    arr = ctx.arrangement
    if cdr.partners is None:
        yield unknown("the child death review partners", ("child_death_review", "partners"))
        return
    codes = _codes(arr, cdr.partners)
    for j, ref in enumerate(cdr.partners):
        org = arr.organisation(ref)
        if org is not None and org.kind in _POLICE:
            yield Issue(
                f"{ref} is listed as a child death review partner, but the police are not "
                "child death review partners",
                ("child_death_review", "partners", j),
            )
    for area in arr.areas_on(ctx.as_of):
        if cdr.footprint is not None and area.code not in cdr.footprint:
            continue
        if area.code not in codes:
            yield Issue(
                f"the local authority for {area.code} is not a recorded child death review partner",
                ("child_death_review", "partners"),
            )
        for body in health_partners_for(area.code, ctx.as_of):
            if body.ons_code not in codes and body.ods_code not in codes:
                yield Issue(
                    f"{body.name} ({body.ods_code}) covers part of {area.code} on "
                    f"{ctx.as_of} but is not a recorded child death review partner",
                    ("child_death_review", "partners"),
                )


@rule("CDR-004", "The child death review report is published at the chosen interval")
def cdr_reports(ctx: RuleContext) -> Iterator[Issue]:
    """The child death review partners must publish a report on what they did and how
    effective their arrangements were, at intervals they choose; there is no fixed 12-month
    rule. So the gaps are checked only against an interval the file configures
    (``settings: {core: {CDR-004: {interval_months: 12}}}``), from the day the arrangements
    took effect; without one only unknown report dates are noted.

    Hint: Publish the child death review report and record the dates under
    `child_death_review.reports`; set the interval in `settings.core.CDR-004.interval_months`.

    Failing (as of 2022-01-01)::

        settings: {core: {CDR-004: {interval_months: 12}}}
        valid_from: 2019-09-29
        child_death_review: {reports: [2020-09-01]}

    Passing::

        settings: {core: {CDR-004: {interval_months: 12}}}
        valid_from: 2019-09-29
        child_death_review: {reports: [2020-09-01, 2021-08-31]}
    """
    interval = parameter(ctx, "CDR-004", "interval_months", 0)
    arr = ctx.arrangement

    def late(reports: tuple[Day, ...], path: tuple[PathPart, ...]) -> Iterator[Issue]:
        if not interval:
            return
        end, end_latest = ctx.as_of, ctx.as_of
        if arr.valid_to is not None:
            end, end_latest = min(earliest(arr.valid_to), end), min(latest(arr.valid_to), end)
        start = arr.valid_from
        dated = [
            (k, "the report", day)
            for k, day in enumerate(reports)
            if earliest(day) <= end_latest and (start is None or latest(day) >= earliest(start))
        ]
        took_effect = None if start is None else ("the arrangements took effect", start)
        unlisted = "" if is_complete(reports) else "reports"
        for gap in gaps(took_effect, dated, end, end_latest, relativedelta(months=interval)):
            what, since = gap.since
            if gap.day is None:
                message = (
                    f"no child death review report was published in the {interval} months "
                    f"after {what} on {since} (checked to {end})"
                )
            else:
                message = (
                    f"the child death review report of {gap.day} was published more than "
                    f"{interval} months after {what} on {since}"
                )
            yield from judged(gap.holds, message, path, unlisted=unlisted)

    yield from _fact(ctx, "reports", "when the child death review report was published", late)


@rule("CDR-005", "The child death review footprint covers the arrangement's areas")
def cdr_footprint(ctx: RuleContext) -> Iterator[Issue]:
    """Child death review partners for two or more areas may agree to be treated as one
    area, so the child death review footprint is often wider than the safeguarding one. A
    power, so findings are information: an area of the arrangement outside the recorded
    footprint has its child deaths reviewed somewhere this file does not say.

    Hint: Record `child_death_review.footprint`: the areas the child death review arrangements
    cover.

    Failing::

        areas: [{code: E09000016}]
        child_death_review: {footprint: [E09000002]}

    Passing::

        areas: [{code: E09000016}]
        child_death_review: {footprint: [E09000002, E09000016, E09000026]}
    """

    def outside(footprint: tuple[str, ...], path: tuple[PathPart, ...]) -> Iterator[Issue]:
        for area in ctx.arrangement.areas_on(ctx.as_of):
            if area.code not in footprint:
                yield Issue(f"area {area.code} is not in the child death review footprint", path)

    yield from _fact(
        ctx, "footprint", "the areas the child death review arrangements cover", outside
    )


@rule(
    "CDR-007",
    "The child death overview panel reviews at least about 60 deaths a year",
    regimes=[Regime.WT2018, Regime.WT2023],  # the catalogue's "WT2018 (continues)"
)
def cdop_size(ctx: RuleContext) -> Iterator[Issue]:
    """Child death review areas should be drawn so that the panel reviews at least about 60
    child deaths a year. The threshold is a parameter (``settings.core.CDR-007.min_deaths``,
    default 60).

    Hint: Draw the child death review area (often combining areas) so that the panel reviews at
    least about 60 deaths a year.

    Failing::

        child_death_review: {deaths_per_year: 25}

    Passing::

        child_death_review: {deaths_per_year: 75}
    """
    minimum = parameter(ctx, "CDR-007", "min_deaths", MIN_DEATHS_PER_YEAR)

    def fewer(deaths: int, path: tuple[PathPart, ...]) -> Iterator[Issue]:
        if deaths < minimum:
            yield Issue(
                f"the child death review footprint reviews {deaths} deaths a year, "
                f"fewer than about {minimum}",
                path,
            )

    yield from _fact(
        ctx, "deaths_per_year", "how many child deaths the panel reviews a year", fewer
    )


@rule(
    "CDR-008",
    "The child death review arrangements are published",
    # The catalogue names WT2018 only; kept under WT2023 as CDR-007 is (it only says "not
    # recorded"). The catalogue does not say whether the expectation continues.
    regimes=[Regime.WT2018, Regime.WT2023],
)
def cdr_published(ctx: RuleContext) -> Iterator[Issue]:
    """Child death review partners should publish their arrangements. The model cannot
    record "not published" (an absent address is unknown), so this rule only says when the
    address is not recorded.

    Hint: Record `child_death_review.published_url`.

    Not recorded::

        child_death_review: {panel: cdop}

    Passing::

        child_death_review: {published_url: https://example.org/cdr}
    """
    yield from _fact(
        ctx, "published_url", "where the child death review arrangements are published"
    )


RULES: tuple[Rule, ...] = (cdr_partners, cdr_reports, cdr_footprint, cdop_size, cdr_published)
"""The CDR family."""
