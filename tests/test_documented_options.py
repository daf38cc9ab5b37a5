"""Every command-line option the documentation mentions exists: the ``--options`` written in
``docs/**/*.md`` and ``README.md`` are compared with the CLI's own, read from click."""

from __future__ import annotations

import re
from pathlib import Path

import click

from safeguarding_partnership.cli import cli

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*(ROOT / "docs").rglob("*.md"), ROOT / "README.md"])
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")

OTHER_PROGRAMS = {
    "--repeat": "benchmarks/run.py",
    "--scale": "benchmarks/run.py",
    "--n": "benchmarks/growth.py",
    "--schemafile": "check-jsonschema",
    "--runs": "benchmarks/importtime.py",
    "--tool": "valgrind",
}
"""Options of other programs the pages mention, with the program each belongs to."""


def cli_options() -> set[str]:
    """Every long option of the group and its commands, with the help option click adds."""
    found: set[str] = set()
    stack: list[click.Command] = [cli]
    while stack:
        command = stack.pop()
        ctx = click.Context(command)
        params = [*command.get_params(ctx)]
        for param in params:
            found.update(o for o in (*param.opts, *param.secondary_opts) if o.startswith("--"))
        if isinstance(command, click.Group):
            stack.extend(command.commands.values())
    return found


def documented() -> dict[str, list[str]]:
    """Each option the pages mention, with the pages mentioning it."""
    found: dict[str, list[str]] = {}
    for page in PAGES:
        for option in set(OPTION.findall(page.read_text(encoding="utf-8"))):
            found.setdefault(option, []).append(str(page.relative_to(ROOT)))
    return found


def test_the_cli_options_are_read() -> None:
    options = cli_options()
    assert {"--format", "--select", "--ignore", "--exit-zero", "--help", "--version"} <= options
    assert {"--draft", "--stdin-filename", "--dir", "--coverage"} <= options


def test_every_documented_option_exists() -> None:
    options = cli_options()
    missing = {
        option: pages
        for option, pages in documented().items()
        if option not in options and option not in OTHER_PROGRAMS
    }
    assert not missing, f"documented options the CLI does not have: {missing}"


def test_other_programs_options_are_named_beside_their_program() -> None:
    for option, pages in documented().items():
        if option in OTHER_PROGRAMS:
            for page in pages:
                assert OTHER_PROGRAMS[option] in (ROOT / page).read_text(encoding="utf-8")


def test_a_made_up_option_would_be_caught() -> None:
    assert "--strict-plugins" not in cli_options()
    assert OPTION.findall("run `check --strict-plugins` or --no-such-thing") == [
        "--strict-plugins",
        "--no-such-thing",
    ]
