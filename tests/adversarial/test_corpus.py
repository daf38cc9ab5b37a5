"""Every shape of the adversarial corpus, at a small size: each input ends within 30 s, with
a documented exit code (0-4, or the ones the case allows), no traceback, and no private name
left in what it wrote. The long run (``long_run.sh``) does the same at large sizes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .corpus import SHAPES, build
from .run import judge

SMALL = 20


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_input_of_the_shape_ends_soundly(tmp_path: Path, shape: str) -> None:
    cases = build(shape, SMALL, tmp_path)
    assert cases
    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = list(pool.map(lambda c: (c.label, *judge(c, 30, 4_000_000)), cases))
    assert [v for v in verdicts if v[1] != "ok"] == []
