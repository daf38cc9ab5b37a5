"""Exact input validation: what the documentation says is the only thing accepted.

``schema_version`` is the whole number 1 (not ``true``, not ``1.0``); a JSON key given
twice is refused where the second one is, as YAML's and TOML's are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_partnership.errors import ArrangementsFileError
from safeguarding_partnership.io.load import load_path

HEAD = "id: t\nname: n\nareas: [{code: E09000016}]\n"


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("true.yaml", HEAD + "schema_version: true\n", (4, 17)),
        ("float.yaml", HEAD + "schema_version: 1.0\n", (4, 17)),
        ("text.yaml", HEAD + "schema_version: '1'\n", (4, 17)),
        (
            "true.json",
            '{"id": "t", "name": "n", "areas": [{"code": "E09000016"}],\n"schema_version": true}',
            (2, 19),
        ),
        (
            "float.json",
            '{"id": "t", "name": "n", "areas": [{"code": "E09000016"}],\n"schema_version": 1.0}',
            (2, 19),
        ),
        ("registry.yaml", "schema_version: true\narrangements: []\n", (1, 17)),
        (
            "float.toml",
            'schema_version = 1.0\nid = "t"\nname = "n"\nareas = [{code = "E09000016"}]\n',
            (1, None),
        ),
    ],
)
def test_schema_version_must_be_the_whole_number_1(
    tmp_path: Path, name: str, text: str, where: tuple[int, int | None]
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArrangementsFileError) as info:
        load_path(path)
    [problem] = [p for p in info.value.problems if p.path == "schema_version"]
    assert (problem.location.line, problem.location.column) == where
    assert "the whole number 1" in problem.message


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_schema_version_1_is_accepted(tmp_path: Path, fmt: str) -> None:
    text = {
        "yaml": HEAD + "schema_version: 1\n",
        "json": '{"schema_version": 1, "id": "t", "name": "n", "areas": [{"code": "E09000016"}]}',
        "toml": 'schema_version = 1\nid = "t"\nname = "n"\nareas = [{code = "E09000016"}]\n',
    }[fmt]
    path = tmp_path / f"a.{fmt}"
    path.write_text(text, encoding="utf-8")
    assert load_path(path)[0].arrangement.schema_version == 1


@pytest.mark.parametrize(
    ("text", "key", "where"),
    [
        ('{"id": "t",\n "id": "u"}', "id", (2, 2)),
        ('{"id": "t", "areas": [{"code": "a",\n   "name": "x", "code": "b"}]}', "code", (2, 17)),
        ('{"settings": {"x": {"a": 1, "a": 2}}, "id": "t"}', "a", (1, 29)),
        ('{"a\\u0062": 1, "ab": 2}', "ab", (1, 16)),
    ],
)
def test_a_json_key_given_twice_is_refused_where_it_is_repeated(
    tmp_path: Path, text: str, key: str, where: tuple[int, int]
) -> None:
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArrangementsFileError) as info:
        load_path(path)
    [problem] = info.value.problems
    assert problem.message == f"invalid JSON: duplicate key {key!r}"
    assert (problem.location.line, problem.location.column) == where
