"""The three safeguarding partners (Children Act 2004 s.16E(3)) and other members."""

import enum

from safeguarding_partnership.model.common import Dated, GssCode, Listed, Ref, Text
from safeguarding_partnership.model.people import Member, Post

__all__ = ["OtherMember", "PartnerRole", "SafeguardingPartner"]


class PartnerRole(enum.StrEnum):
    """The statutory roles of a safeguarding partner.

    The health partner was a clinical commissioning group until 30 June 2022 and an
    integrated care board from 1 July 2022.
    """

    LOCAL_AUTHORITY = "local_authority"
    INTEGRATED_CARE_BOARD = "integrated_care_board"
    CLINICAL_COMMISSIONING_GROUP = "clinical_commissioning_group"
    CHIEF_OFFICER_OF_POLICE = "chief_officer_of_police"

    @property
    def is_health(self) -> bool:
        return self in (
            PartnerRole.INTEGRATED_CARE_BOARD,
            PartnerRole.CLINICAL_COMMISSIONING_GROUP,
        )


class SafeguardingPartner(Dated):
    """One body in one statutory role, for some or all of the arrangement's areas.

    Several bodies may hold one role (two police forces, two ICBs), and one body may act
    for several areas.
    """

    role: PartnerRole
    """The statutory role."""
    organisation: Ref
    """The body that is the partner in law (for police, the chief officer of police)."""
    areas: Listed[GssCode] = None
    """Areas for which this body is a partner; unknown means all the arrangement's areas."""
    represented_by: Ref | None = None
    """A unit that represents the partner day to day (a police basic command unit)."""
    lead: Post | None = None
    """Lead safeguarding partner (WT2023) or lead representative (WT2018)."""
    delegates: Listed[Post] = None
    """Delegated safeguarding partners (WT2023) or delegates (WT2018)."""


class OtherMember(Member):
    """A member with a partner-like title who is not a statutory safeguarding partner.

    For example education as a "fourth partner", or a champion for the child's voice.
    Such members are kept apart from the three statutory roles, and never rejected.
    """

    title: Text
    """The title the arrangement gives the member, such as "fourth partner"."""
