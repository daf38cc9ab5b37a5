"""JSON Schema drafts: pydantic writes draft 2020-12; editors read draft-07 best.

The YAML language server (VS Code's YAML extension) and most editors support draft-07 fully
and later drafts partly. :func:`to_draft7` rewrites the keywords pydantic uses that draft-07
spells differently: ``$defs`` and the ``$ref``\\ s into it, ``prefixItems``, and ``$ref`` with
sibling keywords (ignored by draft-07, so wrapped in ``allOf``). A keyword draft-07 cannot
express raises, so a schema is never quietly weakened.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DRAFTS", "to_draft7", "with_draft"]

DRAFTS = {
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
}
"""The drafts ``schema --draft`` offers, with each one's ``$schema`` address."""

_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_ONE = (
    "items",
    "additionalItems",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
)
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_NO_DRAFT7 = (
    "unevaluatedProperties",
    "unevaluatedItems",
    "minContains",
    "maxContains",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
)


def _ref(ref: str) -> str:
    return "#/definitions/" + ref[len("#/$defs/") :] if ref.startswith("#/$defs/") else ref


def _node(schema: Any) -> Any:
    """One (sub)schema in draft-07 spelling."""
    if not isinstance(schema, dict):
        return schema  # true / false
    unknown = sorted(k for k in _NO_DRAFT7 if k in schema)
    if unknown:
        raise ValueError(f"draft-07 has no equivalent of {', '.join(unknown)}")
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _SCHEMA_MAPS:
            name = "definitions" if key == "$defs" else key
            mapped = {k: _node(v) for k, v in value.items()}
            if key == "dependentSchemas":
                out.setdefault("dependencies", {}).update(mapped)
            else:
                out[name] = mapped
        elif key == "dependentRequired":
            out.setdefault("dependencies", {}).update(value)
        elif key == "prefixItems":
            out["items"] = [_node(v) for v in value]
            if "items" in schema:
                out["additionalItems"] = _node(schema["items"])
        elif key == "items" and "prefixItems" in schema:
            continue  # became additionalItems above
        elif key in _SCHEMA_ONE:
            out[key] = _node(value)
        elif key in _SCHEMA_LISTS:
            out[key] = [_node(v) for v in value]
        elif key == "$ref":
            out[key] = _ref(value)
        else:
            out[key] = value  # annotations and data (default, const, enum, examples)
    if "$ref" in out and len(out) > 1:
        # draft-07 ignores every keyword beside $ref: keep them by moving the $ref into allOf
        ref = out.pop("$ref")
        out = {"allOf": [{"$ref": ref}, *out.pop("allOf", [])], **out}
    return out


def to_draft7(schema: dict[str, Any]) -> dict[str, Any]:
    """A draft 2020-12 schema (as pydantic writes it) rewritten for draft-07."""
    converted: dict[str, Any] = _node(schema)
    converted["$schema"] = DRAFTS["draft-07"]
    return converted


def with_draft(schema: dict[str, Any], draft: str, schema_id: str) -> dict[str, Any]:
    """A pydantic schema declared as ``draft`` (a key of :data:`DRAFTS`), with its ``$id``."""
    if draft not in DRAFTS:
        raise ValueError(f"unknown draft {draft!r}: choose {' or '.join(DRAFTS)}")
    out = to_draft7(schema) if draft == "draft-07" else dict(schema)
    out["$schema"] = DRAFTS[draft]
    out["$id"] = schema_id
    return {"$schema": out.pop("$schema"), "$id": out.pop("$id"), **out}
