"""No network at run time, and no place in the format for data about individual children."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.errors import ExitCode

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "examples" / "havering" / "havering.yaml"


def _no_network(*args: object, **kwargs: object) -> Any:
    raise AssertionError(f"network used at run time: {args!r}")


def test_check_and_render_never_touch_the_network(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    for args in (
        ["check", str(HAVERING), "--as-of", "2026-11-25", "--format", "json"],
        ["check", str(HAVERING.parent), "--as-of", "2026-11-25", "--format", "sarif"],
        [
            "render",
            str(HAVERING),
            "--format",
            "all",
            "--out",
            str(tmp_path / "out"),
            "--as-of",
            "2026-11-25",
        ],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        assert exit_info.value.code in (ExitCode.OK, ExitCode.FINDINGS), capsys.readouterr()
    assert (tmp_path / "out" / "arrangements.html").is_file()
    assert (tmp_path / "out" / "havering-quarterly.md").is_file()  # plugin formats ran too


PERSONAL = {
    "date_of_birth",
    "dob",
    "birth_date",
    "nhs_number",
    "upn",
    "unique_pupil_number",
    "address",
    "postcode",
    "ethnicity",
    "gender",
    "sex",
    "religion",
    "case_number",
    "child_name",
    "forename",
    "surname",
    "family_name",
}


def _property_names(schema: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                names |= set(value)
            names |= _property_names(value)
    elif isinstance(schema, list):
        for item in schema:
            names |= _property_names(item)
    return names


def test_the_format_has_no_field_for_a_childs_personal_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["schema"])
    names = _property_names(json.loads(capsys.readouterr().out))
    assert len(names) > 50  # the walk found the model's fields
    assert names & PERSONAL == set()


def test_undeclared_personal_data_is_refused_not_carried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "id: x\nname: X\nareas: [{code: E09000016}]\n"
        "child: {name: A Child, date_of_birth: 2015-01-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(path)])
    assert exit_info.value.code == ExitCode.INPUT
    assert f"{path}:4:1: child: unknown key 'child'" in capsys.readouterr().out


def test_the_command_line_loads_no_pydantic_plugin(tmp_path: Path) -> None:
    """A pydantic plugin offered by an installed package is not loaded by the command line
    (it would see every value validated); a program importing the library still decides."""
    import subprocess
    import sys
    import textwrap

    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n"
    )
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nspy = spy_plugin:plugin\n"
    )
    (site / "spy_plugin.py").write_text(
        textwrap.dedent(
            """
            import pathlib
            pathlib.Path(__file__).with_name("loaded").write_text("yes")

            class _Plugin:
                def new_schema_validator(self, *args, **kwargs):
                    return None, None, None

            plugin = _Plugin()
            """
        )
    )
    run = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(site)!r})
        os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)
        sys.argv = ["safeguarding-partnership", "check", {str(HAVERING)!r}, "-q"]
        from safeguarding_partnership.cli import main
        main()
        """
    )
    done = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True)
    assert done.returncode == ExitCode.OK, done.stderr
    assert not (site / "loaded").exists()
    # the same plugin is loaded where the library is imported without the command line
    library = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(site)!r})
        os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)
        from safeguarding_partnership.model import Arrangement
        Arrangement.model_rebuild(force=True)
        """
    )
    subprocess.run([sys.executable, "-c", library], check=True, capture_output=True)
    assert (site / "loaded").read_text() == "yes"
