"""The JSON Schema of strings as the loader reads them: with surrounding whitespace stripped.

The model strips whitespace from text before checking it (``str_strip_whitespace``), so the
loader accepts ``id: " scp "`` as ``scp``. A schema that checked the raw text would refuse what
the loader accepts. :class:`StrippedStrings` writes each pattern and maximum length of a
stripped string so that they apply to the text without its surrounding whitespace.
"""

from __future__ import annotations

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["StrippedStrings", "at_most_stripped", "pattern_stripped"]


def pattern_stripped(pattern: str) -> str:
    """An anchored pattern (``^...$``) that also allows whitespace around the match."""
    if pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$"):
        return rf"^\s*(?:{pattern[1:-1]})\s*$"
    return pattern  # unanchored: whitespace around a match changes nothing


def at_most_stripped(length: int) -> str:
    """A pattern for text at most ``length`` characters long once stripped."""
    if length <= 0:
        return r"^\s*$"
    if length == 1:
        return r"^\s*\S?\s*$"
    return rf"^\s*(?:\S(?:[\s\S]{{0,{length - 2}}}\S)?)?\s*$"


class StrippedStrings(GenerateJsonSchema):
    """Pydantic's schema generator, with stripped strings described as the loader reads them."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if not (self._config.str_strip_whitespace or schema.get("strip_whitespace")):
            return json_schema
        pattern = json_schema.get("pattern")
        if isinstance(pattern, str):
            json_schema["pattern"] = pattern_stripped(pattern)
        if "maxLength" in json_schema:
            length = json_schema.pop("maxLength")
            json_schema.setdefault("allOf", []).append({"pattern": at_most_stripped(length)})
        return json_schema
