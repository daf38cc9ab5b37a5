"""The synthetic national registry generator: reproducible, complete, and loads cleanly."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from safeguarding_partnership.io.parse import Limits
from safeguarding_partnership.pipeline import check_path

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sp_bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    gen = _generator()
    first = [p.read_bytes() for p in gen.write(tmp_path / "a", seed=3, scale=0.01)]
    second = [p.read_bytes() for p in gen.write(tmp_path / "b", seed=3, scale=0.01)]
    other = [p.read_bytes() for p in gen.write(tmp_path / "c", seed=4, scale=0.01)]
    assert first == second
    assert first[0] != other[0]


def test_small_registry_covers_england_and_loads(tmp_path: Path) -> None:
    gen = _generator()
    json_path, yaml_path = gen.write(tmp_path, seed=1, scale=0.01)
    data = gen.generate(seed=1, scale=0.01)
    assert len(data["arrangements"]) == 130
    schools = sum(len(a["relevant_agencies"]) for a in data["arrangements"])
    assert schools == 250
    # a registry as YAML is over YAML's default size limit (256 KiB, what the YAML parser reads
    # in bounded time whatever the text): the documented way is to raise it knowingly
    assert yaml_path.stat().st_size > Limits().bytes_for("yaml")
    for path, limits in ((json_path, Limits()), (yaml_path, Limits(max_bytes=4 * 1024 * 1024))):
        run = check_path(path, as_of=dt.date(2025, 4, 1), england=True, limits=limits)
        assert run.load_errors == ()
        assert len(run.results) == 130
        assert [f.rule_id for f in run.registry] == []
