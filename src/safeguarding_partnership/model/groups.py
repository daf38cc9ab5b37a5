"""Groups: the partnership meeting, executive, thematic groups, subgroups, place groups."""

import enum
import re
from typing import Any, Literal, Self

from pydantic import Field, GetJsonSchemaHandler, StrictBool, StrictInt, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from safeguarding_partnership.model.common import (
    Dated,
    GssCode,
    Id,
    Keyword,
    Listed,
    Model,
    Recorded,
    Ref,
    Text,
)
from safeguarding_partnership.model.dates import Day
from safeguarding_partnership.model.people import Member, Post

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


_NUMBERS = {
    "once": 1,
    "twice": 2,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUMBER = r"(\d+|" + "|".join(_NUMBERS) + ")"
_EVERY = re.compile(rf"^every\s+{_NUMBER}\s+(week|month)s?$", re.IGNORECASE)
_TIMES = re.compile(
    rf"^{_NUMBER}(?:\s+times)?\s+(?:a|per|each|every)\s+(year|quarter|month)$", re.IGNORECASE
)
_NOTE = re.compile(r"^(.*?)\s*\((.+)\)\s*$")
_AD_HOC = frozenset({"as required", "as needed", "ad hoc", "when needed", "when required"})
_WORDS: dict[str, dict[str, Any]] = {
    "weekly": {"frequency": "weekly"},
    "monthly": {"frequency": "monthly"},
    "quarterly": {"frequency": "quarterly"},
    "yearly": {"frequency": "yearly"},
    "annually": {"frequency": "yearly"},
    "fortnightly": {"every_weeks": 2},
    "bimonthly": {"every_months": 2},
    "bi-monthly": {"every_months": 2},
    "half-yearly": {"every_months": 6},
    "six-monthly": {"every_months": 6},
}
_PERIOD_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _read_words(text: str) -> dict[str, Any] | None:
    """A cadence as partnerships write it, or ``None`` if the words are not understood."""
    word = " ".join(text.strip().lower().split())
    note = None
    match = _NOTE.match(word)
    if match:
        word, note = match.group(1), match.group(2)
    found: dict[str, Any] | None = None
    if word in _WORDS:
        found = dict(_WORDS[word])
    elif word in _AD_HOC:
        found = {"ad_hoc": True}
    elif (every := _EVERY.match(word)) is not None:
        unit = "every_weeks" if every.group(2) == "week" else "every_months"
        found = {unit: _count(every.group(1))}
    elif (times := _TIMES.match(word)) is not None:
        found = {"times": _count(times.group(1)), "per": times.group(2)}
    if found is not None and note:
        found["note"] = note
    return found


def _any_case(pattern: str) -> str:
    """A JSON Schema pattern (which has no flags) for ``pattern``'s letters in any case; an
    escape such as ``\\s`` or ``\\d`` is kept."""
    out: list[str] = []
    escaped = False
    for c in pattern:
        out.append(f"[{c.upper()}{c.lower()}]" if c.isalpha() and not escaped else c)
        escaped = c == "\\" and not escaped
    return "".join(out)


class Cadence(Model):
    """How often a group meets: a frequency, every N weeks or months, N times a period,
    explicit dates, or as required.

    In the file: ``quarterly``, ``monthly``, ``every 6 weeks``, ``every two months``,
    ``three times a year``, ``twice a year``, ``as required``, each optionally followed by a
    note in brackets (``every 6 weeks (initially)``); or a mapping such as
    ``{every_weeks: 6, starting: 2019-07-01, note: initially}``, ``{times: 3, per: year}`` or
    ``{dates: [2024-01-10, 2024-04-10]}``.
    """

    frequency: Literal["weekly", "monthly", "quarterly", "yearly"] | None = None
    """A calendar frequency."""
    every_weeks: StrictInt | None = Field(default=None, ge=1, le=104)
    """Meets every this many weeks."""
    every_months: StrictInt | None = Field(default=None, ge=1, le=24)
    """Meets every this many months."""
    times: StrictInt | None = Field(default=None, ge=1, le=366)
    """Meets this many times in each ``per`` period ("three times a year")."""
    per: Literal["year", "quarter", "month"] | None = None
    """The period ``times`` counts in."""
    ad_hoc: StrictBool | None = None
    """``true``: meets as required, with no promised cadence."""
    dates: tuple[Day, ...] | None = None
    """Explicit meeting dates."""
    starting: Day | None = None
    """First meeting of a regular cadence."""
    until: Day | None = None
    """Last day of a regular cadence."""
    note: Text | None = None
    """What the arrangements add, such as "initially"."""

    @model_validator(mode="before")
    @classmethod
    def _from_words(cls, value: Any) -> Any:
        if isinstance(value, str):
            found = _read_words(value)
            if found is None:
                raise ValueError(
                    "cadence must be weekly, fortnightly, monthly, quarterly, yearly, "
                    "'every N weeks', 'every N months', 'N times a year' (or a quarter, a "
                    "month), 'as required', or a mapping with dates"
                )
            return found
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        number = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        regular = (
            r"weekly|fortnightly|monthly|bi-?monthly|quarterly|yearly|annually|half-yearly|"
            r"six-monthly|as required|as needed|ad hoc|when needed|when required|"
            rf"every\s+{number}\s+(weeks?|months?)|"
            rf"({number}|once|twice)(\s+times)?\s+(a|per|each|every)\s+(year|quarter|month)"
        )
        words = {
            "type": "string",
            "pattern": rf"^\s*({_any_case(regular)})\s*(\(.+\))?\s*$",
            "description": "weekly, monthly, quarterly, yearly, 'every N weeks', 'every N "
            "months', 'N times a year', 'as required', with an optional note in brackets "
            "(any case)",
        }
        return {"anyOf": [schema, words]}

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        kinds = (
            self.frequency,
            self.every_weeks,
            self.every_months,
            self.times,
            self.dates,
            self.ad_hoc or None,
        )
        given = [x for x in kinds if x is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of frequency, every_weeks, every_months, times, dates or ad_hoc"
            )
        if (self.times is None) != (self.per is None):
            raise ValueError("times and per go together: {times: 3, per: year}")
        return self

    @property
    def max_gap_days(self) -> int | None:
        """The longest gap between meetings this cadence promises, in days."""
        if self.frequency is not None:
            return {"weekly": 7, "monthly": 31, "quarterly": 92, "yearly": 366}[self.frequency]
        if self.every_weeks is not None:
            return self.every_weeks * 7
        if self.every_months is not None:
            return self.every_months * 31
        return None

    @property
    def period_months(self) -> int | None:
        """For ``times`` a period, the period's length in months."""
        return None if self.per is None else _PERIOD_MONTHS[self.per]

    def describe(self) -> str:
        note = f" ({self.note})" if self.note else ""
        if self.frequency is not None:
            return self.frequency + note
        if self.every_weeks is not None:
            return f"every {self.every_weeks} weeks{note}"
        if self.every_months is not None:
            return f"every {self.every_months} months{note}"
        if self.times is not None:
            return f"{self.times} times a {self.per}{note}"
        if self.ad_hoc:
            return f"as required{note}"
        return f"{len(self.dates or ())} set dates{note}"


class Membership(Member):
    """A member of a group: a body, a post, or both."""

    role: Text | None = None
    """The member's role in the group (for example "vice-chair")."""
    sector: Keyword | None = None
    """Sector tag, such as ``education`` or ``health`` (EDU-002)."""
    description: Text | None = None
    """Members described rather than named: "parents", "foster carers", "designated
    safeguarding leads", "everyone who works with children"."""

    @model_validator(mode="after")
    def _something(self) -> Self:
        if self.organisation is None and self.post is None and self.description is None:
            raise ValueError("a member needs an organisation, a post or a description")
        return self


class ProgressReport(Recorded):
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
    """What the group is; ``other`` with a ``kind_label`` for a kind the list lacks."""
    kind_label: Text | None = None
    """The partnership's own word for the kind, such as "strategic board"."""
    purpose: Text | None = None
    """What the group is for."""
    chair: Post | None = None
    """Who chairs the group."""
    members: Listed[Membership] = None
    """Members; unknown if not published."""
    open_membership: StrictBool | None = None
    """Whether anyone from the relevant sector may attend (with a described member, such as
    "everyone who works with children", saying who)."""
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
