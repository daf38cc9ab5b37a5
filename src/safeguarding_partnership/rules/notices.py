"""Notices the engine gives about the check itself, not about a duty.

``SP-002`` says the arrangements are checked after their own last day (and which successor
to check); ``SP-003`` says a record of the file was used instead of a plugin's of the same id.
Both are information.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from safeguarding_partnership.errors import Location
from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.law import Strength
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.dates import earliest, latest
from safeguarding_partnership.rules.rule import Issue, Rule, reported_by_engine

__all__ = [
    "ENDED",
    "META_RULES",
    "OVERRIDDEN",
    "UNUSED_WAIVER",
    "ended_findings",
    "notice",
    "overridden_findings",
]

Locate = Callable[[tuple[str | int, ...]], Location | None]


def notice(*, code: str, title: str, hint: str, doc: str) -> Rule:
    """A rule the engine reports itself, about the check rather than a duty: no statute, no
    citations, information only (``MAY``)."""
    return Rule(
        code=code,
        title=title,
        strength=Strength.MAY,
        regimes=(),
        citations=(),
        function=reported_by_engine,
        hint=hint,
        confidence="P",
        doc=doc,
    )


ENDED = notice(
    code="SP-002",
    title="The arrangements are checked after their own end",
    hint="Check the arrangements as of a day they were in force (--as-of), or check the "
    "arrangements that replaced them.",
    doc="""The day checked is after the arrangements' last day (``valid_to``), so every
finding describes arrangements no longer in force. Said once, at info level, naming the
successor arrangements to check instead where the file links them (``links`` with
``relation: successor``). With a month- or year-level end, it says they may have ended.

Failing (as of 2022-01-01)::

    valid_to: 2021-03-31
    links:
      - {arrangement: north-northamptonshire, relation: successor}

Passing (as of 2021-01-01)::

    valid_to: 2021-03-31
""",
)
"""``SP-002``: reported by the engine when the arrangements ended before the day checked."""

OVERRIDDEN = notice(
    code="SP-003",
    title="The file's record wins over a plugin's of the same id",
    hint="Nothing to do if the file's record is the one you mean; otherwise remove it, or "
    "give it another id, to take the plugin's.",
    doc="""A group, organisation or relevant agency the file declares has the same id as one a
plugin contributes. The file, which its authors wrote, wins: the plugin's record is dropped,
and this information finding names both. Two plugins contributing the same id still conflict
(exit status 3).

Failing (with the havering plugin, which contributes the group ``hscp``)::

    plugins: [havering]
    groups:
      - {id: hscp, name: Our own partnership meeting, kind: partnership_meeting}

Passing::

    plugins: [havering]
    groups:
      - {id: our-meeting, name: Our own partnership meeting, kind: partnership_meeting}
""",
)
"""``SP-003``: a record of the file replaces a plugin's record of the same id."""

_RECORD_WORDS = {
    "groups": "group",
    "organisations": "organisation",
    "relevant_agencies": "relevant agency",
}


def overridden_findings(
    arrangement: Arrangement,
    overridden: Sequence[tuple[str, str, str]],
    locate: Locate | None = None,
) -> tuple[Finding, ...]:
    """``SP-003`` for each record of the file that replaced a plugin's (list name, key,
    plugin), at the file's record."""
    found = []
    for field, key, provider in overridden:
        items = getattr(arrangement, field, None) or ()
        index = (
            next((i for i, item in enumerate(items) if getattr(item, "key", None) == key), None)
            if field == "relevant_agencies"
            else next((i for i, item in enumerate(items) if getattr(item, "id", None) == key), None)
        )
        path: tuple[str | int, ...] = (field,) if index is None else (field, index)
        word = _RECORD_WORDS.get(field, field)
        found.append(
            OVERRIDDEN.finding(
                Issue(
                    f"the file's {word} {key!r} is used instead of the one plugin "
                    f"{provider!r} contributes with the same id",
                    path,
                    Severity.INFO,
                ),
                locate(path) if locate is not None else None,
            )
        )
    return tuple(found)


def ended_findings(
    arrangement: Arrangement, as_of: dt.date, locate: Locate | None = None
) -> tuple[Finding, ...]:
    """``SP-002`` when the day checked is after the arrangements' own last day."""
    end = arrangement.valid_to
    if end is None or as_of <= earliest(end):
        return ()
    surely = as_of > latest(end)
    successors = sorted(
        link.arrangement for link in arrangement.links or () if link.relation == "successor"
    )
    message = (
        f"the arrangements {'ended' if surely else 'may have ended'} on {end}, before the day "
        f"checked ({as_of}): the findings describe arrangements no longer in force"
    )
    if successors:
        message += f"; check {', '.join(successors)} instead"
    path: tuple[str | int, ...] = ("valid_to",)
    return (
        ENDED.finding(
            Issue(message, path, Severity.INFO), locate(path) if locate is not None else None
        ),
    )


UNUSED_WAIVER = notice(
    code="SP-001",
    title="A waiver suppresses nothing",
    hint="Remove the waiver, or correct its rule code or prefix.",
    doc="""An ignored rule or prefix matches no rule in force, or its rules found nothing.

A waiver is a decision recorded with a reason; one that suppresses nothing is out of date or
names the wrong code. Reported at info level, never as an error. Ignore ``SP-001`` itself (with
a reason) to silence it.

Failing::

    rules:
      ignore:
        - {rule: LATER-001, reason: not yet commenced}

Passing::

    rules:
      ignore:
        - {rule: PUB-011, reason: funding is published in the yearly report instead}
""",
)
"""``SP-001``: reported by the engine for every waiver that suppresses nothing."""

META_RULES: tuple[Rule, ...] = (UNUSED_WAIVER, ENDED, OVERRIDDEN)
"""Rules about the configuration itself, reported by the engine rather than run."""
