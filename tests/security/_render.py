"""What the security tests of ``render`` and of special files share: a plugin format that
writes the file names it is given, the command line that renders with it, and the special
files (a FIFO, a link to a device) that no reader may open.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HAVERING = ROOT / "examples" / "havering" / "havering.yaml"
DAY = "2026-11-25"

NAMES_PLUGIN = """
from safeguarding_partnership import hookimpl
from safeguarding_partnership.reports.format import ReportFormat

NAMES = {names!r}


def render(ctx):
    return {{name: "written by the names plugin" for name in NAMES}}


@hookimpl
def register_report_formats():
    return [ReportFormat(name="names", title="Names", render=render)]
"""
"""A plugin whose format ``names`` writes one file under each of ``names``."""


def names_plugin(tmp_path: Path, *names: str, folder: Path | None = None) -> Path:
    """The plugin file of a ``names`` format writing ``names``, in ``folder`` or a fresh
    folder under ``tmp_path`` (a plugin file is imported once per path)."""
    if folder is None:
        folder = tmp_path / f"plugin{len(list(tmp_path.glob('plugin*')))}"
        folder.mkdir()
    plugin = folder / "names.py"
    plugin.write_text(NAMES_PLUGIN.format(names=list(names)), encoding="utf-8")
    return plugin


def render_names(tmp_path: Path, out: Path, *names: str, force: bool = False) -> list[str]:
    """The arguments that render Havering into ``out`` as the ``names`` format (writing
    ``names``) and as ``arrangements``."""
    plugin = names_plugin(tmp_path, *names)
    args = ["render", str(HAVERING), "--format", "names", "--format", "arrangements"]
    args += ["--out", str(out), "--plugin", str(plugin), "--as-of", DAY]
    return [*args, "--force"] if force else args


def special_file(path: Path, kind: str) -> Path:
    """Make ``path`` a file no reader may open: a ``device`` (a link to ``/dev/zero``: size
    0, never ends) or a ``fifo`` (blocks a reader for ever)."""
    if kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        raise ValueError(f"not a kind of special file: {kind!r}")
    return path
