"""Every class of bad input gives its exact located message and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_partnership.cli import main

GOOD = """\
schema_version: 1
id: x
name: X
areas:
  - {code: E09000016}
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    assert isinstance(code, int)
    return code, out, err


CASES = {
    "unknown key": (
        GOOD + "nmae: Y\n",
        "bad.yaml:6:1: nmae: unknown key 'nmae'; did you mean 'name'?",
    ),
    "wrong type": (
        GOOD + "combined_area: [1]\n",
        "bad.yaml:6:16: combined_area: [1] is not true or false: write true or false",
    ),
    "bad date": (
        GOOD + "valid_from: 2019-02-30\n",
        "bad.yaml:6:13: valid_from: invalid date '2019-02-30': expected YYYY-MM-DD",
    ),
    "dangling reference": (
        GOOD + "partners:\n  - {role: local_authority, organisation: havering}\n",
        "bad.yaml:7:43: partners[0].organisation: unknown organisation 'havering'",
    ),
    "duplicate id": (
        GOOD
        + "organisations:\n"
        + "  - {id: a, name: A, kind: other}\n"
        + "  - {id: a, name: B, kind: other}\n",
        "bad.yaml:8:10: organisations[1].id: duplicate organisation id 'a' "
        "(first declared at line 7)",
    ),
    "empty file": ("\n", "bad.yaml:1: file is empty"),
    "empty section": (
        GOOD + "contents: {education: ''}\n",
        "bad.yaml:6:23: contents.education: String should have at least 1 character (got '')",
    ),
    "invalid YAML": (
        GOOD + "groups: [\n",
        "bad.yaml:7:1: invalid YAML: expected the node content, but found '<stream end>'",
    ),
    "duplicate key": (GOOD + "id: y\n", "bad.yaml:6:1: invalid YAML: duplicate key 'id'"),
    "a comment the round-trip reader cannot place": (
        # a tag sends the file to ruamel's round-trip reader, which fails on this comment
        GOOD.replace("name: X", "name: !!str X") + "notes: # c\n  x\n\n",
        "bad.yaml:6:8: cannot read the comment here (the YAML reader keeps comments, and "
        "cannot place one between a key and a value on a later line): move the comment to "
        "a line of its own above the key, or after the value",
    ),
    "missing key": (
        "id: x\nareas: [{code: E09000016}]\n",
        "bad.yaml:1: name: missing required key 'name'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_message_and_exit_code(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text, expected = CASES[case]
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", "bad.yaml")
    assert code == 2
    assert expected in out.splitlines(), out
    assert "Traceback" not in out + err


def test_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_bytes(b"id: x\nname: caf\xe9\n")
    code, out, _ = run(capsys, "check", "bad.yaml")
    assert code == 2
    assert "bad.yaml:2:10: file is not UTF-8 (byte 0xe9)" in out.splitlines()


def test_binary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_bytes(b"id: x\n\x00\x01\x02")
    code, out, _ = run(capsys, "check", "bad.yaml")
    assert code == 2
    assert "bad.yaml:2: file is binary, not text" in out.splitlines()


def test_toml_and_json_errors_are_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.toml").write_text('id = "x"\nname = "X"\nareas = [{code = "E0900001"}]\n')
    code, out, _ = run(capsys, "check", "a.toml")
    assert code == 2
    assert out.splitlines()[0].startswith(
        "a.toml:3: areas[0].code: 'E0900001' is not a valid value"
    )
    Path("b.json").write_text(
        '{"id": "x", "name": "X",\n "areas": [{"code": "E09000016"}],\n "nmae": 1}'
    )
    code, out, _ = run(capsys, "check", "b.json")
    assert code == 2
    assert "b.json:3:2: nmae: unknown key 'nmae'; did you mean 'name'?" in out.splitlines()


def test_every_problem_is_reported_not_just_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(GOOD + "nmae: Y\nvalid_to: someday\n")
    code, out, _ = run(capsys, "check", "bad.yaml")
    assert code == 2
    lines = out.splitlines()
    assert lines[0].startswith("bad.yaml:6:1: nmae")
    assert lines[1].startswith("bad.yaml:7:11: valid_to")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "does not exist" in err
    code, _, err = run(capsys, "check", "--as-of", "2020-02-31", str(tmp_path))
    assert code == 2
    assert "not a date" in err


def test_clean_file_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(GOOD)
    code, out, _ = run(
        capsys, "check", "good.yaml", "--as-of", "2020-01-01", "--select", "PARTNERS-004"
    )
    assert code == 0
    assert "X (x)" in out


def test_an_anchor_defined_twice_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ruamel only warns of a reused anchor; with warnings as errors it was a traceback."""
    from safeguarding_partnership.cli import main

    path = tmp_path / "a.yaml"
    path.write_text("a: &x [1]\nb: &x [2]\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["check", str(path), "--as-of", "2025-01-01"])
    assert info.value.code == 2
    assert f"{path}:2:4: invalid YAML: anchor 'x' is defined twice" in capsys.readouterr().out
