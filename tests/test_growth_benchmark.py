"""``benchmarks/growth.py`` runs and reports every figure as a ratio (never a time asserted)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_growth_reports_each_doubling_as_ratios(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("growth", ROOT / "benchmarks" / "growth.py")
    assert spec is not None and spec.loader is not None
    growth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(growth)
    out = tmp_path / "growth.json"
    growth.main(["--n", "4", "--repeat", "1", "--shape", "chains", "--json", str(out)])
    figures = json.loads(out.read_text(encoding="utf-8"))["chains"]
    assert figures["n"] == [4, 8, 16]
    assert len(figures["cpu_s"]) == len(figures["peak_mb"]) == 3
    assert all(value > 0 for value in figures["cpu_s"] + figures["peak_mb"])
    for key in ("time_2n", "time_4n", "memory_2n", "memory_4n"):
        assert figures[key] > 0
    assert figures["met"] == all(
        figures[k] <= growth.TARGET for k in ("time_2n", "time_4n", "memory_2n", "memory_4n")
    )
