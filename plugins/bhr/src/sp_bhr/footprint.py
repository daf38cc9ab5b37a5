"""The tri-borough footprint: Barking and Dagenham, Havering and Redbridge."""

from __future__ import annotations

import attrs

__all__ = ["BOROUGHS", "TRI_BOROUGH", "Borough"]

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
