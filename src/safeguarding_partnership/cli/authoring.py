"""``init`` and ``diff``: start an arrangements file, and say what changed in one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    pass

from safeguarding_partnership.cli.app import cli
from safeguarding_partnership.cli.options import (
    INPUT_FILE,
    as_of_option,
    choice_option,
    input_limits,
    max_bytes_option,
    output_file_option,
)

__all__ = ["diff_command", "init_command"]


@cli.command("init")
@click.option(
    "--area",
    "areas",
    multiple=True,
    required=True,
    metavar="ONS_CODE",
    help="An upper-tier area of the footprint, e.g. E09000016 (repeatable).",
)
@as_of_option("Name the safeguarding partners of this day (default: today).")
@click.option("--name", default=None, help="The partnership's name (default: from the areas).")
@output_file_option(
    "--out", "out", help="YAML file to write (default: ID.yaml here); never overwritten."
)
def init_command(areas: Sequence[str], as_of: dt.date, name: str | None, out: Path | None) -> None:
    """Start an arrangements file: the areas and the safeguarding partners on a day.

    Each area's council, every ICB (or CCG before 1 July 2022) and every chief officer of
    police covering any part of the footprint, with ONS and ODS codes, from the packaged
    reference data; the rest is left for you, with a pointer to what the guidance asks.
    """
    from safeguarding_partnership.authoring.start import starter, write_starter

    made = starter(areas, as_of, name=name)
    target = out or Path(f"{made.id}.yaml")
    write_starter(target, made)
    click.echo(
        f"wrote {target}; next: safeguarding-partnership check {target} --as-of {as_of}", err=True
    )


@cli.command("diff")
@click.argument("old", type=INPUT_FILE)
@click.argument("new", type=INPUT_FILE, required=False)
@click.option(
    "--rev",
    "revisions",
    metavar="A..B",
    default=None,
    help="Compare OLD at two git revisions (A.. compares revision A with the file now).",
)
@choice_option(
    "--format",
    "fmt",
    choices=["text", "markdown", "json"],
    default="text",
    help="markdown is ready to paste into a 'what changed' section.",
)
@max_bytes_option
def diff_command(
    old: Path, new: Path | None, revisions: str | None, fmt: str, max_bytes: int | None
) -> None:
    """What changed between two versions of an arrangements file: OLD and NEW, or OLD at two
    git revisions (--rev). Names marked publish_name: false are never shown."""
    from safeguarding_partnership.authoring.changelog import changelog, render
    from safeguarding_partnership.authoring.versions import at_revision, from_file, revision_range

    limits = input_limits(max_bytes)
    if (new is None) == (revisions is None):
        raise click.UsageError("give two files (OLD NEW), or one file and --rev A..B")
    if revisions is not None:
        first, second = revision_range(revisions)
        before, after = (
            at_revision(old, first, limits),
            (at_revision(old, second, limits) if second else from_file(old, limits)),
        )
        labels = (f"{old.name} at {first}", f"{old.name} at {second}" if second else old.name)
    else:
        assert new is not None
        before, after = from_file(old, limits), from_file(new, limits)
        labels = (str(old), str(new))
    click.echo(render(changelog(before, after, *labels), fmt), nl=False)
