"""Escaping people's text for Markdown, so it can never become a link, markup or a table cell,
while ordinary prose stays as it was written."""

from __future__ import annotations

import re

from safeguarding_partnership.model.common import without_controls

__all__ = ["escape_markdown"]

_SPACE = re.compile(r"\s+")
_ALWAYS = re.compile(r"[\\`*\[\]<|~$]")
"""Characters that start or end markup wherever they are: escapes, code, emphasis, links and
images, raw HTML and autolinks, table cells, strikethrough and (on forges) maths."""
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
"""An ampersand that would start a character reference such as ``&lt;``."""
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
"""An underscore that can open or close emphasis: one not between two letters or digits."""
_LINE_START = re.compile(
    r"^(?:[#>]"  # heading, block quote
    r"|[-+](?=\s|$)"  # bullet list item
    r"|[-=](?=[-=\s]*$)"  # thematic break or setext underline
    r"|\d{1,9}(?=[.)](?:\s|$)))"  # ordered list item: escape the '.' or ')'
)


def _line_start(match: re.Match[str]) -> str:
    text = match.group(0)
    if text[0].isdigit():
        return text + "\\"  # the '.' or ')' that follows is escaped
    return "\\" + text


def escape_markdown(value: object) -> str:
    r"""Text as literal Markdown, escaping only what Markdown would read as markup; every
    other control character (ESC, NUL, C1, the noncharacters) is replaced by U+FFFD.

    Whitespace is folded to one line, so the text can never start a block of its own; what
    could still act is escaped with a backslash (CommonMark treats any escaped ASCII
    punctuation as literal): ``\ ` * [ ] < | ~ $`` everywhere, ``&`` before a character
    reference, ``_`` where it could open or close emphasis, and at the start a heading, quote,
    list or rule marker. Colons, brackets, full stops and the like are left alone.

    >>> print(escape_markdown("[x](javascript:alert(1)) | *bold*: reviews (i)"))
    \[x\](javascript:alert(1)) \| \*bold\*: reviews (i)
    """
    text = without_controls(_SPACE.sub(" ", str(value)).strip())
    text = _ALWAYS.sub(lambda m: "\\" + m.group(0), text)
    text = _ENTITY.sub(r"\\&", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    # the '.' or ')' after a number at the start: insert the backslash before it
    match = _LINE_START.match(text)
    if match is None:
        return text
    return _line_start(match) + text[match.end() :]
