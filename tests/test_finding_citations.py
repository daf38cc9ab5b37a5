"""Citations people can follow: every finding cites the provision with its official address.

A finding's citation is its rule's: the provision (the Act's section, the regulation, the
chapter of Working Together) with the address of its official text. The catalogue's evidence
keys (the secondary sources a rule's wording was verified through) belong to the rule's
documentation ("verified through") and never to a finding, in any format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given

from safeguarding_partnership.findings import Citation, Finding, cite
from safeguarding_partnership.output.text import render_check
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.reference.catalogue import source_keys
from safeguarding_partnership.reference.citations import official
from safeguarding_partnership.rules import Issue
from safeguarding_partnership.rules.core import core_rules, registry_rules
from safeguarding_partnership.rules.engine import META_RULES, Selection, run_rules
from safeguarding_partnership.testing.mutations import Broken, mutations

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = (
    ROOT / "examples" / "havering" / "havering.yaml",
    ROOT / "examples" / "havering" / "bhr.yaml",
    ROOT / "tests" / "fixtures" / "thin-findings.yaml",
)
DAYS = (dt.date(2019, 10, 1), dt.date(2021, 6, 30), dt.date(2025, 6, 1))
TOKEN = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
RULES = {r.code: r for r in (*core_rules(), *registry_rules(), *META_RULES)}
CORE = {r.code for r in core_rules()}


def _evidence_keys() -> set[str]:
    """Source keys of secondary sources: every key that is not the law or guidance itself."""
    return {k for k, source in source_keys().items() if not source.primary}


EVIDENCE = _evidence_keys()


def _assert_cites_its_rule(findings: Iterable[Finding]) -> int:
    checked = 0
    for f in findings:
        checked += 1
        if f.provider != "core":
            continue
        rule = RULES[f.rule_id]
        assert f.citations == rule.citations, f.rule_id
        assert f.citation == "; ".join(c.text for c in f.citations), f.rule_id
        for text in (f.citation, f.cited):
            assert not set(TOKEN.findall(text)) & EVIDENCE, (f.rule_id, text)
        if f.rule_id in CORE:
            assert any(c.url and official(c.url) for c in f.citations), f.rule_id
            assert "<https://" in f.cited, f.rule_id
    return checked


def test_the_finding_constructor_cites_the_rule_for_every_rule() -> None:
    assert len(RULES) > 70
    for code, rule in RULES.items():
        found = rule.finding(Issue("a message", ("name",)))
        assert (found.citations, found.citation) == (rule.citations, rule.citation), code
        assert _assert_cites_its_rule([found]) == 1


def test_every_finding_of_the_examples_cites_its_provision() -> None:
    checked = 0
    for path in EXAMPLES:
        for day in DAYS:
            run = check_path(path, as_of=day)
            assert not run.load_errors, path
            checked += _assert_cites_its_rule(f for r in run.results for f in r.findings)
    assert checked > 100


@given(mutations())
def test_every_finding_of_a_broken_arrangement_cites_its_provision(broken: Broken) -> None:
    result = run_rules(
        broken.arrangement,
        core_rules(),
        broken.as_of,
        # the law a mutation breaks may not be commenced (LATER-): its rules run only so
        selection=Selection(include_preview=True, include_not_commenced=True),
        settings=broken.arrangement.settings,
    )
    assert any(f.rule_id == broken.rule for f in result.findings)
    _assert_cites_its_rule(result.findings)


def test_cite_gives_each_address_once_after_its_provisions() -> None:
    act, wt = "https://www.legislation.gov.uk/ukpga/2017/16", "https://www.gov.uk/wt"
    assert cite([Citation("CA2004 s.16Q(2)", act), Citation("CSWA 2017 s.28", act)]) == (
        f"CA2004 s.16Q(2); CSWA 2017 s.28 <{act}>"
    )
    assert cite([Citation("CA2004 s.16Q(2)", act), Citation("WT2018 ch.5", wt)]) == (
        f"CA2004 s.16Q(2) <{act}>; WT2018 ch.5 <{wt}>"
    )
    assert (
        cite([Citation("local", None), Citation("WT2023 ch.2", wt)]) == f"local; WT2023 ch.2 <{wt}>"
    )


def test_json_csv_sarif_and_text_carry_the_official_address() -> None:
    run = check_path(EXAMPLES[1], as_of=dt.date(2025, 6, 1))
    wt = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"

    data = json.loads(render_check(run, "json"))
    (edu,) = [f for f in data["arrangements"][0]["findings"] if f["rule"] == "EDU-002"]
    assert edu["citation"] == "WT2023 ch.2"
    assert edu["citations"] == [{"text": "WT2023 ch.2", "url": wt}]

    rows = list(csv.DictReader(io.StringIO(render_check(run, "csv"))))
    (edu_row,) = [r for r in rows if r["rule"] == "EDU-002"]
    assert (edu_row["citation"], edu_row["citation_urls"]) == ("WT2023 ch.2", wt)
    (cdr_row,) = [r for r in rows if r["rule"] == "CDR-001"]
    assert cdr_row["citation_urls"].split("; ") == [c.url for c in RULES["CDR-001"].citations]

    sarif = json.loads(render_check(run, "sarif"))
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "EDU-002"]
    assert result["properties"]["citations"] == [{"text": "WT2023 ch.2", "url": wt}]

    text = render_check(run, "human", terminal=False)
    assert f"      (WT2023 ch.2 <{wt}>)\n" in text


PUB_003_FILE = """\
id: pub3
name: Pub Three
areas: [{code: E09000016, name: Havering}]
independent_scrutiny:
  scrutineer: {title: Independent Scrutineer}
  independent_of_partners: true
contents:
  needs_identification_and_response: true
  serious_case_review: true
"""


def test_pub_003_asks_about_the_published_document_not_the_scrutiny(tmp_path: Path) -> None:
    """Scrutiny is recorded; what is unknown is whether the published document sets it out."""
    path = tmp_path / "a.yaml"
    path.write_text(PUB_003_FILE, encoding="utf-8")
    (result,) = check_path(path, as_of=dt.date(2025, 6, 1)).results
    messages = [f.message for f in result.findings if f.rule_id == "PUB-003"]
    assert messages == [
        "not recorded: whether the published arrangements set out arrangements for "
        "independent scrutiny (s.16G(3))"
    ]


@pytest.mark.parametrize("code", sorted(r.code for r in core_rules()))
def test_every_core_rule_has_an_official_link(code: str) -> None:
    assert any(c.url and official(c.url) for c in RULES[code].citations), code
