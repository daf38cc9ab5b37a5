"""Registry rules chosen and waived like any rule, and the docstring's Hint: read strictly:
the hostile cases (an SP-001 waiver, no file loaded, a rule run only with --england, a hint
first after a leading newline, what a registry waiver hid)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from safeguarding_partnership.model import Waiver
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.rules.engine import Selection
from safeguarding_partnership.rules.rule import split_hint

DAY = dt.date(2024, 6, 1)


def _arr(ident: str, codes: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": ident, "name": ident, "areas": [{"code": c} for c in codes], **extra}


def _write(path: Path, arrangements: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"schema_version": 1, "arrangements": arrangements}, indent=1))
    return path


def test_a_waiver_of_sp_001_silences_an_unused_registry_waiver_too(tmp_path: Path) -> None:
    """SP-001's page: 'Ignore SP-001 itself (with a reason) to silence it.' It silences an
    unused arrangement waiver, so it must silence an unused registry waiver as well."""
    path = _write(tmp_path / "a.json", [_arr("a", ["E09000016"])])
    unused = Waiver(rule="REGISTRY-002", reason="kept apart")
    meta = Waiver(rule="SP-001", reason="old waivers are kept on purpose")
    run = check_path(path, as_of=DAY, selection=Selection(ignore=(unused, meta)))
    assert [f for f in run.registry if f.rule_id == "SP-001"] == []


def test_a_file_s_sp_001_waiver_silences_its_unused_registry_waiver(tmp_path: Path) -> None:
    rules = {
        "ignore": [
            {"rule": "REGISTRY-002", "reason": "kept apart"},
            {"rule": "SP-001", "reason": "old waivers are kept on purpose"},
        ]
    }
    path = _write(tmp_path / "a.json", [_arr("a", ["E09000016"], rules=rules)])
    run = check_path(path, as_of=DAY)
    assert [f for f in run.registry if f.rule_id == "SP-001"] == []


def test_the_selection_applies_to_the_registry_when_no_file_loads(tmp_path: Path) -> None:
    """With every file failing to load, --ignore REGISTRY-001 and --select were dropped and
    REGISTRY-001 listed every area of England as an error anyway."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nid: [\n")
    waiver = Waiver(rule="REGISTRY-001", reason="checked by hand")
    waived = check_path(broken, as_of=DAY, england=True, selection=Selection(ignore=(waiver,)))
    assert not [f for f in waived.registry if f.rule_id == "REGISTRY-001"]
    other = check_path(
        broken, as_of=DAY, england=True, selection=Selection(select=("REGISTRY-002",))
    )
    assert other.registry == ()
    empty = tmp_path / "empty"
    empty.mkdir()
    per_file = check_path(
        empty, as_of=DAY, england=True, selection=lambda file: Selection(ignore=(waiver,))
    )
    assert not [f for f in per_file.registry if f.rule_id == "REGISTRY-001"]


def test_an_unused_waiver_of_an_england_only_rule_does_not_say_no_rule_implements_it(
    tmp_path: Path,
) -> None:
    """REGISTRY-001 is implemented; it runs only with --england."""
    path = _write(tmp_path / "a.json", [_arr("a", ["E09000016"])])
    waiver = Waiver(rule="REGISTRY-001", reason="checked by hand")
    run = check_path(path, as_of=DAY, selection=Selection(ignore=(waiver,)))
    (unused,) = [f for f in run.registry if f.rule_id == "SP-001"]
    assert "no rule implements" not in unused.message
    assert "--england" in unused.message


def test_a_hint_at_the_start_is_refused_after_a_leading_newline() -> None:
    """A docstring that opens on the line after its quotes (PEP 257 allows it) still has
    'what the rule checks' as its first paragraph: a Hint: before it is at the start."""
    with pytest.raises(ValueError, match="after what the rule checks"):
        split_hint("\n    Hint: do Y.\n\n    Checks X.\n")


def test_a_finding_a_registry_waiver_suppressed_is_reported_as_suppressed(tmp_path: Path) -> None:
    """As every other waiver's, a registry waiver's suppressed findings reach SARIF as
    suppressed results (with the reason as justification), the JSON as the waiver's use, and
    the text output as a waiver line, so a reviewer can see what it hid and where it is."""
    from safeguarding_partnership.findings import Severity
    from safeguarding_partnership.output.sarif import sarif_log

    rules = {"ignore": [{"rule": "REGISTRY-002", "reason": "the boundary is disputed"}]}
    path = _write(
        tmp_path / "a.json",
        [_arr("a", ["E09000016"], rules=rules), _arr("b", ["E09000016"])],
    )
    run = check_path(path, as_of=DAY, selection=Selection(select=("REGISTRY-",)))
    assert run.registry == ()
    results = sarif_log(run, min_severity=Severity.INFO)["runs"][0]["results"]
    hidden = [r for r in results if r["ruleId"] == "REGISTRY-002"]
    assert hidden and hidden[0]["suppressions"][0]["justification"] == "the boundary is disputed"
    assert hidden[0]["suppressions"][0]["kind"] == "inSource"
    from safeguarding_partnership.output.text import check_as_data, render_check

    (use,) = check_as_data(run)["registry_waivers"]
    assert use["rule"] == "REGISTRY-002" and use["origin"] == "rules.ignore[0]" and use["used"]
    assert [f["rule"] for f in use["suppressed"]] == ["REGISTRY-002"]
    text = render_check(run, "text")
    assert "waived REGISTRY-002 (REGISTRY-002): the boundary is disputed; suppressed 1" in text
