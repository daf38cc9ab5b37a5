"""Field descriptions from attribute docstrings, read only when a JSON Schema is made.

Every field of the model is documented by the string literal under it. pydantic's
``use_attribute_docstrings`` would read those strings when each class is created, by finding
and parsing the class's source: about a quarter of the cost of importing the model, paid on
every ``check`` although only the JSON Schema (``schema``, editors) uses the descriptions.
:class:`DocumentedModel` reads them instead when its JSON Schema is generated (by
:class:`DescribedSchema`), with the same result: a field's description is the docstring under
it in the nearest class that declares the field, unless the field gives its own
``description``. It also defers building validators to their first use (``defer_build``).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import (
    DEFAULT_REF_TEMPLATE,
    GenerateJsonSchema,
    JsonSchemaMode,
    JsonSchemaValue,
)

if TYPE_CHECKING:
    from pydantic_core import core_schema

__all__ = ["DescribedSchema", "DocumentedModel", "attribute_docstrings"]


def _own_docstrings(cls: type) -> dict[str, str]:
    """The docstrings under the annotated attributes of one class's own body (as pydantic
    reads them: a string statement right after ``name: type [= value]``)."""
    import ast
    import inspect
    import textwrap

    try:
        source = textwrap.dedent("".join(inspect.getsourcelines(cls)[0]))
    except (OSError, TypeError):
        return {}
    if source.startswith((" ", "\t")):  # a string less indented than the class body
        source = f"def _wrap():\n{source}"
    try:
        tree = ast.parse(source).body[0]
    except SyntaxError:
        return {}
    if isinstance(tree, ast.FunctionDef) and tree.name == "_wrap":
        tree = tree.body[0]
    if not isinstance(tree, ast.ClassDef):
        return {}
    docs: dict[str, str] = {}
    for before, node in zip(tree.body, tree.body[1:], strict=False):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            docs[before.target.id] = inspect.cleandoc(node.value.value)
    return docs


@functools.cache
def attribute_docstrings(cls: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring, by field name: from the nearest class of ``cls``'s MRO whose body
    declares the field (a field declared again without a docstring has none)."""
    docs: dict[str, str] = {}
    for name in cls.model_fields:
        for klass in cls.__mro__:
            if name in vars(klass).get("__annotations__", {}):
                doc = _own_docstrings(klass).get(name)
                if doc is not None:
                    docs[name] = doc
                break
    return docs


class DescribedSchema(GenerateJsonSchema):
    """JSON Schema generation that gives each field of a class with
    ``__attribute_docstrings__ = True`` its docstring as its description."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls: type[BaseModel] = schema["cls"]
        properties = json_schema.get("properties")
        if not getattr(cls, "__attribute_docstrings__", False) or not properties:
            return json_schema
        docs = attribute_docstrings(cls)
        for name, field in cls.model_fields.items():
            key = _key(name, field, self.mode, self.by_alias)
            if field.description is None and name in docs and key in properties:
                # as pydantic does: the field's own keys override its type's, and then any
                # that repeat what a referenced definition says are dropped
                described = {**properties[key], "description": docs[name]}
                properties[key] = self.handle_ref_overrides(described)
        return json_schema


def _key(name: str, field: Any, mode: str, by_alias: bool) -> str:
    """The property name a field has in a schema of ``mode``."""
    if not by_alias:
        return name
    alias = field.validation_alias if mode == "validation" else field.serialization_alias
    return alias if isinstance(alias, str) else field.alias or name


class DocumentedModel(BaseModel):
    """Base of models whose fields are documented by the docstring under each: their JSON
    Schema gives each field that docstring as its description (any schema generator given
    is used instead). Validators are built on first use."""

    model_config = ConfigDict(defer_build=True)
    __attribute_docstrings__: ClassVar[bool] = True

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = DescribedSchema,
        mode: JsonSchemaMode = "validation",
        **options: Any,
    ) -> dict[str, Any]:
        """The JSON Schema of the model, each field described by its docstring."""
        return super().model_json_schema(
            by_alias=by_alias,
            ref_template=ref_template,
            schema_generator=schema_generator,
            mode=mode,
            **options,
        )
