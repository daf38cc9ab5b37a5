"""The Schedule of relevant agencies (SI 2018/789, regulation 18 and the Schedule)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import attrs

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


_ITEM_LINE = re.compile(r"^(- |  )([a-z_]+): (.*?)\s*$")
_PLAIN_TYPED = re.compile(r"^([-+.0-9~]|(true|false|null|yes|no|on|off)$)", re.IGNORECASE)
"""A plain scalar YAML might read as something other than text (a number, a date, a flag)."""


def _plain_text(value: str) -> bool:
    """Whether YAML reads this unquoted value as exactly this text."""
    return not (
        not value
        or value[0] in "&*!|>'%@`{[]#"
        or _PLAIN_TYPED.match(value)
        or " #" in value
        or ": " in value
        or value.endswith(":")
    )


def flat_yaml_list(text: str) -> list[dict[str, str]] | None:
    """A YAML list of flat mappings of one-line text values (the shape of the packaged
    Schedule), read without a YAML parser; ``None`` for anything else.

    Reading the 38 entries with the YAML parser costs about 15 ms, a twentieth of a whole
    check of a small file; this reads them in well under one. Anything outside the plain
    shape (a comment after a value, a quoted value JSON cannot read, a value YAML would read
    as a number, date or flag, nesting, a key given twice) gives ``None``, and the caller
    uses the YAML parser. A test holds the two to the same result on the packaged file.
    """
    entries: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = _ITEM_LINE.match(line)
        if match is None:
            return None
        start, key, value = match.groups()
        if start == "- ":
            entries.append({})
        if not entries or key in entries[-1]:
            return None
        if value.startswith('"'):
            try:
                value = json.loads(value)
            except ValueError:
                return None
            if not isinstance(value, str) or "\\" in match.group(3):
                return None  # escapes: YAML's and JSON's differ, so leave them to YAML
        elif not _plain_text(value):
            return None
        entries[-1][key] = value
    return entries or None


@cache
def schedule() -> Mapping[str, ScheduleCategory]:
    """Every category of the Schedule by id, in the Schedule's order."""
    text = read_text("relevant-agencies.yaml")
    entries = flat_yaml_list(text)
    if entries is None:
        from ruamel.yaml import YAML

        entries = YAML(typ="safe").load(text)
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
