"""Cheap scans of input text before (or after) a parser: what the parser would choke on.

``tomllib`` takes time and memory quadratic in a key's number of dotted parts (100,000 parts
in 200 KB: 22 s and out of memory), and Python refuses to make an integer of more than 4,300
digits, saying nowhere where it was. These scans find both in one linear pass over the text,
with the line and column, so that the file is refused as a located error instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import attrs

__all__ = ["Spot", "long_number", "toml_code", "toml_deep_key"]

_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_SPECIAL = re.compile(r"[\"'#]")
_KEY_RUN = re.compile(r"[\w+-]+(?:[ \t]*\.[ \t]*[\w+-]+)*")
_DIGITS = re.compile(r"\d[\d_]*")


@attrs.frozen
class Spot:
    """A place in a text: 1-based line and column."""

    line: int
    column: int


def _spot(text: str, offset: int) -> Spot:
    line_start = text.rfind("\n", 0, offset) + 1
    return Spot(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _toml_pieces(text: str) -> Iterator[tuple[int, str]]:
    """The text with each string and comment replaced by ``x`` (a comment by nothing), as
    (offset in the original, piece) pairs. Linear: every search starts where the last ended."""
    i = 0
    n = len(text)
    while i < n:
        found = _SPECIAL.search(text, i)
        if found is None:
            yield i, text[i:]
            return
        start = found.start()
        yield i, text[i:start]
        char = text[start]
        if char == "#":
            end = text.find("\n", start)
            i = n if end < 0 else end
            continue
        triple = char * 3
        if text.startswith(triple, start):
            end = text.find(triple, start + 3)
            if end < 0:
                return  # an unclosed string: the parser will say so
            end += 3
            while end < n and text[end] == char:  # up to two quotes may end the content
                end += 1
        elif char == '"':
            match = _BASIC.match(text, start)
            end = match.end() if match else _line_end(text, start)
        else:
            close = text.find("'", start + 1)
            line_end = _line_end(text, start)
            end = close + 1 if 0 <= close < line_end else line_end
        yield start, "x"
        i = end


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def toml_code(text: str) -> list[tuple[int, str]]:
    """The TOML text outside strings and comments, in pieces with their offsets."""
    return list(_toml_pieces(text))


def toml_deep_key(text: str, max_parts: int) -> Spot | None:
    """Where the first key of more than ``max_parts`` dotted parts starts, if any.

    Outside strings and comments a dot in TOML belongs to a key or to a number (``1.5``, a
    time's fraction), so any run of more than ``max_parts`` dot-joined words is a key that
    deep (a quoted part counts as one word)."""
    code = "".join(piece for _, piece in _toml_pieces(text))
    for match in _KEY_RUN.finditer(code):
        if match.group().count(".") >= max_parts:
            return _spot_in_code(text, match.start())
    return None


def _spot_in_code(text: str, code_offset: int) -> Spot:
    """The place in ``text`` of an offset into its code (strings shortened to ``x``)."""
    seen = 0
    for offset, piece in _toml_pieces(text):
        if seen + len(piece) > code_offset:
            if piece == "x" and text[offset] in "\"'":
                return _spot(text, offset)
            return _spot(text, offset + code_offset - seen)
        seen += len(piece)
    return _spot(text, len(text))


def long_number(text: str, *, skip_strings: bool = False) -> Spot | None:
    """Where the first run of more digits than Python turns into an integer starts, if any
    (``sys.get_int_max_str_digits``; underscores between digits, as TOML allows, count as
    nothing). With ``skip_strings`` TOML strings and comments are not searched."""
    most = sys.get_int_max_str_digits() or 0
    if not most:
        return None
    pieces = _toml_pieces(text) if skip_strings else iter([(0, text)])
    for offset, piece in pieces:
        if len(piece) <= most:
            continue
        for match in _DIGITS.finditer(piece):
            run = match.group()
            if len(run) > most and len(run) - run.count("_") > most:
                return _spot(text, offset + match.start())
    return None
