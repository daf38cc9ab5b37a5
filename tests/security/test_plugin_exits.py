"""A plugin that ends the process (``sys.exit(0)``, or any ``BaseException`` other than
``KeyboardInterrupt``) at import or inside a hook, rule, loader or format is a fault like any
other: the command names the plugin and exits with status 3 (incomplete), and ``render``
writes nothing. Before, ``sys.exit(0)`` ended ``render`` with status 0, nothing written and
no message (issue 19, reproduction 8).

Also here: a ``--plugin`` value too long for a file name is a usage error (2), not "cannot
write" (4); and ``render`` of a file whose check was incomplete (a rule raised) writes
nothing and exits 3, as a plugin's failure does.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ExitCode

FILE = """\
id: leeds
name: Leeds Safeguarding Children Partnership
areas: [{code: E08000035, name: Leeds}]
groups:
  - {id: board, name: Partnership board, kind: partnership_meeting, cadence: quarterly}
"""

ENDINGS = {
    "sys.exit(0)": "import sys\nsys.exit(0)",
    "sys.exit(1)": "import sys\nsys.exit(1)",
    "GeneratorExit": "raise GeneratorExit",
    "a BaseException of its own": "raise type('Stop', (BaseException,), {})('stop')",
}

PLACES = {
    "import": """
def _end():
    {ending}


_end()
""",
    "hook": """
from safeguarding_partnership import hookimpl


@hookimpl
def register_groups(arrangement, settings):
    {ending}
""",
    "format": """
from safeguarding_partnership import hookimpl
from safeguarding_partnership.reports.format import ReportFormat


def render(ctx):
    {ending}


@hookimpl
def register_report_formats():
    return [ReportFormat(name="ending", title="Ending", render=render)]
""",
    "rule": """
from safeguarding_partnership import hookimpl
from safeguarding_partnership.law import Regime, Strength
from safeguarding_partnership.rules.rule import rule


@rule("END-001", "Ends the process", strength=Strength.MUST, regimes=[Regime.WT2023],
      citations=["test"], provider="ending")
def ends(ctx):
    \"\"\"Ends.\"\"\"
    {ending}
    yield from ()


@hookimpl
def register_rules():
    return [ends]
""",
}


def _plugin(tmp_path: Path, place: str, ending: str) -> Path:
    path = tmp_path / "ending.py"
    body = PLACES[place].format(ending=textwrap.indent(ENDINGS[ending], "    ").lstrip())
    path.write_text(body, encoding="utf-8")
    return path


def _run(args: list[str]) -> int | str | None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    return exit_info.value.code


@pytest.mark.parametrize("ending", sorted(ENDINGS))
@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_plugin_ending_the_process_is_a_fault_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], place: str, ending: str
) -> None:
    plugin = _plugin(tmp_path, place, ending)
    path = tmp_path / "leeds.yaml"
    path.write_text(FILE, encoding="utf-8")
    out = tmp_path / "out"
    common = ["--plugin", str(plugin), "--as-of", "2024-06-01"]
    code = _run(["render", str(path), "--format", "all", "--out", str(out), *common])
    err = capsys.readouterr().err
    assert code == ExitCode.INCOMPLETE, err
    assert "'ending'" in err or "END-001" in err, err
    assert not out.exists()  # nothing written
    code = _run(["check", str(path), *common])
    err = capsys.readouterr().err + capsys.readouterr().out
    if place != "format":  # check renders no format
        assert code == ExitCode.INCOMPLETE, err


def test_keyboard_interrupt_in_a_hook_still_stops_the_run(tmp_path: Path) -> None:
    from safeguarding_partnership.pipeline import check_path

    plugin = tmp_path / "interrupting.py"
    plugin.write_text(PLACES["hook"].format(ending="raise KeyboardInterrupt"), encoding="utf-8")
    path = tmp_path / "leeds.yaml"
    path.write_text(FILE, encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        check_path(path, as_of=dt.date(2024, 6, 1), plugins=[str(plugin)])


@pytest.mark.parametrize("suffix", ["", ".py"])
def test_a_plugin_name_too_long_for_a_file_name_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    path = tmp_path / "leeds.yaml"
    path.write_text(FILE, encoding="utf-8")
    name = "a" * 300 + suffix
    assert _run(["check", str(path), "--plugin", name]) == ExitCode.INPUT
    err = capsys.readouterr().err
    assert "--plugin" in err and "cannot write" not in err, err


def test_render_of_a_check_that_was_incomplete_writes_nothing_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plugin = tmp_path / "failing.py"
    plugin.write_text(
        PLACES["rule"].format(ending="raise RuntimeError('boom')").replace("ending", "failing"),
        encoding="utf-8",
    )
    path = tmp_path / "leeds.yaml"
    path.write_text(FILE, encoding="utf-8")
    out = tmp_path / "out"
    code = _run(
        ["render", str(path), "--format", "all", "--out", str(out), "--plugin", str(plugin)]
    )
    err = capsys.readouterr().err
    assert code == ExitCode.INCOMPLETE, err
    assert "END-001" in err and "RuntimeError" in err, err
    assert not out.exists()
