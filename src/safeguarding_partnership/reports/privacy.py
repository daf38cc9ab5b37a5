"""Keeping people's names and private notes out of published output.

Names of posts marked ``publish_name: false`` and every ``notes`` not marked
``notes_public: true`` are removed before any public format runs.

The render pipeline applies :func:`redact` to the arrangement before any public format runs,
so no template, core or plugin, can leak a name marked not for publication.

A removed name is also looked for in free text elsewhere (a note, a group's name, a finding's
message) and replaced there by :data:`WITHHELD`. It is found however it is written: in any
case, in any Unicode form (``NFKD``, accents aside, so a decomposed or full-width letter
matches), with any run of white space between its words (a line break, two spaces, a no-break
space), and as Python's ``repr`` quotes it (``D\\'Arcy``). It is found only as whole words,
and only in free text: never inside a word, an id, a keyword (a category, a cadence) or a
link, so a private name ``a`` leaves ``quarterly`` alone and a private name ``https`` leaves
every link working.

Plugin settings (``Arrangement.settings``) are free-form and are not searched for names;
a plugin that keeps names there must not publish them.
"""

from __future__ import annotations

import functools
import re
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from safeguarding_partnership.findings import Finding
from safeguarding_partnership.model import Arrangement, Post
from safeguarding_partnership.model.common import KeywordText, Recorded

__all__ = ["WITHHELD", "NameScrubber", "private_names", "redact", "redact_findings"]

WITHHELD = "[name withheld]"
"""What replaces a private name inside free text, such as a finding's message."""

M = TypeVar("M", bound=BaseModel)


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


def _posts(value: Any) -> Iterator[Post]:
    if isinstance(value, Post):
        yield value
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from _posts(getattr(value, field))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _posts(item)


def _strip(value: Any, all_names: bool) -> Any:
    if isinstance(value, Recorded) and value.notes is not None and not value.notes_public:
        value = value.model_copy(update={"notes": None})  # notes are private unless public
    if isinstance(value, Post):
        if value.name is not None and (all_names or not value.publish_name):
            return value.model_copy(update={"name": None})
        return value
    if isinstance(value, BaseModel):
        changes: dict[str, Any] = {}
        for field in type(value).model_fields:
            old = getattr(value, field)
            new = _strip(old, all_names)
            if new is not old:
                changes[field] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_strip(item, all_names) for item in value)
        if any(new is not old for new, old in zip(items, value, strict=True)):
            return items
        return value
    return value


def _constrains(metadata: Any) -> bool:
    """Whether a field's metadata makes its text something other than free text: a pattern
    (an id, a reference, a link, a code) or the :data:`~.model.common.Keyword` mark."""
    return isinstance(metadata, KeywordText) or getattr(metadata, "pattern", None) is not None


def _plain_text(annotation: Any, metadata: Iterable[Any] = ()) -> bool:
    """Whether a field of this annotation holds free text: ``str`` with no constraint on its
    content, alone, optional, in a tuple, or beside ``bool`` (a published section's heading)."""
    if any(_constrains(m) for m in metadata):
        return False
    origin = typing.get_origin(annotation)
    if annotation is str:
        return True
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _plain_text(base, extra)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a not in (type(None), bool)]
        return bool(args) and all(_plain_text(a) for a in args)
    if origin is tuple:
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        return len(args) == 1 and _plain_text(args[0])
    return False


@functools.cache
def _text_fields(cls: type[BaseModel]) -> frozenset[str]:
    return frozenset(
        name
        for name, info in cls.model_fields.items()
        if _plain_text(info.annotation, info.metadata)
    )


def _scrub_fields(value: Any, scrub: NameScrubber) -> Any:
    """``value`` with the names replaced in every free text field, and nowhere else."""
    if isinstance(value, BaseModel):
        text = _text_fields(type(value))
        changes: dict[str, Any] = {}
        for field in type(value).model_fields:
            old = getattr(value, field)
            if field in text:
                new = _scrub_text(old, scrub)
            elif isinstance(old, BaseModel | tuple):
                new = _scrub_fields(old, scrub)
            else:
                continue
            if new != old:
                changes[field] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_scrub_fields(item, scrub) for item in value)
        return items if items != value else value
    return value


def _scrub_text(value: Any, scrub: NameScrubber) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, tuple):
        return tuple(scrub(v) if isinstance(v, str) else v for v in value)
    return value


def redact(arrangement: Arrangement, *, all_names: bool = False) -> Arrangement:
    """A new arrangement without the names of posts marked ``publish_name: false``, and
    without the ``notes`` of any record not marked ``notes_public: true``.

    With ``all_names`` every person's name is removed. Posts, titles and organisations stay.
    A removed name written into free text elsewhere (a note, a group's name) is replaced
    there by :data:`WITHHELD`.
    """
    names = private_names(arrangement, all_names=all_names)
    result = _strip(arrangement, all_names)
    scrub = NameScrubber(names)
    if scrub:
        result = _scrub_fields(result, scrub)
    assert isinstance(result, Arrangement)
    return result


def private_names(arrangement: Arrangement, *, all_names: bool = False) -> tuple[str, ...]:
    """The names :func:`redact` removes, longest first (for scrubbing free text)."""
    names = {
        post.name
        for post in _posts(arrangement)
        if post.name and (all_names or not post.publish_name)
    }
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def redact_findings(findings: Iterable[Finding], names: Iterable[str]) -> tuple[Finding, ...]:
    """Findings whose messages name no private person (the check ran on the full file)."""
    import attrs

    scrub = NameScrubber(names)
    chosen = tuple(findings)
    if not scrub:
        return chosen
    return tuple(attrs.evolve(f, message=scrub(f.message), path=scrub(f.path)) for f in chosen)
