"""Reading a version of an arrangements file: from disk, or at a git revision.

A revision is read with ``git show REV:./FILE`` run in the file's folder, without a shell.
References are not resolved, so a file whose plugins add organisations still loads.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from safeguarding_partnership.errors import SafeguardingPartnershipError
from safeguarding_partnership.io.load import load_data, load_path
from safeguarding_partnership.io.parse import Limits, format_of, parse_text
from safeguarding_partnership.model import Arrangement

__all__ = ["RevisionError", "at_revision", "from_file", "revision_range"]


class RevisionError(SafeguardingPartnershipError, ValueError):
    """A git revision could not be read (exit status 2)."""


def from_file(path: Path, limits: Limits | None = None) -> list[Arrangement]:
    """The arrangements of a file on disk."""
    loaded = load_path(path, limits=limits or Limits.from_env(), resolve_references=False)
    return [item.arrangement for item in loaded]


def revision_range(text: str) -> tuple[str, str | None]:
    """``A..B`` as ``(A, B)``; ``A..`` or ``A`` as ``(A, None)``: the file as it is now."""
    old, sep, new = text.partition("..")
    if not old or old.startswith("-") or new.startswith("-") or new.startswith("."):
        raise RevisionError(f"--rev {text!r}: give two revisions as A..B (or A.. for A to now)")
    return old, (new or None) if sep else None


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(  # a fixed program, arguments as a list, no shell
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise RevisionError("--rev needs the git command, which was not found") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {' '.join(args)}: timed out") from None
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
        raise RevisionError(f"git {' '.join(args)}: {message}")
    return done.stdout


def at_revision(path: Path, revision: str, limits: Limits | None = None) -> list[Arrangement]:
    """The arrangements of ``path`` as it was at a git revision."""
    fmt = format_of(path)
    if fmt is None:
        raise RevisionError(f"{path}: unknown file type: use .yaml, .yml, .toml or .json")
    folder = path.resolve().parent
    text = _git(["show", "--no-textconv", f"{revision}:./{path.name}"], folder)
    name = f"{path}@{revision}"
    parsed = parse_text(name, text, fmt, limits or Limits.from_env())
    return [item.arrangement for item in load_data(parsed, resolve_references=False)]
