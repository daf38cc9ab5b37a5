"""What a file leaves unknown, said once: "not recorded" findings grouped into facts.

A rule that needs a fact the file does not record says so at information level, "not
recorded: {what}" (:func:`safeguarding_partnership.rules.unknown`). Several rules may need one
fact (LEAD-004 and PUB-016 both need each partner's delegated safeguarding partner), and a rule
about partners says it once per partner. For people, each missing fact is one line:

- the grouping key is the text after "not recorded: ", with a trailing "of X" or "for X",
  where X is an organisation of the arrangement, read as "of" a subject;
- findings with one key are one :class:`UnknownFact`, naming every rule that said it and
  every subject, in the order the findings come.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.model import Arrangement

__all__ = ["NOT_RECORDED", "UnknownFact", "group_unknowns", "is_unknown"]

NOT_RECORDED = "not recorded: "
"""How the message of a finding about an unknown fact begins."""

_SUBJECT = re.compile(r"^(?P<stem>.+) (?:of|for) (?P<subject>\S+)$")


def is_unknown(finding: Finding) -> bool:
    """Whether a finding only says that the file leaves a fact unknown."""
    return finding.severity is Severity.INFO and finding.message.startswith(NOT_RECORDED)


@attrs.frozen
class UnknownFact:
    """One fact the file leaves unknown, however many rules and partners needed it."""

    what: str
    """The fact, without its subjects: ``the delegated safeguarding partner``."""
    subjects: tuple[str, ...]
    """The organisations it is unknown for (ids, as the file writes them), or none."""
    findings: tuple[Finding, ...]

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(sorted({f.rule_id for f in self.findings}))

    @property
    def text(self) -> str:
        """The fact for people: ``the chair of met and nel-icb``."""
        if not self.subjects:
            return self.what
        names = list(self.subjects)
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"{self.what} of {listed}"


def _key(message: str, organisations: set[str]) -> tuple[str, str | None]:
    fact = message.removeprefix(NOT_RECORDED)
    match = _SUBJECT.match(fact)
    if match is not None and match.group("subject") in organisations:
        return match.group("stem"), match.group("subject")
    return fact, None


def group_unknowns(findings: Iterable[Finding], arrangement: Arrangement) -> list[UnknownFact]:
    """The "not recorded" findings among ``findings`` as facts, each said once, in the order
    their first findings come."""
    organisations = {o.id for o in arrangement.organisations or ()}
    organisations |= {p.organisation for p in arrangement.partners or ()}
    subjects: dict[tuple[str, bool], list[str]] = {}
    members: dict[tuple[str, bool], list[Finding]] = {}
    for f in findings:
        if not is_unknown(f):
            continue
        what, subject = _key(f.message, organisations)
        key = (what, subject is not None)
        members.setdefault(key, []).append(f)
        named = subjects.setdefault(key, [])
        if subject is not None and subject not in named:
            named.append(subject)
    return [
        UnknownFact(key[0], tuple(subjects[key]), tuple(found)) for key, found in members.items()
    ]
