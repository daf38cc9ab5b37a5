"""Loading plugins: only named plugins take effect; bad plugins fail clearly, naming them."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from safeguarding_partnership import hookimpl
from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import PluginLoadError
from safeguarding_partnership.pipeline import check_path
from safeguarding_partnership.plugins.manager import get_plugins

DAY = dt.date(2024, 6, 1)


class Misspelt:
    @hookimpl
    def register_rule(self):  # should be register_rules
        return ()


class WrongArgument:
    @hookimpl
    def register_groups(self, arrangement, setting):  # should be settings
        return ()


def test_misspelt_hook_fails_at_load_naming_the_plugin():
    with pytest.raises(PluginLoadError) as info:
        get_plugins(objects={"leeds": Misspelt()})
    message = str(info.value)
    assert "plugin 'leeds'" in message
    assert "unknown hook 'register_rule'" in message
    assert "did you mean 'register_rules'?" in message
    assert "test_plugin_loading.py:" in message  # where the function is


def test_unknown_argument_fails_at_load_naming_the_plugin():
    with pytest.raises(
        PluginLoadError, match=r"(?s)plugin 'leeds' could not be registered.*setting"
    ):
        get_plugins(objects={"leeds": WrongArgument()})


def test_misspelt_hook_in_a_plugin_file_fails_the_check(tmp_path: Path, small_file, capsys):
    plugin = tmp_path / "leeds_local.py"
    plugin.write_text(
        "from safeguarding_partnership import hookimpl\n\n"
        "@hookimpl\ndef register_group():\n    return ()\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(small_file()), "--plugin", str(plugin), "--as-of", "2024-06-01"])
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "plugin 'leeds_local'" in err and "unknown hook 'register_group'" in err
    assert "Traceback" not in err


def test_broken_plugin_file_is_a_clear_error(tmp_path: Path):
    plugin = tmp_path / "broken.py"
    plugin.write_text("import not_a_module_anywhere\n", encoding="utf-8")
    with pytest.raises(PluginLoadError) as info:
        get_plugins(local=[str(plugin)])
    message = str(info.value)
    assert "plugin 'broken' could not be loaded: ModuleNotFoundError" in message
    assert f"{plugin}:1" in message


def test_syntax_error_in_plugin_file_is_located(tmp_path: Path):
    plugin = tmp_path / "typo.py"
    plugin.write_text("def f(:\n    pass\n", encoding="utf-8")
    with pytest.raises(PluginLoadError, match=r"plugin 'typo' could not be loaded: SyntaxError"):
        get_plugins(local=[str(plugin)])


def test_plugin_file_is_registered_under_its_stem(tmp_path: Path, small_file):
    plugin = tmp_path / "leeds_rules.py"
    plugin.write_text(
        textwrap.dedent(
            """
            from safeguarding_partnership import hookimpl
            from safeguarding_partnership.law import Strength
            from safeguarding_partnership.law import Regime
            from safeguarding_partnership.rules.rule import Issue, rule

            @rule("LEEDS-001", "Always", strength=Strength.SHOULD,
                  regimes=[Regime.WT2023], citations=["local"])
            def always(ctx):
                yield Issue("found", ("groups", 0))

            @hookimpl
            def register_rules():
                return [always]
            """
        ),
        encoding="utf-8",
    )
    run = check_path(small_file(), as_of=DAY, plugins=[str(plugin)])
    (result,) = run.results
    (finding,) = [f for f in result.findings if f.rule_id == "LEEDS-001"]
    assert finding.provider == "leeds_rules"
    assert finding.location is not None and finding.location.line == 6


def test_file_naming_an_uninstalled_plugin_is_exit_2_located(small_file, capsys):
    path = small_file("hackney")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(path), "--as-of", "2024-06-01"])
    assert exit_info.value.code == 2
    out = capsys.readouterr().out
    assert f"{path}:3:11: plugins[0]: plugin 'hackney' is not installed" in out


def test_misspelt_installed_name_gets_a_suggestion(small_file):
    run = check_path(small_file("haverin"), as_of=DAY)
    (problem,) = [p for e in run.load_errors for p in e.problems]
    assert "plugin 'haverin' is not installed; did you mean 'havering'?" in problem.message
    assert run.exit_code == 2


def test_other_arrangements_load_when_one_names_a_missing_plugin(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(
        "id: a\nname: A\nplugins: [nope]\nareas: [{code: E08000035, name: Leeds}]\n"
    )
    (tmp_path / "b.yaml").write_text("id: b\nname: B\nareas: [{code: E08000035, name: Leeds}]\n")
    run = check_path(tmp_path, as_of=DAY)
    assert [r.arrangement.id for r in run.results] == ["b"]
    assert len(run.load_errors) == 1


def test_unknown_plugin_option_is_exit_2(small_file, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(small_file()), "--plugin", "no_such_plugin_module"])
    assert exit_info.value.code == 2
    assert "--plugin 'no_such_plugin_module': no such file" in capsys.readouterr().err


def test_strict_raises_and_lenient_collects():
    with pytest.raises(PluginLoadError, match="'nope' is not installed"):
        get_plugins(["nope"], strict=True)
    facade = get_plugins(["nope", "havering"])
    assert facade.names == ("havering",)
    assert [getattr(e, "plugin", None) for e in facade.load_errors] == ["nope"]


def test_a_fresh_manager_every_call():
    first, second = get_plugins(["havering"]), get_plugins(["havering"])
    assert first.manager is not second.manager
    first.unregister_all()
    assert first.names == () and second.names == ("havering",)


def test_disable_plugins_env(monkeypatch, small_file):
    monkeypatch.setenv("SP_DISABLE_PLUGINS", "havering")
    run = check_path(small_file("havering"), as_of=DAY)
    (problem,) = [p for e in run.load_errors for p in e.problems]
    assert "disabled by SP_DISABLE_PLUGINS" in problem.message


def test_load_plugins_env(monkeypatch):
    monkeypatch.setenv("SP_LOAD_PLUGINS", "bhr")
    assert get_plugins().names == ("bhr",)
