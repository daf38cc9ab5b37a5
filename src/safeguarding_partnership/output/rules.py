"""How rules are printed: the list (``rules``) and one rule explained (``rule CODE``).

``rule CODE`` explains a rule as ``ruff rule`` does, in Markdown: its title, code, strength,
regimes, days in force, status, the docstring's explanation, the citation with the official
addresses, what its wording was verified through (the catalogue's evidence, which findings never
carry) and its failing and passing examples; or the same as JSON.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from safeguarding_partnership.errors import UnknownRuleError
from safeguarding_partnership.findings import CORE, cite
from safeguarding_partnership.reference.catalogue import catalogue_entries, source_keys
from safeguarding_partnership.rules.core import registry_rules
from safeguarding_partnership.rules.docs import (
    STATUS_TEXT,
    in_force_text,
    is_failing,
    rule_examples,
)
from safeguarding_partnership.rules.engine import META_RULES
from safeguarding_partnership.rules.rule import Rule

__all__ = [
    "RULES_PAGE",
    "explain_rule",
    "explainable_rules",
    "explanation_data",
    "find_rule",
    "help_uri",
    "render_rules",
    "rule_as_data",
]

RULES_PAGE = "https://safeguarding-partnership.readthedocs.io/en/latest/reference/rules.html"
"""The documentation's rules page (``docs/reference/rules.md``): a section per core rule."""


def help_uri(rule: Rule) -> str | None:
    """The address of a rule's documentation: its section of the rules page, for the core's
    rules (the page labels each with its code, which Sphinx makes the lower-case id)."""
    return f"{RULES_PAGE}#{rule.code.lower()}" if rule.provider == CORE else None


def rule_as_data(rule: Rule) -> dict[str, Any]:
    """A rule's metadata as plain data (``rules --json``)."""
    return {
        "code": rule.code,
        "title": rule.title,
        "strength": rule.strength.value,
        "severity": rule.severity.value,
        "regimes": [r.key for r in rule.regimes],
        "status": rule.status.value,
        "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
        "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
        "confidence": rule.confidence,
        "provider": rule.provider,
        "scope": rule.scope.value,
        "citation": rule.citation,
        "hint": rule.hint,
    }


def render_rules(rules: Sequence[Rule], fmt: str) -> str:
    """The rules (and the engine's own, such as ``SP-001``, and the registry rules, which run
    over the arrangements checked together) as ``human`` text or ``json``."""
    every = sorted(
        {r.code: r for r in (*rules, *META_RULES, *registry_rules())}.values(), key=lambda r: r.code
    )
    if fmt == "json":
        return json.dumps([rule_as_data(r) for r in every], indent=2) + "\n"
    lines = []
    for r in every:
        regimes = ",".join(x.key for x in r.regimes)
        status = "" if r.status.value == "stable" else f" [{r.status.value}]"
        lines.append(
            f"{r.code:<13} {r.strength.value:<6} {regimes or '-':<15} {r.title}{status}"
            + (f" ({r.provider})" if r.provider != CORE else "")
        )
    lines.append(f"{len(every)} rules")
    return "\n".join(lines) + "\n"


# --- one rule explained ---------------------------------------------------------------------


def explainable_rules(installed: Iterable[Rule]) -> dict[str, Rule]:
    """Every rule ``rule CODE`` can explain, by code: the installed rules (the core's and the
    plugins'), the engine's own and the registry rules."""
    found: dict[str, Rule] = {}
    for r in (*installed, *META_RULES, *registry_rules()):
        found.setdefault(r.code, r)
    return found


def find_rule(code: str, rules: dict[str, Rule]) -> Rule:
    """The rule with a code, in any case; :class:`~.errors.UnknownRuleError` (exit 2) if there is
    none, with the nearest codes or, for a catalogue entry that is not a rule, the reason."""
    wanted = code.strip().upper()
    if wanted in rules:
        return rules[wanted]
    from safeguarding_partnership.rules.coverage import catalogue_coverage

    cov = catalogue_coverage()
    reasons = {e.id: why for e, why in (*cov.not_implemented, *cov.by_engine)}
    reasons |= {e.id: f"the catalogue marks it Check: {e.check}" for e in cov.not_checkable}
    if wanted in reasons:
        raise UnknownRuleError(
            f"{wanted} is in the rule catalogue but is not a rule: {reasons[wanted]} "
            "(see `safeguarding-partnership rules --coverage`)"
        )
    known = sorted({*rules, *(e.id for e in catalogue_entries())})
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    numbered = _NUMBERED.match(wanted)
    if numbered is not None:  # PUB-3 and PUB-03 mean PUB-003
        padded = f"{numbered.group('prefix')}-{int(numbered.group('number')):03d}"
        if padded in known:
            close = [padded, *(c for c in close if c != padded)][:3]
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise UnknownRuleError(
        f"unknown rule code {code!r}{hint} (`safeguarding-partnership rules` lists them)"
    )


_NUMBERED = re.compile(r"^(?P<prefix>[A-Z]+)-?(?P<number>\d{1,3})$")
_ROLE = re.compile(r":(?:class|func|data|meth|attr|mod):`~?([^`]+)`")


def _explanation(doc: str) -> str:
    prose, _examples = rule_examples(doc)
    return _ROLE.sub(r"`\1`", "\n".join(prose).strip())


def _evidence(rule: Rule) -> list[dict[str, str | None]]:
    keys = source_keys()
    return [
        {
            "key": e,
            "title": keys[e].title if e in keys else None,
            "url": keys[e].url if e in keys else None,
        }
        for e in rule.evidence
    ]


def _examples(rule: Rule) -> list[dict[str, Any]]:
    _prose, examples = rule_examples(rule.doc)
    return [{"label": label, "failing": is_failing(label), "text": t} for label, t in examples]


def explanation_data(rule: Rule) -> dict[str, Any]:
    """A rule explained, as plain data (``rule CODE --format json``)."""
    return {
        **rule_as_data(rule),
        "scope": rule.scope.value,
        "in_force": in_force_text(rule),
        "citations": [{"text": c.text, "url": c.url} for c in rule.citations],
        "verified_through": _evidence(rule),
        "explanation": _explanation(rule.doc),
        "examples": _examples(rule),
        "documentation": help_uri(rule),
    }


def _language(text: str) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        YAML(typ="safe", pure=True).load(text)
    except YAMLError:
        return "text"
    return "yaml"


def explain_rule(rule: Rule, fmt: str = "text") -> str:
    """A rule explained, for people (Markdown) or programs (``json``)."""
    data = explanation_data(rule)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    facts = [
        f"Code: {rule.code}",
        f"Strength: {rule.strength.value} (findings at {rule.severity.value} level)",
        f"Regimes: {', '.join(r.key for r in rule.regimes) or '—'}",
        f"In force: {data['in_force']}",
        f"Status: {STATUS_TEXT[rule.status]}",
        f"Confidence: {rule.confidence}",
        f"Provider: {rule.provider}",
        f"Citation: {cite(rule.citations) or '—'}",
    ]
    if rule.evidence:
        verified = "; ".join(
            f"{e['key']} <{e['url']}>" if e["url"] else str(e["key"])
            for e in data["verified_through"]
        )
        facts.append(f"Verified through: {verified}")
    if data["documentation"]:
        facts.append(f"Documentation: <{data['documentation']}>")
    out = [f"# {rule.code}: {rule.title}", "", *(f"- {fact}" for fact in facts), ""]
    if data["explanation"]:
        out += [data["explanation"], ""]
    if rule.hint:
        out += [f"Hint: {rule.hint}", ""]
    for example in data["examples"]:
        label = example["label"]
        kind = "failing" if example["failing"] else "passing"
        named = label.split(" ", 1)[0].lower() == kind
        out += [
            f"## {label}" + ("" if named else f" ({kind} example)"),
            "",
            f"```{_language(example['text'])}",
            example["text"],
            "```",
            "",
        ]
    return "\n".join(out)
