"""The lock on an output folder: one ``render`` writes into a folder at a time."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

from safeguarding_partnership.errors import OutputError

__all__ = ["LOCK_WAIT", "folder_lock"]

LOCK_WAIT = 60.0
"""Seconds a run waits for another run writing into the same folder before it gives up."""

_NO_LOCKS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL, errno.EBADF})
"""What ``flock`` says on a file system without locks (NFS refuses one on a folder)."""


@contextlib.contextmanager
def folder_lock(folder: Path, *, wait: float = LOCK_WAIT) -> Iterator[int]:
    """Hold the exclusive lock of ``folder`` (which must exist), yielding its descriptor.

    The lock is :func:`fcntl.flock` on the folder itself, so no lock file is left behind,
    and the kernel releases it when a run ends, however it ends. A run waits ``wait``
    seconds for another to finish, then raises :class:`OutputError` (exit 4). On a file
    system that has no such locks (some network mounts), runs go ahead unlocked.
    """
    import fcntl

    deadline = time.monotonic() + wait
    while True:
        folder.mkdir(exist_ok=True)  # removed while this run waited by a run that made it
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno in _NO_LOCKS:  # this file system has no locks: as before
                        break
                    if not isinstance(exc, BlockingIOError):
                        raise
                    if time.monotonic() >= deadline:
                        raise OutputError(
                            f"{folder}: another safeguarding-partnership run is writing into "
                            f"this folder (waited {wait:g} s); nothing was written: try again "
                            "when it has finished"
                        ) from None
                    time.sleep(0.02)
            # the folder may have been removed (and made again) while this run waited
            current = os.stat(folder)
            held = os.fstat(fd)
            if (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
                break
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield fd
    finally:
        os.close(fd)  # closing the descriptor releases the lock
