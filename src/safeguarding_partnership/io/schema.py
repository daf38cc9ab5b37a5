"""The JSON Schema of the arrangements file, for editors and other validators."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from safeguarding_partnership.io.schema_draft import with_draft
from safeguarding_partnership.io.schema_strings import StrippedStrings
from safeguarding_partnership.model import Arrangement
from safeguarding_partnership.model.schema_docs import DescribedSchema

__all__ = ["arrangement_schema", "schema_text"]

SCHEMA_ID = "https://safeguarding-partnership.readthedocs.io/schema/arrangements-1.json"


class ArrangementSchema(StrippedStrings, DescribedSchema):
    """The schema as the loader reads files: text patterns that allow the spaces the loader
    strips (:class:`.io.schema_strings.StrippedStrings`), and each field described by its
    docstring (:class:`.model.schema_docs.DescribedSchema`)."""


def arrangement_schema(
    settings: Mapping[str, type[BaseModel]] | None = None, draft: str = "draft-07"
) -> dict[str, Any]:
    """JSON Schema of one arrangements file, declared as ``draft`` (``draft-07``, which
    editors read best, or ``2020-12``; see :mod:`.io.schema_draft`).

    ``settings`` are the settings models of the core and plugins by name (as the
    ``register_settings_model`` hook gives them): each describes its section of the file's
    ``settings``; other sections stay free-form.
    """
    if not settings:
        schema = Arrangement.model_json_schema(
            mode="validation", schema_generator=ArrangementSchema
        )
    else:
        named = sorted(settings.items())
        refs, found = models_json_schema(
            [(Arrangement, "validation"), *((model, "validation") for _, model in named)],
            ref_template="#/$defs/{model}",
            schema_generator=ArrangementSchema,
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
    return with_draft(schema, draft, SCHEMA_ID)


def schema_text(
    settings: Mapping[str, type[BaseModel]] | None = None, draft: str = "draft-07"
) -> str:
    """The schema as stable, indented JSON text (arguments as for :func:`arrangement_schema`)."""
    return json.dumps(arrangement_schema(settings, draft), indent=2, sort_keys=True) + "\n"
