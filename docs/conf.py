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


def setup(app: Any) -> None:
    app.connect("autodoc-process-docstring", _save_attribute_docstring, priority=400)
    app.connect("autodoc-process-docstring", _restore_attribute_docstring, priority=600)
