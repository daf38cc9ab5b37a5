"""The rule catalogue read as data, and the core's coverage of it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from safeguarding_partnership.cli import cli
from safeguarding_partnership.law import Strength
from safeguarding_partnership.plugins.core import core_prefixes
from safeguarding_partnership.reference.catalogue import (
    CHECK_VALUES,
    catalogue_entries,
    catalogue_text,
    entry,
    parse_catalogue,
)
from safeguarding_partnership.rules import Issue, Regime, RuleContext, RuleStatus, rule
from safeguarding_partnership.rules.core import (
    core_rules,
)
from safeguarding_partnership.rules.coverage import (
    NOT_IMPLEMENTED,
    catalogue_coverage,
    coverage_lines,
)
from safeguarding_partnership.rules.engine import IMPLEMENTED_BY_ENGINE, META_RULES

REGIME_ROWS = {
    "STATUTE": Regime.STATUTE,
    "WT2018": Regime.WT2018,
    "WT2023": Regime.WT2023,
    "LATER": Regime.LATER,
}


def _counts_table() -> dict[tuple[Regime, Strength], int]:
    """Section 4 of the catalogue: entries by lead regime and main strength."""
    section = catalogue_text().split("## 4. Rule counts", 1)[1]
    counts: dict[tuple[Regime, Strength], int] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not cells[0] or cells[0].split()[0] not in REGIME_ROWS:
            continue
        regime = REGIME_ROWS[cells[0].split()[0]]
        for strength, cell in zip(
            (Strength.MUST, Strength.SHOULD, Strength.MAY, Strength.DEF), cells[1:5], strict=True
        ):
            counts[(regime, strength)] = int(cell)
    return counts


def test_ninety_one_entries_with_unique_ids_as_section_4_says() -> None:
    entries = catalogue_entries()
    total = re.search(r"(\d+) rules in all", catalogue_text())
    assert total is not None
    assert len(entries) == int(total.group(1)) == 91
    assert len({e.id for e in entries}) == len(entries)


def test_counts_by_regime_and_strength_match_section_4() -> None:
    table = _counts_table()
    assert sum(table.values()) == 91
    parsed = Counter((e.regime, e.strength) for e in catalogue_entries())
    for key, expected in table.items():
        assert parsed.get(key, 0) == expected, key


def test_every_entry_has_a_check_value_and_confidence() -> None:
    for e in catalogue_entries():
        assert e.check in CHECK_VALUES, e.id
        assert e.title, e.id
        assert re.fullmatch(r"[PSU](/[PSU])*", e.confidence), (e.id, e.confidence)
        assert e.section[:2] in {f"{x}." for x in "ABCDEFGHIJKL"}, e.id


def test_known_entries_read_correctly() -> None:
    first = entry("PARTNERS-001")
    assert (first.title, first.strength, first.regime, first.check, first.confidence) == (
        "The three safeguarding partner roles",
        Strength.DEF,
        Regime.STATUTE,
        "yes",
        "P",
    )
    row = entry("PUB-011")
    assert (row.title, row.strength, row.regime, row.check, row.confidence) == (
        "How the arrangements will be funded",
        Strength.SHOULD,
        Regime.WT2018,
        "yes",
        "S/U",
    )
    assert entry("REPORT-005").strength is Strength.SHOULD  # mixed: counted as SHOULD
    assert entry("CDR-002").strength is Strength.MUST
    assert entry("CSPR-003").regime is Regime.WT2018  # "WT2018 and WT2023"
    assert entry("REGIME-003").check == "n/a"
    assert entry("SCRUT-002").check == "no"
    assert entry("LEAD-004").check == "yes"  # "yes for presence ... No for seniority"
    with pytest.raises(KeyError):
        entry("NOPE-001")


SAMPLE = """\
# Title
## 2. Rules
### A. Sample (SAM)

**SAM-001 — A duty**
- Rule: something.
- Strength: MUST (on someone) · Regime: STATUTE · Effective: 29 Jun 2018 · Conf: P (a), U (b)
- Check: **partly**. Needs a field.

**SAM-002 to SAM-003 — A table**

Each is **SHOULD** · Regime: WT2023 · Effective 15 Dec 2023 · Check: **yes** unless stated.

| ID | Item | Conf |
|---|---|---|
| SAM-002 | First item | S |
| SAM-003 | Second item | S/U |

## 3. Notes
**NOT-001 — ignored, after the rules**
"""


def test_parse_a_sample_catalogue() -> None:
    one, two, three = parse_catalogue(SAMPLE)
    assert (one.id, one.title, one.strength, one.regime, one.check) == (
        "SAM-001",
        "A duty",
        Strength.MUST,
        Regime.STATUTE,
        "partly",
    )
    assert one.confidence == "P/U" and one.effective == "29 Jun 2018"
    assert one.section == "A. Sample (SAM)"
    assert (two.id, two.title, two.strength, two.regime, two.check, two.confidence) == (
        "SAM-002",
        "First item",
        Strength.SHOULD,
        Regime.WT2023,
        "yes",
        "S",
    )
    assert three.confidence == "S/U" and three.effective == "15 Dec 2023"


def test_a_block_without_its_check_line_is_refused() -> None:
    broken = SAMPLE.replace("- Check: **partly**. Needs a field.\n", "")
    with pytest.raises(ValueError, match="SAM-001"):
        parse_catalogue(broken)


def test_every_checkable_entry_is_implemented_or_listed_with_a_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    coverage = catalogue_coverage()
    with capsys.disabled():
        print("\n" + "\n".join(coverage_lines(coverage)[:7]))
    assert not coverage.contradictions, coverage.contradictions
    assert not coverage.missing, (
        "checkable catalogue entries with neither a rule nor a reason in NOT_IMPLEMENTED: "
        + ", ".join(e.id for e in coverage.missing)
    )
    assert coverage.checkable == 86
    assert coverage.checkable == (
        len(coverage.implemented) + len(coverage.by_engine) + len(coverage.not_implemented)
    )


def test_engine_entries_are_catalogued_and_checkable() -> None:
    for code in IMPLEMENTED_BY_ENGINE:
        assert entry(code).checkable


def test_not_implemented_register_names_only_unimplemented_catalogue_entries() -> None:
    codes = {r.code for r in core_rules()}
    for code, reason in NOT_IMPLEMENTED.items():
        assert reason.strip(), code
        assert code not in codes, f"{code} has a rule but is listed as not implemented"
        assert entry(code).checkable, f"{code} is not checkable; it need not be listed"


def _quiet(ctx: RuleContext) -> Iterator[Issue]:
    yield from ()


def test_coverage_finds_missing_entries_and_contradictions() -> None:
    sample = parse_catalogue(SAMPLE)
    sam1 = rule("SAM-001", "t", strength=Strength.MUST, regimes=[Regime.STATUTE], citations=["c"])(
        _quiet
    )
    cov = catalogue_coverage(
        [sam1], {"SAM-001": "but it has a rule", "SAM-002": "no field"}, sample
    )
    assert [e.id for e in cov.implemented] == ["SAM-001"]
    assert [(e.id, why) for e, why in cov.not_implemented] == [("SAM-002", "no field")]
    assert [e.id for e in cov.missing] == ["SAM-003"]
    assert cov.contradictions == ("SAM-001 is listed as not implemented but a rule has it",)
    assert not cov.complete


def test_rules_command_coverage_and_listing() -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["rules", "--coverage"])
    assert text.exit_code == 0, text.output
    assert text.output.startswith("catalogue entries: 91, of which checkable (yes or partly): 86")
    data = json.loads(runner.invoke(cli, ["rules", "--coverage", "--json"]).output)
    assert data["entries"] == 91 and data["checkable"] == 86
    assert set(data["by_engine"]) == set(IMPLEMENTED_BY_ENGINE)

    listing = json.loads(runner.invoke(cli, ["rules", "--json"]).output)
    codes = [r["code"] for r in listing]
    assert codes == sorted(codes)
    assert "SP-001" in codes
    assert {r.code for r in core_rules()} <= set(codes)
    sp = next(r for r in listing if r["code"] == "SP-001")
    assert sp["severity"] == "info" and sp["provider"] == "core"
    human = runner.invoke(cli, ["rules"]).output
    assert re.search(r"^SP-001 +MAY +- +A waiver suppresses nothing$", human, re.MULTILINE)
    assert human.endswith(f"{len(codes)} rules\n")


def _docs_extension() -> ModuleType:
    """The Sphinx extension that generates the rule reference (docs/_ext/rules_catalogue.py)."""
    path = Path(__file__).resolve().parents[1] / "docs" / "_ext" / "rules_catalogue.py"
    spec = importlib.util.spec_from_file_location("rules_catalogue", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_examples_are_split_from_the_docstring() -> None:
    ext = _docs_extension()

    def sample() -> None:
        """What it checks.

        Failing (as of 2024-01-01)::

            partners: none

        Passing::

            partners:
              - {role: local_authority, organisation: la}

        A closing remark.
        """

    prose, examples = ext.rule_examples(sample.__doc__ or "")
    assert [line for line in prose if line.strip()] == ["What it checks.", "A closing remark."]
    assert examples == [
        ("Failing (as of 2024-01-01)", "partners: none"),
        ("Passing", "partners:\n  - {role: local_authority, organisation: la}"),
    ]


def test_generated_rules_page_has_an_anchor_and_facts_for_every_rule() -> None:
    ext = _docs_extension()
    page = ext.rules_page()
    for r in (*core_rules(), *META_RULES):
        assert f"({r.code})=\n### {r.code}: {r.title}\n" in page, r.code
        assert f"| Strength | {r.strength.value} " in page
    assert "```yaml\npartners:" in page
    assert "| Status | not commenced" in page or not any(
        r.status.value == "not_commenced" for r in core_rules()
    )


def test_generated_not_implemented_page_lists_every_reason() -> None:
    page = _docs_extension().not_implemented_page()
    for code in NOT_IMPLEMENTED:
        assert f"| {code} | {entry(code).title} |" in page
    for e in catalogue_coverage().not_checkable:
        assert f"| {e.id} | " in page
    for code in IMPLEMENTED_BY_ENGINE:
        assert f"| {code} | " in page


def test_every_core_rule_shows_a_failing_and_a_passing_example() -> None:
    ext = _docs_extension()
    lacking = []
    for r in core_rules():
        _prose, examples = ext.rule_examples(r.doc)
        labels = {label.split(" ", 1)[0] for label, _ in examples}
        if not labels & {"Failing", "Flagged", "Not"} or not labels & {"Passing", "Quiet"}:
            lacking.append(r.code)
    assert not lacking, "rules whose docstring lacks a failing or passing example: " + ", ".join(
        lacking
    )


def test_every_core_rule_carries_citation_regime_and_dates() -> None:
    """Every rule says where its duty comes from, which regime it belongs to and when it holds:
    its own first day, or the first day of each regime it belongs to (LATER excepted, whose
    rules are not commenced)."""
    catalogue = {e.id for e in catalogue_entries()}
    for r in core_rules():
        assert r.citations and all(c.text.strip() for c in r.citations), r.code
        assert r.regimes, r.code
        assert r.hint.strip(), r.code
        starts = [g.start for g in r.regimes if g is not Regime.LATER]
        if r.status is RuleStatus.NOT_COMMENCED:
            assert r.valid_from is None and not r.in_force(dt.date(2026, 11, 25)), r.code
        else:
            assert r.valid_from is not None or (starts and all(starts)), r.code
        if r.valid_from is not None and r.valid_to is not None:
            assert r.valid_from <= r.valid_to, r.code
        assert r.code in catalogue or r.code.startswith(("STRUCT-", "SP-")), r.code


def test_core_prefixes_are_the_catalogue_families_and_the_core_rules() -> None:
    """Plugins may not use a prefix of the core: derived from the catalogue and the rules."""
    prefixes = core_prefixes()
    assert {e.prefix for e in catalogue_entries()} <= prefixes
    assert {r.prefix for r in (*core_rules(), *META_RULES)} <= prefixes
    assert prefixes == {
        *("CDR-", "CSPR-", "EDU-", "FUND-", "LATER-", "LEAD-", "PARTNERS-", "PUB-", "RA-"),
        *("REGIME-", "REGISTRY-", "REPORT-", "SCRUT-", "SP-", "STRUCT-"),
    }


def test_the_packaged_parsed_data_is_the_packaged_text_parsed(tmp_path: Path) -> None:
    """A check reads the catalogue from the parsed data while it was written from the packaged
    text. After the text changes, ``python -m safeguarding_partnership.reference.catalogue``
    writes it again: this test says when that is due."""
    from safeguarding_partnership.reference import catalogue
    from safeguarding_partnership.reference.citations import parse_source_keys

    text = catalogue.catalogue_text()
    due = "the catalogue changed: run python -m safeguarding_partnership.reference.catalogue"
    parsed = catalogue._parsed()
    assert parsed is not None, due
    assert parsed[1] == parse_catalogue(text) == catalogue.catalogue_entries(), due
    assert parsed[0] == parse_source_keys(text) == catalogue.source_keys(), due
    packaged = Path(catalogue.__file__).parent / "data" / catalogue.PARSED
    written = catalogue.write_parsed(tmp_path)
    assert written.read_text(encoding="utf-8") == packaged.read_text(encoding="utf-8"), due


def test_a_changed_catalogue_text_is_parsed_not_read_from_stale_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from safeguarding_partnership.reference import catalogue

    changed = catalogue.catalogue_text().replace("**PUB-001 — ", "**PUB-001 — Changed: ", 1)
    assert changed != catalogue.catalogue_text()
    monkeypatch.setattr(catalogue, "catalogue_text", lambda: changed)
    catalogue._parsed.cache_clear()
    try:
        assert catalogue._parsed() is None  # the data was written from another text
    finally:
        catalogue._parsed.cache_clear()
