"""Rule metadata comes from the catalogue: citations (provision and official address) apart
from evidence (the secondary sources), as catalogue section 1 "Citation versus evidence" says."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.reference.catalogue import (
    address,
    catalogue_entries,
    catalogue_text,
    entry,
    source_keys,
)
from safeguarding_partnership.reference.citations import (
    SourceKey,
    official,
    parse_source_keys,
    split_source,
    working_together_url,
)
from safeguarding_partnership.rules import Issue, RuleContext, rule
from safeguarding_partnership.rules.core import core_rules

SRC = Path(__file__).resolve().parents[1] / "src" / "safeguarding_partnership"

OVERRIDES = {
    ("REPORT-005", "strength"): "checks the statutory pair of a MUST / SHOULD entry",
    ("CDR-007", "regimes"): 'the catalogue says "WT2018 (continues)"',
    ("CDR-008", "regimes"): "kept under WT2023 as CDR-007 is; it only says not recorded",
    ("PARTNERS-002", "confidence"): '"P (rule), S (example)": checks the rule',
    ("CSPR-011", "confidence"): '"P ... working days (U)": checks the 7 days',
    ("FUND-001", "confidence"): '"S (core), U (coverage detail)": checks the core',
    ("CSPR-003", "valid_from"): "the catalogue's Effective: 29 Jun 2018",
    ("PUB-002", "valid_from"): "the catalogue's Effective: 29 Jun 2018 - 29 Sep 2019",
    ("PUB-002", "valid_to"): "the catalogue's Effective: 29 Jun 2018 - 29 Sep 2019",
}
"""Every place a core rule says other than its catalogue entry or its regimes, and why."""


def _catalogued() -> Iterator[tuple[str, object]]:
    for r in core_rules():
        try:
            yield r.code, (r, entry(r.code))
        except KeyError:
            continue


def _evidence_keys() -> set[str]:
    """Source keys of secondary sources: every key that is not itself the law or guidance."""
    return {k for k, source in source_keys().items() if not source.primary}


def test_source_keys_table_is_read_with_its_added_keys() -> None:
    keys = source_keys()
    assert len(keys) == 61
    assert keys["RBWM"].urls[1].endswith("/independent-scrutiny")  # two addresses in a cell
    assert keys["CWSA26-4"].url.startswith("https://www.legislation.gov.uk/ukpga/2026/21/")
    assert {k for k, s in keys.items() if s.primary} >= {"CA04-16E", "CSWA17", "REGS18", "CWSA26-4"}
    assert not keys["SWK-WT24"].primary  # a council's gov.uk site is not the law
    assert not keys["GOVDIFF-WT23"].primary


def test_the_working_together_page_comes_from_the_catalogue() -> None:
    url = working_together_url(source_keys())
    assert url is not None and official(url)
    assert url.startswith("https://www.gov.uk/")
    assert url.removeprefix("https://") in catalogue_text()
    assert working_together_url({}) is None


def test_official_addresses() -> None:
    assert official("https://www.legislation.gov.uk/ukpga/2017/16")
    assert official("http://www.legislation.gov.uk./uksi/2022/634/made")
    assert official("https://www.gov.uk/government/publications/x")
    assert not official("https://www.islington.gov.uk/x")
    assert not official("https://leedsscp.org.uk/x")


KEYS = {
    "CSWA17": SourceKey(
        "CSWA17", "CSWA 2017 (inserting CA2004 ss.16A–16Q)", ("https://www.legislation.gov.uk/a",)
    ),
    "CA04-16E": SourceKey("CA04-16E", "Children Act 2004 s.16E", ("https://legislation.gov.uk/e",)),
    "REGS18": SourceKey("REGS18", "SI 2018/789 (as made)", ("https://www.legislation.gov.uk/r",)),
    "WTO": SourceKey("WTO", 'tri.x "Working Together online" (WT2018)', ("http://wto.example/",)),
    "GOVDIFF-WT23": SourceKey(
        "GOVDIFF-WT23", "change record", ("https://govdiff.example/x/www.gov.uk/wt",)
    ),
    "LEEDS": SourceKey("LEEDS", "Leeds SCP", ("https://leeds.example/",)),
    "CORN": SourceKey("CORN", "Cornwall", ("https://cornwall.example/",)),
    "BB19": SourceKey("BB19", "Bevan Brittan (cites WT2018 pp.78–79)", ("https://bb.example/",)),
}


@pytest.mark.parametrize(
    ("line", "citations", "evidence", "notes"),
    [
        (
            "CA2004 s.16E(1) — CSWA17 s.16; CA04-16E.",
            [
                ("CA2004 s.16E(1)", "https://legislation.gov.uk/e"),
                ("CSWA 2017 s.16", "https://www.legislation.gov.uk/a"),
            ],
            [],
            [],
        ),
        (
            "WT2023 ch.2 — LEEDS (quoting).",
            [("WT2023 ch.2", "https://www.gov.uk/wt")],
            ["LEEDS"],
            [],
        ),
        ("CORN (citing WT2018).", [("WT2018", "https://www.gov.uk/wt")], ["CORN"], []),
        (
            "REGS18 reg.16; WTO ch.5 para 3 (WT2018).",
            [
                ("SI 2018/789 reg.16", "https://www.legislation.gov.uk/r"),
                ("WT2018 ch.5 para 3", "https://www.gov.uk/wt"),
            ],
            ["WTO"],
            [],
        ),
        (
            "LEEDS; the duty itself is in CA2004 s.16G(4).",
            [("CA2004 s.16G(4)", "https://www.legislation.gov.uk/a")],
            ["LEEDS"],
            [],
        ),
        (
            "CA2004 s.16J(3)–(5) (per LEEDS) — CSWA17 s.21. The s.16J(4) text says something.",
            [
                ("CA2004 s.16J(3)–(5)", "https://www.legislation.gov.uk/a"),
                ("CSWA 2017 s.21", "https://www.legislation.gov.uk/a"),
            ],
            ["LEEDS"],
            [],
        ),
        (
            'WT2018 ch.3, "Publication", pp.78–79; BB19 lists most items; the later items are '
            "recalled, e.g. the Cheshire West contents page",
            [('WT2018 ch.3, "Publication", pp.78–79', "https://www.gov.uk/wt")],
            ["BB19"],
            ["the later items are recalled, e.g. the Cheshire West contents page"],
        ),
        (
            'LEEDS (in place); site.org.uk "Working Together 2023" page (text); '
            "examples CORN, BB19",
            [],
            ["LEEDS", 'site.org.uk "Working Together 2023" page', "CORN", "BB19"],
            [],
        ),
    ],
)
def test_a_source_line_splits_into_citations_and_evidence(
    line: str, citations: list[tuple[str, str]], evidence: list[str], notes: list[str]
) -> None:
    split = split_source(line, KEYS)
    assert [(c.text, c.url) for c in split.citations] == citations
    assert list(split.evidence) == evidence
    assert list(split.notes) == notes


def test_every_catalogue_entry_cites_something_and_keeps_evidence_apart() -> None:
    evidence_keys = _evidence_keys()
    for e in catalogue_entries():
        assert e.citations, e.id
        assert set(e.evidence) <= evidence_keys | {x for x in e.evidence if " " in x}, e.id
        for citation in e.citations:
            assert (
                not set(re.findall(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*", citation.text)) & evidence_keys
            ), (
                e.id,
                citation.text,
            )


def test_no_core_rule_cites_an_evidence_key() -> None:
    evidence_keys = _evidence_keys()
    for r in core_rules():
        for citation in r.citations:
            words = set(re.findall(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*", citation.text))
            assert not words & evidence_keys, (r.code, citation.text)
        assert set(r.evidence) <= evidence_keys | {x for x in r.evidence if " " in x}, r.code


def test_every_core_rule_links_to_the_official_text() -> None:
    for r in core_rules():
        assert any(c.url and official(c.url) for c in r.citations), r.code


def test_catalogued_rules_take_their_metadata_from_the_catalogue() -> None:
    checked = 0
    for code, (r, e) in _catalogued():
        checked += 1
        assert [(c.text, c.url) for c in r.citations] == [(c.text, c.url) for c in e.citations], (
            code
        )
        assert r.evidence == e.evidence, code
        for field, ours, theirs in (
            ("strength", r.strength, e.strength),
            ("regimes", r.regimes, e.regimes),
            ("confidence", r.confidence, e.confidence),
        ):
            if (code, field) not in OVERRIDES:
                assert ours == theirs, (code, field)
        if (code, "strength") in OVERRIDES:
            assert r.strength.value in e.strength_text, code
        if (code, "confidence") in OVERRIDES:
            assert set(r.confidence.split("/")) <= set(e.confidence.split("/")), code
        if (code, "regimes") in OVERRIDES:
            assert e.regime in r.regimes, code
    assert checked == 65


def test_overrides_are_only_those_listed() -> None:
    """A core module restates no catalogue fact except the overrides listed here, and writes
    no address: source addresses live in the catalogue's Source keys table."""
    listed = {code for code, _ in OVERRIDES}
    for path in sorted((SRC / "rules" / "core").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!example\.org)", text), path.name
        for call in ast.walk(ast.parse(text)):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "rule"):
                continue
            first = call.args[0]
            if not isinstance(first, ast.Constant):
                continue  # a rule made for each item of a table (PUB-004 to PUB-014)
            code, given = str(first.value), {k.arg for k in call.keywords}
            try:
                entry(code)
            except KeyError:
                continue
            assert "citations" not in given, code
            for field in ("strength", "regimes", "confidence", "valid_from", "valid_to"):
                if field in given:
                    assert (code, field) in OVERRIDES, (code, field)
                    assert code in listed


def test_an_uncatalogued_rule_must_give_its_own_metadata() -> None:
    def quiet(ctx: RuleContext) -> Iterator[Issue]:
        yield from ()

    with pytest.raises(TypeError, match="LOCAL-001 is not catalogued: give its strength, regimes"):
        rule("LOCAL-001", "A title", citations=["local policy"])
    local = rule(
        "LOCAL-001",
        "A title",
        strength=Strength.SHOULD,
        regimes=[Regime.WT2023],
        citations=["local policy"],
        evidence=["a local page"],
    )(quiet)
    assert (local.citation, local.evidence, local.confidence) == (
        "local policy",
        ("a local page",),
        "S",
    )


def test_a_catalogued_code_fills_what_is_not_given() -> None:
    def quiet(ctx: RuleContext) -> Iterator[Issue]:
        yield from ()

    made = rule("CSPR-013")(quiet)
    known = entry("CSPR-013")
    assert (made.title, made.strength, made.regimes, made.confidence) == (
        known.title,
        known.strength,
        known.regimes,
        known.confidence,
    )
    assert (
        made.citation == "SI 2018/789 reg.17"
        and made.citations[0].url == source_keys()["REGS18"].url
    )
    assert made.valid_from == Regime.STATUTE.start and made.valid_to is None


def test_an_uncatalogued_core_rule_finds_its_address_in_the_catalogue() -> None:
    assert address("CA2004 s.16G(4)") == source_keys()["CSWA17"].url
    assert address("CA2004 s.11(1)") == source_keys()["CA04-11"].url
    assert address("WT2023 ch.2") == working_together_url(source_keys())
    assert address("a local policy") is None


def test_the_packaged_keys_parse_like_any_text() -> None:
    assert parse_source_keys(catalogue_text()) == source_keys()
    assert parse_source_keys("") == {}


def test_a_source_line_is_cut_only_outside_brackets_and_quotation_marks() -> None:
    from safeguarding_partnership.reference.citations import _SEGMENT, _SENTENCE, _top_level

    line = 'a; (b; c — d) "e; f" — g; h (i (j; k) l); m'
    assert list(_top_level(line, _SEGMENT)) == [
        "a",
        '(b; c — d) "e; f"',
        "g",
        "h (i (j; k) l)",
        "m",
    ]
    assert list(_top_level('One (s. 2. Two) x. Then "y. Z". End', _SENTENCE)) == [
        "One (s. 2. Two) x",
        'Then "y. Z"',
        "End",
    ]
    assert list(_top_level("unbalanced) a; b", _SEGMENT)) == ["unbalanced) a", "b"]
