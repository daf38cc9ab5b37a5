"""Where the national check's processor time goes, stage by stage.

    python benchmarks/profile_national.py [benchmarks/data/national.json] [--runs 3]

The check is the command line's (``check FILE --format json -q``, the collector off as the
command line has it, output thrown away). Each stage is the processor time spent inside one
function, what it calls included (a timer wrapped round it, not a profiler, which would slow
the Python code many times more than the C code), the least over the runs, each in a fresh
interpreter. The imports the command line makes before the check are timed apart.
Used for the table in docs/performance.md ("Where the national check's time goes").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STAGES = (
    ("reading the file (json.loads for duplicate keys and limits)", "io/parse.py", "parse_file"),
    ("validating the JSON into models", "io/load.py", "_validate"),
    ("applying plugins, resolving references", "plugins/apply.py", "extend"),
    ("the rules, their findings made and located", "rules/engine.py", "run_rules"),
    ("of which locating the findings", "rules/engine.py", "_located"),
    ("of which making the findings", "rules/rule.py", "Rule.finding"),
    ("the registry rules", "pipeline.py", "check_registry"),
    ("writing the JSON output", "output/text.py", "check_json_pieces"),
)

_CHILD = r"""
import contextlib, gc, importlib, io, json, os, sys, time
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
gc.disable()
t0 = time.process_time()
from safeguarding_partnership._pydantic_plugins import no_plugin_loader
no_plugin_loader()
from safeguarding_partnership.cli import main
import safeguarding_partnership.cli.check, safeguarding_partnership.output.text
import safeguarding_partnership.pipeline, safeguarding_partnership.plugins.apply
imported = time.process_time() - t0
spent = {}

def add(label, start):
    spent[label] = spent.get(label, 0.0) + time.process_time() - start

def pieces(label, made):  # a generator's time is spent as it is read
    while True:
        start = time.process_time()
        try:
            piece = next(made)
        except StopIteration:
            add(label, start)
            return
        add(label, start)
        yield piece

def timed(label, function):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            result = function(*args, **kwargs)
        finally:
            add(label, start)
        return pieces(label, result) if hasattr(result, "__next__") else result
    return wrapper

for label, suffix, name in json.loads(sys.argv[2]):
    module = importlib.import_module(
        "safeguarding_partnership." + suffix.removesuffix(".py").replace("/", ".")
    )
    owner, _, attribute = name.rpartition(".")
    holder = getattr(module, owner) if owner else module
    original = getattr(holder, attribute)
    wrapped = timed(label, original)
    setattr(holder, attribute, wrapped)
    for other in list(sys.modules.values()):  # names imported with "from ... import"
        if getattr(other, "__name__", "").startswith("safeguarding_partnership"):
            for key, value in list(vars(other).items()):
                if value is original:
                    setattr(other, key, wrapped)
with contextlib.redirect_stdout(io.StringIO()):
    start = time.process_time()
    try:
        main(["check", sys.argv[1], "--format", "json", "-q"])
    except SystemExit:
        pass
    total = time.process_time() - start
print(json.dumps({"imports before the check": imported, "the check": total, **spent}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "benchmarks/data/national.json"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    best: dict[str, float] = {}
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, args.file, json.dumps(STAGES)],
            capture_output=True,
            text=True,
            check=True,
        )
        for key, value in json.loads(done.stdout.splitlines()[-1]).items():
            best[key] = min(value, best.get(key, value))
    order = ["imports before the check", "the check", *(label for label, _, _ in STAGES)]
    width = max(len(k) for k in order)
    for key in order:
        print(f"{key:<{width}}  {best.get(key, 0.0) * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
