"""Sphinx configuration for the safeguarding-partnership documentation.

Build with warnings as errors (no network is needed; intersphinx is deliberately off)::

    .venv/bin/sphinx-build -W -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

from safeguarding_partnership._version import __version__  # noqa: E402

# -- Project -----------------------------------------------------------------

project = "safeguarding-partnership"
author = "safeguarding-partnership contributors"
copyright = "safeguarding-partnership contributors"
release = __version__
version = ".".join(__version__.split(".")[:2])

# -- General -----------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_click",
    "rules_catalogue",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
language = "en"
today_fmt = "%d %B %Y"

# Unresolved cross-references are not errors: the model's type hints name pydantic and
# standard-library types that are not documented here, and intersphinx is off.
nitpicky = False

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc -----------------------------------------------------------------

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_class_signature = "separated"
autodoc_default_options = {
    "exclude-members": "__new__, model_config, model_fields, model_computed_fields",
}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
html_title = f"safeguarding-partnership {release}"
html_static_path: list[str] = []


# -- Attribute docstrings ----------------------------------------------------

# The model documents each field with a prose docstring such as "Groups: partnership meeting,
# executive, ...". napoleon reads a leading "word:" in an attribute docstring as the field's
# type and would print "Type: Groups". Our attribute docstrings are never Google style, so keep
# them exactly as written: save them before napoleon runs (priority 500) and restore them after.

_attribute_docstrings: dict[str, list[str]] = {}


def _save_attribute_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what == "attribute":
        _attribute_docstrings[name] = list(lines)


def _restore_attribute_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what == "attribute" and name in _attribute_docstrings:
        lines[:] = _attribute_docstrings.pop(name)


# -- Schemas for editors -----------------------------------------------------

# The JSON Schemas of the arrangements file and of the configuration are served by the site at
# the path of their `$id`, so that an editor can fetch them by that address
# (`# yaml-language-server: $schema=...`). On Read the Docs the site lives under /en/latest/:
# the project keeps a redirect of type "exact" from `/schema/$rest` to `/en/latest/schema/`, so
# the unversioned `$id` address works.


def schema_files() -> dict[str, str]:
    """Each schema's path in the site (from its `$id`) and its text."""
    import json
    from urllib.parse import urlparse

    from safeguarding_partnership.io.config import CONFIG_SCHEMA_ID, config_schema
    from safeguarding_partnership.io.schema import SCHEMA_ID, schema_text

    return {
        urlparse(SCHEMA_ID).path.lstrip("/"): schema_text(),
        urlparse(CONFIG_SCHEMA_ID).path.lstrip("/"): json.dumps(
            config_schema(), indent=2, sort_keys=True
        )
        + "\n",
    }


def _write_schemas(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for path, text in schema_files().items():
        target = Path(app.outdir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def setup(app: Any) -> None:
    app.connect("autodoc-process-docstring", _save_attribute_docstring, priority=400)
    app.connect("autodoc-process-docstring", _restore_attribute_docstring, priority=600)
    app.connect("build-finished", _write_schemas)
