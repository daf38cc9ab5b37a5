"""The manifest ``render`` keeps in its output folder: the files it wrote, with their hashes.

A JSON object whose ``generator`` is :data:`GENERATOR` (the mark that this tool wrote it:
a file of the same name without it is the user's), with ``files`` (name: SHA-256) and, while
a run is moving files into place, ``pending`` (each file's new hash), so a run killed between
two files leaves a folder the next run accepts. See :mod:`.io.write`.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "GENERATOR",
    "MANIFEST_NAME",
    "MAX_MANIFEST_BYTES",
    "manifest_bytes",
    "manifest_section",
    "parse_manifest",
    "read_manifest",
    "read_manifest_bytes",
    "written_names",
]

MANIFEST_NAME = ".safeguarding-partnership-manifest.json"
"""The manifest of files written, kept in the output folder."""

GENERATOR = "safeguarding-partnership"
"""The manifest's ``generator``: the mark that this tool wrote it."""

MAX_MANIFEST_BYTES = 64 * 1024 * 1024
"""A file of the manifest's name over this size is not read (and so is not the tool's)."""

_SHA256 = re.compile("[0-9a-f]{64}")


def parse_manifest(raw: bytes) -> dict[str, object] | None:
    """The manifest's content if the tool wrote it, else ``None``.

    The tool's mark is ``"generator": "safeguarding-partnership"``; manifests written before
    the mark existed (``version`` 1, only ``version``, ``files`` and ``pending``, every value
    a SHA-256 hash) are the tool's too.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    if data.get("generator") == GENERATOR:
        return data
    sections = [data.get(key, {}) for key in ("files", "pending")]
    if (
        data.get("version") == 1
        and set(data) <= {"version", "files", "pending"}
        and "files" in data
        and all(isinstance(section, dict) for section in sections)
        and all(
            isinstance(v, str) and _SHA256.fullmatch(v)
            for section in sections
            for v in section.values()
        )
    ):
        return data
    return None


def read_manifest_bytes(path: Path) -> bytes | None:
    """The bytes of the regular file ``path`` (never through a link), or ``None`` if there is
    none, or it is over :data:`MAX_MANIFEST_BYTES` and so not a manifest."""
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        raw = handle.read(MAX_MANIFEST_BYTES + 1)
    return raw if len(raw) <= MAX_MANIFEST_BYTES else None


def manifest_section(data: Mapping[str, object] | None, key: str) -> dict[str, str]:
    files = data.get(key) if data is not None else None
    if not isinstance(files, dict):
        return {}
    return {str(k): v for k, v in files.items() if isinstance(v, str)}


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Files this tool wrote in ``out_dir``, with their hashes (empty if there is no manifest,
    or the file of that name is not the tool's, or is a link)."""
    raw = read_manifest_bytes(out_dir / MANIFEST_NAME)
    return manifest_section(parse_manifest(raw) if raw is not None else None, "files")


def written_names(out_dir: Path) -> set[str]:
    """The names the tool's manifest in ``out_dir`` lists as written, or being written by a
    run that was stopped (empty if there is no manifest, or it is not the tool's)."""
    raw = read_manifest_bytes(out_dir / MANIFEST_NAME)
    data = parse_manifest(raw) if raw is not None else None
    return {*manifest_section(data, "files"), *manifest_section(data, "pending")}


def manifest_bytes(files: Mapping[str, str], pending: Mapping[str, str]) -> bytes:
    data: dict[str, object] = {"generator": GENERATOR, "version": 2}
    data["files"] = dict(sorted(files.items()))
    if pending:
        data["pending"] = dict(sorted(pending.items()))
    return (json.dumps(data, indent=2) + "\n").encode("utf-8")
