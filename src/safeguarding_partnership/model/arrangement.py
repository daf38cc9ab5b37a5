"""The arrangements: what the safeguarding partners for an area publish (CA2004 s.16G)."""

import datetime as dt
import threading
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from safeguarding_partnership.law import GuidanceEdition
from safeguarding_partnership.model.agencies import Participant, RelevantAgency
from safeguarding_partnership.model.areas import Area
from safeguarding_partnership.model.common import (
    Dated,
    Id,
    Keyword,
    Listed,
    Model,
    Recorded,
    Ref,
    Text,
    Url,
    printable,
)
from safeguarding_partnership.model.dates import Day
from safeguarding_partnership.model.groups import Group
from safeguarding_partnership.model.leadership import Chair, IndependentScrutiny
from safeguarding_partnership.model.organisations import Organisation
from safeguarding_partnership.model.partners import OtherMember, SafeguardingPartner
from safeguarding_partnership.model.records import (
    ChildDeathReview,
    FundingContribution,
    PracticeReview,
    RapidReview,
    SeriousIncidentNotification,
    SignOff,
    YearlyReport,
)

__all__ = [
    "SCHEMA_VERSION",
    "Arrangement",
    "Board",
    "Contents",
    "Documents",
    "GuidanceEdition",
    "Link",
    "Publication",
    "Registry",
    "RuleSettings",
    "Waiver",
]

SCHEMA_VERSION = 1


def _whole_number(value: Any) -> Any:
    """The version as written: a whole number, not ``true`` (which equals 1 in Python, but not
    in JSON Schema) or ``1.0``."""
    if type(value) is not int:
        raise PydanticCustomError(
            "literal_error", f"schema_version must be the whole number {SCHEMA_VERSION}"
        )
    return value


SchemaVersion = Annotated[Literal[1], BeforeValidator(_whole_number)]
"""The version of the file format: exactly the whole number 1."""

Present = (
    StrictBool | Annotated[str, StringConstraints(min_length=1), AfterValidator(printable)] | None
)
"""A published section: ``true`` or where it is (a heading or link, never empty); ``false``
if recorded as missing; unknown if not given."""


class Contents(Model):
    """What the published arrangements set out (CA2004 ss.16E-16G; WT2018 ch.3 pp.78-79)."""

    needs_identification_and_response: Present = None
    """How the partners jointly identify and respond to children's needs (s.16E(2); PUB-003)."""
    serious_case_review: Present = None
    """Arrangements to identify and review serious cases (s.16F(1); PUB-003)."""
    independent_scrutiny: Present = None
    """Arrangements for independent scrutiny (s.16G(3); PUB-003)."""
    partners: Present = None
    """Who the partners are (PUB-004)."""
    geography: Present = None
    """The geographical boundaries covered (PUB-005)."""
    relevant_agencies: Present = None
    """The relevant agencies, why, and how they collaborate (PUB-006)."""
    education: Present = None
    """How schools, colleges and early years settings are included (PUB-007)."""
    youth_custody_and_residential: Present = None
    """How youth custody and children's homes are included (PUB-008)."""
    data_and_intelligence: Present = None
    """How data is used to judge effectiveness (PUB-009)."""
    training_and_audit: Present = None
    """Multi-agency training and audit (PUB-010)."""
    funding: Present = None
    """How the arrangements are funded (PUB-011)."""
    practice_review_process: Present = None
    """The local practice review process and embedding learning (PUB-012)."""
    child_voice: Present = None
    """How the voice of children and families is built in (PUB-013)."""
    threshold: Present = None
    """How the threshold document fits (PUB-014)."""


class Publication(Recorded):
    """A document known to be published (or not), whether or not its address and day are.

    ``{published: true}`` says it is published though where and when were not found;
    ``{published: false}`` records that it is not published.
    """

    published: bool | None = None
    """Whether it is published; unknown if not given (but ``true`` when a day or an address
    is given)."""
    date: Day | None = None
    """The day it was published (a month or a year will do)."""
    url: Url | None = None
    """Where it is published."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.published is False and (self.date is not None or self.url is not None):
            raise ValueError("published is false, so it has no day or address")
        return self

    @property
    def is_published(self) -> bool | None:
        """Whether it is published: ``true`` if said so or if a day or an address is known."""
        if self.published is not None:
            return self.published
        return True if self.date is not None or self.url is not None else None


class Documents(Recorded):
    """Links to published documents."""

    arrangements: Publication | None = None
    """The published arrangements, when only that they are published (or not) is known, or
    to record it with the day and address in one place (``published`` and ``published_url``
    at the top level say the same)."""
    threshold: Url | None = None
    """The threshold document (criteria for action)."""
    escalation_policy: Url | None = None
    """The escalation (resolving professional differences) policy."""
    procedures: Url | None = None
    """Child protection procedures (for example the London Child Safeguarding Procedures)."""
    budget: Url | None = None
    """The published budget."""


class Link(Dated):
    """A link to another arrangement: predecessor, successor, umbrella or per-area board."""

    arrangement: Id
    """The other arrangement's id."""
    relation: Literal["predecessor", "successor", "umbrella", "part", "shares_groups_with"]
    """How it relates to this one."""
    note: Text | None = None
    """What happened (a split, a merger, a reorganisation)."""


class Board(Dated):
    """Another board the partnership works with: a safeguarding adults board, a community
    safety partnership, a health and wellbeing board, or another."""

    name: Text | None = None
    """The board's name."""
    kind: Literal[
        "safeguarding_adults_board",
        "community_safety_partnership",
        "health_and_wellbeing_board",
        "other",
    ]
    """What the board is."""
    kind_label: Text | None = None
    """The board's own word for its kind, for ``other``."""
    relation: Text | None = None
    """How the partnership works with it ("joint business unit", "reports yearly")."""
    url: Url | None = None
    """The board's page."""


class Waiver(Model):
    """An ignored rule, with the reason (shown in the output)."""

    rule: Keyword
    """Rule code or prefix (``PUB-`` ignores a family)."""
    reason: Text = Field(min_length=1)
    """Why the rule does not apply here."""


class RuleSettings(Model):
    """Which rules run, like ruff's ``select`` and ``ignore``."""

    select: Listed[Keyword] = None
    """Rule codes or prefixes to run; unknown means all in force."""
    ignore: Listed[Waiver] = None
    """Rules not to run, each with a reason."""
    include_not_commenced: StrictBool = False
    """Run rules of law not yet in force (the Children's Wellbeing and Schools Act 2026)."""
    commencement: dict[Keyword, Day] | None = None
    """Commencement dates to assume for not-commenced rules, by rule code."""


class Arrangement(Dated):
    """The multi-agency safeguarding arrangements of one partnership.

    ``valid_from`` is the day the arrangements took effect; ``valid_to`` the last day.
    """

    schema_version: SchemaVersion = 1
    """Version of this file format."""
    id: Id
    """Identifier of the arrangement."""
    name: Text
    """The partnership's name."""
    plugins: tuple[Keyword, ...] = ()
    """Plugins this file uses; only these take effect on it."""
    settings: dict[str, Any] | None = None
    """The core's section (``core``) and each plugin's own, each checked by its settings
    model."""
    rules: RuleSettings | None = None
    """Rule selection and waivers."""
    guidance_edition: GuidanceEdition | None = None
    """Edition of Working Together followed."""
    scope: Literal["children", "all_age"] = "children"
    """Whether the partnership also carries duties for adults."""
    also_covers: Listed[Text] = None
    """Other bodies the partnership carries (adults' board, community safety partnership)."""
    published: Day | None = None
    """Day the current arrangements were published."""
    first_published: Day | None = None
    """Day the first arrangements under the 2017 Act were published (PUB-002)."""
    published_url: Url | None = None
    """Where the arrangements are published."""
    areas: tuple[Area, ...] = Field(min_length=1)
    """Local authority areas covered; several for a combined footprint (s.16J)."""
    combined_area: StrictBool | None = None
    """Whether the areas agreed to be treated as one area under s.16J."""
    statutory: StrictBool | None = None
    """Whether these are the statutory arrangements for their areas (s.16E): ``false`` for a
    board within an umbrella partnership; unknown when which level is statutory is not known."""
    organisations: tuple[Organisation, ...] = ()
    """Every body named in the file."""
    partners: Listed[SafeguardingPartner] = None
    """The safeguarding partners by statutory role."""
    other_members: Listed[OtherMember] = None
    """Members with partner-like titles who are not statutory partners."""
    relevant_agencies: Listed[RelevantAgency] = None
    """Relevant agencies the partners chose."""
    participants: Listed[Participant] = None
    """Bodies outside the Schedule that take part (not bound by s.16G(4))."""
    groups: Listed[Group] = None
    """Groups: partnership meeting, executive, thematic groups, place groups, panels."""
    chair: Chair | None = None
    """The partnership chair."""
    independent_scrutiny: IndependentScrutiny | None = None
    """Arrangements for independent scrutiny."""
    purposes: Listed[Text] = None
    """Statutory purposes the arrangements state."""
    priorities: Listed[Text] = None
    """Local priorities."""
    contents: Contents | None = None
    """What the published arrangements set out."""
    documents: Documents | None = None
    """Published documents."""
    sign_offs: Listed[SignOff] = None
    """Documents signed off by the lead safeguarding partners (WT2023)."""
    yearly_reports: Listed[YearlyReport] = None
    """Yearly reports."""
    notifications: Listed[SeriousIncidentNotification] = None
    """Serious incident notifications (reference numbers and dates only)."""
    rapid_reviews: Listed[RapidReview] = None
    """Rapid reviews."""
    practice_reviews: Listed[PracticeReview] = None
    """Local child safeguarding practice reviews."""
    child_death_review: ChildDeathReview | None = None
    """Child death review arrangements."""
    funding: Listed[FundingContribution] = None
    """Funding contributions."""
    links: Listed[Link] = None
    """Predecessors, successors, umbrella and per-area arrangements."""
    boards: Listed[Board] = None
    """Other boards the partnership works with (adults' board, community safety partnership,
    health and wellbeing board)."""
    macpts: Listed[Ref] = None
    """Multi-agency child protection teams (CWSA 2026 s.3, not commenced), as group ids."""

    def organisation(self, org_id: str) -> Organisation | None:
        """The organisation with this id, if declared (the first, if declared twice)."""
        return _by_id(self.organisations).get(org_id)

    @property
    def area_codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.areas)

    def areas_on(self, day: dt.date) -> tuple[Area, ...]:
        """Areas in the footprint on a given day."""
        return tuple(a for a in self.areas if a.in_force(day))


_INDEXES: dict[int, tuple[tuple[Organisation, ...], dict[str, Organisation]]] = {}
"""Organisations by id, for the last few tuples of organisations looked up in, kept outside
the frozen model (a private attribute would take part in ``==`` and be copied by
``model_copy``). Each entry holds its tuple, so the tuple's ``id`` cannot be reused while
the entry lives, and an entry is used only for the very tuple it was built from."""

_KEEP = 16


_LOCK = threading.Lock()


def _by_id(organisations: tuple[Organisation, ...]) -> dict[str, Organisation]:
    with _LOCK:
        entry = _INDEXES.get(id(organisations))
        if entry is None or entry[0] is not organisations:
            by_id: dict[str, Organisation] = {}
            for org in organisations:
                by_id.setdefault(org.id, org)
            while len(_INDEXES) >= _KEEP:
                del _INDEXES[next(iter(_INDEXES))]
            entry = (organisations, by_id)
            _INDEXES[id(organisations)] = entry
        return entry[1]


class Registry(Model):
    """Many arrangements in one file, for checking a region or all of England."""

    schema_version: SchemaVersion = 1
    """Version of this file format."""
    arrangements: tuple[Arrangement, ...]
    """The arrangements."""
