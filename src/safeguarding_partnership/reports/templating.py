"""The Jinja2 environments reports render with: HTML autoescaped, Markdown escaped, both strict.

Templates come from the package, or first from the user's own folder when one is given:
a template there replaces the packaged one of the same name, and the packaged ones stay
reachable as ``default/<name>`` so that a user's template can extend them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from safeguarding_partnership.model.common import CONTROL_CHARACTERS, without_controls
from safeguarding_partnership.model.dates import PartialDate, read_day
from safeguarding_partnership.reports.format import RenderOptions
from safeguarding_partnership.reports.markdown import escape_markdown

__all__ = [
    "day",
    "html_environment",
    "is_link",
    "markdown_environment",
    "money",
    "render_template",
]

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
        read = read_day(value)
        value = read if isinstance(read, dt.date) else dt.date.fromisoformat(value)
    if isinstance(value, PartialDate):  # as known: "September 2019", "2019"
        return f"{value.year}" if value.precision == "year" else value.strftime("%B %Y")
    return f"{value.day} {value:%B %Y}"


def money(value: object) -> str:
    """An amount in pounds as people write it: ``£120,000`` or ``£1,234.50``."""
    amount = Decimal(str(value))
    text = f"£{amount:,.2f}"
    return text.removesuffix(".00")


def _md_link(text: object, url: object) -> Markup:
    """A Markdown link when the URL is safe; otherwise the escaped text, not a link."""
    if not is_link(url):
        return Markup(escape_markdown(text))
    target = str(url).replace("<", "%3C").replace(">", "%3E").replace("\\", "%5C")
    return Markup(f"[{escape_markdown(text)}](<{target}>)")


def _loader(template_dir: Path | None) -> jinja2.BaseLoader:
    packaged = jinja2.PackageLoader("safeguarding_partnership.reports", "templates")
    defaults = jinja2.PrefixLoader({"default": packaged})
    if template_dir is None:
        return jinja2.ChoiceLoader([packaged, defaults])
    own = jinja2.FileSystemLoader(str(template_dir))
    return jinja2.ChoiceLoader([own, packaged, defaults])


def _environment(finalize: Callable[[Any], Any], template_dir: Path | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_loader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.filters["day"] = day
    env.filters["money"] = money
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
def html_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """HTML templates: autoescape on, undefined names are errors, ``None`` is "Not recorded".

    Templates in ``template_dir`` replace the packaged ones of the same name.
    """
    return _environment(_finalize_html, template_dir)


@cache
def markdown_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """Markdown templates: every ``{{ value }}`` is Markdown-escaped unless a filter marked it.

    Autoescape is on only so that macro output comes back marked as safe; the escaping
    itself is Markdown's, done by ``finalize``. Templates in ``template_dir`` replace the
    packaged ones of the same name.
    """
    env = _environment(_finalize_markdown, template_dir)
    env.filters["md_link"] = _md_link
    return env


def render_template(template: str, /, options: RenderOptions | None = None, **context: Any) -> str:
    """Render a template; the environment follows the name (``.html`` or ``.md``).

    ``options`` choose the templates' folder and whether an HTML page is a fragment (the
    templates see ``fragment``).
    """
    options = options or RenderOptions()
    folder = options.template_dir.resolve() if options.template_dir is not None else None
    html = template.endswith(".html")
    env = html_environment(folder) if html else markdown_environment(folder)
    return env.get_template(template).render(fragment=options.fragment, **context)
