"""Hostile text and checks that rendered output carries no live markup."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from pydantic import BaseModel

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![i](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "a | b | c",
    "*bold* _em_ `code` ~~gone~~",
    "# heading\n- item\n> quote",
    "&lt;script&gt; &amp;",
    "back\\slash \\[",
    "{{ 7*7 }} {% raw %}",
    "\"quoted\" 'single'",
    "<https://evil.example>",
)

CONTROLS = (
    "\x1b[2J\x1b]0;owned\x07",  # clear the screen, set the title
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # an OSC 8 link
    "\x1b[5mblink\x1b[0m",
    "\x9b31m",  # a C1 control sequence introducer
    "\x00",
    "\x85",
    "\r",
    "\x7f",
    "\ufffe\uffff",
    "\ud800",  # a lone surrogate, as a JSON escape makes one
    "[bold]x[/bold] [link=https://evil.example]y[/link]",  # rich markup
    "admin\u202e\u2066 txt.exe\u2069\u202c",  # bidi overrides and isolates reorder what is shown
)
"""Text that would take over a terminal or break a file: control characters of every kind."""

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Every character that must not reach a public output or a terminal: C0 controls but tab
and line feed, DEL, C1 controls, bidirectional embeddings, overrides and isolates, surrogates
and the noncharacters."""

_SAFE_URL = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)


def _plain_text(annotation: Any) -> bool:
    if annotation is str:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = set(typing.get_args(annotation))
        return args == {str, type(None)}
    return False


def inject(value: Any, text: Callable[[], str]) -> Any:
    """A copy of a model with every unconstrained text field replaced by ``text()``."""
    if isinstance(value, BaseModel):
        changes: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            current = getattr(value, name)
            if _plain_text(info.annotation) and not info.metadata:
                changes[name] = text()
            elif current is not None:
                changes[name] = inject(current, text)
        return value.model_copy(update=changes)
    if isinstance(value, tuple):
        return tuple(text() if isinstance(item, str) else inject(item, text) for item in value)
    return value


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "iframe", "object", "embed", "img"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"{tag} {name}=")
            linked = name.lower() in ("href", "src", "xlink:href", "action")
            if linked and value is not None and not _SAFE_URL.match(value.strip()):
                self.problems.append(f"{tag} {name}={value!r}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def live_markup(html: str) -> list[str]:
    """Scripts, event handlers and non-http(s)/mailto links in an HTML or SVG document."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.problems


def html_text(html: str) -> str:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.text).split())


def markdown_problems(markdown: str) -> tuple[list[str], str]:
    """Render Markdown like a forge would (CommonMark, raw HTML on, tables) and inspect it."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    problems: list[str] = []
    for token in md.parse(markdown):
        for child in [token, *(token.children or [])]:
            if child.type in (
                "html_inline",
                "html_block",
                "code_inline",
                "em_open",
                "s_open",
                "image",
            ):
                problems.append(f"{child.type}: {child.content[:60]!r}")
            if child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                if not _SAFE_URL.match(href):
                    problems.append(f"link to {href!r}")
    html = md.render(markdown)
    problems.extend(live_markup(html))
    return problems, html_text(html)
