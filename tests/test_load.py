"""Loading the examples, round trips through every format, and the exported JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from safeguarding_partnership.io.dump import dump_text
from safeguarding_partnership.io.load import load_arrangement
from safeguarding_partnership.io.schema import schema_text
from safeguarding_partnership.model import Arrangement, GroupKind, PartnerRole


def test_havering_example_contents(examples_dir: Path) -> None:
    arr = load_arrangement(examples_dir / "havering.yaml")
    assert arr.id == "havering"
    assert arr.area_codes == ("E09000016",)
    day = dt.date(2026, 11, 25)
    roles = {p.role for p in arr.partners or () if p.in_force(day)}
    assert roles == {
        PartnerRole.LOCAL_AUTHORITY,
        PartnerRole.INTEGRATED_CARE_BOARD,
        PartnerRole.CHIEF_OFFICER_OF_POLICE,
    }
    old = {p.organisation for p in arr.partners or () if p.in_force(dt.date(2020, 1, 1))}
    assert old == {"havering-council", "havering-ccg", "met"}
    scp = next(g for g in arr.groups or () if g.id == "scp")
    assert scp.kind is GroupKind.PARTNERSHIP_MEETING
    assert scp.cadence is not None and scp.cadence.frequency == "quarterly"
    assert set(arr.plugins) == {"havering", "bhr"}


def test_bhr_example_contents(examples_dir: Path) -> None:
    arr = load_arrangement(examples_dir / "bhr.yaml")
    assert arr.area_codes == ("E09000002", "E09000016", "E09000026")
    tri = next(g for g in arr.groups or () if g.id == "tri-borough")
    assert tri.cadence is not None and tri.cadence.every_weeks == 6
    assert tri.reports_to == ()
    place = sorted(g.footprint or () for g in arr.groups or () if g.kind is GroupKind.PLACE_GROUP)
    assert place == [("E09000002",), ("E09000016",), ("E09000026",)]
    assert arr.priorities is not None and "County lines" in arr.priorities


@pytest.mark.parametrize("fmt", ["yaml", "toml", "json"])
@pytest.mark.parametrize("name", ["havering.yaml", "bhr.yaml"])
def test_round_trip_keeps_every_field(
    examples_dir: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    original = load_arrangement(examples_dir / name)
    out = tmp_path / f"copy.{fmt}"
    out.write_text(dump_text(original, fmt), encoding="utf-8")
    again = load_arrangement(out)
    assert again == original
    assert again.model_dump() == original.model_dump()


def test_round_trip_keeps_unknown_apart_from_none(tmp_path: Path) -> None:
    arr = Arrangement.model_validate(
        {"id": "x", "name": "X", "areas": [{"code": "E09000016"}], "groups": "none"}
    )
    for fmt in ("yaml", "json", "toml"):
        out = tmp_path / f"x.{fmt}"
        out.write_text(dump_text(arr, fmt), encoding="utf-8")
        again = load_arrangement(out)
        assert again.groups == ()
        assert again.partners is None


def test_schema_validates_the_examples_with_check_jsonschema(
    examples_dir: Path, tmp_path: Path
) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(schema_text(), encoding="utf-8")
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    result = subprocess.run(
        [exe, "--schemafile", str(schema), *map(str, sorted(examples_dir.glob("*.yaml")))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # and it rejects what the loader rejects
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": "x", "name": "X", "areas": [{"code": "nope"}]}))
    result = subprocess.run(
        [exe, "--schemafile", str(schema), str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1


def test_schema_is_stable_json() -> None:
    assert schema_text() == schema_text()
    data = json.loads(schema_text())
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"  # editors read draft-07
    assert json.loads(schema_text(draft="2020-12"))["$schema"].endswith("2020-12/schema")
    assert "areas" in data["required"]


def test_the_models_built_first_are_those_plugins_contribute() -> None:
    """A file that names plugins builds these validators before the arrangement's (io.load),
    because plugins make these records (plugins.apply): the two lists must agree."""
    from safeguarding_partnership.io.load import CONTRIBUTED_MODELS
    from safeguarding_partnership.plugins.apply import _CONTRIBUTED

    assert tuple(model for _, _, _, model, _ in _CONTRIBUTED) == CONTRIBUTED_MODELS
