"""Writing an arrangement back out as YAML, TOML or JSON, keeping every field."""

from __future__ import annotations

import io
import json
from typing import Any

from pydantic import BaseModel

__all__ = ["dump_text", "dump_yaml", "to_data"]


def to_data(model: BaseModel, *, for_toml: bool = False) -> dict[str, Any]:
    """Plain data for a model: what was set is kept, so unknown stays unknown.

    TOML has no null, so for TOML an unknown value is left out (which reads back as unknown).
    """
    return model.model_dump(mode="json", exclude_unset=True, exclude_none=for_toml)


def dump_text(model: BaseModel, fmt: str) -> str:
    """The model as ``yaml``, ``toml`` or ``json`` text."""
    if fmt == "json":
        return json.dumps(to_data(model), indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        import tomli_w

        return tomli_w.dumps(to_data(model, for_toml=True))
    if fmt == "yaml":
        return dump_yaml(to_data(model))
    raise ValueError(f"unknown format {fmt!r}")


def dump_yaml(data: object) -> str:
    """Plain data as block-style YAML, keys in their given order."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
