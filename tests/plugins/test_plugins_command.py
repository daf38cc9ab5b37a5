"""``safeguarding-partnership plugins``: installed plugins, snapshot-stable and sorted."""

from __future__ import annotations

import json

import pytest

from safeguarding_partnership.cli import main


def _run(capsys, *args):
    with pytest.raises(SystemExit) as info:
        main(["plugins", *args])
    assert info.value.code == 0
    return capsys.readouterr().out


def test_plugins_json(capsys, snapshot):
    data = json.loads(_run(capsys, "--json"))
    ours = [p for p in data if p["name"] in ("bhr", "havering")]
    assert ours == snapshot
    assert [p["name"] for p in data] == sorted(p["name"] for p in data)


def test_plugins_text(capsys):
    out = _run(capsys)
    assert "havering (sp-havering 0.1.0): sp_havering" in out
    assert "  hooks: register_commands, register_groups, register_organisations" in out


def test_every_hook_is_used_by_the_two_plugins(capsys):
    from safeguarding_partnership.plugins.hookspecs import __all__ as names

    data = json.loads(_run(capsys, "--json"))
    used = {h for p in data if p["name"] in ("bhr", "havering") for h in p["hooks"]}
    assert used == {n for n in names if n.startswith("register_")}


def test_plugin_command_is_reachable(capsys):
    out = _run(capsys, "--json")
    assert out  # the listing loads without error
    with pytest.raises(SystemExit) as info:
        main(["bhr-footprint"])
    assert info.value.code == 0
    assert "E09000026 Redbridge" in capsys.readouterr().out
    from safeguarding_partnership.cli import cli

    assert "bhr-footprint" not in cli.commands  # the real group is never changed
