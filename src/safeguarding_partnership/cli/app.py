"""The click group of the ``safeguarding-partnership`` command."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from safeguarding_partnership._version import __version__

if TYPE_CHECKING:
    pass

__all__ = ["cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="safeguarding-partnership")
def cli() -> None:
    """Check and publish multi-agency safeguarding arrangements for children (England).

    Exit codes: 0 clean; 1 error-level findings; 2 input or usage error; 3 incomplete run
    (a plugin or rule failed); 4 output could not be written safely.
    """
