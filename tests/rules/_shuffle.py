"""Shuffling every list of an arrangement's data, at every depth, for the order properties."""

from __future__ import annotations

import copy
import random
from typing import Any


def shuffled(data: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """A deep copy of ``data`` with every list in it, at any depth, in another order."""
    out = copy.deepcopy(data)
    _shuffle(out, rnd)
    return out


def _shuffle(value: Any, rnd: random.Random) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _shuffle(item, rnd)
    elif isinstance(value, list):
        rnd.shuffle(value)
        for item in value:
            _shuffle(item, rnd)
