"""Which people's names are private, and how a withheld name is written.

A post's ``name`` is published only when ``publish_name`` is true. Every public output (the
rendered formats, a change log) withholds the others: :func:`private_names` finds them, and
:func:`scrub` (a :class:`NameScrubber`) replaces them by :data:`WITHHELD` inside free text.

A name is found however it is written: in any case, in any Unicode form (``NFKD``, accents
aside, so a decomposed or full-width letter matches), with any run of white space between its
words (a line break, two spaces, a no-break space), and as Python's ``repr`` quotes it
(``D\\'Arcy``). It is found only as whole words, and never inside a link, so a private name
``a`` leaves ``quarterly`` alone and a private name ``https`` leaves every link working.
Which fields are free text (not ids, keywords or links) is for the caller to say:
:func:`~safeguarding_partnership.reports.privacy.redact` scrubs free text fields only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from safeguarding_partnership.model.arrangement import Arrangement
from safeguarding_partnership.model.people import Post

__all__ = ["WITHHELD", "NameScrubber", "fold", "posts", "private_names", "scrub"]

WITHHELD = "[name withheld]"
"""What stands for a private name inside free text, such as a finding's message."""


def posts(value: Any) -> Iterator[Post]:
    """Every post in a record, at any depth."""
    if isinstance(value, Post):
        yield value
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from posts(getattr(value, field))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from posts(item)


def private_names(*arrangements: Arrangement, all_names: bool = False) -> tuple[str, ...]:
    """The names marked ``publish_name: false`` in any of the arrangements (every name, with
    ``all_names``), longest first, as :func:`scrub` needs them."""
    names = {
        post.name
        for arrangement in arrangements
        for post in posts(arrangement)
        if post.name and (all_names or not post.publish_name)
    }
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char).casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded for matching (compatibility-decomposed, case-folded, accents dropped),
    and for each folded character the index of the character of ``text`` it came from
    (``None`` when they are the same: ASCII text)."""
    if text.isascii():
        return text.lower(), None
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        folded = char.lower() if char.isascii() else _fold_char(char)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


# between the words of a name: white space, or its escape in a repr (\n, \xa0, \u2003),
# however many times it was quoted
_GAP = r"(?:\s|\\+(?:[ntr]|x[0-9a-f]{2}|u[0-9a-f]{4}))+"
_URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"']+", re.IGNORECASE)


def _word_pattern(word: str) -> str:
    parts = []
    for char in word:
        if char in "'\"":
            parts.append(r"\\*" + re.escape(char))  # repr may escape a quote
        elif char == "\\":
            parts.append(r"\\+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


class NameScrubber:
    """Replaces private names in free text (see the module's description)."""

    def __init__(self, names: Iterable[str]) -> None:
        words = {tuple(fold(name)[0].split()) for name in names}
        words.discard(())
        alternatives = sorted(
            (_GAP.join(_word_pattern(w) for w in name) for name in words),
            key=lambda p: (-len(p), p),
        )
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
            if alternatives
            else None
        )

    def __bool__(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str) -> str:
        """``text`` with every private name in it replaced, links left whole."""
        if self._pattern is None or not text:
            return text
        folded, where = fold(text)
        spans = [_span(text, where, m.start(), m.end()) for m in self._pattern.finditer(folded)]
        if not spans:
            return text
        links = [m.span() for m in _URL.finditer(text)]
        out: list[str] = []
        last = 0
        for start, end in spans:
            if start < last or any(a < end and start < b for a, b in links):
                continue
            out.append(text[last:start])
            out.append(WITHHELD)
            last = end
        out.append(text[last:])
        return "".join(out)


def _span(text: str, where: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` a match of its folded form covers, with any combining marks that
    follow it (folding dropped them)."""
    if where is not None:
        start, end = where[start], where[end - 1] + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return start, end


@functools.lru_cache(maxsize=64)
def _scrubber(names: tuple[str, ...]) -> NameScrubber:
    return NameScrubber(names)


def scrub(text: str, names: Iterable[str]) -> str:
    """``text`` with each of ``names``, however written (see above), replaced by
    :data:`WITHHELD`."""
    return _scrubber(tuple(names))(text)
