"""Registry rules: areas covered once across arrangements, and bodies the same everywhere."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from safeguarding_partnership.law import Strength
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.reference import upper_tier_areas_on
from safeguarding_partnership.rules.core.registry import (
    RegistryContext,
    no_area_claimed_twice,
    same_body_everywhere,
)

DAY = dt.date(2024, 6, 1)


def _arr(ident: str, codes: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": ident, "name": ident, "areas": [{"code": c} for c in codes], **extra}


def _write(tmp_path: Path, arrangements: list[dict[str, Any]]) -> Path:
    path = tmp_path / "registry.json"
    path.write_text(json.dumps({"schema_version": 1, "arrangements": arrangements}, indent=1))
    return path


def _registry(run: Any, code: str) -> list[Any]:
    return [f for f in run.registry if f.rule_id == code]


def test_england_with_one_area_twice_and_one_missing(tmp_path: Path) -> None:
    codes = [la.code for la in upper_tier_areas_on(DAY)]
    missing, doubled = codes[5], codes[7]
    arrangements = [_arr(f"a{i}", [c]) for i, c in enumerate(codes) if c != missing]
    arrangements.append(_arr("rival", [doubled]))
    run = check_path(_write(tmp_path, arrangements), as_of=DAY, england=True)
    assert [f.rule_id for f in run.registry] == ["REGISTRY-001", "REGISTRY-002"]
    (gap,) = _registry(run, "REGISTRY-001")
    assert missing in gap.message and gap.location is None
    (double,) = _registry(run, "REGISTRY-002")
    assert doubled in double.message and "'a7'" in double.message
    assert double.path == "areas[0].code"
    assert double.location is not None and double.location.line is not None
    assert run.exit_code == 1


def test_without_england_no_area_is_reported_missing(tmp_path: Path) -> None:
    run = check_path(_write(tmp_path, [_arr("a", ["E09000016"])]), as_of=DAY)
    assert run.registry == ()


def test_umbrella_and_part_is_not_a_double_claim(examples_dir: Path) -> None:
    run = check_path(examples_dir, as_of=DAY)
    assert _registry(run, "REGISTRY-002") == []


def test_double_claim_found_when_the_link_is_removed() -> None:
    part = Arrangement.model_validate(_arr("havering", ["E09000016"]))
    umbrella = Arrangement.model_validate(
        _arr(
            "bhr",
            ["E09000002", "E09000016"],
            links=[{"arrangement": "havering", "relation": "part"}],
        )
    )
    linked = RegistryContext((part, umbrella), DAY)
    assert list(no_area_claimed_twice(linked)) == []
    unlinked = RegistryContext((part, umbrella.model_copy(update={"links": None})), DAY)
    (found,) = no_area_claimed_twice(unlinked)
    assert found.arrangement == 1 and found.issue.path == ("areas", 1, "code")


def test_ended_arrangement_is_not_a_claim() -> None:
    old = Arrangement.model_validate(_arr("old", ["E09000016"], valid_to="2019-09-28"))
    new = Arrangement.model_validate(_arr("new", ["E09000016"], valid_from="2019-09-29"))
    assert list(no_area_claimed_twice(RegistryContext((old, new), DAY))) == []


def _org(ident: str, name: str, kind: str = "local_authority", **codes: str) -> dict[str, Any]:
    return {"id": ident, "name": name, "kind": kind, **codes}


def test_same_body_passes_when_consistent() -> None:
    council = _org("havering-council", "London Borough of Havering", ons_code="E09000016")
    a = Arrangement.model_validate(_arr("a", ["E09000016"], organisations=[council]))
    b = Arrangement.model_validate(
        _arr("b", ["E09000002"], organisations=[{**council, "name": "london borough of  havering"}])
    )
    assert list(same_body_everywhere(RegistryContext((a, b), DAY))) == []


def test_same_id_with_a_different_code_is_found() -> None:
    a = Arrangement.model_validate(
        _arr(
            "a",
            ["E09000016"],
            organisations=[_org("met", "Met", "chief_officer_of_police", ons_code="E23000001")],
        )
    )
    b = Arrangement.model_validate(
        _arr(
            "b",
            ["E09000002"],
            organisations=[_org("met", "Met", "chief_officer_of_police", ons_code="E23000002")],
        )
    )
    (found,) = same_body_everywhere(RegistryContext((a, b), DAY))
    assert found.arrangement == 1
    assert found.issue.path == ("organisations", 0, "ons_code")


def test_same_code_under_another_id_and_kind_is_found(tmp_path: Path) -> None:
    a = _arr(
        "a",
        ["E09000016"],
        organisations=[_org("nel", "NEL ICB", "integrated_care_board", ods_code="QMF")],
    )
    b = _arr(
        "b",
        ["E09000002"],
        organisations=[_org("nel-trust", "NEL trust", "nhs_trust", ods_code="QMF")],
    )
    run = check_path(_write(tmp_path, [a, b]), as_of=DAY)
    (found,) = _registry(run, "REGISTRY-003")
    assert found.severity.value == "warning" and found.path == "organisations[0].kind"
    assert "'nel'" in found.message and run.exit_code == 0


def test_the_statutory_registry_rules_hold_only_from_the_implementation_deadline(
    tmp_path: Path,
) -> None:
    # one area claimed twice, and every other area of England missing
    path = _write(tmp_path, [_arr("a", ["E09000016"]), _arr("b", ["E09000016"])])
    before = check_path(path, as_of=dt.date(2019, 9, 28), england=True)
    assert before.registry == ()
    after = check_path(path, as_of=dt.date(2019, 9, 29), england=True)
    assert {f.rule_id for f in after.registry} == {"REGISTRY-001", "REGISTRY-002"}


def test_registry_rules_are_rules_of_the_registry_scope() -> None:
    from safeguarding_partnership.rules.core import core_rules, registry_rules
    from safeguarding_partnership.rules.rule import Scope

    assert [r.code for r in registry_rules()] == ["REGISTRY-001", "REGISTRY-002", "REGISTRY-003"]
    assert {r.scope for r in registry_rules()} == {Scope.REGISTRY}
    assert {r.scope for r in core_rules()} == {Scope.ARRANGEMENT}
    assert [r.code for r in registry_rules() if r.england_only] == ["REGISTRY-001"]


def test_a_rule_of_one_scope_refuses_the_other_scope_s_context() -> None:
    import pytest

    from safeguarding_partnership.rules.rule import RuleContext

    arrangement = Arrangement.model_validate(_arr("a", ["E09000016"]))
    with pytest.raises(TypeError, match="REGISTRY-002 is a rule of scope 'registry'"):
        list(no_area_claimed_twice(RuleContext(arrangement, DAY)))  # type: ignore[call-overload]


def test_a_registry_rule_given_to_the_arrangement_runner_is_known_but_not_run_there() -> None:
    from safeguarding_partnership.model import Waiver
    from safeguarding_partnership.rules.engine import Selection, run_rules

    arrangement = Arrangement.model_validate(_arr("a", ["E09000016"]))
    chosen = Selection(select=("REGISTRY-",), ignore=(Waiver(rule="REGISTRY-002", reason="x"),))
    result = run_rules(arrangement, [no_area_claimed_twice], DAY, selection=chosen)
    assert result.failures == () and result.rules_run == () and result.findings == ()
    assert result.waivers == ()  # the registry run accounts for it


def test_only_a_registry_rule_is_england_only() -> None:
    import pytest

    from safeguarding_partnership.law import Strength
    from safeguarding_partnership.rules.rule import rule

    with pytest.raises(ValueError, match="only a registry rule can be england_only"):

        @rule("LOCAL-001", "x", strength=Strength.MUST, regimes=[], citations=[], england_only=True)
        def local(ctx: Any) -> list[Any]:
            return []


def test_registry_findings_are_located_in_their_arrangement(tmp_path: Path) -> None:
    from safeguarding_partnership.rules.engine import run_registry
    from safeguarding_partnership.rules.rule import Issue, RegistryIssue, Scope, rule

    @rule(
        "REGISTRY-900",
        "test",
        strength=Strength.SHOULD,
        regimes=[],
        citations=["test"],
        scope=Scope.REGISTRY,
    )
    def about_each(ctx: RegistryContext) -> Iterator[RegistryIssue]:
        yield RegistryIssue(None, Issue("about the set"))
        yield RegistryIssue(1, Issue("about the second", ("areas", 0, "code")))

    from safeguarding_partnership.errors import Location

    def locate(path: Any) -> Location:
        return Location("second.yaml", 7, len(path))

    arrangements = [Arrangement.model_validate(_arr(n, ["E09000016"])) for n in "ab"]
    found = run_registry(arrangements, [about_each], DAY, locate=[locate, locate]).findings
    assert [(f.message, f.path, f.location) for f in found] == [
        ("about the set", "", None),
        ("about the second", "areas[0].code", Location("second.yaml", 7, 3)),
    ]
    assert {(f.rule_id, f.severity.value, f.citation, f.provider) for f in found} == {
        ("REGISTRY-900", "warning", "test", "core")
    }


def _england_with_a_gap(tmp_path: Path) -> tuple[Path, str]:
    codes = [la.code for la in upper_tier_areas_on(DAY)]
    return _write(tmp_path, [_arr(f"a{i}", [c]) for i, c in enumerate(codes[1:])]), codes[0]


def test_the_command_line_selects_and_waives_registry_rules(tmp_path: Path) -> None:
    """A national analyst narrows a check to a registry rule, or waives it, as any rule."""
    from safeguarding_partnership.model import Waiver
    from safeguarding_partnership.rules.engine import Selection

    path, missing = _england_with_a_gap(tmp_path)
    only = check_path(path, as_of=DAY, england=True, selection=Selection(select=("REGISTRY-001",)))
    assert [f.rule_id for f in only.registry] == ["REGISTRY-001"]
    assert missing in only.registry[0].message
    assert all(r.findings == () for r in only.results)  # no arrangement rule selected
    others = check_path(path, as_of=DAY, england=True, selection=Selection(select=("PARTNERS-",)))
    assert others.registry == ()
    waiver = Waiver(rule="REGISTRY-001", reason="checked by hand")
    waived = check_path(path, as_of=DAY, england=True, selection=Selection(ignore=(waiver,)))
    assert waived.registry == ()  # suppressed, so no SP-001 either
    assert not any(f.rule_id == "SP-001" for r in waived.results for f in r.findings)
    assert all(w.waiver is not waiver for r in waived.results for w in r.waivers)


def test_a_registry_waiver_that_suppresses_nothing_is_said_once_where_it_is_written(
    tmp_path: Path,
) -> None:
    from safeguarding_partnership.model import Waiver
    from safeguarding_partnership.rules.engine import Selection

    ignore = {"ignore": [{"rule": "REGISTRY-002", "reason": "kept apart"}]}
    path = _write(tmp_path, [_arr("a", ["E09000016"], rules=ignore), _arr("b", ["E09000026"])])
    given = Waiver(rule="REGISTRY-003", reason="not today")
    run = check_path(path, as_of=DAY, selection=Selection(ignore=(given,)))
    unused = [f for f in run.registry if f.rule_id == "SP-001"]
    assert len(unused) == 2
    by_rule = {("REGISTRY-002" in f.message): f for f in unused}
    written = by_rule[True]
    assert written.path == "rules.ignore[0]" and written.location is not None
    assert written.location.line is not None and "kept apart" in written.message
    assert by_rule[False].location is None and "(given with --ignore)" in by_rule[False].message
    assert not any(f.rule_id == "SP-001" for r in run.results for f in r.findings)


def test_an_unknown_registry_code_is_still_refused(tmp_path: Path) -> None:
    import pytest

    from safeguarding_partnership.errors import UnknownRuleError
    from safeguarding_partnership.rules.engine import Selection

    path = _write(tmp_path, [_arr("a", ["E09000016"])])
    with pytest.raises(UnknownRuleError, match="REGISTRY-999"):
        check_path(path, as_of=DAY, selection=Selection(select=("REGISTRY-999",)))


def test_a_registry_rule_that_raises_stops_no_other_and_makes_the_run_incomplete(
    tmp_path: Path,
) -> None:
    """As an arrangement rule's fault is: every format says the run is incomplete (exit 3)."""
    import attrs

    from safeguarding_partnership.model import Waiver
    from safeguarding_partnership.output.statistics import problem_lines
    from safeguarding_partnership.output.text import check_as_data, render_check
    from safeguarding_partnership.rules.engine import RuleFailure, Selection, run_registry
    from safeguarding_partnership.rules.rule import Issue, RegistryIssue, Scope, rule

    def registry_rule(code: str) -> Any:
        return rule(
            code,
            "test",
            strength=Strength.SHOULD,
            regimes=[],
            citations=["test"],
            scope=Scope.REGISTRY,
        )

    @registry_rule("REGISTRY-901")
    def broken(ctx: RegistryContext) -> Iterator[RegistryIssue]:
        yield RegistryIssue(None, Issue("half said"))
        raise KeyError("no such area")

    @registry_rule("REGISTRY-902")
    def sound(ctx: RegistryContext) -> Iterator[RegistryIssue]:
        yield RegistryIssue(None, Issue("said"))

    arrangements = [Arrangement.model_validate(_arr("a", ["E09000016"]))]
    result = run_registry(arrangements, [broken, sound], DAY)
    assert [f.message for f in result.findings] == ["said"]  # all or none of a rule's
    assert result.failures == (RuleFailure("REGISTRY-901", "core", "KeyError: 'no such area'"),)
    waived = run_registry(
        arrangements,
        [broken, sound],
        DAY,
        selection=Selection(ignore=(Waiver(rule="REGISTRY-901", reason="known"),)),
    )
    assert waived.failures == () and waived.waivers[0].failed == ("REGISTRY-901",)
    assert not any(f.rule_id == "SP-001" for f in waived.findings)  # it cannot tell

    run = attrs.evolve(
        check_path(_write(tmp_path, [_arr("a", ["E09000016"])]), as_of=DAY),
        registry_failures=result.failures,
    )
    assert run.exit_code == 3
    said = "rule REGISTRY-901 from core failed: KeyError: 'no such area'"
    assert said in render_check(run, "text") and said in render_check(run, "text", quiet=True)
    assert said in "\n".join(problem_lines(run))
    assert check_as_data(run)["registry_failures"][0]["rule"] == "REGISTRY-901"
    for fmt in ("github", "gitlab", "csv", "sarif"):
        assert "REGISTRY-901" in render_check(run, fmt), fmt
