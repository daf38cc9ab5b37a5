"""Options and value parsers the commands share."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from safeguarding_partnership.io.parse import Limits

__all__ = [
    "FOLDER",
    "INPUT_FILE",
    "OUTPUT_FILE",
    "as_of_option",
    "choice_option",
    "comma_list",
    "flag",
    "folder_option",
    "input_limits",
    "json_option",
    "max_bytes_option",
    "optional_date",
    "output_file_option",
    "parse_date",
    "plugin_option",
    "waiver_list",
]


_F = TypeVar("_F", bound=Callable[..., Any])

FOLDER = click.Path(file_okay=False, path_type=Path)
"""A folder to write into (made if missing)."""
INPUT_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
"""A file that must exist."""
OUTPUT_FILE = click.Path(dir_okay=False, path_type=Path)
"""A file to write."""


def flag(*names: str, help: str) -> Callable[[_F], _F]:
    """An on/off option, off unless given."""
    return click.option(*names, is_flag=True, help=help)


def choice_option(
    *names: str, choices: Sequence[str], default: str | None = None, help: str
) -> Callable[[_F], _F]:
    """An option taking one of ``choices``; a ``default`` given is shown in ``--help``."""
    return click.option(
        *names,
        type=click.Choice(choices),
        default=default,
        show_default=default is not None,
        help=help,
    )


def folder_option(*names: str, default: Path | None = None, help: str) -> Callable[[_F], _F]:
    """An option naming a folder to write into (:data:`FOLDER`); a ``default`` given is shown
    in ``--help``."""
    return click.option(
        *names, type=FOLDER, default=default, show_default=default is not None, help=help
    )


def output_file_option(*names: str, required: bool = False, help: str) -> Callable[[_F], _F]:
    """An option naming a file to write (:data:`OUTPUT_FILE`); ``None`` when left out and not
    ``required``."""
    return click.option(*names, type=OUTPUT_FILE, default=None, required=required, help=help)


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    """A day written exactly ``YYYY-MM-DD`` (not ``20240601``, not a week date), inside the
    window of dates this tool reads."""
    from safeguarding_partnership.model.dates import EARLIEST, LATEST

    if value is None:
        return dt.date.today()
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
    if not EARLIEST <= day <= LATEST:
        raise click.BadParameter(
            f"{value} is not between {EARLIEST} and {LATEST}, the dates this tool reads"
        )
    return day


def as_of_option(text: str, *, optional: bool = False) -> Callable[[_F], _F]:
    """``--as-of YYYY-MM-DD``, with ``text`` saying what the day means to the command. Left
    out, the day is today, or ``None`` when ``optional`` (the command then finds its own)."""
    return click.option(
        "--as-of",
        "as_of",
        callback=optional_date if optional else parse_date,
        metavar="YYYY-MM-DD",
        help=text,
    )


def max_bytes_option(function: Any) -> Any:
    return click.option(
        "--max-bytes",
        "max_bytes",
        type=click.IntRange(min=1),
        default=None,
        metavar="BYTES",
        help=(
            "Refuse input files larger than this (default: SP_MAX_FILE_BYTES, else each"
            " format's own limit: YAML 256 KiB, TOML 4 MiB, JSON 32 MiB)."
        ),
    )(function)


json_option = flag("--json", "as_json", help="Print JSON instead of text.")

plugin_option = click.option(
    "--plugin",
    "plugin_specs",
    multiple=True,
    metavar="PATH_OR_MODULE",
    help="Also use this plugin: a .py file, an installed plugin or a module (repeatable).",
)


def input_limits(max_bytes: int | None) -> Limits:
    from safeguarding_partnership.io.parse import Limits

    limits = Limits.from_env()
    return limits if max_bytes is None else limits.with_max_bytes(max_bytes)


def optional_date(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> dt.date | None:
    return None if value is None else parse_date(_ctx, _param, value)


def comma_list(_ctx: click.Context, _param: click.Parameter, values: Sequence[str]) -> list[str]:
    """``--select PUB-,SCRUT-`` (repeatable too): the codes, in order."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


_NEXT_WAIVER = re.compile(r",(?=\s*[A-Z][A-Z0-9]*(?:-[A-Z0-9]*)?\s*(?:=|,|$))")
"""A comma starts another waiver only where a rule code or prefix (capitals, digits and a
dash) follows it, then ``=``, another comma or the end; any other comma is in a reason."""


def waiver_list(
    _ctx: click.Context, _param: click.Parameter, values: Sequence[str]
) -> list[tuple[str, str]]:
    """``--ignore PUB-011=reason,SCRUT-=reason``: each waiver with its reason; any other
    comma belongs to a reason."""
    waivers = []
    for value in values:
        for item in _NEXT_WAIVER.split(value):
            code, sep, reason = item.partition("=")
            if not sep or not reason.strip() or not code.strip():
                raise click.BadParameter(
                    f"{item!r}: give each rule a reason, as CODE=REASON[,CODE=REASON...]"
                )
            waivers.append((code.strip(), reason.strip()))
    return waivers
