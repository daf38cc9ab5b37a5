"""The published arrangements document as data: what every arrangements format renders from.

It holds what Working Together expects the published arrangements to set out (catalogue
section C, PUB-001 to PUB-018) as of one day, with organisation ids turned into names. A
value that is ``None`` was not recorded; an empty list was recorded as none. It is public,
so it carries no rule codes (:data:`CONTENT_ITEMS` maps its contents to them for the
findings page). Its JSON Schema (:func:`document_schema`) is shipped as
``schemas/arrangements-document.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from safeguarding_partnership.model import (
    Arrangement,
    Contents,
    FundingContribution,
    Group,
    GuidanceEdition,
    IndependentScrutiny,
    Link,
    Membership,
    PartnerRole,
    Post,
    PracticeReview,
    RelevantAgency,
    SignOff,
    YearlyReport,
)
from safeguarding_partnership.model.common import Dated
from safeguarding_partnership.model.dates import Day
from safeguarding_partnership.reference import EDUCATION_AND_CHILDCARE, schedule
from safeguarding_partnership.reference.contents import CONTENTS

__all__ = [
    "CONTENT_ITEMS",
    "DOCUMENT_VERSION",
    "AgencyEntry",
    "AreaEntry",
    "ArrangementsDocument",
    "ContentStatement",
    "DocumentLink",
    "FundingEntry",
    "GroupEntry",
    "OtherMemberEntry",
    "PartnerEntry",
    "PostEntry",
    "ReportEntry",
    "ReviewEntry",
    "ScrutinyEntry",
    "SignOffEntry",
    "build_document",
    "document_schema",
]

DOCUMENT_VERSION = 2
"""2 dropped the rule codes from ``contents`` and added partners' websites."""

CONTENT_ITEMS = tuple((i.code, i.field, i.heading) for i in CONTENTS)
"""Each item the published arrangements should set out: rule code, ``Contents`` field, text."""

T = TypeVar("T")
E = TypeVar("E")

_ROLE_LABELS = {
    PartnerRole.LOCAL_AUTHORITY: "Local authority",
    PartnerRole.INTEGRATED_CARE_BOARD: "Integrated care board",
    PartnerRole.CLINICAL_COMMISSIONING_GROUP: "Clinical commissioning group",
    PartnerRole.CHIEF_OFFICER_OF_POLICE: "Chief officer of police",
}
_ROLE_ORDER = list(_ROLE_LABELS)
_RELATIONS = {
    "predecessor": "Replaced",
    "successor": "Replaced by",
    "umbrella": "Part of",
    "part": "Includes",
    "shares_groups_with": "Shares groups with",
}


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PostEntry(_Doc):
    """A post; the name only when it may be published."""

    title: str
    organisation: str | None = None
    name: str | None = None


class AreaEntry(_Doc):
    """A local authority area."""

    code: str
    name: str | None = None


class ContentStatement(_Doc):
    """Whether the arrangements set out one required item, and where."""

    item: str
    text: str
    status: Literal["set_out", "not_set_out", "not_recorded"]
    where: str | None = None
    """A heading or a link (``http``, ``https`` or ``mailto``)."""


class PartnerEntry(_Doc):
    """A safeguarding partner in its statutory role (PUB-004, PUB-016)."""

    role: str
    role_label: str
    organisation: str
    website: str | None = None
    """The body's website (``http`` or ``https``)."""
    areas: list[AreaEntry] | None = None
    """Areas this body is a partner for; ``None`` means all the arrangement's areas."""
    represented_by: str | None = None
    lead: PostEntry | None = None
    delegates: list[PostEntry] | None = None


class OtherMemberEntry(_Doc):
    """A member with a partner-like title who is not a statutory safeguarding partner."""

    title: str
    organisation: str | None = None
    post: PostEntry | None = None


class AgencyEntry(_Doc):
    """A relevant agency, with the reason it was chosen (PUB-006)."""

    name: str
    category: str
    schedule_group: str | None = None
    reason: str | None = None
    collaboration: str | None = None
    areas: list[AreaEntry] | None = None


class GroupEntry(_Doc):
    """A group in the structure."""

    id: str
    name: str
    kind: str
    purpose: str | None = None
    chair: PostEntry | None = None
    cadence: str | None = None
    reports_to: list[str] | None = None
    footprint: list[AreaEntry] | None = None
    open_membership: bool | None = None
    members: list[str] | None = None


class ScrutinyEntry(_Doc):
    """Independent scrutiny (PUB-003(c))."""

    model: str | None = None
    scrutineer: PostEntry | None = None
    organisation: str | None = None
    independent_of_partners: bool | None = None
    chairs_partnership: bool | None = None
    plan_url: str | None = None
    outputs: list[str] | None = None


class FundingEntry(_Doc):
    """A contribution to the arrangements' costs (PUB-011)."""

    year: str
    contributor: str
    amount: str | None = None
    in_kind: str | None = None
    share: str | None = None


class DocumentLink(_Doc):
    """A published document."""

    title: str
    url: str | None = None


class SignOffEntry(_Doc):
    """A document signed off by the lead safeguarding partners (PUB-015)."""

    document: str
    date: Day | None = None
    by: list[str] | None = None


class ReportEntry(_Doc):
    """A yearly report."""

    period_start: Day | None = None
    period_end: Day | None = None
    published: Day | None = None
    url: str | None = None


class ReviewEntry(_Doc):
    """A published local child safeguarding practice review (reference and dates only)."""

    reference: str
    published: Day | None = None
    publication: str | None = None
    url: str | None = None


class ArrangementsDocument(_Doc):
    """The published multi-agency safeguarding arrangements, as of one day."""

    document_version: Literal[2] = 2
    id: str
    name: str
    as_of: dt.date
    guidance_edition: str | None = None
    took_effect: Day | None = None
    ended: Day | None = None
    published: Day | None = None
    first_published: Day | None = None
    published_url: str | None = None
    scope: str
    areas: list[AreaEntry]
    combined_area: bool | None = None
    contents: list[ContentStatement]
    lead_title: str
    delegate_title: str
    partners: list[PartnerEntry] | None = None
    other_members: list[OtherMemberEntry] | None = None
    relevant_agencies: list[AgencyEntry] | None = None
    education_agencies: list[AgencyEntry] | None = None
    chair_model: str | None = None
    chairs: list[PostEntry] | None = None
    independent_scrutiny: ScrutinyEntry | None = None
    groups: list[GroupEntry] | None = None
    purposes: list[str] | None = None
    priorities: list[str] | None = None
    documents: list[DocumentLink]
    funding: list[FundingEntry] | None = None
    sign_offs: list[SignOffEntry] | None = None
    yearly_reports: list[ReportEntry] | None = None
    practice_reviews: list[ReviewEntry] | None = None
    child_death_review_url: str | None = None
    child_death_review_footprint: list[AreaEntry] | None = None
    related: list[DocumentLink] | None = None


def document_schema() -> dict[str, Any]:
    """The JSON Schema of ``arrangements.json``."""
    schema = ArrangementsDocument.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://safeguarding-partnership.example/arrangements-document.schema.json"
    return schema


class _Names:
    """Turns ids in the file into names people read."""

    def __init__(self, arr: Arrangement, related: Sequence[Arrangement]) -> None:
        self.arr = arr
        self.related = {a.id: a for a in related}
        self.areas = {a.code: a.name for a in arr.areas}
        self._groups: dict[str, dict[str, str]] = {}  # arrangement id -> group id -> name

    def _group_names(self, arr: Arrangement) -> dict[str, str]:
        """An arrangement's group names by id (the first group of an id wins), made once:
        a lookup per ``reports_to`` would otherwise scan every group (issue 19)."""
        names = self._groups.get(arr.id)
        if names is None:
            names = {}
            for group in arr.groups or ():
                names.setdefault(group.id, group.name)
            self._groups[arr.id] = names
        return names

    def org(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        org = self.arr.organisation(ref)
        return org.label if org else ref

    def website(self, ref: str) -> str | None:
        org = self.arr.organisation(ref)
        return org.website if org and org.website and org.website.startswith("http") else None

    def group(self, ref: str) -> str:
        home, sep, local = ref.partition(":")
        if not sep:
            return self._group_names(self.arr).get(ref, ref)
        other = self.related.get(home)
        name = self._group_names(other).get(local) if other else None
        if other is not None and name is not None:
            return f"{name} ({other.name})"
        return f"{local} (in arrangement {home})"

    def area(self, code: str) -> AreaEntry:
        return AreaEntry(code=code, name=self.areas.get(code))

    def area_list(self, codes: Iterable[str] | None) -> list[AreaEntry] | None:
        return _each(codes, self.area)

    def post(self, post: Post | None) -> PostEntry | None:
        if post is None:
            return None
        return PostEntry(title=post.label, organisation=self.org(post.organisation), name=post.name)


def _each(
    items: Iterable[T] | None, make: Callable[[T], E], keep: Callable[[T], bool] | None = None
) -> list[E] | None:
    """What ``make`` makes of each item (each that ``keep`` keeps) of a list in the file: a list
    not recorded (``None``) stays ``None``, and one recorded as none stays empty."""
    if items is None:
        return None
    return [make(item) for item in items if keep is None or keep(item)]


def _about(approximate: bool | None, value: str | None) -> str | None:
    """A value published as approximate, said so."""
    return f"about {value}" if approximate and value is not None else value


def _posts(names: _Names, posts: Iterable[Post] | None, day: dt.date) -> list[PostEntry] | None:
    if posts is None:
        return None
    return [e for p in posts if p.in_force(day) and (e := names.post(p)) is not None]


def _statement(item: str, text: str, contents: Contents | None) -> ContentStatement:
    value = getattr(contents, item) if contents is not None else None
    if value is None:
        return ContentStatement(item=item, text=text, status="not_recorded")
    if value is False:
        return ContentStatement(item=item, text=text, status="not_set_out")
    where = value if isinstance(value, str) else None
    return ContentStatement(item=item, text=text, status="set_out", where=where)


def _agency(names: _Names, agency: RelevantAgency) -> AgencyEntry:
    category = schedule().get(agency.category)
    return AgencyEntry(
        name=names.org(agency.organisation) or agency.name or agency.key,
        category=agency.category,
        schedule_group=category.group if category else None,
        reason=agency.reason,
        collaboration=agency.collaboration,
        areas=names.area_list(agency.areas),
    )


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:f}"


def _partners(names: _Names, arr: Arrangement, day: dt.date) -> list[PartnerEntry] | None:
    """The partners in force, in the order of the statutory roles, then by name."""
    if arr.partners is None:
        return None
    in_force = sorted(
        (p for p in arr.partners if p.in_force(day)),
        key=lambda p: (_ROLE_ORDER.index(p.role), names.org(p.organisation) or ""),
    )
    return [
        PartnerEntry(
            role=p.role.value,
            role_label=_ROLE_LABELS[p.role],
            organisation=names.org(p.organisation) or p.organisation,
            website=names.website(p.organisation),
            areas=names.area_list(p.areas),
            represented_by=names.org(p.represented_by),
            lead=names.post(p.lead),
            delegates=_posts(names, p.delegates, day),
        )
        for p in in_force
    ]


def _group(names: _Names, group: Group, day: dt.date) -> GroupEntry:
    def member(m: Membership) -> str:
        return ", ".join(x for x in (m.post.title if m.post else None, names.org(m.body)) if x)

    return GroupEntry(
        id=group.id,
        name=group.name,
        kind=group.kind.value.replace("_", " "),
        purpose=group.purpose,
        chair=names.post(group.chair),
        cadence=group.cadence.describe() if group.cadence else None,
        reports_to=_each(group.reports_to, names.group),
        footprint=names.area_list(group.footprint),
        open_membership=group.open_membership,
        members=_each(group.members, member, lambda m: m.in_force(day)),
    )


def _scrutiny(names: _Names, scrutiny: IndependentScrutiny) -> ScrutinyEntry:
    return ScrutinyEntry(
        model=scrutiny.model,
        scrutineer=names.post(scrutiny.scrutineer),
        organisation=names.org(scrutiny.organisation),
        independent_of_partners=scrutiny.independent_of_partners,
        chairs_partnership=scrutiny.chairs_partnership,
        plan_url=scrutiny.plan_url,
        outputs=_each(scrutiny.outputs, str),
    )


_DOCUMENTS = (
    ("threshold", "Threshold document (criteria for action)"),
    ("escalation_policy", "Escalation policy (resolving professional differences)"),
    ("procedures", "Child protection procedures"),
    ("budget", "Budget"),
)
"""The published documents every arrangements document lists: ``Documents`` field, title."""


def _funding(names: _Names, funding: tuple[FundingContribution, ...]) -> list[FundingEntry]:
    return [
        FundingEntry(
            year=f.year or "year not recorded",
            contributor=names.org(f.contributor) or f.giver,
            amount=_about(f.approximate, _money(f.amount)),
            in_kind=f.in_kind,
            share=_about(f.approximate, _money(f.share)),
        )
        for f in sorted(funding, key=lambda f: (f.year or "", f.giver))
    ]


def _sign_off(names: _Names, sign_off: SignOff) -> SignOffEntry:
    return SignOffEntry(
        document=sign_off.document.replace("_", " "),
        date=sign_off.date,
        by=_each(sign_off.by, lambda b: names.org(b) or b),
    )


def _report(report: YearlyReport) -> ReportEntry:
    return ReportEntry(
        period_start=report.period_start,
        period_end=report.period_end,
        published=report.published,
        url=report.url,
    )


def _review(review: PracticeReview) -> ReviewEntry:
    return ReviewEntry(
        reference=review.reference,
        published=review.published,
        publication=review.publication.replace("_", " ") if review.publication else None,
        url=review.url,
    )


def _review_public(review: PracticeReview, day: dt.date) -> bool:
    """Whether a practice review is publicly available on the day."""
    return (
        review.published is not None
        and review.published <= day
        and (review.withdrawn is None or review.withdrawn > day)
    )


def _link(names: _Names, link: Link) -> DocumentLink:
    other = names.related.get(link.arrangement)
    return DocumentLink(
        title=f"{_RELATIONS[link.relation]} "
        + (other.name if other is not None else link.arrangement)
        + (f" ({link.note})" if link.note else ""),
        url=other.published_url if other is not None else None,
    )


def build_document(
    arrangement: Arrangement, as_of: dt.date, related: Sequence[Arrangement] = ()
) -> ArrangementsDocument:
    """The arrangements document as of a day: what is in force then, ids turned into names."""
    arr = arrangement
    day = as_of
    names = _Names(arr, related)
    wt2023 = arr.guidance_edition is GuidanceEdition.WT2023

    def in_force(record: Dated) -> bool:
        return record.in_force(day)

    agencies = _each(arr.relevant_agencies, lambda a: _agency(names, a), in_force)
    education = (
        None
        if agencies is None
        else [a for a in agencies if a.schedule_group == EDUCATION_AND_CHILDCARE]
    )
    cdr = arr.child_death_review
    return ArrangementsDocument(
        id=arr.id,
        name=arr.name,
        as_of=day,
        guidance_edition=arr.guidance_edition.value if arr.guidance_edition else None,
        took_effect=arr.valid_from,
        ended=arr.valid_to,
        published=arr.published,
        first_published=arr.first_published,
        published_url=arr.published_url,
        scope="children" if arr.scope == "children" else "all ages",
        areas=[AreaEntry(code=a.code, name=a.name) for a in arr.areas_on(day)],
        combined_area=arr.combined_area,
        contents=[_statement(item, text, arr.contents) for _, item, text in CONTENT_ITEMS],
        lead_title="Lead safeguarding partner" if wt2023 else "Lead representative",
        delegate_title="Delegated safeguarding partners" if wt2023 else "Delegates",
        partners=_partners(names, arr, day),
        other_members=_each(
            arr.other_members,
            lambda m: OtherMemberEntry(
                title=m.title, organisation=names.org(m.organisation), post=names.post(m.post)
            ),
            in_force,
        ),
        relevant_agencies=agencies,
        education_agencies=education,
        chair_model=arr.chair.model.value.replace("_", " ")
        if arr.chair and arr.chair.model
        else None,
        chairs=_posts(names, arr.chair.posts, day) if arr.chair else None,
        independent_scrutiny=_scrutiny(names, arr.independent_scrutiny)
        if arr.independent_scrutiny is not None
        else None,
        groups=_each(arr.groups, lambda g: _group(names, g, day), in_force),
        purposes=_each(arr.purposes, str),
        priorities=_each(arr.priorities, str),
        documents=[
            DocumentLink(title=title, url=getattr(arr.documents, field) if arr.documents else None)
            for field, title in _DOCUMENTS
        ],
        funding=None if arr.funding is None else _funding(names, arr.funding),
        sign_offs=_each(arr.sign_offs, lambda s: _sign_off(names, s)),
        yearly_reports=_each(
            arr.yearly_reports, _report, lambda r: r.published is None or r.published <= day
        ),
        practice_reviews=_each(arr.practice_reviews, _review, lambda r: _review_public(r, day)),
        child_death_review_url=cdr.published_url if cdr else None,
        child_death_review_footprint=names.area_list(cdr.footprint) if cdr else None,
        related=_each(arr.links, lambda link: _link(names, link), in_force),
    )
