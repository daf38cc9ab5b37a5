"""Benchmarks, each figure a ratio to a baseline measured in the same run.

Every command runs as a subprocess, timed with ``time.perf_counter``; each figure is the
median of ``--repeat`` runs. Peak memory is the child's ``ru_maxrss`` (one fresh wrapper
process per measurement, so earlier children do not count). Data comes from
``benchmarks/generate.py``, generated first if missing.

    python benchmarks/run.py [--repeat 5] [--json results.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
BIN = Path(sys.executable).parent
PYTHON = sys.executable
SP = str(BIN / "safeguarding-partnership")
AS_OF = "2025-04-01"

TARGETS = {
    "check_vs_validate": 2.0,
    "scaling_2n": 2.2,
    "cold_start": 1.3,
    "vs_check_jsonschema": 1.0,
    "memory_vs_json": 10.0,
}
"""The target of each figure (at most; ``vs_check_jsonschema`` strictly below)."""

_BARE = (
    "import sys\n"
    "from safeguarding_partnership.model import Registry\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    Registry.model_validate_json(f.read())\n"
)
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["CI"] = "true"  # no progress bar, no terminal colours
    return env


def seconds(cmd: list[str], repeat: int) -> float:
    """Median wall time of ``cmd`` over ``repeat`` runs (after one warm-up run)."""
    times = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
        if i:  # the first run warms the file cache and .pyc files
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_bytes(cmd: list[str]) -> int:
    """Peak resident memory of ``cmd``, in bytes (Linux reports ru_maxrss in KiB)."""
    out = subprocess.run(
        [PYTHON, "-c", _PEAK, *cmd], capture_output=True, text=True, env=_env(), check=True
    )
    return int(out.stdout.strip()) * 1024


def ensure_data() -> tuple[Path, Path]:
    """The national registry JSON and its double, generated if missing."""
    one, two = DATA / "national.json", DATA / "national-x2.json"
    for path, scale in ((one, "1"), (two, "2")):
        if not path.exists():
            subprocess.run(
                [PYTHON, str(HERE / "generate.py"), "--scale", scale], check=True, env=_env()
            )
    return one, two


def check_cmd(path: Path) -> list[str]:
    return [SP, "check", str(path), "--as-of", AS_OF, "--format", "json", "-q"]


def measure(repeat: int) -> dict[str, object]:
    one, two = ensure_data()
    figures: dict[str, float] = {}
    raw: dict[str, float] = {}

    raw["check_national_s"] = seconds(check_cmd(one), repeat)
    raw["validate_national_s"] = seconds([PYTHON, "-c", _BARE, str(one)], repeat)
    figures["check_vs_validate"] = raw["check_national_s"] / raw["validate_national_s"]

    raw["check_national_x2_s"] = seconds(check_cmd(two), repeat)
    figures["scaling_2n"] = raw["check_national_x2_s"] / raw["check_national_s"]

    raw["version_s"] = seconds([SP, "--version"], repeat * 2)
    raw["import_pydantic_s"] = seconds([PYTHON, "-c", "import pydantic"], repeat * 2)
    figures["cold_start"] = raw["version_s"] / raw["import_pydantic_s"]

    havering = ROOT / "examples" / "havering" / "havering.yaml"
    schema = DATA / "arrangements.schema.json"
    schema.write_bytes(subprocess.run([SP, "schema"], capture_output=True, check=True).stdout)
    cj = shutil.which("check-jsonschema", path=str(BIN)) or "check-jsonschema"
    raw["check_havering_s"] = seconds([SP, "check", str(havering), "-q"], repeat * 2)
    raw["check_jsonschema_havering_s"] = seconds(
        [cj, "--schemafile", str(schema), str(havering)], repeat * 2
    )
    figures["vs_check_jsonschema"] = raw["check_havering_s"] / raw["check_jsonschema_havering_s"]

    raw["peak_national_bytes"] = peak_bytes(check_cmd(one))
    raw["national_json_bytes"] = one.stat().st_size
    figures["memory_vs_json"] = raw["peak_national_bytes"] / raw["national_json_bytes"]

    return {
        **{key: round(value, 3) for key, value in figures.items()},
        "targets": TARGETS,
        "raw": {key: round(value, 4) for key, value in raw.items()},
        "machine": {
            "nproc": os.cpu_count(),
            "memory_bytes": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "repeat": repeat,
        "date": dt.date.today().isoformat(),
        "method": "subprocess wall time, median; check is the CLI with --format json -q",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    results = measure(args.repeat)
    for key, target in TARGETS.items():
        value = results[key]
        assert isinstance(value, float)
        ok = value < target if key == "vs_check_jsonschema" else value <= target
        print(f"{key:22} {value:7.3f}  target {target:4}  {'met' if ok else 'MISSED'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
