"""Facts about an arrangement that rules of more than one code prefix read.

The modules of :mod:`safeguarding_partnership.rules.core` import each other never, and this
module always, for what two of them share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from safeguarding_partnership.findings import Severity
from safeguarding_partnership.model import Arrangement, Contents, SafeguardingPartner
from safeguarding_partnership.rules.rule import Issue

__all__ = ["bound_organisations", "missing_signatory_roles", "set_out"]


def set_out(
    contents: Contents | None, field: str, *, unrecorded: str, missing: str
) -> Iterator[Issue]:
    """One ``contents`` item: ``unrecorded`` (information) if unknown, ``missing`` if absent.

    An item is recorded as ``false``, ``true`` or where it is set out (a non-empty text)."""
    value = None if contents is None else getattr(contents, field)
    if value is None:
        yield Issue(unrecorded, ("contents", field), Severity.INFO)
    elif value is False:
        yield Issue(missing, ("contents", field))


def _role_group(partner: SafeguardingPartner) -> str:
    if partner.role.is_health:
        return "health"
    if partner.role.value == "local_authority":
        return "local authority"
    return "police"


def missing_signatory_roles(
    arrangement: Arrangement, day: dt.date, by: tuple[str, ...]
) -> list[str] | None:
    """The partner roles (local authority, health, police) none of whose bodies is in ``by``.

    ``None`` when the partners are not recorded, so nothing can be said.
    """
    if arrangement.partners is None:
        return None
    roles: dict[str, set[str]] = {}
    for partner in arrangement.partners:
        if partner.in_force(day):
            roles.setdefault(_role_group(partner), set()).add(partner.organisation)
    signed = set(by)
    return sorted(role for role, orgs in roles.items() if not orgs & signed)


def bound_organisations(arr: Arrangement) -> set[str]:
    """Organisations bound by the arrangements: partners, relevant agencies and their units."""
    bound = {p.organisation for p in arr.partners or ()}
    bound |= {p.represented_by for p in arr.partners or () if p.represented_by}
    bound |= {a.organisation for a in arr.relevant_agencies or () if a.organisation}
    changed = True
    while changed:
        changed = False
        for org in arr.organisations:
            if org.id not in bound and org.part_of in bound:
                bound.add(org.id)
                changed = True
    return bound
