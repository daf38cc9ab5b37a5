"""``check``: load, resolve and check arrangements files against the rules."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from safeguarding_partnership.errors import ExitCode
from safeguarding_partnership.io.formats import CHECK_FORMATS

if TYPE_CHECKING:
    pass

from safeguarding_partnership.cli.app import cli
from safeguarding_partnership.cli.options import (
    INPUT_FILE,
    as_of_option,
    choice_option,
    comma_list,
    flag,
    input_limits,
    max_bytes_option,
    plugin_option,
    waiver_list,
)

__all__ = ["check"]


@cli.command()
@click.argument(
    "paths",
    metavar="PATH...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, allow_dash=True, path_type=Path),
)
@as_of_option(
    "Check the rules in force on this day (default: the configuration's as-of, else each "
    "file's as_at, else today).",
    optional=True,
)
@choice_option(
    "--format",
    "fmt",
    choices=CHECK_FORMATS,
    default=None,
    help="How to print findings (default: the configuration's output-format, or human; text "
    "is human; csv: one row each, safe to open in a spreadsheet; github: workflow commands; "
    "gitlab: code-quality JSON).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODE[,CODE...]",
    callback=comma_list,
    help="Run only these rules or prefixes (replaces the configuration's select).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE=REASON[,CODE=REASON...]",
    callback=waiver_list,
    help="Do not run a rule or prefix; the reason is required and shown (adds to the "
    "configuration's ignore).",
)
@flag(
    "--include-not-commenced",
    help="Also run rules of law not yet in force (Children's Wellbeing and Schools Act 2026).",
)
@flag("--include-preview", help="Also run preview rules.")
@click.option(
    "--quiet",
    "-q",
    count=True,
    help="Print findings only: no headings and no summary (-qq: print nothing, as --silent).",
)
@flag("--silent", "-s", help="Print nothing; the exit status still tells.")
@flag(
    "--verbose", "-v", help="Also describe each arrangement and list what the file does not record."
)
@flag(
    "--show-unknown", help="List each fact the file does not record (by default they are counted)."
)
@choice_option(
    "--min-severity",
    choices=["error", "warning", "info"],
    default=None,
    help="Leave out findings below this severity, in every format (default: info; for "
    "sarif, warning). The exit status is the same.",
)
@flag(
    "--sarif-include-info",
    help="With --format sarif, also give information findings as results (notes).",
)
@flag(
    "--england",
    help="PATH is all of England: also check every upper-tier area is covered (REGISTRY-001).",
)
@flag(
    "--fix",
    help="First update the file for reorganisations by the --as-of day (successor bodies, codes "
    "of bodies named without them), keeping its comments and layout; YAML files only.",
)
@flag("--diff", "show_diff", help="Print what --fix would change; write nothing.")
@click.option(
    "--config",
    "config_path",
    type=INPUT_FILE,
    default=None,
    help="Read options from this file (default: the nearest pyproject.toml with a "
    "[tool.safeguarding-partnership] table, or safeguarding-partnership.toml, at or above "
    "the first PATH).",
)
@flag(
    "--exit-zero",
    help="Exit 0 even when there are findings (input errors and incomplete runs still fail).",
)
@choice_option(
    "--fail-on",
    choices=["error", "warning"],
    default="error",
    help="The lowest severity of finding that makes the exit status 1.",
)
@flag("--statistics", help="Print the number of findings of each rule instead of the findings.")
@click.option(
    "--stdin-filename",
    metavar="NAME",
    default=None,
    help="With PATH '-': the name standard input is shown under; its suffix picks the "
    "parser (default: stdin.yaml).",
)
@plugin_option
@max_bytes_option
def check(
    paths: Sequence[Path],
    as_of: dt.date | None,
    fmt: str | None,
    select: Sequence[str],
    ignore: Sequence[tuple[str, str]],
    include_not_commenced: bool,
    include_preview: bool,
    quiet: int,
    silent: bool,
    verbose: bool,
    show_unknown: bool,
    min_severity: str | None,
    sarif_include_info: bool,
    england: bool,
    fix: bool,
    show_diff: bool,
    config_path: Path | None,
    exit_zero: bool,
    fail_on: str,
    statistics: bool,
    stdin_filename: str | None,
    plugin_specs: Sequence[str],
    max_bytes: int | None,
) -> None:
    """Load each PATH (a file, a folder of files, or - for standard input), resolve it and
    check it against the rules.

    With --fix, a file the reference data shows out of date that cannot be fixed (a split,
    a file that does not round-trip) makes the exit status at least 1.
    """
    from contextlib import ExitStack

    from safeguarding_partnership.io.config import discover, selection_for
    from safeguarding_partnership.io.parse import format_of
    from safeguarding_partnership.io.stdin import DEFAULT_STDIN_NAME, stdin_as_file
    from safeguarding_partnership.model import Waiver
    from safeguarding_partnership.output.renamed import renamed
    from safeguarding_partnership.output.statistics import problem_lines, render_statistics
    from safeguarding_partnership.output.status import exit_status
    from safeguarding_partnership.output.text import render_check
    from safeguarding_partnership.pipeline import check_path
    from safeguarding_partnership.progress import wanted

    if sum(1 for p in paths if str(p) == "-") > 1:
        raise click.UsageError("standard input (-) can be read only once")
    stdin_name = stdin_filename or DEFAULT_STDIN_NAME
    found = discover(
        [Path(stdin_name) if str(p) == "-" else p for p in paths], explicit=config_path
    )
    config = found.config
    # neither given: each file is checked as of its own as_at, else today (in check_path)
    day = as_of or config.as_of
    today = dt.date.today()
    unfixed = False
    if fix or show_diff:
        from safeguarding_partnership.authoring.fix import fix_path, fix_report

        fixed = [
            result
            for path in paths
            if str(path) != "-"
            for result in fix_path(
                path, day or today, write=not show_diff, limits=input_limits(max_bytes)
            )
        ]
        click.echo(fix_report(fixed), nl=False, err=True)
        if show_diff:
            click.echo("".join(result.diff() for result in fixed), nl=False)
            sys.exit(ExitCode.FINDINGS if any(r.pending for r in fixed) else ExitCode.OK)
        unfixed = any(r.pending for r in fixed)
    fmt = fmt or config.output_format or "human"
    if statistics and fmt not in ("human", "text", "json"):
        raise click.UsageError("--statistics prints text or json: use --format text or json")
    limits = input_limits(max_bytes)
    names: dict[str, str] = {}
    with ExitStack() as stack:
        inputs = []
        for path in paths:
            if str(path) == "-":
                stream = sys.stdin.buffer
                path = stack.enter_context(
                    stdin_as_file(stream, stdin_name, limits.bytes_for(format_of(Path(stdin_name))))
                )
                names[str(path)] = stdin_name
            inputs.append(path)
        per_file = selection_for(
            found,
            select=select,
            ignore=[Waiver(rule=code, reason=reason) for code, reason in ignore],
            include_preview=include_preview,
            include_not_commenced=include_not_commenced,
        )
        run = check_path(
            inputs,
            as_of=day,
            default_as_of=today,
            selection=lambda file: per_file(names.get(file, file)),
            plugins=(*found.plugin_specs(), *plugin_specs),
            england=england,
            progress=any(wanted(p) for p in inputs),
            limits=limits,
            settings={"core": config.core} if config.core else None,
        )
    run = renamed(run, names)
    if statistics:
        for line in problem_lines(run):
            click.echo(line, err=True)
        click.echo(render_statistics(run, "json" if fmt == "json" else "text"), nl=False)
    elif fmt == "json" and not (silent or quiet >= 2):
        # written a piece at a time (what render_check gives): a national check's is 10 MB
        from safeguarding_partnership.findings import Severity
        from safeguarding_partnership.output.text import check_json_pieces

        minimum = Severity(min_severity) if min_severity is not None else Severity.INFO
        for piece in check_json_pieces(run, min_severity=minimum):
            click.echo(piece, nl=False)
    else:
        if sarif_include_info and min_severity is None:
            min_severity = "info"
        text = render_check(
            run,
            "human" if fmt == "text" else fmt,
            quiet=quiet >= 1,
            silent=silent or quiet >= 2,
            verbose=verbose,
            show_unknown=show_unknown,
            min_severity=min_severity,
        )
        click.echo(text, nl=False)
    status = exit_status(run, fail_on=fail_on, exit_zero=exit_zero)
    sys.exit(status or (ExitCode.FINDINGS if unfixed and not exit_zero else ExitCode.OK))
