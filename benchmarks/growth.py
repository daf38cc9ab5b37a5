"""Growth of every hostile shape: time and memory at n, 2n and 4n, as ratios in one run.

The adversarial corpus (``tests/adversarial/corpus.py``) builds each hostile shape at a
size ``n``: cycles, chains, fan-out, many files, deep keys, huge numbers, extreme dates,
control characters, private names written oddly, special files, big files. This script
builds every shape at ``n``, ``2n`` and ``4n`` and runs each of its commands in its own
process (``tests/adversarial/_run.py``: an address-space limit and a timeout), summing the
processor time (user and system, from ``os.wait4``) of a shape's commands and keeping the
largest peak memory (``ru_maxrss``). Each figure is the median of ``--repeat`` runs.

A shape grows linearly (or as n log n) when each doubling costs at most about twice as
much: the target is ``<= 2.2`` for ``2n/n`` and ``4n/2n``, for time and for memory. The
start of the interpreter is in every figure, as it is in every real run; ``--n`` should
be large enough that the work, not the start, is most of the time (the default, 2000,
makes the largest shapes take seconds).

    python benchmarks/growth.py [--n 2000] [--repeat 3] [--shape chains ...] [--json growth.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from adversarial._run import run_cli  # noqa: E402
from adversarial.corpus import SHAPES, build  # noqa: E402

TARGET = 2.2
"""The most a doubling of ``n`` may multiply a shape's time or memory by."""

FACTORS = (1, 2, 4)


def measure(shape: str, n: int, repeat: int, timeout: float, memory_kb: int) -> tuple[float, int]:
    """Processor seconds (median over ``repeat``) of every command of ``shape`` at ``n``,
    and the largest peak memory (KB) any of them reached."""
    times: list[float] = []
    peak = 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="sp-growth-") as temp:
            total = 0.0
            for case in build(shape, n, Path(temp)):
                outcome = run_cli(
                    case.args, timeout=timeout, memory_kb=memory_kb, env=dict(case.env)
                )
                if outcome.timed_out:
                    raise SystemExit(f"{case.label} at n={n} timed out after {timeout} s")
                total += outcome.cpu
                peak = max(peak, outcome.peak_kb)
            times.append(total)
    return statistics.median(times), peak


def growth(
    n: int, repeat: int, shapes: list[str], timeout: float, memory_kb: int
) -> dict[str, object]:
    """Every shape's figures at n, 2n, 4n and the ratios of each doubling."""
    result: dict[str, object] = {}
    for shape in shapes:
        figures = [measure(shape, n * k, repeat, timeout, memory_kb) for k in FACTORS]
        cpu = [round(t, 3) for t, _ in figures]
        peak = [p for _, p in figures]
        ratios = {
            "time_2n": round(cpu[1] / cpu[0], 3),
            "time_4n": round(cpu[2] / cpu[1], 3),
            "memory_2n": round(peak[1] / peak[0], 3),
            "memory_4n": round(peak[2] / peak[1], 3),
        }
        result[shape] = {
            "n": [n * k for k in FACTORS],
            "cpu_s": cpu,
            "peak_mb": [round(p / 1024, 1) for p in peak],
            **ratios,
            "met": all(r <= TARGET for r in ratios.values()),
        }
        print(
            f"{shape:<20} cpu {cpu[0]:7.2f} {cpu[1]:7.2f} {cpu[2]:7.2f} s  "
            f"x{ratios['time_2n']:.2f} x{ratios['time_4n']:.2f}  "
            f"peak {peak[0] // 1024:5d} {peak[1] // 1024:5d} {peak[2] // 1024:5d} MB  "
            f"x{ratios['memory_2n']:.2f} x{ratios['memory_4n']:.2f}",
            flush=True,
        )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="the smallest size (default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per command")
    parser.add_argument(
        "--memory-kb", type=int, default=4_000_000, help="address space per command"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    result = growth(args.n, args.repeat, args.shape or sorted(SHAPES), args.timeout, args.memory_kb)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    missed = [shape for shape, figures in result.items() if not figures["met"]]  # type: ignore[index]
    print(f"over x{TARGET}: {', '.join(missed)}" if missed else f"all shapes within x{TARGET}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
