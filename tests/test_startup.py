"""Start-up does only what the command needs: which modules are imported, what is built.

These tests never time anything (the machine decides that); they check the structure that
makes start-up fast, in a fresh interpreter each: what importing the model imports, and what
a plain ``check`` of a file that names no plugin imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from safeguarding_partnership.model import Arrangement, Organisation
from safeguarding_partnership.model.schema_docs import attribute_docstrings
from safeguarding_partnership.rules.settings import CoreSettings

ROOT = Path(__file__).resolve().parents[1]


def _fresh(code: str, *args: str) -> object:
    """What ``code`` prints as JSON, run in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.splitlines()[-1])


def test_importing_the_model_needs_no_plugin_machinery_and_builds_no_validator() -> None:
    found = _fresh(
        """
        import json, sys
        from safeguarding_partnership.model import Arrangement
        heavy = ["pluggy", "holidays", "jinja2", "rich", "ruamel.yaml",
                 "safeguarding_partnership.plugins", "safeguarding_partnership.rules"]
        built = type(Arrangement.__pydantic_validator__).__name__ != "MockValSer"
        print(json.dumps({"imported": [m for m in heavy if m in sys.modules], "built": built}))
        """
    )
    assert found == {"imported": [], "built": False}


def test_field_docstrings_are_the_schema_descriptions() -> None:
    schema = Arrangement.model_json_schema()
    assert schema["properties"]["name"]["description"] == attribute_docstrings(Arrangement)["name"]
    assert "valid_from" in attribute_docstrings(Organisation)  # inherited from Dated
    org = Organisation.model_json_schema()["properties"]["valid_from"]
    assert org["description"] == "First day on which this holds."
    settings = CoreSettings.model_json_schema()["properties"]["PUB-017"]  # by alias
    assert settings["description"].startswith("Settings of PUB-017")


_CHECK_IMPORTS = """
import json, sys
from safeguarding_partnership.cli import main
try:
    main(["check", sys.argv[1], "--as-of", "2025-06-01", "-q"])
except SystemExit:
    pass
heavy = ["pluggy", "safeguarding_partnership.plugins.hookspecs",
         "safeguarding_partnership.plugins.manager", "safeguarding_partnership.reports",
         "safeguarding_partnership.output.sarif", "jinja2", "rich", "icalendar", "holidays",
         "importlib.readers", "importlib.resources.readers", "ruamel.yaml",
         "tomllib", "safeguarding_partnership.output.rules"]
print(json.dumps([m for m in heavy if m in sys.modules]))
"""


def _libyaml() -> bool:
    try:
        from yaml import __with_libyaml__
    except ImportError:
        return False
    return bool(__with_libyaml__)


def test_a_plain_check_of_a_file_without_plugins_imports_no_plugin_machinery(
    tmp_path: Path,
) -> None:
    """No plugin manager, report, template or SARIF code; no TOML reader (this repository's
    ``pyproject.toml`` cannot hold the tool's table) and no rule listing; ``holidays`` only for
    a working-day count that weekdays alone cannot settle;
    no round-trip YAML parser for a plain YAML file (where libyaml reads it)."""
    unplugged = ROOT / "tests" / "fixtures" / "authoring" / "herts-2025.yaml"
    assert _fresh(_CHECK_IMPORTS, str(unplugged)) == ([] if _libyaml() else ["ruamel.yaml"])
    notified = tmp_path / "notified.yaml"  # a notification's deadline is in working days
    for notified_on, calendar in (("2025-01-09", []), ("2025-01-20", ["holidays"])):
        # in three weekdays, in time whatever the bank holidays; late, the count is given
        notified.write_text(
            unplugged.read_text(encoding="utf-8")
            + "notifications:\n"
            + f"  - {{reference: SIN-1, became_aware: 2025-01-06, notified: {notified_on}}}\n",
            encoding="utf-8",
        )
        imported = _fresh(_CHECK_IMPORTS, str(notified))
        assert [m for m in imported if m == "holidays"] == calendar  # type: ignore[attr-defined]


def test_a_file_that_names_plugins_still_gets_them() -> None:
    havering = ROOT / "examples" / "havering" / "havering.yaml"
    assert "pluggy" in _fresh(_CHECK_IMPORTS, str(havering))  # type: ignore[operator]


def test_every_hook_of_the_core_is_served_without_pluggy_too() -> None:
    """The core's hook implementations are listed once (core.HOOKS): a file that names no
    plugin gets them through the pluggy-free facade, as through the plugin manager."""
    from safeguarding_partnership.plugins import core
    from safeguarding_partnership.plugins.facade import core_plugins
    from safeguarding_partnership.plugins.hookspecs import __all__ as hooks
    from safeguarding_partnership.plugins.manager import get_plugins

    defined = {name for name in vars(core) if name in hooks}
    assert {f.__name__ for f in core.HOOKS} == defined
    with_pluggy, without = get_plugins(), core_plugins()
    assert with_pluggy.rules() == without.rules()
    assert with_pluggy.settings_models() == without.settings_models()
    assert with_pluggy.report_formats() == without.report_formats()


def test_a_check_without_a_configuration_file_builds_no_configuration_validator(
    tmp_path: Path,
) -> None:
    """The configuration's validator (about a tenth of a one-file check's own time) is built
    only when a configuration file is read."""
    code = """
    import json, sys
    from safeguarding_partnership.cli import main
    from safeguarding_partnership.io.config import Config
    try:
        main(["check", sys.argv[1], "--as-of", "2025-06-01", "-q"])
    except SystemExit:
        pass
    print(json.dumps(type(Config.__pydantic_validator__).__name__ != "MockValSer"))
    """
    unplugged = ROOT / "tests" / "fixtures" / "authoring" / "herts-2025.yaml"
    alone = tmp_path / "herts-2025.yaml"
    alone.write_text(unplugged.read_text(encoding="utf-8"), encoding="utf-8")
    assert _fresh(code, str(alone)) is False
    (tmp_path / "safeguarding-partnership.toml").write_text('as-of = "2025-06-01"\n')
    assert _fresh(code, str(alone)) is True


_PROGRAM = """
import json, sys
from safeguarding_partnership.cli import main
from safeguarding_partnership.model import Group, Organisation, RelevantAgency
sys.argv = ["safeguarding-partnership", "check", sys.argv[1], "--as-of", "2025-06-01", "-q"]
try:
    main()
except SystemExit:
    pass
built = [type(m.__pydantic_validator__).__name__ != "MockValSer"
         for m in (Organisation, RelevantAgency, Group)]
print(json.dumps({"metadata": "importlib.metadata" in sys.modules, "built": built,
                  "others": [m for m in ("tempfile", "shutil", "html") if m in sys.modules]}))
"""


def _program(file: Path) -> object:
    """What :data:`_PROGRAM` finds, in a fresh interpreter without ``PYDANTIC_DISABLE_PLUGINS``
    (the program sets it)."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(file)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(out.stdout.splitlines()[-1])


def test_the_program_imports_no_package_metadata_library() -> None:
    """Run as the program, a check imports no :mod:`importlib.metadata` (a thirtieth of a
    one-file check): pydantic's plugin loader is stood in for, and this tool's plugins are
    read from ``entry_points.txt``. Nor ``tempfile``, ``shutil`` or ``html`` (standard input, a
    terminal's width and the Havering report need them). A file that names plugins gets the
    validators of the records plugins contribute built before the arrangement's; one without
    builds none."""
    unplugged = ROOT / "tests" / "fixtures" / "authoring" / "herts-2025.yaml"
    havering = ROOT / "examples" / "havering" / "havering.yaml"
    assert _program(unplugged) == {"metadata": False, "built": [False, False, False], "others": []}
    assert _program(havering) == {"metadata": False, "built": [True, True, True], "others": []}


_STAND_IN = """
import json, sys
from safeguarding_partnership._pydantic_plugins import no_plugin_loader
no_plugin_loader()
loader = sys.modules.get("pydantic.plugin._loader")
from pydantic import BaseModel
class Probe(BaseModel):
    x: int
Probe(x=1)  # builds a validator: pydantic asks its plugin loader
print(json.dumps([loader is not None, list(sys.modules["pydantic.plugin._loader"].get_plugins())]))
"""


def test_the_stand_in_for_pydantic_plugin_loader_gives_pydantic_answer() -> None:
    """Only a value of ``PYDANTIC_DISABLE_PLUGINS`` with which pydantic loads no plugin gets
    the stand-in, and it answers as pydantic's loader would: no plugins."""
    for value, stood_in in (("__all__", True), ("1", True), ("true", True), ("spy", False)):
        env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": value}
        out = subprocess.run(
            [sys.executable, "-c", _STAND_IN], capture_output=True, text=True, check=True, env=env
        )
        assert json.loads(out.stdout.splitlines()[-1]) == [stood_in, []], value


def test_pydantic_still_asks_its_plugin_loader_for_get_plugins_alone() -> None:
    """The stand-in offers ``get_plugins`` only: what pydantic imports from its loader. A
    pydantic that asked for more would fail here rather than in a user's check."""
    import inspect

    from pydantic.plugin import _schema_validator

    source = inspect.getsource(_schema_validator)
    assert source.count("_loader") == 1
    assert "from ._loader import get_plugins\n" in source
