"""Escaping people's text for Markdown, so it can never become a link, markup or a table cell."""

from __future__ import annotations

import re

__all__ = ["escape_markdown"]

_CONTROL = re.compile(r"([\\`*_{}\[\]()<>#!|~&:$])")
_SPACE = re.compile(r"\s+")


def escape_markdown(value: object) -> str:
    r"""Text as literal Markdown: whitespace folded to one line, every control character escaped.

    Folding line breaks means the text can never start a heading, list or block quote; the
    backslash escapes (CommonMark treats any escaped ASCII punctuation as literal) stop links,
    images, emphasis, code, raw HTML, entities and table cell breaks.

    >>> print(escape_markdown("[x](javascript:alert(1)) | *bold*"))
    \[x\]\(javascript\:alert\(1\)\) \| \*bold\*
    """
    text = _SPACE.sub(" ", str(value)).strip()
    return _CONTROL.sub(r"\\\1", text)
