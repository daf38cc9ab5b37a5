"""Configuration like ruff's: ``[tool.safeguarding-partnership]`` in ``pyproject.toml`` or a
``safeguarding-partnership.toml``, found by walking up from the checked path, or named with
``--config``; the command line wins over the file, and an arrangements file's own ``rules:``
still applies to that file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ConfigError
from safeguarding_partnership.io.config import (
    CONFIG_FILE,
    Config,
    config_schema,
    discover,
    find_config,
    read_config,
)

# No partners recorded: PARTNERS-001 (error) and many "not recorded" infos; in force since 2019.
BASE = """\
schema_version: 1
id: tst
name: Test Partnership
valid_from: 2019-09-29
areas:
  - {code: E09000016, name: Havering}
partners: none
"""


def _arrangement(folder: Path, extra: str = "", name: str = "arrangements.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(BASE + extra, encoding="utf-8")
    return path


def _check(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, dict]:
    with pytest.raises(SystemExit) as info:
        main(["check", *map(str, args), "--format", "json"])
    out = capsys.readouterr().out
    return int(info.value.code or 0), json.loads(out)


def _codes(data: dict) -> set[str]:
    return {f["rule"] for a in data["arrangements"] for f in a["findings"]}


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main([*map(str, args)])
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out, captured.err


# -- finding the file ---------------------------------------------------------------------


def test_pyproject_table_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.safeguarding-partnership]\nselect = ["PUB-"]\n'
    )
    deep = tmp_path / "a" / "b"
    path = _arrangement(deep)
    assert find_config(path) == tmp_path / "pyproject.toml"
    found = discover([path])
    assert found.path == tmp_path / "pyproject.toml"
    assert found.config.select == ("PUB-",)


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text('select = ["SCRUT-"]\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.ruff]\nselect = ["E"]\n')
    path = _arrangement(inner)
    assert find_config(path) == tmp_path / CONFIG_FILE


def test_a_broken_pyproject_that_cannot_hold_the_table_is_passed_over(tmp_path: Path) -> None:
    """Another tool's broken ``pyproject.toml`` does not stop a check: a text with no line
    that could make the table is not parsed. One that could is parsed, and its error shown."""
    (tmp_path / CONFIG_FILE).write_text('select = ["SCRUT-"]\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.ruff]\nselect = ["E"\n')  # unclosed list
    path = _arrangement(inner)
    assert find_config(path) == tmp_path / CONFIG_FILE
    (inner / "pyproject.toml").write_text('[tool.safeguarding-partnership]\nselect = ["E"\n')
    assert find_config(path) == inner / "pyproject.toml"
    with pytest.raises(ConfigError, match="invalid TOML"):
        discover([path])


_HEADINGS = (
    "[project]",
    "[project.scripts]",
    "[tool]",
    "[tool.ruff]",
    "[tool.safeguarding-partnership]",
    "[ tool . safeguarding-partnership ]",
    '[tool."safeguarding-partnership"]',
    "[tool.'safeguarding-partnership']",
    '[tool."safeguarding\\u002dpartnership"]',
    '["tool".safeguarding-partnership]',
    "[tool.safeguarding-partnership.per-file-ignores]",
    "[tool.ruff.lint]",
    '["\\u0074ool".safeguarding-partnership]',
    "\ufeff[tool.safeguarding-partnership]",
)
_LINES = (
    'name = "safeguarding-partnership"',
    'safeguarding-partnership = "safeguarding_partnership.cli:main"',
    "safeguarding-partnership = { select = [] }",
    "safeguarding-partnership.select = []",
    "tool.safeguarding-partnership.select = []",
    "tool = { safeguarding-partnership = { select = [] } }",
    'tool."safeguarding-partnership".select = []',
    'docs = "https://safeguarding-partnership.readthedocs.io/"',
    'text = """\n[tool.safeguarding-partnership]\n"""',
    "select = []",
    "# [tool.safeguarding-partnership]",
    '"\\u0074ool".safeguarding-partnership.select = []',
    '"too\\u006c" = { safeguarding-partnership = { select = [] } }',
)


_SECTIONS = st.lists(
    st.tuples(st.sampled_from(("", *_HEADINGS)), st.lists(st.sampled_from(_LINES), max_size=3)),
    max_size=4,
)


@settings(max_examples=600, deadline=None)
@given(_SECTIONS)
def test_no_text_that_holds_the_table_is_passed_over_unparsed(
    sections: list[tuple[str, list[str]]],
) -> None:
    """Whatever TOML holds ``tool.safeguarding-partnership``, the cheap look at its text
    says it may: passing over unparsed is only for texts that cannot hold the table."""
    import tomllib

    from safeguarding_partnership.io.config import _MAY_HOLD_TABLE, TOOL_TABLE

    text = "".join(
        heading + "\n" + "".join(f"{line}\n" for line in lines) for heading, lines in sections
    )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    tool = data.get("tool")
    if isinstance(tool, dict) and TOOL_TABLE in tool:
        assert _MAY_HOLD_TABLE.search(text) is not None, text


def test_nearest_wins_and_standalone_beats_pyproject_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text('select = ["SCRUT-"]\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.safeguarding-partnership]\nselect = ["PUB-"]\n')
    path = _arrangement(inner)
    assert find_config(path) == inner / "pyproject.toml"
    (inner / CONFIG_FILE).write_text('select = ["FUND-"]\n')
    assert find_config(path) == inner / CONFIG_FILE
    assert discover([path]).config.select == ("FUND-",)


def test_no_file_means_defaults(tmp_path: Path) -> None:
    path = _arrangement(tmp_path / "nothing-here")
    found = discover([path], stop=tmp_path)
    assert found.path is None
    assert found.config == Config()


def test_a_folder_path_starts_the_walk_at_itself(tmp_path: Path) -> None:
    folder = tmp_path / "arrangements"
    _arrangement(folder)
    (folder / CONFIG_FILE).write_text("preview = true\n")
    assert find_config(folder) == folder / CONFIG_FILE


def test_paths_under_two_configs_are_refused(tmp_path: Path) -> None:
    one = _arrangement(tmp_path / "one")
    two = _arrangement(tmp_path / "two")
    (tmp_path / "one" / CONFIG_FILE).write_text("preview = true\n")
    (tmp_path / "two" / CONFIG_FILE).write_text("preview = false\n")
    with pytest.raises(ConfigError, match="different configuration files"):
        discover([one, two])


# -- reading it ---------------------------------------------------------------------------


def test_every_key_is_read(tmp_path: Path) -> None:
    config = tmp_path / CONFIG_FILE
    config.write_text(
        """\
select = ["PUB-", "SCRUT-"]
ignore = [{rule = "PUB-011", reason = "funding is in the yearly report"}]
as-of = 2024-06-01
plugins = ["havering"]
preview = true
include-not-commenced = true
output-format = "json"

[per-file-ignores]
"legacy/*.yaml" = [{rule = "STRUCT-", reason = "old structure, being replaced"}]

[core."PUB-017"]
deadline = "2025-01-01"
"""
    )
    read = read_config(config)
    assert read.select == ("PUB-", "SCRUT-")
    assert read.ignore[0].rule == "PUB-011"
    assert read.as_of == dt.date(2024, 6, 1)
    assert read.plugins == ("havering",)
    assert read.preview and read.include_not_commenced
    assert read.output_format == "json"
    assert read.per_file_ignores["legacy/*.yaml"][0].rule == "STRUCT-"
    assert read.core == {"PUB-017": {"deadline": "2025-01-01"}}


def test_a_bad_key_is_located_with_did_you_mean(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[tool.ruff]\nselect = ["E"]\n\n[tool.safeguarding-partnership]\nas-of = 2024-01-01\n'
        '  selct = ["PUB-"]\n'
    )
    with pytest.raises(ConfigError) as info:
        read_config(pyproject)
    (problem,) = info.value.problems
    assert str(problem) == (
        f"{pyproject}:6:3: tool.safeguarding-partnership.selct: unknown key 'selct'; "
        "did you mean 'select'?"
    )


def test_a_bad_value_is_located(tmp_path: Path) -> None:
    config = tmp_path / CONFIG_FILE
    config.write_text(
        'select = ["PUB-"]\nignore = [\n  {rule = "PUB-011"},\n]\noutput-format = "xml"\n'
    )
    with pytest.raises(ConfigError) as info:
        read_config(config)
    text = str(info.value)
    assert f"{config}:3:3: ignore[0].reason: missing required key 'reason'" in text
    assert f"{config}:5:17: output-format: 'xml' is not allowed" in text


def test_a_waiver_without_a_reason_is_refused(tmp_path: Path) -> None:
    config = tmp_path / CONFIG_FILE
    config.write_text('ignore = [{rule = "PUB-011", reason = ""}]\n')
    with pytest.raises(ConfigError, match=r"ignore\[0\]\.reason"):
        read_config(config)


def test_invalid_toml_is_located(tmp_path: Path) -> None:
    config = tmp_path / CONFIG_FILE
    config.write_text('select = ["PUB-"]\nthis is not toml\n')
    with pytest.raises(ConfigError, match=rf"^{config}:2:6: invalid TOML"):
        read_config(config)


def test_the_config_schema_describes_the_keys() -> None:
    schema = config_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$id"].endswith("/schema/config-1.json")
    assert {"select", "ignore", "per-file-ignores", "as-of", "output-format", "core"} <= set(
        schema["properties"]
    )
    validator = jsonschema.Draft7Validator(schema)
    validator.validate({"select": ["PUB-"], "ignore": [{"rule": "PUB-011", "reason": "x"}]})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"selct": ["PUB-"]})


def test_schema_command_prints_the_config_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema", "--config")
    assert code == 0
    assert json.loads(out) == config_schema()


# -- the check command with a config ------------------------------------------------------


def test_config_select_applies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _arrangement(tmp_path)
    code, data = _check(capsys, path, "--as-of", "2025-01-01")
    assert code == 1 and "PARTNERS-001" in _codes(data)
    (tmp_path / CONFIG_FILE).write_text('select = ["PUB-"]\n')
    code, data = _check(capsys, path, "--as-of", "2025-01-01")
    assert code == 0
    assert _codes(data) and all(c.startswith("PUB-") for c in _codes(data))


def test_cli_select_wins_over_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _arrangement(tmp_path)
    (tmp_path / CONFIG_FILE).write_text('select = ["PUB-"]\n')
    code, data = _check(capsys, path, "--as-of", "2025-01-01", "--select", "PARTNERS-")
    assert code == 1
    assert "PARTNERS-001" in _codes(data)
    assert all(c.startswith("PARTNERS-") for c in _codes(data))


def test_config_ignore_adds_to_cli_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = _arrangement(tmp_path)
    (tmp_path / CONFIG_FILE).write_text(
        'ignore = [{rule = "PARTNERS-", reason = "being recorded"}]\n'
    )
    code, data = _check(capsys, path, "--as-of", "2025-01-01", "--ignore", "PUB-=not published")
    assert code == 0
    codes = _codes(data)
    assert not any(c.startswith(("PARTNERS-", "PUB-")) for c in codes)
    waivers = {w["rule"]: w["reason"] for w in data["arrangements"][0]["waivers"]}
    assert waivers == {"PARTNERS-": "being recorded", "PUB-": "not published"}


def test_as_of_from_config_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _arrangement(tmp_path)
    (tmp_path / CONFIG_FILE).write_text("as-of = 2019-01-01\n")
    _, data = _check(capsys, path)
    assert data["arrangements"][0]["as_of"] == "2019-01-01"
    _, data = _check(capsys, path, "--as-of", "2025-01-01")
    assert data["arrangements"][0]["as_of"] == "2025-01-01"


def test_output_format_from_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _arrangement(tmp_path)
    (tmp_path / CONFIG_FILE).write_text('output-format = "csv"\n')
    code, out, _ = _run(capsys, "check", path, "--as-of", "2025-01-01")
    assert code == 1
    assert out.startswith("kind,arrangement,rule,")
    code, out, _ = _run(capsys, "check", path, "--as-of", "2025-01-01", "--format", "json")
    assert json.loads(out)["exit_code"] == 1


def test_per_file_ignores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    legacy = _arrangement(tmp_path / "legacy", name="old.yaml")
    current = _arrangement(tmp_path / "current", name="new.yaml")
    (tmp_path / CONFIG_FILE).write_text(
        '[per-file-ignores]\n"legacy/*.yaml" = [{rule = "PARTNERS-", reason = "superseded"}]\n'
    )
    _, data = _check(capsys, legacy, current, "--as-of", "2025-01-01")
    by_file = {
        Path(a["file"]).name: {f["rule"] for f in a["findings"]} for a in data["arrangements"]
    }
    assert "PARTNERS-001" not in by_file["old.yaml"]
    assert "PARTNERS-001" in by_file["new.yaml"]


def test_per_file_ignore_by_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = _arrangement(tmp_path / "deep" / "er", name="old.yaml")
    (tmp_path / CONFIG_FILE).write_text(
        '[per-file-ignores]\n"old.yaml" = [{rule = "PARTNERS-", reason = "superseded"}]\n'
    )
    code, data = _check(capsys, path, "--as-of", "2025-01-01")
    assert code == 0 and "PARTNERS-001" not in _codes(data)


def test_the_file_own_rules_section_still_applies(tmp_path: Path, capsys):
    path = _arrangement(
        tmp_path,
        "rules:\n  ignore:\n    - {rule: PARTNERS-, reason: recorded elsewhere}\n",
    )
    (tmp_path / CONFIG_FILE).write_text('select = ["PARTNERS-", "PUB-"]\n')
    code, data = _check(capsys, path, "--as-of", "2025-01-01")
    assert code == 0
    codes = _codes(data)
    assert "PARTNERS-001" not in codes and any(c.startswith("PUB-") for c in codes)


def test_explicit_config_is_used_instead_of_discovery(tmp_path: Path, capsys) -> None:
    path = _arrangement(tmp_path)
    (tmp_path / CONFIG_FILE).write_text('select = ["PUB-"]\n')
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text('select = ["PARTNERS-"]\n')
    code, data = _check(capsys, path, "--as-of", "2025-01-01", "--config", elsewhere)
    assert code == 1 and "PARTNERS-001" in _codes(data)
    assert not any(c.startswith("PUB-") for c in _codes(data))


def test_explicit_pyproject_without_the_table_is_an_error(tmp_path: Path, capsys) -> None:
    path = _arrangement(tmp_path)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n')
    code, _, err = _run(capsys, "check", path, "--config", pyproject)
    assert code == 2
    assert "has no [tool.safeguarding-partnership] table" in err


def test_bad_config_key_through_the_cli_exits_2(tmp_path: Path, capsys) -> None:
    path = _arrangement(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.safeguarding-partnership]\noutput-fromat = "json"\n'
    )
    code, out, err = _run(capsys, "check", path)
    assert code == 2 and out == ""
    assert (
        "pyproject.toml:2:1: tool.safeguarding-partnership.output-fromat: unknown key "
        "'output-fromat'; did you mean 'output-format'?"
    ) in err


def test_config_plugin_paths_are_relative_to_the_config(tmp_path: Path, capsys) -> None:
    plugin = tmp_path / "conf" / "local_rules.py"
    plugin.parent.mkdir()
    plugin.write_text(
        "from safeguarding_partnership.plugins import hookimpl, rule, Issue, Strength, Regime\n"
        "@rule('LOCAL-001', 'a local rule', strength=Strength.SHOULD, regimes=[Regime.STATUTE],"
        " citations=['local'], provider='local_rules')\n"
        "def local(ctx):\n    yield Issue('local finding', ('name',))\n"
        "@hookimpl\ndef register_rules():\n    return [local]\n"
    )
    (tmp_path / CONFIG_FILE).write_text('plugins = ["conf/local_rules.py"]\nselect = ["LOCAL-"]\n')
    path = _arrangement(tmp_path / "files")
    code, data = _check(capsys, path, "--as-of", "2025-01-01")
    assert _codes(data) == {"LOCAL-001"}, data
    assert code == 0


def test_the_formats_are_one_list() -> None:
    from typing import get_args

    from safeguarding_partnership.io.config import CheckFormat
    from safeguarding_partnership.io.formats import CHECK_FORMATS

    assert get_args(CheckFormat) == CHECK_FORMATS


def test_every_key_is_documented() -> None:
    page = Path(__file__).resolve().parents[1] / "docs" / "reference" / "configuration.md"
    text = page.read_text(encoding="utf-8")
    for name, field in Config.model_fields.items():
        assert f"| `{field.alias or name}` |" in text, name


def test_the_documented_examples_read(tmp_path: Path) -> None:
    import re

    page = Path(__file__).resolve().parents[1] / "docs" / "reference" / "configuration.md"
    blocks = re.findall(r"^```toml\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M)
    assert len(blocks) == 3
    for n, block in enumerate(blocks):
        name = "pyproject.toml" if block.startswith("# pyproject.toml") else CONFIG_FILE
        folder = tmp_path / str(n)
        folder.mkdir()
        (folder / name).write_text(block, encoding="utf-8")
        config = read_config(folder / name)
        assert config.select == ("PUB-", "SCRUT-") or config.select == ("PUB-",)


def test_toml_positions_follow_tables_dotted_keys_and_inline_values() -> None:
    from safeguarding_partnership.io.toml_positions import toml_positions

    text = (
        '# comment\n[tool."safeguarding-partnership"]\nselect = [\n  "PUB-", # x\n  "SCRUT-",\n]\n'
        'a.b = {c = 1, d = [2, {e = """x\ny"""}]}\n[[item]]\nf = 1\n[[item]]\nf = 2\n'
    )
    index = toml_positions(text)
    assert index[("tool", "safeguarding-partnership")][:2] == (2, 2)
    assert index[("tool", "safeguarding-partnership", "select", 1)][2:] == (5, 3)
    assert index[("tool", "safeguarding-partnership", "a", "b", "d", 1, "e")][:2] == (7, 24)
    assert index[("item", 1, "f")] == (12, 1, 12, 5)  # after a string over two lines


def test_a_folder_check_leaves_the_configuration_files_out(tmp_path: Path, capsys) -> None:
    _arrangement(tmp_path)
    (tmp_path / CONFIG_FILE).write_text('select = ["PUB-"]\n')
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "partnership"\n')
    code, data = _check(capsys, tmp_path, "--as-of", "2025-01-01")
    assert code == 0 and not data["load_errors"]
    assert [Path(a["file"]).name for a in data["arrangements"]] == ["arrangements.yaml"]
