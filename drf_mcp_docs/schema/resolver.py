"""Schema cleaning for the processor: references to component schemas kept as
``{"$ref": "Name"}`` leaves, other components and document pointers inlined once,
OpenAPI 3.1 boolean sub-schemas turned into objects, and noise dropped."""

from __future__ import annotations

import re
from typing import Any

from drf_mcp_docs.schema.refs import REF_PREFIX, pointed, ref_name

_DROPPED_KEYS = frozenset({"title", "xml", "externalDocs"})
#: Values that are data, not schemas: kept as written (a ``title`` key in an example stays).
_DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum"})


class Resolver:
    """Cleans schemas, keeping references to component schemas as ``{"$ref": "Name"}``.

    A component schema is stored once, in ``ApiSchema.components``; every use of it is a
    ``{"$ref": "Name"}`` leaf (with the reference's own keywords beside it, such as
    ``readOnly`` or ``nullable``), so processing costs the size of the document, not the
    size of every expansion of it. References to other kinds of components (parameters,
    requestBodies, responses, headers...), common in hand-written OpenAPI files, are
    inlined where they stand, each cleaned once and shared.
    """

    def __init__(self, components: Any, document: Any = None) -> None:
        self.document = document if isinstance(document, dict) else {}
        components = components if isinstance(components, dict) else {}
        raw = components.get("schemas", {})
        self.raw = raw if isinstance(raw, dict) else {}
        self.components = components
        self._inlined: dict[str, Any] = {}

    def resolve(self, schema: Any, *, seen: frozenset[str] = frozenset()) -> Any:
        if isinstance(schema, list):
            return [self.resolve(item, seen=seen) for item in schema]
        if not isinstance(schema, dict):
            return schema
        ref = schema.get("$ref")
        if isinstance(ref, str):
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            component = ref.startswith("#/components/") and ref.count("/") == 3
            if ref.startswith("#/") and not component:
                return self._pointer(ref, siblings, seen)
            if component and not ref.startswith(REF_PREFIX):
                return self._component(ref, siblings, seen)
            name = ref_name(ref)
            return (
                {"$ref": name, **self.resolve(siblings, seen=seen)} if siblings else {"$ref": name}
            )
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1:
            # drf-spectacular wraps a $ref in allOf to attach readOnly/nullable/description.
            inner = self.subschema(all_of[0], seen)
            rest = self.resolve({k: v for k, v in schema.items() if k != "allOf"}, seen=seen)
            return _joined(inner, rest) if isinstance(inner, dict) else inner
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED_KEYS or _is_noise(key, value, schema):
                continue
            if key in _DATA_KEYS:
                out[key] = value
                continue
            if key in _NAMED_SCHEMAS and isinstance(value, dict):
                out[key] = {n: self.subschema(v, seen) for n, v in value.items()}
            elif key in _NAMED and isinstance(value, dict):
                # names, not keywords: a media type "xml", a mapping's "title" are kept
                out[key] = {n: self.resolve(v, seen=seen) for n, v in value.items()}
            elif key in _SUBSCHEMA:
                out[key] = self.subschema(value, seen)
            elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
                out[key] = [self.subschema(v, seen) for v in value]
            else:
                out[key] = self.resolve(value, seen=seen)
        return out

    def subschema(self, value: Any, seen: frozenset[str] = frozenset()) -> Any:
        """A value in a schema position: OpenAPI 3.1's boolean schemas become objects.

        ``true`` (anything) is ``{}`` and ``false`` (nothing) is ``{"not": {}}``, so the
        code reading records only ever meets dicts there.
        """
        if value is True:
            return {}
        if value is False:
            return {"not": {}}
        return self.resolve(value, seen=seen)

    def _pointer(self, ref: str, siblings: dict[str, Any], seen: frozenset[str]) -> Any:
        """A reference elsewhere in the document (``#/paths/...``, or deep inside a
        component): its target, inlined where it stands ({} if it names nothing)."""
        if ref in seen:
            return {}
        resolved = self._inlined.get(ref)
        if resolved is None:
            target = pointed(self.document, ref)
            resolved = {} if target is None else self.resolve(target, seen=seen | {ref})
            self._inlined[ref] = resolved
        if siblings and isinstance(resolved, dict):
            return {**resolved, **self.resolve(siblings, seen=seen)}
        return resolved

    def _component(self, ref: str, siblings: dict[str, Any], seen: frozenset[str]) -> Any:
        """Inline a non-schema component (``#/components/<kind>/<name>``); {} if unknown."""
        if ref in seen:
            return {}
        resolved = self._inlined.get(ref)
        if resolved is None:
            kind, _, name = ref[len("#/components/") :].partition("/")
            target = self.components.get(kind, {})
            target = target.get(name) if isinstance(target, dict) else None
            resolved = {} if target is None else self.resolve(target, seen=seen | {ref})
            self._inlined[ref] = resolved
        if siblings and isinstance(resolved, dict):
            return {**resolved, **self.resolve(siblings, seen=seen)}
        return resolved


_NAMED_SCHEMAS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
#: Maps whose keys are names (media types, headers, a discriminator's values...), none of
#: them a keyword to drop: ``{"content": {"xml": ...}}`` is a media type (VTEX's).
_NAMED = frozenset({"content", "encoding", "headers", "mapping", "links", "callbacks"})
#: Keys whose value is one schema (``additionalProperties`` keeps its boolean meaning).
_SUBSCHEMA = frozenset({"schema", "items", "not", "contains", "if", "then", "else"})
_SUBSCHEMA_LISTS = frozenset({"allOf", "oneOf", "anyOf", "prefixItems"})


def _joined(inner: dict[str, Any], rest: dict[str, Any]) -> dict[str, Any]:
    """A one-part ``allOf`` and its siblings as one schema: the siblings' keywords win
    (``readOnly``, ``nullable``, ``description``), but fields and required names add up
    (Box's ``{"allOf": [{...}], "required": ["signers"]}`` keeps the part's own too)."""
    out = {**inner, **rest}
    if isinstance(inner.get("properties"), dict) and isinstance(rest.get("properties"), dict):
        out["properties"] = {**inner["properties"], **rest["properties"]}
    if isinstance(inner.get("required"), list) and isinstance(rest.get("required"), list):
        out["required"] = list(dict.fromkeys([*inner["required"], *rest["required"]]))
    return out


_INT_BOUNDS = frozenset({2**31 - 1, -(2**31), 2**63 - 1, -(2**63)})
_ENUM_LISTING = re.compile(r"^(\* `[^`]*` - [^\n]*\n?)+$")


def _is_noise(key: str, value: Any, schema: dict[str, Any]) -> bool:
    """Facts the schema already states: int64 bounds, drf-spectacular's enum listings."""
    if key in ("maximum", "minimum") and value in _INT_BOUNDS:
        return True
    return key == "description" and "enum" in schema and bool(_ENUM_LISTING.match(str(value)))
