"""Sphinx extension: the rule reference pages, generated from the rule registry at build time.

``reference/rules.md`` and ``reference/rules-not-implemented.md`` are stubs in the source tree;
on ``source-read`` their text is replaced by pages built from
:func:`safeguarding_partnership.rules.core.core_rules`, the engine's own rules, the registry
rules, the parsed catalogue (``statutory-rules.md``) and the not-implemented register. Nothing
in them is written by hand, so they cannot drift from the code.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from safeguarding_partnership.findings import Citation
from safeguarding_partnership.reference.catalogue import (
    CatalogueEntry,
    catalogue_entries,
    source_keys,
)
from safeguarding_partnership.rules.core import core_rules, registry_rules
from safeguarding_partnership.rules.coverage import catalogue_coverage
from safeguarding_partnership.rules.docs import (
    STATUS_TEXT,
    day_text,
    in_force_text,
    is_failing,
    rule_examples,
)
from safeguarding_partnership.rules.engine import META_RULES
from safeguarding_partnership.rules.rule import Rule

__all__ = ["not_implemented_page", "rule_examples", "rules_page", "setup"]

RULES_DOC = "reference/rules"
NOT_IMPLEMENTED_DOC = "reference/rules-not-implemented"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _language(text: str) -> str:
    try:
        YAML(typ="safe", pure=True).load(text)
    except YAMLError:
        return "text"
    return "yaml"


def _family_title(prefix: str, rules: list[Rule], sections: dict[str, str]) -> str:
    if prefix in sections:
        return sections[prefix].split(". ", 1)[-1]
    module = importlib.import_module(rules[0].function.__module__)
    summary = (module.__doc__ or "").strip().splitlines()
    return summary[0].rstrip(".") if summary else prefix.rstrip("-")


def _prose(lines: Iterable[str]) -> str:
    text = "\n".join(lines).strip()
    return text.replace(":class:", "").replace(":func:", "").replace(":data:", "")


def _link(text: str, url: str | None, title: str = "") -> str:
    if not url:
        return text
    hover = f' "{title.replace(chr(34), chr(39))}"' if title else ""
    return f"[{text}]({url}{hover})"


def _citations(citations: Iterable[Citation]) -> str:
    """The provisions cited, each linked to its official text where the catalogue has it."""
    return "; ".join(_link(c.text, c.url) for c in citations)


def _evidence(evidence: Iterable[str]) -> str:
    """The secondary sources a rule's wording was verified through, linked from the catalogue."""
    keys = source_keys()
    return ", ".join(_link(e, keys[e].url, keys[e].title) if e in keys else e for e in evidence)


def _rule_section(rule: Rule, entry: CatalogueEntry | None) -> Iterator[str]:
    yield f"({rule.code})="
    yield f"### {rule.code}: {rule.title}"
    yield ""
    yield "| | |"
    yield "|---|---|"
    yield f"| Strength | {rule.strength.value} (findings at {rule.severity.value} level) |"
    yield f"| Regimes | {', '.join(r.key for r in rule.regimes) or '—'} |"
    yield f"| In force | {_cell(in_force_text(rule))} |"
    yield f"| Status | {_cell(STATUS_TEXT[rule.status])} |"
    yield f"| Confidence | {rule.confidence} |"
    yield f"| Citation | {_cell(_citations(rule.citations)) or '—'} |"
    if rule.evidence:
        yield f"| Verified through | {_cell(_evidence(rule.evidence))} |"
    if entry is not None:
        yield f"| Catalogue | check: {entry.check}; {_cell(entry.section)} |"
    if rule.provider != "core":
        yield f"| Provider | {rule.provider} |"
    yield ""
    prose, examples = rule_examples(rule.doc)
    if prose:
        yield _prose(prose)
        yield ""
    if rule.hint:
        yield f"**Hint:** {rule.hint}"
        yield ""
    for label, text in examples:
        kind = "failing" if is_failing(label) else "passing"
        named = label.split(" ", 1)[0].lower() in ("failing", "passing")
        yield f"*{label}*:" if named else f"*{label}* ({kind} example):"
        yield ""
        yield f"```{_language(text)}"
        yield text
        yield "```"
        yield ""


def _registry_section(rule: Rule) -> Iterator[str]:
    yield f"({rule.code})="
    yield f"### {rule.code}: {rule.title}"
    yield ""
    yield "| | |"
    yield "|---|---|"
    yield f"| Strength | {rule.strength.value} (findings at {rule.severity.value} level) |"
    yield f"| Runs | {'only with `check --england`' if rule.england_only else 'always'} |"
    yield f"| Citation | {_cell(rule.citation) or '—'} |"
    yield f"| Regimes | {', '.join(r.key for r in rule.regimes) or '— (a consistency check)'} |"
    yield f"| In force | {f'from {day_text(rule.valid_from)}' if rule.valid_from else 'always'} |"
    yield ""
    prose, examples = rule_examples(rule.doc)
    if prose:
        yield _prose(prose)
        yield ""
    if rule.hint:
        yield f"**Hint:** {rule.hint}"
        yield ""
    for label, text in examples:
        yield f"*{label}*:"
        yield ""
        yield f"```{_language(text)}"
        yield text
        yield "```"
        yield ""


def rules_page() -> str:
    """The rule reference, as MyST Markdown."""
    rules = core_rules()
    registry = registry_rules()
    entries = {e.id: e for e in catalogue_entries()}
    sections = {e.prefix: e.section for e in catalogue_entries()}
    families: dict[str, list[Rule]] = {}
    for rule in rules:
        families.setdefault(rule.prefix, []).append(rule)
    out = [
        "# Rules",
        "",
        "Every rule of the core, generated from the rule registry "
        "(`safeguarding_partnership.rules.core.core_rules()`) when the documentation is "
        "built. Each code is an identifier, never reused; the citation says where the duty "
        "comes from, linked to the official text where the rule catalogue gives its address, "
        "and *verified through* names the secondary sources (the catalogue's source keys) "
        "through which the wording was checked. Select and ignore rules as described in the "
        "file format and command-line references; an ignore always carries a reason.",
        "",
        f"{len(rules)} core rules in {len(families)} families, "
        f"{len(META_RULES)} engine rule(s) and {len(registry)} registry rule(s). "
        "Catalogue entries with no rule are listed, with the reason, in "
        "[rules not implemented](rules-not-implemented.md).",
        "",
        "| Code | Title | Strength | Status |",
        "|---|---|---|---|",
    ]
    for rule in (*rules, *META_RULES, *registry):
        out.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {_cell(rule.title)} | "
            f"{rule.strength.value} | {rule.status.value.replace('_', ' ')} |"
        )
    out.append("")
    for prefix in sorted(families):
        members = families[prefix]
        out.append(f"## {prefix.rstrip('-')}: {_family_title(prefix, members, sections)}")
        out.append("")
        for rule in members:
            out.extend(_rule_section(rule, entries.get(rule.code)))
    out += [
        "## SP: the engine's own rules",
        "",
        "Reported by the engine about the configuration itself. `SP-LOAD` is the SARIF rule id "
        "of a file that could not be loaded (an input error, exit code 2).",
        "",
    ]
    for rule in META_RULES:
        out.extend(_rule_section(rule, None))
    out += [
        "## REGISTRY: arrangements checked together",
        "",
        "Run once over every arrangement loaded by one `check`, after the per-arrangement rules.",
        "",
    ]
    for registry_rule in registry:
        out.extend(_registry_section(registry_rule))
    return "\n".join(out) + "\n"


def not_implemented_page() -> str:
    """Catalogue entries with no rule, and why, as MyST Markdown."""
    cov = catalogue_coverage()
    out = [
        "# Rules not implemented",
        "",
        "Generated when the documentation is built, from the rule catalogue "
        "(`statutory-rules.md`, packaged with the library), the core rules and the register "
        "`safeguarding_partnership.rules.coverage.NOT_IMPLEMENTED`.",
        "",
        f"The catalogue has {cov.checkable + len(cov.not_checkable)} entries. "
        f"{cov.checkable} can be checked from data (`Check: yes` or `partly`): "
        f"{len(cov.implemented)} are rules, {len(cov.by_engine)} are implemented by the "
        f"engine itself, and {len(cov.not_implemented)} are not implemented, for the reasons "
        f"below. {len(cov.not_checkable)} cannot be checked from data.",
        "",
        "## Checkable, not implemented",
        "",
        "| Entry | Title | Check | Why not |",
        "|---|---|---|---|",
    ]
    for e, reason in cov.not_implemented:
        out.append(f"| {e.id} | {_cell(e.title)} | {e.check} | {_cell(reason)} |")
    if cov.missing:
        out += [
            "",
            "## Checkable, not yet accounted for",
            "",
            "No rule and no recorded reason yet:",
            "",
        ]
        out += [f"- {e.id}: {_cell(e.title)}" for e in cov.missing]
    out += [
        "",
        "## Implemented by the engine",
        "",
        "| Entry | Title | How |",
        "|---|---|---|",
    ]
    out += [f"| {e.id} | {_cell(e.title)} | {_cell(how)} |" for e, how in cov.by_engine]
    out += [
        "",
        "## Not checkable from data",
        "",
        "The catalogue marks these `Check: no` or `n/a`; its own words follow.",
        "",
        "| Entry | Title | Check | Catalogue note |",
        "|---|---|---|---|",
    ]
    for e in cov.not_checkable:
        note = re.sub(r"^\*\*[^*]+\*\*[.,]?\s*", "", e.check_text).replace("**", "")
        out.append(f"| {e.id} | {_cell(e.title)} | {e.check} | {_cell(note) or '—'} |")
    return "\n".join(out) + "\n"


_PAGES = {RULES_DOC: rules_page, NOT_IMPLEMENTED_DOC: not_implemented_page}


def _source_read(app: Any, docname: str, source: list[str]) -> None:
    page = _PAGES.get(docname)
    if page is not None:
        source[0] = page()


def _always_outdated(app: Any, env: Any, added: Any, changed: Any, removed: Any) -> list[str]:
    return [name for name in _PAGES if name in env.found_docs]


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", _source_read)
    app.connect("env-get-outdated", _always_outdated)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
