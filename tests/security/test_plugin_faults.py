"""A plugin that raises, returns the wrong type or tries to change the arrangement is reported
by name and hook; the other plugins' results stand; the run is incomplete (exit code 3).

Covers every hook that receives the arrangement (``register_organisations``,
``register_relevant_agencies``, ``register_groups``), plugin rules (``Rule.check`` gets it in
its context) and plugin report formats (``ReportFormat.render`` gets it in its context).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from safeguarding_partnership import hookimpl
from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ExitCode, PluginHookError
from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.model import Arrangement, Group, GroupKind
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.reports.format import RenderContext, ReportFormat
from safeguarding_partnership.rules.rule import Issue, RuleContext, rule

DAY = dt.date(2024, 6, 1)
HOOKS = ("register_organisations", "register_relevant_agencies", "register_groups")

SMALL = """\
id: leeds
name: Leeds Safeguarding Children Partnership
plugins: [faulty, good]
areas: [{code: E08000035, name: Leeds}]
settings:
  good: {tags: [a, b], nested: {depth: [1, 2]}}
groups:
  - {id: board, name: Partnership board, kind: partnership_meeting, cadence: quarterly}
"""


def _raise(arrangement: Arrangement) -> Any:
    raise RuntimeError("boom")


def _wrong_type(arrangement: Arrangement) -> Any:
    return {"not": "records"}


def _wrong_items(arrangement: Arrangement) -> Any:
    return ["a string, not a record"]


def _assign(arrangement: Arrangement) -> Any:
    arrangement.name = "Changed by a plugin"  # type: ignore[misc]
    return []


def _mutate_settings(arrangement: Arrangement) -> Any:
    assert arrangement.settings is not None
    arrangement.settings["good"]["tags"].append("evil")
    return []


def _replace_settings(arrangement: Arrangement) -> Any:
    assert arrangement.settings is not None
    arrangement.settings["good"] = {"tags": []}
    return []


def _mutate_nested(arrangement: Arrangement) -> Any:
    assert arrangement.settings is not None
    arrangement.settings["good"]["nested"]["depth"][0] = 99
    return []


FAULTS: dict[str, tuple[Callable[[Arrangement], Any], str]] = {
    "raises": (_raise, "raised RuntimeError: boom"),
    "wrong type": (_wrong_type, "returned dict, expected an iterable of"),
    "wrong items": (_wrong_items, "returned str 'a string, not a record', expected"),
    "assigns a field": (_assign, "raised ValidationError"),
    "appends to settings": (_mutate_settings, "raised TypeError: the arrangement is read-only"),
    "replaces settings": (_replace_settings, "raised TypeError: the arrangement is read-only"),
    "changes nested settings": (_mutate_nested, "raised TypeError: the arrangement is read-only"),
}


def _faulty(hook: str, fault: Callable[[Arrangement], Any]) -> object:
    def impl(arrangement: Arrangement, settings: Any) -> Any:
        return fault(arrangement)

    impl.__name__ = hook
    return type("Faulty", (), {hook: staticmethod(hookimpl(impl))})


class GoodSettings(BaseModel):
    tags: list[str] = []
    nested: dict[str, list[int]] = {}


class Good:
    """A well-behaved plugin: its group and its rule's finding must stand beside the fault."""

    @staticmethod
    @hookimpl
    def register_settings_model() -> type[BaseModel]:
        return GoodSettings

    @staticmethod
    @hookimpl
    def register_groups(arrangement: Arrangement, settings: Any) -> list[Group]:
        return [Group(id="good-group", name="Good group", kind=GroupKind.FORUM)]

    @staticmethod
    @hookimpl
    def register_rules() -> list[Any]:
        @rule(
            "GOOD-001",
            "Sees the settings as the file gives them",
            strength=Strength.SHOULD,
            regimes=[Regime.WT2023],
            citations=["test"],
            provider="good",
        )
        def sees(ctx: RuleContext) -> Any:
            """Reports the settings it sees."""
            seen = (ctx.arrangement.settings or {}).get("good")
            yield Issue(f"settings seen: {seen}", ("settings",))

        return [sees]


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "leeds.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


UNCHANGED = "settings seen: {'tags': ['a', 'b'], 'nested': {'depth': [1, 2]}}"


@pytest.mark.parametrize("hook", HOOKS)
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_in_a_hook_given_the_arrangement(tmp_path: Path, hook: str, fault: str) -> None:
    function, expected = FAULTS[fault]
    run = check_path(
        _file(tmp_path),
        as_of=DAY,
        plugin_objects={"faulty": _faulty(hook, function), "good": Good},
    )
    assert run.exit_code == ExitCode.INCOMPLETE
    (failure,) = run.plugin_failures
    assert isinstance(failure, PluginHookError)
    assert (failure.plugin, failure.hook) == ("faulty", hook)
    assert expected in str(failure), str(failure)
    (result,) = run.results
    assert result.arrangement.name == "Leeds Safeguarding Children Partnership"
    assert result.arrangement.settings == {
        "good": {"tags": ["a", "b"], "nested": {"depth": [1, 2]}}
    }
    assert "good-group" in {g.id for g in result.arrangement.groups or ()}
    messages = {f.message for f in result.findings if f.rule_id == "GOOD-001"}
    assert messages == {UNCHANGED}  # the good plugin saw the file, not the fault's change


def _rule_plugin(fault: Callable[[Arrangement], Any]) -> object:
    @rule(
        "BAD-001",
        "A faulty rule",
        strength=Strength.MUST,
        regimes=[Regime.WT2023],
        citations=["test"],
        provider="faulty",
    )
    def bad(ctx: RuleContext) -> Any:
        """Faulty."""
        fault(ctx.arrangement)
        yield Issue("unreachable", ())

    class Plugin:
        @staticmethod
        @hookimpl
        def register_rules() -> list[Any]:
            return [bad]

    return Plugin


@pytest.mark.parametrize(
    "fault", ["raises", "assigns a field", "appends to settings", "changes nested settings"]
)
def test_fault_in_a_plugin_rule(tmp_path: Path, fault: str) -> None:
    function, _expected = FAULTS[fault]
    run = check_path(
        _file(tmp_path),
        as_of=DAY,
        plugin_objects={"faulty": _rule_plugin(function), "good": Good},
    )
    assert run.exit_code == ExitCode.INCOMPLETE
    (result,) = run.results
    (failure,) = result.failures
    assert (failure.rule, failure.provider) == ("BAD-001", "faulty")
    assert {f.message for f in result.findings if f.rule_id == "GOOD-001"} == {UNCHANGED}
    assert any(f.provider == "core" for f in result.findings)  # the core's rules ran too


def _format_plugin(fault: Callable[[Arrangement], Any]) -> str:
    return f"""
from safeguarding_partnership import hookimpl
from safeguarding_partnership.reports.format import ReportFormat


def render(ctx):
    {fault.__name__}(ctx.arrangement)
    return {{"faulty.txt": "x"}}


{_source_of(fault)}


@hookimpl
def register_report_formats():
    return [ReportFormat(name="faulty-format", title="Faulty", render=render)]
"""


def _source_of(function: Callable[..., Any]) -> str:
    import inspect
    import textwrap

    return textwrap.dedent(inspect.getsource(function)).replace(
        "arrangement: Arrangement", "arrangement"
    )


@pytest.mark.parametrize("fault", ["raises", "assigns a field"])
def test_fault_in_a_plugin_format_writes_nothing_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fault: str
) -> None:
    function, expected = FAULTS[fault]
    plugin = tmp_path / "faulty.py"
    plugin.write_text(_format_plugin(function).replace(" -> Any", ""), encoding="utf-8")
    path = tmp_path / "leeds.yaml"
    path.write_text(
        SMALL.replace("plugins: [faulty, good]", "plugins: []").replace(
            "settings:\n  good: {tags: [a, b], nested: {depth: [1, 2]}}\n", ""
        ),
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "render",
                str(path),
                "--format",
                "all",
                "--out",
                str(out_dir),
                "--plugin",
                str(plugin),
                "--as-of",
                "2024-06-01",
            ]
        )
    assert exit_info.value.code == ExitCode.INCOMPLETE
    err = capsys.readouterr().err
    assert "plugin 'faulty' failed in hook render of format 'faulty-format'" in err
    assert expected.removeprefix("raised ").split(":")[0] in err
    assert not out_dir.exists()  # all or nothing: no half-published folder


def test_render_context_is_read_only_for_formats() -> None:
    from safeguarding_partnership.reports.render import render_formats

    arr = Arrangement.model_validate(
        {"id": "x", "name": "X", "areas": [{"code": "E09000016"}], "settings": {"p": {"k": [1]}}}
    )
    seen: list[RenderContext] = []

    def render(ctx: RenderContext) -> dict[str, str]:
        seen.append(ctx)
        with pytest.raises(TypeError, match="read-only"):
            ctx.arrangement.settings["p"]["k"].append(2)  # type: ignore[index]
        return {"x.txt": "ok"}

    for public in (True, False):
        fmt = ReportFormat("x", "X", render, public=public, provider="p")
        assert render_formats(arr, [fmt], as_of=DAY) == {"x.txt": b"ok"}
    assert len(seen) == 2
    assert arr.settings == {"p": {"k": [1]}}
