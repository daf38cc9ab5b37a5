"""Hostile shapes that once took unbounded memory or time are refused, located, in bounds.

Each case runs the command in a child process with an address-space limit and a timeout
(``adversarial._run``), so a regression fails one test rather than exhausting the machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adversarial._run import run_cli

HEAD = "id: t\nname: n\nareas: [{code: E09000016}]\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_self_referencing_alias_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = _write(tmp_path, "r.yaml", "&a\n" + HEAD + "self: *a\n")
    outcome = run_cli(["check", str(path)], memory_kb=1_000_000)
    assert outcome.code == 2, outcome.stderr
    assert not outcome.traceback
    assert f"{path}:5:1: a YAML alias refers to a node that contains it" in outcome.stdout


def test_an_alias_bomb_with_a_deep_branch_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    # nine levels of nine aliases each (81 aliases, under the limit of 100), and one branch
    # deeper than 64 levels: locating the deep branch must not walk the expanded tree
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    deep = "settings: " + "[" * 70 + "]" * 70
    path = _write(tmp_path, "bomb.yaml", HEAD + deep + "\n" + "\n".join(lines[:1]) + "\n")
    bomb = _write(tmp_path, "bomb2.yaml", "\n".join(lines[:7]) + "\n" + HEAD + deep + "\n")
    for file in (path, bomb):
        outcome = run_cli(["check", str(file)], memory_kb=1_000_000)
        assert outcome.code == 2, outcome.stderr
        assert not outcome.traceback
        assert outcome.stdout.startswith(f"{file}:"), outcome.stdout


def test_the_yaml_position_index_is_cycle_safe() -> None:
    from ruamel.yaml import YAML

    from safeguarding_partnership.io.locations import index_ruamel, ruamel_positions

    data = YAML(typ="rt").load("&a\nid: t\nself: *a\n")
    index = index_ruamel(data)
    assert index[("self",)] == (3, 1, 1, 1)  # an alias's value is where its anchor is
    lazy = ruamel_positions(data)
    assert lazy.get(("self", "self", "self", "id")) == (2, 1, 2, 5)
    assert lazy.get(("nothing",)) is None


@pytest.mark.parametrize("budget", [1, 10, 100])
def test_the_eager_index_stops_at_its_budget(budget: int) -> None:
    from ruamel.yaml import YAML

    from safeguarding_partnership.io.locations import index_ruamel

    data = YAML(typ="rt").load("items: [" + ", ".join(["{a: 1}"] * 500) + "]\n")
    assert len(index_ruamel(data, budget=budget)) <= budget
