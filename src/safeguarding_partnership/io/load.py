"""Loading arrangements files into checked, resolved models, with located errors."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from pydantic import ValidationError

from safeguarding_partnership.errors import ArrangementsFileError, Location, Problem
from safeguarding_partnership.io.errors_map import first_problems, problems_from_validation
from safeguarding_partnership.io.formats import CONFIG_FILE
from safeguarding_partnership.io.locations import Locator, PathPart
from safeguarding_partnership.io.manifest import MANIFEST_NAME, written_names
from safeguarding_partnership.io.parse import (
    DEFAULT_LIMITS,
    Limits,
    Parsed,
    format_of,
    parse_file,
    regular_file,
)
from safeguarding_partnership.io.resolve import resolve
from safeguarding_partnership.model import (
    Arrangement,
    Group,
    Organisation,
    Registry,
    RelevantAgency,
)

__all__ = [
    "NOT_ARRANGEMENTS",
    "Loaded",
    "arrangement_files",
    "folder_inputs",
    "load",
    "load_arrangement",
    "load_data",
    "load_path",
]


@attrs.frozen
class Loaded:
    """An arrangement as loaded: the model, where it came from, and how to locate its fields."""

    arrangement: Arrangement
    locator: Locator
    prefix: tuple[PathPart, ...] = ()

    @property
    def file(self) -> str:
        return self.locator.file

    def locate(self, path: Sequence[PathPart], *, key: bool = False) -> Location:
        """The file, line and column of a field path (or, with ``key``, of its key) within
        this arrangement."""
        return self.locator.locate((*self.prefix, *path), key=key)

    def locate_many(self, paths: Sequence[Sequence[PathPart]]) -> list[Location]:
        """The locations of many field paths, found in one pass over the file where its
        format allows (JSON)."""
        self.locator.prefetch((*self.prefix, *path) for path in paths)
        return [self.locate(path) for path in paths]


CONTRIBUTED_MODELS = (Organisation, RelevantAgency, Group)
"""The models of the records plugins contribute (:data:`.plugins.apply._CONTRIBUTED`)."""


def _build_contributed_first(model: type[Arrangement] | type[Registry], parsed: Parsed) -> None:
    """Before an arrangement that names plugins is validated, build the validators of the
    records plugins contribute. A plugin makes its records with their own models, whose
    validators pydantic builds on first use; built before the arrangement's, they are reused
    inside it, where built after it they would be made a second time (a fiftieth of a check
    of the Havering example). An arrangement without plugins needs none of them."""
    data = parsed.data if model is Arrangement else None
    if isinstance(data, Mapping) and data.get("plugins"):
        for record in CONTRIBUTED_MODELS:
            record.model_rebuild()


def _validate(
    model: type[Arrangement] | type[Registry], parsed: Parsed, limits: Limits = DEFAULT_LIMITS
) -> Arrangement | Registry:
    _build_contributed_first(model, parsed)
    try:
        if parsed.json_text is not None:
            return model.model_validate_json(parsed.json_text)
        return model.model_validate(parsed.data)
    except ValidationError as error:
        count = error.error_count()
        if count <= limits.max_problems:
            data = parsed.full_data()
            if parsed.json_text is not None:
                # map the errors against the Python tree, whose locations the locator knows
                try:
                    model.model_validate(data)
                except ValidationError as again:
                    error = again
            raise ArrangementsFileError(
                problems_from_validation(error, data, parsed.locator, model)
            ) from None
    # out of the handler, so that the first errors (perhaps millions) are freed
    problems = first_problems(model, parsed.full_data(), parsed.locator, count, limits.max_problems)
    raise ArrangementsFileError(problems)


def load_data(
    source: Parsed | Path,
    *,
    categories: Collection[str] | None = None,
    resolve_references: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Loaded]:
    """Validate and resolve parsed data, or the file at a path: one arrangement, or a registry
    of several.

    With ``resolve_references=False`` the references are left for the caller to check (the
    plugin pipeline checks them once the plugins have added their organisations).
    """
    parsed = source if isinstance(source, Parsed) else parse_file(source, limits)
    data: Mapping[str, Any] = parsed.data
    if "arrangements" in data and "id" not in data:
        registry = _validate(Registry, parsed, limits)
        assert isinstance(registry, Registry)
        loaded = [
            Loaded(arr, parsed.locator, ("arrangements", i))
            for i, arr in enumerate(registry.arrangements)
        ]
    else:
        arr = _validate(Arrangement, parsed, limits)
        assert isinstance(arr, Arrangement)
        loaded = [Loaded(arr, parsed.locator)]
    problems: list[Problem] = []
    for item in loaded if resolve_references else ():
        problems.extend(resolve(item.arrangement, item, categories=categories))
    if problems:
        raise ArrangementsFileError(problems)
    return loaded


load_path = load_data
"""Load one file: an arrangement or a registry of arrangements (:func:`load_data` of a path)."""


def load_arrangement(path: str | Path, *, categories: Collection[str] | None = None) -> Arrangement:
    """Load one arrangement from a YAML, TOML or JSON file.

    Raises :class:`~safeguarding_partnership.errors.ArrangementsFileError` with every problem
    located by file, line, column and field.
    """
    loaded = load_path(Path(path), categories=categories)
    if len(loaded) != 1:
        raise ArrangementsFileError.single(
            str(path), f"expected one arrangement, found {len(loaded)}"
        )
    return loaded[0].arrangement


NOT_ARRANGEMENTS = frozenset({"pyproject.toml", CONFIG_FILE})
"""Files a folder may hold beside its arrangements that are never arrangements: the
configuration (see :mod:`.io.config`)."""


def arrangement_files(folder: Path) -> list[Path]:
    """The arrangements files in a folder (recursively), sorted; hidden files and folders
    (such as a render's temporary folder), the configuration files (:data:`NOT_ARRANGEMENTS`)
    and the files ``render`` wrote (those its manifest lists, see :mod:`.io.manifest`) are left
    out: output is never read back as input."""
    return folder_inputs(folder)[0]


def _core_format(name: str) -> bool:
    return format_of(Path(name)) is not None and name not in NOT_ARRANGEMENTS


def folder_inputs(
    folder: Path, wanted: Callable[[str], bool] = _core_format
) -> tuple[list[Path], list[ArrangementsFileError]]:
    """The input files in a folder and its sub-folders whose names ``wanted`` accepts
    (by default: a suffix of a core format), sorted; and a located problem for each entry
    of such a name that cannot be read as one, as it would be named directly.

    Hidden files and folders (``.name``) are left out, and so are the files ``render`` wrote
    (those the tool's manifest lists): output is never read back as input. Links are followed
    only to regular files inside the folder: a link leading out of the folder is reported and
    not followed, and so is a link to nothing; links to folders are not followed. A FIFO,
    socket or device is reported, never opened. A sub-folder that cannot be listed is reported."""
    root = folder.resolve()
    files: list[Path] = []
    problems: list[ArrangementsFileError] = []
    written: set[Path] = set()

    def problem(path: Path, message: str) -> None:
        problems.append(ArrangementsFileError.single(str(path), message))

    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problem(current, f"cannot read folder: {exc.strerror}")
            continue
        if any(entry.name == MANIFEST_NAME for entry in entries):  # seen before its sub-folders
            written.update(current.joinpath(*name.split("/")) for name in written_names(current))
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
                continue
            if not wanted(entry.name) or path in written:
                continue
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    problem(path, "a link to nothing")
                    continue
                if not target.is_relative_to(root):
                    problem(path, f"a link to a file outside the folder; not followed ({target})")
                    continue
            try:
                regular_file(path)
            except ArrangementsFileError as exc:
                problems.append(exc)
                continue
            files.append(path)
    return sorted(files), problems


def load(
    path: Path,
    *,
    categories: Collection[str] | None = None,
    limits: Limits | None = None,
    resolve_references: bool = True,
) -> Iterator[Loaded | ArrangementsFileError]:
    """Load a file or every file in a folder, yielding each arrangement or each file's error.

    ``limits`` default to :meth:`Limits.from_env` (``SP_MAX_FILE_BYTES``).
    """
    limits = limits or Limits.from_env()
    problems: dict[Path, ArrangementsFileError] = {}
    if path.is_dir():
        files, found = folder_inputs(path)
        if not files and not found:
            yield ArrangementsFileError.single(
                str(path), "no .yaml, .yml, .toml or .json files here"
            )
        problems = {Path(p.location.file): p for p in found}
    else:
        files = [path]
    for file in sorted([*files, *problems]):
        if file in problems:
            yield problems[file]
            continue
        try:
            yield from load_path(
                file, categories=categories, limits=limits, resolve_references=resolve_references
            )
        except ArrangementsFileError as exc:
            yield exc
