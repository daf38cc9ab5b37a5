"""Start-up does only what the command needs: which modules are imported, what is built.

These tests never time anything (the machine decides that); they check the structure that
makes start-up fast, in a fresh interpreter each: what importing the model imports, and what
a plain ``check`` of a file that names no plugin imports.
"""

from __future__ import annotations

import json
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
