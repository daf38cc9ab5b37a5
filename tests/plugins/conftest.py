"""Shared helpers for the plugin tests: a small arrangement that names a test plugin."""

from __future__ import annotations

from pathlib import Path

import pytest

SMALL = """\
id: leeds
name: Leeds Safeguarding Children Partnership
plugins: [{plugins}]
areas: [{{code: E08000035, name: Leeds}}]
groups:
  - {{id: board, name: Partnership board, kind: partnership_meeting, cadence: quarterly}}
"""


@pytest.fixture
def small_file(tmp_path: Path):
    """Write the small arrangement naming the given plugins; returns its path."""

    def write(*plugins: str, extra: str = "") -> Path:
        path = tmp_path / "leeds.yaml"
        path.write_text(SMALL.format(plugins=", ".join(plugins)) + extra, encoding="utf-8")
        return path

    return write
