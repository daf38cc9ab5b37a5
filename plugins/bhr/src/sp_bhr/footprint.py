"""The tri-borough footprint: Barking and Dagenham, Havering and Redbridge."""

from __future__ import annotations

import datetime as dt

import attrs

from safeguarding_partnership.model import Arrangement, Group, GroupKind

__all__ = ["BOROUGHS", "TRI_BOROUGH", "Borough", "local_groups"]

TRI_BOROUGH = "tri-borough"
"""The id of the tri-borough group."""


@attrs.frozen
class Borough:
    """One borough of the footprint: its GSS code, name and council's id."""

    code: str
    name: str
    council: str
    council_name: str


BOROUGHS: tuple[Borough, ...] = (
    Borough("E09000002", "Barking and Dagenham", "lbbd", "London Borough of Barking and Dagenham"),
    Borough("E09000016", "Havering", "havering-council", "London Borough of Havering"),
    Borough("E09000026", "Redbridge", "redbridge-council", "London Borough of Redbridge"),
)
"""The three boroughs, by GSS code."""


_LOCAL_KINDS = (GroupKind.PLACE_GROUP, GroupKind.PARTNERSHIP_MEETING)


def local_groups(arrangement: Arrangement, code: str, day: dt.date) -> list[Group]:
    """A borough's own local groups in force on ``day``: place groups and partnership
    meetings whose footprint is that borough alone."""
    return [
        g
        for g in arrangement.groups or ()
        if g.kind in _LOCAL_KINDS and tuple(g.footprint or ()) == (code,) and g.in_force(day)
    ]
