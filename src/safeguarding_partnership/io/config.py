"""The configuration file, like ruff's: ``[tool.safeguarding-partnership]`` in
``pyproject.toml``, or the top-level keys of a ``safeguarding-partnership.toml``.

The file is found by walking up from the checked path (the nearest folder holding one wins;
in one folder, ``safeguarding-partnership.toml`` wins over ``pyproject.toml``, and a
``pyproject.toml`` without the table is passed over), or named with ``--config``. Every
problem in it is located: ``pyproject.toml:7:1: tool.safeguarding-partnership.selct: unknown
key 'selct'; did you mean 'select'?``.

The command line wins over the file, the file over the defaults; an arrangements file's own
``rules:`` section still applies to that file (see :func:`selection_for`).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs
from pydantic import ConfigDict, Field, ValidationError

from safeguarding_partnership.errors import ConfigError, Location, Problem, did_you_mean
from safeguarding_partnership.findings import format_path
from safeguarding_partnership.io.formats import CONFIG_FILE
from safeguarding_partnership.io.locations import Locator, PathPart
from safeguarding_partnership.io.toml_positions import toml_positions
from safeguarding_partnership.model import Waiver
from safeguarding_partnership.model.schema_docs import DocumentedModel
from safeguarding_partnership.rules.engine import Selection

if TYPE_CHECKING:
    import tomllib

__all__ = [
    "CONFIG_FILE",
    "CONFIG_SCHEMA_ID",
    "TOOL_TABLE",
    "CheckFormat",
    "Config",
    "FoundConfig",
    "config_schema",
    "discover",
    "find_config",
    "read_config",
    "selection_for",
]

TOOL_TABLE = "safeguarding-partnership"
"""The table under ``[tool]`` of a ``pyproject.toml``."""
CONFIG_SCHEMA_ID = "https://safeguarding-partnership.readthedocs.io/schema/config-1.json"

CheckFormat = Literal["human", "text", "json", "sarif", "csv", "github", "gitlab"]
"""The formats ``check`` prints (:data:`.io.formats.CHECK_FORMATS`, checked by a test)."""


def _hyphenated(name: str) -> str:
    return name.replace("_", "-")


class Config(DocumentedModel):
    """The options a configuration file may set; each is also a ``check`` option."""

    # A documented model: its validator is built when a file is first read (most runs have
    # none), and the docstrings under the fields are read only for its JSON Schema.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=_hyphenated,
        populate_by_name=True,
        title="safeguarding-partnership configuration",
    )

    select: tuple[str, ...] | None = None
    """Rule codes or prefixes to run (``--select``); unset means every rule in force."""
    ignore: tuple[Waiver, ...] = ()
    """Rules or prefixes not to run, each with its reason (``--ignore``)."""
    per_file_ignores: dict[str, tuple[Waiver, ...]] = Field(default_factory=dict)
    """Waivers for the files a glob matches: a glob without ``/`` matches the file's name, one
    with ``/`` its path from the configuration file's folder."""
    as_of: dt.date | None = None
    """Check the rules in force on this day (``--as-of``); unset means today."""
    plugins: tuple[str, ...] = ()
    """Plugins to use as well (``--plugin``); a path is relative to the configuration file."""
    preview: bool = False
    """Also run preview rules (``--include-preview``)."""
    include_not_commenced: bool = False
    """Also run rules of law not yet in force (``--include-not-commenced``)."""
    output_format: CheckFormat | None = None
    """How ``check`` prints its findings (``--format``); unset means ``human``."""
    core: dict[str, Any] | None = None
    """The core's settings, in the shape of an arrangements file's ``settings.core``; the
    file's own ``settings.core`` wins, rule by rule."""


def _defaults() -> Config:
    """The configuration without a file: what validating ``{}`` gives (every field has a
    plain default and no validator), made without building the model's validator."""
    return Config.model_construct()


@attrs.frozen
class FoundConfig:
    """The configuration a run uses, and the file it came from (``None``: the defaults)."""

    config: Config = attrs.field(factory=_defaults)
    path: Path | None = None

    @property
    def folder(self) -> Path:
        """The folder that relative paths in the file start from."""
        return self.path.parent if self.path is not None else Path.cwd()

    def plugin_specs(self) -> tuple[str, ...]:
        """The file's plugins, with paths made relative to the folder it is in."""
        specs = []
        for spec in self.config.plugins:
            is_path = spec.endswith(".py") or "/" in spec or os.sep in spec
            specs.append(str(self.folder / spec) if is_path else spec)
        return tuple(specs)

    def waivers_for(self, file: str) -> tuple[Waiver, ...]:
        """The per-file waivers for ``file`` (as the run names it)."""
        if not self.config.per_file_ignores:
            return ()
        path = Path(file).resolve()
        try:
            relative = path.relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        found: list[Waiver] = []
        for pattern, waivers in self.config.per_file_ignores.items():
            subject = relative if "/" in pattern else path.name
            if fnmatch.fnmatchcase(subject, pattern):
                found.extend(waivers)
        return tuple(found)


def _table(path: Path, data: Mapping[str, Any]) -> tuple[Mapping[str, Any], tuple[str, ...]]:
    """The configuration table of a file's data, and its path in the file."""
    if path.name != "pyproject.toml":
        return data, ()
    tool = data.get("tool")
    table = tool.get(TOOL_TABLE) if isinstance(tool, Mapping) else None
    if table is None:
        raise _error(str(path), f"has no [tool.{TOOL_TABLE}] table", line=1)
    if not isinstance(table, Mapping):
        raise _error(str(path), f"tool.{TOOL_TABLE} is not a table", line=1)
    return table, ("tool", TOOL_TABLE)


_MAY_HOLD_TABLE = re.compile(
    rf"""^\ufeff?[ \t]*\[{{1,2}}[ \t]*tool[ \t]*(\]|\.[ \t]*(["']|{TOOL_TABLE}))"""  # [tool...
    r"|^\ufeff?[ \t]*tool[ \t]*[.=]"  # tool.NAME = ... or tool = {...} as keys
    r"|[\"']tool[\"']"  # "tool" quoted, wherever it is
    r'|^\ufeff?[ \t]*\[{0,2}[ \t]*"[^"\n]*\\',  # a first key with an escape ("\u0074ool")
    re.MULTILINE,
)
"""Lines of TOML that may make the tool's table: a ``[tool]`` or ``[tool.safeguarding-partnership
...]`` heading, one with a quoted key after ``tool.`` (which escapes could spell the name in),
a key starting ``tool`` outside any heading, a quoted ``tool``, or a first key spelt with an
escape; each may follow a byte order mark. A text without any is passed over unparsed."""


def _has_table(path: Path) -> bool:
    """Whether a ``pyproject.toml`` has the tool's table. A text that cannot hold it (most
    projects' files, whatever their other tools) is passed over without being parsed, a
    broken one included: it is not this tool's file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True  # read it, and report what is wrong with it
    if _MAY_HOLD_TABLE.search(text) is None:
        return False
    import tomllib  # a file that may hold the table is parsed; most checks never import it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True  # report what is wrong with it
    tool = data.get("tool")
    return isinstance(tool, Mapping) and TOOL_TABLE in tool


def _error(
    name: str, message: str, *, line: int | None = None, column: int | None = None
) -> ConfigError:
    return ConfigError([Problem(Location(name, line, column), "", message)])


def _keys_at(parent: Sequence[PathPart]) -> Iterable[str]:
    """The keys allowed in the table at ``parent`` (a path within the configuration)."""
    if not parent:
        return [field.alias or name for name, field in Config.model_fields.items()]
    if parent[0] in ("ignore", "per-file-ignores"):
        return Waiver.model_fields
    return ()


def _toml_error(name: str, exc: tomllib.TOMLDecodeError) -> ConfigError:
    """A located error for text ``tomllib`` refused ("... (at line 3, column 7)")."""
    message, _, where = str(exc).partition(" (at line ")
    line = column = None
    numbers = where.rstrip(")").replace("column ", "").split(", ")
    if len(numbers) == 2 and all(n.isdigit() for n in numbers):
        line, column = int(numbers[0]), int(numbers[1])
    return _error(name, f"invalid TOML: {message}", line=line, column=column)


def _problems(error: ValidationError, prefix: tuple[str, ...], locator: Locator) -> list[Problem]:
    problems: list[Problem] = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        given = err.get("input")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            message = f"unknown key {key!r}" + did_you_mean(key, _keys_at(loc[:-1]))
            location = locator.locate((*prefix, *loc), key=True)
        elif kind == "missing":
            message = f"missing required key {str(loc[-1])!r}"
            location = locator.locate((*prefix, *loc[:-1]))
        elif kind == "literal_error":
            message = f"{given!r} is not allowed: {err['msg']}"
            location = locator.locate((*prefix, *loc))
        elif kind.startswith("date"):
            message = f"invalid date {given!r}: expected YYYY-MM-DD"
            location = locator.locate((*prefix, *loc))
        else:
            message = err["msg"]
            if not isinstance(given, Mapping | list):
                message += f" (got {given!r})"
            location = locator.locate((*prefix, *loc))
        problems.append(Problem(location, format_path((*prefix, *loc)), message))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0, p.path))
    return problems


def read_config(path: Path) -> Config:
    """Read one configuration file. Raises :class:`~.errors.ConfigError`, located."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise _error(name, f"cannot read configuration: {message}") from None
    import tomllib  # a configuration file is TOML; a check without one never imports it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(name, exc) from None
    table, prefix = _table(path, data)
    try:
        return Config.model_validate(table)
    except ValidationError as exc:
        locator = Locator(name, build=lambda: toml_positions(text))
        raise ConfigError(_problems(exc, prefix, locator)) from None


def find_config(start: Path, stop: Path | None = None) -> Path | None:
    """The nearest configuration file at or above ``start`` (a file's folder, or a folder).

    The walk ends at the filesystem root, or after ``stop`` (a folder) when given.
    """
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    limit = stop.resolve() if stop is not None else None
    for folder in (here, *here.parents):
        standalone = folder / CONFIG_FILE
        if standalone.is_file():
            return standalone
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
        if folder == limit:
            break
    return None


def _shown(path: Path) -> Path:
    """A path as the user would write it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def discover(
    paths: Sequence[Path], *, explicit: Path | None = None, stop: Path | None = None
) -> FoundConfig:
    """The configuration for a run over ``paths``: ``explicit`` if given, else the file found
    walking up from the paths (they must all find the same one), else the defaults."""
    if explicit is not None:
        return FoundConfig(read_config(explicit), explicit)
    found = {find_config(p, stop) for p in paths} or {None}
    if len(found) > 1:
        names = ", ".join(sorted(str(_shown(f)) if f else "(none)" for f in found))
        raise ConfigError(
            [
                Problem(
                    Location(str(_shown(paths[0]))),
                    "",
                    f"the paths are under different configuration files ({names}): check "
                    "them separately, or name one with --config",
                )
            ]
        )
    (path,) = found
    if path is None:
        return FoundConfig()
    shown = _shown(path)
    return FoundConfig(read_config(shown), shown)


def selection_for(
    found: FoundConfig,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[Waiver] = (),
    include_preview: bool = False,
    include_not_commenced: bool = False,
) -> Callable[[str], Selection]:
    """The rule selection for each file, by the name the run gives it: the command line's
    choices over the configuration's (``select`` given replaces the file's; waivers add up:
    the configuration's, its per-file ones, then the command line's)."""
    config = found.config
    chosen = tuple(select) if select else tuple(config.select or ())

    def for_file(file: str) -> Selection:
        return Selection(
            select=chosen,
            ignore=(*config.ignore, *found.waivers_for(file), *ignore),
            include_not_commenced=include_not_commenced or config.include_not_commenced,
            include_preview=include_preview or config.preview,
        )

    return for_file


def config_schema(draft: str = "draft-07") -> dict[str, Any]:
    """The JSON Schema of the configuration table (``schema --config``)."""
    from safeguarding_partnership.io.schema_draft import with_draft

    schema = Config.model_json_schema(mode="validation", by_alias=True)
    return with_draft(schema, draft, CONFIG_SCHEMA_ID)
