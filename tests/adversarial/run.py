"""Run the adversarial corpus at a size ``n`` and count what went wrong.

    python tests/adversarial/run.py --n 2000 [--shape cycles ...] [--timeout 30]

Each case runs as its own process with an address-space limit (``--memory-kb``) and a
timeout. A case fails when it times out, exits with a code it may not (every case: one of
the documented 0-4), prints a traceback, or leaves forbidden text (a private name) in a file
it wrote. The last line gives the counts; the exit status is 1 if any case failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adversarial._run import run_cli
from adversarial.corpus import SHAPES, Case, build

__all__ = ["judge", "main"]


def judge(case: Case, timeout: float, memory_kb: int) -> tuple[str, str]:
    """Run one case: ``("ok" | "timeout" | "traceback" | "exit code" | "leak", detail)``."""
    outcome = run_cli(case.args, timeout=timeout, memory_kb=memory_kb, env=dict(case.env))
    detail = f"code={outcome.code} cpu={outcome.cpu:.1f}s wall={outcome.wall:.1f}s " + (
        f"peak={outcome.peak_kb // 1024}MB"
    )
    if outcome.timed_out:
        return "timeout", detail
    if outcome.traceback:
        return "traceback", detail + "\n" + outcome.stderr[-1500:]
    if outcome.code not in case.codes:
        return "exit code", detail + "\n" + (outcome.stderr or outcome.stdout)[-1500:]
    if case.out is not None and case.out.is_dir():
        for path in case.out.rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                found = [f for f in case.forbidden if f in text]
                if found:
                    return "leak", f"{detail} {path.name} holds {found}"
    return "ok", detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="size of every shape (default 100)")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per input")
    parser.add_argument("--memory-kb", type=int, default=4_000_000, help="address space per input")
    parser.add_argument("--keep", type=Path, help="build the files here (default: a temp folder)")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="sp-adversarial-") as temp:
        root = args.keep or Path(temp)
        for shape in args.shape or sorted(SHAPES):
            for case in build(shape, args.n, root):
                verdict, detail = judge(case, args.timeout, args.memory_kb)
                counts[verdict] += 1
                print(f"{verdict:<9} {case.label:<40} {detail}", flush=True)
    total = sum(counts.values())
    print(
        f"n={args.n}: {total} inputs, {counts['traceback']} tracebacks, "
        f"{counts['timeout']} timeouts, {counts['exit code']} wrong exit codes, "
        f"{counts['leak']} leaks"
    )
    return 0 if counts["ok"] == total else 1


if __name__ == "__main__":
    sys.exit(main())
