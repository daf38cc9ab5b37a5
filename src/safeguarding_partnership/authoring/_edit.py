"""Editing a YAML document in place through a ruamel.yaml round trip.

Only a document that dumps back to exactly its own text is edited. New keys and list items
take the style of their neighbours (flow or block), and a comment that followed the last
value before the edit still follows it afterwards, so the lines outside an edit are kept
byte for byte.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import attrs

__all__ = ["Document", "Edits", "flow_list"]

Path = tuple[str | int, ...]


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a long line
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # [{code: E09000016}] stays so
    try:
        _, sequence, offset = load_yaml_guess_indent(text)
    except Exception:
        sequence, offset = None, None
    yaml.indent(mapping=2, sequence=sequence or 2, offset=offset or 0)
    return yaml


@attrs.define
class Document:
    """A YAML document that round-trips exactly, with its editable data."""

    yaml: Any
    data: Any

    @classmethod
    def load(cls, text: str) -> Document | None:
        """The document, or ``None`` if loading and dumping it changes any byte."""
        from ruamel.yaml.error import YAMLError

        yaml = _yaml(text)
        try:
            data = yaml.load(text)
            document = cls(yaml, data)
            same = document.dump() == text
        except (YAMLError, ValueError, TypeError):
            return None
        return document if same else None

    def dump(self) -> str:
        stream = io.StringIO()
        self.yaml.dump(self.data, stream)
        return stream.getvalue()


def flow_list(items: Sequence[str]) -> Any:
    """A list written inline, as ``[a, b]``."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _is_block(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return isinstance(node, CommentedMap | CommentedSeq) and not node.fa.flow_style()


def _trailing_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where the comment after a block node's last value is kept: (container, key, slot)."""
    from ruamel.yaml.comments import CommentedMap

    while _is_block(node) and len(node):
        key = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
        slot = 2 if isinstance(node, CommentedMap) else 0
        entry = node.ca.items.get(key)
        if entry and len(entry) > slot and entry[slot] is not None:
            return node, key, slot
        node = node[key]
    return None


def _split(container: Any, key: Any, slot: int) -> Any:
    """Take the comment lines after a value, leaving its end-of-line comment in place."""
    token = container.ca.items[key][slot]
    eol, newline, rest = token.value.partition("\n")
    if not eol.strip():  # no end-of-line comment: the whole token moves
        container.ca.items[key][slot] = None
        return token
    if not rest:
        return None
    token.value = eol + newline
    moved = copy.copy(token)
    moved.value = "\n" + rest
    return moved


def _take_trailing(parent: Any, key: Any) -> Any:
    """The comment lines that follow ``parent[key]`` (taken away), or ``None``."""
    entry = parent.ca.items.get(key)
    slot = 0 if isinstance(key, int) else 2
    if entry and len(entry) > slot and entry[slot] is not None:
        return _split(parent, key, slot)
    found = _trailing_slot(parent[key])
    return _split(*found) if found is not None else None


def _put_trailing(parent: Any, key: Any, token: Any) -> None:
    """Make ``token`` the comment after ``parent[key]``."""
    from ruamel.yaml.comments import CommentedMap

    node = parent[key]
    if _is_block(node) and isinstance(node, CommentedMap) and len(node):
        last = list(node.keys())[-1]
        node.ca.items.setdefault(last, [None, None, None, None])[2] = token
    elif isinstance(key, int):
        parent.ca.items.setdefault(key, [None, None, None, None])[0] = token
    else:
        parent.ca.items.setdefault(key, [None, None, None, None])[2] = token


def _widen(data: Any, path: Path, added: str) -> None:
    """Move the end-of-line comment of the flow line at ``path`` right by ``added``'s
    length, so that the gap before it stays as it was when the line grows."""
    if not path or _is_block(_node(data, path)):
        return
    parent, key = _node(data, path[:-1]), path[-1]
    entry = getattr(parent, "ca", None) and parent.ca.items.get(key)
    slot = 0 if isinstance(key, int) else 2
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None or not token.value.startswith("#") or token.start_mark is None:
        return
    mark = copy.copy(token.start_mark)
    mark.column += len(added)
    token.start_mark = mark


def _node(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _fresh(value: Any) -> Any:
    """A new object for each value written, so that no two places share one (ruamel would
    write an anchor and an alias for a shared date or list)."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, list):
        seq = CommentedSeq(_fresh(v) for v in value)
        if isinstance(value, CommentedSeq) and value.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    return value


def _styled(value: dict[str, Any], flow: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap((k, _fresh(v)) for k, v in value.items())
    if flow:
        item.fa.set_flow_style()
    return item


@attrs.define
class Edits:
    """Keys to set, list items to insert and values to append, applied in one go."""

    sets: list[tuple[Path, str, Any]] = attrs.field(factory=list)
    inserts: list[tuple[Path, int, dict[str, Any]]] = attrs.field(factory=list)
    appends: list[tuple[Path, Any]] = attrs.field(factory=list)

    def set(self, path: Path, key: str, value: Any) -> None:
        """Set ``key`` in the mapping at ``path`` (a new key goes last)."""
        self.sets.append((path, key, value))

    def insert(self, path: Path, after: int, item: dict[str, Any]) -> None:
        """Insert ``item`` into the list at ``path`` after index ``after`` (after items
        inserted there before)."""
        self.inserts.append((path, after, item))

    def append(self, path: Path, value: Any) -> None:
        """Append ``value`` to the list at ``path``."""
        self.appends.append((path, value))

    def apply(self, data: Any) -> None:
        for path, key, value in self.sets:
            mapping = _node(data, path)
            value = _fresh(value)
            if key in mapping:
                mapping[key] = value
                continue
            comment = (
                _take_trailing(mapping, list(mapping.keys())[-1]) if _is_block(mapping) else None
            )
            mapping[key] = value
            if comment is not None:
                _put_trailing(mapping, key, comment)
            _widen(data, path, f", {key}: {value}")
        for path, value in self.appends:
            _node(data, path).append(_fresh(value))
            _widen(data, path[:-1], f", {value}")
        groups: dict[tuple[Path, int], list[dict[str, Any]]] = {}
        for path, after, item in self.inserts:
            groups.setdefault((path, after), []).append(item)
        for (path, after), items in sorted(groups.items(), key=lambda g: -g[0][1]):
            seq = _node(data, path)
            anchor = min(after, len(seq) - 1)
            flow = not _is_block(seq[anchor]) if len(seq) else False
            comment = _take_trailing(seq, anchor) if len(seq) else None
            for n, item in enumerate(items, start=1):
                seq.insert(anchor + n, _styled(item, flow))
            if comment is not None:
                _put_trailing(seq, anchor + len(items), comment)
