"""The lazy JSON position index agrees with the eager YAML-parser index it replaces."""

from __future__ import annotations

import json

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
