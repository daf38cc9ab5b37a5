"""The lazy JSON position index agrees with the eager YAML-parser index it replaces."""

from __future__ import annotations

import json
from random import Random

from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from safeguarding_partnership.io.json_positions import JsonPositions
from safeguarding_partnership.io.locations import index_ruamel

# the YAML parser reads an escaped astral character as two surrogates: keep to the BMP
_text = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=5)
_scalars = st.none() | st.booleans() | st.integers() | _text
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=20,
)


def test_positions_of_nested_values() -> None:
    text = '{\n "a": [1, {"b": "x,]}", "c": [[], {}]}],\n "d\\"e": {"f": null}\n}'
    positions = JsonPositions(text)
    assert positions.get(("a", 1, "c")) == (2, 25, 2, 30)
    assert positions.get(('d"e', "f")) == (3, 11, 3, 16)
    assert positions.get(("a", 7)) is None
    assert ("a", 0) in positions


@given(_values, st.sampled_from([None, 1, 2]))
def test_agrees_with_the_yaml_index(value: object, indent: int | None) -> None:
    text = json.dumps({"root": value}, indent=indent)
    eager = index_ruamel(YAML(typ="rt").load(text))
    lazy = JsonPositions(text)
    for path, position in eager.items():
        assert lazy.get(path) == position


def test_malformed_text_gives_no_position() -> None:
    assert JsonPositions('{"a": [1, 2').get(("a", 0)) is None


@given(_values, st.sampled_from([None, 1, 2]))
def test_the_lazy_yaml_index_agrees_with_the_eager_one(value: object, indent: int | None) -> None:
    from safeguarding_partnership.io.locations import ruamel_positions

    tree = YAML(typ="rt").load(json.dumps({"root": value}, indent=indent))
    lazy = ruamel_positions(tree)
    for path, position in index_ruamel(tree).items():
        assert lazy.get(path) == position


@given(_values, st.sampled_from([None, 1, 2]), st.randoms(use_true_random=False))
def test_prefetching_some_paths_changes_no_position(
    value: object, indent: int | None, random: Random
) -> None:
    text = json.dumps({"root": value}, indent=indent)
    eager = index_ruamel(YAML(typ="rt").load(text))
    paths = list(eager)
    random.shuffle(paths)
    positions = JsonPositions(text)
    positions.prefetch(paths[: len(paths) // 2])
    positions.prefetch(paths[len(paths) // 3 :])
    for path in reversed(paths):
        assert positions.get(path) == eager[path]


def test_lines_counted_from_checkpoints_in_any_order() -> None:
    """A file of many lines, looked up backwards and forwards after a prefetch."""
    data = {"items": [{"n": i, "text": "x" * (i % 50)} for i in range(20_000)]}
    text = json.dumps(data, indent=1)
    lines = text.splitlines()
    positions = JsonPositions(text)
    wanted = [("items", i, "text") for i in range(0, 20_000, 997)]
    positions.prefetch(wanted[::2])
    for path in [*reversed(wanted), *wanted]:
        key_line, key_col, line, col = positions[path]
        assert (key_line, key_col) == (line, col - len('"text": '))
        assert lines[line - 1][col - 1 :].startswith('"' + "x" * (path[1] % 50) + '"')


def test_a_digit_key_and_a_digit_index() -> None:
    text = '{"2024": {"a": 1}, "list": [{"b": 2}, {"b": 3}]}'
    positions = JsonPositions(text)
    positions.prefetch([("2024", "a"), ("list", "1", "b")])
    assert positions.get(("2024", "a")) == (1, 11, 1, 16)
    assert positions.get(("list", "1", "b")) == positions.get(("list", 1, "b")) == (1, 40, 1, 45)


def test_a_prefetch_reads_no_further_than_the_last_path_needs() -> None:
    """What follows the last child needed is not read (here it could not be: it is cut off)."""
    text = '{"a": {"b": 1, "c": 2}, "d": [1, 2'
    positions = JsonPositions(text)
    positions.prefetch([("a", "b")])
    assert positions.get(("a", "b")) == (1, 8, 1, 13)
    assert positions.get(("d", 0)) is None  # a lookup reads to the end, and finds it cut off
