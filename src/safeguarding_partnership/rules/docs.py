"""A rule's documentation read from the rule itself: its docstring's prose and labelled
examples, and its status and days in force in words.

One reading for every place that explains a rule: the rules page of the documentation
(``docs/_ext/rules_catalogue.py``), ``safeguarding-partnership rule CODE`` and the test that
runs each docstring's examples as fixtures.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re

from safeguarding_partnership.rules.rule import Rule, RuleStatus

__all__ = [
    "FAILING_LABELS",
    "PASSING_LABELS",
    "STATUS_TEXT",
    "day_text",
    "in_force_text",
    "is_failing",
    "rule_examples",
]

_LABEL = re.compile(r"^(?P<label>[^\s].*)::\s*$")

FAILING_LABELS = ("Failing", "Flagged", "Not recorded")
"""How the label of an example that gives the rule's finding begins."""
PASSING_LABELS = ("Passing", "Quiet")
"""How the label of an example that gives none of the rule's findings begins."""

STATUS_TEXT = {
    RuleStatus.STABLE: "stable: runs by default while in force",
    RuleStatus.PREVIEW: "preview: rests on unconfirmed guidance; runs only when selected "
    "(`--select`) or with `--include-preview`",
    RuleStatus.NOT_COMMENCED: "not commenced: law not yet in force; runs only from a "
    "commencement date set in `rules.commencement` or with `--include-not-commenced`",
}
"""Each status in words."""


def is_failing(label: str) -> bool:
    """Whether an example's label says it gives the rule's finding."""
    return label.startswith(FAILING_LABELS)


def _dedent(block: list[str]) -> str:
    while block and not block[-1].strip():
        block.pop()
    while block and not block[0].strip():
        block.pop(0)
    indent = min((len(b) - len(b.lstrip()) for b in block if b.strip()), default=0)
    return "\n".join(b[indent:] for b in block)


def rule_examples(doc: str) -> tuple[list[str], list[tuple[str, str]]]:
    """A docstring split into its prose lines and its labelled literal examples.

    A line such as ``Failing (as of 2024-01-01)::`` opens an example; the indented lines after
    it are the example's text.

    >>> rule_examples('''Say a name.
    ...
    ... Failing::
    ...
    ...     name: ""
    ... ''')
    (['Say a name.', ''], [('Failing', 'name: ""')])
    """
    prose: list[str] = []
    examples: list[tuple[str, str]] = []
    lines = inspect.cleandoc(doc).splitlines()
    i = 0
    while i < len(lines):
        match = _LABEL.match(lines[i].strip()) if not lines[i].startswith(" ") else None
        if match is None:
            prose.append(lines[i])
            i += 1
            continue
        i += 1
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
            block.append(lines[i])
            i += 1
        examples.append((match.group("label"), _dedent(block)))
    return prose, examples


def day_text(day: dt.date | None) -> str:
    """A day in words, ``29 June 2018`` (empty for none)."""
    return f"{day.day} {day:%B %Y}" if day else ""


def in_force_text(rule: Rule) -> str:
    """The days a rule is in force, in words: ``from 29 June 2018``, or ``—`` if always."""
    start = f"from {day_text(rule.valid_from)}" if rule.valid_from else ""
    end = f"to {day_text(rule.valid_to)}" if rule.valid_to else ""
    dates = " ".join(x for x in (start, end) if x)
    if rule.status is RuleStatus.NOT_COMMENCED:
        return f"not commenced; then {dates}" if dates else "not commenced"
    return dates or "—"
