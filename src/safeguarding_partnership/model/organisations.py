"""Organisations: councils, health bodies, police, schools, trusts and others."""

import enum

from pydantic import Field, StrictInt, field_validator

from safeguarding_partnership.model.common import NONE, Dated, Id, Listed, NoneOr, Ref, Text, Url

__all__ = ["Organisation", "OrganisationKind"]


class OrganisationKind(enum.StrEnum):
    """What kind of body an organisation is."""

    LOCAL_AUTHORITY = "local_authority"
    INTEGRATED_CARE_BOARD = "integrated_care_board"
    CLINICAL_COMMISSIONING_GROUP = "clinical_commissioning_group"
    CHIEF_OFFICER_OF_POLICE = "chief_officer_of_police"
    POLICE_COMMAND_UNIT = "police_command_unit"
    NHS_TRUST = "nhs_trust"
    SCHOOL = "school"
    COLLEGE = "college"
    EARLY_YEARS = "early_years"
    PROBATION = "probation"
    YOUTH_JUSTICE = "youth_justice"
    VOLUNTARY = "voluntary"
    FAITH = "faith"
    SPORT = "sport"
    PARTNERSHIP = "partnership"
    OTHER = "other"


class Organisation(Dated):
    """A body that takes part in the arrangements, with its real identifiers where it has them."""

    id: Id
    """Identifier used elsewhere in the file."""
    name: Text | None = None
    """The body's name; unknown for a body known only by what it is ("the ICB for the
    area"): then say so in ``description``."""
    description: Text | None = None
    """What the body is, when its name is not known ("the clinical commissioning group for
    the area")."""
    stands_for: int | None = Field(default=None, ge=2)
    """How many bodies this one entry stands for, when a publication names several as one
    ("the three CCGs"); unknown means one."""
    kind: OrganisationKind
    """What kind of body it is."""
    ons_code: Text | None = Field(default=None, pattern=r"^E\d{8}$")
    """ONS code: councils (E06-E10), ICBs (E54), CCGs (E38), police force areas (E23)."""
    ods_code: Text | None = Field(default=None, pattern=r"^[A-Z0-9]{3,6}$")
    """NHS ODS code for ICBs, CCGs and trusts."""
    urn: StrictInt | None = Field(default=None, ge=100000, le=999999)
    """Unique reference number of a school or college (Get Information about Schools)."""
    part_of: NoneOr[Ref] = None
    """The body this one is part of (a police command unit is part of a force); ``none`` when
    it is part of no other body in the file. Left out, it is unknown: a rule then cannot tell
    whether a post or a contribution of this body is one of another (a safeguarding
    partner's own body is never part of another partner's)."""
    predecessors: Listed[Ref] = None
    """Bodies this one replaced (CCGs before an ICB)."""
    successors: Listed[Ref] = None
    """Bodies that replaced this one."""
    website: Url | None = None
    """The body's website."""

    @field_validator("id")
    @classmethod
    def _not_the_word_none(cls, value: str) -> str:
        if value.lower() == NONE:
            raise ValueError("'none' is a word of the file format, not an organisation id")
        return value

    @property
    def label(self) -> str:
        """How people read the body: its name, else what it is, else its id."""
        return self.name or self.description or self.id
