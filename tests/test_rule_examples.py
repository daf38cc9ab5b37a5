"""A rule is one unit: the Failing and Passing examples of its docstring are real fixtures.

Each example is a fragment of an arrangements file. It is laid over a base arrangement that
meets every core rule (``tests/fixtures/rule-examples/``: one as first published under WT2018,
one as revised for WT2023), its top-level keys replacing the base's, and checked as of a day
in the rule's regime (the example's own "as of" when its label gives one). A failing example
must give the rule's finding, at the rule's severity (error or warning for a definition or a
power, information where the label says so); a passing example must give none of the rule's
findings at all.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ruamel.yaml import YAML

from safeguarding_partnership.findings import Finding, Severity
from safeguarding_partnership.law import WT2023_START, Regime, Strength
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.rules.core import core_rules
from safeguarding_partnership.rules.docs import rule_examples
from safeguarding_partnership.rules.engine import Selection, run_rules
from safeguarding_partnership.rules.rule import Rule, split_hint
from safeguarding_partnership.rules.rule import rule as make_rule

ROOT = Path(__file__).resolve().parents[1]
BASES = Path(__file__).parent / "fixtures" / "rule-examples"

DEFAULT_DAY = {
    Regime.WT2018: dt.date(2021, 6, 30),
    Regime.WT2023: dt.date(2025, 3, 31),
    Regime.STATUTE: dt.date(2025, 3, 31),
    Regime.LATER: dt.date(2025, 3, 31),
}
"""The day an example is checked as of, when its label gives none: a day in the latest
regime the rule belongs to, after the dates the examples use."""

REMOVED: dict[tuple[str, str], tuple[str, ...]] = {
    ("RA-003", "Failing (not recorded: the file has no relevant_agencies key)"): (
        "relevant_agencies",
    ),
}
"""Examples that show a key left out of the file, which a fragment cannot write: the base's
key is removed."""

NOT_SELF_CONTAINED: dict[str, str] = {}
"""Rules whose examples cannot be self-contained fragments, with the reason."""

BEFORE_WT2023 = dt.date(2020, 1, 1)
"""A day the WT2018 base is also checked on: its first year in effect."""

_FAILING = ("Failing", "Flagged", "Not recorded")
_PASSING = ("Passing", "Quiet")
_INFORMATION = re.compile(r"information|not recorded", re.IGNORECASE)
_AS_OF = re.compile(r"as of (?P<year>\d{4})(?P<rest>-\d{2}-\d{2})?")


@cache
def _docs_extension() -> ModuleType:
    path = ROOT / "docs" / "_ext" / "rules_catalogue.py"
    spec = importlib.util.spec_from_file_location("rules_catalogue", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _yaml(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


@cache
def _base(name: str) -> dict[str, Any]:
    data = _yaml((BASES / f"{name}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _base_for(day: dt.date) -> dict[str, Any]:
    return dict(_base("wt2023" if day >= WT2023_START else "wt2018"))


def _examples() -> list[tuple[str, str, str]]:
    out = []
    for r in core_rules():
        _prose, examples = _docs_extension().rule_examples(r.doc)
        out += [(r.code, label, text) for label, text in examples]
    return out


def _day(rule: Rule, labels: list[str]) -> dt.date:
    for label in labels:
        found = _AS_OF.search(label)
        if found is not None:
            year = int(found.group("year"))
            if found.group("rest"):
                return dt.date.fromisoformat(found.group("year") + found.group("rest"))
            return dt.date(year, 3, 31)
    return max(DEFAULT_DAY[g] for g in rule.regimes)


def _findings(rule: Rule, data: dict[str, Any], day: dt.date) -> list[Finding]:
    arrangement = Arrangement.model_validate(data)
    selection = Selection(include_preview=True, include_not_commenced=True)
    result = run_rules(arrangement, [rule], day, selection=selection, settings=arrangement.settings)
    assert not result.failures, result.failures
    return [f for f in result.findings if f.rule_id == rule.code]


def _shows(rule: Rule, label: str, finding: Finding) -> bool:
    """Whether a finding is what a failing example shows: "not recorded" for such a label,
    else a breach at the rule's severity (any severity, for a definition or a power)."""
    unrecorded = finding.message.startswith("not recorded")
    if _INFORMATION.search(label):
        return finding.severity is Severity.INFO and (unrecorded or "not recorded" not in label)
    if unrecorded:
        return False
    return rule.strength not in (Strength.MUST, Strength.SHOULD) or (
        finding.severity is rule.severity
    )


EXAMPLES = _examples()
RULES = {r.code: r for r in core_rules()}


@pytest.mark.parametrize(
    ("code", "label", "text"), EXAMPLES, ids=[f"{c}:{x}" for c, x, _ in EXAMPLES]
)
def test_a_rule_example_is_a_real_fixture(code: str, label: str, text: str) -> None:
    if code in NOT_SELF_CONTAINED:
        pytest.skip(NOT_SELF_CONTAINED[code])
    rule = RULES[code]
    labels = [x for c, x, _ in EXAMPLES if c == code]
    day = _day(rule, [label, *labels])
    fragment = _yaml(text) or {}
    data = _base_for(day) | fragment
    for key in REMOVED.get((code, label), ()):
        data.pop(key, None)
    found = _findings(rule, data, day)
    if label.startswith(_FAILING):
        assert any(_shows(rule, label, f) for f in found), (day, found)
    else:
        assert label.startswith(_PASSING), label
        assert not found, (day, found)


def test_every_core_rule_has_examples_that_run() -> None:
    with_examples = {code for code, _, _ in EXAMPLES}
    assert with_examples | set(NOT_SELF_CONTAINED) == set(RULES)
    for code in RULES:
        labels = [label for c, label, _ in EXAMPLES if c == code]
        if code not in NOT_SELF_CONTAINED:
            assert any(x.startswith(_FAILING) for x in labels), code
            assert any(x.startswith(_PASSING) for x in labels), code


@pytest.mark.parametrize(
    "day", sorted({_day(r, []) for r in RULES.values()} | {dt.date(2020, 1, 1)})
)
def test_the_base_arrangements_meet_every_core_rule(day: dt.date) -> None:
    data = _base_for(day)
    for rule in RULES.values():
        serious = [f for f in _findings(rule, data, day) if f.severity is not Severity.INFO]
        assert not serious, (day, serious)


def test_a_docstring_hint_is_the_rules_hint_and_leaves_its_prose() -> None:
    """The ``Hint:`` paragraph is read out of the docstring: the rule's hint on one line, and
    gone from its documentation, which shows the hint once, in its own place."""

    @make_rule("RA-003")
    def agencies(ctx: object) -> list[object]:
        """What is checked.

        Hint: Record the
        agencies.

        Passing::

            relevant_agencies: []
        """
        return []

    assert agencies.hint == "Record the agencies."
    assert (
        agencies.doc == "What is checked.\n\n        Passing::\n\n            relevant_agencies: []"
    )
    for r in RULES.values():
        assert "Hint:" not in r.doc, r.code
        written = split_hint(r.function.__doc__ or "")[1]
        assert written == r.hint or (not written and r.hint), r.code  # else given as hint=


def test_a_hint_is_given_once() -> None:
    with pytest.raises(TypeError, match="give its hint once"):

        @make_rule("RA-003", hint="Record them.")
        def agencies(ctx: object) -> list[object]:
            """What is checked.

            Hint: Record the agencies.
            """
            return []

    @make_rule("RA-003", hint="Record them.")
    def quiet(ctx: object) -> list[object]:
        """What is checked."""
        return []

    assert quiet.hint == "Record them." and quiet.doc == "What is checked."


_RULE_DOC = """What is checked.

    {middle}Failing::

        notes: |
          Hint: a line of the example, not the hint
    """


@pytest.mark.parametrize(
    ("middle", "hint"),
    [
        ("Hint: Do one thing.\n\n    ", "Do one thing."),
        ("Hint:\tDo one\n    thing.\n\n    ", "Do one thing."),
        ("Hint:\n    Do one thing.\n\n    ", "Do one thing."),
        ("", ""),
    ],
)
def test_a_hint_paragraph_is_read_and_the_examples_kept(middle: str, hint: str) -> None:
    doc = _RULE_DOC.format(middle=middle)
    rest, found = split_hint(doc)
    assert found == hint
    assert rest == _RULE_DOC.format(middle="")
    assert rule_examples(rest)[1] == [
        ("Failing", "notes: |\n  Hint: a line of the example, not the hint")
    ]


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        ("Hint: Do it.\n\n    What is checked.\n    ", "comes after what the rule checks"),
        ("What is checked.\n    Hint: Do it.\n    ", "follows a blank line"),
        ("What.\n\n    Hint: Do it.\n\n    Hint: Again.\n    ", "one Hint: paragraph"),
        ("What.\n\n    Hint:\n\n    Failing::\n\n        a: 1\n    ", "is empty"),
        ("What.\n\n    Hint: Do it.\n    Failing::\n\n        a: 1\n    ", "label follows"),
        ("What.\n\n    Hint: Do it.\n      then this.\n    ", "at the docstring's margin"),
    ],
)
def test_a_hint_the_reader_would_misread_is_refused(doc: str, reason: str) -> None:
    def check(ctx: object) -> list[object]:
        return []

    check.__doc__ = doc
    with pytest.raises(ValueError, match=f"rule RA-003: .*{re.escape(reason)}"):
        make_rule("RA-003")(check)
