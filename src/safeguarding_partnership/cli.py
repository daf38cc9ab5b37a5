"""The ``safeguarding-partnership`` command line. Thin: it parses options and prints.

Heavy modules are imported inside commands, so ``--version`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from safeguarding_partnership._version import __version__
from safeguarding_partnership.errors import ExitCode, SafeguardingPartnershipError
from safeguarding_partnership.io.formats import CHECK_FORMATS

if TYPE_CHECKING:
    from safeguarding_partnership.io.parse import Limits

__all__ = ["cli", "main"]


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _max_bytes_option(function: Any) -> Any:
    return click.option(
        "--max-bytes",
        "max_bytes",
        type=click.IntRange(min=1),
        default=None,
        metavar="BYTES",
        help="Refuse input files larger than this (default: SP_MAX_FILE_BYTES, else 64 MiB).",
    )(function)


_plugin_option = click.option(
    "--plugin",
    "plugin_specs",
    multiple=True,
    metavar="PATH_OR_MODULE",
    help="Also use this plugin: a .py file, an installed plugin or a module (repeatable).",
)


def _limits(max_bytes: int | None) -> Limits:
    import attrs

    from safeguarding_partnership.io.parse import Limits

    limits = Limits.from_env()
    return limits if max_bytes is None else attrs.evolve(limits, max_bytes=max_bytes)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="safeguarding-partnership")
def cli() -> None:
    """Check and publish multi-agency safeguarding arrangements for children (England).

    Exit codes: 0 clean; 1 error-level findings; 2 input or usage error; 3 incomplete run
    (a plugin or rule failed); 4 output could not be written safely.
    """


def _optional_date(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> dt.date | None:
    return None if value is None else _parse_date(_ctx, _param, value)


def _comma_list(_ctx: click.Context, _param: click.Parameter, values: Sequence[str]) -> list[str]:
    """``--select PUB-,SCRUT-`` (repeatable too): the codes, in order."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


_NEXT_WAIVER = re.compile(r",(?=\s*[A-Z][A-Z0-9]*(?:-[A-Z0-9]*)?\s*(?:=|,|$))")
"""A comma starts another waiver only where a rule code or prefix (capitals, digits and a
dash) follows it, then ``=``, another comma or the end; any other comma is in a reason."""


def _waiver_list(
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


@cli.command()
@click.argument(
    "paths",
    metavar="PATH...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, allow_dash=True, path_type=Path),
)
@click.option(
    "--as-of",
    "as_of",
    callback=_optional_date,
    metavar="YYYY-MM-DD",
    help="Check the rules in force on this day (default: the configuration's as-of, else "
    "each file's as_at, else today).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default=None,
    help="How to print findings (default: the configuration's output-format, or human; text "
    "is human; csv: one row each, safe to open in a spreadsheet; github: workflow commands; "
    "gitlab: code-quality JSON).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODE[,CODE...]",
    callback=_comma_list,
    help="Run only these rules or prefixes (replaces the configuration's select).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE=REASON[,CODE=REASON...]",
    callback=_waiver_list,
    help="Do not run a rule or prefix; the reason is required and shown (adds to the "
    "configuration's ignore).",
)
@click.option(
    "--include-not-commenced",
    is_flag=True,
    help="Also run rules of law not yet in force (Children's Wellbeing and Schools Act 2026).",
)
@click.option("--include-preview", is_flag=True, help="Also run preview rules.")
@click.option(
    "--quiet",
    "-q",
    count=True,
    help="Print findings only: no headings and no summary (-qq: print nothing, as --silent).",
)
@click.option("--silent", "-s", is_flag=True, help="Print nothing; the exit status still tells.")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also describe each arrangement and list what the file does not record.",
)
@click.option(
    "--show-unknown",
    is_flag=True,
    help="List each fact the file does not record (by default they are counted).",
)
@click.option(
    "--min-severity",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Leave out findings below this severity, in every format (default: info; for "
    "sarif, warning). The exit status is the same.",
)
@click.option(
    "--sarif-include-info",
    is_flag=True,
    help="With --format sarif, also give information findings as results (notes).",
)
@click.option(
    "--england",
    is_flag=True,
    help="PATH is all of England: also check every upper-tier area is covered (REGISTRY-001).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="First update the file for reorganisations by the --as-of day (successor bodies, codes "
    "of bodies named without them), keeping its comments and layout; YAML files only.",
)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print what --fix would change; write nothing."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Read options from this file (default: the nearest pyproject.toml with a "
    "[tool.safeguarding-partnership] table, or safeguarding-partnership.toml, at or above "
    "the first PATH).",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when there are findings (input errors and incomplete runs still fail).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="The lowest severity of finding that makes the exit status 1.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print the number of findings of each rule instead of the findings.",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    default=None,
    help="With PATH '-': the name standard input is shown under; its suffix picks the "
    "parser (default: stdin.yaml).",
)
@_plugin_option
@_max_bytes_option
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
                path, day or today, write=not show_diff, limits=_limits(max_bytes)
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
    limits = _limits(max_bytes)
    names: dict[str, str] = {}
    with ExitStack() as stack:
        inputs = []
        for path in paths:
            if str(path) == "-":
                stream = sys.stdin.buffer
                path = stack.enter_context(stdin_as_file(stream, stdin_name, limits.max_bytes))
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


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "formats",
    multiple=True,
    required=True,
    metavar="NAME",
    help="Format to write (repeatable): arrangements, yearly-report, structure, calendar, "
    "findings, a plugin's format, or all.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder to write into.",
)
@click.option(
    "--as-of", "as_of", callback=_parse_date, metavar="YYYY-MM-DD", help="Render as of this day."
)
@click.option("--force", is_flag=True, help="Replace files this tool did not write, or changed.")
@click.option("--redact", is_flag=True, help="Leave out every person's name.")
@click.option(
    "--fragment",
    is_flag=True,
    help="Write each HTML page as its content only, to embed in another site's page.",
)
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of templates that replace the packaged ones of the same name.",
)
@_plugin_option
@_max_bytes_option
def render(
    path: Path,
    formats: Sequence[str],
    out_dir: Path,
    as_of: dt.date,
    force: bool,
    redact: bool,
    fragment: bool,
    template_dir: Path | None,
    plugin_specs: Sequence[str],
    max_bytes: int | None,
) -> None:
    """Check PATH as of a day and write the chosen formats into the output folder.

    Names marked ``publish_name: false`` never reach a public format. A file in the folder
    that this tool did not write, or that was changed since, is replaced only with --force.
    """
    from safeguarding_partnership.output.text import render_check
    from safeguarding_partnership.pipeline import UnknownFormatError, render_path
    from safeguarding_partnership.reports.format import RenderOptions

    try:
        done = render_path(
            path,
            formats,
            out_dir,
            as_of=as_of,
            force=force,
            redact=redact,
            plugins=tuple(plugin_specs),
            limits=_limits(max_bytes),
            options=RenderOptions(fragment=fragment, template_dir=template_dir),
        )
    except UnknownFormatError as exc:
        raise click.UsageError(str(exc)) from None
    if done.stopped:
        click.echo(render_check(done.check, "human", quiet=True), nl=False, err=True)
        sys.exit(done.exit_code)
    for written in done.written:
        click.echo(f"wrote {written}")


@cli.command()
@click.option(
    "--draft",
    type=click.Choice(["draft-07", "2020-12"]),
    default="draft-07",
    show_default=True,
    help="The JSON Schema draft to declare (editors read draft-07 best).",
)
@click.option(
    "--config",
    "of_config",
    is_flag=True,
    help="Print the schema of the configuration file ([tool.safeguarding-partnership]).",
)
def schema(draft: str, of_config: bool) -> None:
    """Print the JSON Schema of the arrangements file (or the configuration), for editors."""
    if of_config:
        import json

        from safeguarding_partnership.io.config import config_schema

        click.echo(json.dumps(config_schema(draft), indent=2, sort_keys=True))
        return
    from safeguarding_partnership.pipeline import arrangement_schema_text

    click.echo(arrangement_schema_text(draft), nl=False)


@cli.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--coverage",
    is_flag=True,
    help="Count the catalogue entries implemented and not implemented, with reasons.",
)
def rules_command(as_json: bool, coverage: bool) -> None:
    """List the rules (the core's and installed plugins'), or the catalogue's coverage."""
    import json

    if coverage:
        from safeguarding_partnership.rules.coverage import catalogue_coverage, coverage_lines

        cov = catalogue_coverage()
        if as_json:
            click.echo(json.dumps(cov.as_data(), indent=2))
        else:
            click.echo("\n".join(coverage_lines(cov)))
        return
    from safeguarding_partnership.output.rules import render_rules
    from safeguarding_partnership.pipeline import installed_rules

    found = installed_rules()
    for failure in found.warnings:
        click.echo(f"warning: {failure}", err=True)
    click.echo(render_rules(found.rules, "json" if as_json else "human"), nl=False)


@cli.command("rule")
@click.argument("code")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print it: text (Markdown) or JSON.",
)
def rule_command(code: str, fmt: str) -> None:
    """Explain the rule CODE: what it checks, its citation with links, its examples.

    Any rule of the core or of an installed plugin, the engine's (SP-001) and the registry's.
    An unknown code exits with status 2, naming the nearest codes.
    """
    from safeguarding_partnership.output.rules import explain_rule, explainable_rules, find_rule
    from safeguarding_partnership.pipeline import installed_rules

    found = installed_rules()
    for failure in found.warnings:
        click.echo(f"warning: {failure}", err=True)
    rule = find_rule(code, explainable_rules(found.rules))
    click.echo(explain_rule(rule, fmt), nl=False)


@cli.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def plugins_command(as_json: bool) -> None:
    """List installed plugins: name, distribution, version and the hooks each implements."""
    import json

    from safeguarding_partnership.plugins.manager import installed_plugins

    infos = installed_plugins()
    if as_json:
        click.echo(json.dumps([i.as_data() for i in infos], indent=2, sort_keys=True))
        return
    if not infos:
        click.echo("no plugins installed")
    for info in infos:
        dist = f"{info.distribution} {info.version}" if info.distribution else "unknown"
        click.echo(f"{info.name} ({dist}): {info.module}")
        if info.error:
            click.echo(f"warning: {info.error}", err=True)
        else:
            click.echo("  hooks: " + ", ".join(info.hooks))


@cli.command("new-plugin")
@click.argument("name")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the package (default: ./sp-NAME).",
)
def new_plugin(name: str, directory: Path | None) -> None:
    """Write a working plugin package for NAME, with tests, ready for `pip install -e`."""
    from safeguarding_partnership.plugins.scaffold import write_plugin

    written = write_plugin(name, directory)
    click.echo(f"wrote plugin {name!r} in {written}")
    click.echo(f"next: pip install -e {written} && pytest {written}")


def _with_plugin_commands(args: Sequence[str]) -> click.Group:
    """The command group to run: ours, or a copy with installed plugins' commands added when
    the command named is not one of ours (the real group is never changed)."""
    name = next((a for a in args if not a.startswith("-")), None)
    if name is None or name in cli.commands:
        return cli
    from safeguarding_partnership.pipeline import add_installed_commands

    group = click.Group(
        name=cli.name,
        commands=dict(cli.commands),
        callback=cli.callback,
        params=list(cli.params),
        help=cli.help,
        context_settings=cli.context_settings,
    )
    for failure in add_installed_commands(group):
        click.echo(f"warning: {failure}", err=True)
    return group


@cli.command("import-gias")
@click.argument(
    "csv_path", metavar="CSV", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--area", required=True, metavar="ONS_CODE", help="Upper-tier area, e.g. E09000016.")
@click.option(
    "--as-of",
    "as_of",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Keep establishments open on this day (default: today).",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML file to write; never overwritten.",
)
def import_gias(csv_path: Path, area: str, as_of: dt.date, out: Path) -> None:
    """Write the schools and colleges of an area, from a GIAS export, as a YAML fragment.

    The fragment has two lists, ``organisations`` and ``relevant_agencies``: paste them into
    the arrangements file's lists of the same names.
    """
    from safeguarding_partnership.pipeline import import_gias_fragment
    from safeguarding_partnership.reference import local_authorities

    if area not in local_authorities():
        raise click.BadParameter(
            f"{area!r} is not an upper-tier area of England", param_hint="--area"
        )
    written = import_gias_fragment(csv_path, area, as_of, out)
    click.echo(f"wrote {written} relevant agencies to {out}", err=True)


@cli.command("init")
@click.option(
    "--area",
    "areas",
    multiple=True,
    required=True,
    metavar="ONS_CODE",
    help="An upper-tier area of the footprint, e.g. E09000016 (repeatable).",
)
@click.option(
    "--as-of",
    "as_of",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Name the safeguarding partners of this day (default: today).",
)
@click.option("--name", default=None, help="The partnership's name (default: from the areas).")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="YAML file to write (default: ID.yaml here); never overwritten.",
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
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option(
    "--rev",
    "revisions",
    metavar="A..B",
    default=None,
    help="Compare OLD at two git revisions (A.. compares revision A with the file now).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="markdown is ready to paste into a 'what changed' section.",
)
@_max_bytes_option
def diff_command(
    old: Path, new: Path | None, revisions: str | None, fmt: str, max_bytes: int | None
) -> None:
    """What changed between two versions of an arrangements file: OLD and NEW, or OLD at two
    git revisions (--rev). Names marked publish_name: false are never shown."""
    from safeguarding_partnership.authoring.changelog import changelog, render
    from safeguarding_partnership.authoring.versions import at_revision, from_file, revision_range

    limits = _limits(max_bytes)
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


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line, turning the library's errors into messages and exit codes."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        group = _with_plugin_commands(args)
        group.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(ExitCode.INPUT)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.INPUT)
    except SafeguardingPartnershipError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
    except OSError as exc:  # reading is handled by the loader: this is a file being written
        where = f"{exc.filename}: " if exc.filename is not None else ""
        click.echo(f"error: {where}cannot write: {exc.strerror or exc}", err=True)
        sys.exit(ExitCode.OUTPUT)
    sys.exit(ExitCode.OK)
