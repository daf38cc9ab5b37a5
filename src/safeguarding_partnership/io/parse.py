"""Reading text safely and parsing YAML, TOML and JSON into plain data with positions."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from safeguarding_partnership.errors import ArrangementsFileError, InputLimitError
from safeguarding_partnership.io.locations import Locator, ruamel_positions

__all__ = ["DEFAULT_LIMITS", "Limits", "Parsed", "parse_file", "parse_text", "read_text"]

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


@attrs.frozen
class Limits:
    """Safety limits on input. ``SP_MAX_FILE_BYTES`` changes the size limit."""

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_aliases: int = 100
    max_nodes: int = 5_000_000

    @classmethod
    def from_env(cls) -> Limits:
        raw = os.environ.get("SP_MAX_FILE_BYTES")
        if raw and raw.isdigit():
            return cls(max_bytes=int(raw))
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


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """Read a file as UTF-8 text, refusing binary, non-UTF-8 and oversized input."""
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # a device (/dev/zero), a FIFO or a socket: endless, or a read that never returns
            raise ArrangementsFileError.single(name, "not a regular file")
        size = info.st_size
        if size > limits.max_bytes:
            raise InputLimitError.single(
                name, f"file is {size} bytes, over the limit of {limits.max_bytes} bytes"
            )
        with path.open("rb") as handle:
            raw = handle.read(limits.max_bytes + 1)  # the file may grow after stat
        if len(raw) > limits.max_bytes:
            raise InputLimitError.single(
                name, f"file is over the limit of {limits.max_bytes} bytes"
            )
    except OSError as exc:
        raise ArrangementsFileError.single(name, f"cannot read file: {exc.strerror}") from None
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
            raise InputLimitError.single(
                name,
                f"file expands to more than {budget} values (YAML aliases that repeat "
                "large parts of the file are refused)",
            )
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


def _yaml_loader() -> Any:
    """A YAML 1.2 round-trip loader that keeps dates as text, so that a bad date is
    reported by the model with its location rather than by the parser without one."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class _Constructor(RoundTripConstructor):
        pass

    _Constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
    )
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def _parse_yaml(name: str, text: str, limits: Limits) -> Parsed:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

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
        data = yaml.load(text)
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
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise ArrangementsFileError.single(name, f"invalid YAML: {exc}") from None
    locator = Locator(name, build=lambda: ruamel_positions(data))
    _check_shape(name, data, limits, locator, len(text))
    return Parsed(data, locator, "yaml")


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


def _parse_json(name: str, text: str, limits: Limits) -> Parsed:
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise ArrangementsFileError.single(
            name, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    except ValueError as exc:
        raise ArrangementsFileError.single(name, f"invalid JSON: {exc}") from None
    except RecursionError:
        raise InputLimitError.single(name, "nesting too deep") from None
    locator = Locator(name, build=lambda: _json_index(text))
    # JSON has no aliases; the models bound the depth of everything but plugin settings.
    for part, path in _free_form(data):
        _check_shape(name, part, limits, locator, len(text), at=path)
    top = dict.fromkeys(data) if isinstance(data, Mapping) else data
    return Parsed(top, locator, "json", json_text=text if isinstance(data, Mapping) else None)


def _parse_toml(name: str, text: str, limits: Limits) -> Parsed:
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
    except RecursionError:
        raise InputLimitError.single(name, "nesting too deep") from None
    locator = Locator(name, text=text)
    _check_shape(name, data, limits, locator, len(text))
    return Parsed(data, locator, "toml")


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
    return parse_text(str(path), read_text(path, limits), fmt, limits)
