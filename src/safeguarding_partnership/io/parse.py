"""Reading text safely and parsing YAML, TOML and JSON into plain data with positions."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import threading
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from safeguarding_partnership.errors import ArrangementsFileError, InputLimitError
from safeguarding_partnership.io.locations import Locator, ruamel_positions
from safeguarding_partnership.io.prescan import long_number, toml_deep_key
from safeguarding_partnership.io.yaml11 import (
    refuse_ambiguous_booleans,
    watch_for_ambiguous_booleans,
)
from safeguarding_partnership.io.yaml_fast import load_plain

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_BYTES",
    "Limits",
    "Parsed",
    "check_shape",
    "parse_file",
    "parse_text",
    "read_bytes",
    "read_text",
    "regular_file",
]

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


MAX_BYTES: dict[str, int] = {
    "yaml": 256 * 1024,
    "toml": 4 * 1024 * 1024,
    "json": 32 * 1024 * 1024,
}
"""The default size limit of each format, in bytes: what the parser and the validator do in
bounded time and memory with the costliest text of that size (measured; see
:doc:`/reference/limits`). A plugin loader's files get the TOML limit."""

_OTHER = "toml"


DEFAULT_MAX_VALUES = 2_000_000
"""The most values a file may hold (every format), unless ``--max-bytes`` raises it."""
BYTES_PER_VALUE = 16
"""With ``--max-bytes`` set, the value limit is one value for every this many bytes (at
least the default 2,000,000)."""


@attrs.frozen
class Limits:
    """Safety limits on input. ``SP_MAX_FILE_BYTES`` (or ``--max-bytes``) sets one size
    limit for every format in place of each format's own (:data:`MAX_BYTES`)."""

    max_bytes: int | None = None
    max_depth: int = 64
    max_aliases: int = 100
    max_nodes: int = DEFAULT_MAX_VALUES
    max_problems: int = 1000
    max_key_parts: int = 64

    def bytes_for(self, fmt: str | None) -> int:
        """The size limit of a file of this format (``yaml``, ``toml``, ``json``, or another
        read by a plugin loader)."""
        if self.max_bytes is not None:
            return self.max_bytes
        return MAX_BYTES.get(fmt or _OTHER, MAX_BYTES[_OTHER])

    def with_max_bytes(self, max_bytes: int) -> Limits:
        """These limits with one size limit for every format; the value limit grows with it
        (one value for every 16 bytes, never below the default), so that a file the user
        chose to allow can be read: a file of tiny values costs about as much per value in
        every format, and that cost is what the size limit bounds."""
        nodes = max(DEFAULT_MAX_VALUES, max_bytes // BYTES_PER_VALUE)
        return attrs.evolve(self, max_bytes=max_bytes, max_nodes=nodes)

    @classmethod
    def from_env(cls) -> Limits:
        raw = os.environ.get("SP_MAX_FILE_BYTES")
        if raw and raw.isdigit() and int(raw) > 0:
            return cls().with_max_bytes(int(raw))
        return cls()


DEFAULT_LIMITS = Limits()


@attrs.frozen
class Parsed:
    """Plain data parsed from a file, with a way to locate any field in it."""

    data: Any
    locator: Locator
    format: str
    json_text: str | None = None
    """For JSON, the text: the models validate straight from it (fast), and ``data`` holds
    only the top-level keys until an error needs the whole tree."""

    def full_data(self) -> Any:
        """The whole parsed tree (re-read from JSON text when it was not kept)."""
        if self.json_text is not None:
            return json.loads(self.json_text)
        return self.data


_CHUNK = 1024 * 1024


def regular_file(path: Path) -> os.stat_result:
    """The file's status, if it is a regular file (after following links); otherwise an
    :class:`ArrangementsFileError`. A device (``/dev/zero``), a FIFO or a socket is endless,
    or a read that never returns: every input path is checked here before it is opened."""
    name = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise ArrangementsFileError.single(name, f"cannot read file: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ArrangementsFileError.single(name, f"not a regular file ({_kind_of(info)})")
    return info


def _kind_of(info: os.stat_result) -> str:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def read_bytes(path: Path, limit: int) -> bytes:
    """A regular file's bytes, refusing more than ``limit``: the size is read from the file
    system first, and the file is read in chunks (a file that grows after its size was read
    is still cut off just past the limit; no buffer of the limit's size is made up front)."""
    name = str(path)
    info = regular_file(path)
    if info.st_size > limit:
        raise InputLimitError.single(
            name, f"file is {info.st_size} bytes, over the limit of {limit} bytes"
        )
    chunks: list[bytes] = []
    total = 0
    try:
        with path.open("rb", buffering=0) as handle:
            while total <= limit:
                chunk = handle.read(min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except OSError as exc:
        raise ArrangementsFileError.single(name, f"cannot read file: {exc.strerror}") from None
    if total > limit:
        raise InputLimitError.single(name, f"file is over the limit of {limit} bytes")
    return b"".join(chunks)


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS, fmt: str | None = None) -> str:
    """Read a file as UTF-8 text, refusing binary, non-UTF-8 and oversized input (over the
    size limit of ``fmt``, the file's format)."""
    name = str(path)
    raw = read_bytes(path, limits.bytes_for(fmt))
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise ArrangementsFileError.single(name, "file is binary, not text", line=line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ArrangementsFileError.single(
            name, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x})", line=line, column=column
        ) from None
    return text.removeprefix("\ufeff")


def _loops(chain: _Chain | None) -> bool:
    """Whether a path through the tree passes twice through one container (a YAML alias to
    a node that contains it)."""
    seen: set[int] = set()
    while chain is not None:
        node, chain = chain
        if id(node) in seen:
            return True
        seen.add(id(node))
    return False


_Chain = tuple[Any, Any]
"""A container and the chain of its parents, innermost first."""


def _check_shape(
    name: str,
    data: Any,
    limits: Limits,
    locator: Locator,
    size: int,
    at: tuple[str | int, ...] = (),
) -> None:
    """Refuse data nested too deeply, holding more values than its text could (alias bombs),
    or looping (an alias inside the node it refers to).

    ``at`` is where ``data`` sits in the file (the root by default). The walk visits at most
    the budget of values, so a looping or exploding tree costs no more than a flat one."""
    stack: list[tuple[Any, int, tuple[str | int, ...], _Chain | None]] = [(data, len(at), at, None)]
    nodes = 0
    budget = min(limits.max_nodes, size + 1000)
    while stack:
        current, depth, path, parents = stack.pop()
        nodes += 1
        if nodes > budget:
            if budget < limits.max_nodes:  # more values than the text could hold
                raise InputLimitError.single(
                    name,
                    f"file expands to more than {budget} values (YAML aliases that repeat "
                    "large parts of the file are refused)",
                )
            raise InputLimitError.single(name, f"file holds more than {budget} values")
        if depth > limits.max_depth:
            looping = _loops(parents)
            if looping:
                # point at the alias: the shortest path that closes the loop
                path = _first_loop(data, path[len(at) :], at)
            loc = locator.locate(path, key=looping)
            message = (
                "a YAML alias refers to a node that contains it (a loop)"
                if looping
                else f"nesting deeper than {limits.max_depth} levels"
            )
            raise InputLimitError.single(name, message, line=loc.line, column=loc.column)
        chain: _Chain = (current, parents)
        if isinstance(current, Mapping):
            stack.extend((v, depth + 1, (*path, str(k)), chain) for k, v in current.items())
        elif isinstance(current, Sequence) and not isinstance(current, str | bytes):
            stack.extend((v, depth + 1, (*path, i), chain) for i, v in enumerate(current))


def _first_loop(
    data: Any, path: tuple[str | int, ...], at: tuple[str | int, ...]
) -> tuple[str | int, ...]:
    """The prefix of ``path`` (below ``data``) that first reaches a container already on it."""
    on_path = {id(data)}
    current = data
    for i, part in enumerate(path):
        if isinstance(current, Mapping):
            current = next(v for k, v in current.items() if str(k) == part)
        else:
            current = current[part]
        if id(current) in on_path:
            return (*at, *path[: i + 1])
        if isinstance(current, Mapping | list | tuple):
            on_path.add(id(current))
    return (*at, *path)


def check_shape(name: str, data: Any, text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse data read by a plugin loader from ``text`` that a core format would refuse:
    nested deeper than the depth limit, or holding more values than the value limit."""
    _check_shape(name, data, limits, Locator(name, text=text), limits.max_nodes)


_LOADERS = threading.local()


def _yaml_loader() -> Any:
    """A YAML 1.2 round-trip loader that keeps dates as text, so that a bad date is
    reported by the model with its location rather than by the parser without one.

    One per thread, reused: making one costs about as much as reading a short file."""
    loader = getattr(_LOADERS, "yaml", None)
    if loader is None:
        loader = _LOADERS.yaml = _new_yaml_loader()
    return loader


def _new_yaml_loader() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class _Constructor(RoundTripConstructor):
        pass

    _Constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    watch_for_ambiguous_booleans(_Constructor)
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def _parse_yaml(name: str, text: str, limits: Limits) -> Parsed:
    """Plain YAML at C speed (:mod:`.yaml_fast`); anything else, and every error, through
    the round-trip parser."""
    data = load_plain(text, limits.max_depth, limits.max_aliases)
    if data is None:
        return _parse_yaml_roundtrip(name, text, limits)
    locator = Locator(name, build=lambda: ruamel_positions(data))
    _check_shape(name, data, limits, locator, len(text))
    return Parsed(data, locator, "yaml")


def _parse_yaml_roundtrip(name: str, text: str, limits: Limits) -> Parsed:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError

    aliases = text.count("*")
    if aliases > limits.max_aliases and "&" in text:
        # cheap pre-check; the exact count follows from the parser's events
        yaml_events = YAML(typ="rt")
        try:
            count = sum(1 for ev in yaml_events.parse(text) if type(ev).__name__ == "AliasEvent")
        except YAMLError:
            count = 0
        if count > limits.max_aliases:
            raise InputLimitError.single(
                name, f"file uses {count} YAML aliases, over the limit of {limits.max_aliases}"
            )
    yaml = _yaml_loader()
    try:
        with warnings.catch_warnings():
            # ruamel warns of an anchor defined twice; which one an alias means is then
            # unclear to a reader, so it is refused, at the second definition
            warnings.simplefilter("error", ReusedAnchorWarning)
            try:
                data = yaml.load(text)
            except BaseException:
                _LOADERS.yaml = None  # a loader stopped half-way is not reused
                raise
    except ReusedAnchorWarning as exc:
        message = str(exc)
        anchor = message.split("found duplicate anchor", 1)[-1].split("\n", 1)[0].strip()
        where = re.search(r"second occurrence.*?line (\d+), column (\d+)", message, re.S)
        raise ArrangementsFileError.single(
            name,
            f"invalid YAML: anchor {anchor} is defined twice; give each anchor its own name",
            line=int(where.group(1)) if where else None,
            column=int(where.group(2)) if where else None,
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if "duplicate key" in str(exc):
            problem = "duplicate key " + str(exc).split('found duplicate key "', 1)[-1].split(
                '"', 1
            )[0].join("''")
        raise ArrangementsFileError.single(
            name,
            f"invalid YAML: {problem}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except ValueError as exc:
        raise _long_number_error(name, "YAML", text, exc) from None
    except (YAMLError, TypeError, RecursionError) as exc:
        raise ArrangementsFileError.single(name, f"invalid YAML: {exc}") from None
    except (NotImplementedError, AssertionError) as exc:
        raise _comment_error(name, exc) from None
    refuse_ambiguous_booleans(name, yaml.constructor, data)
    locator = Locator(name, build=lambda: ruamel_positions(data))
    _check_shape(name, data, limits, locator, len(text))
    return Parsed(data, locator, "yaml")


def _comment_error(name: str, exc: BaseException) -> ArrangementsFileError:
    """The round-trip parser's own failure (``NotImplementedError`` or ``AssertionError``),
    as an error of the file: on valid YAML it fails to place some comments (one between a
    key and a value on the next line, say); it is located where the parser says."""
    where = re.search(r"CommentToken\('(?:[^'\\]|\\.)*', line: (\d+), col: (\d+)\)", str(exc))
    if where is None:
        return ArrangementsFileError.single(
            name, f"the YAML reader failed on this text ({type(exc).__name__}: {exc})"
        )
    return ArrangementsFileError.single(
        name,
        "cannot read the comment here (the YAML reader keeps comments, and cannot place one "
        "between a key and a value on a later line): move the comment to a line of its own "
        "above the key, or after the value",
        line=int(where.group(1)) + 1,
        column=int(where.group(2)) + 1,
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return out


def _free_form(data: Any) -> list[tuple[Any, tuple[str | int, ...]]]:
    """The parts of a JSON tree whose depth no model bounds: plugin settings sections."""
    found: list[tuple[Any, tuple[str | int, ...]]] = []
    if isinstance(data, Mapping):
        if "settings" in data:
            found.append((data["settings"], ("settings",)))
        arrangements = data.get("arrangements")
        if isinstance(arrangements, list):
            for i, item in enumerate(arrangements):
                if isinstance(item, Mapping) and "settings" in item:
                    found.append((item["settings"], ("arrangements", i, "settings")))
    return found


def _json_index(text: str) -> dict[tuple[str | int, ...], tuple[int, int, int, int]]:
    # lazy: a clean file never pays, and a large one is not re-parsed with a YAML parser
    from safeguarding_partnership.io.json_positions import JsonPositions

    return JsonPositions(text)


def _check_count(name: str, data: Any, text: str, most: int) -> None:
    """Refuse JSON holding more than ``most`` values: each could be a validation error, and
    the validator keeps every error (about 400 bytes each). Counting the commas and opening
    brackets bounds the count from above at C speed; only a file over the bound is walked."""
    if text.count(",") + text.count("[") + text.count("{") < most:
        return
    stack = [data]
    count = 0
    while stack:
        current = stack.pop()
        count += 1
        if count > most:
            raise InputLimitError.single(name, f"file holds more than {most} values")
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def _parse_json(name: str, text: str, limits: Limits) -> Parsed:
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ArrangementsFileError.single(
            name, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    except ValueError as exc:
        if "duplicate key" in str(exc):
            from safeguarding_partnership.io.json_positions import repeated_key_at

            try:
                key, where = repeated_key_at(text)
            except (ValueError, RecursionError):  # the text breaks later in another way
                raise ArrangementsFileError.single(name, f"invalid JSON: {exc}") from None
            line, column = where if where is not None else (None, None)
            raise ArrangementsFileError.single(
                name, f"invalid JSON: duplicate key {key!r}", line=line, column=column
            ) from None
        raise _long_number_error(name, "JSON", text, exc) from None
    except RecursionError:
        raise InputLimitError.single(name, "nesting too deep") from None
    locator = Locator(name, build=lambda: _json_index(text))
    _check_count(name, data, text, limits.max_nodes)
    # JSON has no aliases; the models bound the depth of everything but plugin settings.
    for part, path in _free_form(data):
        _check_shape(name, part, limits, locator, len(text), at=path)
    top = dict.fromkeys(data) if isinstance(data, Mapping) else data
    return Parsed(top, locator, "json", json_text=text if isinstance(data, Mapping) else None)


def _parse_toml(name: str, text: str, limits: Limits) -> Parsed:
    deep = toml_deep_key(text, limits.max_key_parts)
    if deep is not None:
        raise InputLimitError.single(
            name,
            f"a key of more than {limits.max_key_parts} dotted parts",
            line=deep.line,
            column=deep.column,
        )
    import tomllib  # only a TOML file needs it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = col = None
        if "(at line " in message:
            tail = message.rsplit("(at line ", 1)[1].rstrip(")")
            parts = tail.replace("column ", "").split(", ")
            if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
                line, col = int(parts[0]), int(parts[1])
            message = message.rsplit(" (at line ", 1)[0]
        raise ArrangementsFileError.single(
            name, f"invalid TOML: {message}", line=line, column=col
        ) from None
    except ValueError as exc:  # an integer too long for Python to make
        raise _long_number_error(name, "TOML", text, exc, skip_strings=True) from None
    except RecursionError:
        raise InputLimitError.single(name, "nesting too deep") from None
    locator = Locator(name, text=text)
    _check_shape(name, data, limits, locator, len(text))
    return Parsed(data, locator, "toml")


def _long_number_error(
    name: str, fmt: str, text: str, exc: ValueError, *, skip_strings: bool = False
) -> ArrangementsFileError:
    """A parser's ``ValueError``, located: an integer of too many digits, or what it says."""
    spot = long_number(text, skip_strings=skip_strings)
    if spot is None:
        return ArrangementsFileError.single(name, f"invalid {fmt}: {exc}")
    return InputLimitError.single(
        name,
        f"a number of more than {sys.get_int_max_str_digits()} digits",
        line=spot.line,
        column=spot.column,
    )


def _kind(value: Any) -> str:
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a single value"


def parse_text(name: str, text: str, fmt: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Parse text of a known format (``yaml``, ``json`` or ``toml``)."""
    if not text.strip():
        raise ArrangementsFileError.single(name, "file is empty", line=1)
    parser = {"yaml": _parse_yaml, "json": _parse_json, "toml": _parse_toml}[fmt]
    parsed = parser(name, text, limits)
    if not isinstance(parsed.data, Mapping):
        raise ArrangementsFileError.single(
            name,
            f"expected a mapping of keys at the top of the file, got {_kind(parsed.data)}",
            line=1,
        )
    return parsed


def format_of(path: Path) -> str | None:
    """The format named by a file's suffix, if it is one we read."""
    return SUFFIXES.get(path.suffix.lower())


def parse_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Read and parse an arrangements file by its suffix."""
    fmt = format_of(path)
    if fmt is None:
        raise ArrangementsFileError.single(
            str(path), "unknown file type: use .yaml, .yml, .toml or .json"
        )
    return parse_text(str(path), read_text(path, limits, fmt), fmt, limits)
