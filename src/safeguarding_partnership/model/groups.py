"""Groups: the partnership meeting, executive, thematic groups, subgroups, place groups."""

from __future__ import annotations

import enum
import re
from typing import Any, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from safeguarding_partnership.model.common import (
    Dated,
    Day,
    GssCode,
    Id,
    Keyword,
    Listed,
    Model,
    Ref,
    Text,
)
from safeguarding_partnership.model.people import Post

__all__ = ["Cadence", "Group", "GroupKind", "Membership"]


class GroupKind(enum.StrEnum):
    """What a group is for."""

    PARTNERSHIP_MEETING = "partnership_meeting"
    EXECUTIVE = "executive"
    THEMATIC_GROUP = "thematic_group"
    SUBGROUP = "subgroup"
    PLACE_GROUP = "place_group"
    FORUM = "forum"
    SCRUTINY = "scrutiny"
    CHILD_DEATH_OVERVIEW_PANEL = "child_death_overview_panel"
    OTHER = "other"


_EVERY_WEEKS = re.compile(r"^every\s+(\d+)\s+weeks?$", re.IGNORECASE)


class Cadence(Model):
    """How often a group meets: a frequency, every N weeks, or explicit dates.

    In the file: ``quarterly``, ``monthly``, ``every 6 weeks``, or a mapping such as
    ``{every_weeks: 6, starting: 2019-07-01}`` or ``{dates: [2024-01-10, 2024-04-10]}``.
    """

    frequency: Literal["weekly", "monthly", "quarterly", "yearly"] | None = None
    """A calendar frequency."""
    every_weeks: int | None = Field(default=None, ge=1, le=104)
    """Meets every this many weeks."""
    dates: tuple[Day, ...] | None = None
    """Explicit meeting dates."""
    starting: Day | None = None
    """First meeting of a regular cadence."""
    until: Day | None = None
    """Last day of a regular cadence."""

    @model_validator(mode="before")
    @classmethod
    def _from_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            word = value.strip().lower()
            if word in ("weekly", "monthly", "quarterly", "yearly"):
                return {"frequency": word}
            if word == "annually":
                return {"frequency": "yearly"}
            match = _EVERY_WEEKS.match(word)
            if match:
                return {"every_weeks": int(match.group(1))}
            raise ValueError(
                "cadence must be weekly, monthly, quarterly, yearly, 'every N weeks' "
                "or a mapping with dates"
            )
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        words = {
            "type": "string",
            "pattern": r"^(weekly|monthly|quarterly|yearly|annually|every\s+\d+\s+weeks?)$",
            "description": "weekly, monthly, quarterly, yearly or 'every N weeks'",
        }
        return {"anyOf": [schema, words]}

    @model_validator(mode="after")
    def _exactly_one(self) -> Cadence:
        given = [x for x in (self.frequency, self.every_weeks, self.dates) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of frequency, every_weeks or dates")
        return self

    @property
    def max_gap_days(self) -> int | None:
        """The longest gap between meetings this cadence promises, in days."""
        if self.frequency is not None:
            return {"weekly": 7, "monthly": 31, "quarterly": 92, "yearly": 366}[self.frequency]
        if self.every_weeks is not None:
            return self.every_weeks * 7
        return None

    def describe(self) -> str:
        if self.frequency is not None:
            return self.frequency
        if self.every_weeks is not None:
            return f"every {self.every_weeks} weeks"
        return f"{len(self.dates or ())} set dates"


class Membership(Dated):
    """A member of a group: a body, a post, or both."""

    organisation: Ref | None = None
    """The member body."""
    post: Post | None = None
    """The member post."""
    role: Text | None = None
    """The member's role in the group (for example "vice-chair")."""
    sector: Keyword | None = None
    """Sector tag, such as ``education`` or ``health`` (EDU-002)."""

    @model_validator(mode="after")
    def _something(self) -> Membership:
        if self.organisation is None and self.post is None:
            raise ValueError("a member needs an organisation or a post")
        return self


class ProgressReport(Model):
    """A group's progress report brought to another group's meeting."""

    to: Ref
    """The group that received the report."""
    date: Day
    """The meeting at which it was received."""


class Group(Dated):
    """A group in the arrangements, with its chair, members, cadence and reporting line.

    A group can have owners and a footprint of its own, and be shared by several
    partnerships (a child death overview panel for three boroughs).
    """

    id: Id
    """Identifier used by ``reports_to`` and elsewhere."""
    name: Text
    """The group's name."""
    kind: GroupKind
    """What the group is."""
    purpose: Text | None = None
    """What the group is for."""
    chair: Post | None = None
    """Who chairs the group."""
    members: Listed[Membership] = None
    """Members; unknown if not published."""
    open_membership: bool | None = None
    """Whether anyone from the relevant sector may attend."""
    cadence: Cadence | None = None
    """How often the group promises to meet."""
    reports_to: Listed[Ref] = None
    """Groups this group reports to; ``none`` for the top of the structure."""
    owners: Listed[Ref] = None
    """Organisations or partnerships that own the group, when it is shared."""
    footprint: Listed[GssCode] = None
    """Areas the group covers, when not the whole arrangement's."""
    shared_with: Listed[Keyword] = None
    """Other arrangements (by id) that share this group."""
    meetings: Listed[Day] = None
    """Dates on which the group met."""
    progress_reports: Listed[ProgressReport] = None
    """Progress reports the group brought to other groups."""
