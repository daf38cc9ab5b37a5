"""Bodies that are not safeguarding partners: organisations and relevant agencies of the
Schedule (SI 2018/789)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from safeguarding_partnership import reference
from safeguarding_partnership.model import Organisation, OrganisationKind, RelevantAgency
from safeguarding_partnership.testing.strategies._choices import Choices, drawn
from safeguarding_partnership.testing.strategies._text import COLLABORATION, REASONS, slug, url

__all__ = ["organisations", "relevant_agencies"]

_OTHER_KINDS: dict[str, OrganisationKind] = {
    "education-and-childcare": OrganisationKind.SCHOOL,
    "health-and-social-care": OrganisationKind.NHS_TRUST,
    "local-government": OrganisationKind.OTHER,
    "criminal-justice": OrganisationKind.YOUTH_JUSTICE,
    "police-and-immigration": OrganisationKind.OTHER,
    "miscellaneous": OrganisationKind.VOLUNTARY,
}


@st.composite
def _organisation(draw: st.DrawFn, kinds: tuple[OrganisationKind, ...]) -> Organisation:
    kind = draw(st.sampled_from(kinds))
    number = draw(st.integers(1, 999))
    name = f"{kind.value.replace('_', ' ').title()} {number}"
    urn = draw(st.integers(100000, 999999)) if kind is OrganisationKind.SCHOOL else None
    website = draw(st.none() | st.just(url(slug(name))))
    return Organisation(id=slug(name), name=name, kind=kind, urn=urn, website=website)


def organisations(
    kinds: Sequence[OrganisationKind | str] | None = None,
) -> st.SearchStrategy[Organisation]:
    """A body that is not a safeguarding partner: a school, a trust, a charity...

    ``kinds`` limits the organisation kinds; by default any kind a relevant agency may be.
    Shrinks towards the first kind with number 1 and no website.
    """
    chosen = tuple(OrganisationKind(k) for k in kinds) if kinds else tuple(_OTHER_KINDS.values())
    return _organisation(tuple(dict.fromkeys(chosen)))


def build_agency(choose: Choices, categories: Sequence[str]) -> RelevantAgency:
    """A relevant agency of one of ``categories``, with a reason and how it collaborates."""
    category = choose.one_of(categories)
    entry = reference.schedule()[category]
    number = choose.integer(1, 99)
    return RelevantAgency(
        name=f"{entry.description.split(',')[0].strip().rstrip('.')} {number}"[:200],
        category=category,
        reason=choose.one_of(REASONS),
        collaboration=choose.one_of(COLLABORATION),
    )


def relevant_agencies(
    categories: Sequence[str] | None = None,
) -> st.SearchStrategy[RelevantAgency]:
    """A relevant agency of a Schedule category (SI 2018/789), with its reason and how it
    collaborates.

    ``categories`` limits the Schedule ids; by default any. Shrinks towards the first
    category in Schedule order (paragraph 1, academy proprietors).
    """
    known = tuple(reference.schedule())
    chosen = tuple(categories) if categories else known
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValueError(f"not Schedule categories: {', '.join(unknown)}")
    return drawn(lambda choose: build_agency(choose, chosen))


def education_categories() -> tuple[str, ...]:
    """The Schedule categories of education and childcare."""
    return tuple(
        c.id for c in reference.schedule().values() if c.group == reference.EDUCATION_AND_CHILDCARE
    )
