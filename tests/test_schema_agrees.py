"""The editor schema and the loader agree: the schema declares draft-07 (editors read it best,
``--draft 2020-12`` for the later draft) with a stable ``$id``, validates every example and
fixture with ``check-jsonschema``, and never refuses a document the loader accepts (a property
over the fuzz corpus and the testing kit's arrangements)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fuzz._inputs import TEXT_SEEDS, as_syntax, mutated, near_valid
from safeguarding_partnership.errors import ArrangementsFileError
from safeguarding_partnership.io.load import load_data
from safeguarding_partnership.io.parse import parse_text
from safeguarding_partnership.io.schema import SCHEMA_ID, arrangement_schema, schema_text
from safeguarding_partnership.io.schema_draft import DRAFTS, to_draft7, with_draft

ROOT = Path(__file__).resolve().parents[1]
_YAML = sorted(
    [*(ROOT / "examples").rglob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml")]
)


def _is_registry(path: Path) -> bool:
    """A registry file (``arrangements:`` at the top) holds several arrangements files."""
    return any(line.startswith("arrangements:") for line in path.read_text("utf-8").splitlines())


DOCUMENTS = [p for p in _YAML if not _is_registry(p)]
REGISTRIES = [p for p in _YAML if _is_registry(p)]
DRAFT7 = arrangement_schema()
VALIDATORS = {
    "draft-07": jsonschema.Draft7Validator(
        DRAFT7, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    ),
    "2020-12": jsonschema.Draft202012Validator(
        arrangement_schema(draft="2020-12"),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    ),
}


# -- the drafts ---------------------------------------------------------------------------


def test_the_schema_declares_draft7_and_a_stable_id() -> None:
    assert DRAFT7["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert DRAFT7["$id"] == SCHEMA_ID
    assert SCHEMA_ID == "https://safeguarding-partnership.readthedocs.io/schema/arrangements-1.json"
    jsonschema.Draft7Validator.check_schema(DRAFT7)
    text = json.dumps(DRAFT7)
    assert "$defs" not in text and "prefixItems" not in text
    later = arrangement_schema(draft="2020-12")
    assert later["$schema"] == DRAFTS["2020-12"] and later["$id"] == SCHEMA_ID
    jsonschema.Draft202012Validator.check_schema(later)


def test_the_schema_command_chooses_the_draft(capsys: pytest.CaptureFixture[str]) -> None:
    from safeguarding_partnership.cli import main

    for args, draft in (([], "draft-07"), (["--draft", "2020-12"], "2020-12")):
        with pytest.raises(SystemExit) as info:
            main(["schema", *args])
        assert info.value.code == 0
        assert json.loads(capsys.readouterr().out)["$schema"] == DRAFTS[draft]
    assert schema_text() == json.dumps(DRAFT7, indent=2, sort_keys=True) + "\n"


def test_to_draft7_rewrites_what_draft7_spells_differently() -> None:
    later = {
        "$defs": {"Thing": {"type": "object", "properties": {"items": {"type": "string"}}}},
        "type": "object",
        "properties": {
            "thing": {"$ref": "#/$defs/Thing", "description": "a thing"},
            "pair": {"type": "array", "prefixItems": [{"type": "string"}], "items": False},
            "plain": {"$ref": "#/$defs/Thing"},
        },
        "dependentRequired": {"a": ["b"]},
    }
    assert to_draft7(later) == {
        "$schema": DRAFTS["draft-07"],
        "definitions": {"Thing": {"type": "object", "properties": {"items": {"type": "string"}}}},
        "type": "object",
        "properties": {
            "thing": {"allOf": [{"$ref": "#/definitions/Thing"}], "description": "a thing"},
            "pair": {"type": "array", "items": [{"type": "string"}], "additionalItems": False},
            "plain": {"$ref": "#/definitions/Thing"},
        },
        "dependencies": {"a": ["b"]},
    }
    jsonschema.Draft7Validator.check_schema(to_draft7(later))
    with pytest.raises(ValueError, match="unevaluatedProperties"):
        to_draft7({"unevaluatedProperties": False})
    with pytest.raises(ValueError, match="unknown draft"):
        with_draft({}, "draft-04", SCHEMA_ID)


def test_both_drafts_judge_alike() -> None:
    for path in DOCUMENTS:
        data = _plain(parse_text(str(path), path.read_text(encoding="utf-8"), "yaml").data)
        broken = {**data, "areas": [{"code": "nope"}], "unknown": 1}
        for doc in (data, broken):
            verdicts = {name: v.is_valid(doc) for name, v in VALIDATORS.items()}
            assert len(set(verdicts.values())) == 1, (path, verdicts)


# -- examples and fixtures ----------------------------------------------------------------


def test_every_arrangement_of_a_registry_fixture_is_valid() -> None:
    assert REGISTRIES
    for path in REGISTRIES:
        data = _plain(parse_text(str(path), path.read_text(encoding="utf-8"), "yaml").data)
        for i, arrangement in enumerate(data["arrangements"]):
            for name, validator in VALIDATORS.items():
                errors = [e.message for e in validator.iter_errors(arrangement)]
                assert errors == [], (path, i, name, errors)


@pytest.mark.parametrize("draft", ["draft-07", "2020-12"])
def test_check_jsonschema_accepts_every_example_and_fixture(tmp_path: Path, draft: str) -> None:
    assert len(DOCUMENTS) >= 10
    schema = tmp_path / "schema.json"
    schema.write_text(schema_text(draft=draft), encoding="utf-8")
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    result = subprocess.run(
        [exe, "--schemafile", str(schema), *map(str, DOCUMENTS)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- the loader and the schema agree ------------------------------------------------------


def _plain(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


def _accepted(name: str, text: str, fmt: str) -> Any | None:
    """The document's data when the loader accepts it as one arrangement, else None."""
    try:
        parsed = parse_text(name, text, fmt)
        if "arrangements" in parsed.data and "id" not in parsed.data:
            return None  # a registry: the schema describes one arrangement
        load_data(parsed, resolve_references=False)
    except ArrangementsFileError:
        return None
    return _plain(parsed.full_data())


def _agrees(data: Any) -> None:
    if data is None:
        return
    errors = sorted(VALIDATORS["draft-07"].iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


AGREE = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain"
)


def test_the_loader_accepts_every_example_the_schema_does() -> None:
    for path in DOCUMENTS:
        _agrees(_accepted(str(path), path.read_text(encoding="utf-8"), "yaml"))


@AGREE
@given(
    st.sampled_from(["yaml", "json", "toml"]).flatmap(
        lambda f: st.tuples(st.just(f), mutated(TEXT_SEEDS[f]))
    )
)
def test_mutated_seeds(case: tuple[str, str]) -> None:
    fmt, text = case
    _agrees(_accepted(f"fuzz.{fmt}", text, fmt))


@AGREE
@given(near_valid(), st.sampled_from(["yaml", "json"]))
def test_near_valid_documents(data: Any, fmt: str) -> None:
    _agrees(_accepted(f"near.{fmt}", as_syntax(data, fmt), fmt))


TRICKY = [
    *("None", "NONE", " none ", "no", "No", "yes", "on", "OFF", "true", "false", "True", "1", "0"),
    *(0, 1, 5, 5.0, -1, 2.5, 10**6, True, False, None, [], {}),
    *("5", "5.0", "2024-01-01T00:00:00", "2024-01-01 00:00", "20240101", "2024-1-1", ""),
    *(" E09000016", "E09000016 ", " scp", "https://example.org ", "quarterly ", " monthly"),
]
"""Values that a lax loader coerces and a schema does not: words, numbers, padded text."""


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [path] + [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [path] + [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, *rest = path
    if isinstance(value, dict):
        return {k: _replace(v, tuple(rest), new) if k == head else v for k, v in value.items()}
    return [_replace(v, tuple(rest), new) if i == head else v for i, v in enumerate(value)]


def _padded(value: Any) -> list[Any]:
    return [f" {value}", f"{value} ", str(value)] if isinstance(value, str | int) else []


@AGREE
@given(st.data(), st.sampled_from(["yaml", "json"]))
def test_tricky_values(data: st.DataObject, fmt: str) -> None:
    from fuzz._inputs import SEED_DATA

    document = data.draw(st.sampled_from(SEED_DATA))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_leaves(document)))
        current: Any = document
        for part in path:
            current = current[part]
        new = data.draw(st.sampled_from([*TRICKY, *_padded(current)]))
        document = _replace(document, path, new)
    _agrees(_accepted(f"tricky.{fmt}", as_syntax(document, fmt), fmt))


@AGREE
@given(st.data())
def test_the_testing_kit_arrangements(data: st.DataObject) -> None:
    from safeguarding_partnership.testing.strategies import arrangements

    arrangement = data.draw(arrangements())
    document = arrangement.model_dump(mode="json", exclude_none=True, by_alias=True)
    text = json.dumps(document)
    accepted = _accepted("kit.json", text, "json")
    assert accepted is not None
    _agrees(accepted)


# -- what the loader used to accept quietly -----------------------------------------------

BASE = "schema_version: 1\nid: tst\nname: Test\nareas: [{code: E09000016, name: Havering}]\n"


@pytest.mark.parametrize(
    "extra",
    [
        "yearly_reports: None\n",
        "yearly_reports: ' NONE '\n",
        "id: ' padded '\n".replace("id", "published_url").replace("padded", "https://x.org"),
        "groups: [{id: ' scp ', name: P, kind: partnership_meeting, cadence: ' Quarterly '}]\n",
        "valid_from: 0\n",
        "valid_from: '2024-01-01T00:00:00'\n",
        "valid_from: 2024-01-01 00:00\n",
        "combined_area: 'no'\n",
        "combined_area: 1\n",
        "chair: {rotation_months: '6'}\n",
        "schema_version: true\n",
    ],
)
def test_known_lax_values_agree(extra: str) -> None:
    """Each was accepted by the loader and refused by the schema: now both agree."""
    text = BASE.replace("schema_version: 1\n", "") if extra.startswith("schema_") else BASE
    _agrees(_accepted("lax.yaml", text + extra, "yaml"))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("valid_from: 0\n", "5:13: valid_from: invalid date 0: expected YYYY-MM-DD"),
        ("combined_area: 'no'\n", "5:16: combined_area: 'no' is not true or false"),
        ("combined_area: 1\n", "5:16: combined_area: 1 is not true or false"),
        ("schema_version: true\n", "4:17: schema_version: True is not allowed"),
    ],
)
def test_the_loader_refuses_what_it_used_to_coerce(extra: str, message: str) -> None:
    text = BASE.replace("schema_version: 1\n", "") if extra.startswith("schema_") else BASE
    with pytest.raises(ArrangementsFileError) as info:
        load_data(parse_text("lax.yaml", text + extra, "yaml"))
    assert f"lax.yaml:{message}" in str(info.value)


@pytest.mark.parametrize("word", ["no", "No", "NO", "yes", "on", "Off"])
def test_yaml11_booleans_without_quotes_are_refused_with_a_hint(word: str) -> None:
    text = BASE.replace("name: Test", f"name: {word}")
    with pytest.raises(ArrangementsFileError) as info:
        parse_text("words.yaml", text, "yaml")
    (problem,) = info.value.problems
    boolean = "true" if word.lower() in ("yes", "on") else "false"
    assert str(problem) == (
        f"words.yaml:3:7: name: {word} without quotes is text in YAML 1.2 but {boolean} in "
        f"YAML 1.1: write '{word}' in quotes for text, or true or false for a yes-or-no field"
    )


def test_yaml11_booleans_for_yes_or_no_fields_are_refused_too() -> None:
    text = BASE + "chair:\n  posts:\n    - {title: Chair, name: A Person, publish_name: no}\n"
    with pytest.raises(ArrangementsFileError) as info:
        parse_text("words.yaml", text, "yaml")
    assert "words.yaml:7:52: chair.posts[0].publish_name: no without quotes" in str(info.value)


def test_quoted_words_are_text() -> None:
    text = BASE.replace("name: Test", "name: 'No'") + "also_covers: ['yes', \"on\"]\n"
    (loaded,) = load_data(parse_text("words.yaml", text, "yaml"))
    assert loaded.arrangement.name == "No"
    assert loaded.arrangement.also_covers == ("yes", "on")


# -- the documentation serves the schema --------------------------------------------------


def _docs_conf() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_conf", ROOT / "docs" / "conf.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_docs_build_writes_each_schema_at_its_id(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from safeguarding_partnership.io.config import CONFIG_SCHEMA_ID

    conf = _docs_conf()
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format="html"))
    conf._write_schemas(app, None)
    site = "https://safeguarding-partnership.readthedocs.io/"
    served = {
        site + str(p.relative_to(tmp_path)): json.loads(p.read_text(encoding="utf-8"))
        for p in tmp_path.rglob("*.json")
    }
    assert set(served) == {SCHEMA_ID, CONFIG_SCHEMA_ID}
    assert served[SCHEMA_ID] == DRAFT7
    for url, schema in served.items():
        assert schema["$id"] == url


def test_the_file_format_page_shows_the_modeline() -> None:
    import re

    page = (ROOT / "docs" / "reference" / "file-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M)
    modeline = f"# yaml-language-server: $schema={SCHEMA_ID}"
    (block,) = [b for b in blocks if b.startswith(modeline)]
    _agrees(_accepted("modeline.yaml", block, "yaml"))
    assert _accepted("modeline.yaml", block, "yaml") is not None
