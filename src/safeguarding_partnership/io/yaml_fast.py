"""Plain YAML read at C speed: libyaml's events, built into data and positions in one pass.

Most arrangements files are plain YAML: mappings, lists and scalars, with no tags, anchors
or aliases. For those, libyaml (through PyYAML's C extension) reads the text some fifty
times faster than the pure-Python round-trip parser, which is most of a one-file check's
parse time (:doc:`/explanation/performance`). :func:`load_plain` builds the same data and
the same positions as :func:`~safeguarding_partnership.io.parse.parse_text`'s round-trip
path would, or gives up (returns ``None``) at the first thing it does not read exactly as
that path does:

- any tag, a merge key (``<<``), a key that is not a scalar (an alias included), a
  repeated key, more than one document, a top level that is not a mapping; an anchor
  defined twice, an alias to an unknown anchor or inside its own anchored node, more
  aliases than the limit (an alias is otherwise read as ruamel reads it: the anchored
  value itself, where the anchor stands);
- a plain scalar that YAML 1.2 reads as a number other than a plain decimal integer or
  decimal fraction (``0o17``, ``1_000``, ``1e3``, ``.inf``), or one of the YAML 1.1
  booleans (``no``, ``on``...) the round-trip path refuses;
- nesting deeper than the depth limit;
- an empty value (``key:`` with nothing after it), which ruamel places where the next
  token starts;
- a tab anywhere (ruamel refuses tabs in some places libyaml allows), a NEL, LS or PS
  (line breaks to libyaml, not to ruamel), a byte order mark after the start;
- a single-pair mapping in a flow list (``[a: b]``): ruamel refuses ``["a":b]``;
- a second document end marker (``...``), which ruamel refuses; a block scalar that is
  empty or starts with an empty line (ruamel refuses some that libyaml reads);
- an anchored boolean (ruamel makes it a ``ScalarBoolean``, an int);
- any error libyaml reports, and libyaml not being installed.

Giving up costs nothing but time: the caller then reads the text with the round-trip
parser, which says exactly what is wrong and where. A test reads every YAML file of the
repository and a generated corpus both ways and compares data and positions.
"""

from __future__ import annotations

import re
from typing import Any

from safeguarding_partnership.io.yaml11 import AMBIGUOUS

__all__ = ["load_plain"]

_NULL = frozenset({"~", "null", "Null", "NULL"})
_BOOL = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FRACTION = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_NUMBERISH = frozenset("-+.0123456789")
"""First characters of every YAML 1.2 number (ruamel's resolver table): a plain scalar that
starts otherwise is text, a timestamp (kept as text) or one of the words above."""
_BLOCK = frozenset("|>")
_MERGE = "<<"
_VALUE = "="


class _GiveUp(Exception):
    """Raised inside the builder where the round-trip path must decide."""


def _scalar(value: str) -> Any:
    """A plain (unquoted, untagged) scalar as the round-trip loader builds it."""
    if not value:
        raise _GiveUp  # ruamel places an empty value where the next token starts
    if value in _NULL:
        return None
    first = value[0]
    if first in _NUMBERISH:
        if _INT.fullmatch(value):
            return int(value)
        if _FRACTION.fullmatch(value):
            return float(value)
        if _NUMBER.fullmatch(value):
            raise _GiveUp  # a number in another notation (0o17, 1e3, .inf...)
        return value  # a timestamp (dates are kept as text) or text such as "1 March"
    found = _BOOL.get(value)
    if found is not None:
        return found
    if value in (_MERGE, _VALUE) or value.lower() in AMBIGUOUS:
        raise _GiveUp
    return value


_NUMBER = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+""",
    re.X,
)
"""YAML 1.2's int and float patterns, as ruamel.yaml's resolver has them."""


def _parser(text: str) -> Any:
    try:
        from yaml import __with_libyaml__  # type: ignore[import-untyped]
        from yaml._yaml import CParser  # type: ignore[import-untyped]
    except ImportError:  # PyYAML missing, or built without libyaml
        return None
    return CParser(text) if __with_libyaml__ else None


def load_plain(text: str, max_depth: int, max_aliases: int) -> Any | None:
    """The data of a plain YAML text, its containers carrying the positions of their values
    as ruamel's round-trip containers do (``lc.key``, ``lc.value``, ``lc.item``; 0-based), or
    ``None`` if the text is not plain YAML as the module's docstring says, or libyaml is not
    installed."""
    if any(character in text for character in _GIVE_UP_CHARACTERS) or text.find(_BOM, 1) >= 0:
        return None
    if text.count("...") > 1 and len(_DOCUMENT_END.findall(text)) > 1:
        return None  # ruamel refuses a second "..."; libyaml reads past it
    try:
        parser = _parser(text)  # a lone surrogate cannot be encoded for libyaml
        if parser is None:
            return None
        return _build(parser, max_depth, max_aliases, text)
    except Exception:  # _GiveUp, or any libyaml error: the round-trip parser decides
        return None


_GIVE_UP_CHARACTERS = ("\t", "\x85", "\u2028", "\u2029")
"""A tab (ruamel refuses tabs in places libyaml allows); NEL, LS and PS, line breaks to
libyaml (YAML 1.1) but not to ruamel (YAML 1.2), so lines, values and errors differ."""
_BOM = "\ufeff"
"""A byte order mark after the start: libyaml skips one at the start of any line and counts
it as a column, ruamel keeps it as text and counts no column for it."""

_DOCUMENT_END = re.compile(r"(?:^|(?<=[\r\n]))\.\.\.(?=[ \r\n]|$)")
"""A document end marker ("..." at a line's start)."""


class _Marks(dict[Any, tuple[int, int, int, int]]):
    """Where a container's keys and values (or items) start: line and column, 0-based."""

    __slots__ = ()

    def key(self, key: Any) -> tuple[int, int]:
        line, column, _, _ = self[key]
        return line, column

    def value(self, key: Any) -> tuple[int, int]:
        _, _, line, column = self[key]
        return line, column

    def item(self, index: int) -> tuple[int, int]:
        line, column, _, _ = self[index]
        return line, column


class Mapping(dict[Any, Any]):
    """A mapping read from plain YAML, with the positions of its keys and values."""

    __slots__ = ("lc",)

    def __init__(self) -> None:
        super().__init__()
        self.lc = _Marks()


class Sequence(list[Any]):
    """A list read from plain YAML, with the positions of its items."""

    __slots__ = ("lc",)

    def __init__(self) -> None:
        super().__init__()
        self.lc = _Marks()


_SCALAR, _MAPPING, _SEQUENCE, _END, _DOCUMENT, _DOCUMENT_DONE, _START, _STREAM_DONE, _ALIAS = range(
    1, 10
)
_KINDS: dict[str, int] = {
    "ScalarEvent": _SCALAR,
    "MappingStartEvent": _MAPPING,
    "SequenceStartEvent": _SEQUENCE,
    "AliasEvent": _ALIAS,
    "MappingEndEvent": _END,
    "SequenceEndEvent": _END,
    "DocumentEndEvent": _DOCUMENT_DONE,
    "StreamStartEvent": _START,
    "DocumentStartEvent": _DOCUMENT,
    "StreamEndEvent": _STREAM_DONE,
}
"""libyaml's events by what the builder does with them (anything else: give up)."""


def _build(parser: Any, max_depth: int, max_aliases: int, text: str) -> Any:
    """Build the document from the parser's events, without recursion.

    Each open container is a frame: ``[container, pending key, key mark]``. An alias is the
    anchored value itself, positioned where the anchored value stands (as ruamel's composer
    makes an alias the anchored node). ``text`` is what the parser reads: libyaml counts no
    character for a byte order mark at its start."""
    shift = 1 if text.startswith(_BOM) else 0
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, Any]] = {}
    aliases = 0
    root: Any = None
    documents = 0
    get = parser.get_event
    kinds = _KINDS
    while True:
        event = get()
        kind = kinds.get(type(event).__name__, 0)
        if kind == 0:  # an event of no known kind
            raise _GiveUp
        if kind == _STREAM_DONE:
            break
        if kind == _DOCUMENT:
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                raise _GiveUp  # a second document, or a %YAML or %TAG directive
            continue
        if kind in (_START, _DOCUMENT_DONE):
            continue
        if kind == _END:
            stack.pop()
            continue
        if kind == _ALIAS:
            aliases += 1
            found = anchors.get(event.anchor)
            if found is None or aliases > max_aliases:
                raise _GiveUp
            value, mark = found
            if any(frame[0] is value for frame in stack):
                raise _GiveUp  # a loop: the alias is inside the node it refers to
        else:
            if event.tag is not None:
                raise _GiveUp
            mark = event.start_mark
            if kind == _SCALAR:
                style = event.style
                value = event.value if style else _scalar(event.value)
                if style in _BLOCK and (not value or value[0] == "\n"):
                    # ruamel refuses some leading blank lines libyaml reads ("more
                    # indented follow up line than first in a block scalar")
                    raise _GiveUp
            else:
                value = Mapping() if kind == _MAPPING else Sequence()
            anchor = event.anchor
            if anchor is not None:
                if value is True or value is False:
                    raise _GiveUp  # ruamel makes an anchored boolean a ScalarBoolean, an int
                if anchor in anchors:
                    raise _GiveUp  # an anchor defined twice
                anchors[anchor] = (value, mark)
        if not stack:
            if kind != _MAPPING:
                raise _GiveUp  # the top level is not a mapping
            root = value
            stack.append([value, _NO_KEY, None])
            continue
        frame = stack[-1]
        container = frame[0]
        if type(container) is Mapping:
            if frame[1] is _NO_KEY:  # this event is a key
                if kind != _SCALAR or value in container:  # a complex, alias or repeated key
                    raise _GiveUp
                frame[1] = value
                frame[2] = mark
                continue
            key = frame[1]
            key_mark = frame[2]
            frame[1] = _NO_KEY
            container[key] = value
            container.lc[key] = (key_mark.line, key_mark.column, mark.line, mark.column)
        else:
            container.lc[len(container)] = (mark.line, mark.column, mark.line, mark.column)
            container.append(value)
        if kind in (_MAPPING, _SEQUENCE):
            if len(stack) >= max_depth:
                raise _GiveUp
            if (
                kind == _MAPPING
                and type(container) is Sequence
                and event.flow_style
                and text[mark.index + shift] != "{"
            ):
                # a pair in a flow list ([a: b], [? a : b]; or an anchored {...}): ruamel
                # refuses some that libyaml reads (["a":b], the colon right after a quote)
                raise _GiveUp
            stack.append([value, _NO_KEY, None])
    if root is None:
        raise _GiveUp
    return root


_NO_KEY = object()
