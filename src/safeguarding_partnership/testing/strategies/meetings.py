"""Groups and their meetings: a structure under the partnership meeting, each group keeping
the cadence it promises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from safeguarding_partnership.model import Cadence, Group, GroupKind, Membership, Post
from safeguarding_partnership.testing.strategies._choices import Choices, drawn
from safeguarding_partnership.testing.strategies._text import THEMES, slug

__all__ = ["groups"]


_CADENCES: tuple[Cadence, ...] = (
    Cadence(frequency="quarterly"),
    Cadence(frequency="monthly"),
    Cadence(every_weeks=6),
    Cadence(every_weeks=8),
)


def _meeting_days(cadence: Cadence, first: dt.date, as_of: dt.date) -> tuple[dt.date, ...]:
    """Every meeting from ``first`` to ``as_of`` at the cadence's regular step."""
    months = {"monthly": 1, "quarterly": 3, "yearly": 12}.get(cadence.frequency or "")
    weeks = cadence.every_weeks or (1 if cadence.frequency == "weekly" else None)
    days: list[dt.date] = []
    n = 0
    while True:
        if months is not None:
            day = first + relativedelta(months=n * months)
        else:
            day = first + dt.timedelta(weeks=n * (weeks or 1))
        if day > as_of:
            return tuple(days)
        days.append(day)
        n += 1


def build_cadence(
    choose: Choices, since: dt.date, as_of: dt.date
) -> tuple[Cadence, tuple[dt.date, ...]]:
    """A cadence and every meeting kept at it from ``since`` to ``as_of``."""
    cadence = choose.one_of(_CADENCES)
    gap = cadence.max_gap_days or 31
    first = since + dt.timedelta(days=choose.integer(0, min(gap - 1, 27)))
    if first.day > 28:
        first = first.replace(day=28)
    first = min(first, as_of)
    meetings = _meeting_days(cadence, first, as_of)
    if choose.boolean():
        return Cadence(dates=meetings), meetings
    if cadence.every_weeks is not None:
        cadence = Cadence(every_weeks=cadence.every_weeks, starting=first)
    return cadence, meetings


def build_groups(
    choose: Choices,
    since: dt.date,
    as_of: dt.date,
    chair: Post | None,
    members: tuple[Membership, ...],
    max_thematic: int,
) -> tuple[Group, ...]:
    """The group structure (see :func:`groups`)."""
    cadence, meetings = build_cadence(choose, since, as_of)
    education = Membership(
        post=Post(title="Headteacher representative"), role="member", sector="education"
    )
    top = Group(
        id="partnership",
        name="Safeguarding Children Partnership meeting",
        kind=GroupKind.PARTNERSHIP_MEETING,
        purpose="Sets the partnership's strategic direction and holds agencies to account.",
        chair=chair,
        members=(*members, education),
        cadence=cadence,
        reports_to=(),
        meetings=meetings,
    )
    # Each theme is drawn with everything about it, so deleting one deletes the whole group
    # and shrinking reaches the fewest groups a failure needs.
    themes = choose.several(
        lambda c: (
            c.one_of(THEMES),
            build_cadence(c, since, as_of),
            c.boolean(),
            c.integer(0, max_thematic),
        ),
        unique_by=lambda item: item[0],
        max_size=max_thematic,
    )
    found = [top]
    thematic_ids: list[str] = []
    for theme, (cadence, meetings), sub, pick in themes:
        is_sub = bool(thematic_ids) and sub
        parent = thematic_ids[pick % len(thematic_ids)] if is_sub else top.id
        group = Group(
            id=slug(theme),
            name=f"{theme} {'subgroup' if is_sub else 'group'}",
            kind=GroupKind.SUBGROUP if is_sub else GroupKind.THEMATIC_GROUP,
            cadence=cadence,
            reports_to=(parent,),
            meetings=meetings,
        )
        if not is_sub:
            thematic_ids.append(group.id)
        found.append(group)
    return tuple(found)


def groups(
    *,
    since: dt.date,
    as_of: dt.date,
    chair: Post | None = None,
    members: Sequence[Membership] = (),
    max_thematic: int = 4,
) -> st.SearchStrategy[tuple[Group, ...]]:
    """A group structure: the partnership meeting at the top (``reports_to: none``), with
    thematic groups reporting to it and subgroups reporting to those.

    Each group has a cadence and the meetings it kept from ``since`` up to ``as_of``, never
    further apart than the cadence promises. Shrinks towards the partnership meeting alone,
    meeting quarterly from ``since``.
    """
    held = tuple(members)
    return drawn(lambda choose: build_groups(choose, since, as_of, chair, held, max_thematic))
