"""What the published arrangements contain (CA2004 s.16G; WT2018 ch.3; WT2023 ch.2); section C.

PUB-004 to PUB-014 are the rows of the catalogue's table of further contents WT2018 expects
(WT2018 ch.3, "Publication of arrangements", pp.78-79). Each is made by :func:`_contents_rule`
from one row, so the table and the rules cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from safeguarding_partnership.law import (
    FIRST_PUBLICATION_DEADLINE,
    IMPLEMENTATION_DEADLINE,
    STATUTE_START,
    WT2023_START,
)
from safeguarding_partnership.model import (
    Arrangement,
    GuidanceEdition,
)
from safeguarding_partnership.model.dates import earliest, latest
from safeguarding_partnership.reference.catalogue import entry
from safeguarding_partnership.reference.contents import CONTENTS
from safeguarding_partnership.rules.core._facts import (
    cannot_tell,
    judged,
    missing_signatory_roles,
    set_out,
    within,
)
from safeguarding_partnership.rules.rule import Issue, Rule, RuleContext, RuleStatus, rule, unknown
from safeguarding_partnership.rules.settings import parameter, wt2023_revision_deadline

__all__ = ["CONTENTS_ITEMS", "RULES"]


def _publication_days(arrangement: Arrangement) -> list[dt.date]:
    """Every recorded day of publication of the arrangements (each perhaps a month)."""
    docs = arrangement.documents
    recorded = docs.arrangements.date if docs is not None and docs.arrangements else None
    candidates = (arrangement.first_published, arrangement.published, recorded)
    return [d for d in candidates if d is not None]


def _said_published(arrangement: Arrangement) -> bool | None:
    """What ``documents.arrangements`` says of publication, if anything."""
    docs = arrangement.documents
    if docs is None or docs.arrangements is None:
        return None
    return docs.arrangements.is_published


@rule("PUB-001", "The arrangements are published")
def arrangements_published(ctx: RuleContext) -> Iterator[Issue]:
    """The partners must publish their s.16E and s.16F arrangements.

    Arrangements in effect on the as-of day (``valid_from`` on or before it) that were first
    published only after it were unpublished on that day. The first arrangements had until
    29 June 2019 (PUB-002), so nothing is said before then. An unknown date or address is
    only "not recorded".

    Hint: Record `published` (the day) and `published_url` (where) of the arrangements.

    Failing (as of 2020-01-01)::

        valid_from: 2019-09-29
        first_published: 2020-03-01
        published: 2020-03-01

    Passing::

        valid_from: 2019-09-29
        first_published: 2019-06-28
        published: 2019-06-28
        published_url: https://example.org/arrangements
    """
    arr = ctx.arrangement
    said = _said_published(arr)
    docs = arr.documents
    url = arr.published_url or (docs.arrangements.url if docs and docs.arrangements else None)
    if url is None and said is not False:
        yield unknown("where the arrangements are published", ("published_url",))
    days = _publication_days(arr)
    start = arr.valid_from
    surely_in_effect = start is not None and latest(start) <= ctx.as_of
    maybe_in_effect = start is not None and earliest(start) <= ctx.as_of
    if said is False:
        if surely_in_effect and ctx.as_of > FIRST_PUBLICATION_DEADLINE:
            yield Issue(
                f"the arrangements have been in effect since {start} but are recorded as not "
                "published",
                ("documents", "arrangements", "published"),
            )
        return
    if not days:
        if said is None:
            yield unknown("the day the arrangements were published", ("published",))
        return
    first_early = min(earliest(d) for d in days)
    first_late = min(latest(d) for d in days)
    first = min(days, key=lambda d: (latest(d), earliest(d)))
    if not maybe_in_effect or ctx.as_of <= FIRST_PUBLICATION_DEADLINE or first_late <= ctx.as_of:
        return
    message = (
        f"the arrangements were in effect from {start} but not published until {first}, "
        f"after {ctx.as_of}"
    )
    late = True if surely_in_effect and first_early > ctx.as_of else None
    yield from judged(late, message, ("published",))


@rule(
    "PUB-002",
    "Arrangements published by 29 June 2019 and in place by 29 September 2019",
    valid_from=STATUTE_START,  # the catalogue's Effective: 29 Jun 2018 – 29 Sep 2019
    valid_to=IMPLEMENTATION_DEADLINE,
)
def transitional_deadlines(ctx: RuleContext) -> Iterator[Issue]:
    """The first arrangements were due for publication by 29 June 2019 and in place by
    29 September 2019. In force only during the transition (29 June 2018 to 29 September
    2019), so check historical arrangements with ``--as-of`` in that window.

    The publication deadline passes at the end of 29 June 2019. The implementation test
    applies on 29 September 2019 itself: arrangements must be in effect on that day.

    Hint: Record `first_published` (first publication under the 2017 Act) and `valid_from` (the
    day the arrangements took effect).

    Failing (as of 2019-07-01)::

        first_published: 2019-07-15

    Passing::

        first_published: 2019-06-28
        valid_from: 2019-09-29
    """
    arr = ctx.arrangement
    first = arr.first_published
    if (
        first is None
        and arr.published is not None
        and earliest(arr.published) <= FIRST_PUBLICATION_DEADLINE
    ):
        first = arr.published
    if ctx.as_of > FIRST_PUBLICATION_DEADLINE:
        if first is None:
            yield unknown("the day the arrangements were first published", ("first_published",))
        elif latest(first) > FIRST_PUBLICATION_DEADLINE:
            message = (
                f"the arrangements were first published on {first}, after the deadline of "
                f"{FIRST_PUBLICATION_DEADLINE}"
                if latest(first) <= ctx.as_of
                else f"the arrangements were not published by the deadline of "
                f"{FIRST_PUBLICATION_DEADLINE} (first published {first})"
            )
            late = True if earliest(first) > FIRST_PUBLICATION_DEADLINE else None
            yield from judged(late, message, ("first_published",))
    if ctx.as_of >= IMPLEMENTATION_DEADLINE:
        if arr.valid_from is None:
            yield unknown("the day the arrangements took effect", ("valid_from",))
        elif latest(arr.valid_from) > IMPLEMENTATION_DEADLINE:
            message = (
                f"the arrangements took effect on {arr.valid_from}, after the implementation "
                f"deadline of {IMPLEMENTATION_DEADLINE}"
            )
            late = True if earliest(arr.valid_from) > IMPLEMENTATION_DEADLINE else None
            yield from judged(late, message, ("valid_from",))


_STATUTORY_PARTS = tuple((i.field, i.finding) for i in CONTENTS if i.code == "PUB-003")
"""The parts of PUB-003: ``Contents`` field, the item."""


@rule("PUB-003", "The published arrangements include the three statutory components")
def statutory_components(ctx: RuleContext) -> Iterator[Issue]:
    """The published arrangements must set out joint working to identify and respond to
    children's needs, the review of serious cases, and independent scrutiny.

    Hint: Set out, under `contents`, where the arrangements cover each statutory component.

    Failing::

        contents: {needs_identification_and_response: true, serious_case_review: false,
                   independent_scrutiny: true}

    Passing::

        contents: {needs_identification_and_response: true, serious_case_review: true,
                   independent_scrutiny: "section 5"}
    """
    contents = ctx.arrangement.contents
    if contents is None:
        yield unknown("what the published arrangements set out", ("contents",))
        return
    for field, what in _STATUTORY_PARTS:
        yield from set_out(
            contents,
            field,
            unrecorded=f"not recorded: whether the published arrangements set out {what}",
            missing=f"the published arrangements do not set out {what}",
        )


_CONTENTS_TABLE = tuple((i.code, i.field, i.finding) for i in CONTENTS if i.code != "PUB-003")
"""The table PUB-004 to PUB-014: code, ``Contents`` field, the item."""

CONTENTS_ITEMS: tuple[tuple[str, str, str, str], ...] = tuple(
    (code, field, what, entry(code).confidence) for code, field, what in _CONTENTS_TABLE
)
"""The same table with each row's confidence, from the catalogue."""


def _contents_rule(code: str, field: str, what: str, confidence: str) -> Rule:
    recalled = "U" in confidence

    def check(ctx: RuleContext) -> Iterator[Issue]:
        yield from set_out(
            ctx.arrangement.contents,
            field,
            unrecorded=f"not recorded: whether the arrangements set out {what}",
            missing=f"the published arrangements do not set out {what}",
        )

    preview = "Preview: recalled from WT2018 and only partly confirmed (S/U).\n" if recalled else ""
    check.__doc__ = f"""The published arrangements should set out {what} (WT2018 ch.3).
    {preview}
    Hint: Record under `contents.{field}` where the arrangements cover this.

    Failing::

        contents: {{{field}: false}}

    Passing::

        contents: {{{field}: "https://example.org/arrangements#{field}"}}
    """
    return rule(
        code,
        f"The published arrangements set out {what}",
        status=RuleStatus.PREVIEW if recalled else RuleStatus.STABLE,
    )(check)


_CONTENTS_RULES = tuple(_contents_rule(*item) for item in CONTENTS_ITEMS)

_SIGNED_DOCUMENTS = ("arrangements", "budget", "threshold")


@rule(
    "PUB-015",
    "The lead safeguarding partners sign off the arrangements, budget and threshold document",
)
def lead_partners_sign_off(ctx: RuleContext) -> Iterator[Issue]:
    """Under WT2023 the three lead safeguarding partners jointly sign off the published
    arrangements, the shared budget and the threshold document (the yearly report is
    REPORT-006). Expected of arrangements that say they follow WT2023; any sign-off recorded
    must carry a signatory from each partner role (local authority, health, police).

    Hint: Add `sign_offs` for the arrangements, the budget and the threshold document, naming
    each partner body whose lead safeguarding partner signed.

    Failing::

        guidance_edition: WT2023
        sign_offs:
          - {document: arrangements, date: 2024-11-01, by: [havering-council, nel-icb]}  # no police

    Passing::

        guidance_edition: WT2023
        sign_offs:
          - {document: arrangements, date: 2024-11-01, by: [havering-council, nel-icb, met]}
          - {document: budget, date: 2024-04-01, by: [havering-council, nel-icb, met]}
          - {document: threshold, date: 2024-11-01, by: [havering-council, nel-icb, met]}
    """
    arr = ctx.arrangement
    sign_offs = arr.sign_offs
    follows_wt2023 = arr.guidance_edition is GuidanceEdition.WT2023
    if sign_offs is None:
        if follows_wt2023:
            yield unknown("sign-offs by the lead safeguarding partners", ("sign_offs",))
        return
    counted = [
        (i, s) for i, s in enumerate(sign_offs) if s.date is None or earliest(s.date) <= ctx.as_of
    ]
    if follows_wt2023:
        for document in _SIGNED_DOCUMENTS:
            if not any(s.document == document for _, s in counted):
                yield Issue(
                    f"no sign-off of the {document} by the lead safeguarding partners is "
                    f"recorded on or before {ctx.as_of}",
                    ("sign_offs",),
                )
    for i, s in counted:
        if s.document == "yearly_report":
            continue
        label = f"the sign-off of the {s.document}" + (f" on {s.date}" if s.date else "")
        if s.by is None:
            yield unknown(f"who made {label}", ("sign_offs", i, "by"))
            continue
        # a sign-off is judged by the guidance of its own day: lead safeguarding partners
        # exist from WT2023, so an earlier sign-off is not theirs to make
        if s.date is None:
            yield unknown(
                f"the day of {label}, so whether the lead safeguarding partners (WT2023) had "
                "to make it cannot be told",
                ("sign_offs", i, "date"),
            )
            continue
        under = within(s.date, WT2023_START, None)
        if under is False:
            continue
        missing = missing_signatory_roles(arr, s.date, s.by)
        if not missing:
            continue
        message = f"{label} has no lead safeguarding partner for: {', '.join(missing)}"
        if under is None or latest(s.date) > ctx.as_of:
            yield cannot_tell(
                f"whether {message} (WT2023 began on {WT2023_START})", ("sign_offs", i, "by")
            )
        else:
            yield Issue(message, ("sign_offs", i, "by"))


@rule("PUB-016", "The delegated safeguarding partners are named")
def delegates_named(ctx: RuleContext) -> Iterator[Issue]:
    """Each lead safeguarding partner's delegated safeguarding partner should be named in the
    published arrangements. The post is what counts; a person's name is optional.

    Hint: Name each partner's delegated safeguarding partner under `partners[].delegates`.

    Failing::

        partners:
          - {role: chief_officer_of_police, organisation: met, delegates: none}

    Passing::

        partners:
          - role: chief_officer_of_police
            organisation: met
            delegates: [{title: Detective Superintendent, organisation: met}]
    """
    for i, partner in enumerate(ctx.arrangement.partners or ()):
        if not partner.in_force(ctx.as_of):
            continue
        if partner.delegates is None:
            yield unknown(
                f"the delegated safeguarding partner for {partner.organisation}",
                ("partners", i, "delegates"),
            )
        elif not partner.delegates:
            yield Issue(
                f"no delegated safeguarding partner is named for {partner.organisation}",
                ("partners", i, "delegates"),
            )


@rule("PUB-017", "Arrangements revised and republished for WT2023", status=RuleStatus.PREVIEW)
def revised_for_wt2023(ctx: RuleContext) -> Iterator[Issue]:
    """Areas were expected to revise and republish their arrangements for WT2023 within about
    a year of its publication. The exact day (12 December 2024) is unconfirmed, so it is a
    parameter: ``settings: {core: {PUB-017: {deadline: 2024-12-12}}}``. Nothing is said until
    the deadline has passed.

    Hint: Publish arrangements revised for WT2023, and record `guidance_edition: WT2023` and
    `published`.

    Failing (as of 2025-01-01)::

        guidance_edition: WT2018
        published: 2019-06-28

    Passing::

        guidance_edition: WT2023
        published: 2024-10-01
    """
    deadline = wt2023_revision_deadline(ctx)
    if ctx.as_of <= deadline:
        return
    arr = ctx.arrangement
    if arr.guidance_edition is None:
        yield unknown(
            "which edition of Working Together the arrangements follow", ("guidance_edition",)
        )
    elif arr.guidance_edition is not GuidanceEdition.WT2023:
        yield Issue(
            f"the arrangements still follow {arr.guidance_edition.value} after the WT2023 "
            f"revision deadline of {deadline}",
            ("guidance_edition",),
        )
    if arr.published is None:
        yield unknown("the day the current arrangements were published", ("published",))
        return
    inside = within(arr.published, WT2023_START, ctx.as_of)
    message = (
        f"the current arrangements were published on {arr.published}, not between "
        f"{WT2023_START} and {ctx.as_of}"
    )
    yield from judged(None if inside is None else not inside, message, ("published",))


_DEFAULT_WT2023_CHECKLIST = tuple(sorted(field for _, field, _, _ in CONTENTS_ITEMS))
_ITEM_WORDS = {field: what for _, field, what, _ in CONTENTS_ITEMS} | dict(_STATUTORY_PARTS)
_CONTENTS_FIELDS = frozenset(_DEFAULT_WT2023_CHECKLIST) | {f for f, _ in _STATUTORY_PARTS}


@rule("PUB-018", "The WT2023 publication checklist", status=RuleStatus.PREVIEW)
def wt2023_checklist(ctx: RuleContext) -> Iterator[Issue]:
    """WT2023 keeps the statutory core and adds to what is published; its precise checklist
    was not read, so the checklist is configurable (``settings.core.PUB-018.contents``, a
    list of ``contents`` fields) and starts from the items of PUB-004 to PUB-014. Named LSPs
    and DSPs are PUB-015/PUB-016.

    Hint: Record under `contents` where the arrangements cover each item, or configure the
    checklist with `settings.core.PUB-018.contents`.

    Failing (as of 2024-06-01)::

        contents: {education: false}

    Passing (every item of the default checklist set out)::

        contents: {partners: true, geography: true, relevant_agencies: true, education: true,
                   youth_custody_and_residential: true, data_and_intelligence: true,
                   training_and_audit: true, funding: true, practice_review_process: true,
                   child_voice: true, threshold: true}
    """
    checklist = parameter(ctx, "PUB-018", "contents", _DEFAULT_WT2023_CHECKLIST)
    strangers = sorted(set(checklist) - _CONTENTS_FIELDS)
    if strangers:
        raise ValueError(f"settings.core.PUB-018.contents: unknown items {strangers}")
    contents = ctx.arrangement.contents
    if contents is None:
        yield unknown("what the published arrangements set out", ("contents",))
        return
    for field in checklist:
        what = _ITEM_WORDS.get(field) or field.replace("_", " ")
        yield from set_out(
            contents,
            field,
            unrecorded=f"not recorded: whether the arrangements set out {what}",
            missing=f"the published arrangements do not set out {what} (WT2023 checklist)",
        )


RULES: tuple[Rule, ...] = (
    arrangements_published,
    transitional_deadlines,
    statutory_components,
    *_CONTENTS_RULES,
    lead_partners_sign_off,
    delegates_named,
    revised_for_wt2023,
    wt2023_checklist,
)
"""The PUB family."""
