"""The health and police bodies that can be safeguarding partners: ICBs, CCGs and police."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Literal

import attrs

from safeguarding_partnership.reference._files import optional_date, read_csv

__all__ = [
    "HealthBody",
    "HealthBodyKind",
    "PoliceForce",
    "ccgs",
    "health_body",
    "icbs",
    "police_forces",
]

HealthBodyKind = Literal["integrated_care_board", "clinical_commissioning_group"]
"""An integrated care board (from 2022-07-01) or a clinical commissioning group (before)."""


@attrs.frozen
class HealthBody:
    """An integrated care board or clinical commissioning group, under one ONS code.

    One body can hold several ONS codes over time (ONS recodes after boundary changes), so
    the same ODS code can appear on more than one record. Both date ends are inclusive;
    ``valid_from`` is ``None`` for a CCG that already existed on 2018-04-01.
    """

    ons_code: str
    """ONS code: E54 for an ICB, E38 for a CCG."""
    ods_code: str
    """NHS ODS code, such as ``QMF`` or ``08F``."""
    name: str
    """Name, such as "NHS North East London Integrated Care Board"."""
    kind: HealthBodyKind
    """Whether this is an ICB or a CCG."""
    valid_from: dt.date | None
    """First day under this ONS code, if recorded."""
    valid_to: dt.date | None
    """Last day under this ONS code, if it ended."""
    successor_ods_codes: tuple[str, ...] = ()
    """ODS codes of the bodies that took over a CCG's area, largest share first."""

    def in_force(self, day: dt.date) -> bool:
        """Whether the body held this ONS code on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


@attrs.frozen
class PoliceForce:
    """A police force area in England, whose chief officer of police is a safeguarding partner."""

    ons_code: str
    """ONS police force area code (E23)."""
    name: str
    """ONS area name, such as "London, City of" (not the force's own name)."""
    chief_officer_title: str
    """Title of the chief officer of police (Police Act 1996 s101(1))."""


def _health_bodies(name: str, kind: HealthBodyKind) -> Mapping[str, HealthBody]:
    bodies: dict[str, HealthBody] = {}
    for row in read_csv(name):
        successors = row.get("successor_ods_code") or ""
        bodies[row["ons_code"]] = HealthBody(
            ons_code=row["ons_code"],
            ods_code=row["ods_code"],
            name=row["name"],
            kind=kind,
            valid_from=optional_date(row["valid_from"]),
            valid_to=optional_date(row["valid_to"]),
            successor_ods_codes=tuple(code for code in successors.split(";") if code),
        )
    return MappingProxyType(bodies)


@cache
def icbs() -> Mapping[str, HealthBody]:
    """Every integrated care board recorded, past and current, by ONS code."""
    return _health_bodies("england-icbs.csv", "integrated_care_board")


@cache
def ccgs() -> Mapping[str, HealthBody]:
    """Every clinical commissioning group in force from 2018-06-29 to 2022-06-30, by ONS code."""
    return _health_bodies("england-ccgs.csv", "clinical_commissioning_group")


@cache
def _by_ods_code() -> Mapping[str, tuple[HealthBody, ...]]:
    found: dict[str, list[HealthBody]] = {}
    for body in (*ccgs().values(), *icbs().values()):
        found.setdefault(body.ods_code, []).append(body)
    return MappingProxyType({code: tuple(bodies) for code, bodies in found.items()})


def health_body(code: str, on: dt.date | None = None) -> HealthBody | None:
    """The ICB or CCG with ONS or ODS code ``code``, or ``None`` if there is none.

    An ODS code may have held several ONS codes (Surrey Heartlands ``QXU``, Sussex ``QNX``,
    Hampshire and Isle of Wight ``QRL``). Give ``on`` to pick the record in force that day;
    without it the latest record is returned.
    """
    body = icbs().get(code) or ccgs().get(code)
    if body is not None:
        return body
    candidates = _by_ods_code().get(code, ())
    if on is not None:
        return next((b for b in candidates if b.in_force(on)), None)
    return candidates[-1] if candidates else None


@cache
def police_forces() -> Mapping[str, PoliceForce]:
    """The 39 territorial police force areas of England, by ONS code.

    The British Transport Police is not a police area under s16E and has no ONS code; it is
    a relevant agency (Schedule para 32), so it is not listed here.
    """
    return MappingProxyType(
        {
            row["ons_code"]: PoliceForce(
                ons_code=row["ons_code"],
                name=row["name"],
                chief_officer_title=row["chief_officer_title"],
            )
            for row in read_csv("england-police-forces.csv")
            if row["territorial"] == "true"
        }
    )
