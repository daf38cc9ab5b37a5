"""The statutory partnership model, in the guidance's own terms (pydantic v2, frozen).

The modules that define its classes do not postpone their annotations (no ``from __future__
import annotations``):
pydantic reads the annotations as objects, where it would otherwise evaluate some 300 strings
each time the model is imported (about a seventieth of a one-file check).
"""

from safeguarding_partnership.model.agencies import Participant, RelevantAgency
from safeguarding_partnership.model.areas import Area
from safeguarding_partnership.model.arrangement import (
    SCHEMA_VERSION,
    Arrangement,
    Board,
    Contents,
    Documents,
    GuidanceEdition,
    Link,
    Publication,
    Registry,
    RuleSettings,
    Waiver,
)
from safeguarding_partnership.model.groups import (
    Cadence,
    Group,
    GroupKind,
    Membership,
    ProgressReport,
)
from safeguarding_partnership.model.leadership import Chair, ChairingModel, IndependentScrutiny
from safeguarding_partnership.model.organisations import Organisation, OrganisationKind
from safeguarding_partnership.model.partners import OtherMember, PartnerRole, SafeguardingPartner
from safeguarding_partnership.model.people import Post
from safeguarding_partnership.model.records import (
    ChildDeathReview,
    FundingContribution,
    PracticeReview,
    RapidReview,
    ReportSection,
    Sending,
    SeriousIncidentNotification,
    SignOff,
    YearlyReport,
)

__all__ = [
    "SCHEMA_VERSION",
    "Area",
    "Arrangement",
    "Board",
    "Cadence",
    "Chair",
    "ChairingModel",
    "ChildDeathReview",
    "Contents",
    "Documents",
    "FundingContribution",
    "Group",
    "GroupKind",
    "GuidanceEdition",
    "IndependentScrutiny",
    "Link",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "OtherMember",
    "Participant",
    "PartnerRole",
    "Post",
    "PracticeReview",
    "ProgressReport",
    "Publication",
    "RapidReview",
    "Registry",
    "RelevantAgency",
    "ReportSection",
    "RuleSettings",
    "SafeguardingPartner",
    "Sending",
    "SeriousIncidentNotification",
    "SignOff",
    "Waiver",
    "YearlyReport",
]
