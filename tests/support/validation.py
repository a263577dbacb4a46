"""OpenAPI schemas as plain JSON Schema (2020-12), to validate examples with ``jsonschema``.

OpenAPI 3.1 schemas already are JSON Schema 2020-12; 3.0 schemas are a dialect of an
older draft. :func:`to_json_schema` rewrites either into one self-contained 2020-12 schema
for one direction of traffic:

- 3.0 ``nullable: true`` adds ``"null"`` to ``type`` (and ``None`` to ``enum``); beside a
  ``$ref``/``allOf``/``oneOf``/``anyOf`` with no ``type`` (drf-spectacular's way to make a
  reference nullable) it allows ``null`` next to the rest;
- 3.0 boolean ``exclusiveMinimum``/``exclusiveMaximum`` become the numeric form;
- a ``readOnly`` property is not required in a request, a ``writeOnly`` one not in a
  response (OpenAPI says so for both versions);
- references to ``#/components/schemas/Name`` (raw documents) and the processor's bare
  ``{"$ref": "Name"}`` leaves point into ``$defs`` built from ``components``;
- OpenAPI-only keywords (``discriminator``, ``xml``, ``externalDocs``, ``example``) are
  dropped; unknown keywords are ignored by JSON Schema anyway.

Only the standard library is used here: ``jsonschema`` is a test dependency.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_mcp_docs.schema.examples.conformance import is_openapi_31
from drf_mcp_docs.schema.refs import REF_PREFIX

_DROPPED = frozenset({"discriminator", "xml", "externalDocs", "example", "nullable"})
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions"})
_SCHEMA_LISTS = frozenset({"allOf", "oneOf", "anyOf", "prefixItems"})
_SCHEMA_VALUES = frozenset(
    {
        "items",
        "additionalProperties",
        "not",
        "contains",
        "propertyNames",
        "if",
        "then",
        "else",
        "unevaluatedProperties",
        "unevaluatedItems",
        "additionalItems",
    }
)


def to_json_schema(
    schema: Any,
    *,
    for_request: bool,
    openapi_version: str = "3.0.3",
    components: Mapping[str, Any] | None = None,
) -> Any:
    """``schema`` (with the ``components`` its references name) as one 2020-12 schema."""
    converter = _Converter(for_request, not is_openapi_31(openapi_version))
    root = converter.convert(schema)
    defs = {name: converter.convert(value) for name, value in (components or {}).items()}
    if not defs:
        return root
    if isinstance(root, bool):
        root = {} if root else {"not": {}}
    return {**root, "$defs": defs}


def _pointer(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


class _Converter:
    def __init__(self, for_request: bool, openapi_30: bool) -> None:
        self.for_request = for_request
        self.openapi_30 = openapi_30

    def convert(self, schema: Any) -> Any:
        if isinstance(schema, bool):
            return schema
        if not isinstance(schema, dict):
            return {}
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED and (self.openapi_30 or key != "example"):
                continue
            if key == "$ref" and isinstance(value, str):
                out[key] = self._ref(value)
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                out[key] = {n: self.convert(v) for n, v in value.items()}
            elif key in _SCHEMA_LISTS and isinstance(value, list):
                out[key] = [self.convert(v) for v in value]
            elif key in _SCHEMA_VALUES:
                out[key] = self.convert(value) if isinstance(value, (dict, bool)) else value
            elif key == "dependentSchemas" and isinstance(value, dict):
                out[key] = {n: self.convert(v) for n, v in value.items()}
            else:
                out[key] = value
        self._required(out)
        if self.openapi_30:
            self._bounds(out)
            if schema.get("nullable") is True:
                out = self._nullable(out)
        return out

    def _ref(self, ref: str) -> str:
        if ref.startswith(REF_PREFIX):
            rest = ref[len(REF_PREFIX) :]
            name, slash, tail = rest.partition("/")
            return f"#/$defs/{name}{slash}{tail}" if slash else f"#/$defs/{name}"
        if ref.startswith("#"):
            return ref
        return f"#/$defs/{_pointer(ref)}"

    @staticmethod
    def _bounds(out: dict[str, Any]) -> None:
        for exclusive, bound in (
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ):
            flag = out.get(exclusive)
            if isinstance(flag, bool):
                if flag and bound in out:
                    out[exclusive] = out.pop(bound)
                else:
                    del out[exclusive]

    @staticmethod
    def _nullable(out: dict[str, Any]) -> dict[str, Any]:
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif isinstance(kind, list):
            if "null" not in kind:
                out["type"] = [*kind, "null"]
        elif any(k in out for k in ("$ref", "allOf", "oneOf", "anyOf")):
            return {"anyOf": [{"type": "null"}, out]}
        enum = out.get("enum")
        if isinstance(enum, list) and None not in enum:
            out["enum"] = [*enum, None]
        return out

    def _required(self, out: dict[str, Any]) -> None:
        required, props = out.get("required"), out.get("properties")
        if not isinstance(required, list) or not isinstance(props, dict):
            return
        flag = "readOnly" if self.for_request else "writeOnly"
        kept = [
            name
            for name in required
            if not (isinstance(props.get(name), dict) and props[name].get(flag) is True)
        ]
        if len(kept) != len(required):
            out["required"] = kept
