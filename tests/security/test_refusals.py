"""Every hostile input is refused as a documented, located error with exit code 2.

Each case is refused the same way by ``check`` and ``render`` (which writes nothing), as an
:class:`ArrangementsFileError` (or its :class:`InputLimitError` subclass) whose every problem
names the file, and, where the parser can tell, the line and column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ArrangementsFileError, ExitCode, InputLimitError
from safeguarding_partnership.io.load import load
from security._render import special_file

HEAD = "id: x\nname: X\nareas: [{code: E09000016}]\n"


def _laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n" + HEAD


# name, content, error class, message fragment, (line, column) or None when not located
CASES: dict[str, tuple[str, bytes, type[ArrangementsFileError], str, tuple[int, int] | None]] = {
    "alias bomb": ("a.yaml", _laughs().encode(), InputLimitError, "file expands to more", None),
    "many aliases": (
        "a.yaml",
        (HEAD + "priorities: &p [a]\n" + "".join(f"x{i}: *p\n" for i in range(150))).encode(),
        InputLimitError,
        "uses 150 YAML aliases",
        None,
    ),
    "deep YAML": (
        "a.yaml",
        (HEAD + "settings: " + "[" * 100 + "]" * 100 + "\n").encode(),
        InputLimitError,
        "nesting deeper than 64 levels",
        (4, 75),
    ),
    "deep JSON": (
        "a.json",
        ('{"id": "x", "settings": ' + "[" * 100000 + "]" * 100000 + "}").encode(),
        InputLimitError,
        "nesting too deep",
        None,
    ),
    "deep TOML": (
        "a.toml",
        ('id = "x"\nsettings = ' + "[" * 100 + "]" * 100 + "\n").encode(),
        InputLimitError,
        "nesting deeper than 64 levels",
        None,
    ),
    "duplicate YAML key": (
        "a.yaml",
        (HEAD + "name: Y\n").encode(),
        ArrangementsFileError,
        "duplicate key 'name'",
        (4, 1),
    ),
    "duplicate JSON key": (
        "a.json",
        b'{"id": "x", "id": "y"}',
        ArrangementsFileError,
        "duplicate key 'id'",
        None,
    ),
    "duplicate TOML key": (
        "a.toml",
        b'id = "x"\nid = "y"\n',
        ArrangementsFileError,
        "invalid TOML",
        (2, 9),
    ),
    "Latin-1": (
        "a.yaml",
        HEAD.encode() + b"purposes: [caf\xe9]\n",
        ArrangementsFileError,
        "not UTF-8 (byte 0xe9)",
        (4, 15),
    ),
    "binary": ("a.yaml", b"id: x\n\x00\x01\x02", ArrangementsFileError, "binary", None),
    "malformed YAML": (
        "a.yaml",
        (HEAD + "groups: [\n").encode(),
        ArrangementsFileError,
        "invalid YAML",
        (5, 1),
    ),
    "malformed JSON": (
        "a.json",
        b'{"id": "x",\n "name": }',
        ArrangementsFileError,
        "invalid JSON",
        (2, 10),
    ),
    "malformed TOML": (
        "a.toml",
        b'id = "x"\nname = \n',
        ArrangementsFileError,
        "invalid TOML",
        (2, 8),
    ),
    "top-level list": ("a.json", b"[1, 2]", ArrangementsFileError, "expected a mapping", (1, 0)),
    "unknown suffix": ("a.exe", HEAD.encode(), ArrangementsFileError, "unknown file type", None),
    "data: URL": (
        "a.yaml",
        (HEAD + "published_url: 'data:text/html,<script>alert(1)</script>'\n").encode(),
        ArrangementsFileError,
        "is not a valid value here (String should match pattern",
        (4, 16),
    ),
    "javascript: URL": (
        "a.yaml",
        (HEAD + "published_url: javascript:alert(1)\n").encode(),
        ArrangementsFileError,
        "is not a valid value here (String should match pattern",
        (4, 16),
    ),
    "data: URL in JSON": (
        "a.json",
        json.dumps(
            {"id": "x", "name": "X", "areas": [{"code": "E09000016"}], "published_url": "data:,x"},
            indent=1,
        ).encode(),
        ArrangementsFileError,
        "is not a valid value here (String should match pattern",
        (9, 19),
    ),
}


def _write(tmp_path: Path, case: str) -> tuple[Path, type[ArrangementsFileError], str, object]:
    name, content, error, fragment, where = CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    return path, error, fragment, where


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    assert isinstance(exit_info.value.code, int)
    return exit_info.value.code, out, err


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_as_a_located_library_error(tmp_path: Path, case: str) -> None:
    path, error, fragment, where = _write(tmp_path, case)
    (result,) = list(load(path))
    assert type(result) is error, result
    assert result.exit_code == ExitCode.INPUT
    assert fragment in str(result)
    assert all(p.location.file == str(path) for p in result.problems)
    problem = next(p for p in result.problems if fragment in str(p))
    if where is not None:
        line, column = where  # type: ignore[misc]
        assert problem.location.line == line
        if column:
            assert problem.location.column == column


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_and_render_exit_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    path, _error, fragment, _where = _write(tmp_path, case)
    code, out, _ = _main(capsys, "check", str(path), "--as-of", "2024-06-01")
    assert code == ExitCode.INPUT
    first = out.splitlines()[0]
    assert first.startswith(f"{path}:") and "Traceback" not in out
    assert fragment in out
    code, out, _ = _main(capsys, "check", str(path), "--format", "json", "--as-of", "2024-06-01")
    data = json.loads(out)
    assert code == ExitCode.INPUT and data["exit_code"] == ExitCode.INPUT
    assert {e["file"] for e in data["load_errors"]} == {str(path)}
    out_dir = tmp_path / "out"
    code, _, err = _main(capsys, "render", str(path), "--format", "all", "--out", str(out_dir))
    assert code == ExitCode.INPUT
    assert fragment in err and "Traceback" not in err
    assert not out_dir.exists()


def test_max_bytes_option_and_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HEAD, encoding="utf-8")
    size = len(HEAD.encode())
    code, out, _ = _main(capsys, "check", str(path), "--max-bytes", str(size - 1))
    assert code == ExitCode.INPUT
    assert out.startswith(f"{path}: file is {size} bytes, over the limit of {size - 1} bytes")
    code, _, _ = _main(capsys, "check", str(path), "--max-bytes", str(size))
    assert code != ExitCode.INPUT
    code, _, err = _main(
        capsys,
        "render",
        str(path),
        "--format",
        "all",
        "--max-bytes",
        "8",
        "--out",
        str(tmp_path / "out"),
    )
    assert code == ExitCode.INPUT and "over the limit of 8 bytes" in err
    monkeypatch.setenv("SP_MAX_FILE_BYTES", "8")
    code, out, _ = _main(capsys, "check", str(path))
    assert code == ExitCode.INPUT and "over the limit of 8 bytes" in out
    code, _, _ = _main(capsys, "check", str(path), "--max-bytes", str(size))  # the flag wins
    assert code != ExitCode.INPUT
    code, _, err = _main(capsys, "check", str(path), "--max-bytes", "0")
    assert code == ExitCode.INPUT and "--max-bytes" in err


def test_yaml_tags_never_run_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "a.yaml"
    path.write_text(
        HEAD
        + f"purposes: !!python/object/apply:os.system ['touch {marker}']\n"
        + f"settings: {{x: !!python/object/new:os.system ['touch {marker}']}}\n",
        encoding="utf-8",
    )
    code, out, _ = _main(capsys, "check", str(path), "--as-of", "2024-06-01")
    assert not marker.exists()
    # the tag is ignored: the value is read as the plain data it tags, then checked as such
    assert code == ExitCode.INPUT and out.startswith(f"{path}:5:")


GIAS_FIXTURE = Path(__file__).resolve().parents[1] / "data" / "gias" / "edubasealldata-fixture.csv"
GIAS_HEADER = GIAS_FIXTURE.read_text(encoding="cp1252").splitlines()[0]


@pytest.mark.parametrize(
    ("case", "body", "fragment", "line"),
    [
        ("huge field", '100001,"' + "a" * 200_000 + '"\n', "field larger than field limit", 2),
        ("short row", "100001,316\n", "expected", 2),
        ("binary", "\x00\x01\x02\n", "expected", 2),
    ],
)
def test_hostile_gias_csv_is_a_located_input_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    body: str,
    fragment: str,
    line: int,
) -> None:
    path = tmp_path / "gias.csv"
    path.write_text(GIAS_HEADER + "\n" + body, encoding="utf-8")
    out = tmp_path / "schools.yaml"
    code, _, err = _main(
        capsys,
        "import-gias",
        str(path),
        "--area",
        "E09000025",
        "--out",
        str(out),
        "--as-of",
        "2024-01-01",
    )
    assert code == ExitCode.INPUT, case
    assert err.startswith(f"error: {path}:{line}:") and fragment in err, err
    assert not out.exists()


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_device_or_fifo_is_refused_without_reading(tmp_path: Path, kind: str) -> None:
    """A link to /dev/zero has size 0 but never ends; a FIFO blocks a reader for ever."""
    import subprocess
    import sys

    path = special_file(tmp_path / "a.yaml", kind)
    code = "from safeguarding_partnership.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == ExitCode.INPUT
    assert done.stdout.startswith(f"{path}: not a regular file")
