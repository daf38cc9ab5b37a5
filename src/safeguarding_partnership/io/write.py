"""Writing output without losing anything: atomic files, a manifest, no escape from the folder.

Every file is written to a temporary file in its target folder, flushed to disk and moved
into place with :func:`os.replace`, so a reader sees the old file or the new one, never half
of one. The output folder keeps a manifest (:data:`MANIFEST_NAME`) of the files this tool
wrote and their SHA-256 hashes; a file that is not in it, or was changed since, is replaced
only when the caller says ``force``. The manifest is written ahead, with each file's hash
before and after (``pending``), so a run killed between two files leaves a folder whose every
file is one version or the other, which the next run accepts; the hidden temporary file such
a run may leave is removed by the next run (:func:`remove_stale_temps`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path, PurePosixPath

from safeguarding_partnership.errors import OutputError

__all__ = [
    "MANIFEST_NAME",
    "TEMP_SUFFIX",
    "atomic_write",
    "cannot_write",
    "read_manifest",
    "remove_stale_temps",
    "safe_target",
    "write_outputs",
]

MANIFEST_NAME = ".safeguarding-partnership-manifest.json"
"""The manifest of files written, kept in the output folder."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


TEMP_SUFFIX = ".tmp"
"""Temporary files are named ``.<name>.<random>.tmp`` beside their target: hidden, so
folder readers skip them, and removed by the next :func:`write_outputs` into that folder
when a run was killed before it could remove them itself."""


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove temporary files a killed run left for ``path``; returns those removed.

    Only names of exactly the form :func:`atomic_write` makes (``tempfile``'s eight random
    characters) are touched, and never a symbolic link.
    """
    pattern = re.compile(re.escape(_temp_prefix(path)) + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
    removed = []
    with contextlib.suppress(OSError):
        for entry in path.parent.iterdir():
            if pattern.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink():
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


@contextlib.contextmanager
def cannot_write(path: Path) -> Iterator[None]:
    """Turn an operating-system error while writing under ``path`` into :class:`OutputError`."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        where = exc.filename if exc.filename is not None else path
        raise OutputError(f"{where}: cannot write: {exc.strerror or exc}") from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: temporary file, fsync, then :func:`os.replace`."""
    mode = 0o644
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o777
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=TEMP_SUFFIX)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (POSIX only)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def safe_target(out_dir: Path, name: str) -> Path:
    """The path of the relative file ``name`` inside ``out_dir``, or :class:`OutputError`.

    Absolute names, ``..``, backslashes and symbolic links leading out of the folder are
    refused.
    """
    pure = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or pure.is_absolute()
        or any(part in ("..", "") for part in name.split("/"))
        or (pure.parts and ":" in pure.parts[0])
    ):
        raise OutputError(f"{name!r}: output names must be relative paths inside the folder")
    root = out_dir.resolve()
    target = root.joinpath(*pure.parts)
    resolved = target.resolve()
    if not resolved.is_relative_to(root):
        raise OutputError(f"{target}: would be written outside the output folder {root}")
    if target.is_symlink():
        raise OutputError(f"{target}: is a symbolic link; refusing to write through it")
    return target


def _manifest_section(out_dir: Path, key: str) -> dict[str, str]:
    path = out_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get(key) if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items() if isinstance(v, str)}


def read_manifest(out_dir: Path) -> dict[str, str]:
    """Files this tool wrote in ``out_dir``, with their hashes (empty if none or unreadable)."""
    return _manifest_section(out_dir, "files")


def _write_manifest(path: Path, files: Mapping[str, str], pending: Mapping[str, str]) -> None:
    data: dict[str, object] = {"version": 1, "files": dict(sorted(files.items()))}
    if pending:
        data["pending"] = dict(sorted(pending.items()))
    atomic_write(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


def write_outputs(
    out_dir: Path,
    files: Mapping[str, bytes],
    *,
    force: bool = False,
    protect: Collection[Path] = (),
) -> list[Path]:
    """Write every file under ``out_dir`` safely, or nothing at all if any would be unsafe.

    Before writing, every target is checked: it must stay inside ``out_dir``, must not be one
    of the ``protect`` paths (the input files), and if it exists it must be in the manifest
    with an unchanged hash unless ``force``. Then each file is written atomically and the
    manifest updated. Returns the paths written, in name order.

    :raises OutputError: naming the first file that could not be written safely.
    """
    with cannot_write(out_dir):
        return _write_outputs(out_dir, files, force=force, protect=protect)


def _write_outputs(
    out_dir: Path, files: Mapping[str, bytes], *, force: bool, protect: Collection[Path]
) -> list[Path]:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: the output folder is a file")
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(out_dir)
    # hashes a run killed while writing may have left (see the write-ahead step below)
    pending = _manifest_section(out_dir, "pending")
    guarded = {p.resolve() for p in protect}
    plan: list[tuple[str, Path, bytes]] = []
    for name in sorted(files):
        if PurePosixPath(name).name == MANIFEST_NAME:
            raise OutputError(f"{name!r}: that name is reserved for the manifest")
        target = safe_target(out_dir, name)
        if target.resolve() in guarded:
            raise OutputError(f"{target}: is an input file; refusing to write over it")
        if target.exists() and not force:
            if target.is_dir():
                raise OutputError(f"{target}: is a folder")
            recorded = manifest.get(name)
            if recorded is None and name not in pending:
                raise OutputError(
                    f"{target}: exists and was not written by safeguarding-partnership; "
                    "use --force to replace it"
                )
            current = _digest(target.read_bytes())
            if current not in (recorded, pending.get(name)):
                raise OutputError(
                    f"{target}: was changed since safeguarding-partnership wrote it; "
                    "use --force to replace it"
                )
            manifest[name] = current
        elif target.is_file():
            manifest[name] = _digest(target.read_bytes())
        plan.append((name, target, files[name]))
    manifest_path = safe_target(out_dir, MANIFEST_NAME)
    if manifest_path.resolve() in guarded:
        raise OutputError(f"{manifest_path}: is an input file; refusing to write over it")
    # a run killed mid-write (SIGKILL, power cut) leaves a hidden temporary file: clear them
    # all before writing, so at most one can ever be left behind
    for _name, target, _data in plan:
        remove_stale_temps(target)
    remove_stale_temps(manifest_path)
    # write-ahead: until the run ends, the manifest holds each file's hash before and after,
    # so a run killed between two files leaves a folder the next run accepts as its own
    _write_manifest(manifest_path, manifest, {name: _digest(data) for name, _, data in plan})
    written: list[Path] = []
    for name, target, data in plan:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
        manifest[name] = _digest(data)
        written.append(target)
    _write_manifest(manifest_path, manifest, {})
    return written
