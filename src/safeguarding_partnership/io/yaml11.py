"""YAML 1.1 booleans written without quotes (``no``, ``yes``, ``on``, ``off``, any case).

The loader reads YAML 1.2, where ``no`` is the text "no". Tools that read YAML 1.1 (PyYAML,
and so many scripts and editors) read it as false. So one file would mean two things: an
unquoted ``no`` is refused, located, with the hint to quote it for text or to write ``false``
for a yes-or-no field. Quoted (``'no'``) it is text everywhere.
"""

from __future__ import annotations

from typing import Any

from safeguarding_partnership.errors import ArrangementsFileError, Location, Problem
from safeguarding_partnership.io.locations import PathPart, format_path, index_ruamel

__all__ = ["AMBIGUOUS", "refuse_ambiguous_booleans", "watch_for_ambiguous_booleans"]

AMBIGUOUS = frozenset({"yes", "no", "on", "off"})
"""Words YAML 1.1 reads as booleans and YAML 1.2 as text (compared in lower case)."""

_SEEN = "_sp_ambiguous_booleans"


def watch_for_ambiguous_booleans(constructor: type[Any]) -> None:
    """Make a ruamel round-trip constructor class note every plain (unquoted) scalar that is
    one of :data:`AMBIGUOUS`, with where it stands."""
    build = constructor.construct_yaml_str

    def construct(self: Any, node: Any) -> Any:
        value = build(self, node)
        if node.style is None and isinstance(value, str) and value.lower() in AMBIGUOUS:
            mark = node.start_mark
            seen: list[tuple[str, int, int]] = self.__dict__.setdefault(_SEEN, [])
            seen.append((value, mark.line + 1, mark.column + 1))
        return value

    constructor.add_constructor("tag:yaml.org,2002:str", construct)


def refuse_ambiguous_booleans(name: str, constructor: Any, data: Any) -> None:
    """Raise :class:`~.errors.ArrangementsFileError` for each word the constructor noted in
    ``data`` (what it built), each with its field path."""
    seen: list[tuple[str, int, int]] = constructor.__dict__.pop(_SEEN, [])
    if not seen:
        return
    paths = {(vl, vc): path for path, (_, _, vl, vc) in index_ruamel(data).items()}
    paths.update({(kl, kc): path for path, (kl, kc, _, _) in index_ruamel(data).items()})
    raise ArrangementsFileError(
        [
            _problem(name, word, line, column, paths.get((line, column), ()))
            for word, line, column in seen
        ]
    )


def _problem(name: str, word: str, line: int, column: int, path: tuple[PathPart, ...]) -> Problem:
    boolean = "true" if word.lower() in ("yes", "on") else "false"
    return Problem(
        Location(name, line, column),
        format_path(path),
        f"{word} without quotes is text in YAML 1.2 but {boolean} in YAML 1.1: write '{word}' "
        "in quotes for text, or true or false for a yes-or-no field",
    )
