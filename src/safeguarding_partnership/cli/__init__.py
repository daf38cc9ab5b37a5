"""The ``safeguarding-partnership`` command line. Thin: it parses options, calls the pipeline
and prints; it builds no plugin manager and writes no YAML.

Heavy modules are imported inside commands, so ``--version`` starts fast. One module per
group of commands: :mod:`.check`, :mod:`.authoring` (``init``, ``diff``), and here the
others; :mod:`.options` holds the options they share.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from safeguarding_partnership._pydantic_plugins import no_plugin_loader
from safeguarding_partnership.cli import authoring, check
from safeguarding_partnership.cli.app import cli
from safeguarding_partnership.cli.options import (
    INPUT_FILE,
    as_of_option,
    choice_option,
    flag,
    folder_option,
    input_limits,
    json_option,
    max_bytes_option,
    output_file_option,
    plugin_option,
)
from safeguarding_partnership.errors import ExitCode, SafeguardingPartnershipError

__all__ = ["cli", "main"]

_COMMANDS = (authoring, check)
"""Modules whose commands register on :data:`cli` when imported."""


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
@folder_option("--out", "out_dir", default=Path("out"), help="Folder to write into.")
@as_of_option("Render as of this day.")
@flag("--force", help="Replace files this tool did not write, or changed.")
@flag("--redact", help="Leave out every person's name.")
@flag(
    "--fragment", help="Write each HTML page as its content only, to embed in another site's page."
)
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of templates that replace the packaged ones of the same name.",
)
@plugin_option
@max_bytes_option
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
    All or nothing: every output path is checked, under a lock on the folder, before the
    first file is written; a refused run writes nothing (exit 4).
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
            limits=input_limits(max_bytes),
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
@choice_option(
    "--draft",
    choices=["draft-07", "2020-12"],
    default="draft-07",
    help="The JSON Schema draft to declare (editors read draft-07 best).",
)
@flag(
    "--config",
    "of_config",
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
@json_option
@flag(
    "--coverage", help="Count the catalogue entries implemented and not implemented, with reasons."
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
@choice_option(
    "--format",
    "fmt",
    choices=["text", "json"],
    default="text",
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
@json_option
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
@folder_option("--dir", "directory", help="Where to write the package (default: ./sp-NAME).")
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
@click.argument("csv_path", metavar="CSV", type=INPUT_FILE)
@click.option("--area", required=True, metavar="ONS_CODE", help="Upper-tier area, e.g. E09000016.")
@as_of_option("Keep establishments open on this day (default: today).")
@output_file_option("--out", "out", required=True, help="YAML file to write; never overwritten.")
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


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line, turning the library's errors into messages and exit codes.

    The cyclic garbage collector is off while a command runs: a command loads data once and
    exits, the data is millions of objects that live to the end and hold no reference
    cycles, and the collector would traverse them all again and again (a third of the time
    of a national check). Reference counting still frees whatever is dropped. Run as the
    program (``argv`` not given), the objects are then frozen (:func:`gc.freeze`), so that
    the collection Python makes while exiting does not traverse them either.

    Run as the program, it also turns pydantic's plugins off (``PYDANTIC_DISABLE_PLUGINS``,
    unless set otherwise): pydantic would load, from every installed package that offers
    one, code that sees every value validated, and some such plugins send what they see
    over the network (:doc:`/explanation/threat-model`). Not looking for them also saves a
    scan of every installed package's metadata on each run (see
    :func:`._pydantic_plugins.no_plugin_loader`).
    """
    if argv is None:
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        no_plugin_loader()
    collecting = gc.isenabled()
    gc.disable()
    try:
        _main(argv)
    finally:
        if argv is None:  # the process exits next
            gc.freeze()
        if collecting:
            gc.enable()


def _main(argv: Sequence[str] | None) -> None:
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
