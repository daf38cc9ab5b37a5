"""Live markup in a page: what would run or navigate when a browser opens it.

A plugin's format is untrusted output (see the threat model): before ``render`` writes
anything, every HTML or SVG file a plugin format returns is read by :func:`live_markup`, and
one that holds a script, an event handler or a link other than ``http(s)``, ``mailto`` or a
relative one is refused, naming the plugin, the format, the file and what was found.
Nothing is rewritten: a page changed behind its author's back would be wrong in ways
nobody sees, so the format is reported as faulty instead (exit status 3).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["MARKUP_SUFFIXES", "is_markup", "live_markup"]

MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".xml")
"""Files a browser reads as markup (by their suffix, as a web server would serve them)."""

_RUNNING = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
)
"""Elements that run code, embed another document or change where links lead."""
_LINKING = frozenset(
    {"href", "src", "xlink:href", "action", "formaction", "data", "poster", "background"}
)
_SAFE_LINK = re.compile(r"(?:https?://|mailto:|#|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)
"""An ``http(s)`` or ``mailto`` link, a fragment, or a relative link (no scheme before its
first ``/``, ``?`` or ``#``)."""
_SCHEME_CODE = re.compile(r"(?:javascript|vbscript|livescript|data):", re.IGNORECASE)
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
"""What a browser drops from a link before reading its scheme (``java\\tscript:``)."""
_MAX_PROBLEMS = 20


def is_markup(name: str) -> bool:
    """Whether a browser would read the file ``name`` as HTML or SVG."""
    return name.lower().endswith(MARKUP_SUFFIXES)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._style = False

    def _found(self, problem: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(problem)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _RUNNING:
            self._found(f"<{tag}>")
        if tag == "meta" and any(
            n.lower() == "http-equiv" and (v or "").strip().lower() == "refresh" for n, v in attrs
        ):
            self._found('<meta http-equiv="refresh">')
        self._style = tag == "style"
        for name, value in attrs:
            name = name.lower()
            plain = _IGNORED.sub("", value or "")
            if name.startswith("on"):
                self._found(f"<{tag} {name}=...> (an event handler)")
            elif name in _LINKING and not _SAFE_LINK.match(plain):
                self._found(f"<{tag} {name}={_short(value)}> (a link that is not http(s))")
            elif _SCHEME_CODE.match(plain) or (name == "style" and _styles_code(plain)):
                self._found(f"<{tag} {name}={_short(value)}> (code in an attribute)")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._style = False

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if self._style and _styles_code(_IGNORED.sub("", data)):
            self._found("<style> holding code (javascript: or expression())")


def _styles_code(text: str) -> bool:
    lowered = text.lower()
    return "javascript:" in lowered or "expression(" in lowered or "vbscript:" in lowered


def _short(value: str | None) -> str:
    text = repr(value or "")
    return text if len(text) <= 60 else text[:57] + "..."


def live_markup(page: str) -> list[str]:
    """What in an HTML or SVG page would run or navigate: scripts and other running or
    embedding elements, event handler attributes, links other than ``http(s)``, ``mailto``,
    fragments and relative ones, and code in attributes or styles (at most 20 listed)."""
    reader = _Reader()
    reader.feed(page)
    reader.close()
    if re.search(r"<\s*/?\s*script", page, re.IGNORECASE) and not any(
        p.startswith("<script>") for p in reader.problems
    ):  # what the parser took for text, a browser may still take for a tag
        reader.problems.insert(0, "<script>")
    return reader.problems[:_MAX_PROBLEMS]
