"""Escaping people's text for Markdown, so it can never become a link, markup or a table cell."""

from __future__ import annotations

import re

from safeguarding_partnership.model.common import without_controls

__all__ = ["escape_markdown"]

_CONTROL = re.compile(r"([\\`*_{}\[\]()<>#!|~&:$])")
_SPACE = re.compile(r"\s+")


def escape_markdown(value: object) -> str:
    r"""Text as literal Markdown: whitespace folded to one line, every Markdown control
    character escaped, and every other control character (ESC, NUL, C1, the noncharacters)
    replaced by U+FFFD.

    Folding line breaks means the text can never start a heading, list or block quote; the
    backslash escapes (CommonMark treats any escaped ASCII punctuation as literal) stop links,
    images, emphasis, code, raw HTML, entities and table cell breaks.

    >>> print(escape_markdown("[x](javascript:alert(1)) | *bold*"))
    \[x\]\(javascript\:alert\(1\)\) \| \*bold\*
    """
    text = without_controls(_SPACE.sub(" ", str(value)).strip())
    return _CONTROL.sub(r"\\\1", text)
