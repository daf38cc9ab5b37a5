"""The exception hierarchy.

Every error the library raises on purpose is a :class:`SafeguardingPartnershipError`.
The command line maps each to a documented exit code and prints its message; it never
prints a traceback for one of these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArrangementsFileError",
    "ConfigError",
    "ExitCode",
    "InputLimitError",
    "Location",
    "OutputError",
    "PluginConflictError",
    "PluginError",
    "PluginHookError",
    "PluginLoadError",
    "Problem",
    "SafeguardingPartnershipError",
    "UnknownRuleError",
    "did_you_mean",
    "text_bytes",
]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``candidates``, or ``""``."""
    import difflib  # only a refusal needs it

    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def text_bytes(text: str) -> bytes:
    """``text`` as UTF-8, for hashing or quoting text that may hold a file name: a name's bytes
    that are not UTF-8 (which Python reads as lone surrogates, U+DC80-U+DCFF) are given back
    as they were, and any other lone surrogate is kept as its code (never an error)."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


class ExitCode:
    """Exit codes of the ``safeguarding-partnership`` command (documented in the CLI reference)."""

    OK = 0
    """The check ran in full and found nothing at error level."""
    FINDINGS = 1
    """The check ran in full and found at least one error-level finding."""
    INPUT = 2
    """Input or usage error: the file could not be loaded, or the command was misused."""
    INCOMPLETE = 3
    """A plugin failed: the run is incomplete, so its answer cannot be trusted."""
    OUTPUT = 4
    """Output could not be written (it would overwrite something, or leave the output folder)."""


@attrs.frozen
class Location:
    """Where something is in an input file. ``line`` and ``column`` count from 1."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@attrs.frozen
class Problem:
    """One problem found while loading: where, which field, what is wrong."""

    location: Location
    path: str
    message: str

    def __str__(self) -> str:
        field = f" {self.path}:" if self.path else ""
        return f"{self.location}:{field} {self.message}"


class SafeguardingPartnershipError(Exception):
    """Base class of every error raised on purpose by the library."""

    exit_code: int = ExitCode.INPUT


class ArrangementsFileError(SafeguardingPartnershipError, ValueError):
    """An arrangements file (or other input file) could not be loaded.

    Carries every problem found, each located by file, line, column and field path.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls,
        file: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        path: str = "",
    ) -> ArrangementsFileError:
        return cls([Problem(Location(file, line, column), path, message)])

    @property
    def location(self) -> Location:
        return self.problems[0].location


class ConfigError(ArrangementsFileError):
    """A configuration file (``[tool.safeguarding-partnership]`` in ``pyproject.toml``, or a
    ``safeguarding-partnership.toml``) could not be read: every problem located."""


class InputLimitError(ArrangementsFileError):
    """An input was refused because it breaks a safety limit (size, nesting, aliases)."""


class UnknownRuleError(SafeguardingPartnershipError, KeyError):
    """A rule code was selected or ignored that no registered rule has."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown rule"


class PluginError(SafeguardingPartnershipError):
    """Something went wrong with a plugin (``plugin`` and ``hook`` name it, when known)."""

    exit_code = ExitCode.INCOMPLETE
    plugin: str | None = None
    hook: str | None = None


class PluginLoadError(PluginError):
    """A plugin could not be loaded (broken import, unknown hook name).

    A plugin that is not installed at all is an input error (exit 2), not a fault."""

    def __init__(
        self, message: str, *, plugin: str | None = None, exit_code: int | None = None
    ) -> None:
        super().__init__(message)
        self.plugin = plugin
        if exit_code is not None:
            self.exit_code = exit_code


class PluginConflictError(PluginError):
    """Two providers contributed the same ``key``: ``providers``, sorted."""

    def __init__(self, message: str, *, key: str, providers: tuple[str, str]) -> None:
        super().__init__(message)
        self.key = key
        self.providers = providers


class PluginHookError(PluginError):
    """A plugin's hook raised or returned the wrong type."""

    def __init__(self, plugin: str, hook: str, message: str) -> None:
        self.plugin = plugin
        self.hook = hook
        super().__init__(f"plugin {plugin!r} failed in hook {hook}: {message}")


class OutputError(SafeguardingPartnershipError, OSError):
    """Output could not be written safely."""

    exit_code = ExitCode.OUTPUT
