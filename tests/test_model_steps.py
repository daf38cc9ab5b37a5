"""The model's validation steps make the core schema pydantic's own markers make."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    PlainSerializer,
    WrapSerializer,
    WrapValidator,
)

from safeguarding_partnership.model.steps import (
    After,
    Before,
    PlainSerialiser,
    Wrap,
    WrapSerialiser,
)


def _after(value: str) -> str:
    return value


def _wrap(value: Any, handler: Any) -> Any:
    return handler(value)


def _dump(value: Any, handler: Any) -> Any:
    return handler(value)


def _text(value: Any) -> str:
    return str(value)


PAIRS = {
    "after": (AfterValidator(_after), After(_after)),
    "before": (BeforeValidator(_after), Before(_after)),
    "wrap": (WrapValidator(_wrap), Wrap(_wrap)),
    "wrap serialiser": (WrapSerializer(_dump), WrapSerialiser(_dump)),
    "plain serialiser": (
        PlainSerializer(_text, return_type=str, when_used="json"),
        PlainSerialiser(_text),
    ),
}


def _schema(marker: object) -> Any:
    class Probe(BaseModel):
        value: Annotated[str, marker]

    return Probe.__pydantic_core_schema__["schema"]["fields"]["value"]  # type: ignore[index]


@pytest.mark.parametrize("pydantics, ours", PAIRS.values(), ids=PAIRS.keys())
def test_a_step_makes_the_core_schema_of_pydantics_marker(pydantics: object, ours: object) -> None:
    assert _schema(ours) == _schema(pydantics)
