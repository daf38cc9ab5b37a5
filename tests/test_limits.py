"""Input limits: every refusal is a located library error with exit code 2, and is fast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import InputLimitError
from safeguarding_partnership.io.load import load_path
from safeguarding_partnership.io.parse import Limits

HEAD = "id: x\nname: X\nareas: [{code: E09000016}]\n"


def _laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n" + HEAD


def _exit(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, _ = capsys.readouterr()
    assert isinstance(exc.value.code, int)
    return exc.value.code, out


def test_billion_laughs_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(_laughs())
    with pytest.raises(InputLimitError) as info:
        load_path(path)
    assert "YAML aliases that repeat large parts of the file are refused" in str(info.value)
    code, out = _exit(capsys, "check", str(path))
    assert code == 2
    assert out.startswith(f"{path}: file expands to more than")


def test_many_aliases_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(HEAD + "priorities: &p [a]\n" + "".join(f"x{i}: *p\n" for i in range(150)))
    with pytest.raises(InputLimitError, match="uses 150 YAML aliases, over the limit of 100"):
        load_path(path)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "deep.yaml",
            HEAD + "settings: " + "[" * 100 + "]" * 100 + "\n",
            "nesting deeper than 64 levels",
        ),
        (
            "deep.json",
            '{"id": "x", "settings": ' + "[" * 100 + "]" * 100 + "}",
            "nesting deeper than 64 levels",
        ),
        (
            "deeper.json",
            '{"id": "x", "settings": ' + "[" * 100000 + "]" * 100000 + "}",
            "nesting too deep",
        ),
        (
            "deep.toml",
            'id = "x"\nsettings = ' + "[" * 100 + "]" * 100 + "\n",
            "nesting deeper than 64 levels",
        ),
    ],
)
def test_deep_nesting_is_refused(tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputLimitError, match=expected):
        load_path(path)


def test_size_limit_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HEAD)
    monkeypatch.setenv("SP_MAX_FILE_BYTES", "10")
    code, out = _exit(capsys, "check", str(path))
    assert code == 2
    assert f"{path}: file is {len(HEAD)} bytes, over the limit of 10 bytes" in out.splitlines()
    with pytest.raises(InputLimitError):
        load_path(path, limits=Limits(max_bytes=5))


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("dup.yaml", HEAD + "name: Y\n", "dup.yaml:4:1: invalid YAML: duplicate key 'name'"),
        ("dup.json", '{"id": "x", "id": "y"}', "dup.json:1:13: invalid JSON: duplicate key 'id'"),
        ("dup.toml", 'id = "x"\nid = "y"\n', "dup.toml:2:"),
    ],
)
def test_duplicate_keys_are_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text)
    code, out = _exit(capsys, "check", name)
    assert code == 2
    assert out.splitlines()[0].startswith(expected), out


def test_unknown_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HEAD)
    code, out = _exit(capsys, "check", str(path))
    assert code == 2
    assert "unknown file type: use .yaml, .yml, .toml or .json" in out


def test_top_level_must_be_a_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("- 1\n- 2\n")
    code, out = _exit(capsys, "check", str(path))
    assert code == 2
    assert f"{path}:1: expected a mapping of keys at the top of the file, got a list" in out


def test_deep_settings_in_a_file_of_several_arrangements_are_located(tmp_path: Path) -> None:
    deep = "[" * 100 + "]" * 100
    path = tmp_path / "registry.json"
    path.write_text(
        '{"schema_version": 1, "arrangements": [\n'
        '  {"id": "a", "name": "A"},\n'
        f'  {{"id": "b", "name": "B", "settings": {deep}}}\n'
        "]}\n"
    )
    with pytest.raises(InputLimitError, match="nesting deeper than 64 levels") as info:
        load_path(path)
    assert str(info.value).startswith(f"{path}:3:")  # the second arrangement's line, not 1


def test_raising_the_size_limit_raises_the_value_limit_with_it(monkeypatch: Any) -> None:
    """``--max-bytes`` (or ``SP_MAX_FILE_BYTES``) lets a larger file be read: its value limit
    is one value for every 16 bytes, never below the default (a registry of 93 MB holds
    about 3.4 million values, over the default 2,000,000)."""
    from safeguarding_partnership.cli.options import input_limits
    from safeguarding_partnership.io.parse import DEFAULT_MAX_VALUES, Limits

    assert Limits().max_nodes == DEFAULT_MAX_VALUES
    assert input_limits(None).max_nodes == DEFAULT_MAX_VALUES
    assert input_limits(1024).max_nodes == DEFAULT_MAX_VALUES  # a smaller size: no fewer values
    assert input_limits(100_000_000).max_nodes == 6_250_000
    monkeypatch.setenv("SP_MAX_FILE_BYTES", "64000000")
    assert Limits.from_env().max_bytes == 64_000_000
    assert Limits.from_env().max_nodes == 4_000_000
    assert input_limits(None).max_nodes == 4_000_000
