"""Writing output all or nothing: planned and checked first, written under a lock, then moved.

:func:`write_outputs` writes a render's files into an output folder in three steps.

1. **Plan**, before the disk is looked at: every name is a relative path inside the folder;
   no two names are one file (also when they differ only in case, as on macOS and Windows
   disks), no name is both a file and a folder (``a`` and ``a/b.txt``), and no part of a name
   is one of the tool's own (the manifest's, :data:`TEMP_PREFIX`).
2. **Check**, holding the output folder's lock (:func:`.io.lock.folder_lock`): every path
   component under the folder is a real folder (a symbolic link inside the folder is never
   followed, a file in the way of a folder is refused); every target is new, or a regular
   file that the manifest (:mod:`.io.manifest`) says this tool wrote and nobody changed
   since, or ``force`` says to replace it (never a folder, a link or an input file, even with
   ``force``); the manifest itself is the tool's or, with ``force``, replaced. Every problem
   is reported together, and nothing has been written.
3. **Write**: every file into a private temporary folder inside the output folder (named
   :data:`TEMP_PREFIX` ``<pid>-<16 hex digits>``, whose first file is the tool's mark),
   flushed to disk; the manifest written ahead with each file's hash before and after
   (``pending``); each file moved into place with :func:`os.replace`, through folder
   descriptors opened without following links, keeping a hard link to the file it replaces;
   then the final manifest, and the temporary folder removed. Any failure rolls back:
   replaced files restored, new files and folders removed, the manifest as it was. A run
   killed outright (SIGKILL) cannot roll back: each file is then one version or the other,
   the manifest accepts both, and the next run removes the temporary folder it left.

A file or folder that merely looks like a temporary one is never removed: only a real folder
of exactly the tool's name that holds the tool's mark, or nothing at all, is.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath

import attrs

from safeguarding_partnership.errors import OutputError
from safeguarding_partnership.io.lock import LOCK_WAIT, folder_lock
from safeguarding_partnership.io.manifest import (
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    manifest_bytes,
    manifest_section,
    parse_manifest,
    read_manifest_bytes,
)

__all__ = [
    "TEMP_PREFIX",
    "atomic_write",
    "cannot_write",
    "safe_target",
    "write_outputs",
]

TEMP_PREFIX = ".safeguarding-partnership-tmp-"
"""A run's private temporary folder inside the output folder is named this, then
``<pid>-<16 hex digits>``."""

_MARK_NAME = "written-by"
_MARK = b"a temporary folder of safeguarding-partnership render; removed by its next run\n"
"""The first file in every temporary folder: the mark that the tool made it, so a run killed
at any point leaves a folder the next run can tell from the user's (or an empty one)."""
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[0-9]+-[0-9a-f]{16}")
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (an existing file may be large)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


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


def _fsync_dir(path: Path | int) -> None:
    """Make renames in a folder durable (POSIX only; a no-op where folders cannot be synced)."""
    with contextlib.suppress(OSError):
        fd = path if isinstance(path, int) else os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            if not isinstance(path, int):
                os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write one file atomically: temporary file beside it, fsync, then :func:`os.replace`.

    For the commands that write a single file (``init``, ``fix``, ``import-gias``); a render
    writes through :func:`write_outputs`. The temporary file is removed if writing fails.
    """
    mode = 0o644
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o777
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
    _fsync_dir(path.parent)


# -------------------------------------------------------------------------------------------
# Step 1: the plan, from the names alone
# -------------------------------------------------------------------------------------------


def _name_parts(name: str) -> tuple[str, ...]:
    """The parts of an output name, or :class:`OutputError` if it is not a plain relative
    path inside the folder, or uses one of the tool's own names."""
    pure = PurePosixPath(name)
    parts = name.split("/")
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or pure.is_absolute()
        or any(part in ("..", ".", "") for part in parts)
        or ":" in parts[0]
    ):
        raise OutputError(f"{name!r}: output names must be relative paths inside the folder")
    for part in parts:
        if part == MANIFEST_NAME or part.startswith(TEMP_PREFIX):
            raise OutputError(f"{name!r}: that name is reserved for the tool's own files")
    return tuple(parts)


def _fold(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The parts as a case-insensitive, normalising file system would see them."""
    return tuple(unicodedata.normalize("NFC", p).casefold() for p in parts)


@attrs.frozen
class _Item:
    name: str
    parts: tuple[str, ...]
    data: bytes = attrs.field(repr=False)
    digest: str


def _plan(files: Mapping[str, bytes]) -> list[_Item]:
    """Every file to write, in name order, or :class:`OutputError` listing every problem."""
    problems: list[str] = []
    items: list[_Item] = []
    for name in sorted(files):
        try:
            items.append(_Item(name, _name_parts(name), files[name], _digest(files[name])))
        except OutputError as exc:
            problems.append(str(exc))
    seen: dict[tuple[str, ...], str] = {}
    for item in items:
        other = seen.setdefault(_fold(item.parts), item.name)
        if other != item.name:
            problems.append(
                f"{item.name!r}: the same file as {other!r} (names differ only in case)"
            )
    folders = {_fold(i.parts[:n]): i for i in items for n in range(1, len(i.parts))}
    for item in items:
        inner = folders.get(_fold(item.parts))
        if inner is not None:
            problems.append(
                f"{item.name!r}: both a file and the folder of {inner.name!r}; "
                "a format cannot write both"
            )
    if problems:
        raise OutputError("\n".join(problems))
    return items


def safe_target(out_dir: Path, name: str) -> Path:
    """The path of the relative file ``name`` inside ``out_dir``, or :class:`OutputError`.

    Absolute names, ``..``, backslashes, the tool's own names and any symbolic link under
    ``out_dir`` (the folder itself may be one) are refused.
    """
    parts = _name_parts(name)
    target = out_dir.joinpath(*parts)
    for n in range(1, len(parts) + 1):
        _refuse_link(out_dir.joinpath(*parts[:n]))
    return target


def _refuse_link(path: Path) -> os.stat_result | None:
    """``path``'s own status (``None`` if it does not exist), refusing a symbolic link."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(status.st_mode):
        raise OutputError(
            f"{path}: is a symbolic link (to {os.readlink(path)}); refusing to follow it: "
            "a link inside the output folder could lead outside it or over other output"
        )
    return status


# -------------------------------------------------------------------------------------------
# Step 2: the check, under the lock
# -------------------------------------------------------------------------------------------


@attrs.frozen
class _Checked:
    manifest: dict[str, str]
    """The manifest's files, with the hashes of files replaced by ``force``."""
    pending: dict[str, str]
    old_manifest: bytes | None


def _same_file(status: os.stat_result, guarded: Collection[tuple[int, int]]) -> bool:
    return (status.st_dev, status.st_ino) in guarded


def _check(
    root: Path, items: Sequence[_Item], *, force: bool, protect: Collection[Path]
) -> _Checked:
    problems: list[str] = []
    guarded: set[tuple[int, int]] = set()
    for path in protect:
        with contextlib.suppress(OSError):
            found = path.stat()
            guarded.add((found.st_dev, found.st_ino))
    manifest_path = root / MANIFEST_NAME
    data: dict[str, object] | None = None
    old: bytes | None = None
    try:
        status = _refuse_link(manifest_path)
        if status is not None:
            if not stat.S_ISREG(status.st_mode):
                problems.append(f"{manifest_path}: is not a file; the manifest cannot be written")
            elif _same_file(status, guarded):
                problems.append(f"{manifest_path}: is an input file; refusing to write over it")
            else:
                old = read_manifest_bytes(manifest_path)
                data = parse_manifest(old) if old is not None else None
                if old is None:
                    problems.append(
                        f"{manifest_path}: is over {MAX_MANIFEST_BYTES} bytes, so not the "
                        "manifest; refusing to replace it, even with --force"
                    )
                elif data is None and not force:
                    problems.append(
                        f"{manifest_path}: exists and was not written by safeguarding-partnership "
                        '(it has no "generator" mark); use --force to replace it'
                    )
    except OutputError as exc:
        problems.append(str(exc))
    manifest = manifest_section(data, "files")
    pending = manifest_section(data, "pending")
    checked_folders: dict[tuple[str, ...], bool] = {}
    for item in items:
        # every folder on the way: a real folder or not there yet, never a link or a file
        blocked = False
        for n in range(1, len(item.parts)):
            key = item.parts[:n]
            if key in checked_folders:
                blocked = blocked or checked_folders[key]
                continue
            folder = root.joinpath(*key)
            try:
                status = _refuse_link(folder)
                bad = status is not None and not stat.S_ISDIR(status.st_mode)
                if bad:
                    problems.append(
                        f"{folder}: is a file where {item.name!r} needs a folder; "
                        "it is never replaced, even with --force"
                    )
            except OutputError as exc:
                problems.append(str(exc))
                bad = True
            checked_folders[key] = bad
            blocked = blocked or bad
        if blocked:
            continue
        target = root.joinpath(*item.parts)
        try:
            status = _refuse_link(target)
        except OutputError as exc:
            problems.append(str(exc))
            continue
        if status is None:
            continue
        if stat.S_ISDIR(status.st_mode):
            problems.append(
                f"{target}: is a folder; a folder is never replaced by a file, even with --force"
            )
        elif not stat.S_ISREG(status.st_mode):
            problems.append(f"{target}: is not a regular file; refusing to replace it")
        elif _same_file(status, guarded):
            problems.append(f"{target}: is an input file; refusing to write over it")
        elif not force:
            recorded = manifest.get(item.name)
            if recorded is None and item.name not in pending:
                problems.append(
                    f"{target}: exists and was not written by safeguarding-partnership; "
                    "use --force to replace it"
                )
                continue
            current = _file_digest(target)
            if current not in (recorded, pending.get(item.name)):
                problems.append(
                    f"{target}: was changed since safeguarding-partnership wrote it; "
                    "use --force to replace it"
                )
                continue
            manifest[item.name] = current
        else:
            manifest[item.name] = _file_digest(target)
    if problems:
        raise OutputError("\n".join(problems))
    return _Checked(manifest, pending, old)


def _is_ours(folder: Path) -> bool:
    """Whether ``folder`` is a run's temporary folder: exactly the tool's name, a real
    folder (not a link), holding the tool's mark (:data:`_MARK`), nothing at all, or only
    the start of the mark (a run killed while writing it)."""
    if not _TEMP_NAME.fullmatch(folder.name) or folder.is_symlink() or not folder.is_dir():
        return False
    mark = folder / _MARK_NAME
    with contextlib.suppress(OSError):
        if not mark.is_symlink() and mark.is_file():
            written = mark.read_bytes()
            if written == _MARK:
                return True
            if _MARK.startswith(written) and [p.name for p in folder.iterdir()] == [_MARK_NAME]:
                return True
    return not any(folder.iterdir())


def _remove_stale(root: Path) -> None:
    """Remove the temporary folders killed runs left (see :func:`_is_ours`); nothing else,
    and never through a link. Called holding the lock, so no live run is using one."""
    for entry in root.iterdir():
        with contextlib.suppress(OSError):
            if _is_ours(entry):
                shutil.rmtree(entry)


# -------------------------------------------------------------------------------------------
# Step 3: write into the temporary folder, then move into place
# -------------------------------------------------------------------------------------------


def _move(src: str, dst: str, *, src_dir_fd: int, dst_dir_fd: int) -> None:
    """Move one file into place (a seam for tests that stop a run between two moves)."""
    os.replace(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


class _Writer:
    """One write into the output folder, with what it must undo if it fails."""

    def __init__(self, root: Path, root_fd: int, temp: str) -> None:
        self.root = root
        self.root_fd = root_fd
        self.temp = temp
        self.temp_fd = -1
        self.manifests = 0
        self.fds: dict[tuple[str, ...], int] = {(): root_fd}
        self.made: list[tuple[str, ...]] = []  # folders this run made, outermost first
        self.moved: list[tuple[tuple[str, ...], str | None]] = []  # target, its backup

    def folder(self, parts: tuple[str, ...]) -> int:
        """A descriptor of the folder ``parts`` under the root, opened (or made) one level at
        a time without following a link: a link put there since the check is refused."""
        if parts in self.fds:
            return self.fds[parts]
        parent = self.folder(parts[:-1])
        try:
            os.mkdir(parts[-1], 0o777, dir_fd=parent)
            self.made.append(parts)
        except FileExistsError:
            pass
        try:
            fd = os.open(parts[-1], _DIR_FLAGS, dir_fd=parent)
        except OSError as exc:
            raise OutputError(
                f"{self.root.joinpath(*parts)}: is not a folder (a link or a file was put "
                f"there while this run wrote): {exc.strerror}"
            ) from None
        self.fds[parts] = fd
        return fd

    def put(self, name: str, data: bytes, *, sync: bool = True) -> None:
        """Write a new file ``name`` in the temporary folder, flushed to disk."""
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=self.temp_fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())

    def stage(self, items: Sequence[_Item]) -> None:
        """Make the temporary folder, mark it as the tool's, and write every file into it."""
        os.mkdir(self.temp, 0o700, dir_fd=self.root_fd)
        self.temp_fd = os.open(self.temp, _DIR_FLAGS, dir_fd=self.root_fd)
        self.put(_MARK_NAME, _MARK, sync=False)
        for index, item in enumerate(items):
            self.put(str(index), item.data)
        _fsync_dir(self.temp_fd)

    def put_manifest(self, data: bytes) -> None:
        """Replace the manifest with ``data``, atomically."""
        self.manifests += 1
        name = f"manifest-{self.manifests}"
        self.put(name, data)
        os.replace(name, MANIFEST_NAME, src_dir_fd=self.temp_fd, dst_dir_fd=self.root_fd)
        _fsync_dir(self.root_fd)

    def move_all(self, items: Sequence[_Item]) -> None:
        """Move every staged file into place, each replaced file kept for a roll back; a
        replaced file's permissions carry over to the new one."""
        for index, item in enumerate(items):
            parent = self.folder(item.parts[:-1])
            backup = self.keep(item.parts[-1], parent, f"old-{index}")
            if backup is not None:
                mode = os.stat(backup, dir_fd=self.temp_fd, follow_symlinks=False).st_mode
                os.chmod(str(index), stat.S_IMODE(mode), dir_fd=self.temp_fd)
            self.moved.append((item.parts, backup))
            _move(str(index), item.parts[-1], src_dir_fd=self.temp_fd, dst_dir_fd=parent)
        for fd in {self.fds[p[:-1]] for p, _ in self.moved}:
            _fsync_dir(fd)

    def keep(self, name: str, parent: int, backup: str) -> str | None:
        """Keep the file ``name`` is now (if any) as ``backup`` in the temporary folder: a hard
        link, or a copy where the file system has none. ``None`` if there is no such file."""
        try:
            os.link(name, backup, src_dir_fd=parent, dst_dir_fd=self.temp_fd, follow_symlinks=False)
            return backup
        except FileNotFoundError:
            return None
        except OSError:
            pass
        src = os.open(name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0), dir_fd=parent)
        with os.fdopen(src, "rb") as old:
            data = old.read()
        dst = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=self.temp_fd)
        with os.fdopen(dst, "wb") as handle:
            handle.write(data)
        return backup

    def roll_back(self, old_manifest: bytes | None) -> None:
        """Undo what this run did: every moved file back as it was, made folders removed,
        the manifest as it was. Best effort: each step is tried whatever the others do."""
        for parts, backup in reversed(self.moved):
            parent = self.fds.get(parts[:-1])
            if parent is None:
                continue
            with contextlib.suppress(OSError):
                if backup is None:
                    os.unlink(parts[-1], dir_fd=parent)
                else:
                    os.replace(backup, parts[-1], src_dir_fd=self.temp_fd, dst_dir_fd=parent)
        for parts in reversed(self.made):
            with contextlib.suppress(OSError):
                os.rmdir(parts[-1], dir_fd=self.fds[parts[:-1]])
        with contextlib.suppress(OSError):
            if old_manifest is None:
                os.unlink(MANIFEST_NAME, dir_fd=self.root_fd)
            else:
                self.put_manifest(old_manifest)

    def close(self) -> None:
        """Remove the temporary folder and close every descriptor but the root's."""
        if self.temp_fd >= 0:
            os.close(self.temp_fd)
            self.temp_fd = -1
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(self.temp, dir_fd=self.root_fd)
        for parts, fd in self.fds.items():
            if parts:
                os.close(fd)
        self.fds = {(): self.root_fd}


def _present(root: Path, name: str) -> bool:
    """Whether the manifest's ``name`` is still a regular file under ``root``, reached
    through real folders only."""
    try:
        return stat.S_ISREG(safe_target(root, name).lstat().st_mode)
    except OSError:
        return False


def write_outputs(
    out_dir: Path,
    files: Mapping[str, bytes],
    *,
    force: bool = False,
    protect: Collection[Path] = (),
    wait: float = LOCK_WAIT,
) -> list[Path]:
    """Write every file under ``out_dir``, or nothing at all (see the module's description).

    ``files`` are relative names (``/`` between folders) and their bytes; ``protect`` are
    paths never written over (the input files), even with ``force``; ``wait`` is how long
    to wait for another run writing into the same folder. Returns the paths written, in name
    order.

    :raises OutputError: listing every reason the files cannot be written safely, having
        written nothing.
    """
    items = _plan(files)
    made: list[Path] = []
    with cannot_write(out_dir):
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"{out_dir}: the output folder is a file")
        for folder in reversed([out_dir, *out_dir.parents]):
            if not folder.exists():
                with contextlib.suppress(FileExistsError):  # another run made it just now
                    folder.mkdir()
                    made.append(folder)
        try:
            _write_locked(out_dir, items, force=force, protect=protect, wait=wait)
        except BaseException:
            for folder in reversed(made):  # only folders this run made, and only if empty
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
    return [out_dir.joinpath(*item.parts) for item in items]


def _write_locked(
    out_dir: Path,
    items: Sequence[_Item],
    *,
    force: bool,
    protect: Collection[Path],
    wait: float,
) -> None:
    with folder_lock(out_dir, wait=wait) as root_fd:
        checked = _check(out_dir, items, force=force, protect=protect)
        _remove_stale(out_dir)
        writer = _Writer(out_dir, root_fd, f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}")
        # the files the tool wrote earlier and that are still there (another run's, or this
        # run's other formats): a manifest lists exactly the files it vouches for
        manifest = {n: h for n, h in checked.manifest.items() if _present(out_dir, n)}
        new = {item.name: item.digest for item in items}
        try:
            writer.stage(items)
            # write-ahead: a run killed while moving leaves a manifest that accepts either
            # version of each file, and names the temporary folder for the next run to remove
            writer.put_manifest(manifest_bytes(manifest, new))
            writer.move_all(items)
            writer.put_manifest(manifest_bytes({**manifest, **new}, {}))
        except BaseException:
            writer.roll_back(checked.old_manifest)
            raise
        finally:
            writer.close()
