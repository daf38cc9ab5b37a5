"""In a fresh virtual environment, installing the Havering plugin makes it appear in
``plugins`` and take effect on a file that names it, and on no other.

This builds a real environment with pip (from its cache or PyPI), as a user would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LEEDS = """\
schema_version: 1
id: leeds
name: Leeds Safeguarding Children Partnership
areas: [{code: E08000035, name: Leeds}]
"""

HAVERING = """\
schema_version: 1
id: havering-only
name: Havering Safeguarding Children Partnership
plugins: [havering]
areas: [{code: E09000016, name: Havering}]
groups:
  - {id: scp, name: Partnership meeting, kind: partnership_meeting, cadence: quarterly,
     reports_to: none}
"""


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, timeout=600
    )


@pytest.mark.slow
def test_installing_havering_changes_only_files_that_name_it(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv).returncode == 0
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    sp = venv / "bin" / "safeguarding-partnership"
    installed = _run(*pip, ROOT)
    assert installed.returncode == 0, installed.stderr
    leeds = tmp_path / "leeds.yaml"
    leeds.write_text(LEEDS)
    havering = tmp_path / "havering.yaml"
    havering.write_text(HAVERING)

    listed = _run(sp, "plugins", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in json.loads(listed.stdout)] == []
    leeds_before = _run(sp, "check", leeds, "--as-of", "2025-01-01", "--format", "json")
    missing = _run(sp, "check", havering, "--as-of", "2025-01-01")
    assert missing.returncode == 2
    assert "plugins[0]: plugin 'havering' is not installed" in missing.stdout

    installed = _run(*pip, ROOT / "plugins" / "havering")
    assert installed.returncode == 0, installed.stderr

    listed = _run(sp, "plugins", "--json")
    plugins = {p["name"]: p for p in json.loads(listed.stdout)}
    assert list(plugins) == ["havering"]
    assert plugins["havering"]["version"] == "0.1.0"
    assert "register_rules" in plugins["havering"]["hooks"]

    named = _run(sp, "check", havering, "--as-of", "2025-01-01", "--format", "json")
    assert named.returncode in (0, 1), named.stdout + named.stderr
    result = json.loads(named.stdout)["arrangements"][0]
    assert "HAV-001" in result["rules_run"]
    assert any(f["rule"] == "HAV-001" for f in result["findings"])

    leeds_after = _run(sp, "check", leeds, "--as-of", "2025-01-01", "--format", "json")
    assert leeds_after.returncode == leeds_before.returncode
    assert leeds_after.stdout == leeds_before.stdout  # installing Havering changed nothing
    assert "HAV-001" not in json.loads(leeds_after.stdout)["arrangements"][0]["rules_run"]
