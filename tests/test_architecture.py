"""The folder layout is the architecture: one layer table, in the design page, checked here.

The table in ``docs/explanation/design.md`` (section "Layers") places every top-level module
or package of ``src/safeguarding_partnership`` in a layer. This test reads that table, walks
every import in the source (at module level and inside functions) and fails on a module the
table does not place, an import from a higher layer, an import cycle, or an import between
two modules of ``rules/core`` other than ``_facts``. It reads the page's tree too: every
package and public module must be in it, and every file it names must exist.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

from safeguarding_partnership.rules.core._facts import loops

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "safeguarding_partnership"
DESIGN = ROOT / "docs" / "explanation" / "design.md"
PACKAGE = "safeguarding_partnership"


def layer_table(text: str) -> dict[str, int]:
    """``{top-level name: layer}`` from the design page's layer table."""
    layers: dict[str, int] = {}
    for line in text.splitlines():
        match = re.match(r"^\|\s*(\d+)\s*\|([^|]*)\|", line)
        if match:
            for name in re.findall(r"`([^`]+)`", match.group(2)):
                layers[name] = int(match.group(1))
    return layers


LAYERS = layer_table(DESIGN.read_text(encoding="utf-8"))


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "templates" not in p.parts)


def _name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join((PACKAGE, *parts)).removesuffix(".__init__")


MODULES = {_name(p): p for p in _modules()}


def _resolve(target: str, names: list[str]) -> set[str]:
    """The modules an import statement names: ``from a.b import c`` is ``a.b.c`` if a module."""
    found = set()
    for name in names:
        if f"{target}.{name}" in MODULES:
            found.add(f"{target}.{name}")
        elif target in MODULES:
            found.add(target)
    if not names and target in MODULES:
        found.add(target)
    return found


def imports(path: Path) -> set[str]:
    """Every module of the package this file imports, anywhere in the file."""
    own = _name(path)
    package = own if path.name == "__init__.py" else own.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                found |= _resolve(target, [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE + "."):
                    found |= _resolve(alias.name, [])
    found.discard(own)
    return found


GRAPH = {name: imports(path) for name, path in MODULES.items()}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_the_table_is_read() -> None:
    assert {"cli", "rules", "plugins", "law"} <= set(LAYERS)
    assert LAYERS["errors"] < LAYERS["model"] < LAYERS["rules"] < LAYERS["plugins"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    own = _top(module)
    assert own in LAYERS, f"{module}: no place in the layer table of design.md; settle it first"
    for imported in GRAPH[module]:
        other = _top(imported)
        assert LAYERS[other] <= LAYERS[own], (
            f"{module} imports {imported} (layer {LAYERS[other]}) from layer {LAYERS[own]}"
        )


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles: the loops of the import graph (the same Tarjan's algorithm as
    STRUCT-001's reporting loops, one copy in the rules' shared facts)."""
    return loops(
        {v: set(graph.get(v, ())) for v in {*graph, *(w for ws in graph.values() for w in ws)}}
    )


def test_no_import_cycle_at_any_level() -> None:
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_planted_cycle() -> None:
    planted = {**GRAPH, f"{PACKAGE}.law": {*GRAPH[f"{PACKAGE}.law"], f"{PACKAGE}.cli"}}
    assert _cycles(planted)
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c"]]


def test_core_rule_modules_import_only_facts() -> None:
    core = f"{PACKAGE}.rules.core"
    for module, targets in GRAPH.items():
        if module.startswith(core + ".") and module != f"{core}._facts":
            siblings = {t for t in targets if t.startswith(core + ".")}
            assert siblings <= {f"{core}._facts"}, f"{module} imports {siblings}"


def test_rules_and_reports_never_import_each_other() -> None:
    for module, targets in GRAPH.items():
        tops = {_top(t) for t in targets}
        if _top(module) == "rules":
            assert "reports" not in tops, module
        if _top(module) == "reports":
            assert "rules" not in tops, module


def test_nothing_imports_the_cli() -> None:
    for module, targets in GRAPH.items():
        if module not in (f"{PACKAGE}.__main__", f"{PACKAGE}.cli"):
            assert f"{PACKAGE}.cli" not in targets, module


def test_no_module_over_600_lines() -> None:
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}


def test_public_modules_have_sorted_all() -> None:
    for name, path in MODULES.items():
        if path.name.startswith("_") and path.name != "__init__.py":
            continue
        module = importlib.import_module(name)
        names = getattr(module, "__all__", None)
        assert names is not None, f"{name} has no __all__"
        for exported in names:
            assert hasattr(module, exported), f"{name}.__all__ names missing {exported}"


def test_example_plugins_import_only_the_plugin_api_and_the_model() -> None:
    """The havering and bhr plugins are separate distributions: one import for plugin authors
    (``safeguarding_partnership.plugins``) and the model they read, nothing else."""
    allowed = {f"{PACKAGE}.plugins", f"{PACKAGE}.model"}
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "plugins").glob("*/src/*/*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE):
                found.setdefault(node.module or "", set()).add(path.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(PACKAGE):
                        found.setdefault(alias.name, set()).add(path.name)
    assert found, "the example plugins import nothing of ours: the test reads the wrong files"
    assert set(found) <= allowed, {m: f for m, f in found.items() if m not in allowed}


def _tree(text: str) -> dict[str, list[str]]:
    """``{top-level entry: the .py files its description names}`` from the design page's tree
    (the ``text`` block under "Layers"): ``rules/`` with ``core/`` as ``rules/core/``."""
    block = text.split("## Layers", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    tree: dict[str, list[str]] = {}
    current = ""
    for line in block.splitlines()[1:]:  # below the package's own line
        first = re.match(r"^( {2}| {4})(\S+)", line)
        described = line
        if first is not None:
            depth, name = len(first.group(1)), first.group(2)
            if all(word.endswith(".py") for word in line.split()):  # a line of modules alone
                tree.update((module, []) for module in line.split())
                current = ""
                continue
            current = name if depth == 2 else f"{current.split('/')[0]}/{name}"
            tree[current] = []
            described = line[first.end() :]
        tree.setdefault(current, []).extend(re.findall(r"\b(\w+\.py)\b", described))
    tree.pop("", None)
    return tree


TREE = _tree(DESIGN.read_text(encoding="utf-8"))


def test_the_tree_names_every_package_and_public_module() -> None:
    """The design page's tree is the layout: every package and public module is in it."""
    present = {f"{p.name}/" for p in SRC.iterdir() if (p / "__init__.py").is_file()}
    present |= {p.name for p in SRC.glob("*.py") if not p.name.startswith("_")}
    assert present <= set(TREE), sorted(present - set(TREE))


@pytest.mark.parametrize("entry", sorted(TREE))
def test_what_the_tree_names_exists(entry: str) -> None:
    """Every entry of the tree, and every ``.py`` its description names, is in the source."""
    assert (SRC / entry).exists(), entry
    if entry.endswith("/"):
        for module in TREE[entry]:
            assert (SRC / entry / module).is_file(), (entry, module)


def test_the_tree_reader_sees_a_planted_mistake() -> None:
    text = DESIGN.read_text(encoding="utf-8").replace("selection.py", "choosing.py")
    assert "choosing.py" in _tree(text)["rules/"]
    assert "selection.py" in TREE["rules/"] and "core/" not in TREE
    assert "rules/core/" in TREE and "errors.py" in TREE and "testing/" in TREE
