"""The statutory partnership model, in the guidance's own terms (pydantic v2, frozen)."""

from .agencies import RelevantAgency
from .areas import Area
from .arrangement import (
    SCHEMA_VERSION,
    Arrangement,
    Contents,
    Documents,
    GuidanceEdition,
    Link,
    Registry,
    RuleSettings,
    Waiver,
)
from .groups import Cadence, Group, GroupKind, Membership, ProgressReport
from .leadership import Chair, ChairingModel, IndependentScrutiny
from .organisations import Organisation, OrganisationKind
from .partners import OtherMember, PartnerRole, SafeguardingPartner
from .people import Post
from .records import (
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
    "PartnerRole",
    "Post",
    "PracticeReview",
    "ProgressReport",
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
