"""Validation and serialisation steps applied straight to a type's core schema.

pydantic's ``AfterValidator``, ``BeforeValidator``, ``WrapValidator``, ``PlainSerializer``
and ``WrapSerializer`` inspect their function's signature every time a field uses them, to
learn whether it takes pydantic's ``info`` argument: some 540 inspections each time the
arrangement's validator is built, about a sixth of the build, which a one-file check pays on
every run. The steps here are for functions that take no ``info``: they make the same core
schema as pydantic's (so the same validation, serialisation and JSON Schema; a test compares
the schemas), without the inspection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

__all__ = ["After", "Before", "PlainSerialiser", "Wrap", "WrapSerialiser"]


class _Step:
    """A step: a function, and what it does to the core schema of the type it follows."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func

    def __repr__(self) -> str:
        return f"{type(self).__name__}({getattr(self.func, '__name__', self.func)})"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return self.apply(handler(source))

    def apply(self, schema: CoreSchema) -> CoreSchema:
        """The core schema of the type with this step."""
        raise NotImplementedError


class _Validator(_Step):
    __slots__ = ()
    make: ClassVar[Callable[..., Any]]

    def apply(self, schema: CoreSchema) -> CoreSchema:
        return cast(CoreSchema, type(self).make(self.func, schema))


class After(_Validator):
    """As ``AfterValidator(func)``: ``func(value)`` after the type's own validation."""

    __slots__ = ()

    make = staticmethod(core_schema.no_info_after_validator_function)


class Before(_Validator):
    """As ``BeforeValidator(func)``: ``func(value)`` before the type's own validation."""

    __slots__ = ()

    make = staticmethod(core_schema.no_info_before_validator_function)


class Wrap(_Validator):
    """As ``WrapValidator(func)``: ``func(value, handler)`` around the type's validation."""

    __slots__ = ()

    make = staticmethod(core_schema.no_info_wrap_validator_function)


class WrapSerialiser(_Step):
    """As ``WrapSerializer(func)`` of a function that returns ``Any``."""

    __slots__ = ()

    def apply(self, schema: CoreSchema) -> CoreSchema:
        ser = core_schema.wrap_serializer_function_ser_schema
        any_ = core_schema.any_schema()
        return _serialised(schema, ser(self.func, info_arg=False, return_schema=any_))


class PlainSerialiser(_Step):
    """As ``PlainSerializer(func, return_type=str, when_used="json")``: text in JSON."""

    __slots__ = ()

    def apply(self, schema: CoreSchema) -> CoreSchema:
        ser = core_schema.plain_serializer_function_ser_schema
        text = core_schema.str_schema()
        return _serialised(
            schema, ser(self.func, info_arg=False, return_schema=text, when_used="json")
        )


def _serialised(schema: CoreSchema, serialisation: Any) -> CoreSchema:
    """``schema``, given a way to serialise (every core schema may have one)."""
    cast("dict[str, Any]", schema)["serialization"] = serialisation
    return schema
