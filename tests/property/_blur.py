"""Blurring an arrangement: the same facts, known less sharply.

A blur takes one fact of an arrangement and says less about it, in one of four ways:

- ``unknown``: a recorded value is left unknown (``None``); an end date becomes unknown by
  leaving ``valid_to`` out with ``as_at`` on that last day (an unknown end, not an open one);
- ``month`` / ``year``: an exact date is known only to its month or year;
- ``incomplete``: a list is marked incomplete (``{complete: false, items: [...]}``);
- ``as_at``: a fact recorded as current is recorded as seen on an earlier day.

:func:`blurs` lists every blur an arrangement admits; :func:`apply` makes one. Identifiers,
references that hold the file together, the rule configuration and provenance are not facts
to blur.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from safeguarding_partnership.model import (
    Arrangement,
    GroupKind,
    Membership,
    Organisation,
    OrganisationKind,
    PartnerRole,
)
from safeguarding_partnership.model.common import NONE, IncompleteList, Sourced
from safeguarding_partnership.model.dates import PartialDate, is_partial

Path = tuple[str | int, ...]
Blur = tuple[str, Path]

NOT_FACTS = frozenset(
    {
        "id",
        "schema_version",
        "settings",
        "rules",
        "plugins",
        "scope",
        "as_at",
        "current",
        "sources",
        "notes",
        "notes_public",
        "publish_name",
        "local_label",
    }
)
"""Fields that are not facts about the arrangements: never blurred. (``part_of``,
``in_kind`` and ``sector`` are facts like any other: left out, each is unknown.)"""


def _listed(model: type[BaseModel], name: str) -> bool:
    """Whether a field is a ``Listed`` list (which can be marked incomplete)."""
    field = model.model_fields[name]
    return any(
        getattr(getattr(m, "func", None), "__name__", "") == "_completeness" for m in field.metadata
    )


def _has_body(member: BaseModel) -> bool:
    post = getattr(member, "post", None)
    return getattr(member, "organisation", None) is not None or (
        post is not None and post.organisation is not None
    )


def _dates(value: Any, path: Path) -> list[Blur]:
    if isinstance(value, dt.date) and not is_partial(value):
        return [("month", path), ("year", path)]
    return []


def blurs(arrangement: Arrangement) -> list[Blur]:
    """Every blur the arrangement admits, in a stable order."""
    found: list[Blur] = []

    def visit(node: BaseModel, path: Path) -> None:
        model = type(node)
        if isinstance(node, Sourced) and node.as_at is None and node.current is None:
            found.append(("as_at", path))
        for name, field in model.model_fields.items():
            if name in NOT_FACTS:
                continue
            value = getattr(node, name)
            if value is None:
                continue
            here = (*path, name)
            if name == "valid_to" or (
                name != "valid_from" and not field.is_required() and field.default is None
            ):
                found.append(("unknown", here))
            found.extend(_dates(value, here))
            if isinstance(value, BaseModel):
                visit(value, here)
            elif isinstance(value, tuple):
                if _listed(model, name) and not isinstance(value, IncompleteList):
                    found.append(("incomplete", here))
                for i, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        visit(item, (*here, i))
                    else:
                        found.extend(_dates(item, (*here, i)))

    visit(arrangement, ())
    return found


def _get(node: Any, part: str | int) -> Any:
    return node[part] if isinstance(part, int) else getattr(node, part)


def _set(node: Any, part: str | int, value: Any) -> Any:
    if isinstance(part, int):
        items = list(node)
        items[part] = value
        return IncompleteList(items) if isinstance(node, IncompleteList) else tuple(items)
    return node.model_copy(update={part: value})


def _replace(node: Any, path: Path, change: Any) -> Any:
    """``node`` with the value at ``path`` replaced by ``change(old value, parent)``."""
    if len(path) == 1:
        return change(node, path[0])
    head, *rest = path
    return _set(node, head, _replace(_get(node, head), tuple(rest), change))


def _edit(arrangement: Arrangement, path: Path, change: Any) -> Any:
    """The arrangement with the record at ``path`` (the arrangement itself if empty) changed."""
    if not path:
        return change(arrangement)
    return _replace(
        arrangement, path, lambda node, part: _set(node, part, change(_get(node, part)))
    )


def _end_unknown(node: Any) -> Any:
    """An end date made unknown: no ``valid_to``, and the facts seen on that last day."""
    last = node.valid_to
    seen = last if node.as_at is None else min(node.as_at, last)
    return node.model_copy(update={"valid_to": None, "as_at": seen})


def _blurred_date(kind: str, day: dt.date) -> PartialDate:
    return PartialDate.of(day.year, day.month if kind == "month" else None)


def apply(arrangement: Arrangement, blur: Blur, as_of: dt.date, back: int) -> Arrangement | None:
    """The arrangement with one blur made, or ``None`` if that makes an invalid file.

    ``back`` is how many days before ``as_of`` an ``as_at`` blur says the facts were seen.
    """
    kind, path = blur
    if kind == "as_at":
        seen = as_of - dt.timedelta(days=back)
        result = _edit(arrangement, path, lambda node: node.model_copy(update={"as_at": seen}))
    elif kind == "unknown" and path[-1] == "valid_to":
        result = _edit(arrangement, path[:-1], _end_unknown)
    elif kind == "unknown":
        result = _replace(arrangement, path, lambda node, part: _set(node, part, None))
    elif kind in ("month", "year"):
        result = _replace(
            arrangement,
            path,
            lambda node, part: _set(node, part, _blurred_date(kind, _get(node, part))),
        )
    elif kind == "incomplete":
        result = _replace(
            arrangement, path, lambda node, part: _set(node, part, IncompleteList(_get(node, part)))
        )
    else:
        raise ValueError(kind)
    try:
        data = result.model_dump(mode="python", exclude_unset=True)
        return Arrangement.model_validate(data)
    except ValidationError:
        return None


STATEMENTS = ("unit", "in_kind", "sector")
"""Facts :func:`state` can add to a generated arrangement, each a value whose absence was
once read as a statement: a body recorded as part of a partner (``part_of``), a contribution
of no money but something in kind (``in_kind``), a member of a council speaking for
education (``sector``). Blurring them to unknown must say no more than the sharp file."""

_STRATEGIC = (GroupKind.PARTNERSHIP_MEETING, GroupKind.EXECUTIVE)


def _units(arr: Arrangement) -> Arrangement:
    """Each chief officer of police has a command unit (``part_of`` the force), recorded as
    the force's lead post's body and as the giver of its contributions; every other body is
    recorded as part of none."""
    police = {
        p.organisation for p in arr.partners or () if p.role is PartnerRole.CHIEF_OFFICER_OF_POLICE
    }
    unit = {org: f"{org}-bcu" for org in sorted(police)}
    orgs = [
        o if o.part_of is not None else o.model_copy(update={"part_of": NONE})
        for o in arr.organisations
    ]
    orgs += [
        Organisation(
            id=u, name=f"{org} command unit", kind=OrganisationKind.POLICE_COMMAND_UNIT, part_of=org
        )
        for org, u in unit.items()
        if arr.organisation(u) is None
    ]
    partners = tuple(
        p.model_copy(
            update={"lead": p.lead.model_copy(update={"organisation": unit[p.organisation]})}
        )
        if p.organisation in unit and p.lead is not None
        else p
        for p in arr.partners or ()
    )
    funding = arr.funding
    if funding is not None:
        changed = [
            c.model_copy(update={"contributor": unit[c.contributor]})
            if c.contributor in unit
            else c
            for c in funding
        ]
        funding = IncompleteList(changed) if isinstance(funding, IncompleteList) else tuple(changed)
    return arr.model_copy(
        update={"organisations": tuple(orgs), "partners": partners, "funding": funding}
    )


def _in_kind(arr: Arrangement) -> Arrangement:
    """The first contribution of money becomes no money and a business support officer."""
    funding = list(arr.funding or ())
    for i, c in enumerate(funding):
        if c.amount:
            funding[i] = c.model_copy(
                update={"amount": Decimal(0), "in_kind": "business support officer"}
            )
            break
    else:
        return arr
    kept = IncompleteList(funding) if isinstance(arr.funding, IncompleteList) else tuple(funding)
    return arr.model_copy(update={"funding": kept})


def _sector(arr: Arrangement) -> Arrangement:
    """Members tagged with a sector but no body become members of the first council partner
    (its education lead, its social worker), keeping their sector."""
    council = next(
        (p.organisation for p in arr.partners or () if p.role is PartnerRole.LOCAL_AUTHORITY), None
    )
    if council is None or arr.groups is None:
        return arr

    def member(m: Membership) -> Membership:
        if m.sector is None or m.organisation is not None:
            return m
        if m.post is not None and m.post.organisation is not None:
            return m
        return m.model_copy(update={"organisation": council})

    groups = []
    for g in arr.groups:
        if g.members is not None and (g.kind in _STRATEGIC or g.id in (arr.macpts or ())):
            members = [member(m) for m in g.members]
            kept = (
                IncompleteList(members) if isinstance(g.members, IncompleteList) else tuple(members)
            )
            g = g.model_copy(update={"members": kept})
        groups.append(g)
    kind = IncompleteList if isinstance(arr.groups, IncompleteList) else tuple
    return arr.model_copy(update={"groups": kind(groups)})


def state(arrangement: Arrangement, what: str) -> Arrangement:
    """The arrangement with one of :data:`STATEMENTS` made (validated again)."""
    made = {"unit": _units, "in_kind": _in_kind, "sector": _sector}[what](arrangement)
    data = made.model_dump(mode="python", exclude_unset=True)
    return Arrangement.model_validate(data)
