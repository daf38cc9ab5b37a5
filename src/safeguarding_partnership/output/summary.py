"""A short account, for people, of what an arrangement describes on a day."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from safeguarding_partnership.model import Arrangement

__all__ = ["summarise"]


def _count(items: tuple[object, ...] | None, noun: str) -> str:
    if items is None:
        return f"{noun}: not recorded"
    return f"{noun}: {len(items)}"


def summarise(arr: Arrangement, as_of: dt.date) -> list[str]:
    """Lines describing the arrangement as of a day."""
    lines = [f"{arr.name} ({arr.id})"]
    areas = arr.areas_on(as_of)
    names = ", ".join(f"{a.name or a.code} ({a.code})" for a in areas) or "none on this day"
    lines.append(f"  areas: {names}")
    if arr.partners is None:
        lines.append("  safeguarding partners: not recorded")
    else:
        by_role: dict[str, list[str]] = {}
        for p in arr.partners:
            if p.in_force(as_of):
                org = arr.organisation(p.organisation)
                label = org.label if org else p.organisation
                if p.represented_by:
                    rep = arr.organisation(p.represented_by)
                    label += f", represented by {rep.label if rep else p.represented_by}"
                by_role.setdefault(p.role.value.replace("_", " "), []).append(label)
        lines.append("  safeguarding partners:")
        for role in sorted(by_role):
            lines.append(f"    {role}: {'; '.join(sorted(by_role[role]))}")
        if not by_role:
            lines.append("    none on this day")
    lines.append("  " + _count(arr.relevant_agencies, "relevant agencies"))
    if arr.groups is None:
        lines.append("  groups: not recorded")
    else:
        kinds = Counter(g.kind.value.replace("_", " ") for g in arr.groups if g.in_force(as_of))
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        lines.append(f"  groups: {sum(kinds.values())}" + (f" ({detail})" if detail else ""))
    scrutiny = arr.independent_scrutiny
    lines.append(
        "  independent scrutiny: "
        + ("not recorded" if scrutiny is None else (scrutiny.model or "recorded"))
    )
    lines.append("  " + _count(arr.yearly_reports, "yearly reports"))
    reviews = arr.practice_reviews
    lines.append("  " + _count(reviews, "local child safeguarding practice reviews"))
    return lines
