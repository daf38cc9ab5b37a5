"""What a command imports, by group: ``python -X importtime`` self times, median of runs.

    python benchmarks/importtime.py [--runs 9] [--pythonpath SRC ...] -- ARGS...

runs ``python -X importtime -m safeguarding_partnership ARGS`` (each in a fresh interpreter,
after one run that writes the ``.pyc`` files) and prints a Markdown table of the median self
time of each group of modules, in milliseconds. Tracing adds about half again: compare
columns measured together, not the figures with wall time. ``--pythonpath`` puts another
checkout's ``src`` first, to measure two commits side by side. Used for the start-up tables
of docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections import defaultdict

GROUPS = (
    ("our model (class creation included)", ("safeguarding_partnership.model",)),
    ("our rules", ("safeguarding_partnership.rules",)),
    ("our reference data", ("safeguarding_partnership.reference",)),
    ("our io", ("safeguarding_partnership.io",)),
    (
        "our plugins, output, cli and the rest",
        ("safeguarding_partnership",),
    ),
    ("the havering and bhr plugins", ("sp_havering", "sp_bhr")),
    (
        "pydantic, pydantic-core, annotated-types, typing-extensions",
        ("pydantic", "pydantic_core", "annotated_types", "typing_extensions", "typing_inspection"),
    ),
    ("attrs", ("attr", "attrs")),
    ("click", ("click",)),
    ("PyYAML with libyaml", ("yaml", "_yaml")),
    ("pluggy", ("pluggy",)),
    ("dateutil, six", ("dateutil", "six")),
    ("holidays", ("holidays",)),
    ("ruamel.yaml", ("ruamel",)),
    ("tomllib", ("tomllib",)),
)
METADATA = "`importlib.metadata` and what it brings"


def _group(name: str) -> str:
    for label, prefixes in GROUPS:
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return label
    return "the rest of the standard library"


def _one_run(args: list[str], env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "safeguarding_partnership", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = line.split(":", 1)[1].split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((depth, name.strip(), int(self_us)))
    totals: dict[str, float] = defaultdict(float)
    under_metadata = -1  # importtime lists children before their parent
    for i in range(len(rows) - 1, -1, -1):  # parents first, walking back
        depth, name, self_us = rows[i]
        if under_metadata >= 0 and depth <= under_metadata:
            under_metadata = -1
        if name == "importlib.metadata":
            under_metadata = depth
        totals[METADATA if under_metadata >= 0 else _group(name)] += self_us / 1000
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pythonpath", action="append", default=[])
    parser.add_argument("args", nargs="+")
    options = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if options.pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(options.pythonpath)
    _one_run(options.args, env)  # writes the .pyc files
    runs = [_one_run(options.args, env) for _ in range(options.runs)]
    labels = [label for label, _ in GROUPS] + [METADATA, "the rest of the standard library"]
    print("| group | ms |\n| --- | --- |")
    total = 0.0
    for label in labels:
        value = statistics.median(run.get(label, 0.0) for run in runs)
        total += value
        print(f"| {label} | {value:.1f} |")
    print(f"| **total** | **{total:.1f}** |")


if __name__ == "__main__":
    main()
