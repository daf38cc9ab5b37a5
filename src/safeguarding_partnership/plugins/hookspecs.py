"""The hook contract between the core and its plugins, one documented spec per hook.

Specs are listed in the order the core calls them while checking an arrangements file.
Every call is keyword-only, specs have no defaults, and an implementation may take fewer
arguments than its spec. No result depends on the order in which plugins were registered:
contributions are merged by key and sorted.

A plugin's hooks are called only for an arrangements file whose ``plugins:`` list names it,
or when it is given with ``--plugin``. A ``--plugin`` file (a local module) may implement
every hook; ``register_commands`` takes effect only for installed plugins, because the
command line is built before any file is read.

Return ``None`` from a ``register_*`` hook to contribute nothing; an empty iterable means
the same. Anything else of the wrong type is a plugin fault: the run is reported incomplete
(exit code 3) naming the plugin and the hook, and the other plugins' contributions stand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    from pydantic import BaseModel

    from safeguarding_partnership.model import Arrangement, Group, Organisation, RelevantAgency
    from safeguarding_partnership.plugins.records import AgencyCategory, Loader
    from safeguarding_partnership.reports.format import ReportFormat
    from safeguarding_partnership.rules.rule import Rule

__all__ = [
    "PROJECT",
    "hookimpl",
    "hookspec",
    "register_agency_categories",
    "register_commands",
    "register_groups",
    "register_loaders",
    "register_organisations",
    "register_relevant_agencies",
    "register_report_formats",
    "register_rules",
    "register_settings_model",
]

PROJECT = "safeguarding_partnership"
"""The pluggy project name and the entry-point group plugins are installed under."""

hookspec = pluggy.HookspecMarker(PROJECT)
"""Marks a function of this module as a hook specification."""

hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a plugin's function as a hook implementation (re-exported by the package)."""


# -------------------------------------------------------------------------------------------
# Reading the file: formats and vocabulary
# -------------------------------------------------------------------------------------------


@hookspec
def register_loaders() -> Iterable[Loader] | None:
    """Contribute readers of other input formats.

    Called before files are read, only for plugins given with ``--plugin`` (a file cannot
    name the plugin that reads it). A file whose name ends with a loader's ``suffix`` is read
    as text and passed to ``Loader.parse``, which returns the plain data of an arrangements
    file.

    :return: An iterable of :class:`~safeguarding_partnership.plugins.records.Loader`, one per
        suffix. ``None`` contributes no loader. Two providers of one suffix are a conflict
        unless the second says ``replaces=``.

    .. versionadded:: 0.1
    """


@hookspec
def register_agency_categories() -> Iterable[AgencyCategory] | None:
    """Contribute local labels for kinds of relevant agency.

    Called once a file naming the plugin is loaded, before its references are resolved.
    Each label maps to a category of the Schedule of relevant agencies (SI 2018/789), so a
    file may write ``category: havering-school`` and the rules see
    ``maintained-school-governing-body``.

    :return: An iterable of :class:`~safeguarding_partnership.plugins.records.AgencyCategory`.
        ``None`` contributes no label. A label that is already a Schedule id, or a category
        that is not one, is a plugin fault.

    .. versionadded:: 0.1
    """


@hookspec
def register_settings_model() -> type[BaseModel] | None:
    """Contribute the pydantic model of the plugin's own settings section.

    Called once a file naming the plugin is loaded. The file's ``settings: {<plugin name>:
    {...}}`` section is validated with this model, and problems are reported located by
    file, line, column and field path (``settings.havering.partnership_meeting``), like the
    rest of the file. Without the section, the model is validated from an empty mapping, so
    its fields need defaults unless the plugin insists on the section. The validated model is
    what the plugin's other hooks, rules (``RuleContext.settings``) and report formats
    (``RenderContext.settings``) receive. The core registers its own section, ``core``, here.

    :return: A pydantic model class, or ``None`` if the plugin takes no settings (then a
        section for it in the file is an error).

    .. versionadded:: 0.1
    """


# -------------------------------------------------------------------------------------------
# Contributing to an arrangement
# -------------------------------------------------------------------------------------------


@hookspec
def register_organisations(
    arrangement: Arrangement, settings: Any
) -> Iterable[Organisation] | None:
    """Contribute organisations to an arrangement that names the plugin.

    Called after the plugin's settings are validated. The records are added to
    ``arrangement.organisations``; an id already declared by the file or by another plugin
    is a :class:`~safeguarding_partnership.errors.PluginConflictError` naming both.

    :param arrangement: The arrangement as the file declares it (frozen; do not change it).
    :param settings: The plugin's validated settings model, or ``None`` if it has none.
    :return: An iterable of :class:`~safeguarding_partnership.model.Organisation`; ``None``
        contributes nothing.

    .. versionadded:: 0.1
    """


@hookspec
def register_relevant_agencies(
    arrangement: Arrangement, settings: Any
) -> Iterable[RelevantAgency] | None:
    """Contribute relevant agencies to an arrangement that names the plugin.

    Called after ``register_organisations``. Agencies are merged by their key (id,
    organisation or name); a key already used is a conflict naming both providers. A
    ``category`` may be a Schedule id or a label from ``register_agency_categories``.

    :param arrangement: The arrangement as the file declares it.
    :param settings: The plugin's validated settings model, or ``None``.
    :return: An iterable of :class:`~safeguarding_partnership.model.RelevantAgency`;
        ``None`` contributes nothing.

    .. versionadded:: 0.1
    """


@hookspec
def register_groups(arrangement: Arrangement, settings: Any) -> Iterable[Group] | None:
    """Contribute groups (thematic groups, place groups, panels) to an arrangement.

    Called after ``register_relevant_agencies``. Groups are merged by id; an id the file
    already declares is a conflict, so a plugin that offers a default group checks
    ``arrangement.groups`` and contributes it only when the file leaves it out.

    :param arrangement: The arrangement as the file declares it.
    :param settings: The plugin's validated settings model, or ``None``.
    :return: An iterable of :class:`~safeguarding_partnership.model.Group`; ``None``
        contributes nothing.

    .. versionadded:: 0.1
    """


# -------------------------------------------------------------------------------------------
# Checking and publishing
# -------------------------------------------------------------------------------------------


@hookspec
def register_rules() -> Iterable[Rule] | None:
    """Contribute rules, run with the core's rules over the arrangement.

    Called once the arrangement is complete. Codes must sit under the plugin's own prefix
    (``HAV-``, ``BHR-``): a code under a core family prefix (``PARTNERS-``, ``RA-``, ...) or
    another provider's prefix is rejected. Each rule receives the plugin's validated
    settings as ``RuleContext.settings``, and its findings carry the plugin's name.

    :return: An iterable of :class:`~safeguarding_partnership.rules.rule.Rule`; ``None``
        contributes nothing.

    .. versionadded:: 0.1
    """


@hookspec
def register_report_formats() -> Iterable[ReportFormat] | None:
    """Contribute report formats that ``render`` can write.

    Called when a command needs the formats (``render``). Formats are merged by name. A
    format's ``render`` receives its plugin's validated settings as ``RenderContext.settings``.

    :return: An iterable of :class:`~safeguarding_partnership.reports.format.ReportFormat`;
        ``None`` contributes nothing.

    .. versionadded:: 0.1
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``safeguarding-partnership`` command line.

    Called for every installed plugin when the command line meets a command name that is
    not one of its own. The only hook given a mutable object, because click needs it.

    :param cli: The top-level click group; call ``cli.command()`` or ``cli.add_command``.
    :return: ``None``: the plugin adds its commands to ``cli`` itself.

    .. versionadded:: 0.1
    """
