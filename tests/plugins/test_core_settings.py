"""The core's settings go through the settings hook like a plugin's: validated with located
errors, in the schema, given to the core rules; and a plugin's report format gets its
plugin's validated settings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.pipeline import check_path, render_path
from safeguarding_partnership.rules.engine import Selection
from safeguarding_partnership.rules.settings import CoreSettings

SMALL = """\
id: leeds
name: Leeds Safeguarding Children Partnership
guidance_edition: WT2018
published: 2019-06-28
areas: [{code: E08000035, name: Leeds}]
"""
DEADLINE = "settings:\n  core:\n    PUB-017: {deadline: 2025-03-31}\n"
PUB_017 = Selection(select=("PUB-017",))  # a preview rule: runs only when selected


def _write(tmp_path: Path, text: str, name: str = "leeds.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _found(path: Path, day: dt.date) -> list[tuple[str, str, str, str]]:
    run = check_path(path, as_of=day, selection=PUB_017)
    assert run.load_errors == () and run.plugin_failures == ()
    (result,) = run.results
    assert result.failures == ()
    return [(f.rule_id, f.severity.value, f.path, f.message) for f in result.findings]


def test_the_core_deadline_setting_changes_pub_017(tmp_path: Path) -> None:
    day = dt.date(2025, 1, 15)  # after the catalogue's deadline, before the one set
    default = _found(_write(tmp_path, SMALL, "a.yaml"), day)
    configured = _found(_write(tmp_path, SMALL + DEADLINE, "b.yaml"), day)
    assert default == [
        (
            "PUB-017",
            "warning",
            "guidance_edition",
            "the arrangements still follow WT2018 after the WT2023 revision deadline of 2024-12-12",
        ),
        (
            "PUB-017",
            "warning",
            "published",
            "the current arrangements were published on 2019-06-28, not between 2023-12-15 "
            "and 2025-01-15",
        ),
    ]
    assert configured == []
    # and once the configured deadline has passed, the message names it
    later = _found(_write(tmp_path, SMALL + DEADLINE, "b.yaml"), dt.date(2025, 4, 1))
    assert later[0][3].endswith("after the WT2023 revision deadline of 2025-03-31")


def test_the_core_rules_receive_the_validated_model(tmp_path: Path) -> None:
    from safeguarding_partnership.io.load import load
    from safeguarding_partnership.plugins.apply import extend, plugins_for

    (loaded,) = load(_write(tmp_path, SMALL + DEADLINE), resolve_references=False)
    assert not isinstance(loaded, Exception)
    extended = extend(loaded, plugins_for(loaded))
    core = extended.settings["core"]
    assert isinstance(core, CoreSettings)
    assert core.pub_017 is not None and core.pub_017.deadline == dt.date(2025, 3, 31)


@pytest.mark.parametrize(
    ("section", "line", "expected"),
    [
        (
            "    PUB-017: {deadline: soon}\n",
            8,
            "settings.core.PUB-017.deadline: invalid date 'soon': expected YYYY-MM-DD",
        ),
        (
            "    CDR-004: {interval_months: 0}\n",
            8,
            "settings.core.CDR-004.interval_months: Input should be greater than or equal to 1",
        ),
        ("    PUB-19: {deadline: 2025-03-31}\n", 8, "settings.core.PUB-19: unknown key 'PUB-19'"),
        (
            "    LATER-001: {designated_categories: [nurseries]}\n",
            8,
            "settings.core.LATER-001.designated_categories: not Schedule categories",
        ),
    ],
)
def test_a_bad_core_setting_is_a_located_input_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    section: str,
    line: int,
    expected: str,
) -> None:
    path = _write(tmp_path, SMALL + "settings:\n  core:\n" + section)
    with pytest.raises(SystemExit) as info:
        main(["check", str(path), "--as-of", "2025-01-15"])
    assert info.value.code == 2
    out = capsys.readouterr().out
    assert f"{path}:{line}:" in out and expected in out


def test_settings_for_the_core_are_not_refused_as_an_unknown_plugin(tmp_path: Path) -> None:
    run = check_path(_write(tmp_path, SMALL + DEADLINE), as_of=dt.date(2025, 1, 15))
    assert run.load_errors == ()


def _schema(capsys: pytest.CaptureFixture[str], draft: str = "2020-12") -> dict[str, Any]:
    with pytest.raises(SystemExit) as info:
        main(["schema", "--draft", draft])
    assert info.value.code == 0
    schema: dict[str, Any] = json.loads(capsys.readouterr().out)
    return schema


def test_the_schema_describes_the_core_settings(capsys: pytest.CaptureFixture[str]) -> None:
    schema = _schema(capsys)
    (sections,) = [
        s for s in schema["properties"]["settings"]["anyOf"] if s.get("type") == "object"
    ]
    assert sections["properties"]["core"]["anyOf"][0] == {"$ref": "#/$defs/CoreSettings"}
    core = schema["$defs"]["CoreSettings"]
    assert core["additionalProperties"] is False
    assert {"PUB-017", "PUB-018", "CDR-004", "REPORT-008"} <= set(core["properties"])
    deadline = schema["$defs"]["PUB017Settings"]["properties"]["deadline"]
    assert {"type": "string", "format": "date"} in deadline["anyOf"]


def test_the_draft_07_schema_describes_the_core_settings_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    schema = _schema(capsys, "draft-07")
    (sections,) = [
        s for s in schema["properties"]["settings"]["anyOf"] if s.get("type") == "object"
    ]
    assert sections["properties"]["core"]["anyOf"][0] == {"$ref": "#/definitions/CoreSettings"}
    assert {"PUB-017", "CDR-004"} <= set(schema["definitions"]["CoreSettings"]["properties"])


def test_the_schema_accepts_good_core_settings_and_rejects_bad(
    capsys: pytest.CaptureFixture[str],
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(
        _schema(capsys), format_checker=jsonschema.FormatChecker()
    )
    file: dict[str, Any] = {"id": "leeds", "name": "Leeds", "areas": [{"code": "E08000035"}]}
    good = {**file, "settings": {"core": {"PUB-017": {"deadline": "2025-03-31"}}}}
    assert list(validator.iter_errors(good)) == []
    for bad in (
        {"core": {"PUB-017": {"deadline": "soon"}}},
        {"core": {"PUB-017": {"dead_line": "2025-03-31"}}},
        {"core": {"CDR-004": {"interval_months": 0}}},
    ):
        assert list(validator.iter_errors({**file, "settings": bad})), bad


def test_a_plugin_report_format_receives_its_plugin_s_settings(
    examples_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sp_havering = pytest.importorskip("sp_havering")
    seen: list[object] = []
    real = sp_havering.render_quarterly

    def spy(ctx: Any) -> Any:
        seen.append(ctx.settings)
        return real(ctx)

    monkeypatch.setattr(sp_havering, "render_quarterly", spy)
    source = (examples_dir / "havering.yaml").read_text(encoding="utf-8")
    assert "    partnership_meeting: scp\n" in source and "  - id: scp\n" in source
    renamed = source.replace("partnership_meeting: scp", "partnership_meeting: board")
    path = _write(tmp_path, renamed.replace("  - id: scp\n", "  - id: board\n"))
    done = render_path(path, ["havering-quarterly"], tmp_path / "out", as_of=dt.date(2024, 6, 1))
    assert done.exit_code == 0 and not done.stopped
    assert seen == [sp_havering.HaveringSettings(partnership_meeting="board")]


def test_a_format_receives_only_its_own_provider_s_settings() -> None:
    from safeguarding_partnership.model import Arrangement
    from safeguarding_partnership.reports.format import RenderContext, ReportFormat
    from safeguarding_partnership.reports.render import render_formats

    seen: list[object] = []

    def render(ctx: RenderContext) -> dict[str, str]:
        seen.append(ctx.settings)
        return {"x.txt": "x"}

    arr = Arrangement.model_validate(
        {"id": "leeds", "name": "Leeds", "areas": [{"code": "E08000035"}]}
    )
    fmt = ReportFormat(name="spy", title="Spy", render=render, provider="spy")
    files = render_formats(arr, [fmt], as_of=dt.date(2024, 6, 1), settings={"spy": "mine"})
    assert files == {"x.txt": b"x"} and seen == ["mine"]
    seen.clear()
    render_formats(arr, [fmt], as_of=dt.date(2024, 6, 1), settings={"other": "theirs"})
    assert seen == [None]
