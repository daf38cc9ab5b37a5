"""Inputs for the fuzz harness: seed files in three syntaxes and ways to break them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "havering"
SEEDS = [
    (EXAMPLES / "havering.yaml").read_text(encoding="utf-8"),
    (EXAMPLES / "bhr.yaml").read_text(encoding="utf-8"),
]
KEYS = [
    "id",
    "name",
    "areas",
    "code",
    "groups",
    "reports_to",
    "partners",
    "role",
    "cadence",
    "organisation",
    "valid_from",
    "none",
    "kind",
    "settings",
    "plugins",
    "rules",
    "ignore",
]
JUNK = [
    ": ",
    "- ",
    "&a ",
    "*a",
    "[",
    "{",
    "}",
    "]",
    "'",
    '"',
    "\t",
    "\n  ",
    "!!python/object:os.system ",
    "~",
    "2019-02-30",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "=cmd|' /C calc'!A0",
    "\x00",
    "\ufeff",
    "\u202e",
    '"""',
    "[[x]]",
    "\\u0000",
]

FUZZ = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    deadline=None,
)
"""Settings for every fuzz test: the example count comes from the profile in force
(``HYPOTHESIS_PROFILE``: ``ci`` 25, ``dev`` 100, ``thorough`` 10,000, ``fuzz`` 100,000)."""


def plain(text: str) -> Any:
    """YAML text as plain JSON-able data (dates stay text)."""
    return json.loads(json.dumps(YAML(typ="safe", pure=True).load(text), default=str))


SEED_DATA = [plain(seed) for seed in SEEDS]


def as_syntax(data: Any, syntax: str) -> str:
    """Data written as ``yaml``, ``json`` or ``toml`` text (TOML cannot hold nulls: dropped)."""
    if syntax == "json":
        return json.dumps(data, indent=1, ensure_ascii=False)
    if syntax == "toml":
        return tomli_w.dumps(_no_nulls(data))
    import io

    stream = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(data, stream)
    return stream.getvalue()


def _no_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _no_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_no_nulls(v) for v in value if v is not None]
    return value


TEXT_SEEDS = {
    syntax: [as_syntax(data, syntax) for data in SEED_DATA] if syntax != "yaml" else SEEDS
    for syntax in ("yaml", "json", "toml")
}


@st.composite
def mutated(draw: st.DrawFn, seeds: list[str]) -> str:
    """A seed with one to four line- or character-level edits."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "replace"]))
        lines = text.splitlines(keepends=True)
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            start = draw(st.integers(0, max(0, len(text) - 1)))
            text = text[:start] + text[start + draw(st.integers(1, 40)) :]
        elif op == "insert":
            start = draw(st.integers(0, len(text)))
            junk = draw(st.one_of(st.text(max_size=20), st.sampled_from(JUNK)))
            text = text[:start] + junk + text[start:]
        elif op == "duplicate":
            lines.insert(j, lines[i])
            text = "".join(lines)
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        else:
            key = draw(st.sampled_from(KEYS))
            lines[i] = lines[i].replace(draw(st.sampled_from(KEYS)), key, 1)
            text = "".join(lines)
    return text


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=10)
    | st.sampled_from(["E09000016", "none", "quarterly", "2020-01-01", "local_authority"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=5)
    ),
    max_leaves=30,
)


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, *rest = path
    if isinstance(value, dict):
        return {k: (_replace(v, tuple(rest), new) if k == head else v) for k, v in value.items()}
    return [_replace(v, tuple(rest), new) if i == head else v for i, v in enumerate(value)]


leaf_values = (
    st.text(max_size=40)
    | st.sampled_from(JUNK)
    | st.none()
    | st.integers(-3, 10**6)
    | st.sampled_from(["2024-02-29", "2031-01-01", "1900-01-01", "quarterly", "monthly", ""])
)


@st.composite
def near_valid(draw: st.DrawFn) -> Any:
    """A seed's data with a few leaf values replaced: much of it still loads, so the renderers
    see hostile and odd values rather than only load errors."""
    index = draw(st.integers(0, len(SEED_DATA) - 1))
    data = SEED_DATA[index]
    leaves, texts = _LEAVES[index]
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.integers(0, 9)) < 8:  # mostly free text replaced by text: still loads
            path = draw(st.sampled_from(texts))
            data = _replace(
                data, path, draw(st.text(min_size=1, max_size=40) | st.sampled_from(JUNK))
            )
        else:
            data = _replace(data, draw(st.sampled_from(leaves)), draw(leaf_values))
    return data


def _text_leaves(data: Any) -> list[tuple[Any, ...]]:
    """Paths of text values that are free text (not ids, codes, dates, URLs or enum values)."""
    out = []
    for path in _leaves(data):
        value: Any = data
        for part in path:
            value = value[part]
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if isinstance(value, str) and (" " in value or key in _FREE_TEXT):
            out.append(path)
    return out


_FREE_TEXT = {"name", "title", "note", "reason", "description", "purpose", "summary"}
_LEAVES = [(_leaves(data), _text_leaves(data)) for data in SEED_DATA]
