"""Standard input as a file: ``check -`` with ``--stdin-filename NAME``.

The text is written into a private temporary folder under NAME's file name, so that the same
loader reads it as it would the file (the suffix picks the parser, and the same limits apply);
the run then shows NAME in place of the temporary path.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from safeguarding_partnership.errors import InputLimitError

__all__ = ["DEFAULT_STDIN_NAME", "stdin_as_file"]

DEFAULT_STDIN_NAME = "stdin.yaml"
"""The name standard input is shown under when ``--stdin-filename`` is not given."""


@contextmanager
def stdin_as_file(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Path]:
    """Copy ``stream`` (at most ``max_bytes``) into a temporary file named like ``name``;
    removed on exit. Longer input raises :class:`~.errors.InputLimitError` under ``name``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputLimitError.single(name, f"standard input is over the limit of {max_bytes} bytes")
    import tempfile  # only standard input needs it

    with tempfile.TemporaryDirectory(prefix="safeguarding-partnership-") as folder:
        path = Path(folder) / (Path(name).name or DEFAULT_STDIN_NAME)
        path.write_bytes(data)
        yield path
