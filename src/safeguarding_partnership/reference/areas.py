"""Upper-tier local authority areas of England and their DfE local authority numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

import attrs

from safeguarding_partnership.reference._files import optional_date, read_csv

__all__ = [
    "LocalAuthority",
    "dfe_la_codes",
    "local_authorities",
    "ons_code_for_dfe",
    "upper_tier_areas_on",
]


@attrs.frozen
class LocalAuthority:
    """An upper-tier local authority, whose area is a safeguarding partnership area.

    ``valid_from`` is ``None`` for authorities that existed before 2019-04-01; ``valid_to``
    is ``None`` for current ones. Both ends are inclusive.
    """

    code: str
    """ONS GSS code (E06, E08, E09 or E10)."""
    name: str
    """ONS statistical name, such as "Bristol, City of"; names are reused, codes are not."""
    kind: str
    """``county``, ``unitary``, ``metropolitan_district``, ``london_borough``,
    ``city_of_london`` or ``isles_of_scilly``."""
    region: str
    """ONS region name."""
    valid_from: dt.date | None
    """First day of the authority, if recorded."""
    valid_to: dt.date | None
    """Last day of the authority, if abolished."""

    def in_force(self, day: dt.date) -> bool:
        """Whether the authority existed on ``day`` (an open end counts as existing)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


@cache
def local_authorities() -> Mapping[str, LocalAuthority]:
    """Every upper-tier local authority recorded, current and former, by ONS code."""
    return MappingProxyType(
        {
            row["code"]: LocalAuthority(
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                region=row["region"],
                valid_from=optional_date(row["valid_from"]),
                valid_to=optional_date(row["valid_to"]),
            )
            for row in read_csv("england-local-authorities.csv")
        }
    )


@cache
def upper_tier_areas_on(day: dt.date) -> tuple[LocalAuthority, ...]:
    """The upper-tier local authority areas that existed on ``day``, sorted by code."""
    return tuple(
        sorted(
            (la for la in local_authorities().values() if la.in_force(day)),
            key=lambda la: la.code,
        )
    )


@cache
def dfe_la_codes() -> Mapping[str, tuple[str, ...]]:
    """DfE three-digit local authority numbers to the ONS code(s) they have stood for.

    A number can stand for more than one ONS code over time (825, 815, 933, 370, 373):
    resolve with :func:`ons_code_for_dfe`.
    """
    codes: dict[str, list[str]] = {}
    for row in read_csv("dfe-la-codes.csv"):
        codes.setdefault(row["dfe_la_code"], []).append(row["ons_code"])
    return MappingProxyType({number: tuple(ons) for number, ons in codes.items()})


def ons_code_for_dfe(number: str, day: dt.date) -> str | None:
    """The ONS code of the local authority that DfE number ``number`` stood for on ``day``.

    ``None`` when the number is not an English upper-tier authority (Welsh authorities,
    overseas establishments) or no authority with that number existed on ``day``.
    """
    authorities = local_authorities()
    for code in dfe_la_codes().get(number.strip(), ()):
        if authorities[code].in_force(day):
            return code
    return None
