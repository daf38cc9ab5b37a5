"""The ``import-gias`` command: a fragment of schools for one area, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from safeguarding_partnership.cli import main
from safeguarding_partnership.io.load import load_path

FIXTURE = Path(__file__).parent / "data" / "gias" / "edubasealldata-fixture.csv"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        main(["import-gias", *args])
    code = exit_.value.code
    return int(code) if isinstance(code, int) else 0, capsys.readouterr().err


def test_fragment_of_open_schools_in_the_area(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schools.yaml"
    code, err = _run(
        capsys, str(FIXTURE), "--area", "E09000016", "--as-of", "2024-06-01", "--out", str(out)
    )
    assert code == 0, err
    fragment = YAML(typ="safe").load(out.read_text(encoding="utf-8"))
    urns = [o["urn"] for o in fragment["organisations"]]
    # 100006 is closed, 100007 Welsh, 100008 proposed to open, 100009 in Barking and Dagenham
    assert urns == [100001, 100002, 100003, 100004, 100005]
    assert {o["name"] for o in fragment["organisations"]} >= {
        "St Thomas à Becket Fixture Academy",
        "St. Clement’s Fixture College",
    }
    assert [a["organisation"] for a in fragment["relevant_agencies"]] == [f"urn-{u}" for u in urns]
    assert all(a["areas"] == ["E09000016"] for a in fragment["relevant_agencies"])
    # the two lists pasted into an arrangement load and resolve cleanly
    arrangement = tmp_path / "arrangement.yaml"
    arrangement.write_text(
        "id: havering\nname: Havering\nareas: [{code: E09000016}]\n"
        + out.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (loaded,) = load_path(arrangement)
    assert len(loaded.arrangement.relevant_agencies or ()) == 5


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schools.yaml"
    out.write_text("mine\n", encoding="utf-8")
    code, err = _run(capsys, str(FIXTURE), "--area", "E09000016", "--out", str(out))
    assert code == 4 and "already exists" in err
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_missing_columns_is_a_located_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "gias.csv"
    bad.write_text(
        '"URN","LA (code)","EstablishmentName"\n100001,"311","A school"\n', encoding="utf-8"
    )
    out = tmp_path / "schools.yaml"
    code, err = _run(capsys, str(bad), "--area", "E09000016", "--out", str(out))
    assert code == 2
    assert f"{bad}:1:" in err and "missing columns: LA (name)" in err
    assert "Traceback" not in err and not out.exists()


def test_unknown_area_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, str(FIXTURE), "--area", "W06000001", "--out", str(tmp_path / "x.yaml"))
    assert code == 2 and "--area" in err
