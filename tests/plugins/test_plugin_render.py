"""The plugins' report formats reach ``render`` beside the core's."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_partnership.cli import main
from safeguarding_partnership.plugins.manager import get_plugins


def test_core_and_plugin_formats_are_merged_with_providers():
    formats = {f.name: f.provider for f in get_plugins(["havering", "bhr"]).report_formats()}
    assert formats["havering-quarterly"] == "havering"
    assert formats["bhr-summary"] == "bhr"
    assert formats["arrangements"] == "core"
    assert list(formats) == sorted(formats)


def test_render_writes_the_plugin_formats(examples_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as info:
        main(
            [
                "render",
                str(examples_dir / "havering.yaml"),
                "--format",
                "havering-quarterly",
                "--format",
                "bhr-summary",
                "--out",
                str(out),
                "--as-of",
                "2024-06-01",
            ]
        )
    assert info.value.code == 0
    quarterly = (out / "havering-quarterly.md").read_text()
    assert "## Education Strategic Partnership\n\nProgress reports: not recorded." in quarterly
    summary = (out / "bhr-summary.md").read_text()
    assert "| Havering | E09000016 | Havering Safeguarding Children Partnership meeting |" in (
        summary
    )
