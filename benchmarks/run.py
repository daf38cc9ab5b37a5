"""Benchmarks, each figure a ratio to a baseline measured in the same run.

Every command runs as a subprocess, timed with ``time.perf_counter``; each figure is the
median of ``--repeat`` runs. The two commands of a time ratio run in turn (one, the other,
one...), so that a drift in the machine's speed falls on both. The processor time of each
run (user and system, from ``os.wait4``) is kept too, in ``raw`` and ``cpu``: on a shared
machine it varies less than wall time. Peak memory is the child's ``ru_maxrss`` (one fresh
wrapper process per
measurement, so earlier children do not count). Data comes from ``benchmarks/generate.py``,
generated first if missing. ``--scale 10`` also checks a registry ten times the national one
(about 95 MB of JSON) and reports how time and memory grow from 1 to 2 to 10.

    python benchmarks/run.py [--repeat 5] [--json results.json] [--scale 10]
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

AREA = "E09000016"
"""The area of the one-area file (``generate.py --area``)."""
AREA_SCALE = "0.1"
"""Its size: 19 schools, 2 groups, 23 meeting dates and 2 reviews, about 8 KB of YAML."""

TARGETS = {
    "vs_check_jsonschema": 0.7,
    "check_vs_validate": 2.0,
    "memory_vs_validate": 1.25,
    "scaling_2n": 2.1,
    "cold_start": 1.3,
    "check_small_vs_import": 4.5,
}
"""The target of each figure (at most)."""

SCALE_TARGETS = {"scaling_10n": 11.0}
"""Targets of the figures that only ``--scale 10`` measures."""

_BARE = (
    "import sys\n"
    "from safeguarding_partnership.model import Registry\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    Registry.model_validate_json(f.read())\n"
)
_BARE_NO_GC = "import gc\ngc.disable()\n" + _BARE
"""Bare validation with the cyclic garbage collector off, as the command line runs (for
comparison only: the figure's baseline is bare validation as anyone would run it)."""
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["CI"] = "true"  # no progress bar, no terminal colours
    # the warm-up run writes .pyc files, as an installed package has them: without them every
    # run would compile the package's sources again
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


CPU: dict[str, float] = {}
"""Median processor time (user + system) of each command timed, by the key of its figure."""
SPREAD: dict[str, tuple[float, float]] = {}
"""Fastest and slowest wall time of each command timed, by the key of its figure."""


def _once(cmd: list[str]) -> tuple[float, float]:
    """One run of ``cmd``: its wall time and its processor time (user + system)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env())
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4
    if child.returncode not in (0, 1):  # 1: findings; anything else timed a refusal
        raise SystemExit(f"{' '.join(cmd)} exited {child.returncode}: no figure from it")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def _keep(key: str, runs: list[tuple[float, float]]) -> float:
    """Record the runs' median processor time and wall-time range under ``key``; return
    their median wall time."""
    times = [wall for wall, _ in runs]
    if key:
        CPU[key] = statistics.median(cpu for _, cpu in runs)
        SPREAD[key] = (min(times), max(times))
    return statistics.median(times)


def seconds(cmd: list[str], repeat: int, key: str = "") -> float:
    """Median wall time of ``cmd`` over ``repeat`` runs (after one warm-up run); its median
    processor time goes in ``CPU[key]`` and its range in ``SPREAD[key]``."""
    _once(cmd)  # the first run warms the file cache and .pyc files
    return _keep(key, [_once(cmd) for _ in range(repeat)])


def paired(
    top: tuple[str, list[str]], bottom: tuple[str, list[str]], repeat: int
) -> tuple[float, float]:
    """Median wall times of a figure's two commands, run in turn (top, bottom, top, ...)
    after a warm-up run of each: a machine whose speed drifts during the run (a shared one
    does) then slows or speeds both sides of the ratio alike, instead of one block of runs."""
    _once(top[1])
    _once(bottom[1])
    ups: list[tuple[float, float]] = []
    downs: list[tuple[float, float]] = []
    for _ in range(repeat):
        ups.append(_once(top[1]))
        downs.append(_once(bottom[1]))
    return _keep(top[0], ups), _keep(bottom[0], downs)


def peak_bytes(cmd: list[str]) -> int:
    """Peak resident memory of ``cmd``, in bytes (Linux reports ru_maxrss in KiB)."""
    out = subprocess.run(
        [PYTHON, "-c", _PEAK, *cmd], capture_output=True, text=True, env=_env(), check=True
    )
    return int(out.stdout.strip()) * 1024


def _generate(path: Path, *args: str) -> Path:
    if not path.exists():
        subprocess.run([PYTHON, str(HERE / "generate.py"), *args], check=True, env=_env())
    return path


def ensure_data(scale_10: bool = False) -> dict[str, Path]:
    """The national registry JSON, its double (and with ``scale_10`` its tenfold), and the
    one-area file, generated if missing."""
    data = {
        "1": _generate(DATA / "national.json", "--scale", "1"),
        "2": _generate(DATA / "national-x2.json", "--scale", "2"),
        "area": _generate(
            DATA / f"area-{AREA}-x{AREA_SCALE}.yaml", "--area", AREA, "--scale", AREA_SCALE
        ),
    }
    if scale_10:
        data["10"] = _generate(DATA / "national-x10.json", "--scale", "10")
    return data


def check_cmd(path: Path) -> list[str]:
    # the tenfold registry is over the default 64 MiB input limit
    size = str(max(path.stat().st_size + 1, 64 * 1024 * 1024))
    return [SP, "check", str(path), "--as-of", AS_OF, "--format", "json", "-q", "--max-bytes", size]


def _scale_10(
    data: dict[str, Path], repeat: int, figures: dict[str, float], raw: dict[str, float]
) -> None:
    """How time and memory grow from the national registry to its double and tenfold."""
    raw["check_national_x10_s"] = seconds(check_cmd(data["10"]), repeat, "check_national_x10_s")
    raw["peak_national_x2_bytes"] = peak_bytes(check_cmd(data["2"]))
    raw["peak_national_x10_bytes"] = peak_bytes(check_cmd(data["10"]))
    raw["national_x10_json_bytes"] = data["10"].stat().st_size
    figures["scaling_10n"] = raw["check_national_x10_s"] / raw["check_national_s"]
    figures["memory_2n"] = raw["peak_national_x2_bytes"] / raw["peak_national_bytes"]
    figures["memory_10n"] = raw["peak_national_x10_bytes"] / raw["peak_national_bytes"]


def measure(repeat: int, scale_10: bool = False) -> dict[str, object]:
    data = ensure_data(scale_10)
    one, two = data["1"], data["2"]
    figures: dict[str, float] = {}
    raw: dict[str, float] = {}
    ratios = {  # figure: (numerator, denominator), for the processor-time ratios
        "check_vs_validate": ("check_national_s", "validate_national_s"),
        "check_vs_validate_no_gc": ("check_national_s", "validate_national_no_gc_s"),
        "scaling_2n": ("check_national_x2_s", "check_national_s"),
        "cold_start": ("version_s", "import_pydantic_s"),
        "check_small_vs_import": ("check_area_s", "import_pydantic_again_s"),
        "vs_check_jsonschema": ("check_havering_s", "check_jsonschema_havering_s"),
        "scaling_10n": ("check_national_x10_s", "check_national_s"),
    }

    def timed(key: str, cmd: list[str], runs: int) -> float:
        raw[key] = seconds(cmd, runs, key)
        return raw[key]

    def pair(top: str, top_cmd: list[str], bottom: str, bottom_cmd: list[str], runs: int) -> None:
        raw[top], raw[bottom] = paired((top, top_cmd), (bottom, bottom_cmd), runs)

    pair(
        "check_national_s",
        check_cmd(one),
        "validate_national_s",
        [PYTHON, "-c", _BARE, str(one)],
        repeat,
    )
    figures["check_vs_validate"] = raw["check_national_s"] / raw["validate_national_s"]
    timed("validate_national_no_gc_s", [PYTHON, "-c", _BARE_NO_GC, str(one)], repeat)
    figures["check_vs_validate_no_gc"] = raw["check_national_s"] / raw["validate_national_no_gc_s"]

    timed("check_national_x2_s", check_cmd(two), repeat)
    figures["scaling_2n"] = raw["check_national_x2_s"] / raw["check_national_s"]

    pair(
        "version_s",
        [SP, "--version"],
        "import_pydantic_s",
        [PYTHON, "-c", "import pydantic"],
        repeat * 2,
    )
    figures["cold_start"] = raw["version_s"] / raw["import_pydantic_s"]

    # against the same baseline runs as cold_start, in turn with them
    area = [SP, "check", str(data["area"]), "--as-of", AS_OF, "-q"]
    pair(
        "check_area_s",
        area,
        "import_pydantic_again_s",
        [PYTHON, "-c", "import pydantic"],
        repeat * 2,
    )
    figures["check_small_vs_import"] = raw["check_area_s"] / raw["import_pydantic_again_s"]

    havering = ROOT / "examples" / "havering" / "havering.yaml"
    schema = DATA / "arrangements.schema.json"
    schema.write_bytes(subprocess.run([SP, "schema"], capture_output=True, check=True).stdout)
    cj = shutil.which("check-jsonschema", path=str(BIN)) or "check-jsonschema"
    pair(
        "check_havering_s",
        [SP, "check", str(havering), "-q"],
        "check_jsonschema_havering_s",
        [cj, "--schemafile", str(schema), str(havering)],
        repeat * 2,
    )
    figures["vs_check_jsonschema"] = raw["check_havering_s"] / raw["check_jsonschema_havering_s"]

    raw["peak_national_bytes"] = peak_bytes(check_cmd(one))
    raw["peak_validate_national_bytes"] = peak_bytes([PYTHON, "-c", _BARE, str(one)])
    raw["national_json_bytes"] = one.stat().st_size
    figures["memory_vs_validate"] = raw["peak_national_bytes"] / raw["peak_validate_national_bytes"]

    if scale_10:
        _scale_10(data, repeat, figures, raw)

    cpu = {
        figure: CPU[top] / CPU[bottom]
        for figure, (top, bottom) in ratios.items()
        if top in CPU and bottom in CPU
    }
    return {
        **{key: round(value, 3) for key, value in figures.items()},
        "targets": {**TARGETS, **(SCALE_TARGETS if scale_10 else {})},
        "cpu": {key: round(value, 3) for key, value in cpu.items()},
        "raw": {key: round(value, 4) for key, value in raw.items()},
        "cpu_s": {key: round(value, 4) for key, value in CPU.items()},
        "spread_s": {key: [round(lo, 4), round(hi, 4)] for key, (lo, hi) in SPREAD.items()},
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "machine": {
            "nproc": os.cpu_count(),
            "memory_bytes": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "repeat": repeat,
        "date": dt.date.today().isoformat(),
        "method": "subprocess wall time, median (cpu: user + system time, median); "
        "check is the CLI with --format json -q",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--scale",
        type=int,
        choices=(10,),
        help="also check the registry ten times the national one (time and memory growth)",
    )
    args = parser.parse_args(argv)
    results = measure(args.repeat, scale_10=args.scale == 10)
    cpu = results["cpu"]
    assert isinstance(cpu, dict)
    for key, target in {**TARGETS, **(SCALE_TARGETS if args.scale else {})}.items():
        value = results[key]
        assert isinstance(value, float)
        ok = value <= target
        on_cpu = f"  (cpu {cpu[key]:.3f})" if key in cpu else ""
        print(f"{key:22} {value:7.3f}  target {target:4}  {'met' if ok else 'MISSED'}{on_cpu}")
    for key in ("check_vs_validate_no_gc", "memory_2n", "memory_10n"):
        if key in results:
            print(f"{key:22} {results[key]:7.3f}")
    print(f"load average {results['load_average']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
