"""``safeguarding-partnership rule CODE`` explains a rule, as ``ruff rule`` does.

Title, code, strength, regimes, days in force, status, the docstring's explanation, the
citation with its official links, what its wording was verified through (the catalogue's
evidence: only here and on the rules page, never in a finding) and the failing and passing
examples. For every core rule, the engine's, the registry's and installed plugins' rules.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from safeguarding_partnership.cli import cli, main
from safeguarding_partnership.output.sarif import help_uri
from safeguarding_partnership.reference.catalogue import source_keys
from safeguarding_partnership.rules.core import core_rules, registry_rules
from safeguarding_partnership.rules.docs import in_force_text, is_failing, rule_examples
from safeguarding_partnership.rules.engine import META_RULES
from safeguarding_partnership.rules.rule import Rule

CORE = {r.code: r for r in core_rules()}
OTHERS = {r.code: r for r in (*META_RULES, *registry_rules())}


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["rule", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def _assert_explains(rule: Rule, text: str) -> None:
    assert text.startswith(f"# {rule.code}: {rule.title}\n")
    assert f"Strength: {rule.strength.value} (findings at {rule.severity.value} level)" in text
    assert f"In force: {in_force_text(rule)}" in text
    assert f"Provider: {rule.provider}" in text
    for regime in rule.regimes:
        assert regime.key in text.split("Regimes: ", 1)[1].split("\n", 1)[0]
    for c in rule.citations:
        assert c.text in text, (rule.code, c.text)
        if c.url:
            assert f"<{c.url}>" in text, (rule.code, c.url)
    citation_line = next(line for line in text.splitlines() if line.startswith("- Citation:"))
    for key in rule.evidence:
        assert key in text.split("- Verified through:", 1)[1], (rule.code, key)
        assert key not in citation_line or any(key in c.text for c in rule.citations)
    prose, examples = rule_examples(rule.doc)
    first = next(line for line in prose if line.strip())
    assert first.strip() in text
    for label, example in examples:
        kind = "failing" if is_failing(label) else "passing"
        named = label.split(" ", 1)[0].lower() == kind
        assert f"## {label}{'' if named else f' ({kind} example)'}\n" in text, (rule.code, label)
        assert example in text, (rule.code, label)
    uri = help_uri(rule)
    if uri is not None:
        assert f"Documentation: <{uri}>" in text


@pytest.mark.parametrize("code", sorted(CORE))
def test_every_core_rule_is_explained(code: str) -> None:
    exit_code, out, _err = _invoke(code)
    assert exit_code == 0
    _assert_explains(CORE[code], out)


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_the_engines_and_registry_rules_are_explained(code: str) -> None:
    exit_code, out, _err = _invoke(code)
    assert exit_code == 0
    _assert_explains(OTHERS[code], out)


def test_an_installed_plugins_rule_is_explained() -> None:
    exit_code, out, _err = _invoke("HAV-001")
    assert exit_code == 0
    assert out.startswith("# HAV-001: ")
    assert "Provider: havering" in out
    assert "<https://safeguardinghavering.org.uk/childrenpartnership/about-us/>" in out
    assert "Documentation:" not in out  # not on our rules page


def test_codes_are_read_in_any_case() -> None:
    assert _invoke("pub-003")[:2] == _invoke("PUB-003")[:2]


def _json(code: str) -> dict[str, Any]:
    exit_code, out, _err = _invoke(code, "--format", "json")
    assert exit_code == 0
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.mark.parametrize("code", sorted(CORE))
def test_every_core_rule_is_explained_as_json(code: str) -> None:
    rule = CORE[code]
    data = _json(code)
    keys = source_keys()
    assert (data["code"], data["title"], data["strength"]) == (
        rule.code,
        rule.title,
        rule.strength.value,
    )
    assert data["citations"] == [{"text": c.text, "url": c.url} for c in rule.citations]
    assert [e["key"] for e in data["verified_through"]] == list(rule.evidence)
    for e in data["verified_through"]:
        assert e["url"] == (keys[e["key"]].url if e["key"] in keys else None)
    _prose, examples = rule_examples(rule.doc)
    assert [(x["label"], x["failing"], x["text"]) for x in data["examples"]] == [
        (label, is_failing(label), text) for label, text in examples
    ]
    assert data["documentation"] == help_uri(rule)
    assert data["in_force"] == in_force_text(rule)
    assert data["explanation"].strip()


def test_a_rule_with_a_failing_and_a_passing_example() -> None:
    exit_code, out, _err = _invoke("PUB-003")
    assert exit_code == 0
    assert "## Failing\n\n```yaml\ncontents: {" in out
    assert "## Passing\n\n```yaml\ncontents: {" in out
    assert "- Citation: CSWA 2017 ss.16–18 <https://www.legislation.gov.uk/ukpga/2017/16>" in out
    assert "- Verified through: BB19 " in out


@pytest.mark.parametrize(
    ("code", "suggestion"),
    [("PUB-03", "PUB-003"), ("PARTNER-001", "PARTNERS-001"), ("SP-01", "SP-001")],
)
def test_an_unknown_code_suggests_and_exits_2(
    code: str, suggestion: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["rule", code])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"unknown rule code {code!r}" in err
    assert f"did you mean {suggestion}" in err


def test_a_catalogue_entry_without_a_rule_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["rule", "PARTNERS-008"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "PARTNERS-008 is in the rule catalogue but is not a rule" in err
    assert "information-request log" in err
