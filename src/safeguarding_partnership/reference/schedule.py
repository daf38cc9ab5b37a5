"""The Schedule of relevant agencies (SI 2018/789, regulation 18 and the Schedule)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import attrs
from ruamel.yaml import YAML

from safeguarding_partnership.reference._files import read_text

__all__ = ["EDUCATION_AND_CHILDCARE", "ScheduleCategory", "schedule"]

EDUCATION_AND_CHILDCARE = "education-and-childcare"
"""The Schedule's group of schools, colleges, childcare and children's centre providers."""

_PARAGRAPH = re.compile(r"Sch\. para (\d+)\b")


@attrs.frozen
class ScheduleCategory:
    """One paragraph of the Schedule: a kind of body that can be a relevant agency."""

    id: str
    """Stable id, such as ``maintained-school-governing-body``."""
    group: str
    """The Schedule's cross-heading, such as ``education-and-childcare``."""
    description: str
    """What the paragraph covers, paraphrased."""
    source: str
    """Citation of the instrument and paragraph."""
    paragraph: int
    """Paragraph number in the Schedule."""


@cache
def schedule() -> Mapping[str, ScheduleCategory]:
    """Every category of the Schedule by id, in the Schedule's order."""
    entries = YAML(typ="safe").load(read_text("relevant-agencies.yaml"))
    categories: dict[str, ScheduleCategory] = {}
    for entry in entries:
        match = _PARAGRAPH.search(entry["source"])
        if match is None:
            raise ValueError(f"relevant-agencies.yaml: no paragraph in source of {entry['id']}")
        categories[entry["id"]] = ScheduleCategory(
            id=entry["id"],
            group=entry["group"],
            description=entry["description"],
            source=entry["source"],
            paragraph=int(match.group(1)),
        )
    return MappingProxyType(categories)
