"""The JSON Schema of the arrangements file, for editors and other validators."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.schema_docs import DescribedSchema

__all__ = ["arrangement_schema", "schema_text"]

SCHEMA_ID = "https://safeguarding-partnership.readthedocs.io/schema/arrangements-1.json"


def arrangement_schema(settings: Mapping[str, type[BaseModel]] | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one arrangements file.

    ``settings`` are the settings models of the core and plugins by name (as the
    ``register_settings_model`` hook gives them): each describes its section of the file's
    ``settings``; other sections stay free-form.
    """
    if not settings:
        schema = Arrangement.model_json_schema(mode="validation")
    else:
        named = sorted(settings.items())
        refs, found = models_json_schema(
            [(Arrangement, "validation"), *((model, "validation") for _, model in named)],
            ref_template="#/$defs/{model}",
            schema_generator=DescribedSchema,
        )
        defs = found["$defs"]
        schema = defs.pop(refs[(Arrangement, "validation")]["$ref"].rsplit("/", 1)[-1])
        schema["$defs"] = defs
        sections = next(
            s for s in schema["properties"]["settings"]["anyOf"] if s.get("type") == "object"
        )
        sections["properties"] = {
            name: {"anyOf": [refs[(model, "validation")], {"type": "null"}]}
            for name, model in named
        }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def schema_text(settings: Mapping[str, type[BaseModel]] | None = None) -> str:
    """The schema as stable, indented JSON text (``settings`` as for
    :func:`arrangement_schema`)."""
    return json.dumps(arrangement_schema(settings), indent=2, sort_keys=True) + "\n"
