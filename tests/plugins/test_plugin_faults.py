"""A plugin's fault in any hook is reported naming plugin and hook; the run is incomplete."""

from __future__ import annotations

import datetime as dt

import click
import pytest

from safeguarding_partnership import AgencyCategory, hookimpl
from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ExitCode, PluginHookError
from safeguarding_partnership.model import Group, GroupKind
from safeguarding_partnership.pipeline import check_path

DAY = dt.date(2024, 6, 1)

CHECK_HOOKS = [
    "register_loaders",
    "register_agency_categories",
    "register_settings_model",
    "register_organisations",
    "register_relevant_agencies",
    "register_groups",
    "register_rules",
]
OTHER_HOOKS = ["register_report_formats", "register_commands"]


def _raising(hook: str) -> object:
    def impl(**_kwargs: object) -> None:
        raise RuntimeError(f"boom in {hook}")

    # pluggy reads the argument names: give the function the spec's own
    namespace: dict[str, object] = {}
    args = {
        "register_organisations": "arrangement, settings",
        "register_relevant_agencies": "arrangement, settings",
        "register_groups": "arrangement, settings",
        "register_commands": "cli",
    }.get(hook, "")
    exec(f"def {hook}({args}):\n    raise RuntimeError('boom in {hook}')\n", namespace)
    function = hookimpl(namespace[hook])
    return type("Faulty", (), {hook: staticmethod(function)})


class Good:
    """A well-behaved plugin whose contributions must stand beside a faulty one."""

    @staticmethod
    @hookimpl
    def register_groups(arrangement, settings):
        return [Group(id="good-group", name="Good group", kind=GroupKind.FORUM)]


@pytest.mark.parametrize("hook", CHECK_HOOKS)
def test_raising_in_each_check_hook_is_exit_3_naming_plugin_and_hook(hook, small_file):
    run = check_path(
        small_file("faulty", "good"),
        as_of=DAY,
        plugin_objects={"faulty": _raising(hook), "good": Good},
    )
    assert run.exit_code == ExitCode.INCOMPLETE
    (failure,) = run.plugin_failures
    assert isinstance(failure, PluginHookError)
    assert (failure.plugin, failure.hook) == ("faulty", hook)
    assert f"RuntimeError: boom in {hook}" in str(failure)
    (result,) = run.results
    assert "good-group" in {g.id for g in result.arrangement.groups or ()}


@pytest.mark.parametrize("hook", CHECK_HOOKS)
def test_cli_reports_the_fault(hook, small_file, capsys, monkeypatch):
    from safeguarding_partnership import pipeline

    real = pipeline.check_path

    def with_faulty(path, **kwargs):
        return real(path, plugin_objects={"faulty": _raising(hook)}, **kwargs)

    monkeypatch.setattr(pipeline, "check_path", with_faulty)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(small_file("faulty")), "--as-of", "2024-06-01"])
    assert exit_info.value.code == 3
    out = capsys.readouterr().out
    assert f"INCOMPLETE: plugin 'faulty' failed in hook {hook}: raised RuntimeError" in out


@pytest.mark.parametrize("hook", OTHER_HOOKS)
def test_raising_in_other_hooks_is_collected(hook, sp_plugins):
    facade = sp_plugins(objects={"faulty": _raising(hook)})
    if hook == "register_commands":
        facade.add_commands(click.Group())
    else:
        assert [f.provider for f in facade.report_formats()] == [
            f.provider for f in facade.report_formats() if f.provider == "core"
        ]
    (failure,) = facade.failures
    assert (failure.plugin, failure.hook) == ("faulty", hook)


class WrongTypes:
    @staticmethod
    @hookimpl
    def register_rules():
        return ["HAV-001"]

    @staticmethod
    @hookimpl
    def register_agency_categories():
        return AgencyCategory("x-school", "maintained-school-governing-body")  # not iterable

    @staticmethod
    @hookimpl
    def register_settings_model():
        return {"partnership_meeting": "scp"}

    @staticmethod
    @hookimpl
    def register_groups(arrangement):
        return "board"


def test_wrong_return_types_are_faults(small_file):
    run = check_path(small_file("wrong"), as_of=DAY, plugin_objects={"wrong": WrongTypes})
    assert run.exit_code == ExitCode.INCOMPLETE
    messages = {f.hook: str(f) for f in run.plugin_failures}
    assert set(messages) == {
        "register_rules",
        "register_agency_categories",
        "register_settings_model",
        "register_groups",
    }
    assert "returned str 'HAV-001', expected Rule" in messages["register_rules"]
    assert "expected an iterable of AgencyCategory" in messages["register_agency_categories"]
    assert "expected a pydantic model class" in messages["register_settings_model"]
    assert "returned str, expected an iterable of Group" in messages["register_groups"]
    (result,) = run.results  # the core's rules still ran
    assert any(r.provider == "core" for r in result.rules_run)


class BadCategory:
    @staticmethod
    @hookimpl
    def register_agency_categories():
        return [
            AgencyCategory("ok-school", "maintained-school-governing-body"),
            AgencyCategory("bad-school", "maintained-skool"),
        ]


def test_label_for_an_unknown_schedule_category_is_a_fault(sp_plugins):
    facade = sp_plugins(objects={"bad": BadCategory})
    assert list(facade.agency_categories()) == ["ok-school"]
    (failure,) = facade.failures
    assert "'maintained-skool'" in str(failure) and failure.hook == "register_agency_categories"


def test_none_contributes_nothing(sp_plugins):
    class Nothing:
        @staticmethod
        @hookimpl
        def register_rules():
            return None

    facade = sp_plugins(objects={"nothing": Nothing})
    assert all(r.provider == "core" for r in facade.rules())
    assert facade.failures == []


def test_render_with_a_failing_format_hook_is_exit_3_and_writes_nothing(
    small_file, tmp_path, capsys
):
    plugin = tmp_path / "faulty_formats.py"
    plugin.write_text(
        "from safeguarding_partnership import hookimpl\n\n"
        "@hookimpl\n"
        "def register_report_formats():\n"
        "    raise RuntimeError('boom in formats')\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                *("render", str(small_file()), "--format", "all", "--out", str(out)),
                *("--plugin", str(plugin), "--as-of", "2024-06-01"),
            ]
        )
    assert exit_info.value.code == ExitCode.INCOMPLETE
    err = capsys.readouterr().err
    assert "INCOMPLETE: plugin 'faulty_formats' failed in hook register_report_formats" in err
    assert not out.exists()
