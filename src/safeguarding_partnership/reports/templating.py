"""The Jinja2 environments reports render with: HTML autoescaped, Markdown escaped, both strict."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from safeguarding_partnership.model.common import CONTROL_CHARACTERS, without_controls
from safeguarding_partnership.reports.markdown import escape_markdown

__all__ = ["day", "html_environment", "is_link", "markdown_environment", "render_template"]

_LINK = re.compile(r"^(https?://|mailto:)[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)
NOT_RECORDED = "Not recorded"


def is_link(value: object) -> bool:
    """Whether a value may be rendered as a link: an ``http``, ``https`` or ``mailto`` URL."""
    return (
        isinstance(value, str)
        and bool(_LINK.match(value))
        and CONTROL_CHARACTERS.search(value) is None
    )


def day(value: dt.date | str | None) -> str:
    """A date as people write it in England: ``29 September 2019``; unknown is "Not recorded"."""
    if value is None:
        return NOT_RECORDED
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def _md_link(text: object, url: object) -> Markup:
    """A Markdown link when the URL is safe; otherwise the escaped text, not a link."""
    if not is_link(url):
        return Markup(escape_markdown(text))
    target = str(url).replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C")
    return Markup(f"[{escape_markdown(text)}](<{target}>)")


def _environment(finalize: Callable[[Any], Any]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("safeguarding_partnership.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.filters["day"] = day
    env.tests["link"] = is_link
    env.globals["NOT_RECORDED"] = NOT_RECORDED
    return env


def _finalize_html(value: Any) -> Any:
    if value is None:
        return NOT_RECORDED
    if isinstance(value, str) and not isinstance(value, Markup):
        return without_controls(value)  # HTML cannot carry them, escaped or not
    return value


def _finalize_markdown(value: Any) -> Markup:
    # Markup here is Markdown already made safe (macro output, md_link); anything else is
    # people's text and is escaped. ``Markup`` only marks it, so autoescape leaves it alone.
    if isinstance(value, Markup):
        return value
    return Markup(escape_markdown(NOT_RECORDED if value is None else value))


@cache
def html_environment() -> jinja2.Environment:
    """HTML templates: autoescape on, undefined names are errors, ``None`` is "Not recorded"."""
    return _environment(_finalize_html)


@cache
def markdown_environment() -> jinja2.Environment:
    """Markdown templates: every ``{{ value }}`` is Markdown-escaped unless a filter marked it.

    Autoescape is on only so that macro output comes back marked as safe; the escaping
    itself is Markdown's, done by ``finalize``.
    """
    env = _environment(_finalize_markdown)
    env.filters["md_link"] = _md_link
    return env


def render_template(template: str, /, **context: Any) -> str:
    """Render a packaged template; the environment follows the name (``.html`` or ``.md``)."""
    env = html_environment() if template.endswith(".html") else markdown_environment()
    return env.get_template(template).render(**context)
