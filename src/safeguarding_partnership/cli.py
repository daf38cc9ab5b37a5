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

if TYPE_CHECKING:
    from safeguarding_partnership.findings import Finding
    from safeguarding_partnership.io.parse import Limits
    from safeguarding_partnership.model import Arrangement
    from safeguarding_partnership.reports.format import ReportFormat

__all__ = ["cli", "main"]


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    from safeguarding_partnership.model.common import EARLIEST, LATEST

    if value is None:
        return dt.date.today()
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):  # not 20240601, not a week date
            raise ValueError(value)
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
    if not EARLIEST <= day <= LATEST:
        raise click.BadParameter(
            f"{value} is not between {EARLIEST} and {LATEST}, the dates this tool reads"
        )
    return day


def _max_bytes_option(function: Any) -> Any:
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


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Check the rules in force on this day (default: today).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json", "sarif", "csv"]),
    default="human",
    show_default=True,
    help="How to print findings (csv: one row each, safe to open in a spreadsheet).",
)
@click.option("--select", multiple=True, metavar="CODE", help="Run only these rules or prefixes.")
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE=REASON",
    help="Do not run a rule or prefix; the reason is required and shown.",
)
@click.option(
    "--include-not-commenced",
    is_flag=True,
    help="Also run rules of law not yet in force (Children's Wellbeing and Schools Act 2026).",
)
@click.option("--include-preview", is_flag=True, help="Also run preview rules.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option(
    "--england",
    is_flag=True,
    help="PATH is all of England: also check every upper-tier area is covered (REGISTRY-001).",
)
@_plugin_option
@_max_bytes_option
def check(
    path: Path,
    as_of: dt.date,
    fmt: str,
    select: Sequence[str],
    ignore: Sequence[str],
    include_not_commenced: bool,
    include_preview: bool,
    quiet: bool,
    england: bool,
    plugin_specs: Sequence[str],
    max_bytes: int | None,
) -> None:
    """Load PATH (a file or a folder of files), resolve it and check it against the rules."""
    from safeguarding_partnership.model import Waiver
    from safeguarding_partnership.pipeline import check_path
    from safeguarding_partnership.rules.engine import Selection

    waivers = []
    for item in ignore:
        code, sep, reason = item.partition("=")
        if not sep or not reason.strip():
            raise click.UsageError(f"--ignore {item!r}: give a reason, as CODE=REASON")
        waivers.append(Waiver(rule=code.strip(), reason=reason.strip()))
    selection = Selection(
        select=tuple(select),
        ignore=tuple(waivers),
        include_not_commenced=include_not_commenced,
        include_preview=include_preview,
    )
    from safeguarding_partnership.progress import wanted

    run = check_path(
        path,
        as_of=as_of,
        selection=selection,
        plugins=tuple(plugin_specs),
        england=england,
        progress=wanted(path),
        limits=_limits(max_bytes),
    )
    from safeguarding_partnership.output.text import render_check

    click.echo(render_check(run, fmt, quiet=quiet), nl=False)
    sys.exit(run.exit_code)


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
@_plugin_option
@_max_bytes_option
def render(
    path: Path,
    formats: Sequence[str],
    out_dir: Path,
    as_of: dt.date,
    force: bool,
    redact: bool,
    plugin_specs: Sequence[str],
    max_bytes: int | None,
) -> None:
    """Check PATH as of a day and write the chosen formats into the output folder.

    Names marked ``publish_name: false`` never reach a public format. A file in the folder
    that this tool did not write, or that was changed since, is replaced only with --force.
    """
    import attrs

    from safeguarding_partnership.io.load import arrangement_files
    from safeguarding_partnership.io.write import write_outputs
    from safeguarding_partnership.output.text import render_check
    from safeguarding_partnership.pipeline import check_path
    from safeguarding_partnership.plugins.manager import get_plugins
    from safeguarding_partnership.reports.render import render_together

    run = check_path(path, as_of=as_of, plugins=tuple(plugin_specs), limits=_limits(max_bytes))
    if run.load_errors or run.plugin_failures:
        click.echo(render_check(run, "human", quiet=True), nl=False, err=True)
        sys.exit(run.exit_code)
    chosen: list[tuple[Arrangement, list[ReportFormat], Sequence[Finding]]] = []
    for result in run.results:
        arr = result.arrangement
        facade = get_plugins(arr.plugins, local=plugin_specs)
        available = {f.name: f for f in facade.report_formats()}
        if facade.failures:  # a plugin's formats are missing: write nothing rather than part
            failed = attrs.evolve(run, plugin_failures=tuple(facade.failures))
            click.echo(render_check(failed, "human", quiet=True), nl=False, err=True)
            sys.exit(ExitCode.INCOMPLETE)
        unknown = sorted(set(formats) - set(available) - {"all"})
        if unknown:
            raise click.UsageError(
                f"unknown format {', '.join(unknown)} for {arr.id}; "
                f"available: {', '.join(sorted(available))}, all"
            )
        wanted = list(available.values()) if "all" in formats else [available[n] for n in formats]
        chosen.append((arr, wanted, result.findings))
    files: dict[str, bytes] = {}
    for (arr, _, _), rendered in zip(
        chosen, render_together(chosen, as_of=as_of, redact_all=redact), strict=True
    ):
        prefix = f"{arr.id}/" if len(chosen) > 1 else ""
        files.update({prefix + name: data for name, data in rendered.items()})
    inputs = arrangement_files(path) if path.is_dir() else [path]
    for written in write_outputs(out_dir, files, force=force, protect=inputs):
        click.echo(f"wrote {written}")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the arrangements file, for editors."""
    from safeguarding_partnership.io.schema import schema_text

    click.echo(schema_text(), nl=False)


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
    from safeguarding_partnership.output.text import render_rules
    from safeguarding_partnership.plugins.manager import get_plugins, installed_plugins

    facade = get_plugins([i.name for i in installed_plugins() if i.error is None])
    try:
        rules = facade.rules()
    finally:
        facade.unregister_all()
    for failure in (*facade.load_errors, *facade.failures):
        click.echo(f"warning: {failure}", err=True)
    click.echo(render_rules(rules, "json" if as_json else "human"), nl=False)


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
    from safeguarding_partnership.plugins.manager import get_plugins, installed_plugins

    group = click.Group(
        name=cli.name,
        commands=dict(cli.commands),
        callback=cli.callback,
        params=list(cli.params),
        help=cli.help,
        context_settings=cli.context_settings,
    )
    names = [i.name for i in installed_plugins() if i.error is None]
    facade = get_plugins(names)
    facade.add_commands(group)
    for failure in facade.failures:
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
    from safeguarding_partnership.errors import OutputError
    from safeguarding_partnership.importers.gias import agencies_for_area, read_gias
    from safeguarding_partnership.io.dump import dump_yaml
    from safeguarding_partnership.io.write import atomic_write, cannot_write
    from safeguarding_partnership.reference import local_authorities

    if area not in local_authorities():
        raise click.BadParameter(
            f"{area!r} is not an upper-tier area of England", param_hint="--area"
        )
    if out.exists():
        raise OutputError(f"{out}: already exists; not overwritten (choose another --out)")
    organisations, agencies = agencies_for_area(read_gias(csv_path), area, as_of)
    fragment = {
        "organisations": [o.model_dump(mode="json", exclude_none=True) for o in organisations],
        "relevant_agencies": [a.model_dump(mode="json", exclude_none=True) for a in agencies],
    }
    text = (
        f"# Schools and colleges of {area} open on {as_of}, from {csv_path.name} (GIAS).\n"
        "# Paste both lists into the arrangements file's lists of the same names.\n"
        + dump_yaml(fragment)
    )
    with cannot_write(out):
        atomic_write(out, text.encode("utf-8"))
    click.echo(f"wrote {len(agencies)} relevant agencies to {out}", err=True)


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
        from safeguarding_partnership.output.text import visible

        click.echo("error: " + "\n".join(visible(line) for line in str(exc).splitlines()), err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
    except OSError as exc:  # reading is handled by the loader: this is a file being written
        where = f"{exc.filename}: " if exc.filename is not None else ""
        click.echo(f"error: {where}cannot write: {exc.strerror or exc}", err=True)
        sys.exit(ExitCode.OUTPUT)
    sys.exit(ExitCode.OK)
